/*
 * layout.c: set one block in rows of at most a given width.
 *
 * The block's display text (builder.c) is cut into grapheme clusters (cells) and measured by
 * the one width function; rows are then filled greedily, breaking only
 * where UAX #14 allows (libunistring), and at a cluster boundary only when
 * a run has no break opportunity and is wider than the row.
 *
 * Speed: this runs for every block on the screen and, in a dump, for the
 * whole document, so the common cases have fast paths that give the same
 * answers as the general ones, each checked against them by the tests:
 * printable text is copied in runs, ASCII and "plain" code points need no
 * clustering call (bounds_clusters), and line break opportunities are
 * asked for only near the end of each row (bounds_lines_range), each
 * byte a few times at most in any script (builder_breaks). A block longer
 * than LAYOUT_HUGE is laid out in pieces, as it is shown (see "Pieces").
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

#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>
#include <uniwidth.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "lede.h"

#include "builder.h"

static _Thread_local struct builder	scratch;	/* one per thread */
static _Thread_local struct layout	*spare;		/* layout_recycle() */
static _Thread_local struct layout_stats stats;		/* its work */

/*
 * The runs of printable ASCII the cells were made of, a cell a byte: the
 * opportunities of total fit are found in them sixteen bytes at a time.
 */
struct span {
	size_t	text;		/* its first byte in the display text */
	size_t	cell;		/* its first cell */
	size_t	n;		/* bytes, and cells */
};
static _Thread_local struct spans {
	struct span	*v;
	size_t		 n;
	size_t		 cap;
} spans;

/*
 * The end of the cell that starts at text[a] in a cluster ending at end:
 * the whole cluster, or, if it is wider than maxw columns (a long emoji
 * ZWJ sequence at a narrow width) or longer than a cell can hold, its
 * longest prefix of whole code points that fits, so that no cell is wider
 * than a row. *wp is set to the cell's width, as width_cluster counts it:
 * what the terminal joins (a code point after a ZWJ, a skin tone, see
 * probe.c) adds nothing.
 */
static size_t
layout_cell_end(const uint8_t *t, size_t a, size_t end, int maxw, int *wp)
{
	size_t	p = a, q = a;
	ucs4_t	uc, prev = 0;
	int	w = 0, cw, k;

	while (p < end) {
		k = u8_mbtouc(&uc, t + p, end - p);
		/* What uc adds after the code point at q: the one rule. */
		cw = p == a ? width_lead(uc) :
		    width_cluster(t + q, p + (size_t)k - q) - width_cp(prev);
		if (p > a && (w + cw > maxw || p + (size_t)k - a > UINT16_MAX))
			break;
		w += cw;
		q = p;
		prev = uc;
		p += (size_t)k;
	}
	*wp = w;
	return p;
}


/*
 * The cells of printable ASCII t[a, r), a byte a cell, into c: text
 * offset i, source offset s0 + step * i, one byte, one column, a space
 * CELL_SPACE, all with flags vf. Returns how many (r - a). A run of
 * prose is most of what a dump lays out: four cells (48 bytes) at a
 * time where the machine allows.
 */
static size_t
layout_ascii_cells(struct cell *c, const uint8_t *t, size_t a, size_t r,
    uint32_t s0, uint32_t step, uint8_t vf)
{
	_Static_assert(sizeof *c == 12 && CELL_SPACE == 1,
	    "three words a cell: text, src, then len 1, width 1, flags");
	size_t		i = a;
	uint32_t	m = 1u | 1u << 16 | (uint32_t)vf << 24;
#ifdef __SSE2__
	if (r - a < 8)		/* a word or less: the vectors cost more */
		goto rest;
	const __m128i	four = _mm_set1_epi32(4), blank = _mm_set1_epi8(' '),
			one = _mm_set1_epi32(1), zero = _mm_setzero_si128();
	__m128i		ti, si, mm, sp, x, y;
	uint32_t	w;

	ti = _mm_add_epi32(_mm_set1_epi32((int)a), _mm_set_epi32(3, 2, 1,
	    0));
	si = _mm_add_epi32(_mm_set1_epi32((int)(s0 + step * (uint32_t)a)),
	    _mm_set_epi32((int)(3 * step), (int)(2 * step), (int)step, 0));
	for (; i + 4 <= r; i += 4, c += 4) {
		__m128i	*v = (__m128i *)(void *)c;

		memcpy(&w, t + i, 4);
		/* The four bytes' dwords: 1 for a space, else 0. */
		sp = _mm_cmpeq_epi8(_mm_cvtsi32_si128((int)w), blank);
		sp = _mm_unpacklo_epi16(_mm_unpacklo_epi8(sp, zero), zero);
		mm = _mm_or_si128(_mm_set1_epi32((int)m),
		    _mm_slli_epi32(_mm_and_si128(sp, one), 24));
		/* (t0 s0 m0 t1) (s1 m1 t2 s2) (m2 t3 s3 m3) */
		x = _mm_unpacklo_epi32(ti, si);
		y = _mm_unpacklo_epi32(mm, ti);
		_mm_storeu_si128(v, _mm_castps_si128(
		    _mm_shuffle_ps(_mm_castsi128_ps(x), _mm_castsi128_ps(y),
		    _MM_SHUFFLE(3, 0, 1, 0))));
		x = _mm_unpacklo_epi32(si, mm);
		y = _mm_unpackhi_epi32(ti, si);
		_mm_storeu_si128(v + 1, _mm_castps_si128(
		    _mm_shuffle_ps(_mm_castsi128_ps(x), _mm_castsi128_ps(y),
		    _MM_SHUFFLE(1, 0, 3, 2))));
		x = _mm_unpackhi_epi32(mm, ti);
		y = _mm_unpackhi_epi32(si, mm);
		_mm_storeu_si128(v + 2, _mm_castps_si128(
		    _mm_shuffle_ps(_mm_castsi128_ps(x), _mm_castsi128_ps(y),
		    _MM_SHUFFLE(3, 2, 3, 0))));
		ti = _mm_add_epi32(ti, four);
		si = _mm_add_epi32(si, _mm_set1_epi32((int)(4 * step)));
	}
rest:
#endif
	for (; i < r; i++, c++)
		*c = (struct cell){ (uint32_t)i, s0 + step * (uint32_t)i, 1, 1,
		    (uint8_t)((t[i] == ' ' ? CELL_SPACE : 0) | vf) };
	return r - a;
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
 * bounds_cluster_at(), its answers for ASCII and plain code points (all
 * but a few) without the call.
 */
static inline int
layout_gb(const uint8_t *t, size_t n, char *g, size_t *known, size_t p)
{
	ucs4_t	uc;

	if (p < *known)
		return g[p];
	if (t[p] < 0x80)
		return t[p] != '\n' || p == 0 || t[p - 1] != '\r';
	if ((t[p] & 0xc0) != 0x80 && (bounds_decode(t + p, t + n, &uc),
	    uprop(uc) & UP_PLAIN))
		return 1;
	return bounds_cluster_at(t, n, g, known, p);
}

/*
 * bidi_lead_rtl(), asked only of the lead bytes that may start
 * right-to-left text, D6 to DF, E0, E2, EF and F0 (from D6: bits 0 to 9,
 * 10, 12, 25 and 26): no call for the others, as every code point that
 * is not ASCII is looked at.
 */
static inline int
layout_rtl(const uint8_t *t, size_t i, size_t n)
{
	unsigned	b = t[i] - 0xd6u;

	return b <= 26 && (0x60017ffu >> b & 1) && bidi_lead_rtl(t, i, n);
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

/*
 * Close the row of cells [first, end), w columns wide, and append it.
 */
static void
layout_add_row(struct layout *lay, size_t *cap, size_t first, size_t end,
    int w, uint8_t flags)
{
	struct row	*r;

	/* Trailing white space hangs past the margin: not part of the row. */
	while (end > first && (lay->cells[end - 1].flags & CELL_SPACE))
		w -= lay->cells[--end].width;
	if (lay->nrows == *cap) {
		*cap = *cap == 0 ? 8 : *cap * 2;
		lay->rows = xreallocarray(lay->rows, *cap, sizeof *lay->rows);
	}
	r = &lay->rows[lay->nrows++];
	r->first = (uint32_t)first;
	r->count = (uint32_t)(end - first);
	r->width = (uint16_t)w;
	r->indent = 0;
	r->bars = 0;
	r->flags = flags;
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
 * Total fit's opportunities in a span of ASCII cells (a cell a byte, a
 * column a cell), as layout_fit() finds them cell by cell: where a row may
 * start (not at a space), with the columns before it and the spaces just
 * before it. Adds them to c[*ncand...], moves *col, *trail (the spaces
 * just before) and *lastword (the cell after the last space) on, and
 * returns how many.
 */
static size_t
layout_fit_span(const struct span *sp, const uint8_t *t, const char *lbrk,
    struct fit_cand *c, size_t *ncand, uint32_t *col, uint32_t *trail,
    size_t *lastword)
{
	const uint8_t	*s = t + sp->text;
	const char	*l = lbrk + sp->text;
	size_t		 o = 0, n = sp->n, k0 = sp->cell, nc0 = *ncand, m = nc0;
	uint32_t	 col0 = *col, tr = *trail;
	char		 v;
#ifdef __SSE2__
	const __m128i	blank = _mm_set1_epi8(' '),
			may = _mm_set1_epi8(UC_BREAK_POSSIBLE),
			must = _mm_set1_epi8(UC_BREAK_MANDATORY);
	__m128i		x, y;
	unsigned	sps, brk, below;
	int		b;

	for (; o + 16 <= n; o += 16) {
		x = _mm_loadu_si128((const __m128i *)(const void *)(s + o));
		y = _mm_loadu_si128((const __m128i *)(const void *)(l + o));
		sps = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, blank));
		brk = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_cmpeq_epi8(y, may), _mm_cmpeq_epi8(y, must))) & ~sps;
		if (k0 + o == 0)
			brk &= ~1u;		/* no row starts before cell 0 */
		for (; brk != 0; brk &= brk - 1) {
			b = __builtin_ctz(brk);
			/* The spaces just before: back to the last other. */
			below = ~sps & ((1u << b) - 1);
			c[m++] = (struct fit_cand){ (uint32_t)(k0 + o) +
			    (uint32_t)b, col0 + (uint32_t)o + (uint32_t)b,
			    below != 0 ? (uint32_t)(b - 32 +
			    __builtin_clz(below)) : tr + (uint32_t)b, 0 };
		}
		if ((~sps & 0xffffu) == 0)
			tr += 16;
		else
			tr = (uint32_t)__builtin_clz(~sps << 16);
		if (sps != 0)
			*lastword = k0 + o + 32 - (size_t)__builtin_clz(sps);
	}
#endif
	for (; o < n; o++) {
		if (s[o] == ' ') {
			tr++;
			*lastword = k0 + o + 1;
			continue;
		}
		v = l[o];
		if (k0 + o > 0 && (v == UC_BREAK_POSSIBLE ||
		    v == UC_BREAK_MANDATORY))
			c[m++] = (struct fit_cand){ (uint32_t)(k0 + o),
			    col0 + (uint32_t)o, tr, 0 };
		tr = 0;
	}
	*ncand = m;
	*col = col0 + (uint32_t)n;
	*trail = tr;
	return m - nc0;
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
	size_t			 dense = nc / FIT_DENSE + 2;
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
		/* A run of ASCII, in vectors. */
		while (sp < spans.n && spans.v[sp].cell < k)
			sp++;
		if (may == NULL && sp < spans.n && spans.v[sp].cell == k) {
			layout_fit_ask(bp, &known, spans.v[sp].text +
			    spans.v[sp].n);
			plain += layout_fit_span(&spans.v[sp], (const uint8_t *)
			    bp->t, lbrk, c, &ncand, &col, &trail, &lastword);
			if (plain > dense)
				break;
			k += spans.v[sp].n - 1;
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
	char		*gbrk;
	const uint8_t	*t;
	struct cell	*cells;
	ucs4_t		 uc;
	size_t		 i, a, k, e, nc, ncap, rcap, first, lastbrk;
	size_t		 wlo = SIZE_MAX, whi = 0;	/* the wide cells */
	size_t		 gknown;	/* gbrk is right before it */
	int		 mayrtl = 0;	/* a cell may be right to left */
	int		 id, previd = 0;	/* ideographs (uprop_ideo) */
	size_t		 ideo2 = 0;	/* cells of them after one */
	int		 col, w, lead = 0, hang = 0, kept = 0, base = 0, reflow;
	int		 nest = 0;	/* an inner item's marker, columns */
	int		 quote = 0, bars = 0;	/* a mail's quote; gap bars */
	int		 first1;	/* indented prose's first line's indent */
	int		 reused = spare != NULL;
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
	else if (lay->type == BLOCK_PARAGRAPH &&
	    (bp->prose = parse_prose_indent(doc, blk, &first1)) > 0) {
		/* In by its first line's indent, its rows after the first
		 * by the others' (hanging, if more). */
		base = first1 < width / 2 ? first1 : width / 2;
		hang = bp->prose - first1 < (width - base) / 2 ? bp->prose -
		    first1 : (width - base) / 2;
	}

#define b (*bp)
	/* The cluster boundary before text position p (layout_gb). */
#define GB(p)	layout_gb(t, b.n, gbrk, &gknown, (p))
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
	gbrk = b.gbrk;
	t = (const uint8_t *)b.t;
	b.blo = b.bhi = b.alo = b.ahi = 0;
	/*
	 * Clusters are asked about as the cells are made (GB() below), but
	 * where a visible control or a kept line break is: each byte of the
	 * one is a cell of its own, and so is the other; nothing joins a
	 * cluster across either.
	 */
	gknown = 0;
	if (b.any & (TB_VISIBLE | TB_HARD)) {
		bounds_clusters(t, b.n, gbrk);
		gknown = b.n;
	}
	for (k = 0; (b.any & (TB_VISIBLE | TB_HARD)) && k < b.nsegs; k++) {
		if (!(b.segs[k].fl & (TB_VISIBLE | TB_HARD)))
			continue;
		e = builder_seg_end(&b, k);
		memset(gbrk + b.segs[k].text, 1, e - b.segs[k].text);
		if (e < b.n)
			gbrk[e] = 1;
	}

	/* Cells: one per grapheme cluster, so at most one per byte. */
	spans.n = 0;
	ncap = b.n;
	if (ncap > lay->cellcap) {
		free(lay->cells);
		lay->cells = xreallocarray(NULL, ncap, sizeof *lay->cells);
		lay->cellcap = ncap;
	}
	cells = lay->cells;
	for (a = 0, k = 0, nc = 0; a < b.n; a = i) {
		const struct seg	*sg;
		struct cell		*c;
		uint8_t			 vf;

		while (k + 1 < b.nsegs && b.segs[k + 1].text <= a)
			k++;
		/* Where a run of others starts, it is asked about. */
		if (a >= gknown && t[a] >= 0x80)
			(void)GB(a);
		sg = &b.segs[k];
		e = builder_seg_end(&b, k);
		vf = (sg->fl & TB_VERBATIM) ? CELL_VERBATIM :
		    (sg->fl & TB_KEPT) ? CELL_KEPT : 0;
		/*
		 * Printable ASCII: each a cluster of its own, but for the last
		 * of a run, which a mark after it may join (UAX #29 has a
		 * boundary between two ASCII characters but in CR LF).
		 */
		i = a;
		if (!(sg->fl & (TB_HARD | TB_VISIBLE))) {
			size_t		r = (size_t)(sanitize_ascii_run(t + a,
					    t + e) - t);
			uint32_t	s0 = sg->src, step = sg->copy;

			s0 -= step * sg->text;	/* doc of byte i: s0 + i */
			if (r > a && r < b.n && !GB(r))
				r--;
			if (r > a && spans.n > 0 && spans.v[spans.n - 1].text +
			    spans.v[spans.n - 1].n == a && spans.v[spans.n -
			    1].cell + spans.v[spans.n - 1].n == nc)
				/* Right after the last (the space that joins two
				 * lines, the next line): one span. */
				spans.v[spans.n - 1].n += r - a;
			else if (r > a) {
				if (spans.n == spans.cap) {
					spans.cap = spans.cap ? 2 * spans.cap :
					    64;
					spans.v = xreallocarray(spans.v,
					    spans.cap, sizeof *spans.v);
				}
				spans.v[spans.n++] = (struct span){ a, nc,
				    r - a };
			}
			nc += layout_ascii_cells(cells + nc, t, a, r, s0,
			    step, vf);
			i = r;
			if (i > a) {
				previd = 0;
				continue;
			}
		}
		/* Code points that are a cluster alone (letters, ideographs),
		 * one after another: a cell each, in a tight loop. */
		if (!(sg->fl & (TB_HARD | TB_VISIBLE)) && t[a] >= 0x80) {
			uint32_t	s0 = sg->src - sg->copy * sg->text;
			size_t		n0 = nc;
			int		len;

			for (i = a; i < e && t[i] >= 0x80; i += (size_t)len) {
				len = bounds_decode(t + i, t + b.n, &uc);
				if (i + (size_t)len > e || (i + (size_t)len <
				    b.n && !GB(i + (size_t)len)))
					break;		/* a cluster of more */
				w = width_lead(uc);
				mayrtl |= layout_rtl(t, i, b.n);
				/* An ideograph after one: a break between. */
				id = uprop_ideo(uc);
				ideo2 += (size_t)(id & previd);
				previd = id;
				cells[nc++] = (struct cell){ (uint32_t)i, s0 +
				    sg->copy * (uint32_t)i, (uint16_t)len,
				    (uint8_t)w, vf };
				if (w >= 2) {
					wlo = wlo < nc ? wlo : nc - 1;
					whi = nc;
				}
			}
			if (nc > n0)
				continue;
		}
		/* Any other cluster. */
		previd = 0;
		for (i = a + 1; i < b.n && !GB(i); i++)
			;
		w = 0;
		if (sg->fl & (TB_HARD | TB_VISIBLE))
			;
		else if (mayrtl |= layout_rtl(t, a, b.n),
		    a + (size_t)bounds_decode(t + a, t + b.n, &uc) == i)
			/* One code point, as layout_cell_end counts it. */
			w = width_lead(uc);
		else
			i = layout_cell_end(t, a, i,
			    width < 255 ? width : 255, &w);
		c = &cells[nc++];
		c->text = (uint32_t)a;
		c->src = sg->copy ? sg->src + (uint32_t)(a - sg->text) :
		    sg->src;
		c->len = (uint16_t)(i - a);
		c->flags = vf;
		if (sg->fl & TB_HARD) {
			c->width = 0;
			c->flags |= CELL_BREAK;
		} else if (sg->fl & TB_VISIBLE) {
			c->width = 1;
			c->flags |= CELL_VISIBLE;
		} else {
			c->width = (uint8_t)w;
			if (w >= 2) {
				wlo = wlo < nc ? wlo : nc - 1;
				whi = nc;
			}
			if (i - a == 1 && b.t[a] == ' ')
				c->flags |= CELL_SPACE;
		}
	}

	lay->ncells = nc;

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
		layout_slots(lay, bp, wlo, whi);
	/* A reflowed paragraph, whole: the rows that fit it best; not
	 * text that is sure to be dense (layout_fit), as Chinese and
	 * Japanese are, with a break between two ideographs. */
	i = 0;
	if (reflow && !fit_greedy && nc > 0 && nc <= FIT_MAX &&
	    ideo2 <= nc / FIT_DENSE &&
	    !layout_get_chop() && piece->start == blk->start &&
	    piece->end == blk->end &&
	    layout_fit(lay, bp, &rcap, width, lead, hang, base, whi > 0))
		i = nc;
	/* Else fill rows greedily, each as wide as its indent leaves. */
	while (i < nc) {
		int	verb = cells[i].flags & CELL_VERBATIM;
		int	ind = lay->nrows == lay->gap ? lead : hang;
		int	rw;
		size_t	sp;
		uint8_t	flags = 0;

		/* An item inside an item starts after a kept break: its
		 * rows after the first hang past its marker. */
		if (lay->nrows > lay->gap && (lay->rows[lay->nrows - 1].flags &
		    ROW_HARD) && lay->type == BLOCK_ITEM)
			nest = builder_marker_cols(&b, cells, nc, i);
		else if (lay->nrows > lay->gap)
			ind += nest;
		/* A kept line: its rows after the first hang two columns
		 * in from its indent. */
		if (cells[i].flags & CELL_KEPT) {
			if (lay->nrows == lay->gap ||
			    (lay->rows[lay->nrows - 1].flags & ROW_HARD)) {
				for (kept = 0, sp = i; sp < nc && (cells[sp].flags &
				    CELL_SPACE); sp++)
					kept += cells[sp].width;
				kept = kept + 2 > width / 2 ? width / 2 :
				    kept + 2;
				ind = 0;
			} else
				ind = kept;
		}
		ind += base;		/* a front end's nesting */
		rw = ((cells[i].flags & (CELL_VERBATIM | CELL_KEPT)) ? wide :
		    width) - ind;
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
					/* Keep a column for the mark. */
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
#undef GB
#undef b
	/* Right to left: each row reordered for display. */
	bidi_layout(lay, db != NULL && db->dir != 0 ? db->dir - (db->dir ==
	    BIDI_AUTO + 1) : doc->rtl ? BIDI_RTL : bidi_lang_rtl(doc->lang) ?
	    BIDI_AUTO_RTL : BIDI_AUTO, mayrtl);
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
	free(spans.v);
	memset(&spans, 0, sizeof spans);
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
