/*
 * piece.c: where a huge block is cut into the pieces layout.c lays out.
 */

#include "config.h"

#include <string.h>

#include <unilbrk.h>
#include <unistr.h>

#include "lede.h"

/*
 * Pieces. A block longer than LAYOUT_HUGE bytes (a paragraph of more than
 * a megabyte and a half, a file that is one line) is laid out in pieces,
 * as it is shown, never whole: opening it, a jump into it, a resize, the
 * dump, cost the pieces shown, not the paragraph. Piece k of a block
 * starts at cut k: the first break opportunity at or after byte k *
 * LAYOUT_PIECE of the block, or a line break kept around a verbatim line,
 * looked for in the next PIECE_CUT_WINDOW bytes; with none there, the
 * character boundary at or after that byte. There is no cut k if less
 * than half a piece follows that byte: the last piece takes the rest. An
 * opportunity is found as the whole text's line breaking would give it,
 * from an anchor (see bounds_is_anchor) in a run of text that is shown as
 * it is. So the piece that holds any offset is found by looking at a few
 * kilobytes around two or three cuts, and rows never straddle pieces: the
 * last row of a piece ends at the cut (ROW_PIECE). Lines longer than
 * LAYOUT_HUGE are never verbatim (see layout_verbatim); such a block is
 * always a paragraph (parse.c); a style of -R does not last from one
 * piece into the next.
 */
#define PIECE_CUT_WINDOW	4096

/*
 * The first boundary of display units at or after t in [start, end): not
 * inside a character, a CR LF or an SGR sequence.
 */
static size_t
piece_boundary(const uint8_t *d, size_t start, size_t end, size_t t)
{
	ucs4_t	uc;
	size_t	j;
	int	n;

	for (j = 1; j <= 3 && j <= t - start; j++)
		if ((d[t - j] & 0xc0) != 0x80) {
			n = u8_mbtoucr(&uc, d + t - j, end - (t - j));
			if (n > (int)j)
				t += (size_t)n - j;
			break;
		}
	if (t > start && t < end && d[t - 1] == '\r' && d[t] == '\n')
		t++;
	for (j = 1; j < 64 && j <= t - start; j++)
		if (d[t - j] == 0x1b) {
			n = (int)sgr_match(d, end, t - j);
			if (n > (int)j)
				t += (size_t)n - j;
			break;
		}
	return t < end ? t : end;
}

/*
 * A break opportunity in the text [p, e) of the source, which is shown as
 * it is and is not in a verbatim line: the first one after its first
 * anchor with two code points after it (the most any version of UAX #14
 * looks ahead), or 0.
 */
static size_t
piece_cut_run(const uint8_t *d, size_t p, size_t e)
{
	char	brk[PIECE_CUT_WINDOW];
	size_t	a, q;

	for (a = p; a < e && !bounds_is_anchor(d, e, a); a++)
		;
	if (e - a < 9 || e - a > sizeof brk)
		return 0;
	u8_possible_linebreaks(d + a, e - a, "UTF-8", brk);
	bounds_tailor(d + a, e - a, 0, e - a, brk);
	bounds_counts.lbrk += e - a;
	for (q = 1; q + 8 <= e - a; q++)
		if (brk[q] == UC_BREAK_POSSIBLE)
			return a + q;
	return 0;
}

/*
 * Where piece k > 0 of the block starts (see above), or blk->end if the
 * block has no piece k.
 */
static size_t
piece_cut(const struct doc *doc, const struct block *blk, size_t k)
{
	const uint8_t	*d = doc->data;
	struct unit	 u;
	size_t		 t, p, e, c, wend, ls;
	int		 known, verb, nverb;

	if (blk->end - blk->start <= k * LAYOUT_PIECE + LAYOUT_PIECE / 2)
		return blk->end;
	t = piece_boundary(d, blk->start, blk->end,
	    blk->start + k * LAYOUT_PIECE);
	wend = blk->end - t > PIECE_CUT_WINDOW ? t + PIECE_CUT_WINDOW :
	    blk->end;
	ls = layout_line_start(d, blk->start, t, &known);
	verb = known && layout_verbatim(d, blk, ls, t, 0);
	for (p = t; p < wend; p = e) {
		if (d[p] == '\n' || d[p] == '\r') {
			block_line_end(d, blk->end, p, &e);
			if (e >= wend)
				break;
			nverb = layout_verbatim(d, blk, e, e, 0);
			if (verb || nverb)
				return e;	/* a kept line break */
			verb = nverb;
			continue;
		}
		e = sanitize_text_run(d, wend, p);
		if (e == p) {
			sanitize_next(d, wend, p, &u);
			e = p + u.len;
		} else if (!verb && (c = piece_cut_run(d, p, e)) != 0)
			return c;
	}
	/* None: cut at t, unless only blanks follow. */
	for (p = t; p < blk->end && (d[p] == ' ' || d[p] == '\t' ||
	    d[p] == '\n' || d[p] == '\r'); p++)
		;
	return p < blk->end ? t : blk->end;
}

/*
 * Set *piece to the piece of the block that holds offset off (the last
 * piece if off is its end): all of the block, unless it is longer than
 * LAYOUT_HUGE bytes (see above).
 */
void
piece_at(const struct doc *doc, const struct block *blk,
    size_t off, struct block *piece)
{
	size_t	k, c, e;

	*piece = *blk;
	if (blk->end - blk->start <= LAYOUT_HUGE)
		return;
	off = off < blk->start ? blk->start : off > blk->end ? blk->end : off;
	k = (off - blk->start) / LAYOUT_PIECE;
	c = k > 0 ? piece_cut(doc, blk, k) : blk->start;
	if (c < blk->end && c <= off) {
		piece->start = c;
		piece->end = piece_cut(doc, blk, k + 1);
		return;
	}
	/* Before cut k (or past the last piece): a piece before it. */
	do {
		e = c;
		c = --k > 0 ? piece_cut(doc, blk, k) : blk->start;
	} while (c >= blk->end);
	piece->start = c;
	piece->end = e;
}
