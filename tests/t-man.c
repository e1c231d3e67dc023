/*
 * t-man.c: the man front end, and through it the document seam: a
 * converted text with its own blocks and styles, read by block.c,
 * parse.c, outline.c and layout.c as they read plain text.
 *
 * tests/data/man/frob.1 is a page of our own; tests/golden/man-frob.txt
 * is what man-db 2.11 and groff 1.22 make of it for a pager at 80
 * columns (MAN_KEEP_FORMATTING=1 MANWIDTH=80 man -l frob.1), and
 * tests/data/man/frob.80.plain the same without formatting.
 */

#define _GNU_SOURCE	/* memmem */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"
#include "tap.h"

static char *
load(const char *name, size_t *len)
{
	const char	*dir = getenv("srcdir");
	char		 path[4096];
	char		*s;

	snprintf(path, sizeof path, "%s/%s", dir ? dir : ".", name);
	if ((s = tap_slurp(path, len)) == NULL) {
		printf("Bail out! cannot read %s\n", path);
		exit(1);
	}
	return s;
}

/* The style in effect at offset off of the text. */
static unsigned
style_at(const struct doc *doc, size_t off)
{
	unsigned	a = 0;
	size_t		i;

	for (i = 0; i < doc->nstyles && doc->styles[i].at <= off; i++)
		a = doc->styles[i].attrs;
	return a;
}

/* Are the n bytes from byte k of the first s in the text all in style
 * attrs? */
static int
styled_part(const struct doc *doc, const char *s, size_t k, size_t n,
    unsigned attrs)
{
	const char	*p = memmem(doc->data, doc->len, s, strlen(s));
	size_t		 at, i;

	if (p == NULL)
		return 0;
	at = (size_t)(p - (const char *)doc->data) + k;
	for (i = 0; i < n; i++)
		if (style_at(doc, at + i) != attrs)
			return 0;
	return 1;
}

/* Is the first s in the text all in style attrs? */
static int
styled(const struct doc *doc, const char *s, unsigned attrs)
{
	return styled_part(doc, s, 0, strlen(s), attrs);
}

/* The sections found by the structure pass, as "title/level,...". */
static void
sections(const struct doc *doc, char *out, size_t size)
{
	struct outline	o;
	char		t[64];
	size_t		i, n = 0;

	outline_init(&o);
	outline_step(&o, doc, 0);
	out[0] = '\0';
	for (i = 0; i < o.n; i++) {
		doc_copy(doc, o.v[i].title, o.v[i].title_end, t, sizeof t);
		n += (size_t)snprintf(out + n, size - n, "%s%s/%d",
		    i > 0 ? "," : "", t, o.v[i].level);
	}
	outline_free(&o);
}

/* Open text as a document of format fmt (NULL: detected). */
static void
open_text(struct doc *doc, struct source *src, const char *text,
    size_t len, const char *fmt)
{
	char	*cause = NULL;

	source_open_memory(src, "t", text, len);
	if (doc_open(doc, src, fmt, &cause) == -1) {
		printf("Bail out! %s\n", cause);
		exit(1);
	}
}

/* Is the converted document a made of the same text, blocks and styles
 * as b? */
static int
same_doc(const struct doc *a, const struct doc *b)
{
	size_t	i;

	if (a->len != b->len || memcmp(a->data, b->data, a->len) != 0 ||
	    a->nblocks != b->nblocks || a->nstyles != b->nstyles)
		return 0;
	for (i = 0; i < a->nblocks; i++)
		if (a->blocks[i].start != b->blocks[i].start ||
		    a->blocks[i].end != b->blocks[i].end ||
		    a->blocks[i].src != b->blocks[i].src ||
		    a->blocks[i].kind != b->blocks[i].kind ||
		    a->blocks[i].level != b->blocks[i].level ||
		    a->blocks[i].gap != b->blocks[i].gap)
			return 0;
	for (i = 0; i < a->nstyles; i++)
		if (a->styles[i].at != b->styles[i].at ||
		    a->styles[i].attrs != b->styles[i].attrs)
			return 0;
	return 1;
}

static void
test_text(void)
{
	struct source	 src, psrc;
	struct doc	 doc, pdoc;
	char		*in, *plain, buf[512];
	size_t		 inlen, plen, i;
	int		 bad;

	in = load("tests/golden/man-frob.txt", &inlen);
	plain = load("tests/data/man/frob.80.plain", &plen);

	open_text(&doc, &src, in, inlen, NULL);
	tap_is_str(doc.fmt->name, "man", "overstrike: detected as a page");
	tap_ok(doc.len + 1 == plen && memcmp(doc.data, plain, doc.len) == 0,
	    "the text is the page without its marks, every other byte kept");
	tap_ok(memchr(doc.data, '\b', doc.len) == NULL, "no backspace left");
	tap_is_str(doc.title, "FROB(1)", "the title from the header line");

	/* Styles: bold and underline where grotty put them, and only there. */
	tap_ok(styled(&doc, "NAME", SGR_BOLD), "NAME bold");
	tap_ok(styled(&doc, "FROB_HOME", SGR_BOLD), "FROB_HOME bold, its "
	    "underscore too");
	tap_ok(styled_part(&doc, "-o list]", 3, 4, SGR_UNDERLINE) &&
	    styled_part(&doc, "-o list]", 7, 1, 0) &&
	    styled_part(&doc, "-o list]", 0, 2, SGR_BOLD),
	    "-o bold, list underlined, ] plain");
	tap_ok(styled(&doc, "Say nothing", 0), "plain text plain");
	tap_ok(styled(&doc, "frob 2.1", 0), "the footer plain");
	tap_ok(styled(&doc, "FROB(1)", 0), "the header plain");

	/* Blocks and the structure pass. */
	sections(&doc, buf, sizeof buf);
	tap_is_str(buf, "NAME/1,SYNOPSIS/1,DESCRIPTION/1,Options/2,"
	    "Exit status/2,ENVIRONMENT/1,SEE ALSO/1", "sections and their "
	    "levels: .SH at the margin, .SS indented");
	tap_is_int(doc.blocks[0].kind, BLOCK_LINES, "the header: lines");
	tap_is_int(doc.blocks[1].kind, BLOCK_HEADING, "NAME: a heading");
	tap_is_int(doc.blocks[1].gap, 1, "one blank line above NAME");
	tap_is_int(doc.blocks[2].kind, BLOCK_LINES, "its text: lines");
	tap_is_int(doc.blocks[2].gap, 0, "no blank line above it: no gap");
	for (i = 0, bad = 0; i < doc.nblocks; i++)
		if (doc.blocks[i].start >= doc.blocks[i].end ||
		    (i > 0 && doc.blocks[i].start <= doc.blocks[i - 1].end))
			bad = 1;
	tap_ok(!bad, "blocks in order, none empty, none touching");

	/* Positions kept between runs: offsets of the input, and back. */
	for (i = 0, bad = 0; i <= doc.len; i++) {
		if (doc_from_src(&doc, doc_to_src(&doc, i)) != i &&
		    (i == 0 || memchr("\n", doc.data[i - 1], 1) == NULL))
			bad++;
		if (i > 0 && doc_to_src(&doc, i) < doc_to_src(&doc, i - 1))
			bad++;
	}
	tap_is_int(bad, 0, "every offset of the text goes to the input and "
	    "back, in order");
	{
		const char	*h = memmem(doc.data, doc.len, "DESCRIPTION", 11);
		const char	*hs = memmem(in, inlen, "D\bDE\bE", 6);
		size_t		 at = (size_t)(h - (const char *)doc.data);

		tap_is_int((long)doc_to_src(&doc, at), (long)(hs - in),
		    "a heading's offset is its line's in the input");
	}

	/* Plain text stays plain text, and zero-copy. */
	open_text(&pdoc, &psrc, plain, plen, NULL);
	tap_is_str(pdoc.fmt->name, "plain", "no marks: plain text");
	tap_ok(pdoc.data == (const uint8_t *)plain && pdoc.blocks == NULL,
	    "plain text is the input itself, with no table");
	tap_ok(doc_to_src(&pdoc, 123) == 123 && doc_from_src(&pdoc, 123) ==
	    123, "plain text's offsets are the input's");
	doc_free(&pdoc);
	source_free(&psrc);
	open_text(&pdoc, &psrc, "a\bab\bb is bold", 15, NULL);
	tap_is_str(pdoc.fmt->name, "plain", "two overstruck letters are not "
	    "a page");
	doc_free(&pdoc);
	source_free(&psrc);

	/* Made as it arrives: the same document, line by line. */
	{
		struct source	gsrc;
		struct doc	gdoc;
		size_t		at = 0;
		const char	*nl;

		open_text(&gdoc, &gsrc, in, 0, "man");
		while (at < inlen) {
			nl = memchr(in + at, '\n', inlen - at);
			at = nl != NULL ? (size_t)(nl - in) + 1 : inlen;
			gsrc.len = at;
			doc_sync(&gdoc, 0);
		}
		tap_ok(same_doc(&gdoc, &doc), "made a line at a time: the "
		    "same text, blocks and styles");
		gsrc.len = inlen / 2;
		doc_sync(&gdoc, 1);
		gsrc.len = inlen;
		doc_sync(&gdoc, 1);
		tap_ok(same_doc(&gdoc, &doc), "made again after a change");
		doc_free(&gdoc);
		source_free(&gsrc);
	}
	doc_free(&doc);
	source_free(&src);
	free(in);
	free(plain);
}

/* Lay out every block at width w: no row wider, verbatim lines kept. */
static void
test_layout(int w)
{
	struct source	 src;
	struct doc	 doc;
	struct block	 b;
	struct layout	*lay;
	char		*in;
	size_t		 inlen, r, wide = 0, rows = 0, lines = 0, cont = 0, hung = 0;
	int		 more;

	in = load("tests/golden/man-frob.txt", &inlen);
	open_text(&doc, &src, in, inlen, "man");
	for (more = block_first(&doc, &b); more;
	    more = block_next(&doc, &b, &b)) {
		lay = layout_create(&doc, &b, w);
		for (r = lay->gap; r < lay->nrows; r++) {
			if (lay->rows[r].width + lay->rows[r].indent > w)
				wide++;
			if (lay->rows[r].flags & ROW_CONT)
				cont++;
			if (lay->rows[r].indent > 0)
				hung++;
			rows++;
		}
		for (r = b.start; r <= b.end; r++)
			if (r == b.end || doc.data[r] == '\n')
				lines++;
		if (lay->nsgr == 0 && parse_block(&doc, &b) == BLOCK_HEADING)
			wide++;		/* a heading without its bold */
		layout_destroy(lay);
	}
	tap_is_int((long)wide, 0, "width %d: no row too wide, headings bold",
	    w);
	if (w >= 80)
		tap_is_int((long)rows, (long)lines, "width %d: a row for each "
		    "line of the page", w);
	else {
		tap_ok(rows > lines, "width %d: long lines wrapped", w);
		tap_ok(cont == 0 && hung > 5, "width %d: at words, hanging "
		    "(%zu rows hang), never cut with a mark (%zu)", w, hung,
		    cont);
	}
	doc_free(&doc);
	source_free(&src);
	free(in);
}

/* A lone backspace, and bad bytes, are kept: the layout shows them. */
static void
test_odd(void)
{
	static const char	 t[] = "X\bX(1)\n\nN\bNA\bAM\bME\bE\n"
	    "   a\b\n   \xff\b\xff z \b\n";
	static const char	 want[] = "X(1)\n\nNAME\n   a\b\n   \xff z \b";
	struct source		 src;
	struct doc		 doc;

	open_text(&doc, &src, t, sizeof t - 1, "man");
	tap_ok(doc.len == sizeof want - 1 && memcmp(doc.data, want,
	    doc.len) == 0, "a backspace with nothing after it stays, a bad "
	    "byte overstruck is one");
	doc_free(&doc);
	source_free(&src);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_text();
	test_layout(80);
	test_layout(40);
	test_odd();
	return tap_done();
}
