/*
 * fit.c: total-fit line breaking. Greedy filling (each row as full as
 * it goes) leaves the slack of a paragraph where it falls: a long word
 * pushed down leaves a row half empty. This chooses all the rows of a
 * paragraph at once, as a typesetter does (Knuth and Plass, here in its
 * simplest form, the one most text needs: minimum raggedness), among the
 * same break opportunities greedy uses: the rows that minimise the sum of
 * the squares of each row's slack (its columns left empty), but the last
 * row's, which may be short, unless it is a lone short word (a widow),
 * which costs as a row an eighth empty.
 *
 * A dynamic programme over the opportunities: best[j] is the least cost
 * of the rows before opportunity j, found from the opportunities i before
 * j within a row's width of it; a row holds a few dozen opportunities at
 * most, so the work is linear in the paragraph (about cells * words per
 * row). A paragraph with a word wider than the row, or past FIT_MAX
 * cells, is left to greedy filling, which cuts it at clusters; so is
 * one that may break almost anywhere (CJK), where greedy rows are full.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <unilbrk.h>

#include "lede.h"

#include "builder.h"

/* A last row of one word of FIT_WIDOW columns at most ("it.") is a
 * widow. Measured on 858 paragraphs of English news (Mozilla's
 * readability test pages): a penalty for any lone last word costs the
 * other rows 5-10% more squared slack at 60 and 72 columns; for one of 3
 * columns at most, 0.3%. */
#define FIT_HYPHEN_COST	6	/* a hyphen costs as a row this part empty */

int	fit_greedy;		/* --greedy: fill rows greedily */

/* The programme's tables, kept between paragraphs: one per thread. */
static _Thread_local struct fitbuf {
	struct fit_cand	*cand;		/* the opportunities */
	uint32_t	*prev;		/* the best row before it starts at */
	uint32_t	*at;		/* its at, packed */
	uint64_t	*best;		/* least cost of the rows before it */
	size_t		 cap;
} fb;

/* Free the calling thread's tables. */
void
fit_release(void)
{
	free(fb.cand);
	free(fb.prev);
	free(fb.at);
	free(fb.best);
	memset(&fb, 0, sizeof fb);
}

/*
 * The calling thread's table of opportunities for a paragraph of n cells,
 * room for n + 2 of them: the caller fills it for fit_rows(), the start
 * (cell 0) first and the end (cell n) last.
 */
struct fit_cand *
fit_table(size_t n)
{
	if (fb.cap < n + 2) {
		fb.cap = n + 2 > 4096 ? n + 2 : 4096;
		fb.cand = xreallocarray(fb.cand, fb.cap, sizeof *fb.cand);
		fb.prev = xreallocarray(fb.prev, fb.cap, sizeof *fb.prev);
		fb.at = xreallocarray(fb.at, fb.cap, sizeof *fb.at);
		fb.best = xreallocarray(fb.best, fb.cap, sizeof *fb.best);
	}
	return fb.cand;
}

/*
 * The row from i, of slack columns after rows that cost before: if it
 * is the best so far (*bj, from *pj; of equal costs the narrowest, the
 * last tried), make it so. 0 if its slack alone costs more than the best,
 * as every narrower row's does. Without a branch for which is best: that
 * is not foreseeable.
 */
static inline int
fit_try(uint32_t slack, uint64_t before, size_t i, uint64_t *bj, size_t *pj)
{
	uint64_t	cost = (uint64_t)slack * slack;

	if (cost > *bj)
		return 0;
	cost += before;
	*pj = cost <= *bj ? i : *pj;
	*bj = cost <= *bj ? cost : *bj;
	return 1;
}

/* Unreachable (a word wider than the row before it): a cost no sum of
 * rows reaches, that adding to cannot overflow. */
#define FIT_NEVER	(UINT64_MAX / 2)

/*
 * The rows to each opportunity j in [1, last) of c, all rows r columns
 * wide: best[j], and prev[j], where the best row to it starts. 0 if one
 * is unreachable (a word wider than the row), as every later one then
 * is: where a row to j ends never goes back. Total fit's inmost loop,
 * made twice: with hyphenation points (hy) and without.
 * at[i] is c[i].at, packed for the loop.
 *
 * No row to j starts before the one to j - 1 (the narrowest of its
 * best): a row's cost is a convex function of where it ends less where
 * it starts, and both grow, so the costs obey the quadrangle inequality,
 * whose least starts do not go back (Knuth). From there, the widest row
 * that fits to the narrowest: once a row's slack alone costs more than
 * the best found, every narrower one does. Of equal costs the narrowest
 * wins.
 */
static inline __attribute__((always_inline)) int
fit_even(const struct fit_cand *c, const uint32_t *at, size_t last,
    uint32_t r, uint64_t hyphen, uint64_t *best, uint32_t *prev, int hy)
{
	uint64_t	bj, hc;
	size_t		i, j, pj;
	uint32_t	end, lo, base, slack;

	for (j = 1; j < last; j++) {
		/* Where a row to here ends (its blanks hang), its hyphen a
		 * column of it: the row from i is end - at[i] wide, and
		 * fits from at[i] >= lo on. */
		end = at[j] - c[j].trail + (hy ? c[j].hy : 0);
		hc = hy && c[j].hy ? hyphen : 0;
		lo = end > r ? end - r : 0;
		base = r - end;		/* modulo 2^32: at[i] + base >= 0 */
		/* The rows too wide come first (at only grows); they end
		 * at j, whose row is r + c[j].trail - c[j].hy >= 0 wide. */
		for (i = prev[j - 1]; at[i] < lo; i++)
			;
		if (i >= j)
			return 0;	/* the word before j is wider */
		/* The widest row that fits is the best so far. */
		slack = at[i] + base;
		bj = (uint64_t)slack * slack + best[i] + hc;
		pj = i;
		for (i++; i < j; i++)
			if (!fit_try(at[i] + base, best[i] + hc, i, &bj, &pj))
				break;
		best[j] = bj;
		prev[j] = (uint32_t)pj;
	}
	return 1;
}

/*
 * The same with a first row first columns wide and the others rest (an
 * item's hang, a first line's indent): no start from before the one to
 * j - 1 there, as the first row's cost is another function.
 */
static int
fit_uneven(const struct fit_cand *c, size_t last, uint32_t first,
    uint32_t rest, uint64_t hyphen, uint64_t *best, uint32_t *prev)
{
	uint64_t	bj, hc;
	size_t		i, j, pj, lo = 0;
	uint32_t	most = first > rest ? first : rest, end, w;

	for (j = 1; j < last; j++) {
		/* Rows wider than any row, from here on: so is every row
		 * from them to a later end. */
		while (c[j].at - c[lo].at > most + c[j].trail)
			lo++;		/* stops at j, if not before */
		end = c[j].at - c[j].trail + c[j].hy;
		hc = c[j].hy ? hyphen : 0;
		bj = FIT_NEVER;
		pj = 0;
		i = lo;
		if (i == 0) {			/* the first row */
			if (end <= first)
				bj = (uint64_t)(first - end) * (first - end) +
				    hc;
			i = 1;
		}
		for (; i < j; i++)
			if ((w = end - c[i].at) <= rest &&
			    !fit_try(rest - w, best[i] + hc, i, &bj, &pj))
				break;
		if (bj == FIT_NEVER)
			return 0;
		best[j] = bj;
		prev[j] = (uint32_t)pj;
	}
	return 1;
}

/*
 * Rows for a paragraph whose opportunities (where rows may start) are
 * c[0, nc), in fit_table(): c[0] its start, c[nc - 1] its end, each with
 * the columns before it and the width of the blanks just before it (which
 * hang past the margin). lastword is the cell after the paragraph's last
 * blank: a last row from there on, of FIT_WIDOW columns at most, is a
 * widow. Rows at most first columns wide for the first row, rest for the
 * others. Fills starts[] (allocated) with the index in c of each row's
 * start and returns how many rows, or 0 if no rows fit (a word wider than
 * the row).
 */
size_t
fit_rows(const struct fit_cand *c, size_t nc, size_t lastword, int first,
    int rest, size_t **startsp)
{
	uint64_t	 cost, widow, hyphen, bj, *best = fb.best;
	size_t		*starts, i, j, k, rows, lo, hi, pj, last = nc - 1;
	uint32_t	*prev = fb.prev, *at = fb.at, hy;
	uint32_t	 f = (uint32_t)first, r = (uint32_t)rest;
	uint32_t	 most = f > r ? f : r, end, w;

	*startsp = NULL;
	if (nc < 2)
		return 0;
	best[0] = 0;
	prev[0] = 0;	/* no row before the first: read by Knuth's start */
	widow = (uint64_t)(rest / 8) * (uint64_t)(rest / 8);
	hyphen = (uint64_t)(rest / FIT_HYPHEN_COST) *
	    (uint64_t)(rest / FIT_HYPHEN_COST);
	for (i = 0, hy = 0; i < nc; i++) {
		at[i] = c[i].at;
		hy |= c[i].hy;
	}
	if (!(f != r ? fit_uneven(c, last, f, r, hyphen, best, prev) : hy ?
	    fit_even(c, at, last, r, hyphen, best, prev, 1) :
	    fit_even(c, at, last, r, hyphen, best, prev, 0)))
		return 0;
	/* The last row: free, but a widow. It starts where a row to its
	 * end is at most most wide, found by halves (at only grows). */
	end = c[last].at - c[last].trail;
	for (lo = 0, hi = last; lo < hi; )
		if (end - c[(i = lo + (hi - lo) / 2)].at > most)
			lo = i + 1;
		else
			hi = i;
	bj = FIT_NEVER;
	pj = 0;
	for (i = lo; i < last; i++) {
		w = end - c[i].at;
		if (i == 0) {		/* one row: the first */
			if (w <= f)
				bj = 0;
			continue;
		}
		if (w > r)
			continue;
		cost = best[i] + (c[i].cell >= lastword && w <= FIT_WIDOW ?
		    widow : 0);
		if (cost <= bj) {
			bj = cost;
			pj = i;
		}
	}
	if (bj == FIT_NEVER)
		return 0;
	prev[last] = (uint32_t)pj;
	rows = 0;
	for (j = last; j > 0; j = prev[j])
		rows++;
	starts = xreallocarray(NULL, rows, sizeof *starts);
	for (j = last, k = rows; j > 0; j = prev[j])
		starts[--k] = prev[j];
	*startsp = starts;
	return rows;
}

#ifdef __SSE2__
/* The bits set in x, of 16 (no instruction for it in every x86-64). */
static inline uint32_t
fit_ones(unsigned x)
{
	x -= x >> 1 & 0x5555u;
	x = (x & 0x3333u) + (x >> 2 & 0x3333u);
	x = (x + (x >> 4)) & 0x0f0fu;
	return (x + (x >> 8)) & 0x1fu;
}
#endif

/*
 * Total fit's opportunities in a span of narrow cells (a column a cell,
 * a cell a code point), as layout_fit() (layout.c) finds them cell by
 * cell: where a row may start (not at a space), with the columns before
 * it and the spaces just before it. Adds them to c[*ncand...], moves
 * *col, *trail (the spaces just before) and *lastword (the cell after the
 * last space) on, and returns how many. The cell of byte o is k0 + o less
 * the continuation bytes (0x80 to 0xbf) before it, and so is its column.
 * With bytes, what is called a cell here is the byte of text instead
 * (layout_fit_text: no cells are made).
 */
static inline __attribute__((always_inline)) size_t
fit_span_in(const struct span *sp, const uint8_t *t, const char *lbrk,
    struct fit_cand *c, size_t *ncand, uint32_t *col, uint32_t *trail,
    size_t *lastword, int bytes)
{
	const uint8_t	*s = t + sp->text;
	const char	*l = lbrk + sp->text;
	size_t		 o = 0, n = sp->n, nc0 = *ncand, m = nc0;
	size_t		 k0 = bytes ? sp->text : sp->cell;
	uint32_t	 col0 = *col, tr = *trail;
	uint32_t	 on = 0;	/* continuation bytes before o */
	uint32_t	 kon = 0;	/* those of them cells count */
	char		 v;
#ifdef __SSE2__
	const __m128i	blank = _mm_set1_epi8(' '),
			may = _mm_set1_epi8(UC_BREAK_POSSIBLE),
			must = _mm_set1_epi8(UC_BREAK_MANDATORY),
			lead = _mm_set1_epi8((char)0xc0);
	__m128i		x, y;
	unsigned	sps, brk, below, cont;
	uint32_t	kb, cb, d;
	int		b;

	for (; o + 16 <= n; o += 16) {
		x = _mm_loadu_si128((const __m128i *)(const void *)(s + o));
		y = _mm_loadu_si128((const __m128i *)(const void *)(l + o));
		sps = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, blank));
		brk = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_cmpeq_epi8(y, may), _mm_cmpeq_epi8(y, must))) & ~sps;
		/* Signed: 0x80 to 0xbf are below 0xc0, ASCII above. */
		cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(x, lead));
		if (k0 + o == 0)
			brk &= ~1u;		/* no row starts before cell 0 */
		kb = (uint32_t)(k0 + o) - kon;	/* the cell of byte o */
		cb = col0 + (uint32_t)o - on;	/* its column */
		if (cont == 0) {
			/* A cell a byte, as in ASCII. */
			for (; brk != 0; brk &= brk - 1) {
				b = __builtin_ctz(brk);
				/* The spaces just before: back to the last
				 * other. */
				below = ~sps & ((1u << b) - 1);
				c[m++] = (struct fit_cand){ kb + (uint32_t)b,
				    cb + (uint32_t)b, below != 0 ? (uint32_t)(b -
				    32 + __builtin_clz(below)) : tr + (uint32_t)b,
				    0 };
			}
			if (sps != 0)
				*lastword = kb + 32 - (size_t)__builtin_clz(sps);
		} else {
			for (brk &= ~cont; brk != 0; brk &= brk - 1) {
				b = __builtin_ctz(brk);
				below = ~sps & ((1u << b) - 1);
				d = (uint32_t)b - fit_ones(cont &
				    ((1u << b) - 1));
				c[m++] = (struct fit_cand){ bytes ? kb +
				    (uint32_t)b : kb + d, cb + d,
				    below != 0 ? (uint32_t)(b - 32 +
				    __builtin_clz(below)) : tr + (uint32_t)b, 0 };
			}
			if (sps != 0) {
				b = 32 - __builtin_clz(sps);
				*lastword = kb + (size_t)b - (bytes ? 0 :
				    fit_ones(cont & ((1u << b) - 1)));
			}
			on += fit_ones(cont);
			kon = bytes ? 0 : on;
		}
		if ((~sps & 0xffffu) == 0)
			tr += 16;
		else
			tr = (uint32_t)__builtin_clz(~sps << 16);
	}
#endif
	for (; o < n; o++) {
		if ((s[o] & 0xc0) == 0x80) {
			on++;
			kon += !bytes;
			continue;
		}
		if (s[o] == ' ') {
			tr++;
			*lastword = k0 + o - kon + 1;
			continue;
		}
		v = l[o];
		if (k0 + o > 0 && (v == UC_BREAK_POSSIBLE ||
		    v == UC_BREAK_MANDATORY))
			c[m++] = (struct fit_cand){ (uint32_t)(k0 + o - kon),
			    col0 + (uint32_t)(o - on), tr, 0 };
		tr = 0;
	}
	*ncand = m;
	*col = col0 + (uint32_t)sp->cells;
	*trail = tr;
	return m - nc0;
}

/* The same, made for each of cells and bytes. */
size_t
fit_span(const struct span *sp, const uint8_t *t, const char *lbrk,
    struct fit_cand *c, size_t *ncand, uint32_t *col, uint32_t *trail,
    size_t *lastword, int bytes)
{
	return bytes ? fit_span_in(sp, t, lbrk, c, ncand, col, trail,
	    lastword, 1) : fit_span_in(sp, t, lbrk, c, ncand, col, trail,
	    lastword, 0);
}
