/*
 * t-fuzzcases.c: replay the inputs that once broke the fuzzers.
 *
 * Each file under tests/data/fuzz/ goes through fuzz/fuzz-layout's entry
 * point, each under tests/data/fuzz-search/ through fuzz/fuzz-search's,
 * each under tests/data/fuzz-message/ and fuzz/corpus-message/ (file
 * names) through fuzz/fuzz-message's, each under tests/data/fuzz-formats/
 * and fuzz/corpus-formats/ (Markdown and pages) through fuzz-formats',
 * each under tests/data/fuzz-state/ and fuzz/corpus-state/ (the seeds:
 * hostile state files) through fuzz/fuzz-state's; all abort on a broken
 * invariant, so a regression shows as a crash of this test.
 */

#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"
#include "tap.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	fuzz_search_one(const uint8_t *, size_t);
int	fuzz_state_one(const uint8_t *, size_t);
int	fuzz_message_one(const uint8_t *, size_t);
int	fuzz_formats_one(const uint8_t *, size_t);

/* qsort comparison of file names. */
static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replay every file of srcdir/sub through fn; what is "what held". */
static void
replay(const char *srcdir, const char *sub, int (*fn)(const uint8_t *, size_t),
    const char *what)
{
	char		*dir, *path, *data, **names = NULL;
	size_t		 n = 0, i, len = 0;
	DIR		*dp;
	struct dirent	*de;

	xasprintf(&dir, "%s/%s", srcdir, sub);
	if ((dp = opendir(dir)) == NULL) {
		tap_ok(0, "open %s", dir);
		free(dir);
		return;
	}
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = xstrdup(de->d_name);
	}
	closedir(dp);
	if (n > 0)
		qsort(names, n, sizeof *names, cmp_names);
	tap_ok(n > 0, "%zu fuzz cases in %s", n, dir);
	for (i = 0; i < n; i++) {
		xasprintf(&path, "%s/%s", dir, names[i]);
		data = tap_slurp(path, &len);
		if (tap_ok(data != NULL, "read %s", names[i])) {
			fn((const uint8_t *)data, len);
			tap_ok(1, "%s: %s", names[i], what);
		}
		free(data);
		free(path);
		free(names[i]);
	}
	free(names);
	free(dir);
}

int
main(int argc, char **argv)
{
	const char	*srcdir;

	LLVMFuzzerInitialize(&argc, &argv);	/* sets C.UTF-8 */
	if ((srcdir = getenv("srcdir")) == NULL)
		srcdir = ".";
	replay(srcdir, "tests/data/fuzz", LLVMFuzzerTestOneInput,
	    "layout invariants hold");
	replay(srcdir, "tests/data/fuzz-search", fuzz_search_one,
	    "search invariants hold");
	replay(srcdir, "tests/data/fuzz-state", fuzz_state_one,
	    "state invariants hold");
	replay(srcdir, "fuzz/corpus-state", fuzz_state_one,
	    "state invariants hold");
	replay(srcdir, "tests/data/fuzz-message", fuzz_message_one,
	    "messages are clean");
	replay(srcdir, "fuzz/corpus-message", fuzz_message_one,
	    "messages are clean");
	replay(srcdir, "tests/data/fuzz-formats", fuzz_formats_one,
	    "Markdown and HTML documents are sound");
	replay(srcdir, "fuzz/corpus-formats", fuzz_formats_one,
	    "Markdown and HTML documents are sound");
	return tap_done();
}
