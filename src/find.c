/*
 * find.c: the reader's search: pattern, direction, current match, count.
 *
 * search.c matches; this module decides where to look from and keeps the
 * state the keys and the screen need. Every scan is done in slices of
 * FIND_SLICE bytes, so that the caller can stop between slices when a key
 * arrives (incremental search) and count matches in idle time. Nothing
 * here folds or copies the document.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lede.h"

#define FIND_SLICE	(4u << 20)
#define COUNT_SLICE	(256u << 10)	/* idle counting: a key waits for one */

void
find_init(struct find *f)
{
	memset(f, 0, sizeof *f);
	f->dir = 1;
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
	f->count_done = 0;
	f->count_gaveup = 0;
	f->count_pos = 0;
	f->total = 0;
	f->before = 0;
}

void
find_free(struct find *f)
{
	find_clear(f);
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
 * stop(arg) is asked between slices, and between the calls of a slice a
 * regular expression needs; if it returns 1 the search stops and returns
 * -1. Returns 1 with *ms, *me set, 0, or FIND_GAVEUP (search_error() on
 * f->s says why).
 */
int
find_scan(const struct find *f, const struct source *src, size_t from,
    int dir, int (*stop)(void *), void *arg, size_t *ms, size_t *me)
{
	size_t	lo, hi;
	int	r;

	if (f->s == NULL)
		return 0;
	if (dir > 0) {
		for (lo = from; lo < src->len; lo = hi) {
			hi = src->len - lo > FIND_SLICE ? lo + FIND_SLICE :
			    src->len;
			while ((r = search_next(f->s, src->data, src->len, lo,
			    hi, ms, me)) == SEARCH_MORE) {
				lo = *ms;
				if (stop != NULL && stop(arg))
					return -1;
			}
			if (r == SEARCH_FOUND)
				return 1;
			if (r == SEARCH_GAVEUP)
				return FIND_GAVEUP;
			if (hi < src->len && stop != NULL && stop(arg))
				return -1;
		}
		return 0;
	}
	for (hi = from; hi > 0; hi = lo) {
		lo = hi > FIND_SLICE ? hi - FIND_SLICE : 0;
		while ((r = search_prev(f->s, src->data, src->len, lo, hi, ms,
		    me)) == SEARCH_MORE) {
			hi = *ms;
			if (stop != NULL && stop(arg))
				return -1;
		}
		if (r == SEARCH_FOUND)
			return 1;
		if (r == SEARCH_GAVEUP)
			return FIND_GAVEUP;
		if (lo > 0 && stop != NULL && stop(arg))
			return -1;
	}
	return 0;
}

/*
 * Move to the next match in direction dir (relative to the search's own
 * direction) from offset from, wrapping around the document. Sets the
 * current match. Returns 1 (found), 2 (found after wrapping), 0 (none),
 * -1 (stopped) or FIND_GAVEUP.
 */
int
find_go(struct find *f, const struct source *src, size_t from, int dir,
    int (*stop)(void *), void *arg)
{
	size_t	ms, me;
	int	r, wrapped = 0;

	r = find_scan(f, src, from, dir, stop, arg, &ms, &me);
	if (r == 0) {
		wrapped = 1;
		r = find_scan(f, src, dir > 0 ? 0 : src->len, dir, stop, arg,
		    &ms, &me);
	}
	if (r != 1)
		return r;
	if (f->have && f->count_done && f->ms != ms) {
		/* Stepping one match on: the number follows. */
		if (dir > 0)
			f->before = wrapped ? 0 : f->before + 1;
		else
			f->before = wrapped ? f->total - 1 : f->before - 1;
		f->index_known = f->before < f->total;
	} else if (f->ms != ms || !f->have)
		f->index_known = 0;
	f->have = 1;
	f->ms = ms;
	f->me = me;
	if (!f->index_known) {
		/* Count again, in idle time, up to the match. */
		f->count_done = 0;
		f->count_gaveup = 0;
		f->count_pos = 0;
		f->total = 0;
		f->before = 0;
	}
	return wrapped ? 2 : 1;
}

/*
 * Count matches for about one slice (less if a regular expression spends
 * a call's time). Returns 1 when the count is done; if the search gave
 * up, count_gaveup is set and the count is unknown.
 */
int
find_count_step(struct find *f, const struct source *src)
{
	size_t	hi, ms, me, pos;
	int	r;

	if (f->s == NULL || f->count_done)
		return 1;
	hi = src->len - f->count_pos > COUNT_SLICE ? f->count_pos +
	    COUNT_SLICE : src->len;
	pos = f->count_pos;
	while ((r = search_next(f->s, src->data, src->len, pos, hi, &ms,
	    &me)) == SEARCH_FOUND) {
		if (f->have && ms < f->ms)
			f->before++;
		f->total++;
		pos = ms + 1;
	}
	if (r == SEARCH_MORE) {
		f->count_pos = ms;
		return 0;
	}
	if (r == SEARCH_GAVEUP) {
		f->count_done = 1;
		f->count_gaveup = 1;
		f->index_known = 0;
		return 1;
	}
	f->count_pos = hi;
	if (hi == src->len) {
		f->count_done = 1;
		f->index_known = f->have;
	}
	return f->count_done;
}

/*
 * Matches in [from, to), for highlighting: appended to *v, *n (the caller
 * frees *v).
 */
void
find_matches(const struct find *f, const struct source *src, size_t from,
    size_t to, size_t **v, size_t *n)
{
	size_t	ms, me, cap = *n;
	int	r;

	if (f->s == NULL)
		return;
	while (from < to && (r = search_next(f->s, src->data, src->len, from,
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
