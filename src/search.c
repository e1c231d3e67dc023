/*
 * search.c: find a pattern in the article's raw bytes (no user interface).
 *
 * A pattern and the text are compared as sequences of tokens:
 *
 *  - a run of white space is one token, which matches a run of white space
 *    of any length and kind (spaces, tabs, one line break with the blanks
 *    around it, and the '>' of a mail's quote after it); a run with two or
 *    more line breaks is a paragraph break and matches nothing, so no
 *    match spans paragraphs;
 *  - in the text, a run with one line break between two characters that
 *    layout_nospace() joins without a space (CJK) is no token at all;
 *  - a segment (a character and the combining characters that follow it)
 *    is folded with libunistring: NFKC case folding when the search
 *    ignores case (smart case: it does unless the pattern has an upper
 *    case letter), NFKC otherwise; with SEARCH_NOACCENT, NFKD instead,
 *    less every combining mark (general category Mn or a combining class
 *    other than 0), so that accents are ignored; then a dash (Unicode's
 *    Dash property) becomes '-', a quotation mark (Quotation_Mark) '"' if
 *    its name says DOUBLE and '\'' if not (search_typo); a segment matches
 *    the same bytes of the folded pattern, so matches begin and end on
 *    segment boundaries, and a segment that folds to nothing starts none;
 *  - invalid UTF-8 and control characters match nothing.
 *
 * The text is never folded up front. Most characters are "plain": their
 * fold is themselves and they do not combine with what precedes them;
 * those are compared byte for byte (ASCII with case folding by table).
 * Only the other segments are folded, one at a time, through a small
 * cache. The class of each code point is computed once, on first sight,
 * into a table.
 *
 * search_next() and search_prev() report the first (last) match that
 * starts in [from, to); a match may end past to. Whether a match starts
 * at an offset depends only on the data, so adjacent slices never report
 * a match twice and never miss one that straddles their border.
 *
 * With SEARCH_REGEX the pattern is a PCRE2 regular expression, matched
 * on a copy of one paragraph at a time (see "Regular expressions" below).
 * The class table depends on the locale (through sanitize_printable()):
 * set it before the first search.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>


#include <unicase.h>
#include <unictype.h>
#include <uniname.h>
#include <uninorm.h>
#include <unistr.h>

#include "lede.h"

#define SEARCH_WS	0xff	/* pattern byte for a run of white space */
#define SEARCH_NOCP	0xffffffff	/* no code point */

/* Code point classes; 0 means not computed yet. */
#define SC_KNOWN	0x01
#define SC_BAD		0x02	/* control or unprintable: never matches */
#define SC_WS		0x04	/* white space */
#define SC_BACK		0x08	/* folds together with what precedes it */
#define SC_FOLD_I	0x10	/* changed by the fold ignoring case */
#define SC_FOLD_C	0x20	/* changed by the fold keeping case */
#define SC_FOLD_AI	0x40	/* ... ignoring case and accents */
#define SC_FOLD_AC	0x80	/* ... ignoring accents */

/* How a search folds: search_fold_raw()'s mode. */
#define FOLD_ICASE	0x1	/* case folding, not only normalization */
#define FOLD_NOACCENT	0x2	/* NFKD less combining marks, not NFKC */

static uint8_t	search_classes[0x110000];

static uint8_t	*search_fold_raw(int, const uint8_t *, size_t, uint8_t *,
		     size_t *);

/* The fold cache: direct mapped, keyed by a segment's raw bytes. */
#define CACHE_SLOTS	4096
#define CACHE_KEY	15
#define CACHE_VAL	46
struct search_slot {
	uint8_t		 klen;	/* 0: empty */
	uint8_t		 vlen;
	uint8_t		 key[CACHE_KEY];
	uint8_t		 val[CACHE_VAL];
};

/* The first code point of the fold of a code point, cached. */
#define FIRST_SLOTS	1024
struct search_first {
	ucs4_t		 cp;
	ucs4_t		 first;
};

struct regex;

struct search {
	int			 flags;
	int			 icase;
	int			 mode;		/* FOLD_* */
	struct regex		*rx;		/* SEARCH_REGEX */
	uint8_t			*pat;		/* folded pattern */
	size_t			 plen;
	size_t			 lead;		/* bytes of its first char */
	ucs4_t			 first;		/* its first char, or NONE */
	uint8_t			 second;	/* ASCII second byte, or 0 */
	uint8_t			 foldbit;	/* SC_FOLD_* for mode */
	uint8_t			 candmask;	/* classes that may start */
	int			 c1, c2;	/* ASCII starts, or -1 */
	uint8_t			 fold[256];	/* ASCII folding */
	uint8_t			 cand[256];	/* ASCII bytes that may start */
	struct search_slot	*cache;
	uint8_t			*skip3;		/* per 64 code points */
	struct search_first	*firstc;
};

/* Does a code point fold together with the character before it? */
static int
search_is_back(ucs4_t uc)
{
	if (uc < 0x300)
		return 0;
	if (uc >= 0x1160 && uc <= 0x11ff)	/* Hangul medial and final */
		return 1;
	return uc_combining_class(uc) != 0 ||
	    uc_is_general_category(uc, UC_CATEGORY_M);
}

/* Does one encoded code point come out of a fold as itself? */
static int
search_same(uint8_t *r, size_t rn, const uint8_t *s, size_t n, uint8_t *buf)
{
	int	same;

	if (r == NULL)
		fatal("libunistring");
	same = rn == n && memcmp(r, s, n) == 0;
	if (r != buf)
		free(r);
	return same;
}

/* Compute the class of a code point. */
static uint8_t
search_class_compute(ucs4_t uc)
{
	uint8_t	 s[8], buf[128], *r;
	size_t	 n, rn;
	ucs4_t	 first;
	uint8_t	 c = SC_KNOWN;

	if (uc == ' ' || uc == '\t' || uc == '\n' || uc == '\r')
		return SC_KNOWN | SC_WS;
	if (!sanitize_printable(uc))
		return SC_KNOWN | SC_BAD;
	if (uc < 0x80)
		return uc >= 'A' && uc <= 'Z' ? SC_KNOWN | SC_FOLD_I |
		    SC_FOLD_AI : SC_KNOWN;
	if (uc_is_property_white_space(uc))
		return SC_KNOWN | SC_WS;
	n = (size_t)u8_uctomb(s, uc, sizeof s);
	if (search_is_back(uc))
		c |= SC_BACK;
	rn = sizeof buf;
	r = u8_normalize(UNINORM_NFKD, s, n, buf, &rn);
	if (r == NULL)
		fatal("u8_normalize");
	if (rn > 0 && u8_mbtouc(&first, r, rn) > 0 && search_is_back(first))
		c |= SC_BACK;
	if (r != buf)
		free(r);
	rn = sizeof buf;
	r = search_fold_raw(FOLD_ICASE, s, n, buf, &rn);
	if (!search_same(r, rn, s, n, buf))
		c |= SC_FOLD_I;
	rn = sizeof buf;
	r = search_fold_raw(0, s, n, buf, &rn);
	if (!search_same(r, rn, s, n, buf))
		c |= SC_FOLD_C;
	rn = sizeof buf;
	r = search_fold_raw(FOLD_ICASE | FOLD_NOACCENT, s, n, buf, &rn);
	if (!search_same(r, rn, s, n, buf))
		c |= SC_FOLD_AI;
	rn = sizeof buf;
	r = search_fold_raw(FOLD_NOACCENT, s, n, buf, &rn);
	if (!search_same(r, rn, s, n, buf))
		c |= SC_FOLD_AC;
	return c;
}

/* The class of a code point, from the table. */
static inline uint8_t
search_class(ucs4_t uc)
{
	uint8_t	c = search_classes[uc];

	if (c == 0)
		c = search_classes[uc] = search_class_compute(uc);
	return c;
}

/* Decode the character at d[p], p < len: its length, or 0 if invalid. */
static inline size_t
search_decode(const uint8_t *d, size_t len, size_t p, ucs4_t *uc)
{
	uint8_t	b = d[p], b1, b2;
	int	n;

	if (b < 0x80) {
		*uc = b;
		return 1;
	}
	if (b >= 0xe0 && b < 0xf0 && len - p >= 3) {
		b1 = d[p + 1];
		b2 = d[p + 2];
		if ((b1 & 0xc0) != 0x80 || (b2 & 0xc0) != 0x80)
			return 0;
		*uc = (ucs4_t)(b & 0x0f) << 12 | (ucs4_t)(b1 & 0x3f) << 6 |
		    (b2 & 0x3f);
		if (*uc < 0x800 || (*uc >= 0xd800 && *uc <= 0xdfff))
			return 0;
		return 3;
	}
	n = u8_mbtoucr(uc, d + p, len - p);
	return n > 0 ? (size_t)n : 0;
}

/* The valid character that ends at d[p], or 0 (none or invalid). */
static size_t
search_decode_prev(const uint8_t *d, size_t p, ucs4_t *uc)
{
	size_t	q = p;

	*uc = 0;
	while (q > 0 && p - q < 4) {
		q--;
		if ((d[q] & 0xc0) != 0x80)
			break;
	}
	if (q == p || search_decode(d, p, q, uc) != p - q) {
		*uc = 0;
		return 0;
	}
	return p - q;
}

/* Does a character that folds with what precedes it start at d[p]? */
static inline int
search_back_at(const uint8_t *d, size_t len, size_t p)
{
	ucs4_t	uc;

	if (p >= len || d[p] < 0xcc)
		return 0;
	return search_decode(d, len, p, &uc) != 0 &&
	    (search_class(uc) & SC_BACK);
}

/*
 * The run of white space at d[p]: sets its end and how many line breaks
 * are in it (counting stops at 2). Returns 0 if there is none at p.
 */
static int
search_ws_run(const uint8_t *d, size_t len, size_t p, size_t *end, int *nl)
{
	size_t	q = p, n;
	ucs4_t	uc;

	*nl = 0;
	while (q < len && *nl < 2) {
		if (d[q] == ' ' || d[q] == '\t')
			q++;
		else if (d[q] == '\n')
			q++, (*nl)++;
		else if (d[q] == '\r') {
			q++, (*nl)++;
			if (q < len && d[q] == '\n')
				q++;
		} else if (d[q] == '>' && *nl > 0)
			q++;	/* a mail's quote marks, after the break */
		else if (d[q] >= 0x80 &&
		    (n = search_decode(d, len, q, &uc)) != 0 &&
		    (search_class(uc) & SC_WS))
			q += n;
		else
			break;
	}
	*end = q;
	return q > p;
}

/* Is the character at d[p] one that layout joins without a space? */
static int
search_nospace_at(const uint8_t *d, size_t len, size_t p)
{
	ucs4_t	uc;

	if (p >= len || d[p] < 0x80 || search_decode(d, len, p, &uc) == 0)
		return 0;
	return layout_nospace(uc);
}

/*
 * The ASCII mark that a typographic one stands for, or 0: a dash (the
 * Dash property: hyphens, en and em dashes, the minus sign) is '-', a
 * quotation mark (Quotation_Mark) is '"' or '\''. Unicode has no property
 * for single and double marks, but every double one has DOUBLE in its
 * name (the name of U+0022, ASCII itself, does not matter here).
 */
static ucs4_t
search_typo(ucs4_t uc)
{
	char	name[UNINAME_MAX];

	if (uc < 0x80)
		return 0;
	if (uc_is_property_dash(uc))
		return '-';
	if (!uc_is_property_quotation_mark(uc))
		return 0;
	if (unicode_character_name(uc, name) != NULL &&
	    strstr(name, "DOUBLE") != NULL)
		return '"';
	return '\'';
}

/*
 * Fold [p, p + n) the way the pattern is folded, as mode says: NFKC, or
 * NFKD less combining marks with FOLD_NOACCENT, case folded with
 * FOLD_ICASE; typographic marks as ASCII. Like libunistring's functions,
 * returns buf (*len bytes used) or memory to free; never NULL.
 */
static uint8_t *
search_fold_raw(int mode, const uint8_t *p, size_t n, uint8_t *buf,
    size_t *len)
{
	uninorm_t	 nf = mode & FOLD_NOACCENT ? UNINORM_NFKD : UNINORM_NFKC;
	uint8_t		 tmp[256], *r, *o, *out;
	size_t		 rn = sizeof tmp, i;
	ucs4_t		 uc, t;
	int		 k;

	if (mode & FOLD_ICASE)
		r = u8_casefold(p, n, NULL, nf, tmp, &rn);
	else
		r = u8_normalize(nf, p, n, tmp, &rn);
	if (r == NULL)
		fatal("libunistring fold");
	/* What follows never makes it longer. */
	out = o = rn <= *len ? buf : xmalloc(rn);
	for (i = 0; i < rn; i += (size_t)k) {
		if (r[i] < 0x80) {
			*o++ = r[i];
			k = 1;
			continue;
		}
		if ((k = u8_mbtouc(&uc, r + i, rn - i)) <= 0)
			k = 1;
		if ((mode & FOLD_NOACCENT) && (uc_combining_class(uc) != 0 ||
		    uc_is_general_category(uc, UC_CATEGORY_Mn)))
			continue;	/* an accent */
		if ((t = search_typo(uc)) != 0)
			*o++ = (uint8_t)t;
		else {
			memcpy(o, r + i, (size_t)k);
			o += k;
		}
	}
	if (r != tmp)
		free(r);
	*len = (size_t)(o - out);
	return out;
}

/*
 * Compare the fold of the segment [p, p + n) with want[0..avail): returns
 * the folded length if it is a prefix of want, else 0 (or SIZE_MAX for an
 * empty fold).
 */
static size_t
search_fold_cmp(const struct search *s, const uint8_t *p, size_t n,
    const uint8_t *want, size_t avail)
{
	struct search_slot	*sl = NULL;
	uint8_t			 buf[256], *r;
	size_t			 i, rn = sizeof buf, res;
	uint32_t		 h = 2166136261u;

	if (n <= CACHE_KEY) {
		for (i = 0; i < n; i++)
			h = (h ^ p[i]) * 16777619u;
		sl = &s->cache[h % CACHE_SLOTS];
		if (sl->klen == n && memcmp(sl->key, p, n) == 0)
			goto found;
		r = search_fold_raw(s->mode, p, n, buf, &rn);
		if (rn <= CACHE_VAL) {
			sl->klen = (uint8_t)n;
			sl->vlen = (uint8_t)rn;
			memcpy(sl->key, p, n);
			memcpy(sl->val, r, rn);
			if (r != buf)
				free(r);
			goto found;
		}
	} else
		r = search_fold_raw(s->mode, p, n, buf, &rn);
	res = rn == 0 ? SIZE_MAX :
	    rn <= avail && memcmp(r, want, rn) == 0 ? rn : 0;
	if (r != buf)
		free(r);
	return res;
found:
	if (sl->vlen == 0)
		return SIZE_MAX;
	return sl->vlen <= avail && memcmp(sl->val, want, sl->vlen) == 0 ?
	    sl->vlen : 0;
}

/*
 * Does the pattern match at d[start], where a segment or a run of white
 * space begins? Sets *endp past the match.
 */
static int
search_match_at(const struct search *s, const uint8_t *d, size_t len,
    size_t start, size_t *endp)
{
	const uint8_t	*pat = s->pat;
	size_t		 plen = s->plen, k = 0, t = start, e, n, f;
	ucs4_t		 uc, prev = 0;
	uint8_t		 b, c;
	int		 nl;

	if (pat[0] == SEARCH_WS && search_decode_prev(d, start, &prev) != 0 &&
	    (search_class(prev) & SC_WS))
		return 0;	/* not the start of the run */
	while (k < plen) {
		if (t >= len)
			return 0;
		b = d[t];
		if (b > ' ' && b < 0x7f) {
			if (t + 1 < len && d[t + 1] >= 0xcc &&
			    search_back_at(d, len, t + 1)) {
				n = 1;
				goto fold;
			}
			if (s->fold[b] != pat[k])
				return 0;
			t++, k++;
			prev = b;
			continue;
		}
		if ((n = search_decode(d, len, t, &uc)) == 0)
			return 0;
		c = search_class(uc);
		if (c & SC_BAD)
			return 0;
		if (c & SC_WS) {
			search_ws_run(d, len, t, &e, &nl);
			if (nl >= 2)
				return 0;
			if (nl == 1 && layout_nospace(prev) &&
			    search_nospace_at(d, len, e)) {
				t = e;	/* CJK line break: no token */
				continue;
			}
			if (pat[k] != SEARCH_WS)
				return 0;
			t = e, k++;
			prev = ' ';
			continue;
		}
		if (pat[k] == SEARCH_WS)
			return 0;
		if (!(c & (s->foldbit | SC_BACK)) &&
		    !search_back_at(d, len, t + n)) {
			if (n > plen - k || memcmp(d + t, pat + k, n) != 0)
				return 0;
			t += n, k += n;
			prev = uc;
			continue;
		}
fold:
		/* A segment that needs folding: it and its followers. */
		e = t + n;
		while (search_back_at(d, len, e))
			e += search_decode(d, len, e, &uc);
		search_decode_prev(d, e, &prev);
		if ((f = search_fold_cmp(s, d + t, e - t, pat + k,
		    plen - k)) == 0)
			return 0;
		if (f != SIZE_MAX)
			k += f;
		else if (t == start)
			return 0;	/* folds to nothing: starts nothing */
		t = e;
	}
	*endp = t;
	return t > start;
}

/*
 * For a character at d[p] that folds with what precedes it: where its
 * segment starts if it is the first such after a character; p if it
 * starts a segment itself; SIZE_MAX if it follows another of its kind.
 */
static size_t
search_attached(const uint8_t *d, size_t p)
{
	size_t	n;
	ucs4_t	pc;
	uint8_t	c;

	if ((n = search_decode_prev(d, p, &pc)) == 0)
		return p;
	c = search_class(pc);
	if (c & (SC_WS | SC_BAD))
		return p;
	return c & SC_BACK ? SIZE_MAX : p - n;
}

/* The first code point of the fold of uc alone, or SEARCH_NOCP if empty. */
static ucs4_t
search_fold_first(int mode, ucs4_t uc)
{
	uint8_t	 s[8], buf[128], *r;
	size_t	 n, rn = sizeof buf;
	ucs4_t	 first = SEARCH_NOCP;

	n = (size_t)u8_uctomb(s, uc, sizeof s);
	r = search_fold_raw(mode, s, n, buf, &rn);
	if (rn > 0 && u8_mbtouc(&first, r, rn) <= 0)
		first = SEARCH_NOCP;
	if (r != buf)
		free(r);
	return first;
}

/* May a match start at the character uc at d[p], n bytes of class c? */
static int
search_may_start(const struct search *s, const uint8_t *d, size_t p,
    size_t n, ucs4_t uc, uint8_t c)
{
	struct search_first	*fc;

	if ((c & s->foldbit) && !(c & SC_BACK) && s->first != SEARCH_NOCP) {
		/* Does its fold begin as the pattern does? (A cache.) */
		fc = &s->firstc[uc % FIRST_SLOTS];
		if (fc->cp != uc) {
			fc->cp = uc;
			fc->first = search_fold_first(s->mode, uc);
		}
		return fc->first == s->first || fc->first == SEARCH_NOCP;
	}
	if (c & s->candmask)
		return 1;
	return s->lead == n && d[p] == s->pat[0] &&
	    memcmp(d + p, s->pat, n) == 0;
}

/*
 * Can every character of a block of 64 code points of three-byte
 * sequences (by the low bits of their first two bytes) be stepped over,
 * as it cannot start a match? Characters that fold with what precedes
 * them are never stepped over: they may complete the segment before
 * them. Computed on first use.
 */
static int
search_skip3(const struct search *s, size_t idx)
{
	ucs4_t	uc, base = (ucs4_t)idx << 6;
	uint8_t	st = s->skip3[idx], c;

	if (st != 0)
		return st == 1;
	st = 1;
	if (base < 0x800 || (base >= 0xd800 && base < 0xe000))
		st = 2;
	for (uc = base; st == 1 && uc < base + 64; uc++) {
		c = search_class(uc);
		if (c & SC_BACK)
			st = 2;
		else if (c & SC_BAD)
			continue;
		else if (s->first == SEARCH_NOCP)
			st = (c & SC_WS) ? 2 : 1;
		else if (c & SC_WS)
			continue;
		else if (!(c & s->foldbit))
			st = uc == s->first ? 2 : 1;
		else if (search_fold_first(s->mode, uc) == s->first ||
		    search_fold_first(s->mode, uc) == SEARCH_NOCP)
			st = 2;
	}
	s->skip3[idx] = st;
	return st == 1;
}

#define SWAR_ONES	0x0101010101010101ULL
#define SWAR_HIGH	0x8080808080808080ULL
#define SWAR_ZERO(v)	(((v) - SWAR_ONES) & ~(v) & SWAR_HIGH)

/* First match starting in [from, to), without regular expressions. */
static int
search_scan(const struct search *s, const uint8_t *d, size_t len,
    size_t from, size_t to, size_t *ms, size_t *me)
{
	uint64_t	 x, m1, m2;
	const uint8_t	*skip3 = s->skip3;
	size_t		 p = from, n, e, q, idx, end3 = len;
	ucs4_t		 uc;
	uint8_t		 b, c;

	m1 = SWAR_ONES * (uint8_t)s->c1;
	m2 = SWAR_ONES * (uint8_t)s->c2;
	while (p < to) {
		/* Skip eight bytes at a time: ASCII that cannot start. */
		if (s->c1 >= 0) {
			while (p + 8 <= to) {
				memcpy(&x, d + p, 8);
				if (((x | SWAR_ZERO(x ^ m1) |
				    SWAR_ZERO(x ^ m2)) & SWAR_HIGH) != 0)
					break;
				p += 8;
			}
			if (p >= to)
				break;
		}
		b = d[p];
		if (b < 0x80) {
			/*
			 * Before an ASCII letter the second byte of the
			 * pattern must be its fold (even if a combining
			 * character follows: then the fold is not ASCII).
			 */
			if (s->cand[b] && (s->second == 0 || p + 1 >= len ||
			    d[p + 1] <= ' ' || d[p + 1] >= 0x7f ||
			    s->fold[d[p + 1]] == s->second) &&
			    search_match_at(s, d, len, p, &e)) {
				*ms = p;
				*me = e;
				return 1;
			}
			p++;
			continue;
		}
		/* Non-ASCII: stay here while it lasts. */
		while (p < to && (b = d[p]) >= 0x80) {
			/* The common case: a run of skippable CJK. */
			while ((b & 0xf0) == 0xe0 && p + 3 <= end3 &&
			    ((d[p + 1] & d[p + 2]) & 0xc0) == 0x80 &&
			    ((d[p + 1] | d[p + 2]) & 0x40) == 0 &&
			    (skip3[idx = (size_t)(b & 0x0f) << 6 |
			    (d[p + 1] & 0x3f)] == 1 ||
			    (skip3[idx] == 0 && search_skip3(s, idx)))) {
				p += 3;
				if (p >= to)
					break;
				b = d[p];
			}
			if (p >= to || b < 0x80)
				break;
			if (b < 0xc0 ||
			    (n = search_decode(d, len, p, &uc)) == 0) {
				p++;
				continue;
			}
			c = search_class(uc);
			if ((c & SC_BACK) && (q = search_attached(d, p)) != p) {
				/* Its segment starts before it: try there. */
				if (q >= from && q < p && search_match_at(s, d,
				    len, q, &e)) {
					*ms = q;
					*me = e;
					return 1;
				}
			} else if (search_may_start(s, d, p, n, uc, c) &&
			    search_match_at(s, d, len, p, &e)) {
				*ms = p;
				*me = e;
				return 1;
			}
			p += n;
		}
	}
	/* A segment that starts before to may be completed after it. */
	if (p < len && d[p] >= 0xcc && search_back_at(d, len, p) &&
	    (q = search_attached(d, p)) < p && q >= from && q < to &&
	    search_match_at(s, d, len, q, &e)) {
		*ms = q;
		*me = e;
		return 1;
	}
	return 0;
}


/* Has the pattern an upper case (or title case) letter? */
static int
search_has_upper(const uint8_t *p, size_t n)
{
	size_t	i, k;
	ucs4_t	uc;

	for (i = 0; i < n; i += k) {
		if ((k = search_decode(p, n, i, &uc)) == 0)
			return 0;
		if (uc_is_property_uppercase(uc) ||
		    uc_is_general_category(uc, UC_CATEGORY_Lt))
			return 1;
	}
	return 0;
}

/* Fail search_create() with a message. */
static struct search *
search_fail(struct search *s, char **cause, const char *msg)
{
	if (cause != NULL)
		*cause = xstrdup(msg);
	search_destroy(s);
	return NULL;
}

/* Fold the pattern into s->pat: segments folded, white space as one byte. */
static int
search_compile(struct search *s, const uint8_t *p, size_t n)
{
	uint8_t	 buf[256], *r;
	size_t	 i = 0, e, k, rn, cap = n * 4 + 16;
	ucs4_t	 uc;
	uint8_t	 c;

	s->pat = xmalloc(cap);
	while (i < n) {
		k = search_decode(p, n, i, &uc);
		c = search_class(uc);
		if (c & SC_WS) {
			if (s->plen == 0 || s->pat[s->plen - 1] != SEARCH_WS)
				s->pat[s->plen++] = SEARCH_WS;
			i += k;
			continue;
		}
		if (c & SC_BAD)
			return 0;
		e = i + k;
		while (search_back_at(p, n, e))
			e += search_decode(p, n, e, &uc);
		rn = sizeof buf;
		r = search_fold_raw(s->mode, p + i, e - i, buf, &rn);
		if (s->plen + rn + 1 > cap) {
			cap = (s->plen + rn + 1) * 2;
			s->pat = xreallocarray(s->pat, cap, 1);
		}
		memcpy(s->pat + s->plen, r, rn);
		s->plen += rn;
		if (r != buf)
			free(r);
		i = e;
	}
	return 1;
}

/* Compile a pattern; on failure, NULL and an allocated *cause. */
struct search *
search_create(const char *pattern, int flags, char **cause)
{
	const uint8_t	*p = (const uint8_t *)pattern;
	struct search	*s;
	size_t		 n = strlen(pattern), i;
	ucs4_t		 uc;
	char		 msg[256];

	if (n == 0)
		return search_fail(NULL, cause, "empty pattern");
	if (u8_check(p, n) != NULL)
		return search_fail(NULL, cause, "invalid UTF-8 in pattern");
	s = xcalloc(1, sizeof *s);
	s->flags = flags;
	s->icase = !search_has_upper(p, n);
	s->mode = (s->icase ? FOLD_ICASE : 0) |
	    (flags & SEARCH_NOACCENT ? FOLD_NOACCENT : 0);
	if (flags & SEARCH_NOACCENT)
		s->foldbit = s->icase ? SC_FOLD_AI : SC_FOLD_AC;
	else
		s->foldbit = s->icase ? SC_FOLD_I : SC_FOLD_C;
	if (flags & SEARCH_REGEX) {
		if ((s->rx = regex_create(pattern, &s->icase, msg,
		    sizeof msg)) == NULL)
			return search_fail(s, cause, msg);
		return s;
	}
	if (!search_compile(s, p, n))
		return search_fail(s, cause, "control character in pattern");
	if (s->plen == 0)
		return search_fail(s, cause, "empty pattern");
	s->cache = xcalloc(CACHE_SLOTS, sizeof *s->cache);
	s->skip3 = xcalloc(1024, 1);
	s->firstc = xreallocarray(NULL, FIRST_SLOTS, sizeof *s->firstc);
	for (i = 0; i < FIRST_SLOTS; i++)
		s->firstc[i].cp = SEARCH_NOCP;
	for (i = 0; i < 256; i++)
		s->fold[i] = s->icase && i >= 'A' && i <= 'Z' ?
		    (uint8_t)(i + 'a' - 'A') : (uint8_t)i;
	s->c1 = s->c2 = -1;
	s->first = SEARCH_NOCP;
	if (s->pat[0] != SEARCH_WS)
		search_decode(s->pat, s->plen, 0, &s->first);
	if (s->pat[0] == SEARCH_WS) {
		s->candmask = SC_WS;
		s->cand[' '] = s->cand['\t'] = s->cand['\n'] =
		    s->cand['\r'] = 1;
	} else {
		s->candmask = s->foldbit | SC_BACK;
		if (s->pat[0] < 0x80) {
			for (i = 0x21; i < 0x7f; i++)
				if (s->fold[i] == s->pat[0]) {
					s->cand[i] = 1;
					if (s->c1 < 0)
						s->c1 = (int)i;
					s->c2 = (int)i;
				}
		} else
			s->lead = search_decode(s->pat, s->plen, 0, &uc);
		if (s->c1 < 0)
			s->c1 = s->c2 = 0x80;	/* no ASCII start */
		if (s->pat[0] < 0x80 && s->plen > 1 && s->pat[1] > ' ' &&
		    s->pat[1] < 0x7f)
			s->second = s->pat[1];
	}
	return s;
}

/* Free a compiled pattern. */
void
search_destroy(struct search *s)
{
	if (s == NULL)
		return;
	if (s->rx != NULL)
		regex_free(s->rx);
	free(s->pat);
	free(s->cache);
	free(s->skip3);
	free(s->firstc);
	free(s);
}

/* Does the search ignore case (no upper case letter in the pattern)? */
int
search_is_icase(const struct search *s)
{
	return s->icase;
}

/*
 * Why the last call of search_next() or search_prev() gave up
 * (SEARCH_GAVEUP), or NULL.
 */
const char *
search_error(const struct search *s)
{
	return s->rx != NULL ? regex_error(s->rx) : NULL;
}

/*
 * The first match that starts in [from, to); it may end past to. Returns
 * SEARCH_FOUND with [*ms, *me), SEARCH_NONE, SEARCH_GAVEUP, or (regular
 * expressions) SEARCH_MORE: no match starts in [from, *ms), call again
 * from *ms.
 */
int
search_next(const struct search *s, const uint8_t *data, size_t len,
    size_t from, size_t to, size_t *ms, size_t *me)
{
	if (to > len)
		to = len;
	if (from >= to)
		return SEARCH_NONE;
	if (s->rx != NULL)
		return regex_next(s->rx, data, len, from, to, ms, me);
	return search_scan(s, data, len, from, to, ms, me);
}

/*
 * The last match that starts in [from, to): forward searches over
 * windows that grow backwards from to. Returns as search_next(), but
 * SEARCH_MORE means that no match starts in [*ms, to): call again with
 * to = *ms.
 */
int
search_prev(const struct search *s, const uint8_t *data, size_t len,
    size_t from, size_t to, size_t *ms, size_t *me)
{
	size_t	hi, lo, w = 4096, a, xs, xe;
	int	found;

	if (to > len)
		to = len;
	if (from >= to)
		return SEARCH_NONE;
	if (s->rx != NULL)
		return regex_prev(s->rx, data, len, from, to, ms, me);
	for (hi = to; hi > from; hi = lo) {
		lo = hi - from > w ? hi - w : from;
		found = 0;
		for (a = lo; a < hi && search_scan(s, data, len, a, hi, &xs,
		    &xe); a = xs + 1) {
			*ms = xs;
			*me = xe;
			found = 1;
		}
		if (found)
			return SEARCH_FOUND;
		if (w < ((size_t)1 << 26))
			w *= 2;
	}
	return SEARCH_NONE;
}
