/*
 * fuzz-search.c: libFuzzer harness for the search matcher (search.c).
 *
 * The input's first line is the pattern (cut at a NUL; at most 64 bytes),
 * the rest the document. The pattern is compiled three times: plain,
 * plain with accents ignored (SEARCH_NOACCENT) and as a regular
 * expression. Each compiled search then walks the document
 * with search_next and search_prev over slices whose bounds come from a
 * generator seeded by the input, going on where a call returned
 * SEARCH_MORE, as find.c does. Any broken invariant aborts: a match
 * outside its slice or past the end, a walk or a resume that does not
 * advance, and search_prev disagreeing with the last match found by
 * search_next (for regular expressions too: which match starts at an
 * offset never depends on the slices). A search that gives up must say
 * why. Every call is bounded in time by search.c; a compiled search gets
 * FUZZ_CALLS calls, so that a slow regular expression cannot make an input
 * take long, and a hang shows as a libFuzzer timeout (make fuzz passes
 * -timeout). tests/t-fuzzcases.c replays found inputs through this same
 * function (as fuzz_search_one).
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"

#define FUZZ_PATTERN_MAX 64
#define FUZZ_CALLS	400	/* search calls for each compiled pattern */

static int	fuzz_calls;	/* left for the current one */

int	fuzz_search_one(const uint8_t *, size_t);
#ifndef FUZZ_NO_MAIN
int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
#endif

/* A small generator (xorshift) for slice bounds. */
static uint32_t
fuzz_rand(uint32_t *st)
{
	uint32_t	x = *st;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *st = x != 0 ? x : 0x9e3779b9;
}

/* Check one match of [from, to) in a document of len bytes. */
static void
fuzz_check_match(size_t from, size_t to, size_t len, size_t ms, size_t me)
{
	if (ms < from || ms >= to || ms >= len || me < ms || me > len)
		abort();
}

/*
 * Walk [from, to) forwards; returns the number of matches, *ls and *le
 * the last, or SIZE_MAX if the search gave up.
 */
static size_t
fuzz_walk(const struct search *s, const uint8_t *d, size_t len, size_t from,
    size_t to, size_t *ls, size_t *le)
{
	size_t	a = from, ms, me, n = 0, end = to < len ? to : len;
	int	r;

	while (a < end) {
		if (fuzz_calls-- <= 0)
			return SIZE_MAX;
		r = search_next(s, d, len, a, to, &ms, &me);
		if (r == SEARCH_GAVEUP) {
			if (search_error(s) == NULL)
				abort();
			return SIZE_MAX;
		}
		if (r == SEARCH_NONE)
			break;
		if (r == SEARCH_MORE) {
			if (ms <= a || ms > end)
				abort();
			a = ms;
			continue;
		}
		if (r != SEARCH_FOUND)
			abort();
		fuzz_check_match(a, end, len, ms, me);
		*ls = ms;
		*le = me;
		n++;
		a = ms + 1;
	}
	return n;
}

/*
 * search_prev over [from, to), again with to = the resume offset after
 * SEARCH_MORE. Returns its answer, or SEARCH_MORE if out of calls.
 */
static int
fuzz_prev(const struct search *s, const uint8_t *d, size_t len, size_t from,
    size_t to, size_t *ps, size_t *pe)
{
	int	r;

	while ((r = search_prev(s, d, len, from, to, ps, pe)) ==
	    SEARCH_MORE) {
		if (*ps > to || *ps < from)
			abort();
		to = *ps;
		if (fuzz_calls-- <= 0)
			return SEARCH_MORE;
	}
	if (r == SEARCH_GAVEUP && search_error(s) == NULL)
		abort();
	return r;
}

/* One compiled search over the document and random slices of it. */
static void
fuzz_search_doc(const struct search *s, const uint8_t *d, size_t len,
    uint32_t seed)
{
	size_t	ls = 0, le = 0, ps, pe, from, to, n, k;
	int	found;

	for (k = 0; k < 9; k++) {
		if (k == 0) {
			from = 0;
			to = len;
		} else {
			from = len > 0 ? fuzz_rand(&seed) % (len + 1) : 0;
			/* to may be past the end */
			to = from + fuzz_rand(&seed) % (len + 2 - from);
		}
		n = fuzz_walk(s, d, len, from, to, &ls, &le);
		if (n == SIZE_MAX)
			return;		/* a limit: no more to compare */
		found = fuzz_prev(s, d, len, from, to, &ps, &pe);
		if (found == SEARCH_GAVEUP || found == SEARCH_MORE)
			return;
		if (found == SEARCH_FOUND)
			fuzz_check_match(from, to < len ? to : len, len, ps,
			    pe);
		if ((found == SEARCH_FOUND) != (n > 0))
			abort();
		if (found == SEARCH_FOUND && (ps != ls || pe != le))
			abort();
	}
}

/* One input: the pattern's line, then the document. */
int
fuzz_search_one(const uint8_t *data, size_t size)
{
	struct search	*s;
	const uint8_t	*nl;
	static const int flags[] = { 0, SEARCH_NOACCENT, SEARCH_REGEX };
	char		 pat[FUZZ_PATTERN_MAX + 1], *cause = NULL;
	size_t		 plen, i;
	uint32_t	 seed = 2166136261u;

	nl = memchr(data, '\n', size);
	plen = nl != NULL ? (size_t)(nl - data) : size;
	if (plen > FUZZ_PATTERN_MAX)
		plen = FUZZ_PATTERN_MAX;
	memcpy(pat, data, plen);
	pat[plen] = '\0';
	plen = strlen(pat);
	if (nl != NULL) {
		size -= (size_t)(nl + 1 - data);
		data = nl + 1;
	} else {
		data += size;
		size = 0;
	}
	for (i = 0; i < size; i++)
		seed = (seed ^ data[i]) * 16777619u;

	for (i = 0; i < sizeof flags / sizeof flags[0]; i++) {
		if ((s = search_create(pat, flags[i], &cause)) != NULL) {
			fuzz_calls = FUZZ_CALLS;
			fuzz_search_doc(s, data, size, seed);
			search_destroy(s);
		} else if (cause == NULL)
			abort();
		free(cause);
		cause = NULL;
	}
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
	return fuzz_search_one(data, size);
}
#endif
