/*
 * history.c: search patterns kept across runs.
 *
 * $XDG_STATE_HOME/lede/history holds at most HISTORY_MAX patterns, one a
 * line, newest last. A pattern is saved as soon as it is searched for,
 * by a merge under the state lock (state.c): the patterns of the file as
 * it is now, then those this process added since, each kept once, where it
 * comes last; the newest HISTORY_MAX are written to a new file renamed
 * over the old one. Two lede processes thus keep each other's searches.
 *
 * Reading keeps only the last HISTORY_MAX lines, in a ring, as it goes:
 * a file of any length costs one pass.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"

/*
 * Drop all but the last copy of each pattern of v (n, oldest first,
 * owned), then all but the newest HISTORY_MAX. Returns how many are
 * left, in v's first places. At most HISTORY_MAX comparisons a pattern.
 */
static size_t
history_unique(char **v, size_t n)
{
	size_t	 i, k, kept = 0;
	char	*s;

	/* The ones kept gather at the end, v[n - kept] to v[n - 1]. */
	for (i = n; i > 0; i--) {
		s = v[i - 1];
		if (kept < HISTORY_MAX) {
			for (k = n - kept; k < n; k++) {
				state_work++;
				if (strcmp(v[k], s) == 0)
					break;
			}
			if (k == n) {
				v[n - ++kept] = s;
				continue;
			}
		}
		free(s);
	}
	memmove(v, v + n - kept, kept * sizeof *v);
	return kept;
}

/*
 * Append the patterns of a history text (len bytes, NUL-terminated; its
 * newlines become NULs) to *v (*n of them): its last HISTORY_MAX lines
 * that are patterns, copied.
 */
static void
history_read(char ***v, size_t *n, char *text, size_t len)
{
	char	*ring[HISTORY_MAX], *line, *nl, *end = text + len;
	size_t	 seen = 0, i, first, count;

	for (line = text; line < end; line = nl + 1) {
		state_work++;
		if ((nl = memchr(line, '\n', (size_t)(end - line))) == NULL)
			nl = end;
		*nl = '\0';
		if (nl == line || strlen(line) != (size_t)(nl - line))
			continue;	/* empty, or a NUL inside */
		ring[seen++ % HISTORY_MAX] = line;
	}
	count = seen < HISTORY_MAX ? seen : HISTORY_MAX;
	first = seen < HISTORY_MAX ? 0 : seen % HISTORY_MAX;
	*v = xreallocarray(*v, *n + count, sizeof **v);
	for (i = 0; i < count; i++)
		(*v)[(*n)++] = xstrdup(ring[(first + i) % HISTORY_MAX]);
}

/*
 * Read the history from path (NULL: keep nothing this run). Returns 0;
 * or -1 with *cause allocated if the state directory is refused (nothing
 * is kept this run) or the file is not used (the history then starts
 * empty, and saving replaces the file).
 */
int
history_load(struct history *h, const char *path, char **cause)
{
	struct state_file	 sf;
	char			*text;
	size_t			 len;
	int			 r;

	memset(h, 0, sizeof *h);
	if (path == NULL)
		return 0;
	if (state_open(&sf, path, "history", 0, cause) == -1)
		return -1;
	h->path = xstrdup(path);
	r = state_read(&sf, &text, &len, cause);
	state_close(&sf);
	if (r != 0)
		return -1;
	if (text != NULL) {
		history_read(&h->v, &h->n, text, len);
		h->n = history_unique(h->v, h->n);
	}
	free(text);
	return 0;
}

/*
 * Save: under the state lock, the file as it is now, then what this
 * process added since it last saved; the result becomes h's patterns.
 * Returns 0, or -1 with *cause allocated.
 */
static int
history_save(struct history *h, char **cause)
{
	struct state_file	 sf;
	char			**v = NULL, *disk, *why = NULL, *text;
	size_t			 n = 0, i, dlen, tlen = 0;
	FILE			*f;
	int			 r;

	if (state_open(&sf, h->path, "history", 1, cause) == -1)
		return -1;
	if (state_lock(&sf, cause) == -1) {
		state_close(&sf);
		return -1;
	}
	if (state_read(&sf, &disk, &dlen, &why) == -2) {
		state_close(&sf);
		*cause = why;
		return -1;
	}
	free(why);	/* a file lede does not read is replaced */
	if (disk != NULL)
		history_read(&v, &n, disk, dlen);
	free(disk);
	v = xreallocarray(v, n + h->nadded + 1, sizeof *v);
	for (i = 0; i < h->nadded; i++)
		v[n++] = xstrdup(h->added[i]);
	n = history_unique(v, n);

	text = NULL;
	if ((f = open_memstream(&text, &tlen)) == NULL)
		fatal("open_memstream");
	for (i = 0; i < n; i++)
		fprintf(f, "%s\n", v[i]);
	if (fclose(f) != 0)
		fatal("open_memstream");
	r = state_replace(&sf, text, tlen, cause);
	state_close(&sf);
	free(text);

	for (i = 0; i < h->n; i++)
		free(h->v[i]);
	free(h->v);
	h->v = v;
	h->n = n;
	if (r == 0) {
		/* In the file now, where they belong: merged once only. */
		for (i = 0; i < h->nadded; i++)
			free(h->added[i]);
		h->nadded = 0;
	}
	return r;
}

/* Add a pattern as the newest of v (n of them), moving it if it is there. */
static void
history_push(char ***v, size_t *n, const char *pattern)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = xstrdup(pattern);
	*n = history_unique(*v, *n);
}

/*
 * Add a pattern as the newest (moving it if it is already there) and
 * save the history. Returns 0, or -1 with *cause allocated if it could
 * not be saved.
 */
int
history_add(struct history *h, const char *pattern, char **cause)
{
	if (strchr(pattern, '\n') != NULL || *pattern == '\0')
		return 0;
	history_push(&h->v, &h->n, pattern);
	if (h->path == NULL)
		return 0;
	history_push(&h->added, &h->nadded, pattern);
	return history_save(h, cause);
}

/* Free the patterns (the file stays as it is). */
void
history_free(struct history *h)
{
	size_t	i;

	for (i = 0; i < h->n; i++)
		free(h->v[i]);
	free(h->v);
	for (i = 0; i < h->nadded; i++)
		free(h->added[i]);
	free(h->added);
	free(h->path);
	memset(h, 0, sizeof *h);
}
