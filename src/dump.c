/*
 * dump.c: the plain-text backend.
 *
 * Prints the laid-out article row by row, exactly as the screen places
 * it, without colour: the seam for golden tests and for pipes. Nothing
 * is printed but display text, which sanitize.c made safe.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"

/*
 * Extra columns to give the k-th of n stretchable spaces so that a row of
 * natural width w fills width. Shared by the screen and the dump.
 */
int
dump_justify_extra(int width, int w, int n, int k)
{
	int	extra = width - w;

	if (n <= 0 || extra <= 0)
		return 0;
	return extra / n + (k < extra % n ? 1 : 0);
}

/* Should this row be stretched to the full width when justifying? */
int
dump_row_justified(const struct layout *lay, size_t row)
{
	const struct row	*r = &lay->rows[row];

	return !(r->flags & (ROW_LAST | ROW_HARD | ROW_GAP | ROW_CONT)) &&
	    lay->type == BLOCK_PARAGRAPH && r->count > 0 &&
	    !(lay->cells[r->first].flags & CELL_VERBATIM);
}

static void
buf_put(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		while (*len + n + 1 > *cap)
			*cap = *cap == 0 ? 128 : *cap * 2;
		*buf = xreallocarray(*buf, *cap, 1);
	}
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[*len] = '\0';
}

/*
 * Make the text of one row in *buf (reallocated; *len set).
 */
void
dump_row(const struct layout *lay, size_t row, int justify, char **buf,
    size_t *len)
{
	const struct row	*r = &lay->rows[row];
	const struct cell	*c;
	size_t			 i, cap = 0, spaces = 0, k = 0;
	int			 j, extra, stretch;

	*len = 0;
	if (*buf != NULL)
		free(*buf);
	*buf = NULL;
	buf_put(buf, len, &cap, "", 0);
	stretch = justify && dump_row_justified(lay, row);
	if (stretch)
		for (i = 0; i < r->count; i++)
			if (lay->cells[r->first + i].flags & CELL_SPACE)
				spaces++;
	for (i = 0; i < r->count; i++) {
		c = &lay->cells[r->first + i];
		if (c->flags & CELL_BREAK)
			continue;
		buf_put(buf, len, &cap, lay->text + c->text, c->len);
		if (stretch && (c->flags & CELL_SPACE)) {
			extra = dump_justify_extra(lay->width, r->width,
			    (int)spaces, (int)k++);
			for (j = 0; j < extra; j++)
				buf_put(buf, len, &cap, " ", 1);
		}
	}
	if (r->flags & ROW_CONT) {
		for (j = r->width; j < lay->width - 1; j++)
			buf_put(buf, len, &cap, " ", 1);
		buf_put(buf, len, &cap, ROW_CONT_MARK, strlen(ROW_CONT_MARK));
	}
}

/*
 * Write one row, as dump_row makes it, to fp: the display text of cells
 * that follow each other is contiguous in lay->text, so a row that is not
 * stretched is one fwrite.
 */
static void
dump_write_row(const struct layout *lay, size_t row, int justify, FILE *fp)
{
	static const char	 spaces[] = "                                ";
	const struct row	*r = &lay->rows[row];
	const struct cell	*c;
	size_t			 i, spc = 0, k = 0, from = 0, to = 0;
	int			 j, extra, stretch;

	stretch = justify && dump_row_justified(lay, row);
	if (!stretch && !(r->flags & ROW_CONT) && r->count > 0) {
		/* Rows end at kept line breaks: no CELL_BREAK inside. */
		c = &lay->cells[r->first + r->count - 1];
		from = lay->cells[r->first].text;
		to = (size_t)c->text + c->len;
		fwrite(lay->text + from, 1, to - from, fp);
		putc('\n', fp);
		return;
	}
	if (stretch)
		for (i = 0; i < r->count; i++)
			if (lay->cells[r->first + i].flags & CELL_SPACE)
				spc++;
	for (i = 0; i < r->count; i++) {
		c = &lay->cells[r->first + i];
		if (c->flags & CELL_BREAK)
			continue;
		if (c->text != to) {
			fwrite(lay->text + from, 1, to - from, fp);
			from = c->text;
		}
		to = (size_t)c->text + c->len;
		if (stretch && (c->flags & CELL_SPACE)) {
			fwrite(lay->text + from, 1, to - from, fp);
			from = to;
			extra = dump_justify_extra(lay->width, r->width,
			    (int)spc, (int)k++);
			for (; extra > 0; extra -= j) {
				j = extra < (int)sizeof spaces - 1 ? extra :
				    (int)sizeof spaces - 1;
				fwrite(spaces, 1, (size_t)j, fp);
			}
		}
	}
	fwrite(lay->text + from, 1, to - from, fp);
	if (r->flags & ROW_CONT) {
		for (j = r->width; j < lay->width - 1; j++)
			putc(' ', fp);
		fputs(ROW_CONT_MARK, fp);
	}
	putc('\n', fp);
}

/*
 * Print the document from the block at offset from, at the given width.
 * Returns 0, or -1 on a write error.
 */
int
dump_source(const struct source *src, size_t from, int width, int justify)
{
	struct block	 b;
	struct layout	*lay;
	size_t		 row;
	int		 more;

	for (more = block_at(src, from, &b); more;
	    more = block_next(src, &b, &b)) {
		lay = layout_create(src, &b, width);
		for (row = 0; row < lay->nrows; row++)
			dump_write_row(lay, row, justify, stdout);
		layout_destroy(lay);
	}
	if (fflush(stdout) != 0 || ferror(stdout))
		return -1;
	return 0;
}
