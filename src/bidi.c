/*
 * bidi.c: right-to-left text, by the Unicode Bidirectional Algorithm
 * (UAX #9) as GNU FriBidi implements it.
 *
 * Layout breaks a paragraph into rows in logical order, as for any text
 * (UAX #9 says so: lines are broken before they are reordered). Then,
 * if the paragraph has right-to-left text (or the document's language is
 * written right to left), bidi_layout() resolves its embedding levels
 * once, over the whole paragraph (brackets paired), and reorders each
 * row by itself (rules L1 and L2): lay->order holds, for each row, its
 * cells from left to right; lay->levels each cell's level, odd for
 * right to left, where a mirrored glyph is drawn (bidi_glyph). Text
 * with no right-to-left character costs one look at its non-ASCII cells
 * and nothing after.
 *
 * The algorithm runs on one code point a cell (its cluster's first, the
 * base: a mark takes the level of its base anyway; a control shown as
 * <U+XXXX> counts as a neutral, U+FFFD): so the order is of whole
 * clusters, and never splits one. Explicit embeddings, overrides and
 * isolates are shown as <U+XXXX> by sanitize.c, and so never act.
 *
 * With --arabic-shaping (bidi_shaping), for terminals that draw every
 * letter alone, Arabic letters are drawn in the presentation form their
 * place in a word asks for (initial, medial, final, isolated), joined by
 * FriBidi over the paragraph's code points in logical order, so a
 * zero-width non-joiner keeps its word apart; lay->shaped holds them.
 *
 * bidi_order() is the one path, used by layout and by the conformance
 * test (Unicode's BidiCharacterTest.txt, tests/t-bidi.c); bidi_visual()
 * puts a line of the interface (a heading in the status line, a menu
 * entry) in display order.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <fribidi.h>
#include <unigbrk.h>
#include <unistr.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "lede.h"

int	bidi_shaping;		/* --arabic-shaping */

/* The algorithm's arrays, kept between paragraphs: one set a thread. */
static _Thread_local struct bidibuf {
	size_t			 cap;
	FriBidiChar		*u;
	FriBidiCharType		*t;
	FriBidiBracketType	*b;
	FriBidiLevel		*l;
	FriBidiStrIndex		*map;
} bb;

static void
bidi_grow(size_t n)
{
	if (bb.cap >= n)
		return;
	bb.cap = n > 256 ? n : 256;
	bb.u = xreallocarray(bb.u, bb.cap, sizeof *bb.u);
	bb.t = xreallocarray(bb.t, bb.cap, sizeof *bb.t);
	bb.b = xreallocarray(bb.b, bb.cap, sizeof *bb.b);
	bb.l = xreallocarray(bb.l, bb.cap, sizeof *bb.l);
	bb.map = xreallocarray(bb.map, bb.cap, sizeof *bb.map);
}

/* Free the calling thread's arrays. */
void
bidi_release(void)
{
	free(bb.u);
	free(bb.t);
	free(bb.b);
	free(bb.l);
	free(bb.map);
	memset(&bb, 0, sizeof bb);
}

/*
 * Resolve the levels of the n code points of one paragraph (dir:
 * BIDI_AUTO, the first strong character's, else left to right;
 * BIDI_AUTO_RTL, the same but right to left if none; BIDI_LTR,
 * BIDI_RTL), then reorder each of its lines: line i is [lines[i],
 * lines[i + 1]) (the last to n), and order[lines[i] + k] is set to the
 * logical index shown k-th from the left. levels[] gets each code
 * point's level after rule L1 (if not NULL). Returns the paragraph's
 * level (0 or 1), or -1 if FriBidi failed (out of memory).
 */
int
bidi_order(const uint32_t *u, size_t n, int dir, const size_t *lines,
    size_t nlines, uint8_t *levels, uint32_t *order)
{
	FriBidiParType	base;
	size_t		i, k, a, z;

	if (n == 0)
		return dir == BIDI_RTL || dir == BIDI_AUTO_RTL;
	if (n > INT32_MAX)
		return -1;
	bidi_grow(n);
	memcpy(bb.u, u, n * sizeof *u);
	fribidi_get_bidi_types(bb.u, (FriBidiStrIndex)n, bb.t);
	fribidi_get_bracket_types(bb.u, (FriBidiStrIndex)n, bb.t, bb.b);
	base = dir == BIDI_RTL ? FRIBIDI_PAR_RTL : dir == BIDI_LTR ?
	    FRIBIDI_PAR_LTR : dir == BIDI_AUTO_RTL ? FRIBIDI_PAR_WRTL :
	    FRIBIDI_PAR_ON;
	if (fribidi_get_par_embedding_levels_ex(bb.t, bb.b,
	    (FriBidiStrIndex)n, &base, bb.l) == 0)
		return -1;
	for (i = 0; i < n; i++)
		bb.map[i] = (FriBidiStrIndex)i;
	for (i = 0; i < nlines; i++) {
		a = lines[i];
		z = i + 1 < nlines ? lines[i + 1] : n;
		if (z <= a || z > n)
			continue;
		if (fribidi_reorder_line(0, bb.t, (FriBidiStrIndex)(z - a),
		    (FriBidiStrIndex)a, base, bb.l, NULL, bb.map) == 0)
			return -1;
	}
	for (k = 0; k < n; k++)
		order[k] = (uint32_t)bb.map[k];
	if (levels != NULL)
		for (k = 0; k < n; k++)
			levels[k] = (uint8_t)bb.l[k];
	return FRIBIDI_IS_RTL(base) ? 1 : 0;
}

/* Does the code point call for the algorithm: a right-to-left letter,
 * an Arabic number, or a mark that says right to left? */
static int
bidi_wants(uint32_t cp)
{
	FriBidiCharType	t = fribidi_get_bidi_type(cp);

	return FRIBIDI_IS_RTL(t) || t == FRIBIDI_TYPE_AN;
}

/* Is a language (BCP 47: "he", "ar-EG", "fa_IR") written right to left? */
int
bidi_lang_rtl(const char *lang)
{
	static const char *const	rtl[] = { "ar", "arc", "ckb", "dv",
	    "fa", "he", "iw", "ji", "ks", "ku-Arab", "ps", "sd", "syr",
	    "ug", "ur", "yi" };
	size_t				i, n;

	if (lang == NULL)
		return 0;
	for (i = 0; i < sizeof rtl / sizeof rtl[0]; i++) {
		n = strlen(rtl[i]);
		if (strncasecmp(lang, rtl[i], n) == 0 &&
		    (lang[n] == '\0' || lang[n] == '-' || lang[n] == '_' ||
		    lang[n] == '.'))
			return 1;
	}
	return 0;
}

/* The code point that stands for a cell in the algorithm. */
static uint32_t
bidi_cell_cp(const struct layout *lay, const struct cell *c)
{
	ucs4_t	uc;

	if (c->flags & CELL_VISIBLE)
		return 0xfffd;		/* a control shown: a neutral */
	if (c->len == 0)
		return ' ';
	if ((unsigned char)lay->text[c->text] < 0x80)
		return (unsigned char)lay->text[c->text];
	if (u8_mbtouc(&uc, (const uint8_t *)lay->text + c->text, c->len) < 1)
		return 0xfffd;
	return uc;
}

/*
 * --arabic-shaping: each cell's first code point in its joined form,
 * in lay->shaped (0 where it stays), or lay->shaped NULL if none changes.
 * Joining runs on all the code points (a mark is transparent, a
 * zero-width non-joiner breaks a word, a joiner joins), each at its
 * cell's level.
 */
static void
bidi_shape(struct layout *lay)
{
	const uint8_t		*t = (const uint8_t *)lay->text;
	FriBidiChar		*u;
	FriBidiCharType		*bt;
	FriBidiLevel		*lv;
	FriBidiArabicProp	*ar;
	size_t			*first, n = 0, i, k, any = 0;
	ucs4_t			 uc;
	int			 m;

	u = xreallocarray(NULL, lay->ntext + 1, sizeof *u);
	lv = xmalloc(lay->ntext + 1);
	first = xreallocarray(NULL, lay->ncells + 1, sizeof *first);
	for (i = 0; i < lay->ncells; i++) {
		const struct cell	*c = &lay->cells[i];

		first[i] = n;
		if (c->flags & CELL_VISIBLE) {
			u[n] = 0xfffd;
			lv[n++] = (FriBidiLevel)lay->levels[i];
			continue;
		}
		for (k = 0; k < c->len; k += (size_t)m) {
			if ((m = u8_mbtouc(&uc, t + c->text + k,
			    c->len - k)) < 1)
				break;
			u[n] = uc;
			lv[n++] = (FriBidiLevel)lay->levels[i];
		}
	}
	bt = xreallocarray(NULL, n + 1, sizeof *bt);
	ar = xmalloc(n + 1);
	fribidi_get_bidi_types(u, (FriBidiStrIndex)n, bt);
	fribidi_get_joining_types(u, (FriBidiStrIndex)n, ar);
	fribidi_join_arabic(bt, (FriBidiStrIndex)n, lv, ar);
	lay->shaped = xcalloc(lay->ncells, sizeof *lay->shaped);
	for (i = 0; i < lay->ncells; i++)
		if (!(lay->cells[i].flags & CELL_VISIBLE) &&
		    lay->cells[i].len > 0 && first[i] < n) {
			FriBidiChar	one = u[first[i]];

			fribidi_shape_arabic(FRIBIDI_FLAG_SHAPE_ARAB_PRES,
			    lv + first[i], 1, ar + first[i], &one);
			if (one != u[first[i]]) {
				lay->shaped[i] = one;
				any = 1;
			}
		}
	if (!any) {
		free(lay->shaped);
		lay->shaped = NULL;
	}
	free(u);
	free(lv);
	free(first);
	free(bt);
	free(ar);
}

/*
 * May the code point whose lead byte is t[i] (< n) of UTF-8 text be one
 * that bidi_wants()? A test of bytes, true for every such code point
 * (t-bidi checks each against FriBidi), so that text of other scripts
 * (ASCII, Latin, CJK, curly quotes) is passed over without decoding:
 * U+0590 to U+08FF (leads D6 to DF, E0 A0 to E0 A3), the marks U+200F,
 * U+202B, U+202E and U+2067, U+FB1D to U+FEFF (EF AC to EF BB), U+10800
 * to U+10FFF and U+1E800 to U+1EFFF. cells.c asks only about the leads
 * D6 to DF, E0, E2, EF and F0 (cells_rtl).
 */
int
bidi_lead_rtl(const uint8_t *t, size_t i, size_t n)
{
	if (t[i] >= 0xd6 && t[i] <= 0xdf)
		return 1;
	if (i + 1 >= n)
		return 0;
	switch (t[i]) {
	case 0xe0:
		return t[i + 1] >= 0xa0 && t[i + 1] <= 0xa3;
	case 0xe2:
		return i + 2 < n && ((t[i + 1] == 0x80 && (t[i + 2] == 0x8f ||
		    t[i + 2] == 0xab || t[i + 2] == 0xae)) ||
		    (t[i + 1] == 0x81 && t[i + 2] == 0xa7));
	case 0xef:
		return t[i + 1] >= 0xac && t[i + 1] <= 0xbb;
	case 0xf0:
		return i + 2 < n && (t[i + 1] == 0x90 || t[i + 1] == 0x9e) &&
		    t[i + 2] >= 0xa0;
	}
	return 0;
}

/*
 * Reorder the rows of a layout if it has right-to-left text, or if dir
 * (BIDI_*: the block's direction as the input says, or the document's)
 * sets it right to left. Code (verbatim lines) takes its direction from
 * its first strong character whatever the input says. maybe is 0 if no
 * cell's first code point may be right to left (bidi_lead_rtl: cells.c
 * finds it as it makes the cells). Sets lay->levels, lay->order and
 * lay->rtl, or leaves them NULL and 0.
 */
void
bidi_layout(struct layout *lay, int dir, int maybe)
{
	const struct cell	*c;
	size_t			 i, n = lay->ncells, nl = 0, *lines;
	size_t			 a, e, li, l0, k, ri;
	uint32_t		*u;
	int			 par = 0, rtl, first;

	lay->levels = NULL;
	lay->order = NULL;
	lay->shaped = NULL;
	lay->rtl = 0;
	if (n == 0)
		return;
	if (lay->cells[0].flags & CELL_VERBATIM)
		dir = BIDI_AUTO;
	rtl = dir == BIDI_RTL || dir == BIDI_AUTO_RTL;
	if (!rtl && !maybe)
		return;
	for (i = 0; !rtl && i < n; i++) {
		c = &lay->cells[i];
		if (c->len > 0 && !(c->flags & CELL_VISIBLE) &&
		    (unsigned char)lay->text[c->text] >= 0x80 &&
		    bidi_wants(bidi_cell_cp(lay, c)))
			break;
	}
	if (!rtl && i == n)
		return;
	u = xreallocarray(NULL, n, sizeof *u);
	lines = xreallocarray(NULL, lay->nrows + 1, sizeof *lines);
	for (i = 0; i < n; i++)
		u[i] = bidi_cell_cp(lay, &lay->cells[i]);
	/* Each row's line runs to the next row's first cell: its trailing
	 * blanks are in it (rule L1 puts them at its end). */
	for (i = 0; i < lay->nrows; i++) {
		const struct row	*r = &lay->rows[i];

		if ((r->flags & ROW_GAP) || r->first >= n ||
		    (nl > 0 && r->first < lines[nl - 1]))
			continue;
		lines[nl++] = r->first;
	}
	if (nl == 0 || lines[0] > 0) {	/* cells before the first row */
		memmove(lines + 1, lines, nl * sizeof *lines);
		lines[0] = 0;
		nl++;
	}
	lay->levels = xmalloc(n);
	lay->order = xreallocarray(NULL, n, sizeof *lay->order);
	/*
	 * A kept line break (lines kept, code) ends a paragraph (rule P1:
	 * it is a paragraph separator): each line is ordered by itself, its
	 * direction its own first strong letter's, unless the input said.
	 */
	for (a = 0, li = 0, ri = 0, first = -1; a < n; a = e) {
		for (e = a; e < n && !(lay->cells[e].flags & CELL_BREAK); e++)
			;
		if (e < n)
			e++;		/* the break ends its paragraph */
		for (l0 = li; li < nl && lines[li] < e; li++)
			lines[li] -= a;
		par = bidi_order(u + a, e - a, dir, lines + l0, li - l0,
		    lay->levels + a, lay->order + a);
		for (k = l0; k < li; k++)
			lines[k] += a;
		if (par < 0)
			break;
		for (k = a; k < e; k++)
			lay->order[k] += (uint32_t)a;
		if (first < 0)
			first = par;
		/* Its rows (in order, as the paragraphs): right to left or
		 * not. */
		for (; ri < lay->nrows && ((lay->rows[ri].flags & ROW_GAP) ||
		    lay->rows[ri].first < e); ri++)
			if (!(lay->rows[ri].flags & ROW_GAP) && par)
				lay->rows[ri].flags |= ROW_RTL;
	}
	free(u);
	free(lines);
	if (par < 0) {		/* no memory in FriBidi: logical order */
		free(lay->levels);
		free(lay->order);
		lay->levels = NULL;
		lay->order = NULL;
		for (k = 0; k < lay->nrows; k++)
			lay->rows[k].flags &= (uint8_t)~ROW_RTL;
		return;
	}
	par = first;
	lay->rtl = par;
	if (bidi_shaping)
		bidi_shape(lay);
}

/* Is the row set right to left: aligned to the right edge, its bars
 * beyond it? Not code (verbatim lines) nor -S's whole lines. */
int
bidi_row_rtl(const struct layout *lay, const struct row *r)
{
	return (r->flags & ROW_RTL) && lay->order != NULL &&
	    !layout_get_chop() &&
	    !(r->count > 0 && (lay->cells[r->first].flags & CELL_VERBATIM));
}

/*
 * The k-th cell from the left of a row (k < its count): its index in
 * lay->cells. The order of a row's line holds its trailing blanks too,
 * which are not drawn: they are skipped.
 */
size_t
bidi_cell_at(const struct layout *lay, const struct row *r, size_t k,
    size_t *pos)
{
	size_t	i, end = (size_t)r->first + r->count;

	if (lay->order == NULL)
		return r->first + k;
	for (i = *pos; i < lay->ncells; i++)
		if (lay->order[i] >= r->first && lay->order[i] < end) {
			*pos = i + 1;
			return lay->order[i];
		}
	return r->first + k;
}

/* Does cell ci end in a joiner (ZWNJ or ZWJ) after something else? */
static int
bidi_joiner_end(const struct layout *lay, size_t ci)
{
	const struct cell	*c = &lay->cells[ci];
	const uint8_t		*e = (const uint8_t *)lay->text + c->text +
				    c->len;

	return c->len > 3 && e[-3] == 0xe2 && e[-2] == 0x80 &&
	    (e[-1] == 0x8c || e[-1] == 0x8d);
}

/*
 * The glyph to draw for cell ci of row r if it is not its text: a
 * bracket right to left, mirrored ("(" shown as ")"), or an Arabic
 * letter in its joined form (--arabic-shaping). Its UTF-8 in buf
 * (BIDI_GLYPH_MAX bytes), the cluster's marks after it, and the length;
 * else 0.
 *
 * And a joiner that ends a right-to-left cluster (می‌ has its ZWNJ as
 * the ی's mark) stands between the two letters it is between, in
 * display order too: it is drawn after the cell to its left (the next
 * in the text), not after its own letter, where it would sit between
 * the wrong two.
 */
size_t
bidi_glyph(const struct layout *lay, const struct row *r, size_t ci,
    char *buf)
{
	const struct cell	*c = &lay->cells[ci];
	FriBidiChar		 m = 0;
	ucs4_t			 uc;
	size_t			 len, o;
	int			 n, k, drop, take;

	if (lay->levels == NULL || (c->flags & CELL_VISIBLE) || c->len == 0)
		return 0;
	if ((n = u8_mbtouc(&uc, (const uint8_t *)lay->text + c->text,
	    c->len)) < 1)
		return 0;
	drop = (lay->levels[ci] & 1) && ci + 1 < r->first + r->count &&
	    lay->levels[ci + 1] == lay->levels[ci] &&
	    bidi_joiner_end(lay, ci);
	take = (lay->levels[ci] & 1) && ci > r->first &&
	    lay->levels[ci - 1] == lay->levels[ci] &&
	    bidi_joiner_end(lay, ci - 1);
	if (lay->shaped != NULL && lay->shaped[ci] != 0)
		m = lay->shaped[ci];
	else if (!(lay->levels[ci] & 1) || !fribidi_get_mirror_char(uc, &m))
		m = 0;
	if (m == 0 && !drop && !take)
		return 0;
	if (m == 0)
		m = uc;
	len = c->len - (size_t)n - (drop ? 3 : 0);
	if ((k = u8_uctomb((uint8_t *)buf, m, 8)) < 1 ||
	    (size_t)k + len + 3 > BIDI_GLYPH_MAX)
		return 0;
	memcpy(buf + k, lay->text + c->text + n, len);
	o = (size_t)k + len;
	if (take) {
		memcpy(buf + o, lay->text + lay->cells[ci - 1].text +
		    lay->cells[ci - 1].len - 3, 3);
		o += 3;
	}
	return o;
}

/* A line of the interface as clusters in display order (bidi_line). */
struct bidi_line {
	size_t		 nc;	/* clusters */
	size_t		*at;	/* each one's first byte; at[nc] = n */
	uint32_t	*u;	/* each one's first code point */
	uint32_t	*order;	/* the clusters from the left */
	uint8_t		*lv;	/* each one's level */
	int		 par;	/* the line's level */
};

static void
bidi_line_free(struct bidi_line *bl)
{
	free(bl->at);
	free(bl->u);
	free(bl->order);
	free(bl->lv);
}

/* Order the n bytes at s as one line of a paragraph of its own
 * (direction by its first strong character). Returns 0, or -1 if it has
 * no right-to-left text (or FriBidi failed): show s as it is. */
static int
bidi_line(const char *s, size_t n, struct bidi_line *bl)
{
	const uint8_t	*p = (const uint8_t *)s, *e = p + n, *q;
	size_t		 zero = 0;
	ucs4_t		 uc;
	int		 any = 0;

	memset(bl, 0, sizeof *bl);
	for (q = p; q < e; q++)
		if (*q >= 0x80)
			break;
	if (q == e)
		return -1;
	bl->at = xreallocarray(NULL, n + 1, sizeof *bl->at);
	bl->u = xreallocarray(NULL, n, sizeof *bl->u);
	for (q = p; q < e; q = u8_grapheme_next(q, e)) {
		if (u8_mbtouc(&uc, q, (size_t)(e - q)) < 1)
			uc = 0xfffd;
		any |= bidi_wants(uc);
		bl->at[bl->nc] = (size_t)(q - p);
		bl->u[bl->nc++] = uc;
	}
	bl->at[bl->nc] = n;
	if (!any) {
		bidi_line_free(bl);
		return -1;
	}
	bl->order = xreallocarray(NULL, bl->nc, sizeof *bl->order);
	bl->lv = xmalloc(bl->nc);
	if ((bl->par = bidi_order(bl->u, bl->nc, BIDI_AUTO, &zero, 1, bl->lv,
	    bl->order)) < 0) {
		bidi_line_free(bl);
		return -1;
	}
	return 0;
}

/*
 * A line of the interface (a heading's title, a menu entry), n bytes of
 * display text, in display order: its clusters reordered as one line of
 * a paragraph of its own, mirrored where right to left. Returns the line
 * (allocated, n bytes and a NUL: reordering keeps the bytes), or NULL if
 * it has no right-to-left text (show s as it is).
 */
char *
bidi_visual(const char *s, size_t n)
{
	struct bidi_line	 bl;
	char			*out, m[8];
	FriBidiChar		 mc;
	size_t			 i, o = 0, len;
	int			 k;

	if (bidi_line(s, n, &bl) == -1)
		return NULL;
	out = xmalloc(n + 1);
	for (i = 0; i < bl.nc; i++) {
		size_t	ci = bl.order[i];

		len = bl.at[ci + 1] - bl.at[ci];
		if ((bl.lv[ci] & 1) && fribidi_get_mirror_char(bl.u[ci], &mc) &&
		    (k = u8_uctomb((uint8_t *)m, mc, sizeof m)) > 0 &&
		    k == u8_mblen((const uint8_t *)s + bl.at[ci], len)) {
			memcpy(out + o, m, (size_t)k);
			memcpy(out + o + k, s + bl.at[ci] + k, len - (size_t)k);
		} else
			memcpy(out + o, s + bl.at[ci], len);
		o += len;
	}
	out[o] = '\0';
	bidi_line_free(&bl);
	return out;
}

/*
 * Where the cursor goes in a line of the interface drawn by bidi_visual
 * (a prompt being typed): on the cluster at byte at, as it is shown, or
 * past the line's end in its direction (right to left: to the left of
 * the line, column -1) when at is n. Returns the column from the line's
 * left, or -2 if the line has no right-to-left text (it is drawn as it
 * is).
 */
int
bidi_visual_col(const char *s, size_t n, size_t at)
{
	struct bidi_line	 bl;
	size_t			 i;
	int			 col = 0, w;

	if (bidi_line(s, n, &bl) == -1)
		return -2;	/* the caller measures it as it is */
	for (i = 0; i < bl.nc; i++) {
		size_t	ci = bl.order[i];

		if (at < n && bl.at[ci] <= at && at < bl.at[ci + 1])
			break;
		w = width_cluster((const uint8_t *)s + bl.at[ci],
		    bl.at[ci + 1] - bl.at[ci]);
		col += w;
	}
	if (at >= n && bl.par == 1)
		col = -1;
	bidi_line_free(&bl);
	return col;
}

/*
 * Left or right (dir -1 or 1) by one cluster as shown, from the cursor
 * at byte at of a line drawn by bidi_visual: the byte the cursor goes
 * to. The places, from the left: the end of a right-to-left line, each
 * cluster as shown, the end of a left-to-right one. Returns at itself
 * at the edge, or -1 (as SIZE_MAX) if the line has no right-to-left
 * text: move in logical order.
 */
size_t
bidi_visual_step(const char *s, size_t n, size_t at, int dir)
{
	struct bidi_line	 bl;
	size_t			 k, slots, cur = 0, end, to;

	if (bidi_line(s, n, &bl) == -1)
		return SIZE_MAX;
	slots = bl.nc + 1;
	end = bl.par == 1 ? 0 : bl.nc;		/* the end's slot */
	if (at >= n)
		cur = end;
	else
		for (k = 0; k < bl.nc; k++)
			if (bl.at[bl.order[k]] <= at &&
			    at < bl.at[bl.order[k] + 1]) {
				cur = k + (bl.par == 1);
				break;
			}
	if ((dir < 0 && cur == 0) || (dir > 0 && cur + 1 >= slots)) {
		bidi_line_free(&bl);
		return at;
	}
	cur = dir < 0 ? cur - 1 : cur + 1;
	to = cur == end ? n : bl.at[bl.order[cur - (bl.par == 1)]];
	bidi_line_free(&bl);
	return to;
}
