/*
 * view.c: a window of rows over the document.
 *
 * The position is the block on the top row, the piece of it laid out
 * (all of it, unless it is laid out in pieces, see layout.c) and the row
 * within that; blocks are found by byte offset (block.c) and laid out on
 * demand, so every move costs the rows it passes over, never the
 * document, and a jump into a huge paragraph the piece it lands in. Laid-out
 * pieces are kept in a small cache, emptied when the width changes, of at
 * most VIEW_CACHE layouts and about VIEW_BYTES bytes. A resize keeps the
 * first character of the top row on the top row.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lede.h"

#define VIEW_CACHE	256
#define VIEW_BYTES	(128u << 20)	/* three pieces of NUL bytes, say */

struct view_cache {
	struct layout	*lay;
	size_t		 size;		/* bytes it holds */
	unsigned long	 used;
};

struct view {
	const struct doc	*doc;
	int			 width;		/* layout width */
	int			 wide;		/* of verbatim and kept rows */
	int			 height;	/* text rows */
	int			 empty;		/* no block at all */
	struct block		 top;
	struct block		 piece;		/* of top, laid out */
	size_t			 row;		/* row of the piece's layout */
	struct block		 last;		/* the last block, once found */
	int			 have_last;
	struct view_cache	 cache[VIEW_CACHE];
	size_t			 cached;	/* bytes of the cache's layouts */
	unsigned long		 clock;
	unsigned long		 keep;		/* used since: not evicted */
	unsigned long		 made;		/* layouts made */
	int			 warm;		/* the last screen is cached */
};

/* Empty one entry of the cache. */
static void
view_evict(struct view *v, struct view_cache *c)
{
	layout_destroy(c->lay);
	c->lay = NULL;
	v->cached -= c->size;
	c->size = 0;
}

static void
view_flush(struct view *v)
{
	size_t	i;

	for (i = 0; i < VIEW_CACHE; i++)
		view_evict(v, &v->cache[i]);
	v->warm = 0;
}

/* About the bytes a layout holds. */
static size_t
view_size(const struct layout *lay)
{
	return sizeof *lay + lay->ntext + lay->ncells * sizeof *lay->cells +
	    lay->nrows * sizeof *lay->rows;
}

/*
 * The layout of a piece of block b (see piece_at) at the view's
 * width, from the cache or made now. The view owns it; it stays valid
 * until the next call that lays out, but for view_rows(), whose layouts
 * all stay valid until the next call.
 */
static const struct layout *
view_layout(struct view *v, const struct block *b, const struct block *p)
{
	struct view_cache	*c, *old = &v->cache[0];
	size_t			 i;

	for (i = 0; i < VIEW_CACHE; i++) {
		c = &v->cache[i];
		if (c->lay != NULL && c->lay->start == p->start &&
		    c->lay->end == p->end) {
			c->used = ++v->clock;
			return c->lay;
		}
		if (c->lay == NULL || c->used < old->used)
			old = c;
	}
	view_evict(v, old);
	old->lay = layout_create_wide(v->doc, b, p, v->width, v->wide);
	old->size = view_size(old->lay);
	old->used = ++v->clock;
	v->cached += old->size;
	v->made++;
	/* Huge paragraphs: the oldest go while the cache holds too much. */
	while (v->cached > VIEW_BYTES) {
		c = NULL;
		for (i = 0; i < VIEW_CACHE; i++)
			if (v->cache[i].lay != NULL &&
			    v->cache[i].used < v->keep &&
			    (c == NULL || v->cache[i].used < c->used))
				c = &v->cache[i];
		if (c == NULL)
			break;
		view_evict(v, c);
	}
	return old->lay;
}

/* The piece of block b (from offset off) and its layout. */
static const struct layout *
view_piece(struct view *v, const struct block *b, size_t off,
    struct block *p)
{
	piece_at(v->doc, b, off, p);
	return view_layout(v, b, p);
}

/* The piece after *p, or the first of the next block. 0 at the end. */
static int
view_next(struct view *v, struct block *b, struct block *p)
{
	struct block	next;

	if (p->end < b->end) {
		piece_at(v->doc, b, p->end, p);
		return 1;
	}
	if (!block_next(v->doc, b, &next))
		return 0;
	*b = next;
	piece_at(v->doc, b, b->start, p);
	return 1;
}

/* The piece before *p, or the last of the block before. 0 at the start. */
static int
view_prev(struct view *v, struct block *b, struct block *p)
{
	struct block	prev;

	if (p->start > b->start) {
		piece_at(v->doc, b, p->start - 1, p);
		return 1;
	}
	if (!block_prev(v->doc, b, &prev))
		return 0;
	*b = prev;
	piece_at(v->doc, b, b->end, p);
	return 1;
}

/* The last block of the document, found once. */
static void
view_last(struct view *v, struct block *b)
{
	if (!v->have_last)
		v->have_last = block_last(v->doc, &v->last);
	*b = v->last;
}

/* The width of layouts: at least 2, at most LAYOUT_WIDTH_MAX. */
static int
view_clamp(int width)
{
	return width < 2 ? 2 : width > LAYOUT_WIDTH_MAX ? LAYOUT_WIDTH_MAX :
	    width;
}

struct view *
view_create(const struct doc *doc, int width, int height)
{
	struct view	*v;

	v = xcalloc(1, sizeof *v);
	v->doc = doc;
	v->width = view_clamp(width);
	v->wide = v->width;
	v->height = height < 1 ? 1 : height;
	v->empty = !block_first(doc, &v->top);
	if (!v->empty)
		piece_at(doc, &v->top, v->top.start, &v->piece);
	return v;
}

void
view_destroy(struct view *v)
{
	if (v == NULL)
		return;
	view_flush(v);
	free(v);
}

/* Byte offset of the first character on the top row. */
size_t
view_top_offset(const struct view *v)
{
	struct view	*vv = (struct view *)v;

	if (v->empty)
		return 0;
	return layout_row_start(view_layout(vv, &v->top, &v->piece), v->row);
}

/* Put the row showing offset off on top (then keep the bottom full). */
void
view_goto_offset(struct view *v, size_t off)
{
	const struct layout	*lay;

	if (v->empty)
		return;
	/* In the top block (a resize), it need not be looked for. */
	if ((off < v->top.start || off > v->top.end) &&
	    !block_at(v->doc, off, &v->top)) {
		view_bottom(v);
		return;
	}
	lay = view_piece(v, &v->top, off, &v->piece);
	v->row = off < v->top.start ? lay->gap : layout_row_of(lay, off);
}

/* New width or height: lay out again and keep the top character on top. */
void
view_resize(struct view *v, int width, int height)
{
	size_t	off;

	width = view_clamp(width);
	if (height < 1)
		height = 1;
	off = view_top_offset(v);
	if (width != v->width) {
		view_flush(v);
		v->width = width;
		v->wide = width;
	}
	v->height = height;
	view_goto_offset(v, off);
}

int
view_width(const struct view *v)
{
	return v->width;
}

/*
 * Verbatim lines and kept lines may be wider than the column, as wide as
 * wide (the room to the terminal's right edge): code is not cut at the
 * measure when the terminal has room.
 */
void
view_set_wide(struct view *v, int wide)
{
	size_t	off;

	wide = view_clamp(wide < v->width ? v->width : wide);
	if (wide == v->wide)
		return;
	off = view_top_offset(v);
	view_flush(v);
	v->wide = wide;
	view_goto_offset(v, off);
}

int
view_height(const struct view *v)
{
	return v->height;
}

/* Move one row down; 0 at the last row. */
static int
view_down1(struct view *v)
{
	const struct layout	*lay = view_layout(v, &v->top, &v->piece);

	if (v->row + 1 < lay->nrows) {
		v->row++;
		return 1;
	}
	if (!view_next(v, &v->top, &v->piece))
		return 0;
	v->row = 0;
	return 1;
}

/* Move one row up; 0 at the first row. */
static int
view_up1(struct view *v)
{
	if (v->row > 0) {
		v->row--;
		return 1;
	}
	if (!view_prev(v, &v->top, &v->piece))
		return 0;
	v->row = view_layout(v, &v->top, &v->piece)->nrows - 1;
	return 1;
}

/*
 * Up to n rows from the top into out[] (whose layouts are then kept until
 * the next call), or only counted if out is NULL; returns how many there
 * are.
 */
static int
view_walk(struct view *v, struct view_row *out, long n)
{
	struct block		 b = v->top, p = v->piece;
	const struct layout	*lay;
	size_t			 row = v->row;
	long			 i = 0;

	if (v->empty)
		return 0;
	v->keep = out != NULL ? v->clock + 1 : 0;
	while (i < n) {
		lay = view_layout(v, &b, &p);
		if (out == NULL && row < lay->nrows) {
			i += (long)(lay->nrows - row) < n - i ?
			    (long)(lay->nrows - row) : n - i;
			row = lay->nrows;
		}
		for (; row < lay->nrows && i < n; row++, i++) {
			out[i].lay = lay;
			out[i].row = row;
		}
		if (i == n || !view_next(v, &b, &p))
			break;
		row = 0;
	}
	v->keep = 0;
	return (int)i;
}

/*
 * Scroll by n rows (down if positive), never above the first row, and
 * down only while rows below the screen remain, as less does. A jump may
 * have put the top lower than that; scrolling down then does nothing.
 * Returns the number of rows moved.
 */
int
view_scroll(struct view *v, long n)
{
	long	moved = 0, below;

	if (v->empty)
		return 0;
	if (n > 0) {
		if (n > 1000000)
			n = 1000000;
		below = view_walk(v, NULL, v->height + n) - v->height;
		if (n > below)
			n = below > 0 ? below : 0;
	}
	for (; n > 0 && view_down1(v); n--)
		moved++;
	for (; n < 0 && view_up1(v); n++)
		moved--;
	return (int)moved;
}

void
view_top(struct view *v)
{
	if (v->empty)
		return;
	block_first(v->doc, &v->top);
	piece_at(v->doc, &v->top, v->top.start, &v->piece);
	v->row = 0;
}

void
view_bottom(struct view *v)
{
	int	i;

	if (v->empty)
		return;
	view_last(v, &v->top);
	v->row = view_piece(v, &v->top, v->top.end, &v->piece)->nrows - 1;
	for (i = 1; i < v->height && view_up1(v); i++)
		;
}

/*
 * Lay out the pieces of the last screen, if that is not done at this
 * width: G and End then only draw. The pager calls it while no key waits.
 */
void
view_warm_end(struct view *v)
{
	struct block	b, p;
	size_t		rows;

	if (v->empty || v->warm)
		return;
	v->warm = 1;
	view_last(v, &b);
	rows = view_piece(v, &b, b.end, &p)->nrows;
	while (rows < (size_t)v->height && view_prev(v, &b, &p))
		rows += view_layout(v, &b, &p)->nrows;
}

/*
 * The document's length changed from oldlen: a pipe read as it arrives
 * grew, or a file was cut. The layouts of the blocks that ended at the
 * old end (or past the new one) are dropped, all of them if all is set
 * (the bytes may have changed in place); the top stays where it was, or
 * goes to the end if it is gone.
 */
void
view_doc_changed(struct view *v, size_t oldlen, int all)
{
	const struct layout	*lay;
	size_t			 i, len = v->doc->len, off;

	for (i = 0; i < VIEW_CACHE; i++) {
		lay = v->cache[i].lay;
		if (lay != NULL && (all || lay->block.end + 2 >= oldlen ||
		    lay->end > len))
			view_evict(v, &v->cache[i]);
	}
	v->warm = 0;
	v->have_last = 0;
	if (v->empty || v->top.start >= len ||
	    !block_at(v->doc, v->top.start, &v->top)) {
		v->empty = !block_first(v->doc, &v->top);
		v->row = 0;
		if (v->empty)
			return;
		piece_at(v->doc, &v->top, v->top.start, &v->piece);
		if (oldlen > len)
			view_bottom(v);
		return;
	}
	/* The same piece of the top block, which may have grown. */
	off = v->piece.start < len ? v->piece.start : v->top.start;
	lay = view_piece(v, &v->top, off, &v->piece);
	if (v->row >= lay->nrows)
		view_bottom(v);		/* the top row is gone */
}

/* Is the last screen laid out at this width? */
int
view_end_ready(const struct view *v)
{
	return v->empty || v->warm;
}

/* How many layouts the view has made: what its cache saved is measured. */
unsigned long
view_layouts_made(const struct view *v)
{
	return v->made;
}

/*
 * Fill out[] with up to n rows from the top; returns how many there are.
 * Their layouts stay valid until the next call to the view.
 */
int
view_rows(struct view *v, struct view_row *out, int n)
{
	return view_walk(v, out, n);
}

/* The bytes shown: from the top row's start to the last row's end. */
void
view_visible(struct view *v, size_t *from, size_t *to)
{
	struct view_row		*rows;
	const struct layout	*lay;
	int			 n;

	*from = *to = 0;
	if (v->empty)
		return;
	*from = view_top_offset(v);
	rows = xreallocarray(NULL, (size_t)v->height + 1, sizeof *rows);
	n = view_rows(v, rows, v->height + 1);
	if (n <= v->height)
		*to = v->doc->len;
	else {
		lay = rows[n - 1].lay;
		*to = layout_row_start(lay, rows[n - 1].row);
	}
	free(rows);
}

/* Is the last row of the document on the screen? */
int
view_at_end(struct view *v)
{
	if (v->empty)
		return 1;
	return view_walk(v, NULL, v->height + 1) <= v->height;
}

/*
 * How far through the document the bottom row is, by bytes, as less does.
 */
int
view_percent(struct view *v)
{
	struct view_row		*rows;
	const struct layout	*lay;
	size_t			 off;
	int			 n;

	if (v->empty || v->doc->len == 0 || view_at_end(v))
		return 100;
	rows = xreallocarray(NULL, (size_t)v->height, sizeof *rows);
	n = view_rows(v, rows, v->height);
	lay = rows[n - 1].lay;
	if (rows[n - 1].row + 1 < lay->nrows)
		off = layout_row_start(lay, rows[n - 1].row + 1);
	else
		off = lay->end;
	free(rows);
	return (int)(off * 100 / v->doc->len);
}
