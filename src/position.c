/*
 * position.c: where the reader was in each article, kept across runs.
 *
 * The file $XDG_STATE_HOME/lede/positions has one line per article, the
 * oldest first:
 *
 *	TOP SIZE MTIME.NSEC MARKS WHEN.NSEC<tab>PATH
 *
 * TOP is the byte offset of the first character of the top row, SIZE and
 * MTIME identify the version of the file that was read (an edited file is
 * not resumed at a stale offset), MARKS is "-" or "a=123,b=456", WHEN is
 * when the entry was put (the reader left the article), and PATH is the
 * file's real path. Lines written before WHEN was kept have none, and
 * count as older than any that has one; so does a WHEN yet to come (a
 * clock set wrong, or a hostile file). At most POSITION_MAX articles are
 * kept.
 *
 * Where there are several lines for a path, the newest wins: the one
 * with the latest WHEN, and of equal ones the one read last. Saving is a
 * merge under the state lock (state.c): the file as it is now and then
 * this process's entries are read as one text, and the result is
 * written whole to a new file renamed over the old one. Two lede
 * processes thus keep each other's positions and marks.
 *
 * Reading is linear in the lines: each line is parsed once; the lines
 * are put in WHEN order by a radix sort (nothing to do when they are
 * already in order, as lede writes them); they are walked from the newest,
 * keeping a path the first time it is met, until POSITION_MAX are kept,
 * the paths kept being a sorted array searched by bisection (log2 of
 * POSITION_MAX steps a line).
 */

#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lede.h"

/* One line of a positions text while it is read. */
struct position_line {
	uint32_t	 line;		/* offset of the line in the text */
	uint32_t	 path;		/* offset of its path */
	uint64_t	 key;		/* WHEN: (seconds << 30) | nsec */
};

/* The fields of a line, parsed. */
struct position_fields {
	unsigned long long	 top;
	unsigned long long	 size;
	long long		 mtime;
	long			 mtime_nsec;
	const char		*marks;		/* up to a space or a tab */
	long long		 when;
	long			 when_nsec;
	const char		*path;
};

/* The index of a mark letter (a-z, A-Z), or -1. */
int
position_mark_index(int c)
{
	if (c >= 'a' && c <= 'z')
		return c - 'a';
	if (c >= 'A' && c <= 'Z')
		return 26 + c - 'A';
	return -1;
}

/* The letter of mark i. */
static int
position_mark_letter(int i)
{
	return i < 26 ? 'a' + i : 'A' + i - 26;
}

/*
 * Read the decimal digits at *s (at least one, at most max) into *v and
 * step over them. Returns 0, or -1.
 */
static int
position_number(const char **s, unsigned long long max,
    unsigned long long *v)
{
	const char		*p = *s;
	unsigned long long	 n = 0;
	unsigned		 d;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		d = (unsigned)(*p - '0');
		if (n > (max - d) / 10)
			return -1;
		n = n * 10 + d;
	}
	*s = p;
	*v = n;
	return 0;
}

/* Read "SEC.NSEC" at *s (SEC may be negative if neg). Returns 0, or -1. */
static int
position_time(const char **s, int neg, long long *sec, long *nsec)
{
	unsigned long long	 a, b;
	int			 minus = 0;

	if (neg && **s == '-') {
		minus = 1;
		(*s)++;
	}
	if (position_number(s, LLONG_MAX, &a) == -1 || *(*s)++ != '.' ||
	    position_number(s, 999999999, &b) == -1)
		return -1;
	*sec = minus ? -(long long)a : (long long)a;
	*nsec = (long)b;
	return 0;
}

/*
 * Parse a line (NUL-terminated, no newline) into f. Returns 0, or -1 if
 * it is not a position.
 */
static int
position_parse(const char *line, struct position_fields *f)
{
	const char	*s = line, *tab;

	if ((tab = strchr(line, '\t')) == NULL || tab[1] != '/')
		return -1;
	f->path = tab + 1;
	if (position_number(&s, SIZE_MAX, &f->top) == -1 || *s++ != ' ' ||
	    position_number(&s, SIZE_MAX, &f->size) == -1 || *s++ != ' ' ||
	    position_time(&s, 1, &f->mtime, &f->mtime_nsec) == -1 ||
	    *s++ != ' ')
		return -1;
	f->marks = s;
	while (*s != ' ' && *s != '\t' && *s != '\0')
		s++;
	if (s == f->marks)
		return -1;
	f->when = 0;
	f->when_nsec = 0;
	if (*s == ' ') {
		s++;
		if (position_time(&s, 0, &f->when, &f->when_nsec) == -1)
			return -1;
	}
	return s == tab ? 0 : -1;
}

/* Parse "a=123,b=456" (or "-"), up to a space or a tab, into p's marks. */
static void
position_parse_marks(struct position *p, const char *s)
{
	unsigned long long	v;
	int			i;

	if (*s == '-')
		return;
	for (;;) {
		if ((i = position_mark_index((unsigned char)s[0])) < 0 ||
		    s[1] != '=')
			return;
		s += 2;
		if (position_number(&s, SIZE_MAX, &v) == -1)
			return;
		p->marks[i] = (size_t)v;
		p->markset |= (uint64_t)1 << i;
		if (*s != ',')
			return;
		s++;
	}
}

/* The sort key of a WHEN: seconds (capped at 2^34 - 1) and nanoseconds. */
static uint64_t
position_key(long long sec, long nsec)
{
	if (sec < 0)
		sec = 0;
	if (sec > ((long long)1 << 34) - 1)
		sec = ((long long)1 << 34) - 1;
	return ((uint64_t)sec << 30) | (uint64_t)nsec;
}

/* Does a come before b: older, or as old and earlier in the text? */
static int
position_before(const struct position_line *a, const struct position_line *b)
{
	return a->key < b->key || (a->key == b->key && a->line < b->line);
}

/*
 * Put the n lines of v in order of age (a stable LSD radix sort on the
 * key, a byte at a time, in the text's order to begin with). Linear: at
 * most 16 steps a line, none if they are in order already.
 */
static void
position_sort(struct position_line *v, size_t n)
{
	struct position_line	*tmp, *a = v, *b, *t;
	size_t			 count[256], i, sum, c;
	int			 shift, k;

	for (i = 1; i < n; i++) {
		state_work++;
		if (!position_before(&v[i - 1], &v[i]))
			break;
	}
	if (i >= n)
		return;
	b = tmp = xreallocarray(NULL, n, sizeof *tmp);
	for (shift = 0; shift < 64; shift += 8) {
		memset(count, 0, sizeof count);
		for (i = 0; i < n; i++) {
			state_work++;
			count[(a[i].key >> shift) & 0xff]++;
		}
		if (count[(a[0].key >> shift) & 0xff] == n)
			continue;	/* one value of this byte: in order */
		for (sum = 0, k = 0; k < 256; k++) {
			c = count[k];
			count[k] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++) {
			state_work++;
			b[count[(a[i].key >> shift) & 0xff]++] = a[i];
		}
		t = a;
		a = b;
		b = t;
	}
	if (a != v)
		memcpy(v, a, n * sizeof *v);
	free(tmp);
}

/* The last WHEN this process gave (position_now). */
static long long	position_last_sec;
static long		position_last_nsec;

/*
 * Now, as a WHEN: the clock, or a little after the last WHEN this process
 * gave, if that is later. If stamp, it is given: later ones are later.
 */
static void
position_now(int stamp, long long *sec, long *nsec)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	if (ts.tv_sec < position_last_sec || (ts.tv_sec == position_last_sec &&
	    ts.tv_nsec <= position_last_nsec)) {
		ts.tv_sec = position_last_sec;
		ts.tv_nsec = position_last_nsec;
		if (stamp && ++ts.tv_nsec == 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec = 0;
		}
	}
	*sec = (long long)ts.tv_sec;
	*nsec = ts.tv_nsec;
	if (stamp) {
		position_last_sec = *sec;
		position_last_nsec = *nsec;
	}
}

/*
 * Read the entries of a positions text (len bytes, NUL-terminated; its
 * newlines become NULs) into the empty ps: the newest of each path, the
 * POSITION_MAX newest paths, oldest first.
 */
static void
positions_read(struct positions *ps, char *text, size_t len)
{
	struct position_fields	 f;
	struct position_line	*v = NULL;
	struct position		*p;
	const char		**kept, *path;
	size_t			*chosen, n = 0, cap = 0, nkept = 0, i, lo, hi;
	size_t			 mid;
	char			*line, *nl, *end = text + len;
	long long		 sec;
	long			 nsec;
	uint64_t		 now;
	int			 r;

	/* A WHEN yet to come is not believed: it counts as none. */
	position_now(0, &sec, &nsec);
	now = position_key(sec, nsec);
	for (line = text; line < end; line = nl + 1) {
		state_work++;
		if ((nl = memchr(line, '\n', (size_t)(end - line))) == NULL)
			nl = end;
		*nl = '\0';
		if (strlen(line) != (size_t)(nl - line) ||
		    position_parse(line, &f) == -1)
			continue;	/* a NUL inside, or not a position */
		if (n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[n].line = (uint32_t)(line - text);
		v[n].path = (uint32_t)(f.path - text);
		v[n].key = position_key(f.when, f.when_nsec);
		if (v[n].key > now)
			v[n].key = 0;
		n++;
	}
	position_sort(v, n);

	/* From the newest: a path the first time it is met. */
	kept = xreallocarray(NULL, POSITION_MAX, sizeof *kept);
	chosen = xreallocarray(NULL, POSITION_MAX, sizeof *chosen);
	for (i = n; i > 0 && nkept < POSITION_MAX; i--) {
		path = text + v[i - 1].path;
		lo = 0;
		hi = nkept;
		r = 1;
		while (lo < hi) {
			state_work++;
			mid = lo + (hi - lo) / 2;
			if ((r = strcmp(kept[mid], path)) == 0)
				break;
			if (r < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < hi)
			continue;	/* a newer one was kept */
		state_work += nkept - lo;
		memmove(kept + lo + 1, kept + lo, (nkept - lo) * sizeof *kept);
		kept[lo] = path;
		chosen[nkept++] = i - 1;
	}

	ps->v = nkept > 0 ? xcalloc(nkept, sizeof *ps->v) : NULL;
	ps->n = nkept;
	for (i = 0; i < nkept; i++) {
		p = &ps->v[nkept - 1 - i];
		position_parse(text + v[chosen[i]].line, &f);
		p->top = (size_t)f.top;
		p->size = (size_t)f.size;
		p->mtime = f.mtime;
		p->mtime_nsec = f.mtime_nsec;
		if (position_key(f.when, f.when_nsec) <= now) {
			p->when = f.when;
			p->when_nsec = f.when_nsec;
		}
		position_parse_marks(p, f.marks);
		p->path = xstrdup(f.path);
	}
	free(chosen);
	free(kept);
	free(v);
}

/*
 * Read the positions from path (NULL: keep nothing this run). Returns 0;
 * or -1 with *cause allocated if the state directory is refused (nothing
 * is kept this run) or the file is not used (ps is then empty, and
 * saving replaces the file).
 */
int
positions_load(struct positions *ps, const char *path, char **cause)
{
	struct state_file	 sf;
	char			*text;
	size_t			 len;
	int			 r;

	memset(ps, 0, sizeof *ps);
	if (path == NULL)
		return 0;
	if (state_open(&sf, path, "positions", 0, cause) == -1)
		return -1;
	ps->path = xstrdup(path);
	r = state_read(&sf, &text, &len, cause);
	state_close(&sf);
	if (r != 0)
		return -1;
	if (text != NULL)
		positions_read(ps, text, len);
	free(text);
	return 0;
}

/* The entry for a real path, or NULL. */
struct position *
positions_find(struct positions *ps, const char *path)
{
	size_t	i;

	for (i = ps->n; i > 0; i--)
		if (strcmp(ps->v[i - 1].path, path) == 0)
			return &ps->v[i - 1];
	return NULL;
}

/*
 * Put an entry (copied) as the newest, stamped with the time now,
 * replacing the one for the same path; the oldest go beyond
 * POSITION_MAX.
 */
void
positions_put(struct positions *ps, const struct position *p)
{
	struct position	*old;
	size_t		 i;

	if (strchr(p->path, '\n') != NULL || p->path[0] != '/')
		return;
	if ((old = positions_find(ps, p->path)) != NULL) {
		i = (size_t)(old - ps->v);
		free(old->path);
		memmove(ps->v + i, ps->v + i + 1,
		    (ps->n - i - 1) * sizeof *ps->v);
		ps->n--;
	}
	ps->v = xreallocarray(ps->v, ps->n + 1, sizeof *ps->v);
	ps->v[ps->n] = *p;
	ps->v[ps->n].path = xstrdup(p->path);
	position_now(1, &ps->v[ps->n].when, &ps->v[ps->n].when_nsec);
	ps->n++;
	while (ps->n > POSITION_MAX) {
		free(ps->v[0].path);
		memmove(ps->v, ps->v + 1, --ps->n * sizeof *ps->v);
	}
}

/* Write the entries of ps to f as lines of the positions file. */
static void
positions_write(FILE *f, const struct positions *ps)
{
	const struct position	*p;
	size_t			 i;
	int			 k, any;

	for (i = 0; i < ps->n; i++) {
		p = &ps->v[i];
		fprintf(f, "%zu %zu %lld.%09ld ", p->top, p->size,
		    p->mtime, p->mtime_nsec);
		any = 0;
		for (k = 0; k < POSITION_MARKS; k++)
			if (p->markset & ((uint64_t)1 << k))
				fprintf(f, "%s%c=%zu", any++ ? "," : "",
				    position_mark_letter(k), p->marks[k]);
		fprintf(f, "%s %lld.%09ld\t%s\n", any ? "" : "-", p->when,
		    p->when_nsec, p->path);
	}
}

/*
 * Save the positions: under the state lock, merge them with the file as
 * it is now (the newest entry of each path wins), write the result and
 * make it ps's entries. Returns 0, or -1 with *cause allocated.
 */
int
positions_save(struct positions *ps, char **cause)
{
	struct state_file	 sf;
	struct positions	 merged;
	FILE			*f;
	char			*disk, *text = NULL, *why = NULL;
	size_t			 dlen, tlen = 0;
	int			 r;

	if (ps->path == NULL)
		return 0;
	if (state_open(&sf, ps->path, "positions", 1, cause) == -1)
		return -1;
	if (state_lock(&sf, cause) == -1) {
		state_close(&sf);
		return -1;
	}
	if ((r = state_read(&sf, &disk, &dlen, &why)) == -2) {
		state_close(&sf);
		*cause = why;
		return -1;
	}
	free(why);	/* a file lede does not read is replaced */

	/* The file as it is, then ours: of two as new, ours win. */
	if ((f = open_memstream(&text, &tlen)) == NULL)
		fatal("open_memstream");
	if (disk != NULL) {
		fwrite(disk, 1, dlen, f);
		if (dlen > 0 && disk[dlen - 1] != '\n')
			fputc('\n', f);
	}
	positions_write(f, ps);
	if (fclose(f) != 0)
		fatal("open_memstream");
	free(disk);
	memset(&merged, 0, sizeof merged);
	positions_read(&merged, text, tlen);
	free(text);

	text = NULL;
	if ((f = open_memstream(&text, &tlen)) == NULL)
		fatal("open_memstream");
	positions_write(f, &merged);
	if (fclose(f) != 0)
		fatal("open_memstream");
	r = state_replace(&sf, text, tlen, cause);
	state_close(&sf);
	free(text);

	merged.path = ps->path;
	ps->path = NULL;
	positions_free(ps);
	*ps = merged;
	return r;
}

/* Free the entries (the file stays as it is). */
void
positions_free(struct positions *ps)
{
	size_t	i;

	for (i = 0; i < ps->n; i++)
		free(ps->v[i].path);
	free(ps->v);
	free(ps->path);
	memset(ps, 0, sizeof *ps);
}
