/*
 * t-formats.c: the Markdown and HTML front ends: what their documents
 * are made of (text with no markup, blocks with kinds, levels, indents,
 * hangs and bars, styles, links), made whole or in chunks as a pipe
 * brings them; reader mode's article and header; charsets; pages that
 * would make a parser slow or deep.
 *
 * tests/golden/post.txt and tests/data/html/news.html are our own
 * writing, shaped like real posts and news pages.
 */

#define _GNU_SOURCE	/* memmem */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

static void
open_text(struct doc *doc, struct source *src, const char *name,
    const char *text, size_t len, const char *fmt)
{
	char	*cause = NULL;

	source_open_memory(src, name, text, len);
	if (doc_open(doc, src, fmt, &cause) == -1) {
		printf("Bail out! %s\n", cause);
		exit(1);
	}
}

/* Does the text have s? */
static int
has(const struct doc *doc, const char *s)
{
	return memmem(doc->data, doc->len, s, strlen(s)) != NULL;
}

/* Has the text none of the n strings? Each it has is told (what: s). */
static int
has_none(const struct doc *doc, const char *const *list, size_t n,
    const char *what)
{
	size_t	i;
	int	none = 1;

	for (i = 0; i < n; i++)
		if (has(doc, list[i])) {
			tap_diag("%s: %s", what, list[i]);
			none = 0;
		}
	return none;
}

/* The block whose text starts with s, or NULL. */
static const struct docblock *
block_with(const struct doc *doc, const char *s)
{
	size_t	i, n = strlen(s);

	for (i = 0; i < doc->nblocks; i++)
		if (doc->blocks[i].end - doc->blocks[i].start >= n &&
		    memcmp(doc->data + doc->blocks[i].start, s, n) == 0)
			return &doc->blocks[i];
	return NULL;
}

/* The style (attrs, fg) at the first byte of s in the text. */
static int
style_of(const struct doc *doc, const char *s, unsigned *attrs)
{
	const char	*p = memmem(doc->data, doc->len, s, strlen(s));
	size_t		 at, i;
	int		 fg = -1;

	*attrs = 0;
	if (p == NULL)
		return -2;
	at = (size_t)(p - (const char *)doc->data);
	for (i = 0; i < doc->nstyles && doc->styles[i].at <= at; i++) {
		*attrs = doc->styles[i].attrs;
		fg = doc->styles[i].fg;
	}
	return fg;
}

/* Are the blocks in order, none empty, with blank text between? */
static int
blocks_sound(const struct doc *doc)
{
	size_t	i, p;

	for (i = 0; i < doc->nblocks; i++) {
		if (doc->blocks[i].start >= doc->blocks[i].end)
			return 0;
		if (i > 0) {
			if (doc->blocks[i].start < doc->blocks[i - 1].end ||
			    doc->blocks[i].src < doc->blocks[i - 1].src)
				return 0;
			for (p = doc->blocks[i - 1].end;
			    p < doc->blocks[i].start; p++)
				if (doc->data[p] != '\n')
					return 0;
		}
	}
	return doc->nblocks > 0 && doc->blocks[doc->nblocks - 1].end <=
	    doc->len;
}

static void
test_markdown(void)
{
	static const char *const markup[] = { "**", "](", "```", "> ",
	    "# ", "<div", "&amp;", "~~", "![", "|---" };
	struct source	 src;
	struct doc	 doc;
	const struct docblock *b;
	char		*in;
	size_t		 len;
	unsigned	 a;

	in = load("tests/golden/post.txt", &len);
	open_text(&doc, &src, "post.md", in, len, NULL);
	tap_is_str(doc.fmt->name, "markdown", "a .md file is Markdown");
	tap_ok(blocks_sound(&doc), "blocks in order, none empty, blank "
	    "between (%zu)", doc.nblocks);
	tap_ok(has_none(&doc, markup, sizeof markup / sizeof markup[0],
	    "markup left"), "no markup in the text");
	tap_is_str(doc.title, "The Heading of the Post",
	    "the first level 1 heading is the title");
	b = block_with(&doc, "The Heading");
	tap_ok(b != NULL && b->kind == BLOCK_HEADING && b->level == 1,
	    "# heading: a heading of level 1");
	b = block_with(&doc, "Lists");
	tap_ok(b != NULL && b->kind == BLOCK_HEADING && b->level == 2 &&
	    b->gap == 2, "## heading: level 2, two blank rows above");
	b = block_with(&doc, "\xe2\x80\xa2 one item");
	tap_ok(b != NULL && b->kind == BLOCK_ITEM && b->indent == 0 &&
	    b->hang == 2, "an item: its marker, a hang of 2");
	b = block_with(&doc, "\xe2\x97\xa6 nested one");
	tap_ok(b != NULL && b->kind == BLOCK_ITEM && b->indent == 2 &&
	    b->gap == 0, "a nested item: set in by its parent's marker, no gap");
	tap_ok(block_with(&doc, "\xe2\x80\xa2 [x] done") != NULL &&
	    block_with(&doc, "\xe2\x80\xa2 [ ] open") != NULL,
	    "task items show their boxes");
	b = block_with(&doc, "2. second");
	tap_ok(b != NULL && b->kind == BLOCK_ITEM && b->hang == 3,
	    "an ordered item: its number, a hang of 3");
	b = block_with(&doc, "A quote");
	tap_ok(b != NULL && b->bars == 1 && b->indent == 2,
	    "a block quote: one bar, set in 2");
	b = block_with(&doc, "nested quote");
	tap_ok(b != NULL && b->bars == 2 && b->indent == 4,
	    "a quote in a quote: two bars, set in 4");
	b = block_with(&doc, "int main(void)\n{");
	tap_ok(b != NULL && b->kind == BLOCK_LINES,
	    "a fenced code block: kept lines");
	b = block_with(&doc, "Name");
	tap_ok(b != NULL && b->kind == BLOCK_LINES && has(&doc,
	    "apple  \xe2\x94\x82 \xe8\x8b\xb9\xe6\x9e\x9c \xe2\x94\x82   3"),
	    "a table: cells in columns by display width, aligned as asked");
	tap_ok(style_of(&doc, "strong text", &a) == -1 && a == SGR_BOLD,
	    "strong is bold");
	tap_ok(style_of(&doc, "emphasis", &a) == -1 && a == SGR_ITALIC,
	    "emphasis is italic");
	tap_ok(style_of(&doc, "code span", &a) == 6,
	    "a code span has the code colour");
	tap_ok(style_of(&doc, "link[1]", &a) == -1 && a == SGR_UNDERLINE,
	    "a link's text is underlined");
	tap_ok(has(&doc, "link[1]") && doc.nlinks >= 3 &&
	    strcmp(doc.uris + doc.links[0].uri, "https://example.com/a") == 0,
	    "a link: its text, a reference number, its target listed");
	tap_ok(has(&doc, "ref link[3]") &&
	    strcmp(doc.uris + doc.links[2].uri, "https://example.com/ref") ==
	    0, "a reference link finds its definition");
	tap_ok(has(&doc, "[image: alt text]") && has(&doc, "[image]"),
	    "images: their alternative text");
	tap_ok(has(&doc, "HTML block & more") && !has(&doc, "<b>"),
	    "an HTML block: its text");
	tap_ok(has(&doc, "\xc2\xa9 \xe4\xb8\xad &"), "entities decoded");
	doc_free(&doc);
	source_free(&src);

	/* Front matter: not shown; its title names the post. */
	{
		const char	*fm = "---\ntitle: \"A Post\"\ntags: [a]\n---\n\n"
				    "Text.\n";

		open_text(&doc, &src, "x.markdown", fm, strlen(fm), NULL);
		tap_ok(doc.title != NULL && strcmp(doc.title, "A Post") == 0 &&
		    !has(&doc, "tags") && doc.len == 5,
		    "front matter: its title, nothing shown");
		doc_free(&doc);
		source_free(&src);
	}
	free(in);
}

/* A long Markdown file made in chunks, and the same arriving in a pipe
 * a little at a time: the same text as made at once. */
static void
test_chunks(void)
{
	struct source	 src, psrc;
	struct doc	 doc, pdoc;
	char		*s;
	size_t		 n = 0, cap = 3 << 20, at, step;
	int		 i = 0, same;
	const char	*tmpdir;

	s = xmalloc(cap);
	/* A definition above its uses: a chunk finds it. */
	n += (size_t)snprintf(s + n, cap - n, "[d]: https://example.com/d\n\n");
	while (n + 400 < cap) {
		n += (size_t)snprintf(s + n, cap - n, "## Part %d\n\n"
		    "Some *text* of part %d, with a [link][d] and more.\n"
		    "- an item\n- another\n\n```\ncode %d\n\n  kept\n```\n\n",
		    i, i, i);
		i++;
	}
	open_text(&doc, &src, "big.md", s, n, NULL);
	tap_ok(doc.pending && doc.len < 256 << 10 && blocks_sound(&doc),
	    "a long file is made a piece at a time: %zu bytes of text first",
	    doc.len);
	at = doc.len;
	doc_step(&doc);
	tap_ok(doc.pending && doc.len > at + (512 << 10) &&
	    blocks_sound(&doc), "then a megabyte at a step (%zu bytes)",
	    doc.len);
	doc_finish(&doc);
	tap_ok(!doc.pending && blocks_sound(&doc) &&
	    doc.nblocks > 5 * (size_t)i / 2 &&
	    doc.nlinks == (size_t)i,
	    "%d parts in chunks: blocks sound (%zu)", i, doc.nblocks);
	open_text(&pdoc, &psrc, "pipe", s, 0, "markdown");
	psrc.fd = 0;			/* still being read */
	for (at = 0, step = 1; at < n; step = step * 3 % 65521 + 1) {
		at = at + step < n ? at + step : n;
		psrc.len = at;
		doc_sync(&pdoc, 0);
	}
	psrc.fd = -1;
	doc_sync(&pdoc, 0);
	doc_finish(&pdoc);
	same = pdoc.len == doc.len && memcmp(pdoc.data, doc.data, doc.len) ==
	    0 && pdoc.nblocks == doc.nblocks;
	tap_ok(same, "made as a pipe brings it: the same text and blocks "
	    "(%zu, %zu bytes)", pdoc.len, doc.len);
	tap_ok(blocks_sound(&pdoc), "and its blocks are sound");
	doc_free(&pdoc);
	source_free(&psrc);

	/* A long text in a file: the same document, and the same once its
	 * pages were let go; with no file to be had, on the heap. */
	docbuf_spill = 256u << 10;
	open_text(&pdoc, &psrc, "big.md", s, n, NULL);
	doc_finish(&pdoc);
	same = pdoc.len == doc.len && memcmp(pdoc.data, doc.data, doc.len) ==
	    0 && pdoc.nblocks == doc.nblocks;
	tap_ok(same && pdoc.buf != NULL && pdoc.buf->mapped,
	    "past docbuf_spill the text is in a file: the same text");
	doc_release(&pdoc, 0, pdoc.len);
	tap_ok(memcmp(pdoc.data, doc.data, doc.len) == 0,
	    "its pages let go read the same");
	doc_free(&pdoc);
	source_free(&psrc);
	tmpdir = getenv("TMPDIR");
	setenv("TMPDIR", "/nonexistent/lede", 1);
	open_text(&pdoc, &psrc, "big.md", s, n, NULL);
	doc_finish(&pdoc);
	tap_ok(pdoc.len == doc.len && memcmp(pdoc.data, doc.data, doc.len) ==
	    0 && pdoc.buf != NULL && !pdoc.buf->mapped,
	    "no file to be had: the heap, the same text");
	if (tmpdir != NULL)
		setenv("TMPDIR", tmpdir, 1);
	else
		unsetenv("TMPDIR");
	docbuf_spill = 16u << 20;
	doc_free(&pdoc);
	source_free(&psrc);
	doc_free(&doc);
	source_free(&src);

	/* Definitions at the end of a file, as READMEs have them: the
	 * links far above them find them, in whatever piece they are. */
	n = 0;
	for (i = 0; n + 4096 < (600u << 10); i++)
		n += (size_t)snprintf(s + n, cap - n, "Paragraph %d, see "
		    "[the site][site] and [the code][code].\n\n", i);
	n += (size_t)snprintf(s + n, cap - n, "[site]: https://example.org/\n"
	    "[code]: https://example.org/code\n");
	open_text(&doc, &src, "readme.md", s, n, NULL);
	doc_finish(&doc);
	tap_ok(doc.nlinks == 2 * (size_t)i && !has(&doc, "[site]") &&
	    !has(&doc, "][code]"), "definitions at the end: %zu of %d links "
	    "found, no markup", doc.nlinks, 2 * i);
	doc_free(&doc);
	source_free(&src);
	free(s);
}

static void
test_html(void)
{
	static const char *const never[] = { "Home", "Share on Facebook",
	    "Related stories", "First!", "All rights reserved", "SCRIPTTEXT",
	    "STYLETEXT", "HIDDENTEXT", "INVISIBLE", "ADVERT", "tracker" };
	struct source	 src;
	struct doc	 doc;
	const struct docblock *b;
	char		*in;
	size_t		 len;

	in = load("tests/data/html/news.html", &len);
	open_text(&doc, &src, "stdin", in, len, NULL);
	tap_is_str(doc.fmt->name, "html", "a doctype at the start: a page");
	tap_ok(blocks_sound(&doc), "blocks sound (%zu)", doc.nblocks);
	b = &doc.blocks[0];
	tap_ok(b->kind == BLOCK_HEADING && b->level == 1 &&
	    block_with(&doc, "City council backs") == b,
	    "the title first, a heading");
	tap_ok(doc.nblocks > 1 && doc.blocks[1].kind == BLOCK_HEADER &&
	    block_with(&doc, "By Jane Reporter \xc2\xb7 2024-03-05 \xc2\xb7 "
	    "The Daily Example") == &doc.blocks[1],
	    "then byline, date and site (JSON-LD, article:, og:)");
	tap_is_str(doc.title, "City council backs new tram line",
	    "the title names it");
	tap_ok(block_with(&doc, "The city council voted") != NULL &&
	    has(&doc, "We listened to residents"), "the article's text");
	tap_ok(has_none(&doc, never, sizeof never / sizeof never[0],
	    "shown"), "no navigation, share bar, related stories, comments, "
	    "footer, ads, scripts, styles or hidden text");
	b = block_with(&doc, "City council backs");
	tap_ok(b == &doc.blocks[0] && block_with(&doc, "Costs") != NULL &&
	    block_with(&doc, "Costs")->kind == BLOCK_HEADING &&
	    block_with(&doc, "Costs")->level == 2,
	    "the headline is not said twice; h2 is a section");
	b = block_with(&doc, "Critics say");
	tap_ok(b != NULL && b->bars == 1, "a blockquote: a bar");
	tap_ok(has(&doc, "\xe2\x80\x9cTaxpayers' Alliance\xe2\x80\x9d"),
	    "a <q> in quotation marks");
	tap_ok(has(&doc, "450\xc2\xa0million") &&
	    has(&doc, "council\xe2\x80\x99s own report[1]"),
	    "references decoded; a link numbered");
	tap_ok(doc.nlinks == 1 && strcmp(doc.uris + doc.links[0].uri,
	    "https://example.com/report") == 0, "its target listed");
	b = block_with(&doc, "  fare = base");
	tap_ok(b != NULL && b->kind == BLOCK_LINES && has(&doc,
	    "0.5\n  total"), "<pre> as kept lines");
	b = block_with(&doc, "\xe2\x80\xa2 Stops: 18");
	tap_ok(b != NULL && b->kind == BLOCK_ITEM && b->gap == 0,
	    "list items");
	tap_ok(has(&doc, "Year \xe2\x94\x82 Cost"), "a table in columns");
	tap_ok(has(&doc, "[image: A tram in the city centre]"),
	    "an image: its alternative text");
	doc_free(&doc);
	source_free(&src);

	html_full = 1;
	open_text(&doc, &src, "x.html", in, len, NULL);
	tap_ok(has(&doc, "Home") && has(&doc, "First!") &&
	    !has(&doc, "SCRIPTTEXT") && !has(&doc, "HIDDENTEXT"),
	    "--full: the page whole, still no script or hidden text");
	doc_free(&doc);
	html_full = 0;
	source_free(&src);
	free(in);
}

/* Paragraphs that hold a page open and show nothing (&nbsp;, a
 * zero-width space, a stray BOM) are no paragraphs: no blank rows. */
static void
test_html_blank(void)
{
	static const char page[] = "<!DOCTYPE html><html><body>"
	    "<p>First words.</p><p>&nbsp;</p><p> \xe2\x80\x8b </p>"
	    "<p>\xef\xbb\xbf</p><div>&nbsp;<br>&#160;</div>"
	    "<p>Second words.&nbsp;</p></body></html>";
	struct source	 src;
	struct doc	 doc;

	html_full = 1;
	open_text(&doc, &src, "x.html", page, sizeof page - 1, NULL);
	tap_ok(doc.nblocks == 2 && blocks_sound(&doc) &&
	    block_with(&doc, "First words.") == &doc.blocks[0] &&
	    block_with(&doc, "Second words.") == &doc.blocks[1] &&
	    doc.blocks[1].end - doc.blocks[1].start == 13,
	    "blank paragraphs dropped, a paragraph's blank tail too (%zu)",
	    doc.nblocks);
	doc_free(&doc);
	source_free(&src);
	html_full = 0;
}

/* A page whose every wrapper is named like navigation (a real news
 * site's "blq-int-nav"): the second look finds the article anyway. */
static void
test_html_named_nav(void)
{
	static const char page[] = "<!DOCTYPE html><html><head><title>"
	    "Harbour plan approved</title></head><body><div id=\"outer\" "
	    "class=\"wrap int-nav\"><nav><a href=\"/\">Home</a> "
	    "<a href=\"/w\">World</a></nav><div class=\"story\">"
	    "<h1>Harbour plan approved</h1><p>The harbour board approved "
	    "the plan on Tuesday, after a year of talks with residents, "
	    "fishermen and the port's owners.</p><p>Work starts in spring, "
	    "and the new quay should open in two years, the board said in "
	    "a statement.</p><p>Residents, who had asked for a park on the "
	    "old pier, said they were pleased with the outcome.</p>"
	    "<ul><li>Quay: 400 metres long</li><li>Cost: 12 million, says "
	    "<a href=\"/b\">the board</a></li></ul><dl class=\"topics\">"
	    "<dd><a href=\"/t/1\">Harbours</a></dd><dd><a href=\"/t/2\">"
	    "Fishing</a></dd></dl></div></div></body></html>";
	struct source	 src;
	struct doc	 doc;

	open_text(&doc, &src, "x.html", page, sizeof page - 1, NULL);
	tap_ok(has(&doc, "Work starts in spring") && has(&doc,
	    "pleased with the outcome") && !has(&doc, "Home"),
	    "wrappers named like navigation: the article still found");
	tap_ok(has(&doc, "Quay: 400 metres long") && !has(&doc, "Fishing"),
	    "a list of text kept, a list of links (topics) left out");
	doc_free(&doc);
	source_free(&src);
}

/* A news page in Arabic, saved in windows-1256, right to left (the
 * golden page-ar): its article and header, nothing around them. */
static void
test_html_rtl(void)
{
	static const char *const never[] = {
	    "\xd8\xa7\xd9\x84\xd8\xb1\xd8\xa6\xd9\x8a\xd8\xb3"
	    "\xd9\x8a\xd8\xa9",		/* the home link */
	    "\xd8\xb4\xd8\xa7\xd8\xb1\xd9\x83",	/* share */
	    "\xd8\xb0\xd8\xa7\xd8\xaa \xd8\xb5\xd9\x84\xd8\xa9",
						/* related */
	    "\xd8\xa3\xd9\x88\xd9\x84 \xd8\xaa\xd8\xb9\xd9\x84"
	    "\xd9\x8a\xd9\x82",		/* a comment */
	    "\xd9\x85\xd8\xad\xd9\x81\xd9\x88\xd8\xb8\xd8\xa9",
						/* the footer */
	    "STYLETEXT", "By " };
	struct source	 src;
	struct doc	 doc;
	const struct docblock *b;
	char		*in;
	size_t		 len;

	in = load("tests/golden/page-ar.txt", &len);
	open_text(&doc, &src, "x.html", in, len, NULL);
	tap_ok(blocks_sound(&doc) && doc.rtl && doc.lang != NULL &&
	    strcmp(doc.lang, "ar") == 0, "an Arabic page: right to left");
	b = block_with(&doc, "\xd9\x85\xd8\xac\xd9\x84\xd8\xb3 "
	    "\xd8\xa7\xd9\x84\xd9\x85\xd8\xaf\xd9\x8a\xd9\x86"
	    "\xd8\xa9 \xd9\x8a\xd9\x88\xd8\xa7\xd9\x81\xd9\x82");
	tap_ok(b == &doc.blocks[0] && b->kind == BLOCK_HEADING,
	    "windows-1256 read: the title first");
	tap_ok(doc.nblocks > 1 && doc.blocks[1].kind == BLOCK_HEADER &&
	    block_with(&doc, "\xd8\xb3\xd8\xa7\xd8\xb1\xd8\xa9 "
	    "\xd8\xa7\xd9\x84\xd8\xad\xd8\xb3\xd9\x86 \xc2\xb7 "
	    "2024-03-05 \xc2\xb7 ") == &doc.blocks[1],
	    "then author, date and site, with no English \"By\"");
	tap_ok(has(&doc, "\xc2\xab\xd8\xa7\xd8\xb3\xd8\xaa\xd9\x85"
	    "\xd8\xb9\xd9\x86\xd8\xa7") && has(&doc, "450"),
	    "the article's text, its quotation in guillemets");
	tap_ok(has_none(&doc, never, sizeof never / sizeof never[0],
	    "shown"), "no navigation, share bar, related stories, comments "
	    "or footer");
	doc_free(&doc);
	source_free(&src);
	free(in);
}

/* Hugo writes a post with no date as Go's zero time: no date shown. */
static void
test_html_zero_date(void)
{
	static const char page[] = "<!DOCTYPE html><html lang=\"en\"><head>"
	    "<title>Farm tales</title><script type=\"application/ld+json\">"
	    "{\"@type\": \"BlogPosting\", \"headline\": \"Farm tales\", "
	    "\"author\": {\"name\": \"Dara Nouri\"}, \"datePublished\": "
	    "\"0001-01-01T00:00:00Z\"}</script></head><body><article>"
	    "<p>One day, on a farm full of colour, the animals met in the "
	    "barn to talk about the winter, the hay and the long nights.</p>"
	    "</article></body></html>";
	struct source	 src;
	struct doc	 doc;

	open_text(&doc, &src, "x.html", page, sizeof page - 1, NULL);
	tap_ok(block_with(&doc, "By Dara Nouri") != NULL &&
	    !has(&doc, "0001"), "a zero date (0001-01-01) is no date");
	doc_free(&doc);
	source_free(&src);
}

/* A page in GBK, said by its <meta>; one in Latin-1; UTF-16 by BOM; one
 * saved as UTF-8 that kept its gb2312 <meta>. */
static void
test_charsets(void)
{
	static const char gbk[] = "<html><head><meta charset=\"gb2312\">"
	    "<title>t</title></head><body><p>\xd6\xd0\xce\xc4\xb2\xe2\xca\xd4"
	    "\xa1\xa3\xd5\xe2\xca\xc7\xd2\xbb\xb6\xce\xce\xc4\xd7\xd6\xa1\xa3"
	    "</p></body></html>";
	static const char latin[] = "<!DOCTYPE html><meta http-equiv="
	    "\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"
	    "<p>Caf\xe9 cr\xe8me \x93quoted\x94.</p>";
	static const char saved[] = "<html><head><meta charset=\"gb2312\">"
	    "<title>t</title></head><body><p>\xe4\xb8\xad\xe6\x96\x87\xe6"
	    "\xb5\x8b\xe8\xaf\x95\xe3\x80\x82</p></body></html>";
	static const char u16[] = "\xff\xfe<\0p\0>\0\xe9\0t\0\xe9\0<\0/\0p\0>\0";
	struct source	 src;
	struct doc	 doc;

	open_text(&doc, &src, "gbk.html", gbk, sizeof gbk - 1, NULL);
	tap_ok(has(&doc, "\xe4\xb8\xad\xe6\x96\x87\xe6\xb5\x8b\xe8\xaf\x95"),
	    "GB2312 by <meta charset>: converted (\xe4\xb8\xad\xe6\x96\x87"
	    "\xe6\xb5\x8b\xe8\xaf\x95)");
	doc_free(&doc);
	source_free(&src);
	open_text(&doc, &src, "latin.htm", latin, sizeof latin - 1, NULL);
	tap_ok(has(&doc, "Caf\xc3\xa9 cr\xc3\xa8me \xe2\x80\x9cquoted"
	    "\xe2\x80\x9d"), "ISO-8859-1 read as windows-1252, as browsers do");
	doc_free(&doc);
	source_free(&src);
	open_text(&doc, &src, "u16.html", u16, sizeof u16 - 1, NULL);
	tap_ok(has(&doc, "\xc3\xa9t\xc3\xa9"), "UTF-16 by its byte order mark");
	doc_free(&doc);
	source_free(&src);
	open_text(&doc, &src, "saved.html", saved, sizeof saved - 1, NULL);
	tap_ok(has(&doc, "\xe4\xb8\xad\xe6\x96\x87\xe6\xb5\x8b\xe8\xaf\x95"),
	    "saved as UTF-8 with its gb2312 <meta>: read as UTF-8");
	doc_free(&doc);
	source_free(&src);
}

/* Pages that would take a parser quadratic time or a walk deep: made
 * at once, their text kept. */
static void
test_hostile(void)
{
	static const char *const open[] = { "<div>", "<table><tr><td>",
	    "<b id=x><i>", "<blockquote>", "<ul><li>" };
	struct source	 src;
	struct doc	 doc;
	char		*s, *huge;
	size_t		 n, k, i;
	clock_t		 t0;
	double		 secs;

	for (k = 0; k < sizeof open / sizeof open[0]; k++) {
		n = 0;
		s = xmalloc(200000 * strlen(open[k]) + 64);
		n += (size_t)sprintf(s, "<!doctype html><body>");
		for (i = 0; i < 200000; i++)
			n += (size_t)sprintf(s + n, "%s", open[k]);
		n += (size_t)sprintf(s + n, "deep text");
		t0 = clock();
		open_text(&doc, &src, "deep.html", s, n, NULL);
		secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
		tap_ok(has(&doc, "deep text") && blocks_sound(&doc),
		    "200,000 x %s: its text shown (%.2f s)", open[k], secs);
		doc_free(&doc);
		source_free(&src);
		free(s);
	}
	/* A huge attribute, broken references, an escape in the text. */
	huge = xmalloc(1 << 21);
	n = (size_t)sprintf(huge, "<!doctype html><p title=\"");
	memset(huge + n, 'a', 1 << 20);
	n += 1 << 20;
	n += (size_t)sprintf(huge + n, "\">&amp &#xZZ; &#99999999; "
	    "&nosuch; \x1b[31mred\x1b[0m</p>");
	open_text(&doc, &src, "h.html", huge, n, NULL);
	tap_ok(has(&doc, "& &#xZZ; \xef\xbf\xbd &nosuch;") && has(&doc,
	    "[31mred") && !has(&doc, "\x1b"), "broken references as the "
	    "parser reads them; an escape in the text made U+FFFD");
	doc_free(&doc);
	source_free(&src);
	free(huge);
}

/* An item whose first block is a list: both markers on one row, the
 * rows after it hanging under the inner item's text; nothing lost. */
static void
test_list_first(void)
{
	static const char md[] = "- - nested first, long enough to wrap "
	    "around\n  - second\n- outer\n";
	static const char page[] = "<html><body><ol><li><ul><li>nested "
	    "first, long enough to wrap around<li>second</ul><li>outer</ol>"
	    "</body></html>";
	struct source		 src;
	struct doc		 doc;
	const struct docblock	*b;

	open_text(&doc, &src, "list.md", md, sizeof md - 1, NULL);
	b = block_with(&doc, "\xe2\x80\xa2 \xe2\x97\xa6 nested first");
	tap_ok(b != NULL && b->indent == 0 && b->hang == 4 &&
	    b->kind == BLOCK_ITEM, "markdown: \"\xe2\x80\xa2 \xe2\x97\xa6 "
	    "nested\" on one row, hanging 4 (%d)", b != NULL ? b->hang : -1);
	b = block_with(&doc, "\xe2\x97\xa6 second");
	tap_ok(b != NULL && b->indent == 2 && b->gap == 0,
	    "and the next item under it, no gap");
	doc_free(&doc);
	source_free(&src);
	html_full = 1;
	open_text(&doc, &src, "list.html", page, sizeof page - 1, NULL);
	html_full = 0;
	b = block_with(&doc, "1. \xe2\x80\xa2 nested first");
	tap_ok(b != NULL && b->indent == 0 && b->hang == 5,
	    "a page: \"1. \xe2\x80\xa2 nested\" on one row, hanging 5 (%d)",
	    b != NULL ? b->hang : -1);
	tap_ok(block_with(&doc, "2. outer") != NULL &&
	    block_with(&doc, "\xe2\x80\xa2 second") != NULL,
	    "and the items after it");
	doc_free(&doc);
	source_free(&src);
}

/* A list that starts at a number past any long: counted on from 32 bits'
 * largest, as a browser does, not past the largest long (fuzz-formats
 * found the overflow). */
static void
test_list_start(void)
{
	static const char page[] = "<html><body><ol start="
	    "\"99999999999999999999\"><li>first<li>second</ol><ol start="
	    "\"-99999999999999999999\"><li>third</ol></body></html>";
	struct source	src;
	struct doc	doc;

	html_full = 1;
	open_text(&doc, &src, "start.html", page, sizeof page - 1, NULL);
	html_full = 0;
	tap_ok(block_with(&doc, "2147483647. first") != NULL &&
	    block_with(&doc, "2147483648. second") != NULL &&
	    block_with(&doc, "-2147483648. third") != NULL,
	    "<ol start> past a long: from 2147483647 on, and -2147483648");
	doc_free(&doc);
	source_free(&src);
}

/* A big page's first screen is made from a part of it, then the page
 * whole: the same text on the first screen, then all of it. */
static void
test_quick(void)
{
	struct source	 src, fsrc;
	struct doc	 doc, full;
	char		*s;
	size_t		 n = 0, cap = 1200 << 10, first;
	int		 i, pending;

	s = xmalloc(cap);
	n += (size_t)snprintf(s + n, cap - n, "<!DOCTYPE html><html><head>"
	    "<title>Big story | Site</title><meta property=\"og:title\" "
	    "content=\"Big story\"></head><body><nav><a href=/>Home</a>"
	    "<a href=/s>Sport</a></nav><main><article><h1>Big story</h1>");
	for (i = 0; n + 1024 < cap; i++)
		n += (size_t)snprintf(s + n, cap - n, "<p>Paragraph %d of the "
		    "story, with words, commas, and more words to make it a "
		    "paragraph as a story has.</p>\n%s", i, i % 20 == 19 ?
		    "<h2>A section</h2>\n" : "");
	n += (size_t)snprintf(s + n, cap - n, "<p>The last paragraph.</p>"
	    "</article></main><footer>All rights reserved</footer>"
	    "</body></html>");
	open_text(&doc, &src, "big.html", s, n, NULL);
	pending = doc.pending;
	first = doc.len;
	tap_ok(pending == DOC_REMAKE && first < 64 << 10 &&
	    blocks_sound(&doc), "a big page: its first screen from a part "
	    "(%zu bytes of text)", first);
	open_text(&full, &fsrc, "big.html", s, n, NULL);
	doc_finish(&full);
	tap_ok(!full.pending && has(&full, "The last paragraph.") &&
	    !has(&full, "Sport") && !has(&full, "All rights"),
	    "then whole: to its last paragraph, no navigation");
	tap_ok(first > 4096 && full.len > first &&
	    memcmp(doc.data, full.data, 4096) == 0 &&
	    strncmp((const char *)doc.data, "Big story", 9) == 0,
	    "the part's first screen is the whole page's");
	doc_finish(&doc);
	tap_ok(doc.len == full.len && memcmp(doc.data, full.data, doc.len) ==
	    0 && doc.nblocks == full.nblocks, "made whole, it is the page made "
	    "whole (%zu blocks)", doc.nblocks);
	doc_free(&doc);
	source_free(&src);
	doc_free(&full);
	source_free(&fsrc);
	/* No sign of where the article starts: made whole at once. */
	memcpy(strstr(s, "<main><article>"), "<div><section>", 14);
	open_text(&doc, &src, "big.html", s, n, NULL);
	tap_ok(!doc.pending && has(&doc, "The last paragraph."),
	    "no <article> or <main>: made whole at once");
	doc_free(&doc);
	source_free(&src);
	free(s);
}

/* The format lede reads text named name in (none asked for). */
static void
format_is(const char *name, const char *text, const char *want,
    const char *what)
{
	struct source	src;
	struct doc	doc;

	open_text(&doc, &src, name, text, strlen(text), NULL);
	tap_is_str(doc.fmt->name, want, "%s", what);
	doc_free(&doc);
	source_free(&src);
}

/* The kind of the block of the code document text that starts at s. */
static int
code_kind(const char *text, const char *s)
{
	struct source	 src;
	struct doc	 doc;
	struct block	 b;
	int		 kind = -1, more;

	open_text(&doc, &src, "x.sh", text, strlen(text), NULL);
	for (more = block_first(&doc, &b); more; more = block_next(&doc, &b,
	    &b))
		if (strncmp((const char *)doc.data + b.start, s, strlen(s)) == 0)
			kind = parse_block(&doc, &b);
	doc_free(&doc);
	source_free(&src);
	return kind;
}

/* Source code and configuration: every line kept (code.c). */
static void
test_code(void)
{
	static const char	c[] = "/* The harbour's berths. */\n"
	    "#include <stdio.h>\n\nstatic int\nberth(int boat)\n{\n"
	    "\tint tide = level(boat);\n\n\tif (tide < 3) {\n"
	    "\t\twait(boat);\n\t\treturn 0;\n\t}\n\treturn dock(boat);\n"
	    "}\n";
	static const char	py[] = "import os\n\n\nclass Berth:\n"
	    "    def __init__(self, boat):\n        self.boat = boat\n\n"
	    "    def dock(self):\n        if self.boat.late:\n"
	    "            return None\n        return os.getcwd()\n";
	static const char	list[] = "Fixes since v2.4\n----------------\n\n"
	    " * The timetable showed the winter sailings twice;\n\n"
	    " * the ferry's name was cut at the margin;\n\n"
	    " * a tide table with no date was read as today's;\n\n"
	    " * the pier's notices were shown in the wrong order;\n\n"
	    " * and the office's address was left out;\n\n"
	    "And other small fixes.\n";
	static const char	sh[] = "# set a prompt for the harbour's "
	    "shell\nif [ -n \"$PS1\" ]; then\n    PS1='quay$ '\nfi\n"
	    "/*\n * the end\n */\n";

	format_is("berth.c", "int x;\n", "code", "a .c file: code");
	format_is("x/Makefile", "all:\n\tcc -o x x.c\n", "code", "a "
	    "Makefile: code");
	format_is("/etc/bash.bashrc", "PS1='$ '\n", "code", "bash.bashrc: "
	    "code");
	format_is(".vimrc", "set nu\n", "code", ".vimrc: code");
	format_is("notes", "#!/bin/sh\necho tide\n", "code", "\"#!\" "
	    "first: code");
	format_is("(standard input)", c, "code", "C on a pipe: code");
	format_is("(standard input)", py, "code", "Python on a pipe: code");
	format_is("relnotes.txt", list, "plain", "a list of prose ending "
	    "its items with ';': plain");
	format_is("story.txt", "The council met on Tuesday; the vote "
	    "was close.\n", "plain", "prose: plain");
	format_is("source.txt", "The source of the story.\n", "plain",
	    "a name ending \"rc\" without a dot before: plain");
	{
		/* A NUL at a line's end is no brace (strchr finds the
		 * string's own end). */
		static const char	nul[] = "one\0\ntwo\0\nthree\0\nfour\0\n"
		    "five\0\nsix\0\n";
		struct source		src;
		struct doc		doc;

		open_text(&doc, &src, "(standard input)", nul, sizeof nul - 1,
		    NULL);
		tap_is_str(doc.fmt->name, "plain", "lines ending in NUL bytes: "
		    "plain");
		doc_free(&doc);
		source_free(&src);
	}
	tap_is_int(code_kind(sh, "# set a prompt"), BLOCK_LINES, "code: a "
	    "comment is no heading");
	tap_is_int(code_kind(sh, " * the end"), BLOCK_LINES, "code: a C "
	    "comment's line is no list item");
	{
		struct source	src;
		struct doc	doc;

		open_text(&doc, &src, "berth.c", c, strlen(c), "plain");
		tap_is_str(doc.fmt->name, "plain", "-T plain: a .c file as "
		    "plain text");
		doc_free(&doc);
		source_free(&src);
	}
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_markdown();
	test_chunks();
	test_html();
	test_html_blank();
	test_html_named_nav();
	test_html_rtl();
	test_html_zero_date();
	test_charsets();
	test_hostile();
	test_quick();
	test_list_first();
	test_list_start();
	test_code();
	return tap_done();
}
