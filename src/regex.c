/*
 * regex.c: regular expressions for search.c, with PCRE2, bounded per call.
 *
 * PCRE2 with UTF, Unicode properties (\w, \b and caseless matching by
 * Unicode) and PCRE2_MATCH_INVALID_UTF. The pattern never sees the
 * article itself but a copy of one paragraph (regex_copy), in which a
 * line break is a space (CR LF is two) and a control character or a
 * character that sanitize_printable() refuses is a 0xff byte, which is no
 * UTF-8: nothing matches over it, so every match is clean. A paragraph
 * ends at a blank line (a run of blanks with two line terminators, or one
 * at an end of the text); ^ and $ are its ends.
 *
 * Start positions go by chunks of RX_CHUNK bytes at absolute offsets. A
 * match that starts in a chunk is looked for in its paragraph from
 * rx->back bytes before the chunk (for lookbehind and \b) to rx->overlap
 * bytes after it: a match of up to rx->overlap bytes is found wherever it
 * lies, a longer one may end early, and which match starts at an offset
 * depends only on the text, never on how the caller sliced it. The copy
 * is made for RX_COPY bytes of start positions at a time.
 *
 * Work is bounded twice, so that no call takes long whatever the pattern
 * and the text:
 *  - each call of PCRE2: it counts steps per start position (its match
 *    limit) and stops past the limit. A call covers regex_levels[0]'s
 *    positions with a small limit; if one needs more, the range is done
 *    again by the next level's fewer positions with a larger limit, and
 *    so on down to one position with RX_LIMIT steps, past which the search
 *    gives up (regex_error() says why). So no call of PCRE2 has more than
 *    about RX_LIMIT steps to take, and a position pays for what it needs.
 *    With back-references a step can compare long strings, so such
 *    patterns are compiled with auto-callouts, which regex_callout
 *    counts under the same limits, and look at most RX_OVERLAP_BR bytes
 *    ahead;
 *  - each call of regex_next() or regex_prev(): it returns SEARCH_MORE
 *    once it has spent RX_BUDGET_NS, or regex_next() SEARCH_SPAN
 *    positions, after a call of PCRE2 that made progress.
 *
 * Patterns whose matches depend on where a search started are refused:
 * \K, \G, (*COMMIT) and (*SKIP). PCRE2's own anchoring of patterns that
 * begin with .* does not know that a 0xff byte stops the dot, so it is
 * off (PCRE2_NO_DOTSTAR_ANCHOR).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <unictype.h>
#include <unistr.h>

#include "lede.h"

#define SWAR_ONES	0x0101010101010101ULL
#define SWAR_HIGH	0x8080808080808080ULL
#define SWAR_ZERO(v)	(((v) - SWAR_ONES) & ~(v) & SWAR_HIGH)

#define RX_COPY		(64u << 10)	/* start positions per copy */
#define RX_CHUNK	4096u		/* ... per subject: see regex_levels */
#define RX_OVERLAP	SEARCH_LONGEST	/* what a match may use after them */
#define RX_OVERLAP_BR	(4u << 10)	/* the same, with back-references */
#define RX_BACK		64		/* context before a chunk, in bytes */
#define RX_LIMIT	(1u << 20)	/* steps per position before giving up */
#define RX_HEAP_KB	(16u << 10)	/* the interpreter's backtracking memory */
#define RX_JIT_STACK	(1u << 20)
#define RX_BUDGET_NS	10000000u	/* time per call: 10 ms */
#define RX_PREV0	4096		/* regex_prev's first window */
#define RX_ABORT	(-1000)		/* the callout's "limit reached" */
#define RX_TAIL		64		/* zeros after the copy: the JIT reads
					   whole vectors past a subject's end */

/* Positions per PCRE2 call and steps per position, level by level. */
static const struct {
	uint32_t	 n;
	uint32_t	 limit;
} regex_levels[] = {
	{ RX_CHUNK, 256 },
	{ 256, 4096 },
	{ 16, 65536 },
	{ 1, RX_LIMIT }
};
#define RX_LEVELS	(sizeof regex_levels / sizeof regex_levels[0])

#define RX_FOUND	1
#define RX_NONE		0
#define RX_LIMITED	2		/* a limit: try the next level */
#define RX_ERROR	3		/* give up: rx->error says why */

/* regex_prev's place, kept for the next call that goes on from it. */
struct regex_prev {
	const uint8_t	*d;		/* the call it belongs to; NULL: none */
	size_t		 len, from, to;
	size_t		 lo, hi;	/* the window being searched */
	size_t		 pos;		/* searched from lo up to here */
	size_t		 w;		/* the window's size */
	int		 have;		/* the last match in [lo, pos) */
	size_t		 ms, me;
};

/* A compiled regular expression and what its search keeps. */
struct regex {
	pcre2_code		*code;
	pcre2_match_data	*md;
	pcre2_match_context	*mc;
	pcre2_jit_stack		*stack;
	int			 callouts;	/* back-references: counted */
	size_t			 overlap;	/* text after a chunk a match may use */
	size_t			 back;		/* text before it */
	PCRE2_SIZE		 cstart;	/* the callout's start position */
	uint32_t		 ccount;	/* its callouts there */
	uint32_t		 climit;
	uint8_t			*buf;		/* the copy of [s0, s1) of bd */
	size_t			 cap;
	const uint8_t		*bd;
	size_t			 blen, s0, s1;
	struct regex_prev	 prev;
	const char		*error;		/* why the last call gave up */
	char			 errbuf[160];
};

/* The length of the valid character at d[p] (p < len), or 0. */
static size_t
regex_decode(const uint8_t *d, size_t len, size_t p, ucs4_t *uc)
{
	int	n = u8_mbtoucr(uc, d + p, len - p);

	return n > 0 ? (size_t)n : 0;
}

/* Nanoseconds on the monotonic clock. */
static uint64_t
regex_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Is the byte blank for paragraph breaks (as block.c's blank lines)? */
static inline int
regex_blank(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

/*
 * The run of blanks around d[t] (a blank), looking back no further than
 * lo and on no further than hi: sets [*rs, *re) and returns whether it
 * breaks paragraphs: two line terminators (CR LF is one), or one where
 * the run reaches an end of the text.
 */
static int
regex_run(const uint8_t *d, size_t len, size_t t, size_t lo, size_t hi,
    size_t *rs, size_t *re)
{
	size_t	a = t, b = t, i;
	int	nl = 0;

	while (a > lo && regex_blank(d[a - 1]))
		a--;
	while (b < hi && regex_blank(d[b]))
		b++;
	for (i = a; i < b && nl < 2; i++)
		if (d[i] == '\n' || (d[i] == '\r' &&
		    !(i + 1 < len && d[i + 1] == '\n')))
			nl++;
	*rs = a;
	*re = b;
	return nl >= 2 || (nl == 1 && (a == 0 || b == len));
}

/*
 * The start of the paragraph around pos if it is at lo or after (the end
 * of the last break before pos, or of the break pos is in, which is then
 * after pos); SIZE_MAX if the paragraph started before lo.
 */
static size_t
regex_para_start(const uint8_t *d, size_t len, size_t pos, size_t lo)
{
	size_t	t = pos, rs, re, far = lo > 4096 ? lo - 4096 : 0;

	if (pos < len && regex_blank(d[pos])) {
		if (regex_run(d, len, pos, far, len, &rs, &re))
			return re;
		t = rs;
	}
	while (t > lo) {
		t--;
		if (d[t] != '\n' && d[t] != '\r')
			continue;
		if (regex_run(d, len, t, far, len, &rs, &re))
			return re;
		t = rs;
	}
	return t == 0 ? 0 : SIZE_MAX;
}

/*
 * The end of the paragraph that goes on at pos (not in a break), if it
 * comes before hi: sets *p1 where the break starts and *next past it, and
 * returns 1; or returns 0 if the paragraph goes on to hi or further.
 */
static int
regex_para_end(const uint8_t *d, size_t len, size_t pos, size_t hi,
    size_t *p1, size_t *next)
{
	size_t	t = pos, rs, re, far = hi + 4096 < len ? hi + 4096 : len;

	for (;;) {
		t = block_line_end(d, hi, t, NULL);
		if (t >= hi)
			break;
		if (regex_run(d, len, t, pos, far, &rs, &re)) {
			*p1 = rs;
			*next = re;
			return 1;
		}
		t = re;
	}
	*p1 = *next = hi;
	return hi == len;
}

/* Copy [s0, s1) of d into rx->buf as the pattern sees it (cached). */
static void
regex_copy(struct regex *rx, const uint8_t *d, size_t len,
    size_t s0, size_t s1)
{
	uint8_t		*o = rx->buf, b;
	size_t		 p = s0, n;
	uint64_t	 x;
	ucs4_t		 uc;

	if (rx->bd == d && rx->blen == len && rx->s0 == s0 && rx->s1 == s1)
		return;
	rx->bd = d;
	rx->blen = len;
	rx->s0 = s0;
	rx->s1 = s1;
	while (p < s1) {
		/* Eight bytes of printable ASCII at a time. */
		if (p + 8 <= s1) {
			memcpy(&x, d + p, 8);
			if (((x | ((x - 0x2020202020202020ULL) & ~x) |
			    SWAR_ZERO(x ^ 0x7f7f7f7f7f7f7f7fULL)) &
			    SWAR_HIGH) == 0) {
				memcpy(o, &x, 8);
				o += 8;
				p += 8;
				continue;
			}
		}
		b = d[p];
		if (b >= 0x20 && b < 0x7f)
			*o++ = b, p++;
		else if (b == '\n' || b == '\r')
			*o++ = ' ', p++;
		else if (b == '\t')
			*o++ = b, p++;
		else if (b < 0x80 || (n = regex_decode(d, s1, p, &uc)) == 0)
			*o++ = 0xff, p++;
		else {
			if (!(uprop(uc) & UP_PRINTABLE))
				memset(o, 0xff, n);
			else
				memcpy(o, d + p, n);
			o += n;
			p += n;
		}
	}
	memset(o, 0, RX_TAIL);
}

/* Count the items PCRE2 tries at a start position (back-references). */
static int
regex_callout(pcre2_callout_block *cb, void *arg)
{
	struct regex	*rx = arg;

	if (cb->start_match != rx->cstart) {
		rx->cstart = cb->start_match;
		rx->ccount = 0;
	}
	return ++rx->ccount > rx->climit ? RX_ABORT : 0;
}

/*
 * One PCRE2 call on the copy: the subject is [a0, a1) of the copy (offsets
 * in rx->buf), and the first match that starts at an offset in [a, b] is
 * wanted, each start allowed limit steps. Returns RX_FOUND with [*xs, *xe)
 * (offsets in the copy), RX_NONE, RX_LIMITED or RX_ERROR.
 */
static int
regex_match(struct regex *rx, size_t a0, size_t a1, size_t a,
    size_t b, uint32_t opts, uint32_t limit, size_t *xs, size_t *xe)
{
	PCRE2_SIZE	*ov;
	int		 rc;

	pcre2_set_offset_limit(rx->mc, b - a0);
	pcre2_set_match_limit(rx->mc, limit);
	pcre2_set_depth_limit(rx->mc, limit);
	rx->climit = limit;
	rx->cstart = PCRE2_UNSET;
	rc = pcre2_match(rx->code, rx->buf + a0, a1 - a0, a - a0,
	    opts | PCRE2_NOTEMPTY, rx->md, rx->mc);
	if (rc >= 0) {
		ov = pcre2_get_ovector_pointer(rx->md);
		*xs = a0 + ov[0];
		*xe = a0 + ov[1];
		/*
		 * The JIT's search for a first character can step past an
		 * offset limit that falls inside a character.
		 */
		return *xs <= b ? RX_FOUND : RX_NONE;
	}
	switch (rc) {
	case PCRE2_ERROR_NOMATCH:
		return RX_NONE;
	case PCRE2_ERROR_MATCHLIMIT:
	case RX_ABORT:
		rx->error = "regular expression gave up: too much backtracking";
		return RX_LIMITED;
	case PCRE2_ERROR_DEPTHLIMIT:
	case PCRE2_ERROR_HEAPLIMIT:
	case PCRE2_ERROR_JIT_STACKLIMIT:
		rx->error = "regular expression gave up: "
		    "out of memory for backtracking";
		return RX_LIMITED;
	}
	memcpy(rx->errbuf, "regular expression failed: ", 27);
	pcre2_get_error_message(rc, (PCRE2_UCHAR *)rx->errbuf + 27,
	    sizeof rx->errbuf - 27);
	rx->error = rx->errbuf;
	return RX_ERROR;
}

/*
 * The first match that starts in [from, to), by paragraphs, copies and
 * chunks. Returns SEARCH_MORE (with *ms = *me where to go on) once the
 * deadline has passed or, if capped, after SEARCH_SPAN positions.
 */
static int
regex_next_at(struct regex *rx, const uint8_t *d, size_t len,
    size_t from, size_t to, uint64_t deadline, int capped, size_t *ms,
    size_t *me)
{
	size_t			 pos = from, p0 = 0, p1, next, wlo, whi, lo;
	size_t			 s0, s1, e, t0, t1, a0, a1, b, xs, xe, reach;
	size_t			 end[RX_LEVELS];
	uint32_t		 opts;
	unsigned		 k;
	int			 have_p0 = 0, eol, r;

	while (pos < to) {
		/* The copy: RX_COPY positions and their paragraph around. */
		wlo = pos - pos % RX_COPY;
		whi = wlo + RX_COPY;
		lo = wlo > rx->back ? wlo - rx->back : 0;
		if (!have_p0) {
			p0 = regex_para_start(d, len, pos, lo);
			have_p0 = 1;
			if (p0 != SIZE_MAX && p0 > pos) {
				pos = p0;	/* it was in a break */
				continue;
			}
		}
		reach = len > whi && len - whi > rx->overlap ?
		    whi + rx->overlap : len;
		eol = regex_para_end(d, len, pos, reach, &p1, &next);
		s0 = p0 != SIZE_MAX && p0 >= lo ? p0 : lo;
		s1 = p1;
		if (!eol)	/* a cut: on a character boundary */
			while (s1 > pos && p1 - s1 < 3 &&
			    (d[s1] & 0xc0) == 0x80)
				s1--;
		regex_copy(rx, d, len, s0, s1);
		e = p1 < whi ? p1 : whi;
		if (e > to)
			e = to;

		/* Chunk by chunk: the subject is fixed by the chunk. */
		while (pos < e) {
			t0 = pos - pos % RX_CHUNK;
			t1 = t0 + RX_CHUNK < e ? t0 + RX_CHUNK : e;
			a0 = (t0 > rx->back ? t0 - rx->back : 0);
			a0 = (a0 > s0 ? a0 : s0) - s0;
			a1 = t0 + RX_CHUNK + rx->overlap;
			a1 = (a1 < s1 ? a1 : s1) - s0;
			opts = (s0 + a0 == p0 ? 0 : PCRE2_NOTBOL) |
			    (s0 + a1 == p1 && eol ? 0 : PCRE2_NOTEOL);
			k = 0;
			end[0] = t1;
			while (pos < t1) {
				b = pos + regex_levels[k].n < end[k] ?
				    pos + regex_levels[k].n : end[k];
				r = regex_match(rx, a0, a1, pos - s0,
				    b - 1 - s0, opts, regex_levels[k].limit, &xs,
				    &xe);
				if (r == RX_FOUND) {
					*ms = s0 + xs;
					*me = s0 + xe;
					return SEARCH_FOUND;
				}
				if (r == RX_ERROR || (r == RX_LIMITED &&
				    k + 1 == RX_LEVELS))
					return SEARCH_GAVEUP;
				if (r == RX_LIMITED) {
					end[++k] = b;	/* again, finer */
					continue;
				}
				pos = b;
				while (k > 0 && pos >= end[k])
					k--;
				if (pos < to && (regex_now() >= deadline ||
				    (capped && pos - from >= SEARCH_SPAN))) {
					*ms = *me = pos;
					return SEARCH_MORE;
				}
			}
		}
		if (pos >= to)
			break;
		if (e == p1) {		/* the paragraph's end: the next one */
			pos = p0 = next;
			have_p0 = 1;
		}
	}
	return SEARCH_NONE;
}

/*
 * The last match that starts in [from, to): forward searches over windows
 * that grow backwards from to. A call that runs out of time keeps its
 * place for the next, which goes on from it with to set to the resume
 * offset it returned.
 */
static int
regex_prev_at(struct regex *rx, const uint8_t *d, size_t len,
    size_t from, size_t to, uint64_t deadline, size_t *ms, size_t *me)
{
	struct regex_prev	*pv = &rx->prev;
	size_t			 xs, xe;
	int			 r;

	if (pv->d != d || pv->len != len || pv->from != from ||
	    pv->to != to) {
		pv->d = d;
		pv->len = len;
		pv->from = from;
		pv->hi = to;
		pv->w = RX_PREV0;
		pv->lo = to - from > pv->w ? to - pv->w : from;
		pv->pos = pv->lo;
		pv->have = 0;
	}
	for (;;) {
		r = regex_next_at(rx, d, len, pv->pos, pv->hi, deadline, 0,
		    &xs, &xe);
		if (r == SEARCH_FOUND) {
			pv->have = 1;
			pv->ms = xs;
			pv->me = xe;
			pv->pos = xs + 1;
			if (regex_now() >= deadline)
				break;	/* many matches: go on next call */
			continue;
		}
		if (r == SEARCH_GAVEUP) {
			pv->d = NULL;
			return r;
		}
		if (r == SEARCH_MORE) {
			pv->pos = xs;
			break;
		}
		if (pv->have) {
			*ms = pv->ms;
			*me = pv->me;
			pv->d = NULL;
			return SEARCH_FOUND;
		}
		if (pv->lo <= from) {
			pv->d = NULL;
			return SEARCH_NONE;
		}
		pv->hi = pv->lo;
		if (pv->w < SEARCH_SPAN)
			pv->w *= 2;
		pv->lo = pv->hi - from > pv->w ? pv->hi - pv->w : from;
		pv->pos = pv->lo;
		if (regex_now() >= deadline)
			break;
	}
	/* Nothing starts in [hi, to): the next call goes on below hi. */
	pv->to = pv->hi;
	*ms = *me = pv->hi;
	return SEARCH_MORE;
}

/*
 * Skip a name in a pattern, p[i] at its first character, up to its
 * closing character c; returns the index after it.
 */
static size_t
regex_skip(const uint8_t *p, size_t n, size_t i, uint8_t c)
{
	while (i < n && p[i] != c)
		i++;
	return i < n ? i + 1 : n;
}

/*
 * Smart case for a regular expression: has it an upper case letter that
 * stands for itself (not \S, \W, \p{Lu}, a group's name or a verb)? Sets
 * *bad to a message if it uses \K, \G, (*COMMIT) or (*SKIP): what they
 * match depends on where the search started, which here is an accident
 * of slicing.
 */
static int
regex_upper(const uint8_t *p, size_t n, const char **bad)
{
	size_t	i = 0, k;
	int	upper = 0, quoted = 0;
	ucs4_t	uc;

	while (i < n) {
		if (quoted) {
			if (p[i] == '\\' && i + 1 < n && p[i + 1] == 'E') {
				quoted = 0;
				i += 2;
				continue;
			}
		} else if (p[i] == '\\' && i + 1 < n) {
			switch (p[i + 1]) {
			case 'K':
			case 'G':
				*bad = p[i + 1] == 'K' ?
				    "\\K is not supported in a search" :
				    "\\G is not supported in a search";
				return 0;
			case 'Q':
				quoted = 1;
				break;
			case 'p':
			case 'P':
			case 'x':
			case 'o':
			case 'N':
			case 'g':
			case 'k':
				if (i + 2 < n && (p[i + 2] == '{' ||
				    p[i + 2] == '<' || p[i + 2] == '\'')) {
					i = regex_skip(p, n, i + 3,
					    p[i + 2] == '{' ? '}' :
					    p[i + 2] == '<' ? '>' : '\'');
					continue;
				}
				break;
			}
			i += 2;
			continue;
		} else if (p[i] == '(' && i + 1 < n && p[i + 1] == '*') {
			if ((n - i >= 8 && memcmp(p + i + 2, "COMMIT", 6) == 0) ||
			    (n - i >= 6 && memcmp(p + i + 2, "SKIP", 4) == 0)) {
				*bad = "(*COMMIT) and (*SKIP) are not supported "
				    "in a search";
				return 0;
			}
			i = regex_skip(p, n, i + 2, ')');
			continue;
		} else if (p[i] == '(' && i + 2 < n && p[i + 1] == '?') {
			k = i + 2;
			if (p[k] == 'P' && k + 1 < n)
				k++;
			if ((p[k] == '<' && k + 1 < n && p[k + 1] != '=' &&
			    p[k + 1] != '!') || p[k] == '\'' || p[k] == '&' ||
			    p[k] == '=' || p[k] == '>') {
				i = regex_skip(p, n, k + 1,
				    p[k] == '<' ? '>' : p[k] == '\'' ? '\'' :
				    p[k] == '&' || p[k] == '=' || p[k] == '>' ?
				    ')' : ')');
				continue;
			}
			/* Option letters: (?i), (?U), (?x-i:...). */
			while (k < n && ((p[k] >= 'a' && p[k] <= 'z') ||
			    (p[k] >= 'A' && p[k] <= 'Z') || p[k] == '-' ||
			    p[k] == '^'))
				k++;
			if (k < n && (p[k] == ')' || p[k] == ':')) {
				i = k + 1;
				continue;
			}
		}
		if ((k = regex_decode(p, n, i, &uc)) == 0)
			k = 1;
		else if (uc_is_property_uppercase(uc) ||
		    uc_is_general_category(uc, UC_CATEGORY_Lt))
			upper = 1;
		i += k;
	}
	return upper;
}

/*
 * Compile a regular expression; *icase is set to whether it ignores case
 * (it has no upper-case letter that stands for itself). Returns NULL with
 * a message in msg (the compiler's, for a bad pattern) on failure.
 */
struct regex *
regex_create(const char *pattern, int *icase, char *msg, size_t msgsize)
{
	struct regex		*rx;
	const uint8_t		*p = (const uint8_t *)pattern;
	const char		*bad = NULL;
	size_t			 n = strlen(pattern);
	uint32_t		 opts, refs = 0, lb = 0;
	PCRE2_SIZE		 off;
	int			 err;

	*icase = !regex_upper(p, n, &bad);
	if (bad != NULL) {
		snprintf(msg, msgsize, "%s", bad);
		return NULL;
	}
	opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF |
	    PCRE2_USE_OFFSET_LIMIT | PCRE2_DOLLAR_ENDONLY |
	    PCRE2_NEVER_BACKSLASH_C | PCRE2_NO_DOTSTAR_ANCHOR |
	    (*icase ? PCRE2_CASELESS : 0);
	rx = xcalloc(1, sizeof *rx);
	rx->code = pcre2_compile(p, n, opts, &err, &off, NULL);
	if (rx->code != NULL &&
	    pcre2_pattern_info(rx->code, PCRE2_INFO_BACKREFMAX, &refs) == 0 &&
	    refs > 0) {
		pcre2_code_free(rx->code);
		rx->code = pcre2_compile(p, n, opts | PCRE2_AUTO_CALLOUT, &err,
		    &off, NULL);
		rx->callouts = 1;
	}
	if (rx->code == NULL) {
		pcre2_get_error_message(err, (PCRE2_UCHAR *)msg, msgsize);
		free(rx);
		return NULL;
	}
	pcre2_pattern_info(rx->code, PCRE2_INFO_MAXLOOKBEHIND, &lb);
	rx->overlap = rx->callouts ? RX_OVERLAP_BR : RX_OVERLAP;
	rx->back = RX_BACK + (size_t)lb * 4;
	(void)pcre2_jit_compile(rx->code, PCRE2_JIT_COMPLETE);
	rx->md = pcre2_match_data_create(1, NULL);
	rx->mc = pcre2_match_context_create(NULL);
	if (rx->md == NULL || rx->mc == NULL)
		fatalx("out of memory");
	if ((rx->stack = pcre2_jit_stack_create(32 << 10, RX_JIT_STACK,
	    NULL)) != NULL)
		pcre2_jit_stack_assign(rx->mc, NULL, rx->stack);
	pcre2_set_heap_limit(rx->mc, RX_HEAP_KB);
	if (rx->callouts)
		pcre2_set_callout(rx->mc, regex_callout, rx);
	rx->cap = RX_COPY + rx->overlap + rx->back + RX_TAIL;
	rx->buf = xmalloc(rx->cap);
	return rx;
}

/* Free a regular expression. */
void
regex_free(struct regex *rx)
{
	if (rx == NULL)
		return;
	pcre2_code_free(rx->code);
	pcre2_match_data_free(rx->md);
	pcre2_match_context_free(rx->mc);
	pcre2_jit_stack_free(rx->stack);
	free(rx->buf);
	free(rx);
}

/*
 * The first match that starts in [from, to), from < to <= len: as
 * search_next() says, in at most about RX_BUDGET_NS.
 */
int
regex_next(struct regex *rx, const uint8_t *d, size_t len, size_t from,
    size_t to, size_t *ms, size_t *me)
{
	rx->error = NULL;
	return regex_next_at(rx, d, len, from, to, regex_now() + RX_BUDGET_NS,
	    1, ms, me);
}

/* The last match that starts in [from, to): as search_prev() says. */
int
regex_prev(struct regex *rx, const uint8_t *d, size_t len, size_t from,
    size_t to, size_t *ms, size_t *me)
{
	rx->error = NULL;
	return regex_prev_at(rx, d, len, from, to, regex_now() + RX_BUDGET_NS,
	    ms, me);
}

/* Why the last call gave up (SEARCH_GAVEUP), or NULL. */
const char *
regex_error(const struct regex *rx)
{
	return rx->error;
}
