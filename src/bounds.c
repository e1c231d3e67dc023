/*
 * bounds.c: where Unicode lets text be broken: line break opportunities
 * (UAX #14, with lede's one tailoring) and grapheme cluster boundaries
 * (UAX #29), from libunistring, asked only about what is needed.
 *
 * layout.c asks for the opportunities near the end of each row only:
 * libunistring is asked about the text from the last "anchor" before the
 * row's end, a character after which no rule of UAX #14 looks back, and
 * runs of ASCII letters and digits, which hold no opportunity, are not
 * asked about at all. Clusters are asked for runs of code points that are
 * not "plain" only. tests/t-unicode holds each shortcut to the answers
 * for the whole text, and to Unicode's own test files.
 */

#include "config.h"

#include <stdatomic.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>

#include "lede.h"

/* Bytes asked and looked at, by this thread: layout_stats() reads them. */
_Thread_local struct bounds_counts	bounds_counts;

/* Is the code point a combining mark? */
static int
bounds_is_mark(ucs4_t uc)
{
	return uc >= 0x80 && (uprop(uc) & UP_MARK);
}

/*
 * Is the code point of line break class IS (infix separator)? The class
 * is this short list in every Unicode version libunistring knows.
 */
static int
bounds_is_infix(ucs4_t uc)
{
	switch (uc) {
	case 0x002c: case 0x002e: case 0x003a: case 0x003b: case 0x037e:
	case 0x0589: case 0x060c: case 0x060d: case 0x07f8: case 0x2044:
	case 0xfe10: case 0xfe13: case 0xfe14:
		return 1;
	default:
		return 0;
	}
}

/* Is the code point a narrow letter, of line break class AL, HL or SA? */
static int
bounds_is_letter(ucs4_t uc)
{
	return (uprop(uc) & UP_LETTER) != 0;
}

/*
 * lede's tailoring of UAX #14 on positions [from, to) of brk, which
 * libunistring filled: the single place for it. It may look back at any
 * byte of s.
 *
 * LB29, IS x (AL | HL): libunistring 1.0 allows a break after a full
 * stop, comma, colon or semicolon followed by a letter, which splits
 * "e.g.", "U.S." and "example.com". Prohibit it where the letter is
 * narrow (so AL, HL or SA, not a CJK ideograph, kana or Hangul, which are
 * ID), looking through combining marks (LB9).
 */
void
bounds_tailor(const uint8_t *s, size_t n, size_t from, size_t to, char *brk)
{
	const uint8_t	*p;
	const char	*q;
	ucs4_t		 uc, prev;
	size_t		 i;

	/* From one opportunity to the next: most positions are none. */
	for (i = from > 0 ? from : 1; i < to; i++) {
		if ((q = memchr(brk + i, UC_BREAK_POSSIBLE, to - i)) == NULL)
			break;
		i = (size_t)(q - brk);
		if ((s[i] & 0xc0) == 0x80)
			continue;
		if (s[i] < 0x80) {
			/* The ASCII letters are AL; the rest are not letters. */
			if (!((s[i] >= 'a' && s[i] <= 'z') ||
			    (s[i] >= 'A' && s[i] <= 'Z')))
				continue;
			/* Nor is an ASCII character a mark or a ZWJ. */
			if (s[i - 1] < 0x80) {
				if (bounds_is_infix(s[i - 1]))
					brk[i] = UC_BREAK_PROHIBITED;
				continue;
			}
		} else if (bounds_decode(s + i, s + n, &uc),
		    !bounds_is_letter(uc))
			continue;
		p = s + i;
		while ((p = u8_prev(&prev, p, s)) != NULL &&
		    (bounds_is_mark(prev) || prev == 0x200d))
			;
		if (p != NULL && bounds_is_infix(prev))
			brk[i] = UC_BREAK_PROHIBITED;
	}
}

/* Is the code point Hangul (a syllable or a jamo)? */
static int
bounds_is_hangul(ucs4_t uc)
{
	return uc >= 0x1100 && (uprop(uc) & UP_HANGUL);
}

/*
 * Korean is written with spaces between words, and set with no break
 * inside one (CSS word-break: keep-all): UAX #14 allows a break between
 * any two Hangul syllables (they are ID-like), which splits words
 * ("대변|인은"). On positions [from, to) of brk, prohibit a break between
 * two Hangul code points, looking through marks. A word wider than the
 * row is still cut, at clusters, as layout cuts any run without an
 * opportunity.
 */
static void
bounds_keep_all(const uint8_t *s, size_t n, size_t from, size_t to,
    char *brk)
{
	const uint8_t	*p;
	const char	*q;
	ucs4_t		 uc, prev;
	size_t		 i;

	if (to > n)
		to = n;
	for (i = from > 0 ? from : 1; i < to; i++) {
		if ((q = memchr(brk + i, UC_BREAK_POSSIBLE, to - i)) == NULL)
			break;
		i = (size_t)(q - brk);
		/* Hangul is in U+1100 to U+11FF, U+3130 to U+327F, U+A960
		 * to U+D7FF and U+FFA0 to U+FFDC: its UTF-8 starts E1, E3,
		 * EA to ED or EF (t-unicode tries every Hangul code point),
		 * not E4 to E9 as Chinese characters do. */
		if (!(s[i] == 0xe1 || s[i] == 0xe3 || (s[i] >= 0xea &&
		    s[i] <= 0xed) || s[i] == 0xef) ||
		    (bounds_decode(s + i, s + n, &uc), !bounds_is_hangul(uc)))
			continue;
		p = s + i;
		while ((p = u8_prev(&prev, p, s)) != NULL &&
		    bounds_is_mark(prev))
			;
		if (p != NULL && bounds_is_hangul(prev))
			brk[i] = UC_BREAK_PROHIBITED;
	}
}

/*
 * The opportunities layout uses, past UAX #14 (bounds_lines): Korean
 * words kept whole, Thai words found by a dictionary (thai.c). On
 * positions [from, to) of brk, which bounds_lines_at() filled.
 */
void
bounds_words(const uint8_t *s, size_t n, size_t from, size_t to, char *brk)
{
	size_t	i;

	/* Both act only where Thai (lead byte E0) or Hangul (E1, E3, EA
	 * to ED, EF) starts in [from, to), not Chinese or Japanese (E4 to
	 * E9) nor punctuation (E2). Most of what is asked (the stretches
	 * between runs of words) has none. */
	if (to > n)
		to = n;
	for (i = from; i < to; i++)
		if (s[i] == 0xe0 || s[i] == 0xe1 || s[i] == 0xe3 ||
		    (s[i] >= 0xea && s[i] <= 0xed) || s[i] == 0xef)
			break;
	if (i >= to)
		return;
	bounds_keep_all(s, n, i, to, brk);
	thai_breaks(s, n, i, to, brk);
}

/*
 * ASCII for line breaking: the anchors (BA_ANCHOR: letters, digits and the
 * symbols of class AL), the letters and digits of runs of words (BA_WORD:
 * classes AL and NU) and the space.
 */
#define BA_ANCHOR	0x1
#define BA_WORD		0x2
#define BA_SPACE	0x4
#define AW		(BA_ANCHOR | BA_WORD)
static const uint8_t	bounds_ascii[256] = {
	[' '] = BA_SPACE,
	['#'] = BA_ANCHOR, ['&'] = BA_ANCHOR, ['*'] = BA_ANCHOR,
	['<'] = BA_ANCHOR, ['='] = BA_ANCHOR, ['>'] = BA_ANCHOR,
	['@'] = BA_ANCHOR, ['^'] = BA_ANCHOR, ['_'] = BA_ANCHOR,
	['`'] = BA_ANCHOR, ['~'] = BA_ANCHOR,
	['0'] = AW, ['1'] = AW, ['2'] = AW, ['3'] = AW, ['4'] = AW,
	['5'] = AW, ['6'] = AW, ['7'] = AW, ['8'] = AW, ['9'] = AW,
	['A'] = AW, ['B'] = AW, ['C'] = AW, ['D'] = AW, ['E'] = AW,
	['F'] = AW, ['G'] = AW, ['H'] = AW, ['I'] = AW, ['J'] = AW,
	['K'] = AW, ['L'] = AW, ['M'] = AW, ['N'] = AW, ['O'] = AW,
	['P'] = AW, ['Q'] = AW, ['R'] = AW, ['S'] = AW, ['T'] = AW,
	['U'] = AW, ['V'] = AW, ['W'] = AW, ['X'] = AW, ['Y'] = AW,
	['Z'] = AW,
	['a'] = AW, ['b'] = AW, ['c'] = AW, ['d'] = AW, ['e'] = AW,
	['f'] = AW, ['g'] = AW, ['h'] = AW, ['i'] = AW, ['j'] = AW,
	['k'] = AW, ['l'] = AW, ['m'] = AW, ['n'] = AW, ['o'] = AW,
	['p'] = AW, ['q'] = AW, ['r'] = AW, ['s'] = AW, ['t'] = AW,
	['u'] = AW, ['v'] = AW, ['w'] = AW, ['x'] = AW, ['y'] = AW,
	['z'] = AW,
};
#undef AW

/*
 * Is the character that starts at s[q] an anchor of line breaking: one
 * after which the rules of UAX #14 look back at nothing before it? Those
 * of a class that no rule lets a span reach across (uprop.c says which):
 * libunistring's state after one (its last class, no space seen, no
 * regional indicators) is that class alone. So the opportunities after an
 * anchor are the same whether libunistring starts at the anchor or at the
 * beginning of the text. Not a space, a mark, a ZWJ, a hyphen, a quotation
 * mark, a regional indicator, nor punctuation that LB25 looks back across
 * (CL, CP, IS, SY). tests/t-unicode checks this against the libunistring
 * it is linked with, on random text and for every code point.
 */
int
bounds_is_anchor(const uint8_t *s, size_t n, size_t q)
{
	ucs4_t	uc;

	if (s[q] < 0x80)
		return bounds_ascii[s[q]] & BA_ANCHOR;
	if (s[q] < 0xc0 || u8_mbtouc(&uc, s + q, n - q) < 2)
		return 0;
	return (uprop(uc) & UP_ANCHOR) != 0;
}

/*
 * The last anchor before text position from (see bounds_is_anchor), or 0.
 * Where from is past ahi and no anchor is in (alo, ahi), the bytes before
 * ahi need not be looked at again.
 */
size_t
bounds_anchor_before(const uint8_t *s, size_t n, size_t from, size_t alo,
    size_t ahi)
{
	size_t	a = from;

	if (from < ahi || ahi <= alo)
		alo = ahi = 0;
	while (a > ahi && !bounds_is_anchor(s, n, --a))
		;
	bounds_counts.scan += from - a;
	if (a > ahi || (a < from && bounds_is_anchor(s, n, a)))
		return a;
	return ahi == 0 ? 0 : alo;
}

/* A run of words this long, at least, is not asked about (tests may set
 * it lower). */
size_t	bounds_run_min = 8;

/*
 * The length of the letter of two bytes at s[i] (i < to) that line
 * breaking treats as it does an ASCII letter, or 0: a letter (uprop.c's
 * UP_LETTER: narrow, of class AL or AI, which is AL outside East Asian
 * encodings) of Latin with accents, Greek or Cyrillic, U+00C0 to U+052F
 * but for the modifier letters and marks of U+0280 to U+037F. Hebrew
 * (class HL) and the scripts after it are not. tests/t-unicode tries
 * every code point of the range.
 */
static size_t
bounds_letter2(const uint8_t *s, size_t i, size_t to)
{
	if (s[i] < 0xc3 || s[i] > 0xd4 || (s[i] >= 0xca && s[i] <= 0xcd) ||
	    i + 1 >= to || (s[i + 1] & 0xc0) != 0x80)
		return 0;
	return (uprop((ucs4_t)(s[i] & 0x1f) << 6 | (s[i + 1] & 0x3f)) &
	    UP_LETTER) ? 2 : 0;
}

/* Is the character at s[i] (i < to) one of class ID (uprop_ideo), of
 * three bytes? */
static int
bounds_ideo(const uint8_t *s, size_t i, size_t to)
{
	if (s[i] < 0xe0 || s[i] > 0xef || i + 2 >= to ||
	    (s[i + 1] & 0xc0) != 0x80 || (s[i + 2] & 0xc0) != 0x80)
		return 0;
	return uprop_ideo((uint32_t)(s[i] & 0x0f) << 12 | (uint32_t)(s[i + 1] &
	    0x3f) << 6 | (s[i + 2] & 0x3f));
}

/* The length of the letter or digit that ends at s[e] (e > from), as
 * runs of words have them, or 0. */
static size_t
bounds_word_before(const uint8_t *s, size_t from, size_t e)
{
	if (bounds_ascii[s[e - 1]] & BA_WORD)
		return 1;
	return e >= from + 2 && bounds_letter2(s, e - 2, e) ? 2 : 0;
}

/*
 * The first position in [i, to) whose byte is a letter or digit (BA_WORD)
 * or may start a letter of bounds_letter2 (C3 to D4) or an ideograph or
 * kana (E3 to E9) or, with other, neither an ASCII letter or digit nor a
 * space; or to.
 * Sixteen bytes at a time where the machine allows.
 */
static size_t
bounds_scan(const uint8_t *s, size_t i, size_t to, int other)
{
#ifdef __SSE2__
	const __m128i	a = _mm_set1_epi8('a' - 1), z = _mm_set1_epi8('z' + 1);
	const __m128i	d0 = _mm_set1_epi8('0' - 1), d9 = _mm_set1_epi8('9' + 1);
	const __m128i	lc = _mm_set1_epi8(0x20), sp = _mm_set1_epi8(' ');
	const __m128i	lo2 = _mm_set1_epi8((char)0xc2), hi2 = _mm_set1_epi8(
			    (char)0xd5);
	const __m128i	lo3 = _mm_set1_epi8((char)0xe2), hi3 = _mm_set1_epi8(
			    (char)0xea);
	__m128i		v, l, w;
	unsigned	m;

	for (; i + 16 <= to; i += 16) {
		v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		/* Signed compares: bytes from 0x80 up are below all. */
		l = _mm_or_si128(v, lc);	/* A-Z as a-z */
		w = _mm_or_si128(_mm_and_si128(_mm_cmpgt_epi8(l, a),
		    _mm_cmplt_epi8(l, z)), _mm_and_si128(_mm_cmpgt_epi8(v,
		    d0), _mm_cmplt_epi8(v, d9)));
		if (other)
			m = (unsigned)_mm_movemask_epi8(_mm_or_si128(w,
			    _mm_cmpeq_epi8(v, sp))) ^ 0xffffu;
		else	/* and the leads of bounds_letter2, C3 to D4, and of
			 * ideographs and kana, E3 to E9 */
			m = (unsigned)_mm_movemask_epi8(_mm_or_si128(w,
			    _mm_or_si128(_mm_and_si128(_mm_cmpgt_epi8(v, lo2),
			    _mm_cmplt_epi8(v, hi2)), _mm_and_si128(
			    _mm_cmpgt_epi8(v, lo3), _mm_cmplt_epi8(v, hi3)))));
		if (m != 0)
			return i + (size_t)__builtin_ctz(m);
	}
#endif
	for (; i < to; i++)
		if (other ? !(bounds_ascii[s[i]] & (BA_WORD | BA_SPACE)) :
		    (bounds_ascii[s[i]] & BA_WORD) || (s[i] >= 0xc3 &&
		    s[i] <= 0xd4) || (s[i] >= 0xe3 && s[i] <= 0xe9))
			break;
	return i;
}

/*
 * The end of a run of words that goes on at s[i] (i > 0): the first
 * position in [i, to) that is none of these, or to:
 *  - a letter or digit, or a space;
 *  - a full stop, comma, colon, semicolon (IS), question or exclamation
 *    mark (EX) after a letter or digit and before a space, or before a
 *    closing quotation mark and a space: no break before it (LB13) nor
 *    before the space (LB7), and none of the rules that look across
 *    spaces (LB14 to LB17) starts at IS or EX;
 *  - an apostrophe, ' or U+2019 (QU), between two letters or digits, as
 *    in "don't"; an opening quotation mark, " or U+201C, after a space
 *    and before a letter or digit; a closing one, " or U+201D, after a
 *    letter, digit, IS or EX and before a space: no break after the one
 *    or before the other (LB19; LB19a, for a quotation mark beside
 *    characters that are not East Asian). The break before an opening
 *    mark after a space is LB18's, as before a word;
 *  - a hyphen between two letters, as in "well-known": no break before
 *    it (LB21), one after it (none of LB20a, LB21a, LB25 applies).
 * Inside the run a break is after a space before what is not one, and
 * after a hyphen; nowhere else (bounds_fill). The caller ends the run at
 * its last letter or digit, as the rules that look across spaces (LB15:
 * QU SP* x OP) must be asked.
 */
#define BOUNDS_Q(s, i, b)	((s)[i] == 0xe2 && (s)[(i) + 1] == 0x80 && \
				    (s)[(i) + 2] == (b))
#define BOUNDS_STOP(c)	((c) == ',' || (c) == '.' || (c) == ':' || \
			    (c) == ';' || (c) == '?' || (c) == '!')
#define BOUNDS_ALPHA(c)	((unsigned)(((c) | 0x20) - 'a') < 26)

/* The length of the closing quotation mark at s[i] (i < to), or 0. */
static size_t
bounds_closer(const uint8_t *s, size_t i, size_t to)
{
	if (s[i] == '"')
		return 1;
	return i + 2 < to && BOUNDS_Q(s, i, 0x9d) ? 3 : 0;
}

/*
 * bounds_scan(s, i, to, 1) for bounds_run_end() (i > 0), past what its
 * rules go on across as they are for ASCII alone: a full stop, comma,
 * colon, semicolon, question or exclamation mark after a letter or digit
 * and before a space; an apostrophe between two letters or digits; an
 * opening " after a space and before one; a hyphen between two letters.
 * Sixteen bytes at a time where the machine allows, with the bytes either
 * side: most stops of prose are these, which bounds_run_end() would take
 * one by one. The rest is for it to look at.
 */
static size_t
bounds_run_scan(const uint8_t *s, size_t i, size_t to)
{
#ifdef __SSE2__
	const __m128i	a = _mm_set1_epi8('a' - 1), z = _mm_set1_epi8('z' + 1);
	const __m128i	d0 = _mm_set1_epi8('0' - 1), d9 = _mm_set1_epi8('9' + 1);
	const __m128i	lc = _mm_set1_epi8(0x20);
	__m128i		v, p, n, vl, pl, nl, wv, wp, wn, ok, st;
	unsigned	m;

#define RS_ALPHA(l)	_mm_and_si128(_mm_cmpgt_epi8(l, a), _mm_cmplt_epi8(l, z))
#define RS_DIGIT(x)	_mm_and_si128(_mm_cmpgt_epi8(x, d0), \
			    _mm_cmplt_epi8(x, d9))
#define RS_IS(x, c)	_mm_cmpeq_epi8(x, _mm_set1_epi8(c))
	for (; i + 17 <= to; i += 16) {
		v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		vl = _mm_or_si128(v, lc);	/* A-Z as a-z */
		wv = _mm_or_si128(RS_ALPHA(vl), RS_DIGIT(v));
		/* Letters, digits and spaces alone, most often: no more to
		 * look at. */
		if (_mm_movemask_epi8(_mm_or_si128(wv, RS_IS(v, ' '))) ==
		    0xffff)
			continue;
		p = _mm_loadu_si128((const __m128i *)(const void *)(s + i - 1));
		n = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1));
		pl = _mm_or_si128(p, lc);
		nl = _mm_or_si128(n, lc);
		wp = _mm_or_si128(RS_ALPHA(pl), RS_DIGIT(p));
		wn = _mm_or_si128(RS_ALPHA(nl), RS_DIGIT(n));
		st = _mm_or_si128(_mm_or_si128(RS_IS(v, ','), RS_IS(v, '.')),
		    _mm_or_si128(_mm_or_si128(RS_IS(v, ':'), RS_IS(v, ';')),
		    _mm_or_si128(RS_IS(v, '?'), RS_IS(v, '!'))));
		ok = _mm_or_si128(_mm_or_si128(wv, RS_IS(v, ' ')),
		    _mm_and_si128(_mm_and_si128(st, wp), RS_IS(n, ' ')));
		ok = _mm_or_si128(ok, _mm_and_si128(wn, _mm_or_si128(
		    _mm_and_si128(RS_IS(v, '\''), wp),
		    _mm_and_si128(RS_IS(v, '"'), RS_IS(p, ' ')))));
		ok = _mm_or_si128(ok, _mm_and_si128(RS_IS(v, '-'),
		    _mm_and_si128(RS_ALPHA(pl), RS_ALPHA(nl))));
		if ((m = (unsigned)_mm_movemask_epi8(ok) ^ 0xffffu) != 0)
			return i + (size_t)__builtin_ctz(m);
	}
#undef RS_ALPHA
#undef RS_DIGIT
#undef RS_IS
#endif
	return bounds_scan(s, i, to, 1);
}

static size_t
bounds_run_end(const uint8_t *s, size_t i, size_t to)
{
	size_t	q;
	int	word, after;

	for (;;) {
		i = bounds_run_scan(s, i, to);
		if ((q = i < to ? bounds_letter2(s, i, to) : 0) > 0) {
			/* A word of them, letter after letter. */
			do
				i += q;
			while (i < to && s[i] >= 0xc3 &&
			    (q = bounds_letter2(s, i, to)) > 0);
			continue;
		}
		if (i + 1 >= to)
			return i;
		word = bounds_word_before(s, 0, i) != 0;
		if (word && BOUNDS_STOP(s[i]) && (s[i + 1] == ' ' ||
		    ((q = bounds_closer(s, i + 1, to)) > 0 && i + 1 + q < to &&
		    s[i + 1 + q] == ' ')))
			i++;
		else if (word && s[i] == '\'' &&
		    (bounds_ascii[s[i + 1]] & BA_WORD))
			i++;
		else if (s[i - 1] == ' ' && s[i] == '"' &&
		    (bounds_ascii[s[i + 1]] & BA_WORD))
			i++;
		else if (s[i] == '-' && BOUNDS_ALPHA(s[i - 1]) &&
		    BOUNDS_ALPHA(s[i + 1]))
			i++;
		else if ((word || BOUNDS_STOP(s[i - 1])) &&
		    (q = bounds_closer(s, i, to)) > 0 && i + q < to &&
		    s[i + q] == ' ')
			i += q;
		else if (i + 3 >= to)
			return i;
		else if ((after = bounds_ascii[s[i + 3]] & BA_WORD) && word &&
		    BOUNDS_Q(s, i, 0x99))
			i += 3;
		else if (after && s[i - 1] == ' ' && BOUNDS_Q(s, i, 0x9c))
			i += 3;
		else
			return i;
	}
}

/*
 * The answers for one or two printable ASCII characters alone, as
 * bounds_ask() gives them, asked of libunistring once each: 0 while not
 * known, else BOUNDS_SHORT_KNOWN with the first character's answer in the
 * low three bits and the second's in the next three. The stretches
 * between runs of words are mostly these (the first letter of a
 * paragraph, a letter and its full stop at the end), and a call costs
 * more than the answer.
 */
#define BOUNDS_SHORT_KNOWN	0x80
static atomic_uchar	bounds_short1[95];
static atomic_uchar	bounds_short2[95][95];

/*
 * If s[from, to) is one or two printable ASCII characters, set brk as
 * bounds_ask() would and return 1. The answer at from must not be an
 * opportunity, which tailoring would look before from for: it never is
 * (LB2), but if libunistring said otherwise it is asked as any text is.
 * Korean and Thai words (bounds_words) do not touch ASCII.
 */
static int
bounds_ask_short(const uint8_t *s, size_t from, size_t to, char *brk,
    int keep)
{
	atomic_uchar	*e;
	unsigned	 v;
	char		 b[2];
	size_t		 len = to - from;

	_Static_assert(UC_BREAK_CR_BEFORE_LF < 8, "libunistring's values");
	if (len > 2 || s[from] < 0x20 || s[from] > 0x7e || (len == 2 &&
	    (s[from + 1] < 0x20 || s[from + 1] > 0x7e)))
		return 0;
	e = len == 1 ? &bounds_short1[s[from] - 0x20] :
	    &bounds_short2[s[from] - 0x20][s[from + 1] - 0x20];
	if ((v = atomic_load_explicit(e, memory_order_relaxed)) == 0) {
		u8_possible_linebreaks(s + from, len, "UTF-8", b);
		bounds_tailor(s + from, len, 1, len, b);
		v = BOUNDS_SHORT_KNOWN | (unsigned)b[0] |
		    (len == 2 ? (unsigned)b[1] << 3 : 0);
		atomic_store_explicit(e, (unsigned char)v,
		    memory_order_relaxed);
	}
	if ((v & 7) == UC_BREAK_POSSIBLE)
		return 0;
	if (!keep)
		brk[from] = (char)(v & 7);
	if (len == 2)
		brk[from + 1] = (char)(v >> 3 & 7);
	return 1;
}

/*
 * u8_possible_linebreaks() of s[0, n), the answers of short text kept:
 * the text between runs of words is mostly a few characters (a name in
 * parentheses, a letter and a quotation mark), the same ones over and
 * over. The answers for text depend on its bytes alone. A table of this
 * thread's, as the dump lays out on several.
 */
#define BOUNDS_MEMO		512	/* entries, a power of two */
#define BOUNDS_MEMO_LEN		16	/* bytes of text, at most */
static _Thread_local struct bounds_memo {
	uint64_t	key[2];		/* the text, zeros after it */
	uint8_t		n;		/* its length, once brk is set */
	uint8_t		tailored;	/* tbrk is set: 1 + words */
	char		brk[BOUNDS_MEMO_LEN];
	char		tbrk[BOUNDS_MEMO_LEN];	/* bounds_ask()'s, keep */
} bounds_memo[BOUNDS_MEMO];

/* The memo's entry for s[0, n) (n <= BOUNDS_MEMO_LEN), emptied if it
 * held other text. */
static inline struct bounds_memo *
bounds_memo_at(const uint8_t *s, size_t n)
{
	struct bounds_memo	*m;
	uint64_t		 key[2] = { 0, 0 };

	memcpy(key, s, n);
	m = &bounds_memo[(key[0] * 0x9e3779b97f4a7c15u ^ (key[1] + n) *
	    0xc2b2ae3d27d4eb4fu) >> 55 & (BOUNDS_MEMO - 1)];
	if (m->n != n || memcmp(m->key, key, sizeof key) != 0) {
		memcpy(m->key, key, sizeof key);
		m->n = 0;		/* no answers yet */
		m->tailored = 0;
	}
	return m;
}

/* u8_possible_linebreaks() of s[0, n), through the memo; m is its entry
 * for the text if the caller has it. */
static void
bounds_possible(const uint8_t *s, size_t n, char *brk, struct bounds_memo *m)
{
	if (n > BOUNDS_MEMO_LEN) {
		u8_possible_linebreaks(s, n, "UTF-8", brk);
		return;
	}
	if (m == NULL)
		m = bounds_memo_at(s, n);
	if (m->n != n) {
		u8_possible_linebreaks(s, n, "UTF-8", m->brk);
		m->n = (uint8_t)n;
	}
	memcpy(brk, m->brk, n);
}

/*
 * May bounds_ask()'s answers for s[from, to), the one at from kept, be
 * kept in the memo: do they depend on these bytes alone? Tailoring looks
 * back from each position to the code point before it, through marks
 * and a ZWJ, so not if the first is one of those; Thai words look past
 * both ends (thai.c), so not if the text has a byte E0.
 */
static int
bounds_self_contained(const uint8_t *s, size_t n, size_t from, size_t to)
{
	ucs4_t	uc;

	if (to - from > BOUNDS_MEMO_LEN || memchr(s + from, 0xe0, to - from))
		return 0;
	if (s[from] < 0x80)
		return 1;
	bounds_decode(s + from, s + n, &uc);
	return !bounds_is_mark(uc) && uc != 0x200d;
}

/*
 * libunistring's answers for s[from, to), the one at from kept if keep
 * (libunistring knows nothing before it), tailored; with words, Korean
 * and Thai words too (bounds_words).
 */
static void
bounds_ask(const uint8_t *s, size_t n, size_t from, size_t to, char *brk,
    int keep, int words)
{
	struct bounds_memo	*m = NULL;
	char			 k;

	if (from >= to || bounds_ask_short(s, from, to, brk, keep))
		return;
	/* Text asked about again, tailored as before (most of what is
	 * asked is a few characters around a name in parentheses). */
	if (keep && bounds_self_contained(s, n, from, to)) {
		m = bounds_memo_at(s + from, to - from);
		if (m->tailored == 1 + (words != 0)) {
			memcpy(brk + from + 1, m->tbrk + 1, to - from - 1);
			return;
		}
	}
	k = brk[from];
	bounds_possible(s + from, to - from, brk + from, m);
	if (keep)
		brk[from] = k;
	bounds_tailor(s, n, from + (keep != 0), to, brk);
	if (words)
		bounds_words(s, n, from + (keep != 0), to, brk);
	if (m != NULL) {
		memcpy(m->tbrk + 1, brk + from + 1, to - from - 1);
		m->tailored = (uint8_t)(1 + (words != 0));
	}
}

/*
 * The inside of a run of words, brk[i] for i in [k, e): a break after a
 * space before what is not one, and after a hyphen, else none. Sixteen
 * at a time where the machine allows.
 */
static void
bounds_fill(const uint8_t *s, size_t k, size_t e, char *brk)
{
	_Static_assert(UC_BREAK_POSSIBLE == UC_BREAK_PROHIBITED + 1,
	    "libunistring's values");
#ifdef __SSE2__
	const __m128i	sp = _mm_set1_epi8(' '), hy = _mm_set1_epi8('-'),
			one = _mm_set1_epi8(1),
			no = _mm_set1_epi8(UC_BREAK_PROHIBITED);
	__m128i		before, here;

	for (; k + 16 <= e; k += 16) {
		before = _mm_loadu_si128((const __m128i *)(const void *)
		    (s + k - 1));
		here = _mm_loadu_si128((const __m128i *)(const void *)(s + k));
		_mm_storeu_si128((__m128i *)(void *)(brk + k), _mm_add_epi8(no,
		    _mm_and_si128(one, _mm_or_si128(_mm_andnot_si128(
		    _mm_cmpeq_epi8(here, sp), _mm_cmpeq_epi8(before, sp)),
		    _mm_cmpeq_epi8(before, hy)))));
	}
#endif
	for (; k < e; k++)
		brk[k] = (char)(UC_BREAK_PROHIBITED + (((s[k - 1] == ' ') &
		    (s[k] != ' ')) | (s[k - 1] == '-')));
}

/*
 * Ask libunistring about s[a, to), to moved to the end of its character
 * (the character that starts at to - 1 decides the break before it) and
 * past the LF of a CR LF (which marks the CR, UC_BREAK_CR_BEFORE_LF), and
 * tailor the answers; with words, add Korean and Thai words
 * (bounds_words). If a is 0 or an anchor, brk is then right at the
 * positions (a, to), and at 0 if a is 0. Returns the new to.
 *
 * Most of prose is runs of words of letters and digits (classes AL
 * and NU: ASCII, and Latin, Greek and Cyrillic of two bytes) with spaces
 * between them (and punctuation, quotation marks and hyphens:
 * bounds_run_end), and inside such a run UAX #14 has one answer: a break
 * after the last space between two words (LB18) and after a hyphen, none
 * elsewhere (LB7, LB13, LB19, LB21, LB23, LB25, LB28); no rule looks into
 * it from outside (the spaces follow a letter, digit, IS, EX or quotation
 * mark, so LB14 to LB17 do not apply). Chinese and Japanese are runs of
 * ideographs and kana of class ID (uprop_ideo), with a break before
 * each (LB31). So libunistring is asked about the text between long
 * runs, with each run's first character (the break before it is the
 * context's) and from its last, an anchor; the run's inside is filled
 * in. tests/t-unicode holds this to libunistring's answers for the
 * whole text.
 */
size_t
bounds_lines_at(const uint8_t *s, size_t n, size_t a, size_t to, char *brk,
    int words)
{
	size_t	i, p, r, r1, e, k = 0;

	while (to < n && (s[to] & 0xc0) == 0x80)
		to++;
	if (to < n && s[to - 1] == '\r' && s[to] == '\n')
		to++;
	/* Runs of words, libunistring asked about the text around them. */
	for (i = p = a; i < to; i = e) {
		if ((i = bounds_scan(s, i, to, 0)) >= to)
			break;
		/* Words and the spaces between them, none at the ends. */
		r = i;
		r1 = i + (s[i] < 0x80 ? 1 : bounds_letter2(s, i, to));
		if (r1 == r && bounds_ideo(s, i, to)) {
			/* Ideographs and kana: a break before each. */
			for (e = i + 3; e + 2 < to && bounds_ideo(s, e, to);
			    e += 3)
				;
			if (e - r < bounds_run_min)
				continue;
			bounds_ask(s, n, p, i + 3, brk, p > a, words);
			for (i += 3; i < e; i++)
				brk[i] = (s[i] & 0xc0) != 0x80 ?
				    UC_BREAK_POSSIBLE : UC_BREAK_PROHIBITED;
			p = e - 3;	/* an anchor */
			continue;
		}
		if (r1 == r) {		/* no letter after all */
			e = i + 1;
			continue;
		}
		e = r1 < to ? bounds_run_end(s, r1, to) : r1;
		while (e > r && (k = bounds_word_before(s, r, e)) == 0)
			e--;
		if (e - r < bounds_run_min)
			continue;
		bounds_ask(s, n, p, r1, brk, p > a, words);
		bounds_fill(s, r1, e, brk);
		p = e - k;	/* a letter or digit: an anchor */
	}
	bounds_ask(s, n, p, to, brk, p > a, words);
	bounds_counts.lbrk += to - a;
	return to;
}

/*
 * Line break opportunities of UTF-8 text, as layout uses them, at the
 * positions [from, to) only: brk[i] becomes what bounds_lines() of the
 * whole text gives for the position before s[i]. libunistring is asked
 * about the text from the last anchor before from, so that rows are
 * broken at the cost of the few words near their ends, not of all the
 * text. Other bytes of brk before to may change.
 */
void
bounds_lines_range(const uint8_t *s, size_t n, size_t from, size_t to,
    char *brk)
{
	if (to > n)
		to = n;
	if (from >= to)
		return;
	bounds_lines_at(s, n, bounds_anchor_before(s, n, from, 0, 0), to,
	    brk, 0);
}

/*
 * Line break opportunities of UTF-8 text, as layout uses them: brk[i] is
 * one of libunistring's UC_BREAK_* values for the position before s[i].
 */
void
bounds_lines(const uint8_t *s, size_t n, char *brk)
{
	bounds_lines_range(s, n, 0, n, brk);
}

/*
 * The run of code points that are not plain from t[i] (its first, of k
 * bytes), asked about from the code point before it to the one after it:
 * g is set on [s, e), s the code point before (whose answer, keep, is
 * put back), e the end of the one after, which is returned.
 */
static size_t
bounds_other_run(const uint8_t *t, size_t n, char *g, size_t i, int k,
    size_t s, char keep)
{
	size_t	e;
	ucs4_t	uc;

	for (i += (size_t)k; i < n && t[i] >= 0x80; i += (size_t)k) {
		k = bounds_decode(t + i, t + n, &uc);
		if (uprop(uc) & UP_PLAIN)
			break;
	}
	e = i < n ? i + (size_t)u8_mblen(t + i, n - i) : i;
	u8_grapheme_breaks(t + s, e - s, g + s);
	bounds_counts.gbrk += e - s;
	if (s > 0)
		g[s] = keep;
	return e;
}

/* Where the run of others at t[i] starts its question: the code point
 * before it, if any. */
static size_t
bounds_run_from(const uint8_t *t, size_t i)
{
	ucs4_t	uc;

	return i > 0 ? (size_t)(u8_prev(&uc, t + i, t) - t) : i;
}

/*
 * Grapheme cluster boundaries of UTF-8 text: g[i] is 1 where a cluster
 * starts at t[i], as u8_grapheme_breaks gives it for the whole text,
 * with libunistring asked only about the runs of code points that are
 * not plain. ASCII and plain code points (uprop.c: class Other, not
 * pictographic, as are letters, ideographs and kana) are of class Other
 * (or LF, a control): the boundary before one depends only on the code
 * point before it (none after Prepend, UAX #29 GB9b), and no rule looks
 * back across one. So text between two plain code points is
 * all boundaries, and each run of others is asked about with the plain
 * code point on either side of it, which gives the boundaries inside the
 * run and the one after it exactly as for the whole text.
 */
void
bounds_clusters(const uint8_t *t, size_t n, char *g)
{
	size_t	i = 0, e, s;
	ucs4_t	uc;
	int	k;

	while (i < n) {
		if (t[i] < 0x80) {
			e = (size_t)(sanitize_ascii_run(t + i, t + n) - t);
			if (e > i) {
				memset(g + i, 1, e - i);
				i = e;
				continue;
			}
			/* No boundary in CR LF (GB3); display text has no CR. */
			g[i] = bounds_plain_break(t, i);
			i++;
			continue;
		}
		k = bounds_decode(t + i, t + n, &uc);
		if (uprop(uc) & UP_PLAIN) {
			g[i] = 1;
			while (--k > 0)
				g[++i] = 0;
			i++;
			continue;
		}
		s = bounds_run_from(t, i);
		i = bounds_other_run(t, n, g, i, k, s, g[s]);	/* set, if s < i */
	}
}

/*
 * The answer of bounds_clusters() at t[p] (p < n), g made only as far as
 * it must be: g is right on [0, *known), and the code point before p is
 * ASCII or plain if p >= *known, as it is for a caller that asks about
 * the start of each code point in turn (of a run of printable ASCII, it
 * may ask only about the first). A run of others is asked about where
 * it starts, and *known moved past it. What layout.c asks, for the cells
 * of text that is mostly plain.
 */
int
bounds_cluster_at(const uint8_t *t, size_t n, char *g, size_t *known,
    size_t p)
{
	size_t	s;
	ucs4_t	uc;
	int	k;

	if (p < *known)
		return g[p];
	if (t[p] < 0x80)
		return bounds_plain_break(t, p);
	if ((t[p] & 0xc0) == 0x80)
		return 0;	/* inside a plain code point */
	k = bounds_decode(t + p, t + n, &uc);
	if (uprop(uc) & UP_PLAIN)
		return 1;
	s = bounds_run_from(t, p);
	*known = bounds_other_run(t, n, g, p, k, s, s < *known ? g[s] :
	    bounds_plain_break(t, s));
	return g[p];
}

/*
 * Is every position of [from, to) of s inside a word of ASCII anchors, of
 * line break class AL or NU, between two of them? UAX #14 has no break
 * opportunity there (LB23, LB25, LB28), which libunistring need not be
 * asked: a run of digits, of controls shown as ^@, a long URL.
 */
int
bounds_ascii_word(const uint8_t *s, size_t from, size_t to)
{
	size_t	i;

	for (i = from > 0 ? from - 1 : 0; i < to; i++)
		if (!(bounds_ascii[s[i]] & BA_ANCHOR))
			return 0;
	return 1;
}

/* libunistring's u8_mbtouc, for bounds_decode() in lede.h. */
int
bounds_mbtouc(uint32_t *uc, const uint8_t *p, size_t n)
{
	return u8_mbtouc(uc, p, n);
}
