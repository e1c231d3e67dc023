/*
 * position.c: where the reader was in each article, kept across runs.
 *
 * The file $XDG_STATE_HOME/lede/positions has one line per article, the
 * oldest first:
 *
 *	TOP SIZE MTIME.NSEC MARKS<tab>PATH
 *
 * TOP is the byte offset of the first character of the top row, SIZE and
 * MTIME identify the version of the file that was read (an edited file is
 * not resumed at a stale offset), MARKS is "-" or "a=123,b=456", and PATH
 * is the file's real path. At most POSITION_MAX articles are kept; the
 * whole file is written to a new file renamed over the old one (state.c).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lede.h"

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

/* Parse "a=123,b=456" (or "-") into p's marks. */
static void
position_parse_marks(struct position *p, const char *s)
{
	char	*end;
	int	 i;

	if (strcmp(s, "-") == 0)
		return;
	while (*s != '\0') {
		if ((i = position_mark_index((unsigned char)s[0])) < 0 ||
		    s[1] != '=')
			return;
		p->marks[i] = (size_t)strtoull(s + 2, &end, 10);
		p->markset |= (uint64_t)1 << i;
		if (*end != ',')
			return;
		s = end + 1;
	}
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
	struct position		 p;
	char			*text, *line, *nl, *end, *tab, marks[1024];
	size_t			 len;
	unsigned long long	 top, size;
	long long		 sec;
	long			 nsec;
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
	if (text == NULL)
		return 0;
	end = text + len;
	for (line = text; line < end; line = nl + 1) {
		if ((nl = memchr(line, '\n', (size_t)(end - line))) == NULL)
			nl = end;
		*nl = '\0';
		if ((tab = strchr(line, '\t')) == NULL || tab[1] != '/')
			continue;
		*tab = '\0';
		if (strlen(line) >= sizeof marks || sscanf(line,
		    "%llu %llu %lld.%ld %s", &top, &size, &sec, &nsec,
		    marks) != 5)
			continue;
		memset(&p, 0, sizeof p);
		p.top = (size_t)top;
		p.size = (size_t)size;
		p.mtime = sec;
		p.mtime_nsec = nsec;
		position_parse_marks(&p, marks);
		p.path = tab + 1;
		positions_put(ps, &p);
	}
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
 * Put an entry (copied) as the newest, replacing the one for the same
 * path; the oldest go beyond POSITION_MAX.
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
	ps->n++;
	while (ps->n > POSITION_MAX) {
		free(ps->v[0].path);
		memmove(ps->v, ps->v + 1, --ps->n * sizeof *ps->v);
	}
}

/*
 * Write the positions: a new file renamed over the old one. Returns 0, or
 * -1 with *cause allocated.
 */
int
positions_save(struct positions *ps, char **cause)
{
	const struct position	*p;
	struct state_file	 sf;
	FILE			*f;
	char			*text = NULL;
	size_t			 i, tlen = 0;
	int			 k, any, r;

	if (ps->path == NULL)
		return 0;
	if (state_open(&sf, ps->path, "positions", 1, cause) == -1)
		return -1;
	if ((f = open_memstream(&text, &tlen)) == NULL)
		fatal("open_memstream");
	for (i = 0; i < ps->n; i++) {
		p = &ps->v[i];
		fprintf(f, "%zu %zu %lld.%09ld ", p->top, p->size,
		    (long long)p->mtime, p->mtime_nsec);
		any = 0;
		for (k = 0; k < POSITION_MARKS; k++)
			if (p->markset & ((uint64_t)1 << k))
				fprintf(f, "%s%c=%zu", any++ ? "," : "",
				    position_mark_letter(k), p->marks[k]);
		fprintf(f, "%s\t%s\n", any ? "" : "-", p->path);
	}
	if (fclose(f) != 0)
		fatal("open_memstream");
	r = state_replace(&sf, text, tlen, cause);
	state_close(&sf);
	free(text);
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
