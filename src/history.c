/*
 * history.c: search patterns kept across runs, and where lede keeps state.
 *
 * State lives in $XDG_STATE_HOME/lede/ (default ~/.local/state/lede/).
 * The history holds at most HISTORY_MAX patterns, newest last, one per
 * line, and is written whole to a temporary file that is renamed over the
 * old one, so a crash never leaves half a file.
 */

#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lede.h"

#define HISTORY_MAX	100

/*
 * The path of a file in lede's state directory (NULL if there is no home
 * to put it in). The caller frees it. Nothing is made: reading state
 * leaves no trace; state_dir_make() makes the directory before a write.
 */
char *
state_path(const char *file)
{
	const char	*xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char		*path;

	if (xdg != NULL && *xdg == '/')
		xasprintf(&path, "%s/lede/%s", xdg, file);
	else if (home != NULL && *home != '\0')
		xasprintf(&path, "%s/.local/state/lede/%s", home, file);
	else
		return NULL;
	return path;
}

/*
 * Make the directories above the state file path (mkdir -p, mode 0700).
 * Returns 0, or -1 if the one that holds it cannot be made.
 */
int
state_dir_make(const char *path)
{
	char	*dir = xstrdup(path), *p;
	int	 r = 0;

	if ((p = strrchr(dir, '/')) != NULL && p != dir) {
		*p = '\0';
		for (p = dir + 1; *p != '\0'; p++) {
			if (*p != '/')
				continue;
			*p = '\0';
			mkdir(dir, 0700);
			*p = '/';
		}
		if (mkdir(dir, 0700) == -1 && errno != EEXIST)
			r = -1;
	}
	free(dir);
	return r;
}

/* Read the history from path (NULL: keep nothing this run). */
void
history_load(struct history *h, const char *path)
{
	FILE	*f;
	char	*line = NULL;
	size_t	 cap = 0;
	ssize_t	 n;

	memset(h, 0, sizeof *h);
	if (path == NULL)
		return;
	h->path = xstrdup(path);
	if ((f = fopen(path, "r")) == NULL)
		return;
	while ((n = getline(&line, &cap, f)) != -1) {
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		if (n == 0)
			continue;
		h->v = xreallocarray(h->v, h->n + 1, sizeof *h->v);
		h->v[h->n++] = xstrdup(line);
	}
	free(line);
	fclose(f);
	while (h->n > HISTORY_MAX) {
		free(h->v[0]);
		memmove(h->v, h->v + 1, --h->n * sizeof *h->v);
	}
}

/* Write the history atomically. */
static void
history_save(const struct history *h)
{
	FILE	*f;
	char	*tmp;
	size_t	 i;
	int	 ok;

	if (h->path == NULL || state_dir_make(h->path) == -1)
		return;
	xasprintf(&tmp, "%s.%ld.tmp", h->path, (long)getpid());
	if ((f = fopen(tmp, "w")) == NULL) {
		free(tmp);
		return;
	}
	for (i = 0; i < h->n; i++)
		fprintf(f, "%s\n", h->v[i]);
	ok = fflush(f) == 0 && fsync(fileno(f)) == 0;
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp, h->path) == -1)
		unlink(tmp);
	free(tmp);
}

/* Add a pattern as the newest (moving it if it is already there). */
void
history_add(struct history *h, const char *pattern)
{
	size_t	i;

	if (strchr(pattern, '\n') != NULL || *pattern == '\0')
		return;
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
	history_save(h);
}

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
