/*
 * quote.c: quoted speech: where quotes open and close. No UI here.
 *
 * Contract. quote_scan() finds the quotations of one paragraph; called on
 * consecutive paragraphs with the same *carry and the same growing array,
 * it joins a quotation that runs over several paragraphs into one quote.
 * quote_scan_all() does the whole document in one pass and gives the
 * same quotes. A quote is [start, end): from its opening mark to just
 * after its closing mark. Quotes are listed in order of their start; a
 * nested quote follows the quote that contains it. Who said a quote, and
 * whether it is a term, is speaker.c's.
 *
 * Marks. “…” with ‘…’ inside, «…», ‹…›, 「…」 with 『…』 inside, and
 * straight "…". A closing mark closes the innermost open quote of its
 * kind (’ only the innermost quote, if it is a ‘ one: see below); quotes
 * opened inside it and still open end just before that closing mark,
 * flagged QUOTE_UNCLOSED. A closing mark with nothing of its kind open
 * is ignored. Nesting deeper than QUOTE_MAXDEPTH (16) is ignored.
 * Not marks: the straight apostrophe ' (too often an apostrophe), the
 * low marks „ ‚, and the reversed »…« and ”…” styles.
 *
 * Apostrophes. ’ is far more often an apostrophe than a closing mark, so:
 *  - ’ before a word character (letter, digit, combining mark) is an
 *    apostrophe or an elision and never closes: Trump’s, don’t, ’90s;
 *  - ’ after white space (or at the paragraph start) never closes: ’n’;
 *  - ’ at a word end (after a non-space, before a non-word character or
 *    the paragraph end) closes a quote only when the innermost open
 *    quote is a ‘ one; otherwise it is an apostrophe (leaders’, goin’).
 *    Two exceptions even then: the end of a one- or two-letter word that
 *    began with an elision (rock ’n’ roll), and s’ followed by a space
 *    and a word when another word-end ’ follows on the same line before
 *    any ” or › or newly opened ‘ (‘the leaders’ statement,’: a plural
 *    possessive);
 *  - no ’ ever opens a quote;
 *  - ‘ opens only at a word start: after the start, white space, opening
 *    or dash punctuation (Ps, Pi, Pd), or a straight "; and only before
 *    a non-space. ‘90s and ‘n’ (a mistyped elision) do not open. A ‘
 *    elsewhere is ignored.
 * Straight ". It closes the innermost open " if there is one. Otherwise
 * it opens at a word start (not after a letter or digit: 6" is not a
 * quote) before a non-space, and is ignored elsewhere.
 *
 * Paragraphs. A quote still open at the end of its paragraph ends there
 * (QUOTE_UNCLOSED), so unbalanced marks never swallow the article. But if
 * the next paragraph begins with an opening mark of the same kind as the
 * outermost open quote, that is the typographic convention for a
 * quotation of several paragraphs: the quote goes on (QUOTE_CONTINUED)
 * and its span covers all of them, up to the closing mark (or to the end
 * of the last paragraph, still QUOTE_UNCLOSED). Quotes nested in it do
 * not carry over.
 *
 * Speed. The scanner looks only at bytes that can start a mark (0xE2,
 * 0xC2, 0xE3 and '"'), 16 bytes at a time with SSE2 (8 with plain 64-bit
 * words elsewhere). quote_scan_all() tracks paragraph ends only while a
 * quote is open, so the document is read once; the term test reads about
 * 100 bytes around quotes that have at most three words.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <unictype.h>
#include <unistr.h>

#include "lede.h"

#define QUOTE_MAXDEPTH	16

/* Kinds of marks: a quote is closed only by a mark of its own kind. */
#define FAM_DOUBLE	1	/* “ ” */
#define FAM_SINGLE	2	/* ‘ ’ */
#define FAM_GUILL	3	/* « » */
#define FAM_SGUILL	4	/* ‹ › */
#define FAM_CORNER	5	/* 「 」 */
#define FAM_WCORNER	6	/* 『 』 */
#define FAM_STRAIGHT	7	/* " */
#define FAM_LOW		8	/* „ “ and „ ” (German, Polish, ...) */
#define FAM_LOWSINGLE	9	/* ‚ ‘ and ‚ ’ */
#define FAM_RGUILL	10	/* » « (German, Danish) */

struct mark {
	int		 fam;
	int		 open;	/* 1 opening, 0 closing (" is both: 1) */
	size_t		 len;
	ucs4_t		 cp;
};

struct scan {
	const uint8_t	*d;
	size_t		 lo, hi;	/* where one may look around a mark */
	struct quote	**q;
	size_t		*n;
	size_t		 stack[QUOTE_MAXDEPTH];	/* indexes into *q */
	int		 fam[QUOTE_MAXDEPTH];
	int		 depth;
};

/* Can a word start after this code point (opening or dash punctuation)? */
static int
quote_cls_opening(ucs4_t uc)
{
	if (uc == '"')
		return 1;
	return uc_is_general_category_withtable(uc, UC_CATEGORY_MASK_Ps |
	    UC_CATEGORY_MASK_Pi | UC_CATEGORY_MASK_Pd);
}

/* Is there a quote mark at p? Fill *m. */
static int
quote_mark(const uint8_t *d, size_t p, size_t hi, struct mark *m)
{
	uint8_t	c = d[p];

	m->open = 1;
	if (c == '"') {
		m->fam = FAM_STRAIGHT;
		m->len = 1;
		m->cp = '"';
		return 1;
	}
	if (c == 0xc2) {
		if (hi - p < 2 || (d[p + 1] != 0xab && d[p + 1] != 0xbb))
			return 0;
		m->fam = FAM_GUILL;
		m->open = d[p + 1] == 0xab;
		m->len = 2;
		m->cp = d[p + 1];
		return 1;
	}
	if ((c != 0xe2 && c != 0xe3) || hi - p < 3 || d[p + 1] != 0x80)
		return 0;
	m->len = 3;
	if (c == 0xe3) {
		if (d[p + 2] < 0x8c || d[p + 2] > 0x8f)
			return 0;
		m->fam = d[p + 2] < 0x8e ? FAM_CORNER : FAM_WCORNER;
		m->open = (d[p + 2] & 1) == 0;
		m->cp = 0x3000 + (d[p + 2] & 0x3f);
		return 1;
	}
	switch (d[p + 2]) {
	case 0x9e:		/* „ opens; “ or ” closes it */
		m->fam = FAM_LOW;
		m->cp = 0x201e;
		return 1;
	case 0x9a:		/* ‚ opens; ‘ or ’ closes it */
		m->fam = FAM_LOWSINGLE;
		m->cp = 0x201a;
		return 1;
	case 0x98:
	case 0x99:
		m->fam = FAM_SINGLE;
		break;
	case 0x9c:
	case 0x9d:
		m->fam = FAM_DOUBLE;
		break;
	case 0xb9:
	case 0xba:
		m->fam = FAM_SGUILL;
		break;
	default:
		return 0;
	}
	m->open = d[p + 2] == 0x98 || d[p + 2] == 0x9c || d[p + 2] == 0xb9;
	m->cp = 0x2000 + (d[p + 2] & 0x3f);
	return 1;
}

/* First byte in [pos, end) that can start a quote mark, or end. */
static size_t
quote_next_candidate(const uint8_t *d, size_t pos, size_t end)
{
	uint8_t	c;
#ifdef __SSE2__
	const __m128i	dq = _mm_set1_epi8('"'), c2 = _mm_set1_epi8((char)0xc2);
	const __m128i	e2 = _mm_set1_epi8((char)0xe2);
	const __m128i	e3 = _mm_set1_epi8((char)0xe3);

	while (end - pos >= 16) {
		__m128i	v = _mm_loadu_si128((const __m128i *)(d + pos));
		__m128i	x = _mm_or_si128(
		    _mm_or_si128(_mm_cmpeq_epi8(v, dq), _mm_cmpeq_epi8(v, c2)),
		    _mm_or_si128(_mm_cmpeq_epi8(v, e2), _mm_cmpeq_epi8(v, e3)));
		int	mask = _mm_movemask_epi8(x);

		if (mask != 0)
			return pos + (size_t)__builtin_ctz((unsigned)mask);
		pos += 16;
	}
#else
	const uint64_t	ones = 0x0101010101010101ULL;
	const uint64_t	highs = 0x8080808080808080ULL;

	while (end - pos >= 8) {
		uint64_t	w, x;
		size_t		i;

		memcpy(&w, d + pos, 8);
		x = w ^ (ones * '"');
		if ((((x - ones) & ~x) | w) & highs) {
			for (i = 0; i < 8; i++) {
				c = d[pos + i];
				if (c == '"' || c == 0xe2 || c == 0xc2 ||
				    c == 0xe3)
					return pos + i;
			}
		}
		pos += 8;
	}
#endif
	for (; pos < end; pos++) {
		c = d[pos];
		if (c == '"' || c == 0xe2 || c == 0xc2 || c == 0xe3)
			return pos;
	}
	return end;
}

/* Is a ’ at p at a word end (after a non-space, before a non-word)? */
static int
quote_word_end(const uint8_t *d, size_t lo, size_t hi, size_t p)
{
	return !text_is_space(text_prev_cp(d, lo, p)) &&
	    !text_is_word(text_next_cp(d, p + 3, hi));
}

/* Does the word ending at p begin with an elision of one or two letters? */
static int
quote_elided(const uint8_t *d, size_t lo, size_t p)
{
	size_t	i = p;
	int	k = 0;

	while (i > lo && k < 3 && ((d[i - 1] | 0x20) >= 'a' &&
	    (d[i - 1] | 0x20) <= 'z'))
		i--, k++;
	if (k == 0 || k > 2 || i < lo + 3 || d[i - 3] != 0xe2 ||
	    d[i - 2] != 0x80 || (d[i - 1] != 0x98 && d[i - 1] != 0x99))
		return 0;
	return text_is_space(text_prev_cp(d, lo, i - 3));
}

/*
 * After "s’ word": does another word-end ’ follow on this line, before
 * any closing double mark or new ‘ quote?
 */
static int
quote_later_close(const uint8_t *d, size_t lo, size_t hi, size_t p)
{
	size_t	i, lim = hi - p > 512 ? p + 512 : hi;

	for (i = p; i + 3 <= lim; i++) {
		if (text_is_eol(d[i]))
			return 0;
		if (d[i] != 0xe2 || d[i + 1] != 0x80)
			continue;
		if (d[i + 2] == 0x9d || d[i + 2] == 0xba)
			return 0;	/* ” or ›: the enclosing quote ends */
		if (d[i + 2] == 0x98 && text_is_space(text_prev_cp(d, lo, i)))
			return 0;	/* ‘: a new quote opens */
		if (d[i + 2] == 0x99 && quote_word_end(d, lo, hi, i) &&
		    !quote_elided(d, lo, i))
			return 1;
	}
	return 0;
}

/* May the ‘ at p open a quote? */
static int
quote_single_opens(const uint8_t *d, size_t lo, size_t hi, size_t p)
{
	ucs4_t	prev = text_prev_cp(d, lo, p), next;

	if (!text_is_space(prev) && !quote_cls_opening(prev))
		return 0;
	next = text_next_cp(d, p + 3, hi);
	if (text_is_space(next))
		return 0;
	/* ‘90s and ‘n’ are mistyped elisions. */
	if (hi - p >= 6 && d[p + 3] >= '0' && d[p + 3] <= '9' &&
	    d[p + 4] >= '0' && d[p + 4] <= '9' && d[p + 5] == 's')
		return 0;
	if (hi - p >= 7 && d[p + 3] == 'n' && text_is_rsquo(d, p + 4, hi) &&
	    text_is_space(text_next_cp(d, p + 7, hi)))
		return 0;
	return 1;
}

/* May the ’ at p close the innermost (‘) quote? */
static int
quote_single_closes(const uint8_t *d, size_t lo, size_t hi, size_t p)
{
	ucs4_t	prev, next;
	size_t	i;

	if (!quote_word_end(d, lo, hi, p))
		return 0;
	if (quote_elided(d, lo, p))
		return 0;
	prev = text_prev_cp(d, lo, p);
	next = text_next_cp(d, p + 3, hi);
	if ((prev == 's' || prev == 'S') && text_is_space(next) &&
	    next != TEXT_NONE) {
		for (i = p + 3; i < hi && text_is_hspace(d[i]); i++)
			continue;
		if (text_is_word(text_next_cp(d, i, hi)) &&
		    quote_later_close(d, lo, hi, i))
			return 0;
	}
	return 1;
}

/* May the straight " at p open a quote? */
static int
quote_straight_opens(const uint8_t *d, size_t lo, size_t hi, size_t p)
{
	return !text_is_word(text_prev_cp(d, lo, p)) &&
	    !text_is_space(text_next_cp(d, p + 1, hi));
}

/* Room for one more quote at the end of *q (grown as quote_scan grows
 * it); returns it. */
struct quote *
quote_append(struct quote **q, size_t *n)
{
	if (*n == 0)
		*q = xreallocarray(*q, 16, sizeof(**q));
	else if (*n >= 16 && (*n & (*n - 1)) == 0)
		*q = xreallocarray(*q, *n * 2, sizeof(**q));
	return &(*q)[(*n)++];
}

/* Open a quote at p. */
static void
quote_open(struct scan *st, size_t p, const struct mark *m, int flags)
{
	struct quote	*x;

	if (st->depth >= QUOTE_MAXDEPTH)
		return;
	x = quote_append(st->q, st->n);
	x->start = p;
	x->end = p + m->len;
	x->depth = st->depth;
	x->flags = flags;
	x->mark = m->cp;
	st->stack[st->depth] = *st->n - 1;
	st->fam[st->depth++] = m->fam;
}

/* Close stack entry k with the mark [p, end); those above it end at p. */
static void
quote_close(struct scan *st, int k, size_t p, size_t end)
{
	struct quote	*x;

	while (st->depth > k + 1) {
		x = &(*st->q)[st->stack[--st->depth]];
		x->end = p;
		x->flags |= QUOTE_UNCLOSED;
	}
	x = &(*st->q)[st->stack[k]];
	x->end = end;
	if (speaker_is_term(st->d, st->lo, st->hi, x))
		x->flags |= QUOTE_TERM;
	st->depth = k;
}

/* The innermost open quote of this kind, or -1. */
static int
quote_find(const struct scan *st, int fam)
{
	int	k;

	for (k = st->depth - 1; k >= 0; k--)
		if (st->fam[k] == fam)
			return k;
	return -1;
}

/* Is the innermost open quote of kind fam? Its index, or -1. */
static int
quote_top(const struct scan *st, int fam)
{
	return st->depth > 0 && st->fam[st->depth - 1] == fam ?
	    st->depth - 1 : -1;
}

/* Act on the mark m at p. */
static void
quote_step(struct scan *st, size_t p, const struct mark *m)
{
	int	k;

	/*
	 * The low marks' quotes close with a high mark: „…“ (or „…”) and
	 * ‚…‘ (or ‚…’); a closing mark at the end of a word.
	 */
	if ((m->fam == FAM_DOUBLE && (k = quote_find(st, FAM_LOW)) >= 0 &&
	    quote_find(st, FAM_DOUBLE) < k) || (m->fam == FAM_SINGLE &&
	    (k = quote_top(st, FAM_LOWSINGLE)) >= 0)) {
		if (!text_is_space(text_prev_cp(st->d, st->lo, p))) {
			quote_close(st, k, p, p + m->len);
			return;
		}
	}
	/* » opening, « closing, where no « quote is open: German. */
	if (m->fam == FAM_GUILL) {
		if (!m->open && quote_find(st, FAM_GUILL) < 0 &&
		    !text_is_space(text_next_cp(st->d, p + m->len, st->hi)) &&
		    !text_is_word(text_prev_cp(st->d, st->lo, p))) {
			struct mark	r = *m;

			r.fam = FAM_RGUILL;
			quote_open(st, p, &r, 0);
			return;
		}
		if (m->open && (k = quote_find(st, FAM_RGUILL)) >= 0) {
			quote_close(st, k, p, p + m->len);
			return;
		}
	}
	switch (m->fam) {
	case FAM_STRAIGHT:
		if ((k = quote_find(st, FAM_STRAIGHT)) >= 0)
			quote_close(st, k, p, p + 1);
		else if (quote_straight_opens(st->d, st->lo, st->hi, p))
			quote_open(st, p, m, 0);
		break;
	case FAM_SINGLE:
		if (m->open) {
			if (quote_single_opens(st->d, st->lo, st->hi, p))
				quote_open(st, p, m, 0);
		} else if (st->depth > 0 &&
		    st->fam[st->depth - 1] == FAM_SINGLE &&
		    quote_single_closes(st->d, st->lo, st->hi, p))
			quote_close(st, st->depth - 1, p, p + 3);
		break;
	default:
		if (m->open)
			quote_open(st, p, m, 0);
		else if ((k = quote_find(st, m->fam)) >= 0)
			quote_close(st, k, p, p + m->len);
		break;
	}
}

/*
 * The paragraph ends at pend with quotes open: they all end there,
 * unclosed. Returns the kind of the outermost one (for a continuation).
 */
static int
quote_para_end(struct scan *st, size_t pend)
{
	struct quote	*x;
	int		 k;

	for (k = st->depth - 1; k >= 0; k--) {
		x = &(*st->q)[st->stack[k]];
		x->end = pend;
		x->flags |= QUOTE_UNCLOSED;
	}
	k = st->fam[0];
	st->depth = 0;
	return k;
}

/*
 * Does the paragraph starting at p (after its white space) open with a
 * mark of kind fam? Sets *m.
 */
static int
quote_opens_para(const struct scan *st, size_t p, int fam, struct mark *m)
{
	if (p >= st->hi || !quote_mark(st->d, p, st->hi, m) || !m->open ||
	    m->fam != fam)
		return 0;
	if (fam == FAM_SINGLE)
		return quote_single_opens(st->d, st->lo, st->hi, p);
	if (fam == FAM_STRAIGHT)
		return quote_straight_opens(st->d, st->lo, st->hi, p);
	return 1;
}

/* Quotes of the paragraph [start, end); see lede.h. */
void
quote_scan(const uint8_t *data, size_t start, size_t end, int *carry,
    struct quote **q, size_t *n)
{
	struct scan	 st;
	struct mark	 m;
	size_t		 p, pos = start, i;
	int		 found;

	memset(&st, 0, sizeof(st));
	st.d = data;
	st.lo = start;
	st.hi = end;
	st.q = q;
	st.n = n;
	if (*carry != 0) {
		for (p = start; p < end && text_is_hspace(data[p]); p++)
			continue;
		if (quote_opens_para(&st, p, *carry, &m)) {
			/* The carried quote is the last outermost one. */
			for (i = *n; i > 0 && (*q)[i - 1].depth != 0; i--)
				continue;
			found = i > 0 && ((*q)[--i].flags & QUOTE_UNCLOSED);
			if (found) {
				(*q)[i].flags &= ~QUOTE_UNCLOSED;
				(*q)[i].flags |= QUOTE_CONTINUED;
				st.stack[0] = i;
				st.fam[0] = *carry;
				st.depth = 1;
			} else
				quote_open(&st, p, &m, QUOTE_CONTINUED);
			pos = p + m.len;
		}
	}
	*carry = 0;
	while ((p = quote_next_candidate(data, pos, end)) < end) {
		if (quote_mark(data, p, end, &m)) {
			quote_step(&st, p, &m);
			pos = p + m.len;
		} else
			pos = p + 1;
	}
	if (st.depth > 0)
		*carry = quote_para_end(&st, end);
}

/*
 * Is the line at d[j] one that separates paragraphs, as block.c finds
 * them in plain text: blank, or a Debian field's " ."? *k is set to its
 * end (its terminator, or len).
 */
static int
quote_gap_line(const uint8_t *d, size_t len, size_t j, size_t *k)
{
	size_t	i = j;

	if (len - j >= 2 && d[j] == ' ' && d[j + 1] == '.')
		i = j + 2;
	while (i < len && text_is_hspace(d[i]))
		i++;
	*k = i;
	return i >= len || text_is_eol(d[i]);
}

/*
 * Is there a line that separates paragraphs (quote_gap_line) in [from,
 * to)? Then *pend is the end of the paragraph (its last line's
 * terminator) and *pnext the start of the next line of text (len if
 * none).
 */
static int
quote_find_break(const uint8_t *d, size_t len, size_t from, size_t to,
    size_t *pend, size_t *pnext)
{
	size_t	i = from, j, k;

	while (i < to) {
		if (!text_is_eol(d[i])) {
			i++;
			continue;
		}
		j = d[i] == '\r' && i + 1 < len && d[i + 1] == '\n' ? i + 2 :
		    i + 1;
		if (!quote_gap_line(d, len, j, &k)) {
			i = j;
			continue;
		}
		*pend = i;
		/* Past every such line, to the next line's first byte. */
		while (k < len) {
			j = d[k] == '\r' && k + 1 < len && d[k + 1] == '\n' ?
			    k + 2 : k + 1;
			if (!quote_gap_line(d, len, j, &k)) {
				k = j;
				break;
			}
		}
		while (k < len && text_is_hspace(d[k]))
			k++;
		while (k < len && k > 0 && text_is_hspace(d[k - 1]))
			k--;
		*pnext = k;
		return 1;
	}
	return 0;
}

/* Every quote of the document, in one pass; see lede.h. */
size_t
quote_scan_all(const struct doc *doc, struct quote **qp)
{
	struct scan	 st;
	struct mark	 m;
	struct block	 b;
	const uint8_t	*d = doc->data;
	size_t		 len = doc->len, pos = 0, p, pend, pnext, n = 0, s;
	struct quote	*q = NULL, *x;
	int		 fam;

	memset(&st, 0, sizeof(st));
	st.d = d;
	st.lo = 0;
	st.hi = len;
	st.q = &q;
	st.n = &n;
	for (;;) {
		p = quote_next_candidate(d, pos, len);
		if (st.depth > 0 &&
		    quote_find_break(d, len, pos, p, &pend, &pnext)) {
			fam = quote_para_end(&st, pend);
			for (s = pnext; s < p && text_is_hspace(d[s]); s++)
				continue;
			if (s == p && quote_opens_para(&st, p, fam, &m)) {
				x = &q[st.stack[0]];
				x->flags &= ~QUOTE_UNCLOSED;
				x->flags |= QUOTE_CONTINUED;
				st.depth = 1;
				pos = p + m.len;
				continue;
			}
		}
		if (p >= len)
			break;
		if (quote_mark(d, p, len, &m)) {
			quote_step(&st, p, &m);
			pos = p + m.len;
		} else
			pos = p + 1;
	}
	if (st.depth > 0 && block_last(doc, &b))
		quote_para_end(&st, b.end);
	*qp = q;
	return n;
}

