/*
 * lines.c: is a block of plain text line-based (a log, a list of short
 * lines, a poem, code) or prose hard-wrapped at some width? Its lines
 * are measured (their columns, their first words, how they end) and
 * their breaks weighed (parse_is_lines); parse.c asks, for every block
 * of plain text, so the columns are counted sixteen bytes at a time.
 */

#include "config.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <unictype.h>
#include <unistr.h>

#include "lede.h"

/*
 * Count the columns of [p, end), a line without controls, roughly:
 * a column for each character, two for each that can be wide (from
 * U+3000 on: CJK, kana, Hangul, fullwidth forms, emoji). Close enough to
 * tell prose from lines, and linear at memory speed. Returns -1 if there
 * is a control or a tab (the caller measures exactly), else the count;
 * *two is set if two spaces follow each other. With eol, [p, end) is
 * counted to its first LF or CR (or end), which *eol is set to, and only
 * another control before it gives -1: parse_columns_eol().
 */
static long
parse_count(const uint8_t *p, const uint8_t *end, int *two,
    const uint8_t **eol)
{
	const uint8_t	*s = p;
	long		 cols = 0;
#ifdef __SSE2__
	const __m128i	sp = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7f);
	const __m128i	zero = _mm_setzero_si128(), one = _mm_set1_epi8(1);
	const __m128i	idx = _mm_set_epi8(15, 14, 13, 12, 11, 10, 9, 8, 7,
			    6, 5, 4, 3, 2, 1, 0);
	__m128i		v, neg, add = zero, sub = zero;
	unsigned	m, prev = 0, ctl = 0;
	int		k;

	__m128i		fresh = _mm_set1_epi8(-1);	/* bytes not yet counted */

	*two = 0;
	while (end - p >= 16 || (p > s && p < end)) {
		if (end - p < 16) {
			/* The last bytes of a line of 16 or more: the 16 that
			 * end it, those counted before masked off. */
			fresh = _mm_cmpgt_epi8(idx,
			    _mm_set1_epi8((char)(15 - (end - p))));
			cols -= 16 - (end - p);
			p = end - 16;
			prev = 0;	/* the byte before is in the vector */
		}
		v = _mm_loadu_si128((const __m128i *)(const void *)p);
		/* As signed bytes: controls 0..0x1f, DEL 0x7f; UTF-8
		 * continuations 0x80..0xbf are -128..-65, leads from
		 * 0xe3 on (U+3000 on) -29..-1. */
		neg = _mm_cmpgt_epi8(zero, v);
		ctl = (unsigned)_mm_movemask_epi8(_mm_and_si128(fresh,
		    _mm_or_si128(_mm_andnot_si128(neg, _mm_cmpgt_epi8(sp, v)),
		    _mm_cmpeq_epi8(v, del))));
		if (ctl != 0) {
			/* A line's end, if asked for: the bytes before it
			 * are the last counted. */
			k = __builtin_ctz(ctl);
			if (eol == NULL || (p[k] != '\n' && p[k] != '\r'))
				return -1;
			*eol = p + k;
			fresh = _mm_and_si128(fresh, _mm_cmpgt_epi8(
			    _mm_set1_epi8((char)k), idx));
			cols -= 16 - k;
			end = p + k;	/* no more after this vector */
		}
		/* Counted sixteen at a time: psadbw sums the 0/1 bytes. */
		sub = _mm_add_epi64(sub, _mm_sad_epu8(_mm_and_si128(fresh,
		    _mm_and_si128(one, _mm_cmpgt_epi8(_mm_set1_epi8(-64), v))),
		    zero));
		add = _mm_add_epi64(add, _mm_sad_epu8(_mm_and_si128(fresh,
		    _mm_and_si128(one, _mm_and_si128(neg, _mm_cmpgt_epi8(v,
		    _mm_set1_epi8(-30))))), zero));
		/* Spaces before a line's end; those counted before too (a
		 * pair across where the overlapping last load starts). */
		m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, sp)) &
		    (ctl != 0 ? (1u << k) - 1 : 0xffffu);
		if ((m & (m << 1 | prev)) != 0)
			*two = 1;
		prev = (m >> 15) & 1;
		cols += 16;
		p += 16;
		if (ctl != 0)
			break;
	}
	add = _mm_sub_epi64(add, sub);
	cols += (long)_mm_cvtsi128_si64(add) + (long)_mm_cvtsi128_si64(
	    _mm_unpackhi_epi64(add, add));
	if (eol != NULL && ctl != 0)
		return cols;
#else
	*two = 0;
#endif
	for (; p < end; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			if (eol == NULL || (*p != '\n' && *p != '\r'))
				return -1;
			break;
		}
		if ((*p & 0xc0) != 0x80)
			cols++;
		if (*p >= 0xe3)
			cols++;
		if (*p == ' ' && p > s && p[-1] == ' ')
			*two = 1;
	}
	if (eol != NULL)
		*eol = p;
	return cols;
}

long
parse_columns(const uint8_t *p, const uint8_t *end, int *two)
{
	return parse_count(p, end, two, NULL);
}

/*
 * parse_columns() of the line that starts at p, its end found on the way:
 * the first LF or CR in [p, end), or end, in *eol. -1 (with *eol unset)
 * if another control comes before it (the caller measures exactly).
 */
long
parse_columns_eol(const uint8_t *p, const uint8_t *end, int *two,
    const uint8_t **eol)
{
	return parse_count(p, end, two, eol);
}

/*
 * The first word of a line, sixteen bytes at a time while it is ASCII:
 * adds its columns so far to *fw and returns where it stops, at the
 * space after it (or end), or at the sixteen bytes that are not ASCII,
 * which the caller counts as any.
 */
static inline const uint8_t *
parse_ascii_word(const uint8_t *q, const uint8_t *end, int *fw)
{
#ifdef __SSE2__
	__m128i		v;
	unsigned	sp, lim;

	for (; end - q >= 16; q += 16) {
		v = _mm_loadu_si128((const __m128i *)(const void *)q);
		sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v,
		    _mm_set1_epi8(' ')));
		lim = sp != 0 ? (unsigned)__builtin_ctz(sp) : 16;
		if ((unsigned)_mm_movemask_epi8(v) & ((1u << lim) - 1))
			break;		/* a byte from 0x80 up */
		*fw += (int)lim;
		if (sp != 0)
			return q + lim;
	}
#endif
	return q;
}

/*
 * The display width of the line [s, e) (its trailing blanks left out,
 * at most PARSE_WIDTH_MAX), and in *fw that of its first word (after its
 * indent); *wide is set if that word starts with a character after which
 * lines join without a space (CJK), *last to its last character, *gap if,
 * after its indent, two spaces follow something other than the end of a
 * sentence (columns, as in a listing or a table). Lines without controls
 * are measured by parse_columns(), the rest character by character: cols
 * and two are its answers if the caller has them (for a line that ends
 * in no blank), else cols is -1.
 */
static int
parse_line_width(const uint8_t *d, size_t s, size_t e, long cols, int two,
    int *fw, int *wide, ucs4_t *last, int *gap)
{
	const uint8_t	*p, *q;
	ucs4_t		 uc, before = 0;
	int		 w = 0, n, inword = -1;

	*last = 0;
	*gap = 0;
	*fw = 0;
	*wide = 0;
	if (cols < 0) {
		while (e > s && (d[e - 1] == ' ' || d[e - 1] == '\t'))
			e--;
		cols = e > s ? parse_columns(d + s, d + e, &two) : -1;
	}
	if (cols >= 0) {
		for (p = d + s; p < d + e && *p == ' '; p++)
			;
		if (p < d + e && u8_mbtouc(&uc, p, (size_t)(d + e - p)) > 0 &&
		    uc >= 0x80 && (uprop(uc) & UP_NOSPACE)) {
			*wide = 1;
			*fw = width_cp(uc);
			q = p;
		} else {
			q = parse_ascii_word(p, d + e, fw);
			for (; q < d + e && *q != ' '; q++)
				*fw += ((*q & 0xc0) != 0x80) + (*q >= 0xe3);
		}
		for (n = 1; (size_t)n < e - s && n < 4 &&
		    (d[e - n] & 0xc0) == 0x80; n++)
			;
		if (u8_mbtouc(last, d + e - n, (size_t)n) < 1)
			*last = d[e - 1];
		for (; two && q + 1 < d + e; q++)
			if (q > p && q[0] == ' ' && q[1] == ' ' && q[-1] != '.' &&
			    q[-1] != '?' && q[-1] != '!' && q[-1] != ' ') {
				*gap = 1;
				break;
			}
		return cols < PARSE_WIDTH_MAX ? (int)cols : PARSE_WIDTH_MAX;
	}
	while (s < e && w < PARSE_WIDTH_MAX) {
		if (d[s] < 0x80)
			uc = d[s], n = 1;	/* ASCII: no decoding */
		else if ((n = u8_mbtouc(&uc, d + s, e - s)) < 1)
			n = 1;
		s += (size_t)n;
		if (uc == '\t') {
			w += 8 - w % 8;
			if (inword == 1)
				inword = 0;
			continue;
		}
		if (uc == ' ') {
			w++;
			if (inword == 1)
				inword = 0;
			if (inword != -1 && s < e && d[s] == ' ' && before !=
			    '.' && before != '?' && before != '!')
				*gap = 1;
			before = uc;
			continue;
		}
		before = uc;
		n = uc >= 0x20 && uc < 0x7f ? 1 : width_cp(uc);
		w += n > 0 ? n : 0;
		*last = uc;
		if (inword == -1) {
			inword = 1;
			if (uc >= 0x80 && (uprop(uc) & UP_NOSPACE)) {
				*wide = 1;
				*fw = n;
				inword = 0;
				continue;
			}
		}
		if (inword == 1)
			*fw += n > 0 ? n : 0;
	}
	return w;
}

/*
 * Is the block line-based (a log, a list of short lines, a poem, code)
 * rather than prose hard-wrapped at some width? Prose is filled: each
 * line ends because the next line's first word would not have fitted
 * on it. A line break is deliberate if that word would have fitted with
 * two columns to spare, the width being that of the widest line; or,
 * between lines of CJK text (hard-wrapped anywhere, at any width), if
 * two thirds of them end with wide punctuation, as a poem's do (or both
 * lines of a couplet, of one width). A block
 * is line-based if at least a third of its breaks (and one) are, or if
 * half of its lines (two or more) have columns (a gap). Only
 * its first PARSE_LINES lines are looked at, so the answer costs little
 * and is the same from anywhere.
 */
#define PARSE_LINES	64
int
parse_is_lines(const uint8_t *d, const struct block *b, int quoted)
{
	int	w[PARSE_LINES], fw[PARSE_LINES], wide[PARSE_LINES];
	ucs4_t	last[PARSE_LINES];
	int	max = 0, fit = 0, k, n = 0, gap, gaps = 0, cjk = 0, punct = 0;
	int	two = 0;
	size_t	s = b->start, e, next;
	const uint8_t *eol;
	long	cols;

	while (n < PARSE_LINES) {
		/* Most lines are measured as their end is found: text that
		 * does not end in a blank. A mail's quote is measured from
		 * its text: its "> " is not a word of it. */
		if (!quoted && (cols = parse_columns_eol(d + s, d + b->end, &two,
		    &eol)) >= 0 && eol > d + s && eol[-1] != ' ') {
			e = (size_t)(eol - d);
			next = block_line_next(d, b->end, e);
		} else {
			cols = -1;
			e = block_line_end(d, b->end, s, &next);
			if (quoted)
				(void)block_line_quote(d, s, e, &s);
		}
		w[n] = parse_line_width(d, s, e, cols, two, &fw[n], &wide[n],
		    &last[n], &gap);
		gaps += gap;
		if (w[n] > max)
			max = w[n];
		n++;
		if (e >= b->end || next >= b->end)
			break;
		s = next;
	}
	for (k = 0; k + 1 < n; k++) {
		if (wide[k + 1] && last[k] >= 0x80 &&
		    (uprop(last[k]) & UP_NOSPACE)) {
			cjk++;
			if (width_cp(last[k]) == 2 &&
			    uc_is_general_category(last[k], UC_CATEGORY_P))
				punct++;
		} else if (w[k] + (wide[k + 1] ? 0 : 1) + fw[k + 1] <= max - 2)
			fit++;
	}
	/* CJK prose may end a line at punctuation by chance: a poem ends
	 * two lines of three (and more) there. */
	if (cjk >= 2 && 3 * punct >= 2 * cjk)
		fit += punct;
	/* A couplet: two lines of one width, both ending so. */
	else if (n == 2 && punct == 1 && w[0] == w[1] && last[1] >= 0x80 &&
	    width_cp(last[1]) == 2 &&
	    uc_is_general_category(last[1], UC_CATEGORY_P))
		fit++;
	return (fit > 0 && 3 * fit >= n - 1) || (n >= 2 && 2 * gaps >= n);
}
