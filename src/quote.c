/*
 * quote.c: quoted speech, and who said it. No UI here.
 *
 * Contract. quote_scan() finds the quotations of one paragraph; called on
 * consecutive paragraphs with the same *carry and the same growing array,
 * it joins a quotation that runs over several paragraphs into one quote.
 * quote_scan_source() does the whole document in one pass and gives the
 * same quotes. A quote is [start, end): from its opening mark to just
 * after its closing mark. Quotes are listed in order of their start; a
 * nested quote follows the quote that contains it. quote_speaker() says
 * who said a quote, or that it is a term.
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
 * Terms. A closed quote of one to three words (tokens of letters and
 * digits, joined by inner apostrophes and hyphens), with no speech verb
 * among the four words before it or the four after it in its sentence,
 * is a term (“consensus”, “dual-track”): flag QUOTE_TERM, set when the
 * quote closes. Unclosed and continued quotes are never terms.
 *
 * Speakers (quote_speaker). Speech verbs: say, said, says, told, tells,
 * added, asked, warned, stated, explained, noted, insisted, replied,
 * declared, announced, wrote, argued, claimed, stressed, tweeted, ...,
 * their -ing forms, and "according to". Looked for, in this order:
 *  1. after the quote, within its first twelve words, in the sentence:
 *     “…,” Wang said. / “…,” said Wang Dong. / “…,” he said.
 *  2. before the quote in its sentence, the nearest verb: Trump said “…”,
 *     Trump said Xi stated that “…” (Xi);
 *  3. in the next sentence of the same paragraph.
 * The first verb found decides. Its speaker is the name just before it
 * (a run of up to five capitalised words, skipping auxiliaries and -ly
 * adverbs like "has", "also", "merely", a parenthesis: "Wang Dong (王棟)
 * said", and an apposition between commas: "Trump, in Tokyo, said"), else a name just after it ("said Wang Dong") when the
 * verb follows the quote or the name is followed by punctuation. For an
 * -ing verb with neither (", saying “…”"), the speaker is the subject of
 * the sentence: its first capitalised name followed by a lower-case
 * word in -ed or -s ("Xi repeated his plea ..., saying “…”"). If none of
 * this finds a name, there is no speaker (NULL): "the US leader ...,
 * warning that “…”" gives NULL, not a guess.
 * A pronoun (he, she, they) stands for the last person named before the
 * quote: the last name attributed to a speech verb (as above, pronouns
 * excepted) in the 64 KB before the quote. A name is given in the short
 * form the article uses: titles and leading all-capital words are dropped
 * ("US President Donald Trump"), then the last word of the name that
 * also appears alone near the quote ("Wang Dong" -> "Wang" when the
 * article says "Wang said"), else the name's last word. Capitalised words
 * that are not names (The, It, On, days, months, ...) are never names.
 * Names are looked for in scripts with case only.
 *
 * Speed. The scanner looks only at bytes that can start a mark (0xE2,
 * 0xC2, 0xE3 and '"'), 16 bytes at a time with SSE2 (8 with plain 64-bit
 * words elsewhere). quote_scan_source() tracks paragraph ends only while a
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
#define QUOTE_NONE	((ucs4_t)-1)	/* no code point: outside the bounds */

/* Kinds of marks: a quote is closed only by a mark of its own kind. */
#define FAM_DOUBLE	1	/* “ ” */
#define FAM_SINGLE	2	/* ‘ ’ */
#define FAM_GUILL	3	/* « » */
#define FAM_SGUILL	4	/* ‹ › */
#define FAM_CORNER	5	/* 「 」 */
#define FAM_WCORNER	6	/* 『 』 */
#define FAM_STRAIGHT	7	/* " */

struct mark {
	int		 fam;
	int		 open;	/* 1 opening, 0 closing (" is both: 1) */
	size_t		 len;
	ucs4_t		 cp;
};

static int	quote_is_term(const uint8_t *, size_t, size_t,
		    const struct quote *);

struct scan {
	const uint8_t	*d;
	size_t		 lo, hi;	/* where one may look around a mark */
	struct quote	**q;
	size_t		*n;
	size_t		 stack[QUOTE_MAXDEPTH];	/* indexes into *q */
	int		 fam[QUOTE_MAXDEPTH];
	int		 depth;
};

/* Is the byte horizontal white space (as block.c sees blank lines)? */
static int
quote_is_hspace(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

/* Is the byte a line terminator? */
static int
quote_is_eol(uint8_t c)
{
	return c == '\n' || c == '\r';
}

/* Is the code point a word character (letter, digit, combining mark)? */
static int
quote_cls_word(ucs4_t uc)
{
	if (uc == QUOTE_NONE)
		return 0;
	if (uc < 0x80)
		return (uc >= 'a' && uc <= 'z') || (uc >= 'A' && uc <= 'Z') ||
		    (uc >= '0' && uc <= '9');
	return uc_is_general_category_withtable(uc, UC_CATEGORY_MASK_L |
	    UC_CATEGORY_MASK_N | UC_CATEGORY_MASK_M);
}

/* Is the code point white space, or nothing (a paragraph edge)? */
static int
quote_cls_space(ucs4_t uc)
{
	if (uc == QUOTE_NONE)
		return 1;
	if (uc < 0x80)
		return uc == ' ' || (uc >= '\t' && uc <= '\r');
	return uc_is_property_white_space(uc);
}

/* Can a word start after this code point (opening or dash punctuation)? */
static int
quote_cls_opening(ucs4_t uc)
{
	if (uc == '"')
		return 1;
	return uc_is_general_category_withtable(uc, UC_CATEGORY_MASK_Ps |
	    UC_CATEGORY_MASK_Pi | UC_CATEGORY_MASK_Pd);
}

/* The code point that ends just before p, or QUOTE_NONE at lo. */
static ucs4_t
quote_prev_cp(const uint8_t *d, size_t lo, size_t p)
{
	size_t	i;
	ucs4_t	uc;

	if (p <= lo)
		return QUOTE_NONE;
	if (d[p - 1] < 0x80)
		return d[p - 1];
	i = p - 1;
	while (i > lo && p - i < 4 && (d[i] & 0xc0) == 0x80)
		i--;
	u8_mbtouc(&uc, d + i, p - i);
	return uc;
}

/* The code point at p, or QUOTE_NONE at hi. */
static ucs4_t
quote_next_cp(const uint8_t *d, size_t p, size_t hi)
{
	ucs4_t	uc;

	if (p >= hi)
		return QUOTE_NONE;
	if (d[p] < 0x80)
		return d[p];
	u8_mbtouc(&uc, d + p, hi - p);
	return uc;
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

/* Is there a ’ (U+2019) at p? */
static int
quote_is_rsquo(const uint8_t *d, size_t p, size_t hi)
{
	return hi - p >= 3 && d[p] == 0xe2 && d[p + 1] == 0x80 &&
	    d[p + 2] == 0x99;
}

/* Is a ’ at p at a word end (after a non-space, before a non-word)? */
static int
quote_word_end(const uint8_t *d, size_t lo, size_t hi, size_t p)
{
	return !quote_cls_space(quote_prev_cp(d, lo, p)) &&
	    !quote_cls_word(quote_next_cp(d, p + 3, hi));
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
	return quote_cls_space(quote_prev_cp(d, lo, i - 3));
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
		if (quote_is_eol(d[i]))
			return 0;
		if (d[i] != 0xe2 || d[i + 1] != 0x80)
			continue;
		if (d[i + 2] == 0x9d || d[i + 2] == 0xba)
			return 0;	/* ” or ›: the enclosing quote ends */
		if (d[i + 2] == 0x98 && quote_cls_space(quote_prev_cp(d, lo, i)))
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
	ucs4_t	prev = quote_prev_cp(d, lo, p), next;

	if (!quote_cls_space(prev) && !quote_cls_opening(prev))
		return 0;
	next = quote_next_cp(d, p + 3, hi);
	if (quote_cls_space(next))
		return 0;
	/* ‘90s and ‘n’ are mistyped elisions. */
	if (hi - p >= 6 && d[p + 3] >= '0' && d[p + 3] <= '9' &&
	    d[p + 4] >= '0' && d[p + 4] <= '9' && d[p + 5] == 's')
		return 0;
	if (hi - p >= 7 && d[p + 3] == 'n' && quote_is_rsquo(d, p + 4, hi) &&
	    quote_cls_space(quote_next_cp(d, p + 7, hi)))
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
	prev = quote_prev_cp(d, lo, p);
	next = quote_next_cp(d, p + 3, hi);
	if ((prev == 's' || prev == 'S') && quote_cls_space(next) &&
	    next != QUOTE_NONE) {
		for (i = p + 3; i < hi && quote_is_hspace(d[i]); i++)
			continue;
		if (quote_cls_word(quote_next_cp(d, i, hi)) &&
		    quote_later_close(d, lo, hi, i))
			return 0;
	}
	return 1;
}

/* May the straight " at p open a quote? */
static int
quote_straight_opens(const uint8_t *d, size_t lo, size_t hi, size_t p)
{
	return !quote_cls_word(quote_prev_cp(d, lo, p)) &&
	    !quote_cls_space(quote_next_cp(d, p + 1, hi));
}

/* Room for one more quote at the end of *q; returns it. */
static struct quote *
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
	if (quote_is_term(st->d, st->lo, st->hi, x))
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

/* Act on the mark m at p. */
static void
quote_step(struct scan *st, size_t p, const struct mark *m)
{
	int	k;

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
		for (p = start; p < end && quote_is_hspace(data[p]); p++)
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
 * Is there a blank line in [from, to)? Then *pend is the end of the
 * paragraph (its last line's terminator) and *pnext the start of the
 * next non-blank line (len if none).
 */
static int
quote_find_break(const uint8_t *d, size_t len, size_t from, size_t to,
    size_t *pend, size_t *pnext)
{
	size_t	i = from, j, k;

	while (i < to) {
		if (!quote_is_eol(d[i])) {
			i++;
			continue;
		}
		j = d[i] == '\r' && i + 1 < len && d[i + 1] == '\n' ? i + 2 :
		    i + 1;
		for (k = j; k < len && quote_is_hspace(d[k]); k++)
			continue;
		if (k < len && !quote_is_eol(d[k])) {
			i = j;
			continue;
		}
		*pend = i;
		while (k < len && (quote_is_hspace(d[k]) || quote_is_eol(d[k])))
			k++;
		while (k < len && k > 0 && quote_is_hspace(d[k - 1]))
			k--;
		*pnext = k;
		return 1;
	}
	return 0;
}

/* Every quote of the document, in one pass; see lede.h. */
size_t
quote_scan_source(const struct source *src, struct quote **qp)
{
	struct scan	 st;
	struct mark	 m;
	struct block	 b;
	const uint8_t	*d = src->data;
	size_t		 len = src->len, pos = 0, p, pend, pnext, n = 0, s;
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
			for (s = pnext; s < p && quote_is_hspace(d[s]); s++)
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
	if (st.depth > 0 && block_last(src, &b))
		quote_para_end(&st, b.end);
	*qp = q;
	return n;
}

/*
 * Words and punctuation, for the speaker and term heuristics.
 */

#define TOK_WORD	0
#define TOK_PUNCT	1
#define TOK_PARA	2	/* a blank line */

struct tok {
	size_t		 off;
	size_t		 len;
	int		 kind;
	ucs4_t		 cp;	/* first code point */
};

struct toks {
	const uint8_t	*d;
	struct tok	*t;
	size_t		 n;
	size_t		 cap;
};

/* Append a token. */
static void
quote_tok_add(struct toks *tk, size_t off, size_t len, int kind, ucs4_t cp)
{
	if (tk->n == tk->cap) {
		tk->cap = tk->cap == 0 ? 64 : tk->cap * 2;
		tk->t = xreallocarray(tk->t, tk->cap, sizeof(*tk->t));
	}
	tk->t[tk->n].off = off;
	tk->t[tk->n].len = len;
	tk->t[tk->n].kind = kind;
	tk->t[tk->n].cp = cp;
	tk->n++;
}

/* Is uc an apostrophe or hyphen that may join two parts of a word? */
static int
quote_joiner(ucs4_t uc)
{
	return uc == '\'' || uc == 0x2019 || uc == '-' || uc == 0x2010 ||
	    uc == 0x2011;
}

/* Split [from, to) into tokens. */
static void
quote_tokenize(struct toks *tk, const uint8_t *d, size_t from, size_t to)
{
	size_t	i = from, j, l;
	int	nl;
	ucs4_t	uc, uc2;

	tk->d = d;
	tk->n = 0;
	while (i < to) {
		if (quote_is_eol(d[i]) || quote_is_hspace(d[i])) {
			for (j = i, nl = 0; j < to &&
			    (quote_is_eol(d[j]) || quote_is_hspace(d[j])); j++)
				if (d[j] == '\n' ||
				    (d[j] == '\r' && (j + 1 >= to ||
				    d[j + 1] != '\n')))
					nl++;
			if (nl >= 2)
				quote_tok_add(tk, i, j - i, TOK_PARA, '\n');
			i = j;
			continue;
		}
		if (d[i] < 0x80) {
			uc = d[i];
			l = 1;
		} else
			l = (size_t)u8_mbtouc(&uc, d + i, to - i);
		if (quote_cls_space(uc)) {
			i += l;
			continue;
		}
		if (!quote_cls_word(uc)) {
			quote_tok_add(tk, i, l, TOK_PUNCT, uc);
			i += l;
			continue;
		}
		j = i + l;
		while (j < to) {
			if (d[j] < 0x80) {
				uc2 = d[j];
				l = 1;
			} else
				l = (size_t)u8_mbtouc(&uc2, d + j, to - j);
			if (quote_cls_word(uc2))
				j += l;
			else if (quote_joiner(uc2) &&
			    quote_cls_word(quote_next_cp(d, j + l, to)))
				j += l;
			else
				break;
		}
		quote_tok_add(tk, i, j - i, TOK_WORD, uc);
		i = j;
	}
}

/* Is the token the word w? */
static int
quote_tok_is(const struct toks *tk, size_t i, const char *w)
{
	const struct tok	*t = &tk->t[i];

	return t->kind == TOK_WORD && t->len == strlen(w) &&
	    memcmp(tk->d + t->off, w, t->len) == 0;
}

/* Is the token one of the words of the NULL-terminated list? */
static int
quote_tok_in(const struct toks *tk, size_t i, const char *const *list)
{
	uint8_t	c = tk->d[tk->t[i].off];

	if (tk->t[i].kind != TOK_WORD)
		return 0;
	for (; *list != NULL; list++)
		if ((uint8_t)(*list)[0] == c && quote_tok_is(tk, i, *list))
			return 1;
	return 0;
}

/* Speech verbs (and "according", which must be followed by "to"). */
static const char *const quote_verbs[] = {
	"said", "says", "say", "told", "tells", "added", "adds", "asked",
	"asks", "warned", "warns", "stated", "explained", "explains",
	"noted", "notes", "insisted", "insists", "replied", "replies",
	"declared", "declares", "announced", "wrote", "writes", "argued",
	"argues", "claimed", "stressed", "stresses", "tweeted", "tweets",
	"recalled", "recalls", "remarked", "admitted", "acknowledged",
	"responded", "answered", "according", "According", "saying", "adding", "warning",
	"telling", "noting", "insisting", "arguing", "explaining", "stating",
	"asking", "declaring", "claiming", "stressing", "replying", NULL
};

/* Words skipped between a subject and its verb ("Trump also said"). */
static const char *const quote_aux[] = {
	"also", "has", "had", "have", "was", "were", "is", "are", "would",
	"will", "did", "does", "then", "later", "again", "once", "had",
	"not", "further", "still", NULL
};

/* Capitalised words that are not names. */
static const char *const quote_stop[] = {
	"The", "A", "An", "It", "Its", "This", "That", "These", "Those",
	"There", "Here", "We", "I", "You", "But", "And", "Or", "So", "If",
	"As", "At", "On", "In", "For", "Of", "To", "By", "With", "From",
	"After", "Before", "When", "While", "Since", "Yet", "Asked", "Then",
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	"Sunday", "January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December",
	NULL
};

/* Titles dropped from the front of a name. */
static const char *const quote_titles[] = {
	"Mr", "Mrs", "Ms", "Dr", "Prof", "President", "Vice", "Prime",
	"Minister", "Foreign", "Secretary", "General", "Chancellor",
	"Premier", "Senator", "Governor", "Mayor", "Ambassador", "Chairman",
	"Chairwoman", "King", "Queen", "Prince", "Princess", "Pope", "Sir",
	"Lord", "Lady", "Judge", "Justice", "Rep", "Sen", "Gen", "Gov",
	"Captain", "Chief", "Deputy", "Envoy", "Spokesman", "Spokeswoman",
	"Director", "Professor", "Leader", "Supreme", "State", NULL
};

/* Pronouns that stand for the last person named. */
static const char *const quote_pronouns[] = {
	"he", "she", "they", "He", "She", "They", NULL
};

/* Is the token a speech verb? */
static int
quote_tok_verb(const struct toks *tk, size_t i)
{
	if (!quote_tok_in(tk, i, quote_verbs))
		return 0;
	if (quote_tok_is(tk, i, "according") ||
	    quote_tok_is(tk, i, "According"))
		return i + 1 < tk->n && quote_tok_is(tk, i + 1, "to");
	return 1;
}

/* Does the token end a sentence (. ! ? not after an abbreviation)? */
static int
quote_tok_stop(const struct toks *tk, size_t i)
{
	const struct tok	*t = &tk->t[i];
	static const char *const abbr[] = {
		"Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Gen", "Gov", "Sen",
		"Rep", "Prof", "Lt", "Col", "No", "vs", NULL
	};

	if (t->kind == TOK_PARA)
		return 1;
	if (t->kind != TOK_PUNCT || (t->cp != '.' && t->cp != '!' &&
	    t->cp != '?' && t->cp != 0x2026))
		return 0;
	if (t->cp == '.' && i > 0 && tk->t[i - 1].kind == TOK_WORD &&
	    tk->t[i - 1].off + tk->t[i - 1].len == t->off &&
	    (tk->t[i - 1].len == 1 || quote_tok_in(tk, i - 1, abbr)))
		return 0;
	return 1;
}

/* Does the word start with a capital (and is not a possessive)? */
static int
quote_tok_cap(const struct toks *tk, size_t i)
{
	const struct tok	*t = &tk->t[i];
	const uint8_t		*s = tk->d + t->off;

	if (t->kind != TOK_WORD || !(uc_is_property_uppercase(t->cp) ||
	    uc_is_property_titlecase(t->cp)))
		return 0;
	if (t->len >= 2 && s[t->len - 1] == 's' && s[t->len - 2] == '\'')
		return 0;
	if (t->len >= 4 && s[t->len - 1] == 's' &&
	    quote_is_rsquo(s, t->len - 4, t->len))
		return 0;
	return 1;
}

/* Is the word all capitals ("US", "CCP")? */
static int
quote_tok_allcaps(const struct toks *tk, size_t i)
{
	const struct tok	*t = &tk->t[i];
	size_t			 k;

	for (k = 0; k < t->len; k++)
		if (tk->d[t->off + k] < 'A' || tk->d[t->off + k] > 'Z')
			return 0;
	return 1;
}

/* The words [a, b] joined by spaces, titles and stop words dropped. */
static char *
quote_name(const struct toks *tk, size_t a, size_t b)
{
	char	*s, *p;
	size_t	 k, n = 0;

	while (a <= b && (quote_tok_in(tk, a, quote_titles) ||
	    quote_tok_in(tk, a, quote_stop) || (a < b &&
	    quote_tok_allcaps(tk, a))))
		a++;
	if (a > b)
		return NULL;
	for (k = a; k <= b; k++) {
		if (quote_tok_in(tk, k, quote_stop))
			return NULL;
		n += tk->t[k].len + 1;
	}
	p = s = xmalloc(n);
	for (k = a; k <= b; k++) {
		if (k > a)
			*p++ = ' ';
		memcpy(p, tk->d + tk->t[k].off, tk->t[k].len);
		p += tk->t[k].len;
	}
	*p = '\0';
	return s;
}

/* Is the token a -ly adverb ("merely")? */
static int
quote_tok_adverb(const struct toks *tk, size_t i)
{
	const struct tok	*t = &tk->t[i];

	return t->kind == TOK_WORD && t->len > 3 && !quote_tok_cap(tk, i) &&
	    memcmp(tk->d + t->off + t->len - 2, "ly", 2) == 0;
}

/*
 * The subject just before the verb at v, not before token lo: a name, or
 * a pronoun (*pron set).
 */
static char *
quote_name_before(const struct toks *tk, size_t lo, size_t v, int *pron)
{
	size_t	i = v, j, k;
	int	depth;

	*pron = 0;
	while (i > lo && (quote_tok_in(tk, i - 1, quote_aux) ||
	    quote_tok_adverb(tk, i - 1)))
		i--;
	/* An apposition: "Trump, speaking in Tokyo, said". */
	if (i > lo + 1 && tk->t[i - 1].kind == TOK_PUNCT &&
	    tk->t[i - 1].cp == ',') {
		for (k = i - 1; k > lo && i - k < 16; k--) {
			if (tk->t[k - 1].kind == TOK_PUNCT &&
			    tk->t[k - 1].cp == ',')
				break;
			if (tk->t[k - 1].kind == TOK_PARA ||
			    quote_tok_stop(tk, k - 1) ||
			    uc_is_general_category_withtable(tk->t[k - 1].cp,
			    UC_CATEGORY_MASK_Pi | UC_CATEGORY_MASK_Pf) ||
			    tk->t[k - 1].cp == '"')
				return NULL;
		}
		if (k == lo || i - k >= 16)
			return NULL;
		i = k - 1;
	}
	if (i > lo && tk->t[i - 1].kind == TOK_PUNCT && tk->t[i - 1].cp == ')') {
		for (depth = 0; i > lo; i--) {
			if (tk->t[i - 1].kind != TOK_PUNCT)
				continue;
			if (tk->t[i - 1].cp == ')')
				depth++;
			else if (tk->t[i - 1].cp == '(' && --depth == 0)
				break;
		}
		if (i == lo)
			return NULL;
		i--;
	}
	if (i == lo || tk->t[i - 1].kind != TOK_WORD)
		return NULL;
	if (quote_tok_in(tk, i - 1, quote_pronouns)) {
		*pron = 1;
		return xstrdup("he");
	}
	for (j = i; j > lo && i - j < 5 && quote_tok_cap(tk, j - 1); j--)
		continue;
	if (j == i)
		return NULL;
	return quote_name(tk, j, i - 1);
}

/*
 * The name just after the verb at v, before token hi. Strict: the name
 * must be followed by punctuation or nothing ("said Wang Dong (王棟),").
 */
static char *
quote_name_after(const struct toks *tk, size_t v, size_t hi, int strict,
    int *pron)
{
	size_t	i = v + 1, j;

	*pron = 0;
	if (quote_tok_is(tk, v, "according") ||
	    quote_tok_is(tk, v, "According"))
		i++;
	if (i >= hi)
		return NULL;
	if (!strict && quote_tok_in(tk, i, quote_pronouns)) {
		*pron = 1;
		return xstrdup("he");
	}
	for (j = i; j < hi && j - i < 5 && quote_tok_cap(tk, j); j++)
		continue;
	if (j == i || (strict && j < hi && tk->t[j].kind == TOK_WORD))
		return NULL;
	return quote_name(tk, i, j - 1);
}

/*
 * The subject of the sentence [lo, v): its first name followed by a
 * lower-case word in -ed or -s, or by a speech verb.
 */
static char *
quote_subject(const struct toks *tk, size_t lo, size_t v)
{
	const struct tok	*t;
	size_t			 i, j;
	char			*s;

	for (i = lo; i < v; i = j + 1) {
		for (j = i; j < v && j - i < 5 && quote_tok_cap(tk, j) &&
		    !quote_tok_in(tk, j, quote_stop); j++)
			continue;
		if (j == i || j >= v)
			continue;
		t = &tk->t[j];
		if (t->kind != TOK_WORD || quote_tok_cap(tk, j))
			continue;
		if (quote_tok_verb(tk, j) || (t->len > 3 &&
		    (memcmp(tk->d + t->off + t->len - 2, "ed", 2) == 0 ||
		    tk->d[t->off + t->len - 1] == 's'))) {
			if ((s = quote_name(tk, i, j - 1)) != NULL)
				return s;
		}
	}
	return NULL;
}

/* Start of a window of about n bytes before p, on a character start. */
static size_t
quote_window_lo(const uint8_t *d, size_t lo, size_t p, size_t n)
{
	size_t	i = p - lo > n ? p - n : lo;

	while (i < p && (d[i] & 0xc0) == 0x80)
		i++;
	return i;
}

/* End of a window of about n bytes after p, on a character start. */
static size_t
quote_window_hi(const uint8_t *d, size_t hi, size_t p, size_t n)
{
	size_t	i = hi - p > n ? p + n : hi;

	while (i > p && i < hi && (d[i] & 0xc0) == 0x80)
		i--;
	return i;
}

/* Is the quote a term (see the top comment)? Looks only in [lo, hi). */
static int
quote_is_term(const uint8_t *d, size_t lo, size_t hi, const struct quote *q)
{
	struct toks	 tk;
	size_t		 i, words;
	int		 term = 0;

	if (q->flags & (QUOTE_UNCLOSED | QUOTE_CONTINUED) ||
	    q->end - q->start > 256)
		return 0;
	/* Quick reject: four space-separated runs with a letter or digit. */
	for (i = q->start, words = 0; i < q->end; ) {
		while (i < q->end && (quote_is_hspace(d[i]) ||
		    quote_is_eol(d[i])))
			i++;
		for (term = 0; i < q->end && !quote_is_hspace(d[i]) &&
		    !quote_is_eol(d[i]); i++)
			if (d[i] < 0x80 && quote_cls_word(d[i]))
				term = 1;
		if (term && ++words > 3)
			return 0;
	}
	term = 0;
	memset(&tk, 0, sizeof(tk));
	quote_tokenize(&tk, d, q->start, q->end);
	for (i = words = 0; i < tk.n; i++)
		if (tk.t[i].kind == TOK_WORD)
			words++;
	if (words < 1 || words > 3)
		goto out;
	quote_tokenize(&tk, d, quote_window_lo(d, lo, q->start, 96),
	    q->start);
	for (i = tk.n, words = 0; i > 0 && words < 4; i--) {
		if (quote_tok_stop(&tk, i - 1))
			break;
		if (tk.t[i - 1].kind != TOK_WORD)
			continue;
		words++;
		if (quote_tok_verb(&tk, i - 1))
			goto out;
	}
	quote_tokenize(&tk, d, q->end, quote_window_hi(d, hi, q->end, 96));
	for (i = words = 0; i < tk.n && words < 4; i++) {
		if (quote_tok_stop(&tk, i))
			break;
		if (tk.t[i].kind != TOK_WORD)
			continue;
		words++;
		if (quote_tok_verb(&tk, i))
			goto out;
	}
	term = 1;
out:
	free(tk.t);
	return term;
}

/*
 * The last person named before p: the last non-pronoun name attributed
 * to a speech verb in the 64 KB before it.
 */
static char *
quote_last_person(const struct source *src, size_t p)
{
	struct toks	 tk;
	char		*best = NULL, *s;
	size_t		 i, at = 0, where;
	int		 pron;

	memset(&tk, 0, sizeof(tk));
	quote_tokenize(&tk, src->data, quote_window_lo(src->data, 0, p,
	    65536), p);
	for (i = 0; i < tk.n; i++) {
		if (!quote_tok_verb(&tk, i))
			continue;
		where = tk.t[i].off;
		s = quote_name_before(&tk, 0, i, &pron);
		if (s == NULL || pron) {
			free(s);
			s = quote_name_after(&tk, i, tk.n, 1, &pron);
			where = tk.t[i].off + 1;
		}
		if (s == NULL || pron) {
			free(s);
			continue;
		}
		if (best == NULL || where >= at) {
			free(best);
			best = s;
			at = where;
		} else
			free(s);
	}
	free(tk.t);
	return best;
}

/* Does the word w[0, n) occur near p on its own, not as part of name? */
static int
quote_alone(const struct source *src, size_t p, const char *name,
    const char *w, size_t n)
{
	const uint8_t	*d = src->data;
	size_t		 lo = quote_window_lo(d, 0, p, 65536);
	size_t		 hi = quote_window_hi(d, src->len, p, 65536);
	const uint8_t	*s;
	size_t		 i, wo = (size_t)(w - name), nl = strlen(name);

	for (i = lo; i + n <= hi; i = (size_t)(s - d) + 1) {
		s = memmem(d + i, hi - i, w, n);
		if (s == NULL)
			return 0;
		if (quote_cls_word(quote_prev_cp(d, lo, (size_t)(s - d))) ||
		    quote_cls_word(quote_next_cp(d, (size_t)(s - d) + n, hi)))
			continue;
		/* Part of the full name? */
		if ((size_t)(s - d) >= lo + wo && (size_t)(s - d) - wo + nl <= hi &&
		    memcmp(s - wo, name, nl) == 0)
			continue;
		return 1;
	}
	return 0;
}

/* The short form of a name that the article uses near p. */
static char *
quote_short(const struct source *src, size_t p, char *name)
{
	char	*w, *e, *r;
	size_t	 n;

	if (strchr(name, ' ') == NULL)
		return name;
	/* The last word used alone, else the last word. */
	e = name + strlen(name);
	for (;;) {
		for (w = e; w > name && w[-1] != ' '; w--)
			continue;
		if (quote_alone(src, p, name, w, (size_t)(e - w)))
			break;
		if (w == name) {
			e = name + strlen(name);
			w = strrchr(name, ' ') + 1;
			break;
		}
		e = w - 1;
	}
	n = (size_t)(e - w);
	r = xmalloc(n + 1);
	memcpy(r, w, n);
	r[n] = '\0';
	free(name);
	return r;
}

/* Who said the quote; see the top comment and lede.h. */
char *
quote_speaker(const struct source *src, const struct quote *q, int *term)
{
	struct toks	 head, tail;
	const uint8_t	*d = src->data;
	size_t		 i, hs, te, ns, ne, words;
	ucs4_t		 last;
	char		*name = NULL;
	int		 found = 0, pron = 0, ended;

	if (term != NULL)
		*term = 0;
	if ((q->flags & QUOTE_TERM) || quote_is_term(d, 0, src->len, q)) {
		if (term != NULL)
			*term = 1;
		return NULL;
	}
	memset(&head, 0, sizeof(head));
	memset(&tail, 0, sizeof(tail));
	quote_tokenize(&head, d, quote_window_lo(d, 0, q->start, 4096),
	    q->start);
	quote_tokenize(&tail, d, q->end, quote_window_hi(d, src->len, q->end,
	    4096));
	for (i = 0; i < tail.n; i++)
		if (tail.t[i].kind == TOK_PARA)
			break;
	tail.n = i;
	for (hs = head.n; hs > 0 && !quote_tok_stop(&head, hs - 1); hs--)
		continue;

	/* Did the quote end its sentence (“… out.” New sentence)? */
	last = QUOTE_NONE;
	if (!(q->flags & QUOTE_UNCLOSED) && q->end > q->start + 1) {
		for (i = q->end - 1; i > q->start && (d[i] & 0xc0) == 0x80; i--)
			continue;
		last = quote_prev_cp(d, q->start, i);
	}
	ended = (last == '.' || last == '!' || last == '?' ||
	    last == 0x2026) && (tail.n == 0 || quote_tok_cap(&tail, 0) ||
	    tail.t[0].kind == TOK_PUNCT);
	if (ended)
		te = 0;
	else
		for (te = 0; te < tail.n && !quote_tok_stop(&tail, te); te++)
			continue;

	/* 1. A verb just after the quote. */
	for (i = words = 0; i < te && words < 12 && !found; i++) {
		if (tail.t[i].kind != TOK_WORD)
			continue;
		if (quote_tok_verb(&tail, i)) {
			found = 1;
			if (words == 0)
				name = quote_name_after(&tail, i, te, 0, &pron);
			else
				name = quote_name_before(&tail, 0, i, &pron);
		}
		words++;
	}
	/* 2. The nearest verb before it in its sentence. */
	for (i = head.n; i > hs && !found; i--) {
		if (!quote_tok_verb(&head, i - 1))
			continue;
		found = 1;
		name = quote_name_before(&head, hs, i - 1, &pron);
		if (name == NULL)
			name = quote_name_after(&head, i - 1, head.n, 1, &pron);
		if (name == NULL && head.t[i - 1].len > 3 &&
		    memcmp(d + head.t[i - 1].off + head.t[i - 1].len - 3,
		    "ing", 3) == 0)
			name = quote_subject(&head, hs, i - 1);
	}
	/* 3. The next sentence. */
	ns = ended ? 0 : te + 1;
	for (ne = ns; ne < tail.n && !quote_tok_stop(&tail, ne); ne++)
		continue;
	for (i = ns; i < ne && !found; i++) {
		if (!quote_tok_verb(&tail, i))
			continue;
		found = 1;
		name = quote_name_before(&tail, ns, i, &pron);
		if (name == NULL)
			name = quote_name_after(&tail, i, ne, 1, &pron);
	}
	free(head.t);
	free(tail.t);
	if (name != NULL && pron) {
		free(name);
		name = quote_last_person(src, q->start);
	}
	if (name != NULL)
		name = quote_short(src, q->start, name);
	return name;
}
