/*
 * view.c: a window of rows over the document.
 *
 * The position is the block on the top row and the row within it; blocks
 * are found by byte offset (block.c) and laid out on demand, so every move
 * costs the rows it passes over, never the document. Laid-out blocks are
 * kept in a small cache, emptied when the width changes. A resize keeps
 * the first character of the top row on the top row.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lede.h"

#define VIEW_CACHE	256

struct view_cache {
	struct layout	*lay;
	unsigned long	 used;
};

struct view {
	const struct source	*src;
	int			 width;		/* layout width */
	int			 height;	/* text rows */
	int			 empty;		/* no block at all */
	struct block		 top;
	size_t			 row;		/* row of top's layout */
	struct view_cache	 cache[VIEW_CACHE];
	unsigned long		 clock;
	unsigned long		 made;		/* layouts made */
	int			 warm;		/* the last screen is cached */
};

static void
view_flush(struct view *v)
{
	size_t	i;

	for (i = 0; i < VIEW_CACHE; i++) {
		layout_destroy(v->cache[i].lay);
		v->cache[i].lay = NULL;
	}
	v->warm = 0;
}

/*
 * The layout of a block at the view's width, from the cache or made now.
 * The view owns it; it stays valid until the next call that lays out.
 */
const struct layout *
view_layout(struct view *v, const struct block *b)
{
	struct view_cache	*c, *old = &v->cache[0];
	size_t			 i;

	for (i = 0; i < VIEW_CACHE; i++) {
		c = &v->cache[i];
		if (c->lay != NULL && c->lay->start == b->start) {
			c->used = ++v->clock;
			return c->lay;
		}
		if (c->lay == NULL || c->used < old->used)
			old = c;
	}
	layout_destroy(old->lay);
	old->lay = layout_create(v->src, b, v->width);
	old->used = ++v->clock;
	v->made++;
	return old->lay;
}

/* The width of layouts: at least 2, at most LAYOUT_WIDTH_MAX. */
static int
view_clamp(int width)
{
	return width < 2 ? 2 : width > LAYOUT_WIDTH_MAX ? LAYOUT_WIDTH_MAX :
	    width;
}

struct view *
view_create(const struct source *src, int width, int height)
{
	struct view	*v;

	v = xcalloc(1, sizeof *v);
	v->src = src;
	v->width = view_clamp(width);
	v->height = height < 1 ? 1 : height;
	v->empty = !block_first(src, &v->top);
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
	return layout_row_start(view_layout(vv, &v->top), v->row);
}

/* Put the row showing offset off on top (then keep the bottom full). */
void
view_goto_offset(struct view *v, size_t off)
{
	const struct layout	*lay;

	if (v->empty)
		return;
	if (!block_at(v->src, off, &v->top)) {
		view_bottom(v);
		return;
	}
	lay = view_layout(v, &v->top);
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
	}
	v->height = height;
	view_goto_offset(v, off);
}

int
view_width(const struct view *v)
{
	return v->width;
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
	const struct layout	*lay = view_layout(v, &v->top);
	struct block		 next;

	if (v->row + 1 < lay->nrows) {
		v->row++;
		return 1;
	}
	if (!block_next(v->src, &v->top, &next))
		return 0;
	v->top = next;
	v->row = 0;
	return 1;
}

/* Move one row up; 0 at the first row. */
static int
view_up1(struct view *v)
{
	struct block	prev;

	if (v->row > 0) {
		v->row--;
		return 1;
	}
	if (!block_prev(v->src, &v->top, &prev))
		return 0;
	v->top = prev;
	v->row = view_layout(v, &v->top)->nrows - 1;
	return 1;
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
	struct view_row	*rows;
	long		 moved = 0, below;

	if (v->empty)
		return 0;
	if (n > 0) {
		if (n > 1000000)
			n = 1000000;
		rows = xreallocarray(NULL, (size_t)(v->height + n),
		    sizeof *rows);
		below = view_rows(v, rows, (int)(v->height + n)) - v->height;
		free(rows);
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
	block_first(v->src, &v->top);
	v->row = 0;
}

void
view_bottom(struct view *v)
{
	int	i;

	if (v->empty)
		return;
	block_last(v->src, &v->top);
	v->row = view_layout(v, &v->top)->nrows - 1;
	for (i = 1; i < v->height && view_up1(v); i++)
		;
}

/*
 * Lay out the blocks of the last screen, if that is not done at this
 * width: G and End then only draw. The pager calls it while no key waits.
 */
void
view_warm_end(struct view *v)
{
	struct block	b, prev;
	size_t		rows = 0;

	if (v->empty || v->warm)
		return;
	v->warm = 1;
	block_last(v->src, &b);
	while ((rows += view_layout(v, &b)->nrows) < (size_t)v->height &&
	    block_prev(v->src, &b, &prev))
		b = prev;
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
 */
int
view_rows(struct view *v, struct view_row *out, int n)
{
	struct block		 b = v->top, next;
	const struct layout	*lay;
	size_t			 row = v->row;
	int			 i = 0;

	if (v->empty)
		return 0;
	while (i < n) {
		lay = view_layout(v, &b);
		for (; row < lay->nrows && i < n; row++, i++) {
			out[i].lay = lay;
			out[i].row = row;
		}
		if (i == n || !block_next(v->src, &b, &next))
			break;
		b = next;
		row = 0;
	}
	return i;
}

/* The source bytes shown: from the top row's start to the last row's end. */
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
		*to = v->src->len;
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
	struct view_row	*rows;
	int		 n, end;

	if (v->empty)
		return 1;
	rows = xreallocarray(NULL, (size_t)v->height + 1, sizeof *rows);
	n = view_rows(v, rows, v->height + 1);
	end = n <= v->height;
	free(rows);
	return end;
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

	if (v->empty || v->src->len == 0 || view_at_end(v))
		return 100;
	rows = xreallocarray(NULL, (size_t)v->height, sizeof *rows);
	n = view_rows(v, rows, v->height);
	lay = rows[n - 1].lay;
	if (rows[n - 1].row + 1 < lay->nrows)
		off = layout_row_start(lay, rows[n - 1].row + 1);
	else
		off = lay->end;
	free(rows);
	return (int)(off * 100 / v->src->len);
}
