/*
 * fuzz-formats.c: libFuzzer harness for the Markdown and HTML front ends.
 *
 * The first byte picks the format (bit 0: HTML, else Markdown), reader
 * mode or the whole page (bit 1), a pipe made a piece at a time (bit 2,
 * Markdown) and the width (the rest); the other bytes are the input. The
 * document must be sound (blocks in order, none empty, nothing but
 * newlines between them, offsets of the input in order, styles and
 * links within the text) and every block lays out within the width.
 * tests/t-fuzzcases.c replays found inputs through fuzz_formats_one.
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"

int	fuzz_formats_one(const uint8_t *, size_t);
#ifndef FUZZ_NO_MAIN
int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
#endif

/* Abort unless the document is sound and lays out within width. */
static void
fuzz_check(const struct doc *doc, int width)
{
	struct block	 b;
	struct layout	*lay;
	size_t		 i, p, r;
	int		 more;

	for (i = 0; i < doc->nblocks; i++) {
		if (doc->blocks[i].start >= doc->blocks[i].end ||
		    doc->blocks[i].end > doc->len)
			abort();
		if (i == 0)
			continue;
		if (doc->blocks[i].start < doc->blocks[i - 1].end ||
		    doc->blocks[i].src < doc->blocks[i - 1].src)
			abort();
		for (p = doc->blocks[i - 1].end; p < doc->blocks[i].start; p++)
			if (doc->data[p] != '\n')
				abort();
	}
	for (i = 0; i < doc->nstyles; i++)
		if (doc->styles[i].at > doc->len || (i > 0 &&
		    doc->styles[i].at < doc->styles[i - 1].at))
			abort();
	for (i = 0; i < doc->nlinks; i++)
		if (doc->links[i].start > doc->links[i].end ||
		    doc->links[i].end > doc->len)
			abort();
	for (more = block_first(doc, &b); more; more = block_next(doc, &b,
	    &b)) {
		lay = layout_create(doc, &b, width);
		for (r = 0; r < lay->nrows; r++) {
			const struct row	*rw = &lay->rows[r];

			if (rw->width + rw->indent + ((rw->flags & ROW_CONT) ?
			    1 : 0) > width)
				abort();
			/* Bars fit the indent (a gap row has none). */
			if (!(rw->flags & ROW_GAP) && rw->bars * 2 >
			    rw->indent)
				abort();
		}
		layout_destroy(lay);
	}
}

int
fuzz_formats_one(const uint8_t *data, size_t size)
{
	struct source	 src;
	struct doc	 doc;
	size_t		 at;
	int		 flags, width;

	if (size < 1)
		return 0;
	flags = data[0];
	width = 10 + (flags >> 3) * 3;
	data++;
	size--;
	html_full = (flags & 2) != 0;
	source_open_memory(&src, "fuzz", data, (flags & 4) ? 0 : size);
	if (doc_open(&doc, &src, flags & 1 ? "html" : "markdown", NULL) ==
	    -1)
		abort();
	if ((flags & 5) == 4) {		/* Markdown from a pipe */
		src.fd = 0;
		for (at = 0; at < size; ) {
			at = at + 1 + at / 3 < size ? at + 1 + at / 3 : size;
			src.len = at;
			doc_sync(&doc, 0);
			fuzz_check(&doc, width);
		}
		src.fd = -1;
		doc_sync(&doc, 0);
	} else if (flags & 4) {
		src.len = size;
		doc_sync(&doc, 1);
	}
	fuzz_check(&doc, width);
	doc_free(&doc);
	source_free(&src);
	html_full = 0;
	return 0;
}

#ifndef FUZZ_NO_MAIN
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_formats_one(data, size);
}
#endif
