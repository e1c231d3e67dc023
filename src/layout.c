/*
 * layout.c: set one block in rows of at most a given width.
 *
 * The block's display text (builder.c) is cut into grapheme clusters
 * (cells, cells.c), measured by the one width function; a paragraph's
 * rows are then set by total fit (fit.c) or filled greedily, breaking only
 * where UAX #14 allows (libunistring), and at a cluster boundary only when
 * a run has no break opportunity and is wider than the row.
 *
 * Speed: this runs for every block on the screen and, in a dump, for the
 * whole document, so the common cases have fast paths that give the same
 * answers as the general ones, each checked against them by the tests:
 * line break opportunities are asked for only near the end of each row
 * (bounds_lines_range) when rows are filled greedily, each byte a few
 * times at most in any script (builder_breaks), and total fit finds its
 * opportunities in runs of narrow cells sixteen bytes at a time. A dump,
 * which prints each row and lets it go, sets a paragraph of code points
 * alone without cells, in rows of its bytes (layout_set_bytes). A block
 * longer than LAYOUT_HUGE is laid out in pieces, as it is shown (see
 * "Pieces").
 *
 * Invariants: no row is wider than the width (which is at least 2, the
 * width of the widest code point, and at most LAYOUT_WIDTH_MAX, what a
 * row's width holds; a cluster wider than the width, such as a long emoji
 * ZWJ sequence at a narrow width, is the one thing cut into several
 * cells, at code points); every cell belongs to exactly one row or is
 * trailing white space of a row; cells are in source order.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unilbrk.h>

#include "lede.h"

#include "builder.h"

static _Thread_local struct builder	scratch;	/* one per thread */
static _Thread_local struct layout	*spare;		/* layout_recycle() */
static _Thread_local struct layout_stats stats;		/* its work */
static int				 layout_bytes;	/* layout_set_bytes */

/*
 * Whether a paragraph of code points alone (no cluster of more) may be
 * laid out in rows of its bytes, no cells made (lay->bytes): what only a
 * dump, which prints each row as it is and lets it go, can read. Set
 * before any layout (the dump's threads read it).
 */
void
layout_set_bytes(int on)
{
	layout_bytes = on;
}

/*
 * How many cells before the overflowing one are first looked at in text
 * without spaces (CJK, where nearly every character is an opportunity).
 */
#define LAYOUT_LOOKBACK	4

/*
 * The last cell in (first, over] before which the row may break (a line
 * break opportunity, not inside a verbatim line), or first if there is
 * none. The opportunities are asked for only here, when cell over does
 * not fit: first from the last space of the row on (or for the last few
 * cells, in text without spaces), then for the rest of the row.
 */
static size_t
layout_last_break(struct builder *b, const struct cell *cells, size_t first,
    size_t over)
{
	size_t	lo, hi = over + 1, k;
	char	v;

	for (lo = over; lo > first + 1 && over - lo < 64 &&
	    !(cells[lo].flags & CELL_SPACE); lo--)
		;
	if (!(cells[lo].flags & CELL_SPACE))
		lo = over > first + LAYOUT_LOOKBACK ? over - LAYOUT_LOOKBACK :
		    first + 1;

	for (;;) {
		builder_breaks(b, cells[lo].text, cells[hi - 1].text + 1);
		for (k = hi - 1; k >= lo; k--) {
			if (cells[k].flags & CELL_VERBATIM)
				continue;
			v = b->lbrk[cells[k].text];
			if (v == UC_BREAK_POSSIBLE || v == UC_BREAK_MANDATORY)
				return k;
		}
		if (lo == first + 1)
			return first;
		hi = lo;
		lo = first + 1;
	}
}

/*
 * The hang of the rows after the first of a kept or verbatim line whose
 * row starts at cell first: two columns in from the line's indent, at
 * most half the width.
 */
static int
layout_hang(const struct cell *cells, size_t nc, size_t first, int width)
{
	int	w = 0;

	for (; first < nc && (cells[first].flags & CELL_SPACE); first++)
		w += cells[first].width;
	return w + 2 > width / 2 ? width / 2 : w + 2;
}

/* Does the word at cell k (to a space or a kept break) fit in room
 * columns? */
static int
layout_word_fits(const struct cell *cells, size_t nc, size_t k, int room)
{
	int	w = 0;

	for (; k < nc && !(cells[k].flags & (CELL_SPACE | CELL_BREAK)) &&
	    w <= room; k++)
		w += cells[k].width;
	return w <= room;
}

/*
 * Lay out one block at the given width, all of it. The caller owns the
 * result.
 */
struct layout *
layout_create(const struct doc *doc, const struct block *blk, int width)
{
	return layout_create_piece(doc, blk, blk, width);
}

/* Append the row [first, end) of cells (or bytes: lay->bytes), w columns
 * wide, in by indent. */
static void
layout_put_row(struct layout *lay, size_t *cap, size_t first, size_t end,
    int w, int indent, uint8_t flags)
{
	if (lay->nrows == *cap) {
		*cap = *cap == 0 ? 8 : *cap * 2;
		lay->rows = xreallocarray(lay->rows, *cap, sizeof *lay->rows);
	}
	lay->rows[lay->nrows++] = (struct row){ (uint32_t)first,
	    (uint32_t)(end - first), (uint16_t)w, (uint16_t)indent, 0, flags };
}

/*
 * Close the row of cells [first, end), w columns wide, and append it.
 */
static void
layout_add_row(struct layout *lay, size_t *cap, size_t first, size_t end,
    int w, uint8_t flags)
{
	/* Trailing white space hangs past the margin: not part of the row. */
	while (end > first && (lay->cells[end - 1].flags & CELL_SPACE))
		w -= lay->cells[--end].width;
	layout_put_row(lay, cap, first, end, w, 0, flags);
}

/* The row is in n block quotes, at most max: its bars, as many as an
 * indent holds (each is drawn with a space after it). */
static void
layout_bars(struct row *r, int n, int max, int indent)
{
	if (n > max)
		n = max;
	if (n > indent / 2)
		n = indent / 2;
	r->bars = (uint8_t)n;
}

/*
 * Text without spaces (CJK) is justified between its characters: mark
 * the cells before which a row may break, with a wide cell on either
 * side and no space, as slots (CELL_SLOT): UAX #14 already keeps them
 * from closing punctuation and after opening punctuation. The wide cells
 * are those of [lo, hi), if any.
 */
static void
layout_slots(struct layout *lay, struct builder *bp, size_t lo, size_t hi)
{
	struct cell	*cells = lay->cells;
	size_t		 k, p, nc = lay->ncells;
	char		 v;

	if (lo >= hi)
		return;			/* no wide cell */
	builder_breaks(bp, 0, bp->n);
	/* Only the positions beside a wide cell. */
	for (k = lo; k < hi; k++) {
		if (cells[k].width < 2)
			continue;
		for (p = k > 0 ? k : 1; p <= k + 1 && p < nc; p++) {
			if ((cells[p].flags | cells[p - 1].flags) &
			    (CELL_SPACE | CELL_VISIBLE | CELL_BREAK))
				continue;
			v = bp->lbrk[cells[p].text];
			if (v == UC_BREAK_POSSIBLE)
				cells[p].flags |= CELL_SLOT;
		}
	}
}

/*
 * Make bp->lbrk right up to text position need, where it was right up to
 * *known: a growing stretch at a time, so that text that may break
 * almost anywhere (CJK) is known to be dense, and left to greedy filling,
 * which asks only near the end of each row, long before its end.
 */
static void
layout_fit_ask(struct builder *bp, size_t *known, size_t need)
{
	size_t	to;

	if (need <= *known)
		return;
	to = need + (*known > 256 ? *known : 256);
	if (to > bp->n)
		to = bp->n;
	builder_breaks(bp, *known, to);
	*known = to;
}

/*
 * The rows of a reflowed paragraph set by total fit (fit.c), its first
 * row in by lead, the others by hang, all by base. Returns 0, with no
 * row added, if it does not fit so (a word wider than the row).
 */
static int
layout_fit(struct layout *lay, struct builder *bp, size_t *rcap, int width,
    int lead, int hang, int base, int wide)
{
	const struct cell	*cells = lay->cells, *ce;
	const char		*lbrk;
	struct fit_cand		*c;
	size_t			 nc = lay->ncells, *starts = NULL, nrows, r, k, e;
	size_t			 ncand, plain, lastword = 0, sp = 0, known = 0;
	size_t			 dense = nc / FIT_DENSE + 2, nspans;
	const struct span	*spans = cells_spans(&nspans);
	uint32_t		 col = 0, trail = 0;
	uint8_t			*may = NULL;
	char			 v;
	int			 ind, hy;

	/* Only text with wide characters may be dense: the rest is asked
	 * about at once. lbrk is right before text position known. */
	if (!wide) {
		builder_breaks(bp, 0, bp->n);
		known = bp->n;
	}
	lbrk = bp->lbrk;
	if (hyph_on) {
		may = xcalloc(nc > 0 ? nc : 1, 1);
		hyph_cells(lay, (const uint8_t *)bp->t, may);
	}
	/* The opportunities, in one pass: where a row may start (not at a
	 * blank: blanks hang at the end of the row before). */
	c = fit_table(nc);
	c[0] = (struct fit_cand){ 0, 0, 0, 0 };
	for (k = 0, ncand = 1, plain = 2; k < nc; col += ce->width, k++) {
		/* A run of narrow cells, in vectors. */
		while (sp < nspans && spans[sp].cell < k)
			sp++;
		if (may == NULL && sp < nspans && spans[sp].cell == k) {
			layout_fit_ask(bp, &known, spans[sp].text +
			    spans[sp].n);
			plain += fit_span(&spans[sp], (const uint8_t *)
			    bp->t, lbrk, c, &ncand, &col, &trail, &lastword, 0);
			if (plain > dense)
				break;
			k += spans[sp].cells - 1;
			ce = &cells[k];
			col -= ce->width;	/* the loop adds it */
			continue;
		}
		ce = &cells[k];
		if (ce->flags & CELL_SPACE) {
			trail += ce->width;
			lastword = k + 1;
			continue;
		}
		if (k > 0) {
			if (ce->text >= known)
				layout_fit_ask(bp, &known, (size_t)ce->text + 1);
			v = lbrk[ce->text];
			if (v == UC_BREAK_POSSIBLE || v == UC_BREAK_MANDATORY) {
				c[ncand++] = (struct fit_cand){ (uint32_t)k,
				    col, trail, 0 };
				if (++plain > dense)
					break;
			} else if (may != NULL && may[k] == FIT_HYPHEN)
				c[ncand++] = (struct fit_cand){ (uint32_t)k,
				    col, trail, 1 };
		}
		trail = 0;
	}
	stats.fit += k;
	c[ncand++] = (struct fit_cand){ (uint32_t)nc, col, trail, 0 };
	/* Text that may break nearly anywhere (Chinese, Japanese) fills
	 * its rows greedily to within a column: nothing to gain. */
	nrows = plain > dense ? 0 : fit_rows(c, ncand, lastword,
	    width - lead - base, width - hang - base, &starts);
	for (r = 0; r < nrows; r++) {
		k = starts[r];
		e = r + 1 < nrows ? starts[r + 1] : ncand - 1;
		ind = (r == 0 ? lead : hang) + base;
		/* Ending inside a word: its hyphen is a column of it. */
		hy = (int)c[e].hy;
		layout_add_row(lay, rcap, c[k].cell, c[e].cell, (int)(c[e].at -
		    c[k].at) + hy, r + 1 == nrows ? ROW_LAST : hy ? ROW_HYPHEN :
		    0);
		lay->rows[lay->nrows - 1].indent = (uint16_t)ind;
	}
	free(may);
	free(starts);
	return nrows > 0;
}

/*
 * The same for a paragraph of nc cells, each a code point alone, not made
 * (cells_count): its rows are of text bytes, as a dump prints them
 * (lay->bytes). The same opportunities, found in the same way, each by
 * its byte: in the spans of narrow cells, and at each wide cell (of two
 * columns) between them; the same rows.
 */
static int
layout_fit_text(struct layout *lay, struct builder *bp, size_t *rcap,
    size_t nc, int width, int lead, int hang, int base, int wide)
{
	const uint8_t		*t = (const uint8_t *)bp->t;
	const char		*lbrk = bp->lbrk;
	const struct span	*spans;
	struct fit_cand		*c;
	size_t			 ncand = 1, lastword = 0, *starts, nrows, r;
	size_t			 k, e, x, sp = 0, nspans, known = 0;
	size_t			 plain = 2, dense = nc / FIT_DENSE + 2;
	uint32_t		 col = 0, trail = 0;
	int			 len;

	spans = cells_spans(&nspans);
	if (!wide) {
		builder_breaks(bp, 0, bp->n);
		known = bp->n;
	}
	c = fit_table(nc);
	c[0] = (struct fit_cand){ 0, 0, 0, 0 };
	for (x = 0; x < bp->n && plain <= dense; ) {
		if (sp < nspans && spans[sp].text == x) {
			layout_fit_ask(bp, &known, x + spans[sp].n);
			plain += fit_span(&spans[sp], t, lbrk, c, &ncand,
			    &col, &trail, &lastword, 1);
			x += spans[sp++].n;
			continue;
		}
		/* A wide cell. */
		if (x > 0) {
			if (x >= known)
				layout_fit_ask(bp, &known, x + 1);
			if (lbrk[x] == UC_BREAK_POSSIBLE ||
			    lbrk[x] == UC_BREAK_MANDATORY) {
				c[ncand++] = (struct fit_cand){ (uint32_t)x,
				    col, trail, 0 };
				plain++;
			}
		}
		trail = 0;
		col += 2;
		(void)cells_cols(bp, x, &len);
		x += (size_t)len;
	}
	if (plain > dense)
		return 0;
	stats.fit += nc;
	c[ncand++] = (struct fit_cand){ (uint32_t)bp->n, col, trail, 0 };
	nrows = fit_rows(c, ncand, lastword, width - lead - base, width -
	    hang - base, &starts);
	for (r = 0; r < nrows; r++) {
		k = starts[r];
		e = r + 1 < nrows ? starts[r + 1] : ncand - 1;
		/* Its blanks at the end hang past the margin. */
		layout_put_row(lay, rcap, c[k].cell, c[e].cell - c[e].trail,
		    (int)(c[e].at - c[e].trail - c[k].at), (r == 0 ? lead :
		    hang) + base, r + 1 == nrows ? ROW_LAST : 0);
	}
	free(starts);
	stats.bytes += nrows > 0;
	return nrows > 0;
}

/* The code point before t[i]: where it starts. */
static inline size_t
layout_text_back(const uint8_t *t, size_t i)
{
	while ((t[--i] & 0xc0) == 0x80)
		;
	return i;
}

/*
 * layout_last_break() in text of code points alone (cells_count), each a
 * cell: the last one in (first, over] before which the row may break, or
 * first. Asked for in the same way: from the last blank of the row (64
 * code points back at most), or the last few, then the rest.
 */
static size_t
layout_last_break_text(struct builder *b, size_t first, size_t over)
{
	const uint8_t	*t = (const uint8_t *)b->t;
	size_t		 lo, hi = over, k, one, m;
	char		 v;
	int		 len;

	(void)cells_cols(b, first, &len);
	one = first + (size_t)len;	/* the code point after first */
	for (lo = over, m = 0; lo > one && m < 64 && t[lo] != ' '; m++)
		lo = layout_text_back(t, lo);
	if (t[lo] != ' ')
		for (lo = over, m = 0; lo > one && m < LAYOUT_LOOKBACK; m++)
			lo = layout_text_back(t, lo);
	for (;;) {
		builder_breaks(b, lo, hi + 1);
		for (k = hi; k >= lo; k--) {
			if ((t[k] & 0xc0) == 0x80)
				continue;
			v = b->lbrk[k];
			if (v == UC_BREAK_POSSIBLE || v == UC_BREAK_MANDATORY)
				return k;
		}
		if (lo == one)
			return first;
		hi = layout_text_back(t, lo);
		lo = one;
	}
}

/*
 * The rows of a paragraph of code points alone (cells_count), filled
 * greedily, as layout_create_wide() fills the rows of its cells, in rows
 * of text bytes (lay->bytes): each as wide as its indent leaves, ending
 * at the last opportunity (layout_last_break) before what does not fit,
 * or at what does not fit if there is none after the row's blanks.
 */
static void
layout_greedy_text(struct layout *lay, struct builder *bp, size_t *rcap,
    int width, int lead, int hang, int base)
{
	const uint8_t	*t = (const uint8_t *)bp->t;
	size_t		 n = bp->n, i = 0, first, sp, k, end;
	int		 ind, rw, col, w, len;

	while (i < n) {
		ind = (lay->nrows == lay->gap ? lead : hang) + base;
		rw = width - ind;
		for (sp = i; sp < n && t[sp] == ' '; sp++)
			;
		if (cells_cols(bp, i, &len) > rw) {
			rw += ind;
			ind = 0;
		}
		first = i;
		col = 0;
		for (;;) {
			while (i < n && col + (w = cells_cols(bp, i, &len)) <=
			    rw) {
				col += w;
				i += (size_t)len;
			}
			if (i >= n)
				break;
			if (i > first && t[i] != ' ') {
				k = layout_last_break_text(bp, first, i);
				while (k > sp && i > k) {
					i = layout_text_back(t, i);
					col -= cells_cols(bp, i, &len);
				}
				break;
			}
			col += w;
			i += (size_t)len;
		}
		/* Its blanks at the end hang past the margin. */
		for (end = i; end > first && t[end - 1] == ' '; end--)
			col--;
		layout_put_row(lay, rcap, first, end, col, ind, i >= n ?
		    ROW_LAST : 0);
	}
	stats.bytes++;
}

/* Cut the builder's text into lay->cells (one a grapheme cluster, so at
 * most one a byte); *ci says what they hold. Returns how many. */
static size_t
layout_cells(struct layout *lay, struct builder *bp, int width,
    struct cellinfo *ci)
{
	if (bp->n > lay->cellcap) {
		free(lay->cells);
		lay->cells = xreallocarray(NULL, bp->n, sizeof *lay->cells);
		lay->cellcap = bp->n;
	}
	return lay->ncells = cells_make(bp, lay->cells, width, ci);
}

/*
 * Lay out a piece of a block (from piece_at(), or all of it) at the
 * given width, which is taken to be at least 2 and at most
 * LAYOUT_WIDTH_MAX. The caller owns the result.
 */
struct layout *
layout_create_piece(const struct doc *doc, const struct block *blk,
    const struct block *piece, int width)
{
	return layout_create_wide(doc, blk, piece, width, width);
}

/* The same, rows of verbatim and kept lines up to wide (>= width). */
struct layout *
layout_create_wide(const struct doc *doc, const struct block *blk,
    const struct block *piece, int width, int wide)
{
	struct layout	*lay;
	struct builder	*bp = &scratch;
	struct cell	*cells;
	struct cellinfo	 ci;
	size_t		 i, nc, rcap, first, lastbrk;
	int		 col, lead = 0, hang = 0, kept = 0, base = 0, reflow;
	int		 nest = 0;	/* an inner item's marker, columns */
	int		 quote = 0, bars = 0;	/* a mail's quote; gap bars */
	int		 first1;	/* indented prose's first line's indent */
	int		 reused = spare != NULL, dir;
	const struct docblock *db;

	if (width < 2)
		width = 2;
	if (width > LAYOUT_WIDTH_MAX)
		width = LAYOUT_WIDTH_MAX;
	if (wide < width)
		wide = width;
	if (wide > LAYOUT_WIDTH_MAX)
		wide = LAYOUT_WIDTH_MAX;
	if (reused) {
		/* Its buffers, as big as they grew; nothing else. */
		struct layout	keep = *spare;

		lay = spare;
		spare = NULL;
		memset(lay, 0, sizeof *lay);
		lay->text = keep.text;
		lay->textcap = keep.textcap;
		lay->cells = keep.cells;
		lay->cellcap = keep.cellcap;
		lay->rows = keep.rows;
		lay->rowcap = keep.rowcap;
	} else
		lay = xcalloc(1, sizeof *lay);
	rcap = lay->rowcap;
	lay->start = piece->start;
	lay->end = piece->end;
	lay->block = *blk;
	lay->width = width;
	lay->wide = wide;
	lay->type = parse_block(doc, blk);
	/* A front end's block says its indent (nesting) and an item's
	 * hang (its marker); plain text's items and indented prose are
	 * measured (parse_prose_indent: its lines are not verbatim). */
	db = doc->blocks != NULL ? block_table_at(doc, blk->start) : NULL;
	bp->prose = 0;
	bp->stanza = db == NULL && lay->type == BLOCK_LINES &&
	    parse_is_stanza(doc->data, blk);
	/* A title centred in plain text: set in the middle again, at any
	 * width; -S cuts it as the verbatim line it is. */
	bp->centred = db == NULL && !layout_get_chop() && (lay->type ==
	    BLOCK_PARAGRAPH || lay->type == BLOCK_HEADING || lay->type ==
	    BLOCK_LINES) && parse_is_centred(doc, blk);
	if (db != NULL) {
		base = db->indent < width / 2 ? db->indent : width / 2;
		if (lay->type == BLOCK_ITEM)
			hang = db->hang < (width - base) / 2 ? db->hang :
			    (width - base) / 2;
	} else if (lay->type == BLOCK_ITEM && piece->start == blk->start)
		parse_item_indents(doc, blk, width, &lead, &hang);
	else if ((quote = block_quote_depth(doc, blk)) > 0)
		/* A mail's quote: its "> " are bars, its text set inside. */
		base = 2 * quote < width / 2 ? 2 * quote : width / 2;
	else if (lay->type == BLOCK_PARAGRAPH && !bp->centred &&
	    (bp->prose = parse_prose_indent(doc, blk, &first1)) > 0) {
		/* In by its first line's indent, its rows after the first
		 * by the others' (hanging, if more). */
		if (doc->data[blk->start] == '\t') {	/* fewer if narrow */
			first1 -= 8 - parse_tab_columns(width);
			bp->prose -= 8 - parse_tab_columns(width);
		}
		base = first1 < width / 2 ? first1 : width / 2;
		hang = bp->prose - first1 < (width - base) / 2 ? bp->prose -
		    first1 : (width - base) / 2;
	}

#define b (*bp)
	b.n = 0;
	b.nsegs = 0;
	b.any = 0;
	sgr_reset(&b.sgr);	/* each block starts in the default style */
	b.runs = NULL;
	b.nruns = 0;
	b.snext = doc->nstyles > 0 ? 0 : SIZE_MAX;
	builder_block(&b, doc, blk, lay->type, piece->start, piece->end);
	stats.text += b.n;
	builder_grow(&b, 0);
	b.blo = b.bhi = b.alo = b.ahi = 0;
	dir = db != NULL && db->dir != 0 ? db->dir - (db->dir == BIDI_AUTO +
	    1) : doc->rtl ? BIDI_RTL : bidi_lang_rtl(doc->lang) ?
	    BIDI_AUTO_RTL : BIDI_AUTO;
	/* A dump's paragraph of code points alone (no clusters of more),
	 * whole, left to right: its rows are of its bytes, no cells made
	 * (layout_fit_text, layout_greedy_text). */
	nc = 0;
	if (layout_bytes && !layout_get_slots() && !hyph_on &&
	    !layout_get_chop() && !b.centred && piece->start == blk->start &&
	    piece->end == blk->end && (dir == BIDI_AUTO || dir == BIDI_LTR))
		nc = cells_count(bp, &ci);
	if (!(lay->bytes = nc > 0))
		nc = layout_cells(lay, bp, width, &ci);

	/* Gap rows above the block. */
	if (piece->start == blk->start && !block_is_first(doc, blk)) {
		lay->gap = parse_gap(doc, blk, lay->type, quote, &bars);
		/* Inside a block quote, the bars go on. */
		for (i = 0; i < lay->gap; i++) {
			layout_add_row(lay, &rcap, 0, 0, 0, ROW_GAP);
			layout_bars(&lay->rows[lay->nrows - 1], bars, bars, base);
		}
	}

	reflow = !(b.any & (TB_HARD | TB_VERBATIM | TB_KEPT));
	if (reflow && layout_get_slots() && (lay->type == BLOCK_PARAGRAPH ||
	    lay->type == BLOCK_ITEM))
		layout_slots(lay, bp, ci.wlo, ci.whi);
	/* A reflowed paragraph, whole: the rows that fit it best; not
	 * text that is sure to be dense (layout_fit), as Chinese and
	 * Japanese are, with a break between two ideographs. */
	i = 0;
	if (reflow && !fit_greedy && nc > 0 && nc <= FIT_MAX &&
	    ci.ideo2 <= nc / FIT_DENSE &&
	    !layout_get_chop() && piece->start == blk->start &&
	    piece->end == blk->end && (lay->bytes ? layout_fit_text(lay, bp,
	    &rcap, nc, width, lead, hang, base, ci.whi > 0) : layout_fit(lay,
	    bp, &rcap, width, lead, hang, base, ci.whi > 0)))
		i = nc;
	else if (lay->bytes) {
		layout_greedy_text(lay, bp, &rcap, width, lead, hang, base);
		i = nc;
	}
	cells = lay->cells;
	/* Else fill rows greedily, each as wide as its indent leaves. */
	while (i < nc) {
		int	verb = cells[i].flags & CELL_VERBATIM;
		int	ind = lay->nrows == lay->gap ? lead : hang;
		int	rw, w;
		size_t	sp, k;
		uint8_t	flags = 0;

		/* An item inside an item starts after a kept break: its
		 * rows after the first hang past its marker. */
		if (lay->nrows > lay->gap && (lay->rows[lay->nrows - 1].flags &
		    ROW_HARD) && lay->type == BLOCK_ITEM)
			nest = builder_marker_cols(&b, cells, nc, i);
		else if (lay->nrows > lay->gap)
			ind += nest;
		/* A kept or verbatim line: its rows after the first hang
		 * two columns in from its indent. */
		if (((cells[i].flags & CELL_KEPT) && !b.centred) || verb) {
			if (lay->nrows == lay->gap ||
			    (lay->rows[lay->nrows - 1].flags & ROW_HARD)) {
				kept = layout_hang(cells, nc, i, width);
				ind = 0;
			} else
				ind = kept;
		}
		ind += base;		/* a front end's nesting */
		rw = ((cells[i].flags & (CELL_VERBATIM | CELL_KEPT)) &&
		    !b.centred ? wide : width) - ind;
		/* No break in the row's leading blanks (a kept line's). */
		for (sp = i; sp < nc && (cells[sp].flags & CELL_SPACE) &&
		    !(cells[sp].flags & CELL_BREAK); sp++)
			;

		/* A cell wider than what the indent leaves: no indent. */
		if (cells[i].width > rw) {
			rw += ind;
			ind = 0;
		}
		first = i;
		col = 0;
		for (; i < nc; i++) {
			const struct cell	*c;

			/* What fits and ends nothing, in a tight loop. */
			while (i < nc && !(cells[i].flags & CELL_BREAK) &&
			    col + cells[i].width <= rw)
				col += cells[i++].width;
			if (i >= nc)
				break;
			c = &cells[i];
			if (c->flags & CELL_BREAK) {
				layout_add_row(lay, &rcap, first, i, col,
				    ROW_HARD | ROW_LAST);
				lay->rows[lay->nrows - 1].indent = (uint16_t)ind;
				i++;
				goto next_row;
			}
			if (col + c->width > rw && i > first &&
			    !(c->flags & CELL_SPACE)) {
				lastbrk = layout_last_break(bp, cells, first,
				    i);
				if (lastbrk > sp) {
					while (i > lastbrk)
						col -= cells[--i].width;
				} else if (verb) {
					/* Keep a column for the mark; go on at
					 * the last word that starts in the
					 * row, if one does and fits on the
					 * next, else anywhere. */
					for (k = i, w = col; k > sp + 1 &&
					    (w > rw - 1 || (cells[k].flags &
					    CELL_SPACE) || !(cells[k - 1].flags &
					    CELL_SPACE)); )
						w -= cells[--k].width;
					if (k > sp + 1 && layout_word_fits(cells,
					    nc, k, wide - base - kept - 1))
						while (i > k)
							col -= cells[--i].width;
					while (i > first + 1 && col > rw - 1)
						col -= cells[--i].width;
					/* No room for it beside one wide cell. */
					if (col <= rw - 1)
						flags = ROW_CONT;
				}
				break;
			}
			col += c->width;
		}
		if (i >= nc)
			flags |= piece->end < blk->end ? ROW_PIECE : ROW_LAST;
		layout_add_row(lay, &rcap, first, i, col, flags);
		lay->rows[lay->nrows - 1].indent = (uint16_t)ind;
next_row:
		;
	}
	/* A centred title's rows, each in the middle of the width. */
	for (i = lay->gap; b.centred && i < lay->nrows; i++) {
		lay->rows[i].indent = (uint16_t)((width - lay->rows[i].width) /
		    2);
		lay->rows[i].flags |= ROW_CENTRED;
	}
	/* A block with nothing to show (a lone BOM) still has a row. */
	if (lay->nrows == lay->gap)
		layout_add_row(lay, &rcap, 0, 0, 0, piece->end < blk->end ?
		    ROW_PIECE : ROW_LAST);
	for (i = lay->gap; (db != NULL || quote > 0) && i < lay->nrows; i++)
		layout_bars(&lay->rows[i], db != NULL ? db->bars : quote,
		    db != NULL ? db->bars : quote, lay->rows[i].indent);

	/* A layout that is kept (a pager's) holds no more than it needs. */
	lay->rowcap = rcap;
	if (!reused && lay->ncells < lay->cellcap / 2) {
		lay->cellcap = lay->ncells > 0 ? lay->ncells : 1;
		lay->cells = xreallocarray(lay->cells, lay->cellcap,
		    sizeof *lay->cells);
	}
	if (b.n > lay->textcap) {
		free(lay->text);
		lay->text = xmalloc(b.n);
		lay->textcap = b.n;
	}
	if (b.n > 0)
		memcpy(lay->text, b.t, b.n);
	lay->ntext = b.n;
	lay->sgr = b.runs;
	lay->nsgr = b.nruns;
	b.runs = NULL;
	b.nruns = 0;
	builder_trim(&b);
#undef b
	/* Right to left: each row reordered for display. */
	bidi_layout(lay, dir, ci.mayrtl);
	return lay;
}

/* The work layout has done on the calling thread so far (for the tests). */
void
layout_stats(struct layout_stats *st)
{
	*st = stats;
	st->lbrk += bounds_counts.lbrk;
	st->scan += bounds_counts.scan;
	st->gbrk += bounds_counts.gbrk;
}

/* Give back the calling thread's scratch space (before it exits). */
void
layout_release(void)
{
	scratch.cap = LAYOUT_KEEP + 1;
	builder_trim(&scratch);
	layout_destroy(spare);
	spare = NULL;
	cells_release();
	fit_release();
	thai_release();
	bidi_release();
}

/*
 * Done with a layout that is not kept (a dump's): the next one made on
 * this thread reuses its buffers, which saves their allocation and their
 * first touch.
 */
void
layout_recycle(struct layout *lay)
{
	if (lay == NULL)
		return;
	if (spare != NULL) {
		layout_destroy(lay);
		return;
	}
	free(lay->sgr);
	free(lay->levels);
	free(lay->order);
	free(lay->shaped);
	lay->sgr = NULL;
	lay->levels = NULL;
	lay->order = NULL;
	lay->shaped = NULL;
	spare = lay;
}

void
layout_destroy(struct layout *lay)
{
	if (lay == NULL)
		return;
	free(lay->text);
	free(lay->cells);
	free(lay->rows);
	free(lay->sgr);
	free(lay->levels);
	free(lay->order);
	free(lay->shaped);
	free(lay);
}

/* Source offset (absolute) where a row starts; gap rows give the block. */
size_t
layout_row_start(const struct layout *lay, size_t row)
{
	const struct row	*r = &lay->rows[row];

	if ((r->flags & ROW_GAP) || r->first >= lay->ncells)
		return lay->start;
	return lay->start + lay->cells[r->first].src;
}

/* The row that shows absolute source offset off (never a gap row). */
size_t
layout_row_of(const struct layout *lay, size_t off)
{
	size_t	r, best = lay->gap;

	for (r = lay->gap; r < lay->nrows; r++) {
		if (lay->rows[r].count == 0 && !(lay->rows[r].flags & ROW_HARD))
			continue;
		if (layout_row_start(lay, r) > off)
			break;
		best = r;
	}
	if (best >= lay->nrows)
		best = lay->nrows > 0 ? lay->nrows - 1 : 0;
	return best;
}
