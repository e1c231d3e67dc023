/*
 * builder.h: the display text of a block, as builder.c makes it, cells.c
 * cuts it and layout.c sets it (private to the three).
 */

#ifndef LEDE_BUILDER_H
#define LEDE_BUILDER_H

/* Flags of each byte of the display text while it is built. */
#define TB_VISIBLE	0x01	/* part of a control shown visibly */
#define TB_HARD		0x02	/* a kept line break */
#define TB_VERBATIM	0x04	/* from a verbatim line */
#define TB_KEPT		0x08	/* from a kept line (BLOCK_LINES) */

/*
 * The display text is made of segments, each from one place of the
 * source: a copy (printable text, byte for byte, which includes whole
 * lines of it) or an expansion (a control shown visibly, a tab's spaces,
 * the space that joins two lines, a kept line break), all of whose bytes
 * come from one source offset. Cells find their source offsets there.
 */
struct seg {
	uint32_t	 text;	/* its first byte in the display text */
	uint32_t	 src;	/* source offset, relative to the block */
	uint8_t		 fl;	/* TB_* */
	uint8_t		 copy;	/* the source's bytes, one for one */
};

/*
 * The display text and its arrays are scratch space, kept from one block
 * to the next (only the text is copied into the layout), and given back
 * when a huge block made them larger than LAYOUT_KEEP bytes.
 */
#define LAYOUT_KEEP	(1u << 20)

struct builder {
	char		*t;	/* display text */
	char		*lbrk;	/* per byte: line break opportunities */
	size_t		 blo;	/* lbrk is right for [blo, bhi) */
	size_t		 bhi;
	size_t		 alo;	/* an anchor (or 0), none in (alo, ahi) */
	size_t		 ahi;
	char		*gbrk;	/* per byte: grapheme cluster boundaries
				   (cells_count: columns, cells_cols) */
	size_t		 n;
	size_t		 cap;
	struct seg	*segs;	/* in text order */
	size_t		 nsegs;
	size_t		 segcap;
	struct sgr	 sgr;	/* -R: the style in effect */
	struct sgr_run	*runs;	/* -R: where styles change */
	size_t		 nruns;
	size_t		 snext;	/* the front end's next style change, at
				   this offset of the text (doc->styles) */
	uint8_t		 any;	/* TB_* of any byte */
	int		 prose;	/* indented prose: no line is verbatim
				   (parse_prose_indent) */
	int		 centred;	/* a centred title: its lines kept,
					   from their text (parse_is_centred) */
	int		 stanza;	/* fields going on over lines: none
					   verbatim (parse_is_stanza) */
};

void		 builder_grow(struct builder *, size_t);
void		 builder_trim(struct builder *);
size_t		 builder_seg_end(const struct builder *, size_t);
size_t		 builder_seg_at(const struct builder *, size_t);
int		 builder_marker_cols(const struct builder *, const struct cell *,
		     size_t, size_t);
void		 builder_breaks(struct builder *, size_t, size_t);
void		 builder_block(struct builder *, const struct doc *,
		     const struct block *, int, size_t, size_t);

/*
 * The runs of narrow cells the cells were made of: each a code point
 * alone of one column, printable ASCII (a space is one) or not (as ’ and
 * é are). The opportunities of total fit are found in them sixteen bytes
 * at a time.
 */
struct span {
	size_t	text;		/* its first byte in the display text */
	size_t	cell;		/* its first cell */
	size_t	n;		/* bytes */
	size_t	cells;		/* cells, and columns */
};

size_t		 fit_span(const struct span *, const uint8_t *, const char *,
		     struct fit_cand *, size_t *, uint32_t *, uint32_t *,
		     size_t *, int);

/* What cells_make() found of the cells it made. */
struct cellinfo {
	size_t	wlo;		/* the wide cells are in [wlo, whi), if any */
	size_t	whi;
	size_t	ideo2;		/* cells of ideographs after one */
	int	mayrtl;		/* a cell may be right to left (bidi_lead_rtl) */
};

/*
 * bidi_lead_rtl(), asked only of the lead bytes that may start
 * right-to-left text, D6 to DF, E0, E2, EF and F0 (from D6: bits 0 to 9,
 * 10, 12, 25 and 26): no call for the others, as every code point that
 * is not ASCII is looked at. Nor for E2 xx 9x (among them the dashes and
 * quotation marks, U+2010 to U+201F): of E2, only U+200F, U+202B, U+202E
 * and U+2067 may be (t-bidi tries every code point).
 */
static inline int
cells_rtl(const uint8_t *t, size_t i, size_t n)
{
	unsigned	b = t[i] - 0xd6u;

	return b <= 26 && (0x60017ffu >> b & 1) && !(b == 12 && i + 2 < n &&
	    (t[i + 2] & 0xf0) == 0x90) && bidi_lead_rtl(t, i, n);
}

size_t		 cells_make(struct builder *, struct cell *, int,
		     struct cellinfo *);
const struct span *cells_spans(size_t *);
size_t		 cells_count(struct builder *, struct cellinfo *);

/* The columns of the code point at t[i] of text that cells_count() took,
 * and its length in *len. */
static inline int
cells_cols(const struct builder *bp, size_t i, int *len)
{
	unsigned	c = (unsigned char)bp->t[i];

	if (c < 0x80) {
		*len = 1;
		return 1;
	}
	*len = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	return bp->gbrk[i];
}
void		 cells_release(void);

#endif
