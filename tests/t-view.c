/*
 * t-view.c: moving through the document; a resize keeps the top row; a
 * huge paragraph costs the pieces shown.
 */

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"
#include "tap.h"

/* Display text laid out since the last call, in bytes. */
static uint64_t
made_since(void)
{
	static uint64_t		last;
	struct layout_stats	st;
	uint64_t		n;

	layout_stats(&st);
	n = st.text - last;
	last = st.text;
	return n;
}

/*
 * Does the top row show offset off: does it start at or before it, and
 * the row after it (if any) after it?
 */
static int
top_holds(struct view *v, size_t off)
{
	struct view_row	r[2];
	int		n = view_rows(v, r, 2);

	return n > 0 && view_top_offset(v) <= off && (n < 2 ||
	    layout_row_start(r[1].lay, r[1].row) > off);
}

/*
 * A paragraph of 64 MB on one line, opened, jumped into at its middle,
 * scrolled, resized, and gone to the end: each lays out the pieces it
 * shows (layout.c), not the paragraph.
 */
static void
huge(void)
{
	static const char	 words[] = "the river's harbour, quietly; ";
	struct doc		 doc;
	struct view		*v;
	struct view_row		 rows[24];
	char			*s;
	size_t			 n = 64u << 20, k, mid = n / 2, off;
	uint64_t		 most = 3 * (LAYOUT_HUGE + 4096), m;
	int			 moved, ok;

	s = xmalloc(n);
	for (k = 0; k + sizeof words - 1 <= n; k += sizeof words - 1)
		memcpy(s + k, words, sizeof words - 1);
	memset(s + k, 'x', n - k);
	doc_open_memory(&doc, "huge", s, n);
	made_since();

	v = view_create(&doc, 72, 24);
	ok = view_rows(v, rows, 24) == 24;
	m = made_since();
	tap_ok(ok && m <= most, "64 MB line: the first screen lays out a "
	    "piece or two (%.1f MB)", m / 1048576.0);
	view_goto_offset(v, mid);
	ok = top_holds(v, mid) && view_rows(v, rows, 24) == 24;
	m = made_since();
	tap_ok(ok && m <= most, "64 MB line: a jump to the middle lays out "
	    "the piece there (%.1f MB)", m / 1048576.0);
	off = view_top_offset(v);
	moved = view_scroll(v, 20000);
	moved -= view_scroll(v, -40000);
	ok = moved == 60000 && view_rows(v, rows, 24) == 24;
	m = made_since();
	tap_ok(ok && m <= 3 * most, "64 MB line: 20000 rows down, 40000 up: "
	    "the pieces passed over (%.1f MB)", m / 1048576.0);
	view_goto_offset(v, off);
	view_scroll(v, 7);
	off = view_top_offset(v);
	made_since();
	view_resize(v, 40, 30);
	ok = top_holds(v, off) && view_rows(v, rows, 24) == 24;
	m = made_since();
	tap_ok(ok && m <= most, "64 MB line: a resize keeps the top character "
	    "and lays out the piece there (%.1f MB)", m / 1048576.0);
	view_warm_end(v);
	view_bottom(v);
	ok = view_at_end(v) && view_rows(v, rows, 24) == 24;
	m = made_since();
	tap_ok(ok && m <= most, "64 MB line: the end laid out ahead, and gone "
	    "to (%.1f MB)", m / 1048576.0);
	tap_ok(view_percent(v) == 100, "64 MB line: 100%% at the end");
	view_destroy(v);
	doc_free(&doc);
	free(s);
}

int
main(void)
{
	struct doc	 doc;
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
	doc_open_memory(&doc, "sample", s, strlen(s));

	v = view_create(&doc, 37, 19);
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
		    doc.len;
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
	doc_free(&doc);
	free(s);

	huge();
	return tap_done();
}
