/*
 * find.c: the reader's search: pattern, direction, current match, count.
 *
 * search.c matches; this module decides where to look from and keeps the
 * state the keys and the screen need. Every scan is done in slices of
 * FIND_SLICE bytes, so that the caller can stop between slices (a key
 * arrived during an incremental search, Ctrl-C during a long one) and
 * show how far it got.
 *
 * Matches are counted in idle time, a slice at a time, from the start of
 * the document; the count notes how many matches start before every
 * FIND_MARK bytes. The ordinal of the current match (the 38 of "38/118")
 * is then the note before it plus the matches between the note and the
 * match: at most FIND_MARK bytes to look at, however the reader got
 * there. Nothing here folds or copies the document.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lede.h"

#define FIND_SLICE	(1u << 20)
#define COUNT_SLICE	(256u << 10)	/* idle counting: a key waits for one */
#define FIND_MARK	(1u << 20)	/* a multiple of COUNT_SLICE */

void
find_init(struct find *f)
{
	memset(f, 0, sizeof *f);
	f->dir = 1;
}

/* Forget the count and the current match's ordinal. */
static void
find_count_reset(struct find *f)
{
	f->count_done = 0;
	f->count_gaveup = 0;
	f->count_pos = 0;
	f->total = 0;
	f->nmarks = 0;
	f->before = 0;
	f->index_known = 0;
}

/* Forget the pattern (and its matches). */
void
find_clear(struct find *f)
{
	search_destroy(f->s);
	free(f->pattern);
	f->s = NULL;
	f->pattern = NULL;
	f->have = 0;
	find_count_reset(f);
}

void
find_free(struct find *f)
{
	find_clear(f);
	free(f->marks);
	f->marks = NULL;
	f->capmarks = 0;
}

/*
 * Compile a new pattern. Returns 0, or -1 with an allocated *cause; the
 * old pattern is kept on failure.
 */
int
find_set(struct find *f, const char *pattern, int flags, int dir,
    char **cause)
{
	struct search	*s;

	if ((s = search_create(pattern, flags, cause)) == NULL)
		return -1;
	find_clear(f);
	f->s = s;
	f->pattern = xstrdup(pattern);
	f->flags = flags;
	f->dir = dir;
	return 0;
}

/*
 * Look for a match from offset from in direction dir (forward: starting
 * at or after from; backward: starting before from), without wrapping.
 * stop(arg, done, total) is asked between slices, and between the calls
 * of a slice a regular expression needs, with the bytes looked at so far
 * (plus base) out of total; if it returns 1 the search stops and returns
 * -1. Returns 1 with *ms, *me set, 0, or FIND_GAVEUP (search_error() on
 * f->s says why).
 */
static int
find_scan_from(const struct find *f, const struct doc *doc, size_t from,
    size_t limit, int dir, int (*stop)(void *, size_t, size_t), void *arg,
    size_t base, size_t *ms, size_t *me)
{
	size_t	lo, hi;
	int	r;

	if (f->s == NULL)
		return 0;
	if (dir > 0) {
		for (lo = from; lo < limit; lo = hi) {
			hi = limit - lo > FIND_SLICE ? lo + FIND_SLICE : limit;
			while ((r = search_next(f->s, doc->data, doc->len, lo,
			    hi, ms, me)) == SEARCH_MORE) {
				lo = *ms;
				if (stop != NULL &&
				    stop(arg, base + lo - from, doc->len))
					return -1;
			}
			if (r == SEARCH_FOUND)
				return 1;
			if (r == SEARCH_GAVEUP)
				return FIND_GAVEUP;
			doc_release(doc, lo, hi);
			if (hi < limit && stop != NULL &&
			    stop(arg, base + hi - from, doc->len))
				return -1;
		}
		return 0;
	}
	for (hi = from; hi > limit; hi = lo) {
		lo = hi - limit > FIND_SLICE ? hi - FIND_SLICE : limit;
		while ((r = search_prev(f->s, doc->data, doc->len, lo, hi, ms,
		    me)) == SEARCH_MORE) {
			hi = *ms;
			if (stop != NULL && stop(arg, base + from - hi,
			    doc->len))
				return -1;
		}
		if (r == SEARCH_FOUND)
			return 1;
		if (r == SEARCH_GAVEUP)
			return FIND_GAVEUP;
		doc_release(doc, lo, hi);
		if (lo > limit && stop != NULL &&
		    stop(arg, base + from - lo, doc->len))
			return -1;
	}
	return 0;
}

int
find_scan(const struct find *f, const struct doc *doc, size_t from,
    int dir, int (*stop)(void *, size_t, size_t), void *arg, size_t *ms,
    size_t *me)
{
	return find_scan_from(f, doc, from, dir > 0 ? doc->len : 0, dir, stop,
	    arg, 0, ms, me);
}

/*
 * Move to the next match in direction dir (relative to the search's own
 * direction) from offset from, wrapping around the document. Sets the
 * current match. Returns 1 (found), 2 (found after wrapping), 0 (none),
 * -1 (stopped) or FIND_GAVEUP.
 */
int
find_go(struct find *f, const struct doc *doc, size_t from, int dir,
    int (*stop)(void *, size_t, size_t), void *arg)
{
	size_t	ms, me, seen;
	int	r, wrapped = 0, next;

	if (from > doc->len)
		from = doc->len;
	r = find_scan_from(f, doc, from, dir > 0 ? doc->len : 0, dir, stop,
	    arg, 0, &ms, &me);
	if (r == 0) {
		/* Around the end: up to where it started, not again. */
		wrapped = 1;
		seen = dir > 0 ? doc->len - from : from;
		r = find_scan_from(f, doc, dir > 0 ? 0 : doc->len, from, dir,
		    stop, arg, seen, &ms, &me);
	}
	if (r != 1)
		return r;
	/*
	 * One match on from the current one: the ordinal follows. Else it
	 * is found again (find_index_step).
	 */
	next = f->have && f->index_known && ms != f->ms &&
	    (dir > 0 ? from == f->ms + 1 : from == f->ms);
	if (next && !wrapped)
		f->before = dir > 0 ? f->before + 1 : f->before - 1;
	else if (next && wrapped && dir > 0)
		f->before = 0;
	else if (next && wrapped && f->count_done)
		f->before = f->total - 1;
	else if (!f->have || ms != f->ms)
		f->index_known = 0;
	f->have = 1;
	f->ms = ms;
	f->me = me;
	return wrapped ? 2 : 1;
}

/* Note the count of matches before offset off, a multiple of FIND_MARK. */
static void
find_mark(struct find *f)
{
	if (f->nmarks == f->capmarks) {
		f->capmarks = f->capmarks ? f->capmarks * 2 : 64;
		f->marks = xreallocarray(f->marks, f->capmarks,
		    sizeof *f->marks);
	}
	f->marks[f->nmarks++] = f->total;
}

/*
 * Find the current match's ordinal, once the count has passed it: the
 * matches before the last note before it, and those from the note on.
 * Returns 1 if it is known.
 */
static int
find_index(struct find *f, const struct doc *doc)
{
	size_t	k, pos, ms, me, n;
	int	r = SEARCH_NONE;

	if (f->index_known)
		return 1;
	k = f->ms / FIND_MARK;
	if (!f->have || k >= f->nmarks)
		return 0;
	n = f->marks[k];
	pos = k * FIND_MARK;
	while (pos < f->ms) {
		r = search_next(f->s, doc->data, doc->len, pos, f->ms, &ms,
		    &me);
		if (r == SEARCH_MORE) {
			pos = ms;	/* a regular expression's call spent */
			continue;
		}
		if (r != SEARCH_FOUND)
			break;
		n++;
		pos = ms + 1;
	}
	if (r == SEARCH_GAVEUP)
		return 0;
	f->before = n;
	f->index_known = 1;
	return 1;
}

/*
 * How far matches may be counted now: the whole document, or, while it
 * is still being read, up to its last paragraph, which may grow.
 */
static size_t
find_count_limit(const struct doc *doc)
{
	struct block	b;

	if (!doc_reading(doc))
		return doc->len;
	return block_last(doc, &b) ? b.start : 0;
}

/*
 * Idle work: count matches for about one slice, or find the current
 * match's ordinal. Returns 1 when there is nothing left to do for now.
 * Slices end at multiples of COUNT_SLICE, so that the notes fall at
 * every FIND_MARK bytes whatever limited a slice before.
 */
int
find_count_step(struct find *f, const struct doc *doc)
{
	size_t	hi, ms, me, pos, limit;
	int	r = SEARCH_NONE;

	if (f->s == NULL)
		return 1;
	if (f->have && !f->index_known && find_index(f, doc))
		return 0;
	if (f->count_done)
		return 1;
	limit = find_count_limit(doc);
	if (f->count_pos % FIND_MARK == 0 &&
	    f->count_pos / FIND_MARK == f->nmarks)
		find_mark(f);
	if (f->count_pos >= limit) {
		if (!doc_reading(doc))
			f->count_done = 1;
		return 1;
	}
	hi = (f->count_pos / COUNT_SLICE + 1) * COUNT_SLICE;
	if (hi > limit)
		hi = limit;
	pos = f->count_pos;
	while (pos < hi && (r = search_next(f->s, doc->data, doc->len, pos, hi,
	    &ms, &me)) == SEARCH_FOUND) {
		f->total++;
		pos = ms + 1;
	}
	if (pos < hi && r == SEARCH_MORE) {
		f->count_pos = ms;	/* a regular expression's call spent */
		return 0;
	}
	if (pos < hi && r == SEARCH_GAVEUP) {
		f->count_done = 1;
		f->count_gaveup = 1;
		return 1;
	}
	doc_release(doc, f->count_pos, hi);
	f->count_pos = hi;
	if (hi == doc->len && !doc_reading(doc))
		f->count_done = 1;
	return 0;
}

/* Is there idle work left (counting, or the ordinal) that can be done? */
int
find_busy(const struct find *f, const struct doc *doc)
{
	if (f->s == NULL)
		return 0;
	if (f->have && !f->index_known && f->ms / FIND_MARK < f->nmarks)
		return 1;
	return !f->count_done && (f->count_pos < find_count_limit(doc) ||
	    !doc_reading(doc));
}

/*
 * The document changed from offset from on (a pipe or a followed file grew,
 * a file was cut): the count goes back to its last note before from and
 * goes on from there.
 */
void
find_doc_changed(struct find *f, const struct doc *doc, size_t from)
{
	size_t	k;

	if (f->count_pos > from) {
		k = from / FIND_MARK;
		if (k < f->nmarks) {
			f->total = f->marks[k];
			f->nmarks = k;
			f->count_pos = k * FIND_MARK;
		}
	}
	f->count_done = 0;
	if (f->have && f->me > doc->len) {
		f->have = 0;
		f->index_known = 0;
	}
}

/*
 * Matches in [from, to), for highlighting: appended to *v, *n (the caller
 * frees *v).
 */
void
find_matches(const struct find *f, const struct doc *doc, size_t from,
    size_t to, size_t **v, size_t *n)
{
	size_t	ms, me, cap = *n;
	int	r;

	if (f->s == NULL)
		return;
	while (from < to && (r = search_next(f->s, doc->data, doc->len, from,
	    to, &ms, &me)) != SEARCH_NONE && r != SEARCH_GAVEUP) {
		if (r == SEARCH_MORE) {
			from = ms;
			continue;
		}
		if (*n + 2 > cap) {
			cap = cap ? cap * 2 : 32;
			*v = xreallocarray(*v, cap, sizeof **v);
		}
		(*v)[(*n)++] = ms;
		(*v)[(*n)++] = me;
		from = ms + 1;
	}
}
