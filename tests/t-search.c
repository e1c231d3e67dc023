/*
 * t-search.c: the search matcher, by exact byte offsets, and a randomized
 * cross-check of its fast path against a slow reference that folds
 * everything first.
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <uniname.h>
#include <uninorm.h>
#include <unistr.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "lede.h"
#include "tap.h"

/*
 * search_next() as find.c calls it: again from where a call that ran out
 * of time (SEARCH_MORE) stopped. Returns the last call's answer.
 */
static int
next_all(const struct search *s, const uint8_t *d, size_t len, size_t from,
    size_t to, size_t *ms, size_t *me)
{
	int	r;

	while ((r = search_next(s, d, len, from, to, ms, me)) == SEARCH_MORE)
		from = *ms;
	return r;
}

/* search_prev() as find.c calls it, to = the resume offset. */
static int
prev_all(const struct search *s, const uint8_t *d, size_t len, size_t from,
    size_t to, size_t *ms, size_t *me)
{
	int	r;

	while ((r = search_prev(s, d, len, from, to, ms, me)) == SEARCH_MORE)
		to = *ms;
	return r;
}

/* Check the first match of pat in text within [from, to). */
static void
is_next_range(const char *pat, int flags, const char *text, size_t from,
    size_t to, long ws, long we, const char *name)
{
	struct search	*s;
	char		*cause = NULL;
	size_t		 ms = 0, me = 0, len = strlen(text);
	int		 r;

	s = search_create(pat, flags, &cause);
	if (s == NULL) {
		tap_ok(0, "%s: search_create: %s", name, cause);
		free(cause);
		return;
	}
	if (to == (size_t)-1)
		to = len;
	r = next_all(s, (const uint8_t *)text, len, from, to, &ms, &me);
	if (ws < 0)
		tap_ok(!r, "%s: no match (got %zu-%zu)", name, r ? ms : 0,
		    r ? me : 0);
	else if (tap_ok(r && ms == (size_t)ws && me == (size_t)we,
	    "%s: %ld-%ld", name, ws, we) == 0)
		tap_diag("got r=%d %zu-%zu", r, ms, me);
	search_destroy(s);
}

/* Check the first match of pat in the whole text. */
static void
is_next(const char *pat, const char *text, long ws, long we,
    const char *name)
{
	is_next_range(pat, 0, text, 0, (size_t)-1, ws, we, name);
}

/* Check the last match of pat in text within [from, to). */
static void
is_prev(const char *pat, int flags, const char *text, size_t from,
    size_t to, long ws, long we, const char *name)
{
	struct search	*s;
	char		*cause = NULL;
	size_t		 ms = 0, me = 0, len = strlen(text);
	int		 r;

	s = search_create(pat, flags, &cause);
	if (s == NULL) {
		tap_ok(0, "%s: %s", name, cause);
		free(cause);
		return;
	}
	r = prev_all(s, (const uint8_t *)text, len, from, to, &ms, &me);
	if (ws < 0)
		tap_ok(!r, "%s: no match", name);
	else if (tap_ok(r && ms == (size_t)ws && me == (size_t)we,
	    "%s: %ld-%ld", name, ws, we) == 0)
		tap_diag("got r=%d %zu-%zu", r, ms, me);
	search_destroy(s);
}

/* Check that search_create fails with a cause. */
static void
is_error(const char *pat, int flags, const char *want, const char *name)
{
	struct search	*s;
	char		*cause = NULL;

	s = search_create(pat, flags, &cause);
	tap_ok(s == NULL && cause != NULL &&
	    (want == NULL || strcmp(cause, want) == 0), "%s: %s", name,
	    cause != NULL ? cause : "(no cause)");
	search_destroy(s);
	free(cause);
}

/* Smart case: is the search for pat case-insensitive? */
static void
is_icase(const char *pat, int want)
{
	struct search	*s = search_create(pat, 0, NULL);

	tap_is_int(s != NULL ? search_is_icase(s) : -1, want,
	    "smart case of \"%s\"", pat);
	search_destroy(s);
}

/* Rules 1 and 2: case and Unicode folding. */
static void
test_folding(void)
{
	is_icase("apple", 1);
	is_icase("Apple", 0);
	is_icase("\xc3\xa9t\xc3\xa9", 1);		/* été */
	is_icase("\xc3\x89t\xc3\xa9", 0);		/* Été */
	is_icase("\xce\xa3", 0);			/* Σ */
	is_icase("\xe7\xbf\x92", 1);			/* 習 */
	is_next("apple", "An APPLE", 3, 8, "icase ASCII");
	is_next("Apple", "an apple, Apple", 10, 15, "case-sensitive ASCII");
	is_next("Apple", "an apple", -1, -1, "case-sensitive misses");

	/* ß ~ ss, both ways. */
	is_next("strasse", "Die Stra\xc3\x9f" "e ist", 4, 11,
	    "ss finds \xc3\x9f");
	is_next(("stra\xc3\x9f" "e"), "DIE STRASSE", 4, 11, "\xc3\x9f finds SS");
	is_next("ss", "x \xc3\x9f y", 2, 4, "ss is one \xc3\x9f");
	is_next("s", "\xc3\x9f", -1, -1, "s is not half a \xc3\x9f");

	/* Σ σ ς */
	is_next("\xcf\x83", "x \xce\xa3", 2, 4, "\xcf\x83 finds \xce\xa3");
	is_next("\xcf\x83", "x \xcf\x82", 2, 4, "\xcf\x83 finds \xcf\x82");
	is_next("\xcf\x82", "x \xce\xa3", 2, 4, "\xcf\x82 finds \xce\xa3");
	is_next("\xcf\x82", "x \xcf\x83", 2, 4, "\xcf\x82 finds \xcf\x83");
	is_next("\xce\xa3", "\xcf\x83 \xce\xa3", 3, 5,
	    "\xce\xa3 is case-sensitive");

	/* Kelvin sign */
	is_next("k", "5 \xe2\x84\xaa", 2, 5, "k finds KELVIN SIGN");
	is_next("kelvin", "\xe2\x84\xaa" "ELVIN", 0, 8, "kelvin finds it");
	is_next("K", "5 \xe2\x84\xaa", 2, 5, "K (NFKC) finds KELVIN SIGN");
	is_next("\xe2\x84\xaa", "k K", 2, 3, "KELVIN SIGN finds K, not k");

	/* Canonical equivalence */
	is_next("caf\xc3\xa9", "le cafe\xcc\x81 noir", 3, 9, "NFC finds NFD");
	is_next("cafe\xcc\x81", "le caf\xc3\xa9 noir", 3, 8, "NFD finds NFC");
	is_next("cafe", "cafe\xcc\x81", -1, -1, "e is not e + accent");
	is_next("caf", "cafe\xcc\x81", 0, 3, "prefix before a composed e");
	is_next("\xe3\x81\x8c", "x\xe3\x81\x8b\xe3\x82\x99", 1, 7,
	    "\xe3\x81\x8c finds \xe3\x81\x8b + combining voiced mark");
	is_next("i\xcc\x87", "\xc4\xb0", 0, 2,
	    "i + dot finds capital I with dot");
	is_next("\xe2\x89\xae", "a<\xcc\xb8", 1, 4, "NFD not-less-than");
	is_next("<", "a<\xcc\xb8", -1, -1, "< is not half of it");
	is_next("CAF\xc3\x89", "CAFE\xcc\x81", 0, 6,
	    "case-sensitive NFC ~ NFD");
	is_next("\xc3\xa9t\xc3\xa9", "\xc3\x89TE\xcc\x81", 0, 6,
	    "icase NFC ~ upper NFD");

	/* Compatibility */
	is_next("abc", "x \xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3 y", 2, 11,
	    "abc finds full-width");
	is_next("\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3", "abc ABC", 4, 7,
	    "full-width finds ABC (case-sensitive)");
	is_next("\xe3\x82\xab\xe3\x82\xbf\xe3\x82\xab\xe3\x83\x8a",
	    "\xef\xbd\xb6\xef\xbe\x80\xef\xbd\xb6\xef\xbe\x85", 0, 12,
	    "katakana finds half-width");
	is_next("\xef\xbd\xb6\xef\xbe\x80\xef\xbd\xb6\xef\xbe\x85",
	    "x\xe3\x82\xab\xe3\x82\xbf\xe3\x82\xab\xe3\x83\x8a", 1, 13,
	    "half-width finds katakana");
	is_next("\xe3\x82\xac", "x\xef\xbd\xb6\xef\xbe\x9ex", 1, 7,
	    "\xe3\x82\xac finds half-width with voiced mark");
	is_next("\xef\xac\x81" "sh", "FISH", 0, 4, "ligature fi finds FI");
	is_next("\xe2\x80\x9c" "a", "\xe2\x80\x9c" "A\xe2\x80\x9d", 0, 4,
	    "curly quote is plain");
	is_next("...", "wait\xe2\x80\xa6", 4, 7, "... finds ellipsis");
	is_next(",", "\xe4\xb8\xad\xef\xbc\x8c\xe6\x96\x87", 3, 6,
	    ", finds full-width comma");
	is_next("\xef\xbc\x8c\xe6\x96\x87",
	    "\xe4\xb8\xad\xef\xbc\x8c\xe6\x96\x87",
	    3, 9, "full-width comma starts a match");
}

/* Dashes and quotation marks match their ASCII forms, both ways. */
static void
test_typographic(void)
{
	is_next("'", "it\xe2\x80\x99s", 2, 5, "' finds \xe2\x80\x99");
	is_next("'", "\xe2\x80\x98x", 0, 3, "' finds \xe2\x80\x98");
	is_next("'", "\xe2\x80\x9a\xe2\x80\x9b", 0, 3,
	    "' finds \xe2\x80\x9a and \xe2\x80\x9b");
	is_next("'", "a \xe2\x80\xb9", 2, 5, "' finds \xe2\x80\xb9");
	is_next("'", "it's", 2, 3, "' still finds '");
	is_next("\xe2\x80\x99", "it's", 2, 3, "\xe2\x80\x99 finds '");
	is_next("\xe2\x80\x98", "it\xe2\x80\x99s", 2, 5,
	    "\xe2\x80\x98 finds \xe2\x80\x99");
	is_next("don't", "I DON\xe2\x80\x99T", 2, 9,
	    "don't finds DON\xe2\x80\x99T, case ignored");
	is_next("DON'T", "don\xe2\x80\x99t DON\xe2\x80\x99T", 8, 15,
	    "DON'T finds DON\xe2\x80\x99T, case kept");
	is_next("\"hi\"", "say \xe2\x80\x9chi\xe2\x80\x9d", 4, 12,
	    "\"hi\" finds \xe2\x80\x9chi\xe2\x80\x9d");
	is_next("\"", "\xe2\x80\x9e", 0, 3, "\" finds \xe2\x80\x9e");
	is_next("\"", "\xc2\xbb", 0, 2, "\" finds \xc2\xbb");
	is_next("\"", "\xe3\x80\x9d", 0, 3, "\" finds \xe3\x80\x9d");
	is_next("\xe2\x80\x9c", "a \"", 2, 3, "\xe2\x80\x9c finds \"");
	is_next("\xc2\xab", "\xe2\x80\x9d", 0, 3,
	    "\xc2\xab finds \xe2\x80\x9d");
	is_next("'", "\xe2\x80\x9c\"", -1, -1, "' does not find \"");
	is_next("\"", "\xe2\x80\x99'", -1, -1,
	    "\" does not find \xe2\x80\x99");
	is_next("-", "a\xe2\x80\x93" "b", 1, 4, "- finds \xe2\x80\x93");
	is_next("-", "\xe2\x80\x94", 0, 3, "- finds \xe2\x80\x94");
	is_next("-", "5\xe2\x88\x92" "3", 1, 4, "- finds the minus sign");
	is_next("-", "\xe2\x80\x90", 0, 3, "- finds \xe2\x80\x90");
	is_next("-", "\xef\xbc\x8d", 0, 3, "- finds the full-width -");
	is_next("\xe2\x80\x94", "a-b", 1, 2, "\xe2\x80\x94 finds -");
	is_next("1990-91", "1990\xe2\x80\x93" "91", 0, 9,
	    "1990-91 finds 1990\xe2\x80\x93" "91");
	is_next("well-known", "WELL\xe2\x80\x91KNOWN", 0, 12,
	    "well-known finds a non-breaking hyphen, case ignored");
	is_next("-", "\xc2\xad~_", -1, -1,
	    "- does not find a soft hyphen, ~ or _");
	is_next("'", "\xe2\x80\x99\xcc\x81", -1, -1,
	    "' is not \xe2\x80\x99 with an accent");
	is_next_range("'", 0, "x\xe2\x80\x99y", 2, 4, -1, -1,
	    "a match starts on a character");
	is_prev("-", 0, "a-b\xe2\x80\x94" "c", 0, 7, 3, 6,
	    "search_prev: the last dash");
}

/* Check the first match of pat, accents ignored, in text. */
static void
is_noaccent(const char *pat, const char *text, long ws, long we,
    const char *name)
{
	is_next_range(pat, SEARCH_NOACCENT, text, 0, (size_t)-1, ws, we, name);
}

/* SEARCH_NOACCENT: accents ignored, both ways, with case as before. */
static void
test_noaccent(void)
{
	is_noaccent("naive", "Na\xc3\xafve", 0, 6, "naive finds Na\xc3\xafve");
	is_noaccent("naive", "Nai\xcc\x88ve", 0, 7,
	    "naive finds Nai\xcc\x88ve (decomposed)");
	is_noaccent("cafe", "le caf\xc3\xa9 noir", 3, 8,
	    "cafe finds caf\xc3\xa9");
	is_noaccent("cafe", "le cafe\xcc\x81 noir", 3, 9,
	    "cafe finds cafe\xcc\x81, with its accent");
	is_noaccent("caf\xc3\xa9", "a cafe", 2, 6, "caf\xc3\xa9 finds cafe");
	is_noaccent("cafe\xcc\x81", "a cafe", 2, 6,
	    "cafe\xcc\x81 finds cafe");
	is_noaccent("CAFE", "caf\xc3\xa9 CAF\xc3\x89", 6, 11,
	    "CAFE: case kept, accents ignored");
	is_noaccent("viet nam", "Vi\xe1\xbb\x87t Nam", 0, 10,
	    "two accents on one letter");
	is_noaccent("angstrom", "\xe2\x84\xab" "ngstr\xc3\xb6m", 0, 11,
	    "angstrom finds the angstrom sign");
	is_noaccent("e", "caf\xc3\xa9", 3, 5, "e is the whole \xc3\xa9");
	is_noaccent("x", " \xcc\x81x", 3, 4, "a lone accent starts nothing");
	is_noaccent("don't", "DON\xe2\x80\x99T", 0, 7,
	    "typographic marks as well");
	is_noaccent("\xed\x95\x9c\xea\xb5\xad", "\xed\x95\x9c\xea\xb5\xad", 0, 6,
	    "Hangul unchanged");
	is_noaccent("\xed\x95\x9c", "\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab", 0, 9,
	    "Hangul syllable finds its jamo");
	is_next("cafe", "caf\xc3\xa9", -1, -1, "without the flag: not found");
	is_prev("cafe", SEARCH_NOACCENT, "caf\xc3\xa9 cafe\xcc\x81", 0, 12, 6, 12,
	    "search_prev: the last");
	is_error("\xcc\x81", SEARCH_NOACCENT, "empty pattern",
	    "a pattern of accents is empty");
}

/* Rules 3 and 4: white space, paragraphs, bad bytes. */
static void
test_space(void)
{
	is_next("hello world", "hello\r\nworld", 0, 12, "space across CRLF");
	is_next("hello world", "say hello \t\n  world!", 4, 19,
	    "space across blanks and LF");
	is_next("hello   world", "hello world", 0, 11, "pattern run of spaces");
	is_next("hello world", "hello\rworld", 0, 11, "space across CR");
	is_next("hello world", "helloworld", -1, -1, "space needs space");
	is_next("helloworld", "hello world", -1, -1, "no space, no match");
	is_next("hello world", "hello\n\nworld", -1, -1, "not across LF LF");
	is_next("hello world", "hello\r\n \t\r\nworld", -1, -1,
	    "not across a blank line with CRLF");
	is_next("hello world", "hello\r\rworld", -1, -1, "not across CR CR");
	is_next("hello world", "hello\n\r\nworld", -1, -1,
	    "not across LF CRLF");
	is_next("o w", "hello\xe3\x80\x80world", 4, 9, "ideographic space");
	is_next(" x", "a  x", 1, 4, "leading space: whole run");
	is_next(" x", "a\n\nx", -1, -1, "leading space: not a paragraph break");
	is_next("a ", "a \n b", 0, 4, "trailing space takes the run");
	/* A mail's quote: its marks after a line break are white space. */
	is_next("wind had", "> the wind\n> had turned", 6, 16,
	    "across a quote's line break and its '>'");
	is_next("wind had", "wind\n> > had", 0, 12, "and two '>' apart");
	is_next("wind had", "wind\n>\n> had", -1, -1,
	    "not across \">\" alone: a paragraph break");
	is_next("wind had", "wind >had", -1, -1, "a '>' in a line: no space");

	/* CJK line breaks join with nothing. */
	is_next("\xe7\xbf\x92\xe8\xbf\x91\xe5\xb9\xb3",
	    "\xe7\xbf\x92\xe8\xbf\x91\n\xe5\xb9\xb3", 0, 10,
	    "\xe7\xbf\x92\xe8\xbf\x91\xe5\xb9\xb3 across LF");
	is_next("\xe7\xbf\x92\xe8\xbf\x91\xe5\xb9\xb3",
	    "x \xe7\xbf\x92\xe8\xbf\x91 \r\n   \xe5\xb9\xb3\n", 2, 17,
	    "across CRLF and indentation");
	is_next("\xe8\xbf\x91 \xe5\xb9\xb3", "\xe8\xbf\x91\n\xe5\xb9\xb3", -1,
	    -1,
	    "a space does not match a CJK join");
	is_next("\xe8\xbf\x91 \xe5\xb9\xb3", "\xe8\xbf\x91 \xe5\xb9\xb3", 0, 7,
	    "a space matches a space between CJK");
	is_next("\xe8\xbf\x91\xe5\xb9\xb3", "\xe8\xbf\x91\n\n\xe5\xb9\xb3", -1,
	    -1,
	    "CJK join is not across paragraphs");
	is_next("\xed\x95\x9c\xea\xb5\xad", "\xed\x95\x9c\n\xea\xb5\xad", -1,
	    -1,
	    "Hangul does not join");
	is_next("\xed\x95\x9c \xea\xb5\xad", "\xed\x95\x9c\n\xea\xb5\xad", 0, 7,
	    "Hangul line break is a space");
	is_next("a\xe5\xb9\xb3", "a\n\xe5\xb9\xb3", -1, -1,
	    "Latin then CJK does not join");

	/* Edges of data and paragraphs. */
	is_next("abc", "abc", 0, 3, "whole data");
	is_next("abc", "x\n\nabc\n\ny", 3, 6, "paragraph of its own");
	is_next("foo bar", "foo bar", 0, 7, "no final newline");
	is_next("bar", "foo\nbar", 4, 7, "at the very end");
	is_next("bar", "foo\nba", -1, -1, "cut at the very end");
	is_next("caf\xc3\xa9", "cafe\xcc", -1, -1,
	    "truncated UTF-8 at the end");
	is_next("end", "the end\n\n", 4, 7, "before final blank lines");

	/* Bad bytes and controls never match. */
	is_next("abcd", "ab\xff" "cd", -1, -1, "invalid byte breaks a match");
	is_next("cd", "ab\xff" "cd", 3, 5, "match after an invalid byte");
	is_next("ab", "ab\xff" "cd", 0, 2, "match before an invalid byte");
	is_next("abc", "\x80" "abc", 1, 4, "stray continuation byte first");
	is_next("abc", "\xe7\xbf" "abc", 2, 5, "cut sequence first");
	is_next("ab cd", "ab\x01" "cd", -1, -1, "a control is not a space");
	is_next("abcd", "ab\x1b" "cd", -1, -1, "ESC is not skipped");
	is_error("\xe2\x80\xae", 0, NULL, "bidi override in the pattern");
	is_next("ab", "a\xe2\x80\xae" "b", -1, -1, "bidi override in the text");
	is_error("a\x01" "b", 0, NULL, "control in the pattern");
	is_error("a\xff", 0, NULL, "invalid UTF-8 in the pattern");
	is_error("", 0, "empty pattern", "empty pattern");
	is_error("", SEARCH_REGEX, "empty pattern", "empty regex");
	is_next_range("(ab+)+|x{2,3}|[]+{]+", SEARCH_REGEX, "a abbab", 0,
	    (size_t)-1, 2, 7, "repetition");
}

/* The caller's slices. */
static void
test_slices(void)
{
	const char	*t = "xxxxabcdxxxx abcd";
	struct search	*s;
	size_t		 len, a, ms, me, found[8], n;

	is_next_range("abcd", 0, t, 0, 5, 4, 8, "match straddling to");
	is_next_range("abcd", 0, t, 0, 4, -1, -1, "match at to is not in");
	is_next_range("abcd", 0, t, 5, 12, -1, -1, "started before from");
	is_next_range("abcd", 0, t, 5, 17, 13, 17, "next slice finds next");
	is_next_range("b", 0, "\xc3\xa9" "b", 1, 3, 2, 3, "from inside a char");
	is_next_range("\xcc\x81", 0, "e\xcc\x81 \xcc\x81", 0, 5, 4, 6,
	    "a mark starts a match only after a space");
	is_next_range("\xc3\xa9", 0, "cafe\xcc\x81", 3, 4, 3, 6,
	    "segment completed after to");
	is_next_range("\xc3\xa9", 0, "cafe\xcc\x81", 4, 6, -1, -1,
	    "and not found again by the next slice");
	is_prev("\xc3\xa9", 0, "cafe\xcc\x81", 0, 4, 3, 6,
	    "prev: segment completed after to");
	is_prev("abcd", 0, t, 0, 17, 13, 17, "prev: last match");
	is_prev("abcd", 0, t, 0, 13, 4, 8, "prev: to excludes later");
	is_prev("abcd", 0, t, 0, 5, 4, 8, "prev: straddles to");
	is_prev("abcd", 0, t, 5, 13, -1, -1, "prev: none in range");
	is_prev("ab", 0, "ab ab ab", 0, 8, 6, 8, "prev: of three");
	is_prev("dog|cat", SEARCH_REGEX, "cat dog cat dog", 0, 12, 8, 11,
	    "prev: regex");

	/* Adjacent slices of every size report every match once. */
	s = search_create("ab", 0, NULL);
	len = strlen(t);
	for (size_t w = 1; w <= 6; w++) {
		n = 0;
		for (a = 0; a < len; a += w) {
			size_t	from = a;

			while (n < 8 && search_next(s, (const uint8_t *)t, len,
			    from, a + w, &ms, &me)) {
				found[n++] = ms;
				from = ms + 1;
			}
		}
		tap_ok(n == 2 && found[0] == 4 && found[1] == 13,
		    "slices of %zu: each match once", w);
	}
	search_destroy(s);
}

/* Rule 6: regular expressions. */
static void
test_regex(void)
{
	is_next_range("cat|dog", SEARCH_REGEX, "a dog and a cat", 0, (size_t)-1,
	    2, 5, "alternation");
	is_next_range("cat|dog", SEARCH_REGEX, "a DOG", 0, (size_t)-1, 2, 5,
	    "case ignored by smart case");
	is_next_range("Dog", SEARCH_REGEX, "a dog", 0, (size_t)-1, -1, -1,
	    "case-sensitive by smart case");
	is_next_range("a b", SEARCH_REGEX, "a\r\nb", 0, (size_t)-1, -1, -1,
	    "CRLF is two spaces");
	is_next_range("a  b", SEARCH_REGEX, "xa\r\nb", 0, (size_t)-1, 1, 5,
	    "CRLF is two spaces, offsets kept");
	is_next_range("a.*b", SEARCH_REGEX, "a\n\nb", 0, (size_t)-1, -1, -1,
	    "one paragraph at a time");
	is_next_range("^b", SEARCH_REGEX, "ab\n\nb", 0, (size_t)-1, 4, 5,
	    "^ is a paragraph start");
	is_next_range("o+", SEARCH_REGEX, "foo\n\nboo", 3, (size_t)-1, 6, 8,
	    "second paragraph");
	is_next_range("o+", SEARCH_REGEX, "foo", 2, 3, 2, 3,
	    "starts inside from");
	is_next_range("x*", SEARCH_REGEX, "abx", 0, (size_t)-1, 2, 3,
	    "empty matches are skipped");
	is_next_range("a.c", SEARCH_REGEX, "a\x01" "c abc", 0, (size_t)-1, 4, 7,
	    "no match over a control");
	is_next_range("\xe7\xbf\x92.", SEARCH_REGEX,
	    "x\xe7\xbf\x92\xe8\xbf\x91",
	    0, (size_t)-1, 1, 7, ". is one character");
	is_error("(", SEARCH_REGEX, NULL, "bad regex");
}

/*
 * The reference: tokens of the whole text, folded first. A token is a
 * folded code point, a white space run (WS) or a barrier (BAR).
 */
#define T_WS	0x7fffffff
#define T_BAR	0x7ffffffe
struct tok {
	uint32_t	 cp;
	size_t		 start, end;	/* source of its segment or run */
	int		 first;		/* first token of its segment */
};

/* Reference: does uc fold together with the character before it? */
static int
ref_back(ucs4_t uc)
{
	uint8_t	 s[8], buf[64], *r;
	size_t	 n, rn = sizeof buf;
	ucs4_t	 f = uc;
	int	 back;

	if (uc < 0x300)
		return 0;
	n = (size_t)u8_uctomb(s, uc, sizeof s);
	r = u8_normalize(UNINORM_NFKD, s, n, buf, &rn);
	if (rn > 0)
		u8_mbtouc(&f, r, rn);
	if (r != buf)
		free(r);
	back = 0;
	for (int i = 0; i < 2; i++, uc = f)
		if (uc_combining_class(uc) != 0 ||
		    uc_is_general_category(uc, UC_CATEGORY_M) ||
		    (uc >= 0x1160 && uc <= 0x11ff))
			back = 1;
	return back;
}

/*
 * Reference: the ASCII mark a dash or a quotation mark stands for, or uc:
 * by the properties, and single or double by the name.
 */
static ucs4_t
ref_typo(ucs4_t uc)
{
	char	name[UNINAME_MAX];

	if (uc >= 0x80 && uc_is_property_dash(uc))
		return '-';
	if (uc >= 0x80 && uc_is_property_quotation_mark(uc))
		return unicode_character_name(uc, name) != NULL &&
		    strstr(name, "DOUBLE") != NULL ? '"' : '\'';
	return uc;
}

/* Reference: is uc white space? */
static int
ref_ws(ucs4_t uc)
{
	return uc == ' ' || uc == '\t' || uc == '\n' || uc == '\r' ||
	    (uc >= 0x80 && uc_is_property_white_space(uc) &&
	    sanitize_printable(uc));
}

/* Reference: the folded tokens of d (of a pattern if pattern). */
static size_t
ref_tokens(const uint8_t *d, size_t len, int icase, int noaccent,
    int pattern, struct tok **out)
{
	struct tok	*t = NULL;
	size_t		 nt = 0, cap = 0, p = 0, q, e, rn;
	ucs4_t		 uc, prev = 0, next;
	uint8_t		 buf[256], *r, *x;
	int		 n, nl, first;
	uninorm_t	 nf = noaccent ? UNINORM_NFKD : UNINORM_NFKC;

#define PUSH(c, a, b, f) do {						\
	if (nt == cap) {						\
		cap = cap ? cap * 2 : 64;				\
		t = realloc(t, cap * sizeof *t);			\
	}								\
	t[nt].cp = (c); t[nt].start = (a); t[nt].end = (b);		\
	t[nt].first = (f); nt++;					\
} while (0)
	while (p < len) {
		n = u8_mbtoucr(&uc, d + p, len - p);
		if (n < 0) {
			PUSH(T_BAR, p, p + 1, 1);
			p++;
			prev = 0;
			continue;
		}
		if (ref_ws(uc)) {
			for (q = p, nl = 0; q < len; ) {
				n = u8_mbtoucr(&uc, d + q, len - q);
				if (n < 0 || !ref_ws(uc))
					break;
				if (uc == '\n' || (uc == '\r' &&
				    !(q + 1 < len && d[q + 1] == '\n')))
					nl++;
				q += (size_t)n;
			}
			next = 0;
			if (q < len && u8_mbtoucr(&next, d + q, len - q) < 0)
				next = 0;
			if (!pattern && nl >= 2)
				PUSH(T_BAR, p, q, 1);
			else if (pattern || nl != 1 || !layout_nospace(prev) ||
			    !layout_nospace(next))
				PUSH(T_WS, p, q, 1);
			p = q;
			prev = ' ';
			continue;
		}
		if (!sanitize_printable(uc)) {
			PUSH(T_BAR, p, p + (size_t)n, 1);
			p += (size_t)n;
			prev = 0;
			continue;
		}
		e = p + (size_t)n;
		prev = uc;
		while (e < len && (n = u8_mbtoucr(&uc, d + e, len - e)) > 0 &&
		    ref_back(uc)) {
			e += (size_t)n;
			prev = uc;
		}
		rn = sizeof buf;
		if (icase)
			r = u8_casefold(d + p, e - p, NULL, nf, buf, &rn);
		else
			r = u8_normalize(nf, d + p, e - p, buf, &rn);
		for (x = r, first = 1; x < r + rn; x += n) {
			n = u8_mbtouc(&uc, x, (size_t)(r + rn - x));
			if (noaccent && (uc_combining_class(uc) != 0 ||
			    uc_is_general_category(uc, UC_CATEGORY_Mn)))
				continue;
			PUSH(ref_typo(uc), p, e, first);
			first = 0;
		}
		if (r != buf)
			free(r);
		p = e;
	}
	*out = t;
	return nt;
#undef PUSH
}

/* All matches by the reference, as start/end pairs; returns how many. */
static size_t
ref_search(const uint8_t *d, size_t len, const char *pat, int icase,
    int noaccent, size_t *res, size_t max)
{
	struct tok	*tt, *pt;
	size_t		 nt, np, i, j, n = 0;

	nt = ref_tokens(d, len, icase, noaccent, 0, &tt);
	np = ref_tokens((const uint8_t *)pat, strlen(pat), icase, noaccent, 1,
	    &pt);
	for (i = 0; np > 0 && i + np <= nt && n < max; i++) {
		if (!tt[i].first)
			continue;
		for (j = 0; j < np; j++)
			if (tt[i + j].cp != pt[j].cp || tt[i + j].cp == T_BAR)
				break;
		if (j < np)
			continue;
		if (i + np < nt && !tt[i + np].first)
			continue;	/* ends inside a segment */
		if (n > 0 && res[2 * (n - 1)] == tt[i].start)
			continue;	/* same start (empty folds) */
		res[2 * n] = tt[i].start;
		res[2 * n + 1] = tt[i + np - 1].end;
		n++;
	}
	free(tt);
	free(pt);
	return n;
}

static const char *frags[] = {
	"the ", "The ", "cat", "CAT", " ", " ", "  ", "\t", "\n", "\r\n",
	"\n\n", "\n \n", ("stra\xc3\x9f" "e"), "\xc3\x9f", "ss", "SS", "s",
	"\xc3\xa9", "e\xcc\x81", "\xc3\x89", "E\xcc\x81", "e", "\xcc\x81",
	"\xce\xa3", "\xcf\x83", "\xcf\x82", "\xe2\x84\xaa", "k", "K",
	"\xef\xbc\xa1\xef\xbc\xa2", "ab", "AB", "\xef\xbd\xb6\xef\xbe\x9e",
	"\xe3\x82\xab", "\xe3\x82\xac", "\xef\xbd\xb6", "\xe7\xbf\x92",
	"\xe8\xbf\x91", "\xe5\xb9\xb3", "\xe7\xbf\x92\xe8\xbf\x91\n",
	"\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\xa6", "...", "\xef\xbc\x8c",
	",", "\xed\x95\x9c", "\xe1\x84\x92\xe1\x85\xa1", "\xe3\x80\x80",
	"\xef\xac\x81", "fi", "\xff", "\x01", "\xe7\xbf", "x", "ASCII ",
	"\xc2\xa0", "\xe1\xba\x9e", "\xe2\x80\x94", "I\xcc\x87", "\xc4\xb0",
	"i", "<\xcc\xb8", "\xe2\x89\xae", "<", "\xe3\x81\x8b\xe3\x82\x99",
	"\xe3\x81\x8c", "\xef\xbd\x98", "thE", "\xe4\xb8\xad\n",
	"'", "\"", "-", "\xe2\x80\x99", "\xe2\x80\x98", "\xe2\x80\x9e",
	"\xc2\xab", "\xe2\x80\x93", "\xe2\x88\x92", "don\xe2\x80\x99t",
	"\xe2\x80\x99\xcc\x81", "\xe3\x80\x8c", "\xef\xbc\x8d",
	"na\xc3\xafve", "nai\xcc\x88ve", "naive", "NA\xc3\x8fVE",
	"\xe1\xbb\x87", "e\xcc\xa3\xcc\x82", "\xe2\x84\xab",
	"A\xcc\x8a", "\xed\x95\x9c", "\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab",
};

/* Show how a result differs from the reference's. */
static void
diag_diff(const char *pat, const size_t *got, size_t ng, const size_t *want,
    size_t n)
{
	size_t	i;

	size_t	shown = 0;

	tap_diag("pattern \"%s\": %zu vs ref %zu", pat, ng, n);
	for (i = 0; (i < ng || i < n) && shown < 8; i++) {
		if (i < ng && i < n && got[2 * i] == want[2 * i] &&
		    got[2 * i + 1] == want[2 * i + 1])
			continue;
		shown++;
		tap_diag("  %zu: got %zu-%zu ref %zu-%zu", i,
		    i < ng ? got[2 * i] : 0, i < ng ? got[2 * i + 1] : 0,
		    i < n ? want[2 * i] : 0, i < n ? want[2 * i + 1] : 0);
	}
}

/*
 * Rule 5's promise: the fast path agrees with the reference, with the
 * search's flags (0 or SEARCH_NOACCENT).
 */
static void
test_random(int flags)
{
	char		 text[4096], pat[64];
	size_t		 nfrag = sizeof frags / sizeof frags[0], len, i, k, n;
	size_t		 want[2 * 256], got[2 * 256], ng, a, ms, me, w;
	struct search	*s;
	int		 round, tries, bad = 0, checked = 0, slicebad = 0;
	int		 prevbad = 0, matched = 0;

	srand(20261128);
	for (round = 0; round < 300; round++) {
		len = 0;
		for (i = 0; i < 150; i++) {
			const char *f = frags[(size_t)rand() % nfrag];

			memcpy(text + len, f, strlen(f));
			len += strlen(f);
		}
		text[len] = '\0';
		for (tries = 0; tries < 20; tries++) {
			/* A pattern: a piece of the text or a few fragments. */
			if (rand() % 2) {
				a = (size_t)rand() % len;
				k = 1 + (size_t)rand() % 12;
				if (a + k > len)
					k = len - a;
				memcpy(pat, text + a, k);
				pat[k] = '\0';
			} else {
				pat[0] = '\0';
				for (i = 0; i < 1 + (size_t)rand() % 3; i++)
					strcat(pat, frags[(size_t)rand() %
					    nfrag]);
			}
			if ((s = search_create(pat, flags, NULL)) == NULL)
				continue;
			checked++;
			n = ref_search((const uint8_t *)text, len, pat,
			    search_is_icase(s), flags & SEARCH_NOACCENT, want,
			    256);
			ng = 0;
			a = 0;
			while (ng < 256 && search_next(s, (const uint8_t *)text,
			    len, a, len, &ms, &me)) {
				got[2 * ng] = ms;
				got[2 * ng + 1] = me;
				ng++;
				a = ms + 1;
			}
			if (ng != n || memcmp(got, want, 2 * n * sizeof *got)) {
				if (bad++ < 5)
					diag_diff(pat, got, ng, want, n);
			}
			matched += n > 0;
			/* Random slices find the same. */
			w = 1 + (size_t)rand() % 40;
			ng = 0;
			for (a = 0; a < len; a += w) {
				size_t	from = a;

				while (ng < 256 && search_next(s,
				    (const uint8_t *)text, len, from, a + w,
				    &ms, &me)) {
					if (ng >= n || got[2 * ng] != ms)
						break;
					ng++;
					from = ms + 1;
				}
			}
			if (ng != n)
				slicebad++;
			/* search_prev finds the last. */
			if (search_prev(s, (const uint8_t *)text, len, 0, len,
			    &ms, &me) != (n > 0) || (n > 0 &&
			    (ms != want[2 * n - 2] || me != want[2 * n - 1])))
				prevbad++;
			search_destroy(s);
		}
	}
	tap_ok(checked > 3000, "flags %d: random patterns checked: %d (%d "
	    "with matches)", flags, checked, matched);
	tap_ok(matched > 500, "flags %d: enough random patterns match: %d",
	    flags, matched);
	tap_is_int(bad, 0, "flags %d: fast path agrees with the reference",
	    flags);
	tap_is_int(slicebad, 0, "flags %d: random slices agree", flags);
	tap_is_int(prevbad, 0, "flags %d: search_prev agrees", flags);
}

/* A regular expression that must compile; NULL (and a failed test) if not. */
static struct search *
rx(const char *pat, const char *name)
{
	struct search	*s;
	char		*cause = NULL;

	if ((s = search_create(pat, SEARCH_REGEX, &cause)) == NULL) {
		tap_ok(0, "%s: %s", name, cause);
		free(cause);
	}
	return s;
}

/* Regular expressions: PCRE2 syntax, smart case, the compiler's errors. */
static void
test_regex_syntax(void)
{
	struct search	*s;

	/* The compiler's own messages. */
	is_error("(", SEARCH_REGEX, "missing closing parenthesis",
	    "unclosed group");
	is_error("a)", SEARCH_REGEX, "unmatched closing parenthesis",
	    "stray )");
	is_error("[a", SEARCH_REGEX, "missing terminating ] for character class",
	    "unclosed class");
	is_error("a{2,1}", SEARCH_REGEX,
	    "numbers out of order in {} quantifier", "bad bound");
	is_error("e+++", SEARCH_REGEX,
	    "quantifier does not follow a repeatable item", "stacked +");
	/* What depends on where a search started is refused. */
	is_error("a\\Kb", SEARCH_REGEX, "\\K is not supported in a search",
	    "\\K");
	is_error("\\Gb", SEARCH_REGEX, "\\G is not supported in a search",
	    "\\G");
	is_error("a(*COMMIT)b", SEARCH_REGEX,
	    "(*COMMIT) and (*SKIP) are not supported in a search",
	    "(*COMMIT)");
	is_error("a(*SKIP)b", SEARCH_REGEX,
	    "(*COMMIT) and (*SKIP) are not supported in a search",
	    "(*SKIP)");
	/* Repetitions of groups compile in bounded time: no budget of ours. */
	if ((s = rx("((a{16}){16}){16}", "nested bounds")) != NULL) {
		char	*t = malloc(4100);

		memset(t, 'a', 4099);
		t[4099] = '\0';
		tap_ok(1, "nested bounds compile");
		is_next_range("((a{16}){16}){16}", SEARCH_REGEX, t, 0,
		    (size_t)-1, 0, 4096, "nested bounds: 4096 a");
		free(t);
		search_destroy(s);
	}
	if ((s = rx("(.*){4000}", "a large bound on a group")) != NULL) {
		tap_ok(1, "a large bound on a group compiles");
		search_destroy(s);
	}

	/* PCRE2 syntax. */
	is_next_range("colou?r(?= of)", SEARCH_REGEX, "the color red, the "
	    "colour of", 0, (size_t)-1, 19, 25, "lookahead");
	is_next_range("(?<=\\$)\\d+", SEARCH_REGEX, "12 or $34", 0,
	    (size_t)-1, 7, 9, "lookbehind and \\d");
	is_next_range("\\bcat\\b", SEARCH_REGEX, "concat cat", 0, (size_t)-1,
	    7, 10, "\\b");
	is_next_range("a.*?z", SEARCH_REGEX, "abz abz", 0, (size_t)-1, 0, 3,
	    "lazy quantifier");
	is_next_range("\\b(\\w+)\\s+\\1\\b", SEARCH_REGEX,
	    "it was the the end", 7, (size_t)-1, 7, 14,
	    "a back-reference finds a doubled word");
	is_next_range("\\w+", SEARCH_REGEX, "  na\xc3\xafve", 0, (size_t)-1,
	    2, 8, "\\w is Unicode");
	is_next_range("x*", SEARCH_REGEX, "abx", 0, (size_t)-1, 2, 3,
	    "an empty match is never reported");
	is_next_range("|b", SEARCH_REGEX, "ab", 0, (size_t)-1, 1, 2,
	    "a non-empty alternative instead");

	/* Smart case looks at letters, not escapes or names. */
	is_next_range("\\S+ING", SEARCH_REGEX, "running RUNNING", 0,
	    (size_t)-1, 8, 15, "upper case: case-sensitive");
	is_next_range("\\S+ing", SEARCH_REGEX, "RUNNING", 0, (size_t)-1,
	    0, 7, "\\S is no upper case letter");
	is_next_range("(?<Word>\\w+)\\W+end", SEARCH_REGEX, "THE END", 0,
	    (size_t)-1, 0, 7, "a group's name is no upper case letter");
	is_next_range("\\p{Lu}\\w+", SEARCH_REGEX, "see Rome", 0, (size_t)-1,
	    4, 8, "\\p{Lu} is no upper case letter");
	is_next_range("(?:\\Qa.b\\E)", SEARCH_REGEX, "axb A.B", 0, (size_t)-1,
	    4, 7, "\\Q...\\E is literal, case ignored");
	/* Caseless matching by Unicode. */
	is_next_range("\xcf\x82", SEARCH_REGEX, "x \xce\xa3", 0, (size_t)-1,
	    2, 4, "\xcf\x82 finds \xce\xa3");
	is_next_range("\xc3\xa9t\xc3\xa9", SEARCH_REGEX, "L'\xc3\x89T\xc3\x89",
	    0, (size_t)-1, 2, 7, "\xc3\xa9t\xc3\xa9 finds \xc3\x89T\xc3\x89");
}

/* Paragraphs, line breaks and what nothing matches over. */
static void
test_regex_text(void)
{
	is_next_range("dog\\s+cat", SEARCH_REGEX, "a dog\ncat", 0, (size_t)-1,
	    2, 9, "a line break is a space");
	is_next_range("dog cat", SEARCH_REGEX, "a dog\r\ncat", 0, (size_t)-1,
	    -1, -1, "CR LF is two");
	is_next_range("dog[^x]+cat", SEARCH_REGEX, "dog\n\ncat", 0,
	    (size_t)-1, -1, -1, "not across a blank line");
	is_next_range("dog\\s+cat", SEARCH_REGEX, "dog\n \t\ncat", 0,
	    (size_t)-1, -1, -1, "not across a line of blanks");
	is_next_range("dog\\s+cat", SEARCH_REGEX, "dog\r\rcat", 0,
	    (size_t)-1, -1, -1, "not across CR CR");
	is_next_range("^cat", SEARCH_REGEX, "dog\n\n  cat", 0, (size_t)-1,
	    7, 10, "^: the paragraph's first character");
	is_next_range("dog$", SEARCH_REGEX, "dog  \n\ncat", 0, (size_t)-1,
	    0, 3, "$: after its last");
	is_next_range("t$", SEARCH_REGEX, "cat\n", 0, (size_t)-1, 2, 3,
	    "$ before the final line break");
	is_next_range("^\\w", SEARCH_REGEX, "dog\ncat", 1, (size_t)-1, -1, -1,
	    "^ is not a line's start");
	is_next_range("a.c", SEARCH_REGEX, "a\xff" "c abc", 0, (size_t)-1,
	    4, 7, "not over an invalid byte");
	is_next_range("x.*c", SEARCH_REGEX, "xabc\x01" "c", 0, (size_t)-1,
	    0, 4, "a control stops a match, which is kept");
	is_next_range("a.b", SEARCH_REGEX, "a\xe2\x80\xae" "b", 0, (size_t)-1,
	    -1, -1, "not over a bidi override");
	is_next_range(".*foo", SEARCH_REGEX, "x\x01 foo", 0, (size_t)-1,
	    2, 6, ".* after a control");
	is_next_range("a\tb", SEARCH_REGEX, "a\tb", 0, (size_t)-1, 0, 3,
	    "a tab is text");
}

/* A paragraph of n bytes of words (and single line breaks), NUL ended. */
static char *
long_paragraph(size_t n, unsigned seed)
{
	static const char *const w[] = { "the", "quick", "brown", "fox",
	    "jumps", "over", "lazy", "dogs", "and", "then", "sleeps" };
	char	*t = malloc(n + 1);
	size_t	 i = 0, k, col = 0;

	srand(seed);
	while (i < n) {
		const char *x = w[(size_t)rand() % (sizeof w / sizeof w[0])];

		for (k = 0; x[k] != '\0' && i < n; k++)
			t[i++] = x[k];
		col += k + 1;
		if (i < n)
			t[i++] = col > 70 ? '\n' : ' ';
		if (col > 70)
			col = 0;
	}
	t[n] = '\0';
	return t;
}

/* Matches across the borders of chunks and copies, found by any slices. */
static void
test_regex_windows(void)
{
	static const size_t	 at[] = { 4093, 65533, 65536 * 2 - 1,
				    65536 * 3 + 4090 };
	const size_t		 n = 300000;
	struct search		*s;
	char			*t = long_paragraph(n, 7);
	size_t			 i, ms, me, a, found, w;
	int			 r, bad;

	for (i = 0; i < sizeof at / sizeof at[0]; i++)
		memcpy(t + at[i], "needle", 6);
	if ((s = rx("nee(?=dle)\\w+", "straddling")) == NULL)
		goto out;
	for (i = 0, a = 0; i < sizeof at / sizeof at[0]; i++) {
		r = next_all(s, (const uint8_t *)t, n, a, n, &ms, &me);
		tap_ok(r == SEARCH_FOUND && ms == at[i] && me >= at[i] + 6,
		    "a match at %zu, over a border, is found (%d %zu)", at[i],
		    r, ms);
		a = ms + 1;
	}
	tap_ok(next_all(s, (const uint8_t *)t, n, a, n, &ms, &me) ==
	    SEARCH_NONE, "and no other");
	/* Slices of any size find the same, each once. */
	for (w = 1000; w <= 300000; w *= 17) {
		found = 0;
		bad = 0;
		for (a = 0; a < n; a += w) {
			size_t	from = a;

			while ((r = next_all(s, (const uint8_t *)t, n, from,
			    a + w, &ms, &me)) == SEARCH_FOUND) {
				if (found >= 4 || ms != at[found])
					bad = 1;
				found++;
				from = ms + 1;
			}
		}
		tap_ok(found == 4 && !bad, "slices of %zu: the same matches", w);
	}
	r = prev_all(s, (const uint8_t *)t, n, 0, n, &ms, &me);
	tap_ok(r == SEARCH_FOUND && ms == at[3], "search_prev: the last");
	r = prev_all(s, (const uint8_t *)t, n, 0, at[3], &ms, &me);
	tap_ok(r == SEARCH_FOUND && ms == at[2], "search_prev: the one before");
	search_destroy(s);

	/* A match of SEARCH_LONGEST bytes, over a border, is whole. */
	memcpy(t + 60000, "START", 5);
	memcpy(t + 60000 + SEARCH_LONGEST - 3, "END", 3);
	if ((s = rx("START[^#]*END", "a long match")) != NULL) {
		r = next_all(s, (const uint8_t *)t, n, 0, n, &ms, &me);
		tap_ok(r == SEARCH_FOUND && ms == 60000 &&
		    me == 60000 + SEARCH_LONGEST, "a match of %u bytes",
		    SEARCH_LONGEST);
		search_destroy(s);
	}
out:
	free(t);
}

/*
 * A long paragraph is searched in calls that each look at no more than
 * SEARCH_SPAN start positions, as find.c calls them.
 */
static void
test_regex_long(void)
{
	const size_t	 n = (size_t)64 << 20;
	struct search	*s;
	uint8_t		*t = malloc(n);
	size_t		 i, a, hi, from, ms = 0, me = 0, calls = 0, most = 0;
	int		 r = SEARCH_NONE;

	for (i = 0; i < n; i++)
		t[i] = "lorem ipsum dolor "[i % 18];
	memcpy(t + n - 10, "zq4242x ok", 10);
	if ((s = rx("zq\\d+x", "64 MB")) == NULL)
		goto out;
	for (a = 0; a < n && r != SEARCH_FOUND; a = hi) {
		hi = n - a > (4u << 20) ? a + (4u << 20) : n;
		from = a;
		while ((r = search_next(s, t, n, from, hi, &ms, &me)) ==
		    SEARCH_MORE) {
			calls++;
			if (ms <= from || ms - from > most)
				most = ms > from ? ms - from : SIZE_MAX;
			from = ms;
		}
		calls++;
		if (hi - from > most && r != SEARCH_FOUND)
			most = hi - from;
	}
	tap_ok(r == SEARCH_FOUND && ms == n - 10 && me == n - 3,
	    "64 MB in one paragraph: the match at its end");
	tap_ok(most <= SEARCH_SPAN, "each call looked at most %zu positions",
	    most);
	tap_ok(calls >= 64, "in %zu calls", calls);
	search_destroy(s);
out:
	free(t);
}

/* Three 2,000-character paragraphs of words, or of one letter each. */
static char *
three_paragraphs(int letters)
{
	char	*t = malloc(3 * 2002 + 1), *w;
	size_t	 i, k = 0;

	for (i = 0; i < 3; i++) {
		if (letters)
			memset(t + k, 'a' + (int)i, 2000);
		else {
			w = long_paragraph(2000, 1 + (unsigned)i);
			memcpy(t + k, w, 2000);
			free(w);
		}
		k += 2000;
		if (i < 2) {
			t[k++] = '\n';
			t[k++] = '\n';
		}
	}
	t[k] = '\0';
	return t;
}

/*
 * Patterns that backtrack without end give up, with a message, within
 * PCRE2's limits: at the first start position, in the first call.
 */
static void
test_regex_limits(void)
{
	static const char *const pats[] = { "(.+)+\\1z", "(?:\\w+\\s?)+[@#]",
	    "(a|aa)+[yz]", "(?:a+a+)+[yz]" };
	struct search	*s;
	struct doc	 doc;
	struct find	 f;
	char		*t, *cause = NULL;
	const char	*e;
	size_t		 i, ms, me, len;
	int		 r;

	for (i = 0; i < sizeof pats / sizeof pats[0]; i++) {
		if ((s = rx(pats[i], pats[i])) == NULL)
			continue;
		t = three_paragraphs(i >= 2);
		len = strlen(t);
		r = search_next(s, (const uint8_t *)t, len, 0, len, &ms, &me);
		e = search_error(s);
		tap_ok(r == SEARCH_GAVEUP && e != NULL &&
		    strstr(e, "backtracking") != NULL,
		    "%s gives up in its first call: %s", pats[i],
		    e != NULL ? e : "(no message)");
		r = search_prev(s, (const uint8_t *)t, len, 0, len, &ms, &me);
		tap_ok(r == SEARCH_GAVEUP, "%s: search_prev too", pats[i]);
		search_destroy(s);
		free(t);
	}
	/* The same patterns are fine where they have little to try. */
	is_next_range("(.+)+\\1z", SEARCH_REGEX, "abcabcz", 0, (size_t)-1, 0, 7,
	    "a back-reference where it matches");
	is_next_range("(?:a+a+)+[yz]", SEARCH_REGEX, "xaaaay", 0, (size_t)-1,
	    1, 6, "nested repetition where it matches");

	/* find.c passes it on. */
	t = three_paragraphs(0);
	len = strlen(t);
	memset(&doc, 0, sizeof doc);
	doc.data = (const uint8_t *)t;
	doc.len = len;
	find_init(&f);
	if (find_set(&f, "(.+)+\\1z", SEARCH_REGEX, 1, &cause) == 0) {
		tap_is_int(find_go(&f, &doc, 0, 1, NULL, NULL), FIND_GAVEUP,
		    "find_go gives up");
		tap_is_int(find_scan(&f, &doc, len, -1, NULL, NULL, &ms, &me),
		    FIND_GAVEUP, "find_scan backwards gives up");
		while (!find_count_step(&f, &doc))
			;
		tap_ok(f.count_gaveup, "the count gives up");
	} else
		tap_ok(0, "find_set: %s", cause);
	find_free(&f);
	free(cause);
	free(t);
}

/*
 * The reference for regular expressions: PCRE2 on each whole paragraph,
 * turned into what the pattern sees by hand.
 */
static size_t
ref_regex(const uint8_t *d, size_t len, const char *pat, int icase,
    size_t *res, size_t max)
{
	pcre2_code		*code;
	pcre2_match_data	*md;
	uint8_t			*buf = calloc(1, len + 64);
	size_t			 n = 0, p = 0, q, e, i, a, nl, k;
	PCRE2_SIZE		 off, *ov;
	ucs4_t			 uc;
	int			 err, rc, m;

	code = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF |
	    PCRE2_DOLLAR_ENDONLY | PCRE2_NO_DOTSTAR_ANCHOR |
	    (icase ? PCRE2_CASELESS : 0), &err, &off, NULL);
	md = pcre2_match_data_create(1, NULL);
	/* Paragraphs: split at runs of blanks with two line breaks. */
	while (code != NULL && p < len) {
		for (e = p; e < len; e++) {
			if (d[e] != '\n' && d[e] != '\r')
				continue;
			for (q = e; q > p && strchr(" \t\n\r\f\v", d[q - 1]) &&
			    d[q - 1] != '\0'; q--)
				;
			for (i = q, nl = 0; i < len && d[i] != '\0' &&
			    strchr(" \t\n\r\f\v", d[i]); i++)
				nl += d[i] == '\n' || (d[i] == '\r' &&
				    !(i + 1 < len && d[i + 1] == '\n'));
			if (nl >= 2 || (nl == 1 && (q == 0 || i == len))) {
				k = i;	/* the next paragraph */
				e = q;
				goto para;
			}
			e = i - 1;
		}
		k = len;
para:
		for (i = p; i < e; i += (size_t)m) {
			m = u8_mbtoucr(&uc, d + i, e - i);
			if (m < 0) {
				buf[i - p] = 0xff;
				m = 1;
			} else if (uc == '\n' || uc == '\r')
				buf[i - p] = ' ';
			else if (uc != '\t' && !sanitize_printable(uc))
				memset(buf + i - p, 0xff, (size_t)m);
			else
				memcpy(buf + i - p, d + i, (size_t)m);
		}
		for (a = 0; a < e - p && n < max; ) {
			rc = pcre2_match(code, buf, e - p, a, PCRE2_NOTEMPTY,
			    md, NULL);
			if (rc < 0)
				break;
			ov = pcre2_get_ovector_pointer(md);
			res[2 * n] = p + ov[0];
			res[2 * n + 1] = p + ov[1];
			n++;
			a = ov[0] + 1;
		}
		p = k;
	}
	pcre2_match_data_free(md);
	pcre2_code_free(code);
	free(buf);
	return n;
}

/*
 * Random long paragraphs with short ones, controls and bad bytes: every
 * match, by search_next in random slices and by search_prev, agrees with
 * the reference.
 */
static void
test_regex_random(void)
{
	static const char *const pats[] = { "\\w+ps\\b", "o\\s+t", "^\\w+",
	    "\\w+$", "(?<=\\s)l\\w*", "e.{0,300}?z", "[A-Z]\\w*", "x",
	    "dogs? and", "\\b(\\w)\\w*\\1\\b", "(?i)THE\\s+\\w", "h.*n",
	    "\\bthe\\b.{20}" };
	static const char *const junk[] = { "\n\n", "\r\n\r\n", "\n \n",
	    "\x01", "\xff", "\xe2\x80\xae", "\t", "\xc3\xa9", " X ", "\n" };
	const size_t	 n = 140000, max = 40000;
	size_t		*want = malloc(2 * max * sizeof *want);
	size_t		*got = malloc(2 * max * sizeof *got);
	struct search	*s;
	char		*t;
	size_t		 i, k, nw, ng, a, from, w, ms, me;
	int		 round, bad = 0, slicebad = 0, prevbad = 0, r, total = 0;

	for (round = 0; round < 4; round++) {
		t = long_paragraph(n, 100 + (unsigned)round);
		/*
		 * Paragraphs of up to 12 KB, over the borders of chunks
		 * and copies: shorter than SEARCH_LONGEST, so that every
		 * match is whole.
		 */
		for (a = 3000; a + 2 < n; a += 3000 + (size_t)rand() % 9000)
			memcpy(t + a, "\n\n", 2);
		for (i = 0; i < 60; i++) {
			const char *j = junk[(size_t)rand() % 10];

			a = (size_t)rand() % (n - 8);
			memcpy(t + a, j, strlen(j));
		}
		for (k = 0; k < sizeof pats / sizeof pats[0]; k++) {
			if ((s = rx(pats[k], pats[k])) == NULL)
				continue;
			nw = ref_regex((const uint8_t *)t, n, pats[k],
			    search_is_icase(s), want, max);
			total += (int)nw;
			for (ng = 0, a = 0; ng < max && next_all(s,
			    (const uint8_t *)t, n, a, n, &ms, &me) ==
			    SEARCH_FOUND; ng++, a = ms + 1) {
				got[2 * ng] = ms;
				got[2 * ng + 1] = me;
			}
			if (ng != nw || memcmp(got, want, 2 * nw *
			    sizeof *got) != 0) {
				if (bad++ < 3)
					diag_diff(pats[k], got, ng, want, nw);
			}
			w = 1 + (size_t)rand() % 9000;
			for (ng = 0, a = 0; a < n; a += w)
				for (from = a; (r = next_all(s,
				    (const uint8_t *)t, n, from, a + w, &ms,
				    &me)) == SEARCH_FOUND; from = ms + 1)
					if (ng < nw && want[2 * ng] == ms &&
					    want[2 * ng + 1] == me)
						ng++;
					else
						ng = max + 1;
			if (ng != nw)
				slicebad++;
			r = prev_all(s, (const uint8_t *)t, n, 0, n, &ms, &me);
			if (r != (nw > 0 ? SEARCH_FOUND : SEARCH_NONE) ||
			    (nw > 0 && (ms != want[2 * nw - 2] ||
			    me != want[2 * nw - 1])))
				prevbad++;
			search_destroy(s);
		}
		free(t);
	}
	tap_ok(total > 1000, "regex: %d matches by the reference", total);
	tap_is_int(bad, 0, "regex: every match as the reference");
	tap_is_int(slicebad, 0, "regex: random slices agree");
	tap_is_int(prevbad, 0, "regex: search_prev agrees");
	free(want);
	free(got);
}

/* Run every group of checks. */
int
main(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		tap_diag("no C.UTF-8 locale");
	test_folding();
	test_typographic();
	test_noaccent();
	test_space();
	test_slices();
	test_regex();
	test_regex_syntax();
	test_regex_text();
	test_regex_windows();
	test_regex_long();
	test_regex_limits();
	test_random(0);
	test_random(SEARCH_NOACCENT);
	test_regex_random();
	return tap_done();
}
