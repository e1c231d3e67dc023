/*
 * doc.c: the document the rest of lede reads, and the formats that make
 * it from an input.
 *
 * A format is a front end: it makes the document's text from the input
 * (and keeps it in step when the input grows, as a pipe read as it
 * arrives does). Plain text is the input's bytes themselves, mapped or
 * read, never copied. Adding a format is a file of its own and a line in
 * doc_formats[].
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"

/* Plain text: the input's own bytes. */
static int
doc_plain_make(struct doc *doc, char **cause)
{
	doc->data = doc->src->data;
	doc->len = doc->src->len;
	return 0;
}

static const struct docfmt doc_plain = {
	"plain", 0, NULL, doc_plain_make, NULL, NULL
};

/* The formats, by name; the first is the default, the others are looked
 * for in the input (detect) in this order. */
static const struct docfmt *const doc_formats[] = {
	&doc_plain,
	&man_format,
	&html_format,
	&md_format,
	&code_format,
};
#define DOC_NFORMATS	(sizeof doc_formats / sizeof doc_formats[0])

/* The formats' names, for messages and --help: "plain, man". */
const char *
doc_format_names(void)
{
	static char	names[128];
	size_t		i, n = 0;

	for (i = 0; i < DOC_NFORMATS && n < sizeof names; i++)
		n += (size_t)snprintf(names + n, sizeof names - n, "%s%s",
		    i > 0 ? ", " : "", doc_formats[i]->name);
	return names;
}

/* The format of that name, or NULL. */
const struct docfmt *
doc_format(const char *name)
{
	size_t	i;

	if (strcmp(name, "md") == 0)
		name = "markdown";
	for (i = 0; i < DOC_NFORMATS; i++)
		if (strcmp(doc_formats[i]->name, name) == 0)
			return doc_formats[i];
	return NULL;
}

/*
 * Make the document of src in the named format (NULL: the first format
 * whose detect() knows the input, else plain text). Returns 0, or -1
 * with *cause allocated (an unknown format, or one that could not read
 * its input).
 */
int
doc_open(struct doc *doc, struct source *src, const char *format,
    char **cause)
{
	const struct docfmt	*fmt = NULL;
	size_t			 i;

	if (format != NULL)
		fmt = doc_format(format);
	else {
		for (i = 0; i < DOC_NFORMATS && fmt == NULL; i++)
			if (doc_formats[i]->detect != NULL &&
			    doc_formats[i]->detect(src))
				fmt = doc_formats[i];
		if (fmt == NULL)
			fmt = doc_formats[0];
	}
	if (fmt == NULL) {
		xasprintf(cause, "unknown format: %s (known: %s)", format,
		    doc_format_names());
		return -1;
	}
	memset(doc, 0, sizeof *doc);
	doc->src = src;
	doc->fmt = fmt;
	return fmt->make(doc, cause);
}

/*
 * The input changed (a pipe brought more, a file grew or was cut), or
 * all of it may have (a file rewritten): follow it.
 */
void
doc_sync(struct doc *doc, int all)
{
	if (doc->fmt->sync != NULL)
		doc->fmt->sync(doc, all);
	else
		doc_plain_make(doc, NULL);
}

/* Make one more piece of an input made a piece at a time. */
void
doc_step(struct doc *doc)
{
	if (doc->pending)
		doc_sync(doc, 0);
}

/* Make all of the input there is now. */
void
doc_finish(struct doc *doc)
{
	while (doc->pending)
		doc_sync(doc, 0);
}

/*
 * An offset of the text as an offset of the input, to be kept between
 * runs: the input's offset of its block, plus how far into the block it
 * is. doc_from_src() takes it back, exactly while the front end makes
 * the same text, to the same block when it does not.
 */
size_t
doc_to_src(const struct doc *doc, size_t off)
{
	const struct docblock	*b;

	if (doc->blocks == NULL)
		return off;
	if ((b = block_table_at(doc, off)) == NULL)
		return doc->src->len;
	return off < b->start ? b->src : b->src + (off - b->start);
}

/* The offset of the text that an input's offset (doc_to_src) is at. */
size_t
doc_from_src(const struct doc *doc, size_t src)
{
	size_t	lo = 0, hi = doc->nblocks, mid;
	const struct docblock	*b;

	if (doc->blocks == NULL)
		return src < doc->len ? src : doc->len;
	/* The last block that starts in the input at or before src. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (doc->blocks[mid].src <= src)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return 0;
	b = &doc->blocks[lo - 1];
	return src - b->src < b->end - b->start ? b->start + (src - b->src) :
	    b->end;
}

/* Free what the front end made; the input stays, unless it is the
 * document's own (doc_open_memory). */
void
doc_free(struct doc *doc)
{
	if (doc->fmt != NULL && doc->fmt->free != NULL)
		doc->fmt->free(doc);
	free(doc->blocks);
	free(doc->styles);
	free(doc->links);
	free(doc->uris);
	free(doc->title);
	free(doc->lang);
	if (doc->owns_src) {
		source_free(doc->src);
		free(doc->src);
	}
	memset(doc, 0, sizeof *doc);
}

/* Is the document still growing (its input is still being read)? */
int
doc_reading(const struct doc *doc)
{
	return doc->src != NULL && source_reading(doc->src);
}

/*
 * The text [from, to) was read through (a search, the outline pass, a
 * menu): a front end's text kept in a file may let those pages go
 * (docbuf_release); they read the same when touched again. A mapped
 * input's pages stay: the next search would fault them back in.
 */
void
doc_release(const struct doc *doc, size_t from, size_t to)
{
	if (doc->buf != NULL)
		docbuf_release(doc->buf, from, to);
}

/* The text [from, to) is done with for good (written by the dump): a
 * mapped input's pages may go too. */
void
doc_done(const struct doc *doc, size_t from, size_t to)
{
	if (doc->buf != NULL)
		docbuf_release(doc->buf, from, to);
	else if (doc->src != NULL && doc->data == doc->src->data)
		source_release(doc->src, from, to);
}

/*
 * Where to cut [s, s + n) of the document so that no UTF-8 sequence is
 * split: n, or less if s + n falls inside a character.
 */
size_t
doc_cut(const struct doc *doc, size_t s, size_t n)
{
	while (n > 0 && s + n < doc->len &&
	    (doc->data[s + n] & 0xc0) == 0x80)
		n--;
	return n;
}

/*
 * Copy the bytes [s, e) of the document into buf as a C string, cut at a
 * character boundary if too long.
 */
void
doc_copy(const struct doc *doc, size_t s, size_t e, char *buf,
    size_t size)
{
	size_t	n = e - s;

	if (n >= size)
		n = doc_cut(doc, s, size - 1);
	memcpy(buf, doc->data + s, n);
	buf[n] = '\0';
}

/*
 * The offset of the start of line n (from 1), as less numbers lines; the
 * end of the document if it has fewer lines.
 */
size_t
doc_line(const struct doc *doc, size_t n)
{
	const uint8_t	*p = doc->data, *end = p + doc->len, *nl;

	while (n > 1 && p < end && (nl = memchr(p, '\n', (size_t)(end - p))) !=
	    NULL) {
		p = nl + 1;
		n--;
	}
	return n > 1 ? doc->len : (size_t)(p - doc->data);
}

/*
 * A plain document of bytes in memory (tests, fuzzers, the benchmarks):
 * its input is made here, and freed with it by doc_free().
 */
void
doc_open_memory(struct doc *doc, const char *name, const void *data,
    size_t len)
{
	struct source	*src = xmalloc(sizeof *src);

	source_open_memory(src, name, data, len);
	doc_open(doc, src, "plain", NULL);
	doc->owns_src = 1;
}
