/*
 * fuzz-state.c: libFuzzer harness for the state files (state.c,
 * position.c, history.c).
 *
 * The input is written as the positions file and as the history file of
 * a private state directory (under $TMPDIR, else /dev/shm, else /tmp);
 * both are loaded, an article and a pattern are added, both are saved
 * (a merge with the files as they are) and loaded again. Any broken
 * invariant aborts: a load of the input with a message although it is a
 * small regular file; more than POSITION_MAX articles or HISTORY_MAX
 * patterns; an article twice, a path that is not absolute or holds a
 * newline, articles out of order of age; a pattern twice, empty or
 * holding a newline; a save that fails; the article or the pattern
 * added missing, or not the newest; a reload that differs from what was
 * saved. tests/t-fuzzcases.c replays found inputs through this same
 * function (as fuzz_state_one).
 */

#include "config.h"

#include <sys/stat.h>

#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lede.h"

#define FUZZ_ARTICLE	"/fuzz/article"
#define FUZZ_PATTERN	"fuzz pattern"

int	fuzz_state_one(const uint8_t *, size_t);
#ifndef FUZZ_NO_MAIN
int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
#endif

static char	*fuzz_home;	/* the private directory; lede/ in it */
static char	*fuzz_positions;
static char	*fuzz_history;

/* Remove the private directory. */
static void
fuzz_cleanup(void)
{
	char	*p;

	unlink(fuzz_positions);
	unlink(fuzz_history);
	xasprintf(&p, "%s/lede/lock", fuzz_home);
	unlink(p);
	free(p);
	xasprintf(&p, "%s/lede", fuzz_home);
	rmdir(p);
	free(p);
	rmdir(fuzz_home);
}

/* Make the private directory, once. */
static void
fuzz_setup(void)
{
	const char	*tmp = getenv("TMPDIR");
	struct stat	 sb;
	char		*p;

	if (fuzz_home != NULL)
		return;
	if (tmp == NULL || *tmp != '/')
		tmp = stat("/dev/shm", &sb) == 0 && S_ISDIR(sb.st_mode) ?
		    "/dev/shm" : "/tmp";
	xasprintf(&fuzz_home, "%s/fuzz-state.XXXXXX", tmp);
	if (mkdtemp(fuzz_home) == NULL)
		abort();
	xasprintf(&p, "%s/lede", fuzz_home);
	if (mkdir(p, 0700) == -1)
		abort();
	free(p);
	xasprintf(&fuzz_positions, "%s/lede/positions", fuzz_home);
	xasprintf(&fuzz_history, "%s/lede/history", fuzz_home);
	atexit(fuzz_cleanup);
}

/* Write the input to path, whole. */
static void
fuzz_write(const char *path, const uint8_t *data, size_t size)
{
	FILE	*f;

	if ((f = fopen(path, "w")) == NULL)
		abort();
	if (size > 0 && fwrite(data, 1, size, f) != size)
		abort();
	if (fclose(f) != 0)
		abort();
}

/* qsort comparison of strings. */
static int
fuzz_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Is any of the n strings of v there twice? */
static int
fuzz_twice(char **v, size_t n)
{
	char	**s;
	size_t	  i;
	int	  twice = 0;

	if (n < 2)
		return 0;
	s = xreallocarray(NULL, n, sizeof *s);
	memcpy(s, v, n * sizeof *s);
	qsort(s, n, sizeof *s, fuzz_cmp);
	for (i = 1; i < n; i++)
		if (strcmp(s[i - 1], s[i]) == 0)
			twice = 1;
	free(s);
	return twice;
}

/* Abort unless ps holds what a positions file may give. */
static void
fuzz_check_positions(const struct positions *ps)
{
	const struct position	*p, *q;
	char			**paths;
	size_t			  i;

	if (ps->n > POSITION_MAX)
		abort();
	paths = xreallocarray(NULL, ps->n + 1, sizeof *paths);
	for (i = 0; i < ps->n; i++) {
		p = &ps->v[i];
		if (p->path[0] != '/' || strchr(p->path, '\n') != NULL ||
		    p->when < 0 || p->when_nsec < 0 ||
		    p->when_nsec > 999999999)
			abort();
		if (i > 0) {
			q = &ps->v[i - 1];
			if (q->when > p->when || (q->when == p->when &&
			    q->when_nsec > p->when_nsec))
				abort();
		}
		paths[i] = p->path;
	}
	if (fuzz_twice(paths, ps->n))
		abort();
	free(paths);
}

/* Abort unless h holds what a history file may give. */
static void
fuzz_check_history(const struct history *h)
{
	size_t	i;

	if (h->n > HISTORY_MAX)
		abort();
	for (i = 0; i < h->n; i++)
		if (h->v[i][0] == '\0' || strchr(h->v[i], '\n') != NULL)
			abort();
	if (fuzz_twice(h->v, h->n))
		abort();
}

/* Abort unless a and b hold the same articles, in the same order. */
static void
fuzz_same_positions(const struct positions *a, const struct positions *b)
{
	const struct position	*p, *q;
	size_t			 i;

	if (a->n != b->n)
		abort();
	for (i = 0; i < a->n; i++) {
		p = &a->v[i];
		q = &b->v[i];
		if (strcmp(p->path, q->path) != 0 || p->top != q->top ||
		    p->size != q->size || p->mtime != q->mtime ||
		    p->mtime_nsec != q->mtime_nsec || p->when != q->when ||
		    p->when_nsec != q->when_nsec || p->markset != q->markset ||
		    memcmp(p->marks, q->marks, sizeof p->marks) != 0)
			abort();
	}
}

/* One input: the positions file and the history file. */
int
fuzz_state_one(const uint8_t *data, size_t size)
{
	struct positions	 ps, again;
	struct position		 p, *found;
	struct history		 h, hagain;
	char			*cause = NULL;
	size_t			 i;

	fuzz_setup();
	fuzz_write(fuzz_positions, data, size);
	fuzz_write(fuzz_history, data, size);

	if (positions_load(&ps, fuzz_positions, &cause) == -1)
		abort();
	fuzz_check_positions(&ps);
	memset(&p, 0, sizeof p);
	p.path = (char *)FUZZ_ARTICLE;
	p.top = 42;
	p.marks[position_mark_index('q')] = 7;
	p.markset = (uint64_t)1 << position_mark_index('q');
	positions_put(&ps, &p);
	if (positions_save(&ps, &cause) == -1)
		abort();
	fuzz_check_positions(&ps);
	if (positions_load(&again, fuzz_positions, &cause) == -1)
		abort();
	fuzz_same_positions(&ps, &again);
	if ((found = positions_find(&again, FUZZ_ARTICLE)) == NULL ||
	    found != &again.v[again.n - 1] || found->top != 42 ||
	    found->marks[position_mark_index('q')] != 7)
		abort();
	positions_free(&ps);
	positions_free(&again);

	if (history_load(&h, fuzz_history, &cause) == -1)
		abort();
	fuzz_check_history(&h);
	if (history_add(&h, FUZZ_PATTERN, &cause) == -1)
		abort();
	fuzz_check_history(&h);
	if (history_load(&hagain, fuzz_history, &cause) == -1)
		abort();
	if (hagain.n != h.n || hagain.n == 0 ||
	    strcmp(hagain.v[hagain.n - 1], FUZZ_PATTERN) != 0)
		abort();
	for (i = 0; i < h.n; i++)
		if (strcmp(h.v[i], hagain.v[i]) != 0)
			abort();
	history_free(&h);
	history_free(&hagain);
	return 0;
}

#ifndef FUZZ_NO_MAIN
/* The C.UTF-8 locale, as lede runs in. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	return 0;
}

/* libFuzzer's entry point. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_state_one(data, size);
}
#endif
