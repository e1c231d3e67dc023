/*
 * docbuf.c: how a front end makes a document: its text, appended in
 * styles, and its tables of blocks and links, grown as it goes. The
 * front ends (man.c, md.c, html.c) share it; the document owns what it
 * makes (doc_free), but for the text, which the front end frees.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lede.h"

/* Start over: an empty document with no style. */
void
docbuf_reset(struct doc *doc, struct docbuf *db)
{
	free(db->text);
	free(doc->blocks);
	free(doc->styles);
	free(doc->links);
	free(doc->uris);
	memset(db, 0, sizeof *db);
	db->fg = -1;
	doc->blocks = NULL;
	doc->styles = NULL;
	doc->links = NULL;
	doc->uris = NULL;
	doc->nblocks = doc->nstyles = doc->nlinks = 0;
	doc->data = (const uint8_t *)"";
	doc->len = 0;
}

/* Grow the text by n bytes at most. */
static void
docbuf_grow(struct doc *doc, struct docbuf *db, size_t n)
{
	if (doc->len + n <= db->cap)
		return;
	while (doc->len + n > db->cap)
		db->cap = db->cap == 0 ? 65536 : db->cap * 2;
	db->text = xreallocarray(db->text, db->cap, 1);
	doc->data = (const uint8_t *)db->text;
}

/* The text goes on in this style (SGR_* attributes, a colour or -1). */
void
docbuf_style(struct doc *doc, struct docbuf *db, unsigned attrs, int fg)
{
	struct docstyle	*s;

	if (attrs == db->attrs && fg == db->fg)
		return;
	db->attrs = attrs;
	db->fg = fg;
	if (doc->nstyles > 0 && doc->styles[doc->nstyles - 1].at == doc->len)
		doc->nstyles--;		/* nothing in the last one */
	if (doc->nstyles > 0 && doc->styles[doc->nstyles - 1].attrs ==
	    attrs && doc->styles[doc->nstyles - 1].fg == fg)
		return;
	if (doc->nstyles == 0 && attrs == 0 && fg == -1)
		return;
	if (doc->nstyles == db->scap) {
		db->scap = db->scap == 0 ? 256 : db->scap * 2;
		doc->styles = xreallocarray(doc->styles, db->scap,
		    sizeof *doc->styles);
	}
	s = &doc->styles[doc->nstyles++];
	s->at = doc->len;
	s->attrs = attrs;
	s->fg = fg;
}

/* Append n bytes of text in the style in effect. */
void
docbuf_put(struct doc *doc, struct docbuf *db, const void *p, size_t n)
{
	docbuf_grow(doc, db, n);
	memcpy(db->text + doc->len, p, n);
	doc->len += n;
}

void
docbuf_puts(struct doc *doc, struct docbuf *db, const char *s)
{
	docbuf_put(doc, db, s, strlen(s));
}

/* A new block, zeroed but for its start (here) and src. */
struct docblock *
docbuf_block(struct doc *doc, struct docbuf *db, size_t src)
{
	struct docblock	*b;

	if (doc->nblocks == db->bcap) {
		db->bcap = db->bcap == 0 ? 256 : db->bcap * 2;
		doc->blocks = xreallocarray(doc->blocks, db->bcap,
		    sizeof *doc->blocks);
	}
	/* Kept in the input's order, for doc_from_src. */
	if (doc->nblocks > 0 && src < doc->blocks[doc->nblocks - 1].src)
		src = doc->blocks[doc->nblocks - 1].src;
	b = &doc->blocks[doc->nblocks++];
	memset(b, 0, sizeof *b);
	b->start = b->end = doc->len;
	b->src = src;
	return b;
}

/* A link whose text starts at start and ends here, to uri (n bytes). */
void
docbuf_link(struct doc *doc, struct docbuf *db, size_t start,
    const char *uri, size_t n)
{
	struct link	*l;

	if (doc->nlinks == db->lcap) {
		db->lcap = db->lcap == 0 ? 64 : db->lcap * 2;
		doc->links = xreallocarray(doc->links, db->lcap,
		    sizeof *doc->links);
	}
	while (db->nuris + n + 1 > db->ucap) {
		db->ucap = db->ucap == 0 ? 4096 : db->ucap * 2;
		doc->uris = xreallocarray(doc->uris, db->ucap, 1);
	}
	l = &doc->links[doc->nlinks++];
	l->start = start;
	l->end = doc->len;
	l->uri = db->nuris;
	memcpy(doc->uris + db->nuris, uri, n);
	db->nuris += n;
	l->uri_end = db->nuris;
	doc->uris[db->nuris++] = '\0';
}
