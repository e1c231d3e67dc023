/*
 * t-unicode.c: Unicode conformance of lede's line and cluster breaking.
 *
 * Every case of the Unicode Consortium's LineBreakTest.txt goes through
 * bounds_lines() (lede's one entry point for UAX #14, with its
 * tailorings) and every case of GraphemeBreakTest.txt through
 * u8_grapheme_breaks(), as layout.c calls them. Both files come with
 * Debian's unicode-data package; without them the test fails.
 *
 * libunistring 1.0 has Unicode 14 tables and rules; the files on Debian 12
 * are Unicode 15's. libunistring alone passes 7300 of 7654 line break
 * cases; with lede's LB29 tailoring, 7306. The cases that fail are
 * listed in t-unicode-lb.h one by one, with the reason: the test fails
 * if any other case fails, and also if a listed case starts to pass, so
 * that the list stays exact. To see the listed failures (for a new
 * libunistring, say), run with T_UNICODE_VERBOSE=1.
 *
 * bounds_lines_range(), which asks libunistring about the text from the
 * last anchor only, is held to bounds_lines() of the whole text: on
 * random text, from every code point of every LineBreakTest case, and
 * after every code point (those above the BMP sampled) in contexts that
 * would show a rule of UAX #14 looking back across it. Its runs of words,
 * which libunistring is not asked about, are held to libunistring's
 * answers for the whole text, on random prose. Korean keep-all is tried
 * on every Hangul code point beside a syllable.
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>

#include "lede.h"
#include "tap.h"

#define UCD_DIR		"/usr/share/unicode/auxiliary"
#define MAX_CPS		64

/* Why a case of LineBreakTest.txt fails. */
enum reason {
	R_LEADSP,	/* no break after leading spaces */
	R_VT,		/* the same after a vertical tab */
	R_CMSP,		/* LB10: mark or ZWJ after a space */
	R_LB16,		/* (CL|CP) SP+ × NS */
	R_LB20,		/* CB */
	R_LB25,		/* numbers */
	R_LB29,		/* IS × AL, AL not a letter */
	R_LB30A,	/* RI CM RI */
	R_MAX
};

static const char *const reason_text[R_MAX] = {
	"LB18: libunistring gives no break after spaces at the start of the "
	    "text or after CR, LF or NEL",
	"LB6/LB18 with vertical tab: the same after VT (BK in the file)",
	"LB10/LB14: a mark or ZWJ after a space stays on the space in "
	    "libunistring (as in lede's clusters); the file makes it AL",
	"LB16: (CL|CP) SP+ x NS: libunistring 1.0 breaks after the spaces",
	"LB20: CB (U+FFFC) is not broken around by libunistring 1.0",
	"LB25 numeric tailoring of the test file (PR/PO/OP/IS/CL by NU)",
	"LB29: IS x AL for AL that is no letter (#, section sign, "
	    "unassigned): lede's tailoring of libunistring covers letters",
	"LB30a: regional indicators with a mark between them",
};

struct exception {
	int		line;	/* line number in LineBreakTest.txt */
	enum reason	why;
};

#include "t-unicode-lb.h"

static int	verbose;
static long	range_checked, range_bad;	/* bounds_lines_range */
static long	graph_checked, graph_bad;	/* bounds_clusters */
static long	lazy_checked, lazy_bad;		/* bounds_cluster_at */

/*
 * Does bounds_lines_range(), asked about [from, to) of s, give there
 * what bounds_lines() gives for the whole of s (in whole)? Bytes of brk
 * outside the range start as garbage, so that a range that looks at them
 * is caught.
 */
static void
check_range(const uint8_t *s, size_t len, const char *whole, size_t from,
    size_t to)
{
	char	brk[1024];
	size_t	i;

	if (len > sizeof brk)
		return;
	memset(brk, 0x55, len);
	bounds_lines_range(s, len, from, to, brk);
	range_checked++;
	for (i = from; i < to; i++)
		if (brk[i] != whole[i]) {
			if (range_bad++ < 5)
				tap_diag("bounds_lines_range [%zu, %zu) of "
				    "%zu bytes differs at %zu", from, to, len,
				    i);
			return;
		}
}

/* Parse one test line into code points and break marks; -1 if none. */
static int
parse_case(const char *line, uint32_t *cp, int *brk, int *n)
{
	const char	*p = line;
	char		*end;
	int		 k = 0;

	*n = 0;
	while (*p != '\0' && *p != '#') {
		if (strncmp(p, "\xc3\xb7", 2) == 0) {		/* ÷ */
			brk[k] = 1;
			p += 2;
		} else if (strncmp(p, "\xc3\x97", 2) == 0) {	/* × */
			brk[k] = 0;
			p += 2;
		} else if (*p == ' ' || *p == '\t') {
			p++;
		} else {
			if (k >= MAX_CPS)
				return -1;
			cp[k++] = (uint32_t)strtoul(p, &end, 16);
			if (end == p)
				return -1;
			p = end;
		}
	}
	*n = k;
	return k > 0 ? 0 : -1;
}

/* UTF-8 of the code points; off[k] is where code point k starts. */
static size_t
encode(const uint32_t *cp, int n, uint8_t *s, size_t *off)
{
	size_t	len = 0;
	int	k, m;

	for (k = 0; k < n; k++) {
		off[k] = len;
		m = u8_uctomb(s + len, cp[k], 6);
		if (m > 0)
			len += (size_t)m;
	}
	off[n] = len;
	return len;
}

/*
 * Does bounds_lines() agree with the file at every boundary between two
 * code points? A break before code point k is UC_BREAK_POSSIBLE there,
 * or UC_BREAK_MANDATORY on code point k - 1 (libunistring marks the line
 * break character itself). The file's × at the start and ÷ at the end
 * are not boundaries.
 */
static int
check_line_case(const uint32_t *cp, const int *want, int n, int *at)
{
	uint8_t	s[MAX_CPS * 4 + 1];
	size_t	off[MAX_CPS + 1], len;
	char	brk[MAX_CPS * 4 + 1];
	int	k, got;

	len = encode(cp, n, s, off);
	memset(brk, UC_BREAK_UNDEFINED, sizeof brk);
	bounds_lines(s, len, brk);
	for (k = 0; k < n; k++)
		check_range(s, len, brk, off[k], len);
	for (k = 1; k < n; k++) {
		got = brk[off[k]] == UC_BREAK_POSSIBLE ||
		    brk[off[k]] == UC_BREAK_HYPHENATION ||
		    brk[off[k - 1]] == UC_BREAK_MANDATORY;
		if (got != want[k]) {
			*at = k;
			return 0;
		}
	}
	return 1;
}

/*
 * Do u8_grapheme_breaks() and bounds_clusters() agree with the file at
 * every boundary?
 */
static int
check_grapheme_case(const uint32_t *cp, const int *want, int n, int *at)
{
	uint8_t	s[MAX_CPS * 4 + 1];
	size_t	off[MAX_CPS + 1], len, known;
	char	brk[MAX_CPS * 4 + 1];
	int	k;

	len = encode(cp, n, s, off);
	u8_grapheme_breaks(s, len, brk);
	for (k = 1; k < n; k++) {
		if ((brk[off[k]] != 0) != want[k]) {
			*at = k;
			return 0;
		}
	}
	/* And layout's clustering, which asks libunistring less often. */
	memset(brk, 0x55, sizeof brk);
	bounds_clusters(s, len, brk);
	for (k = 1; k < n; k++) {
		if ((brk[off[k]] != 0) != want[k]) {
			*at = k;
			return 0;
		}
	}
	/* And asked as the cells are made, a code point at a time. */
	memset(brk, 0x55, sizeof brk);
	for (k = 0, known = 0; k < n; k++) {
		if ((bounds_cluster_at(s, len, brk, &known, off[k]) != 0) !=
		    (k == 0 || want[k])) {
			*at = k;
			return 0;
		}
	}
	return 1;
}

/* The listed exception for a line, or NULL. */
static const struct exception *
find_exception(int line)
{
	size_t	lo = 0, hi;

	hi = sizeof lb_exceptions / sizeof lb_exceptions[0];
	while (lo < hi) {
		size_t	mid = (lo + hi) / 2;

		if (lb_exceptions[mid].line == line)
			return &lb_exceptions[mid];
		if (lb_exceptions[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * Run every case of one file. Returns -1 if the file cannot be read;
 * else counts cases, passes, unexpected failures and listed exceptions
 * that passed.
 */
static int
run_file(const char *path, int line_breaks, int *cases, int *pass,
    int *unexpected, int *stale, int *per_reason)
{
	FILE		*f;
	char		 buf[4096];
	uint32_t	 cp[MAX_CPS];
	int		 want[MAX_CPS + 1], n, ok, at, line = 0;
	const struct exception *e;

	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(buf, sizeof buf, f) != NULL) {
		line++;
		buf[strcspn(buf, "\n")] = '\0';
		if (parse_case(buf, cp, want, &n) == -1)
			continue;
		(*cases)++;
		at = 0;
		if (line_breaks)
			ok = check_line_case(cp, want, n, &at);
		else
			ok = check_grapheme_case(cp, want, n, &at);
		if (ok)
			(*pass)++;
		e = line_breaks ? find_exception(line) : NULL;
		if (ok && e != NULL) {
			(*stale)++;
			tap_diag("%s:%d passes but is listed (%s)", path, line,
			    reason_text[e->why]);
		} else if (!ok && e == NULL) {
			(*unexpected)++;
			tap_diag("%s:%d fails at code point %d: %s", path,
			    line, at, buf);
		} else if (!ok) {
			per_reason[e->why]++;
			if (verbose)
				tap_diag("%s:%d fails at %d (listed): %s",
				    path, line, at, buf);
		}
	}
	fclose(f);
	return 0;
}

/* Are the exceptions sorted by line, each line once? */
static int
exceptions_sorted(void)
{
	size_t	i, n = sizeof lb_exceptions / sizeof lb_exceptions[0];

	for (i = 1; i < n; i++)
		if (lb_exceptions[i].line <= lb_exceptions[i - 1].line)
			return 0;
	return 1;
}

/* The text with "|" at each break opportunity bounds_lines() gives. */
static char *
marked(const char *s)
{
	size_t	 n = strlen(s), i, k = 0;
	char	*brk, *out;

	brk = xmalloc(n + 1);
	out = xmalloc(2 * n + 1);
	bounds_lines((const uint8_t *)s, n, brk);
	for (i = 0; i < n; i++) {
		if (i > 0 && brk[i] == UC_BREAK_POSSIBLE)
			out[k++] = '|';
		out[k++] = s[i];
	}
	out[k] = '\0';
	free(brk);
	return out;
}

/* lede's tailorings, and what they must not disturb. */
static void
check_tailoring(void)
{
	static const char *const cases[][2] = {
		{ "e.g. U.S. example.com 1.a", "e.g. |U.S. |example.com |1.a" },
		{ "a,\xd7\x90 a.\xce\xb1", "a,\xd7\x90 |a.\xce\xb1" },
		{ "a. b a.(b", "a. |b |a.|(b" },
		/* IS before wide letters is not LB29: keeps its break. */
		{ "a.\xe6\x97\xa5", "a.|\xe6\x97\xa5" },
		/* Kinsoku: nothing before 。，、」）！？ or after 「（. */
		{ "\xe6\x97\xa5\xe3\x80\x82\xe6\x97\xa5\xef\xbc\x8c"
		    "\xe6\x97\xa5\xe3\x80\x81\xe3\x80\x8c\xe6\x97\xa5"
		    "\xe3\x80\x8d\xef\xbc\x88\xe6\x97\xa5\xef\xbc\x89"
		    "\xef\xbc\x81\xef\xbc\x9f",
		  "\xe6\x97\xa5\xe3\x80\x82|\xe6\x97\xa5\xef\xbc\x8c|"
		    "\xe6\x97\xa5\xe3\x80\x81|\xe3\x80\x8c\xe6\x97\xa5"
		    "\xe3\x80\x8d|\xef\xbc\x88\xe6\x97\xa5\xef\xbc\x89"
		    "\xef\xbc\x81\xef\xbc\x9f" },
		/* “Quoted” edges stay with their words. */
		{ "he said \xe2\x80\x9chi,\xe2\x80\x9d and "
		    "\xe2\x80\x98yo\xe2\x80\x99.",
		  "he |said |\xe2\x80\x9chi,\xe2\x80\x9d |and "
		    "|\xe2\x80\x98yo\xe2\x80\x99." },
	};
	size_t	 i;
	char	*got;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = marked(cases[i][0]);
		tap_is_str(got, cases[i][1], "bounds_lines: %s", cases[i][1]);
		free(got);
	}
}

/*
 * bounds_lines_range() on random text against bounds_lines() of the
 * whole: code points of every line break class, in runs, so that spaces,
 * marks, numbers and quotes meet the anchors in all orders.
 */
static void
check_range_random(void)
{
	static const uint32_t pool[] = {
		'a', 'Z', 'q', '0', '7', ' ', ' ', ' ', '\n', '!', '"', '#',
		'$', '%', '&', '\'', '(', ')', '*', '+', ',', '-', '.', '/',
		':', ';', '<', '=', '>', '?', '@', '[', ']', '{', '}', '_',
		'|', '~',
		0x00a0, 0x00ab, 0x00ad, 0x00b4, 0x00bb, 0x0301, 0x0308,
		0x0378, 0x05d0, 0x05be, 0x0e01, 0x1100, 0x1161, 0x11a8,
		0x2010, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2024,
		0x2026, 0x2060, 0x200b, 0x200d, 0x20ac, 0x2460, 0x3001,
		0x3002, 0x3005, 0x300c, 0x300d, 0x3041, 0x3042, 0x3063,
		0x3099, 0x30a2, 0x30ab, 0x30fc, 0x30fb, 0x4e2d, 0x6587,
		0x9fff, 0xac00, 0xac01, 0xd7a3, 0xfe10, 0xff08, 0xff09,
		0xff0c, 0xff61, 0xfffc, 0x1f1e6, 0x1f1e7, 0x1f466, 0x1f3fb,
		0x1f600, 0x1f469,
		/* For clusters: prepend, spacing marks, a virama, CR. */
		'\r', 0x0085, 0x00a9, 0x0600, 0x0903, 0x0915, 0x094d,
		0x0e33, 0x200c, 0x2764, 0xfe0f, 0x110bd,
		/* Anchors of other scripts, and what is near them. */
		0x0416, 0x0436, 0x03b1, 0x03a9, 0x0628, 0x064e, 0x0663,
		0x093f, 0x0966, 0x05b4, 0x02c8, 0x00aa, 0xff11, 0xff71,
		0xff9e, 0x3005, 0x3035, 0x303b, 0x231a, 0x1f468, 0xf900,
		0x20000, 0x1d7ce, 0x13258, 0x1325b, 0x10400, 0x1d400,
	};
	uint32_t	cp[200];
	uint8_t		s[200 * 4];
	size_t		off[201], len, from, to, known, p;
	char		whole[200 * 4], gwant[200 * 4], ggot[200 * 4];
	unsigned	seed = 12345;
	int		iter, n, k, run, skip;

	for (iter = 0; iter < 3000; iter++) {
		n = 0;
		seed = seed * 1103515245u + 12345u;
		while (n < 20 + (int)(seed >> 16) % 180) {
			seed = seed * 1103515245u + 12345u;
			cp[n] = pool[(seed >> 16) % (sizeof pool /
			    sizeof pool[0])];
			/* Sometimes a run of the same, as words are. */
			run = (seed >> 8) % 4 == 0 ? (int)(seed >> 20) % 6 : 0;
			for (n++; run > 0 && n < 200; run--, n++)
				cp[n] = cp[n - 1];
		}
		if (n > 200)
			n = 200;
		len = encode(cp, n, s, off);
		bounds_lines(s, len, whole);
		u8_grapheme_breaks(s, len, gwant);
		memset(ggot, 0x55, len);
		bounds_clusters(s, len, ggot);
		graph_checked++;
		if (memcmp(gwant, ggot, len) != 0 && graph_bad++ < 5)
			tap_diag("bounds_clusters differs on random text %d",
			    iter);
		/* Asked as layout.c asks: each position in turn, or only
		 * the first of a run of printable ASCII. */
		for (skip = 0; skip < 2; skip++) {
			memset(ggot, 0x55, len);
			known = 0;
			lazy_checked++;
			for (p = 0; p < len; ) {
				if (bounds_cluster_at(s, len, ggot, &known, p) !=
				    gwant[p]) {
					if (lazy_bad++ < 5)
						tap_diag("bounds_cluster_at "
						    "differs at %zu of random "
						    "text %d", p, iter);
					break;
				}
				for (p++; skip && p < len && s[p - 1] >= 0x20 &&
				    s[p - 1] < 0x7f && s[p] >= 0x20 &&
				    s[p] < 0x7f; p++)
					;
			}
		}
		for (k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			from = off[k];
			to = off[k + (int)(seed >> 16) % (n - k) + 1];
			check_range(s, len, whole, from, to);
		}
	}
}

/* libunistring's answers for the whole text, with lede's tailoring: what
 * bounds_lines() gives without its shortcuts. */
static void
plain_lines(const uint8_t *s, size_t len, char *brk)
{
	u8_possible_linebreaks(s, len, "UTF-8", brk);
	bounds_tailor(s, len, 0, len, brk);
}

/*
 * Runs of words (ASCII letters and digits, one space between), which
 * bounds_lines_at() fills in without asking libunistring: on random
 * prose with every class of the pool between its words, bounds_lines()
 * and each range of it give libunistring's answers for the whole text.
 */
static void
check_word_runs(void)
{
	static const char *const word[] = {
		"a", "I", "to", "the", "said", "Beijing", "2017", "10", "x1",
		"A4", "well", "U", "S", "don't", "it\xe2\x80\x99s", "said,",
		"end.", "so;", "as:", "o'", "'t", "n\xe2\x80\x99",
		"\xe2\x80\x99s", "1,", "2.", "a,b", "x.y",
		"\xe2\x80\x9chi", "hi\xe2\x80\x9d", "x,\xe2\x80\x9d",
		"\xe2\x80\x9c" "1", "a\xe2\x80\x9c", "\xe2\x80\x9d" "a",
		"so.\xe2\x80\x9d", "(\xe2\x80\x9cx", "x\xe2\x80\x9d(",
		"\"hi", "hi\"", "so?", "no!", "why?\"", "yes!\xe2\x80\x9d",
		"well-known", "Ji-woo", "x-1", "1-x", "a-", "-b", "a--b",
		"\"(", ")\"", "?x", "!\"x",
		"\xd0\xb8", "\xd1\x81\xd0\xbb\xd0\xbe\xd0\xb2\xd0\xbe",
		"\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0,",
		"x\xd0\xb8", "\xd1\x8f" "1", "\xd1\x8f.", "\xd1\xbf-",
		"\xd0\x80\xcc\x81", "\xd1\x8f\xe2\x80\x9d",
		/* Latin with accents, Greek: letters of two bytes. */
		"caf\xc3\xa9", "\xc3\xa9t\xc3\xa9,", "Stra\xc3\x9f" "e.",
		"\xc5\x81\xc3\xb3" "d\xc5\xba",
		"\xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1",
		"\xcf\x89;", "\xc3\xa9-x", "x-\xc3\xa9", "\xc3\xa9'x",
		"\xc3\xa9\xe2\x80\x99s",
		"\xe2\x80\x9c\xc3\xa9", "\xc3\xa9\xe2\x80\x9d", "\xc3\xa9\"", "9\xc3\xa9",
		"\xc2\xaa", "\xc3\x97", "\xcb\x88x", "\xd7\x90-", "\xc9\x90\xca\xb0",
	};
	static const char *const other[] = {
		" ", "  ", ",", ".", "-", "(", ")", "\"", "'", "$", "%", "/",
		":", "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x99",
		"\xe2\x80\x94", "\xcc\x81", "\xe2\x80\x8d", "\xe2\x80\x8b",
		"\xc2\xa0", "\xe7\xbf\x92", "\xe3\x80\x82", "\xd7\x90", "\n",
		"\xf0\x9f\x87\xa6", "#", "!", "?", "\xe2\x81\xa0", "\xc2\xad",
		"\xef\xbc\x88", "\xea\xb0\x80", "\t", "+", "@",
	};
	uint8_t		 s[1024];
	char		 want[1024], got[1024];
	size_t		 len, from, to, i, wl;
	unsigned	 seed = 777;
	long		 texts = 0, bad = 0, ranges = 0, rbad = 0;
	int		 iter, mins[] = { 2, 8 }, m;
	const char	*w;

	for (iter = 0; iter < 4000; iter++) {
		len = 0;
		while (len < 600) {
			seed = seed * 1103515245u + 12345u;
			/* Mostly words with one space, as prose is. */
			if ((seed >> 16) % 5 != 0)
				w = word[(seed >> 8) % (sizeof word /
				    sizeof word[0])];
			else
				w = other[(seed >> 8) % (sizeof other /
				    sizeof other[0])];
			wl = strlen(w);
			memcpy(s + len, w, wl);
			len += wl;
			if ((seed >> 24) % 3 != 0)
				s[len++] = ' ';
		}
		plain_lines(s, len, want);
		for (m = 0; m < 2; m++) {
			bounds_run_min = (size_t)mins[m];
			memset(got, 0x55, len);
			bounds_lines(s, len, got);
			texts++;
			if (memcmp(want, got, len) != 0) {
				for (i = 0; i < len && want[i] == got[i]; i++)
					;
				if (bad++ < 5)
					tap_diag("word runs: text %d differs at "
					    "%zu (%.20s)", iter, i,
					    (const char *)s + (i > 10 ? i - 10 :
					    0));
			}
			seed = seed * 1103515245u + 12345u;
			from = (seed >> 8) % len;
			to = from + 1 + (seed >> 4) % (len - from);
			while (from > 0 && (s[from] & 0xc0) == 0x80)
				from--;
			while (to < len && (s[to] & 0xc0) == 0x80)
				to++;
			memset(got, 0x55, len);
			bounds_lines_range(s, len, from, to, got);
			ranges++;
			for (i = from; i < to; i++)
				if (got[i] != want[i])
					break;
			if (i < to && rbad++ < 5)
				tap_diag("word runs: range [%zu, %zu) of text "
				    "%d differs at %zu", from, to, iter, i);
		}
	}
	tap_is_int(bad, 0, "runs of words filled in as libunistring "
	    "answers for the whole text: %ld texts", texts);
	tap_is_int(rbad, 0, "and in ranges of them: %ld ranges", ranges);
}

/* Context ctx into s, each X in it as code point cp (UTF-8): the length. */
static size_t
put_ctx(uint8_t *s, const char *ctx, uint32_t cp)
{
	size_t	len = 0;

	for (; *ctx != '\0'; ctx++)
		if (*ctx == 'X')
			len += (size_t)u8_uctomb(s + len, cp, 4);
		else
			s[len++] = (uint8_t)*ctx;
	return len;
}

/*
 * Every code point of two bytes (U+0080 to U+07FF) in runs of words,
 * which take letters of Latin, Greek and Cyrillic in (bounds_letter2):
 * beside ASCII letters, digits, spaces, punctuation, quotation marks,
 * hyphens and itself, bounds_lines() and each range gives libunistring's
 * answers for the whole text.
 */
static void
check_letters2(void)
{
	static const char *const ctx[] = {
		"a X b", "XX XaX aXa X1 1X", "say X, X. X; X: X? X! \"X\" so",
		"X-a a-X X--X (X) [X] X/X X+X",
		("it's X's X\xe2\x80\x99s "
		"a\xe2\x80\x99X \xe2\x80\x9cX\xe2\x80\x9d X\xe2\x80\x9d. go"),
		("X\xcc\x81X X\xe2\x80\x8dX \xd7\x90X X\xd7\x90 X\xe4\xb8\xad "
		"X\xc2\xa0X"),
		"wwww X wwww X, wwww.X wwww-X wwww\xe2\x80\x94X X%",
	};
	uint8_t		 s[512];
	char		 want[512], got[512];
	size_t		 len, k, from;
	uint32_t	 cp;
	long		 bad = 0, texts = 0;

	bounds_run_min = 2;
	for (cp = 0x80; cp < 0x800; cp++)
		for (k = 0; k < sizeof ctx / sizeof ctx[0]; k++) {
			len = put_ctx(s, ctx[k], cp);
			plain_lines(s, len, want);
			memset(got, 0x55, len);
			bounds_lines(s, len, got);
			texts++;
			if (memcmp(want, got, len) != 0 && bad++ < 5)
				tap_diag("U+%04X in \"%s\": not libunistring's",
				    (unsigned)cp, ctx[k]);
			/* From each position on, as layout asks. */
			for (from = 1; from < len; from++) {
				if ((s[from] & 0xc0) == 0x80)
					continue;
				memset(got, 0x55, len);
				bounds_lines_range(s, len, from, len, got);
				if (memcmp(want + from, got + from, len - from)
				    != 0) {
					if (bad++ < 5)
						tap_diag("U+%04X in \"%s\" from "
						    "%zu: not libunistring's",
						    (unsigned)cp, ctx[k], from);
					break;
				}
			}
		}
	bounds_run_min = 8;
	tap_is_int(bad, 0, "runs of words with each code point of two bytes "
	    "in %ld texts: libunistring's answers", texts);
}

/*
 * Every code point of three bytes (U+0800 to U+FFFF) in runs of its own,
 * which are filled in where it is of class ID (uprop_ideo): beside
 * ideographs, letters, digits, brackets, CJK punctuation, small kana,
 * marks, a ZWJ, quotation marks, spaces and symbols, bounds_lines() and
 * ranges of it from three places give libunistring's answers for the
 * whole text.
 */
static void
check_ideo_runs(void)
{
	/* X is the code point; the rest as it is. */
	static const char	 ctx[] = "\xe4\xb8\x80XX\xe4\xb8\x80(XX)\xe3\x80\x8c"
	    "XX\xe3\x80\x8dXX\xe3\x80\x82X\xe3\x80\x81X1XX2XX XX\xcc\x81X"
	    "\xe2\x80\x8dX\xe2\x80\x9cXX\xe2\x80\x9dXX!XX%$XXX\xe3\x80\x85XX"
	    "\xe3\x83\xbc\xe3\x81\x81XXaXXa\xd7\x90XX\xef\xbc\x88XX\xef\xbc\x89"
	    "\xe0\xb8\x81XX";
	uint8_t		 s[512];
	char		 want[512], got[512];
	size_t		 len, k, from;
	uint32_t	 cp;
	long		 bad = 0, texts = 0, ideo = 0;

	bounds_run_min = 2;
	for (cp = 0x800; cp < 0x10000; cp++) {
		if (cp >= 0xd800 && cp <= 0xdfff)
			continue;
		ideo += uprop_ideo(cp);
		len = put_ctx(s, ctx, cp);
		plain_lines(s, len, want);
		memset(got, 0x55, len);
		bounds_lines(s, len, got);
		texts++;
		if (memcmp(want, got, len) != 0 && bad++ < 5)
			tap_diag("U+%04X in runs: not libunistring's",
			    (unsigned)cp);
		for (k = 1; k <= 3; k++) {
			from = len * k / 4;
			while ((s[from] & 0xc0) == 0x80)
				from++;
			memset(got, 0x55, len);
			bounds_lines_range(s, len, from, len, got);
			if (memcmp(want + from, got + from, len - from) != 0 &&
			    bad++ < 5)
				tap_diag("U+%04X in runs, from %zu: not "
				    "libunistring's", (unsigned)cp, from);
		}
	}
	bounds_run_min = 8;
	tap_ok(bad == 0 && ideo > 20000, "runs of each code point of three "
	    "bytes, %ld of them of class ID: libunistring's answers (%ld "
	    "texts)", ideo, texts);
}

/*
 * Korean keep-all (bounds_words) on every Hangul code point: between it
 * and a syllable, on either side, no break.
 */
static void
check_keep_all(void)
{
	const uc_script_t	*hangul = uc_script_byname("Hangul");
	uint8_t			 s[16];
	char			 brk[16];
	uint32_t		 c;
	long			 tried = 0, bad = 0;
	int			 m, side;

	for (c = 0x80; c <= 0x10ffff; c++) {
		if (!uc_is_script(c, hangul))
			continue;
		/* A mark first (U+302E) belongs to no syllable. */
		for (side = 0; side < (uc_is_property_combining(c) ? 1 : 2);
		    side++) {
			if (side == 0) {	/* 가 then c */
				m = u8_uctomb(s, 0xac00, 4);
				m += u8_uctomb(s + m, c, 4);
			} else {		/* c then 가 */
				m = u8_uctomb(s, c, 4);
				m += u8_uctomb(s + m, 0xac00, 4);
			}
			u8_possible_linebreaks(s, (size_t)m, "UTF-8", brk);
			bounds_words(s, (size_t)m, 0, (size_t)m, brk);
			tried++;
			if (brk[side == 0 ? 3 : m - 3] == UC_BREAK_POSSIBLE &&
			    bad++ < 5)
				tap_diag("U+%04X: a break beside a syllable",
				    (unsigned)c);
		}
	}
	tap_ok(tried > 20000 && bad == 0, "keep-all: no break between a "
	    "syllable and each Hangul code point (%ld pairs)", tried);
}

/*
 * Every code point c, after and before the contexts that would show a
 * rule of UAX #14 looking back across c (a Hebrew letter and a hyphen, a
 * number and punctuation, spaces after an opening bracket, a dash or a
 * quotation mark, a zero width space, a ZWJ, a regional indicator, ...):
 * does bounds_lines_range() from just after c, which starts libunistring
 * at c if layout takes c for an anchor, give what the whole text gives?
 * The contexts are lines of one text; each c meets every prefix, with
 * suffixes taken in turn. Code points above the BMP are sampled.
 */
static void
check_anchor_every_cp(void)
{
	static const char *const pre[] = {
		"a", "\xd7\x90", "1", "1.", "1)", " ", "a ", "( ",
		"\xe2\x80\x94 ", "} ", "\xe2\x80\x9c ", "\xe2\x80\x8b",
		"\xe2\x80\x8b ", "\xf0\x9f\x87\xa6", "\xe6\x97\xa5",
		"\xe6\x97\xa5\"", "a\xe2\x80\x8d", "a\xcc\x81", "-", "a-",
		"\xd7\x90-", "\xd7\x90|", "$", "%", "\xc2\xa0", "\"", ". ",
	};
	static const char *const suf[] = {
		"a", "1", "%", "$", "(", ")", "}", ",1", ".a", "/", "\"a",
		"\xe2\x80\x9d", "-a", "|a", " a", "  \xcc\x81" "a", "\xcc\x81" "a",
		"\xe2\x80\x8d\xf0\x9f\x91\xa9", "\xf0\x9f\x87\xa6" "a",
		"\xe3\x80\x81", "\xe2\x80\x94\xe2\x80\x94", "\xc2\xa0" "a",
		"\xe2\x80\x8b" "a", "\xe2\x81\xa0" "a", "!", "\xf0\x9f\x8f\xbb",
		"\xe6\x97\xa5", "\xd7\x90", "\xe0\xa4\x95\xe0\xa5\x8d",
		".1", ")%", "\xe2\x80\x9c", "\xef\xbc\x89",
	};
	enum { NPRE = sizeof pre / sizeof pre[0] };
	enum { NSUF = sizeof suf / sizeof suf[0] };
	uint8_t		 s[NPRE * 3 * 40], u[4];
	char		 whole[sizeof s], brk[sizeof s];
	size_t		 from[NPRE * 3], to[NPRE * 3], len, nr, i, k;
	uint32_t	 c;
	long		 checked = 0, bad = 0;
	int		 p, j, m;

	for (c = 0; c <= 0x10ffff; c += c < 0x10000 ? 1 : 61) {
		if ((c >= 0xd800 && c < 0xe000) || c == '\n' || c == '\r')
			continue;
		m = u8_uctomb(u, c, sizeof u);
		len = nr = 0;
		for (p = 0; p < NPRE; p++)
			for (j = 0; j < 3; j++) {
				const char *sp = suf[(c + (uint32_t)(p + j *
				    11)) % NSUF];

				memcpy(s + len, pre[p], strlen(pre[p]));
				len += strlen(pre[p]);
				memcpy(s + len, u, (size_t)m);
				len += (size_t)m;
				from[nr] = len;
				memcpy(s + len, sp, strlen(sp));
				len += strlen(sp);
				to[nr++] = len;
				s[len++] = '\n';
			}
		bounds_lines(s, len, whole);
		memset(brk, 0x55, len);
		for (k = 0; k < nr; k++) {
			bounds_lines_range(s, len, from[k], to[k], brk);
			checked++;
			for (i = from[k]; i < to[k]; i++)
				if (brk[i] != whole[i])
					break;
			if (i < to[k] && bad++ < 5)
				tap_diag("U+%04X: bounds_lines_range differs "
				    "at %zu of context %zu", (unsigned)c,
				    i - from[k], k);
		}
	}
	tap_is_int(bad, 0, "bounds_lines_range agrees with the whole text "
	    "after every code point in %ld contexts", checked);
}

int
main(void)
{
	const char	*dir;
	char		*path;
	int		 cases, pass, unexpected, stale, r;
	int		 per_reason[R_MAX];

	setlocale(LC_ALL, "C.UTF-8");
	verbose = getenv("T_UNICODE_VERBOSE") != NULL;
	if ((dir = getenv("UNICODE_TEST_DIR")) == NULL)
		dir = UCD_DIR;

	tap_ok(exceptions_sorted(), "exception table sorted by line");
	check_word_runs();
	check_letters2();
	check_ideo_runs();
	check_keep_all();
	/* Everything below with the shortcut for runs of words at its
	 * most eager: a run of two letters is filled in. */
	bounds_run_min = 2;
	check_tailoring();
	check_range_random();
	tap_is_int(graph_bad, 0, "bounds_clusters agrees with "
	    "u8_grapheme_breaks on %ld random texts", graph_checked);
	tap_is_int(lazy_bad, 0, "bounds_cluster_at agrees, asked at each "
	    "position or once a run of ASCII: %ld walks", lazy_checked);
	tap_is_int(range_bad, 0, "bounds_lines_range agrees with the whole "
	    "text: %ld ranges of random text", range_checked);
	range_checked = range_bad = 0;
	check_anchor_every_cp();

	/* UAX #14 */
	cases = pass = unexpected = stale = 0;
	memset(per_reason, 0, sizeof per_reason);
	xasprintf(&path, "%s/LineBreakTest.txt", dir);
	r = run_file(path, 1, &cases, &pass, &unexpected, &stale,
	    per_reason);
	if (!tap_ok(r == 0, "read %s", path))
		tap_diag("cannot read %s: install Debian's unicode-data "
		    "package (apt-get install unicode-data)", path);
	else {
		tap_diag("LineBreakTest: %d of %d pass", pass, cases);
		for (r = 0; r < R_MAX; r++)
			if (per_reason[r] > 0)
				tap_diag("  %4d known: %s", per_reason[r],
				    reason_text[r]);
		tap_ok(cases > 7000, "LineBreakTest: %d cases read", cases);
		tap_is_int(unexpected, 0, "LineBreakTest: no unlisted failure");
		tap_is_int(stale, 0, "LineBreakTest: every listed case fails");
		tap_is_int(cases - pass, (long)(sizeof lb_exceptions /
		    sizeof lb_exceptions[0]), "LineBreakTest: failures == "
		    "listed exceptions");
		tap_is_int(range_bad, 0, "LineBreakTest: bounds_lines_range "
		    "from each code point agrees (%ld ranges)",
		    range_checked);
	}
	free(path);

	/* UAX #29 grapheme clusters: all pass, no exceptions. */
	cases = pass = unexpected = stale = 0;
	xasprintf(&path, "%s/GraphemeBreakTest.txt", dir);
	r = run_file(path, 0, &cases, &pass, &unexpected, &stale,
	    per_reason);
	if (!tap_ok(r == 0, "read %s", path))
		tap_diag("cannot read %s: install Debian's unicode-data "
		    "package (apt-get install unicode-data)", path);
	else {
		tap_diag("GraphemeBreakTest: %d of %d pass", pass, cases);
		tap_ok(cases > 500, "GraphemeBreakTest: %d cases read", cases);
		tap_is_int(unexpected, 0, "GraphemeBreakTest: every case "
		    "passes");
	}
	free(path);
	return tap_done();
}
