/*
 * history.c: search patterns kept across runs.
 *
 * The history holds at most HISTORY_MAX patterns, newest last, one per
 * line, and is written whole to a new file renamed over the old one
 * (state.c), so a crash never leaves half a file.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"

#define HISTORY_MAX	100

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
	char			*text, *line, *nl, *end;
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
	if (text == NULL)
		return 0;
	end = text + len;
	for (line = text; line < end; line = nl + 1) {
		if ((nl = memchr(line, '\n', (size_t)(end - line))) == NULL)
			nl = end;
		*nl = '\0';
		if (nl == line || strlen(line) != (size_t)(nl - line))
			continue;	/* empty, or a NUL inside */
		h->v = xreallocarray(h->v, h->n + 1, sizeof *h->v);
		h->v[h->n++] = xstrdup(line);
	}
	free(text);
	while (h->n > HISTORY_MAX) {
		free(h->v[0]);
		memmove(h->v, h->v + 1, --h->n * sizeof *h->v);
	}
	return 0;
}

/*
 * Write the history: a new file renamed over the old one. Returns 0, or
 * -1 with *cause allocated.
 */
static int
history_save(const struct history *h, char **cause)
{
	struct state_file	 sf;
	FILE			*f;
	char			*text = NULL;
	size_t			 i, tlen = 0;
	int			 r;

	if (state_open(&sf, h->path, "history", 1, cause) == -1)
		return -1;
	if ((f = open_memstream(&text, &tlen)) == NULL)
		fatal("open_memstream");
	for (i = 0; i < h->n; i++)
		fprintf(f, "%s\n", h->v[i]);
	if (fclose(f) != 0)
		fatal("open_memstream");
	r = state_replace(&sf, text, tlen, cause);
	state_close(&sf);
	free(text);
	return r;
}

/*
 * Add a pattern as the newest (moving it if it is already there) and
 * save the history. Returns 0, or -1 with *cause allocated if it could
 * not be saved.
 */
int
history_add(struct history *h, const char *pattern, char **cause)
{
	size_t	i;

	if (strchr(pattern, '\n') != NULL || *pattern == '\0')
		return 0;
	for (i = 0; i < h->n; i++)
		if (strcmp(h->v[i], pattern) == 0) {
			free(h->v[i]);
			memmove(h->v + i, h->v + i + 1,
			    (h->n - i - 1) * sizeof *h->v);
			h->n--;
			break;
		}
	h->v = xreallocarray(h->v, h->n + 1, sizeof *h->v);
	h->v[h->n++] = xstrdup(pattern);
	while (h->n > HISTORY_MAX) {
		free(h->v[0]);
		memmove(h->v, h->v + 1, --h->n * sizeof *h->v);
	}
	if (h->path == NULL)
		return 0;
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
	free(h->path);
	memset(h, 0, sizeof *h);
}
