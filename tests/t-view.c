/*
 * t-view.c: moving through the document; a resize keeps the top row.
 */

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"
#include "tap.h"

int
main(void)
{
	struct source	 src;
	struct view	*v;
	struct view_row	 rows[64];
	char		*s, path[4096];
	const char	*dir = getenv("srcdir");
	size_t		 off, first, next;
	unsigned long	 made;
	int		 n, w, bad = 0, moved;

	setlocale(LC_ALL, "C.UTF-8");
	snprintf(path, sizeof path, "%s/src/sample.txt", dir ? dir : ".");
	s = tap_slurp(path, NULL);
	source_open_memory(&src, "sample", s, strlen(s));

	v = view_create(&src, 37, 19);
	tap_is_int((long)view_top_offset(v), 1, "starts at the first character");
	tap_is_int(view_scroll(v, -5), 0, "cannot scroll above the top");
	moved = view_scroll(v, 19);
	tap_is_int(moved, 19, "a screen forward moves 19 rows");
	n = view_rows(v, rows, 19);
	tap_is_int(n, 19, "the screen is full");
	view_bottom(v);
	tap_ok(view_at_end(v), "bottom: at end");
	tap_is_int(view_percent(v), 100, "bottom: 100%%");
	n = view_rows(v, rows, 19);
	tap_is_int(n, 19, "bottom: the screen is still full");
	tap_is_int(view_scroll(v, 10), 0, "cannot scroll past the end");
	view_top(v);
	tap_ok(!view_at_end(v), "top: not at end");
	tap_ok(view_percent(v) > 0 && view_percent(v) < 100,
	    "top: percent between 0 and 100 (%d)", view_percent(v));

	/* A resize keeps the first character of the top row on top. */
	view_top(v);
	view_scroll(v, 23);
	for (w = 10; w <= 300; w++) {
		off = view_top_offset(v);
		view_resize(v, w, 19);
		first = view_top_offset(v);
		n = view_rows(v, rows, 2);
		next = n == 2 ? layout_row_start(rows[1].lay, rows[1].row) :
		    src.len;
		if (rows[1].lay->rows[rows[1].row].flags & ROW_GAP)
			next = rows[0].lay->end;
		if ((first > off || next <= off) && !view_at_end(v)) {
			if (bad++ < 3)
				tap_diag("width %d: top %zu became %zu", w,
				    off, first);
		}
		/* Move a little so every width starts somewhere else. */
		if (w % 7 == 0)
			view_scroll(v, w % 2 ? 1 : -1);
	}
	tap_is_int(bad, 0, "resize to every width 10-300 keeps the top character on the top row");

	/* The last screen laid out ahead: the end then lays out nothing. */
	view_resize(v, 37, 19);
	view_top(v);
	tap_ok(!view_end_ready(v), "a new width: the end is not laid out");
	view_warm_end(v);
	tap_ok(view_end_ready(v), "warmed: the end is laid out");
	made = view_layouts_made(v);
	view_bottom(v);
	n = view_rows(v, rows, 19);
	tap_ok(n == 19 && view_at_end(v), "warmed: the bottom is a full screen at the end");
	tap_is_int((long)(view_layouts_made(v) - made), 0, "warmed: going to the end lays out no block");
	view_top(v);
	made = view_layouts_made(v);
	view_warm_end(v);
	tap_is_int((long)(view_layouts_made(v) - made), 0, "warming twice does nothing");
	view_resize(v, 30, 19);
	tap_ok(!view_end_ready(v), "another width: the end must be laid out again");

	/* Widths a row's 16-bit width cannot hold are clamped. */
	view_resize(v, 100000, 19);
	tap_is_int(view_width(v), 65535, "width 100000: the view is 65535 wide");
	view_resize(v, INT_MIN, 19);
	tap_is_int(view_width(v), 2, "width INT_MIN: the view is 2 wide");

	view_destroy(v);
	source_free(&src);
	free(s);
	return tap_done();
}
