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

/* A last row of one word this short ("it.") is a widow. Measured on
 * 858 paragraphs of English news (Mozilla's readability test pages): a
 * penalty for any lone last word costs the other rows 5-10% more squared
 * slack at 60 and 72 columns; for one of 3 columns at most, 0.3%. */
#define FIT_WIDOW	3
#define FIT_DENSE	3	/* cells an opportunity, at least, or greedy */
#define FIT_HYPHEN_COST	6	/* a hyphen costs as a row this part empty */

int	fit_greedy;		/* --greedy: fill rows greedily */

/* The programme's tables, kept between paragraphs: one per thread. */
static _Thread_local struct fitbuf {
	uint32_t	*cand;		/* cell of each opportunity */
	uint8_t		*hy;		/* a hyphenation point */
	uint32_t	*at;		/* columns before it */
	uint32_t	*prev;		/* the best row before it starts at */
	uint64_t	*best;		/* least cost of the rows before it */
	size_t		 cap;
} fb;

/* Free the calling thread's tables. */
void
fit_release(void)
{
	free(fb.cand);
	free(fb.hy);
	free(fb.at);
	free(fb.prev);
	free(fb.best);
	memset(&fb, 0, sizeof fb);
}

/*
 * Rows for the cells [0, n): width[k] and space[k] of each cell, may[k]
 * set if a row may start at cell k (an opportunity before it; may[0] is
 * not looked at); rows at most first columns wide for the first row,
 * rest for the others. Fills starts[] (allocated, n + 1 entries at most)
 * with each row's first cell and returns how many rows, or 0 if no rows
 * fit (a word wider than the row).
 */
/* Is the last row, from cell a, a widow: one word of FIT_WIDOW columns
 * at most (w, its width)? */
static int
fit_widow(const uint8_t *space, size_t n, size_t a, size_t w)
{
	size_t	k;

	if (a == 0 || w > FIT_WIDOW)
		return 0;
	for (k = a; k < n; k++)
		if (space[k])
			return 0;
	return 1;
}

size_t
fit_rows(const uint8_t *width, const uint8_t *space, const uint8_t *may,
    size_t n, int first, int rest, size_t **startsp)
{
	uint64_t	 c, widow, hyphen, bj;
	size_t		*starts, ncand = 0, i, j, k, rows, lo = 0, pj;
	uint32_t	 col, most = (uint32_t)(first > rest ? first : rest);
	uint32_t	 trail, raw, rw, w;

	*startsp = NULL;
	if (n == 0 || n > FIT_MAX)
		return 0;
	if (fb.cap < n + 2) {
		fb.cap = n + 2 > 4096 ? n + 2 : 4096;
		fb.cand = xreallocarray(fb.cand, fb.cap, sizeof *fb.cand);
		fb.hy = xreallocarray(fb.hy, fb.cap, sizeof *fb.hy);
		fb.at = xreallocarray(fb.at, fb.cap, sizeof *fb.at);
		fb.prev = xreallocarray(fb.prev, fb.cap, sizeof *fb.prev);
		fb.best = xreallocarray(fb.best, fb.cap, sizeof *fb.best);
	}
	/* The opportunities (where rows may start), and the end; the
	 * columns before each. */
	fb.cand[ncand] = 0;
	fb.hy[ncand] = 0;
	fb.at[ncand++] = 0;
	for (k = 0, col = 0; k < n; col += width[k++])
		if (k > 0 && may[k] && !space[k]) {
			fb.cand[ncand] = (uint32_t)k;
			fb.hy[ncand] = may[k] == FIT_HYPHEN;
			fb.at[ncand++] = col;
		}
	fb.cand[ncand] = (uint32_t)n;
	fb.hy[ncand] = 0;
	fb.at[ncand++] = col;
	/* Text that may break nearly anywhere (Chinese, Japanese) fills
	 * its rows greedily to within a column: nothing to gain. */
	for (k = 0, j = 0; k < ncand; k++)
		j += !fb.hy[k];
	if (j > n / FIT_DENSE + 2)
		return 0;
	fb.best[0] = 0;
	widow = (uint64_t)(rest / 8) * (uint64_t)(rest / 8);
	hyphen = (uint64_t)(rest / FIT_HYPHEN_COST) *
	    (uint64_t)(rest / FIT_HYPHEN_COST);
	for (j = 1; j < ncand; j++) {
		for (trail = 0, k = fb.cand[j]; k > 0 && space[k - 1]; k--)
			trail += width[k - 1];	/* blanks hang */
		/* Rows wider than any row, from here on: so is every row
		 * from them to a later end. */
		while (lo < j && fb.at[j] - fb.at[lo] > most + trail)
			lo++;
		bj = UINT64_MAX;
		pj = 0;
		/* From the widest row to the narrowest: once a row's slack
		 * alone costs more than the best found, every narrower one
		 * does. Of equal costs the narrowest wins. */
		for (i = lo; i < j; i++) {
			raw = fb.at[j] - fb.at[i];
			rw = (uint32_t)(i == 0 ? first : rest);
			/* A row ending in a hyphen: its column, its cost. */
			if ((w = raw - trail + fb.hy[j]) > rw)
				continue;
			if (j < ncand - 1) {
				c = (uint64_t)(rw - w) * (uint64_t)(rw - w);
				if (c > bj && i > 0)
					break;
				c += fb.hy[j] ? hyphen : 0;
			} else	/* the last row: free, but a widow */
				c = fit_widow(space, n, fb.cand[i], w) ? widow :
				    0;
			if (fb.best[i] != UINT64_MAX && fb.best[i] + c <= bj) {
				bj = fb.best[i] + c;
				pj = i;
			}
		}
		fb.best[j] = bj;
		fb.prev[j] = (uint32_t)pj;
	}
	if (fb.best[ncand - 1] == UINT64_MAX)
		return 0;
	rows = 0;
	for (j = ncand - 1; j > 0; j = fb.prev[j])
		rows++;
	starts = xreallocarray(NULL, rows, sizeof *starts);
	for (j = ncand - 1, k = rows; j > 0; j = fb.prev[j])
		starts[--k] = fb.cand[fb.prev[j]];
	*startsp = starts;
	return rows;
}
