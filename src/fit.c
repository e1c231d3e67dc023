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

#include "lede.h"

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
