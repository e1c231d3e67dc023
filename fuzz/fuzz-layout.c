/*
 * fuzz-layout.c: libFuzzer harness for blocks, layout, dump and the view.
 *
 * The first byte of the input picks the width (2 to 200) and the
 * ambiguous-width setting; the rest is the document, set by total fit,
 * greedily or with hyphenation as its length is 0, 1 or 2 modulo 3. Every block is found
 * forwards and backwards, laid out, and every row dumped; a view is then
 * created, scrolled, resized and moved. Any broken invariant aborts: no
 * row wider than the width, a row's width the sum of its cells, rows in
 * order over the cells; line breaks that differ from libunistring's for
 * the whole text. tests/t-fuzzcases.c replays found inputs through
 * this same function.
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <unilbrk.h>
#include <unistr.h>

#include "lede.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Check one layout and dump each of its rows; abort on a violation. */
static void
fuzz_check_layout(const struct layout *lay, int width)
{
	const struct row	*r;
	char			*buf = NULL;
	size_t			 row, i, next = 0, len;
	int			 w;

	if (lay->gap >= lay->nrows)	/* at least one row besides gaps */
		abort();
	for (row = 0; row < lay->nrows; row++) {
		r = &lay->rows[row];
		if ((size_t)r->first + r->count > lay->ncells)
			abort();
		if (!(r->flags & ROW_GAP)) {
			if (r->first < next)
				abort();
			next = (size_t)r->first + r->count;
		}
		w = 0;
		for (i = r->first; i < (size_t)r->first + r->count; i++) {
			const struct cell	*c = &lay->cells[i];

			if ((size_t)c->text + c->len > lay->ntext)
				abort();
			w += c->width;
		}
		if (r->flags & ROW_HYPHEN)
			w++;		/* its hyphen */
		if (w != r->width)
			abort();
		if (r->flags & ROW_CONT)
			w++;
		if (w > width)
			abort();
		dump_row(lay, row, 0, &buf, &len);
		dump_row(lay, row, 1, &buf, &len);
		if (strlen(buf) != len)
			abort();
	}
	free(buf);
}

/* The C.UTF-8 locale, as lede runs in (width.c uses wcwidth). */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	(void)hyph_load("en_US");
	return 0;
}

/*
 * Line breaking's shortcuts against libunistring asked about the whole
 * text: runs of words filled in (at their most eager, a run of two
 * bytes), and a range asked from its last anchor.
 */
static void
fuzz_check_breaks(const uint8_t *s, size_t n, size_t from, size_t to)
{
	char	*want, *got;
	size_t	 i, min = bounds_run_min;

	/* Layout asks about its display text, always valid UTF-8. */
	if (n == 0 || n > (64u << 10) || u8_check(s, n) != NULL)
		return;
	want = xmalloc(n);
	got = xmalloc(n);
	u8_possible_linebreaks(s, n, "UTF-8", want);
	bounds_tailor(s, n, 0, n, want);
	bounds_run_min = 2;
	bounds_lines(s, n, got);
	if (memcmp(want, got, n) != 0)
		abort();
	while (from > 0 && (s[from] & 0xc0) == 0x80)
		from--;
	while (to < n && (s[to] & 0xc0) == 0x80)
		to++;
	memset(got, 0x55, n);
	bounds_lines_range(s, n, from, to, got);
	for (i = from; i < to; i++)
		if (got[i] != want[i])
			abort();
	bounds_run_min = min;
	free(want);
	free(got);
}

/* One input: width byte, then the document. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct doc	 doc;
	struct block	 b, fwd[64];
	struct layout	*lay;
	struct view	*v;
	size_t		 nfwd = 0, k;
	int		 width, more;

	if (size < 1)
		return 0;
	width = 2 + (data[0] >> 1) * 199 / 128;
	width_set_ambiguous(data[0] & 1 ? AMBIGUOUS_WIDE : AMBIGUOUS_NARROW);
	data++;
	size--;
	/* Rows by total fit, greedily, or by total fit with hyphenation. */
	fit_greedy = size % 3 == 1;
	hyph_on = size % 3 == 2;
	doc_open_memory(&doc, "fuzz", data, size);
	doc.lines = size % 5 == 4;	/* as code (code.c): every line kept */
	if (size > 0)
		fuzz_check_breaks(data, size, size / 3, size - size / 4);

	for (more = block_first(&doc, &b); more;
	    more = block_next(&doc, &b, &b)) {
		if (b.start > b.end || b.end > size)
			abort();
		if (nfwd < 64)
			fwd[nfwd] = b;
		nfwd++;
		lay = layout_create(&doc, &b, width);
		fuzz_check_layout(lay, width);
		layout_destroy(lay);
	}
	k = nfwd;
	for (more = block_last(&doc, &b); more;
	    more = block_prev(&doc, &b, &b)) {
		if (k == 0)
			abort();
		k--;
		if (k < 64 && (fwd[k].start != b.start || fwd[k].end != b.end))
			abort();
	}
	if (k != 0)
		abort();

	v = view_create(&doc, width, 1 + (int)(size % 7));
	view_scroll(v, 3);
	view_bottom(v);
	view_scroll(v, -5);
	view_resize(v, width > 40 ? width / 3 : width * 2 + 1, 5);
	for (k = 0; k < 4; k++) {
		view_goto_offset(v, size * k / 3);
		view_scroll(v, k % 2 ? -3 : 2);
	}
	(void)view_percent(v);
	(void)view_at_end(v);
	view_top(v);
	view_destroy(v);
	doc_free(&doc);
	width_set_ambiguous(AMBIGUOUS_NARROW);
	fit_greedy = hyph_on = 0;
	return 0;
}
