/*
 * outline.c: the article's sections, for ], [, t, -s and the status line.
 *
 * One pass over the blocks collects the headings (parse.c decides what a
 * heading is) and the quotes (quote.c). The pass is done once, on first need, and can be done in
 * slices (outline_step) so that a huge article stays responsive; titles
 * are kept as byte ranges into the document, never copied.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "lede.h"

void
outline_init(struct outline *o)
{
	memset(o, 0, sizeof o[0]);
}

void
outline_free(struct outline *o)
{
	free(o->v);
	free(o->q);
	free(o->links);
	memset(o, 0, sizeof o[0]);
}

/*
 * Scan blocks for about budget bytes (0: to the end). Returns 1 when the
 * outline is complete. While the document is still being read, its last
 * block, which may grow, waits for the next call.
 */
/*
 * -R: the OSC 8 links of block b (a link left open ends with it). The
 * block is looked at with memchr for ESC, at memory speed.
 */
static void
outline_links(struct outline *o, const struct doc *doc,
    const struct block *b)
{
	const uint8_t	*d = doc->data, *e;
	size_t		 p = b->start, n, us, ue;
	uint32_t	 open;
	struct link	*l = NULL;

	while (p < b->end && (e = memchr(d + p, 0x1b, b->end - p)) != NULL) {
		p = (size_t)(e - d);
		if ((n = sanitize_link(d, b->end, p, &open, &us, &ue)) == 0) {
			p++;
			continue;
		}
		if (l != NULL && l->end == 0)
			l->end = p;	/* this one ends it (or another starts) */
		if (open) {
			if (o->nlinks == o->clinks) {
				o->clinks = o->clinks ? o->clinks * 2 : 16;
				o->links = xreallocarray(o->links, o->clinks,
				    sizeof *o->links);
			}
			l = &o->links[o->nlinks++];
			l->start = p + n;
			l->end = 0;
			l->uri = us;
			l->uri_end = ue;
		}
		p += n;
	}
	if (l != NULL && l->end == 0)
		l->end = b->end;
}

/* Does a block of this type have quotes in marks: a paragraph, or lines
 * of plain text (a poem, a list of short lines), not of a front end's (a
 * page's)? */
static int
outline_has_quotes(const struct doc *doc, int type)
{
	return type == BLOCK_PARAGRAPH || (type == BLOCK_LINES &&
	    doc->blocks == NULL);
}

/* Is the block at b in a block quote (drawn with bars): a front end's,
 * or a mail's in plain text? */
static int
outline_in_block_quote(const struct doc *doc, const struct block *b)
{
	const struct docblock	*db;

	if (doc->blocks == NULL)
		return block_quote_depth(doc, b) > 0;
	return (db = block_table_at(doc, b->start)) != NULL && db->bars > 0;
}

/*
 * A block quote (<blockquote>, Markdown's ">", a mail's "> ") is a quote,
 * for Tab and the quote list: one for its blocks in a row. Returns 1 if
 * the block at b is in one.
 */
static int
outline_block_quote(struct outline *o, const struct doc *doc,
    const struct block *b, int type)
{
	struct quote	*q;

	if (!outline_in_block_quote(doc, b) || type == BLOCK_HEADING) {
		o->qblock = 0;
		return 0;
	}
	if (o->qblock != 0 && o->qblock <= o->nq)
		o->q[o->qblock - 1].end = b->end;
	else {
		q = quote_append(&o->q, &o->nq);
		memset(q, 0, sizeof *q);
		q->start = b->start;
		q->end = b->end;
		q->flags = QUOTE_BLOCK;
		q->mark = QUOTE_BAR_CP;
		o->qblock = o->nq;
	}
	return 1;
}

int
outline_step(struct outline *o, const struct doc *doc, size_t budget)
{
	struct block	 b, next;
	struct section	*sec;
	size_t		 from = o->scanned, first, i;
	int		 more, type, inq, reading = doc_reading(doc);

	if (o->done)
		return 1;
	if (o->scanned == 0)
		more = block_first(doc, &b);
	else
		more = block_at(doc, o->scanned, &b);
	for (; more; more = block_next(doc, &b, &b)) {
		if (reading && !block_next(doc, &b, &next))
			return 0;	/* the last block may grow */
		type = parse_block(doc, &b);
		inq = outline_block_quote(o, doc, &b, type);
		/* A heading's quotation marks are part of its title. In a
		 * block quote, quotes in marks are in it, one level deeper,
		 * and none runs on past a paragraph. */
		if (outline_has_quotes(doc, type)) {
			if (inq)
				o->qcarry = 0;
			first = o->nq;
			quote_scan(doc->data, b.start, b.end, &o->qcarry,
			    &o->q, &o->nq);
			for (i = first; inq && i < o->nq; i++)
				o->q[i].depth++;
			if (inq)
				o->qcarry = 0;
		} else
			o->qcarry = 0;
		if (type == BLOCK_HEADING) {
			if (o->n == o->cap) {
				o->cap = o->cap ? o->cap * 2 : 16;
				o->v = xreallocarray(o->v, o->cap, sizeof *o->v);
			}
			sec = &o->v[o->n++];
			sec->start = b.start;
			sec->level = doc->blocks == NULL ? 1 :
			    block_table_at(doc, b.start)->level;
			parse_heading_text(doc, &b, &sec->title,
			    &sec->title_end);
		}
		if (sanitize_get_raw())
			outline_links(o, doc, &b);
		o->scanned = b.end + 1;
		if (budget != 0 && o->scanned - from >= budget) {
			doc_release(doc, from, o->scanned);
			return 0;
		}
	}
	if (reading)
		return 0;
	doc_release(doc, from, doc->len);
	o->scanned = doc->len;
	o->done = 1;
	return 1;
}

/*
 * The document changed from offset from on (a followed file grew, a file
 * was cut or rewritten): what the outline found there is dropped, and
 * the pass goes on from the block at from.
 */
void
outline_doc_changed(struct outline *o, size_t from)
{
	if (o->scanned <= from && !o->done)
		return;
	while (o->n > 0 && o->v[o->n - 1].start >= from)
		o->n--;
	while (o->nq > 0 && o->q[o->nq - 1].start >= from)
		o->nq--;
	while (o->nlinks > 0 && o->links[o->nlinks - 1].start >= from)
		o->nlinks--;
	o->qcarry = 0;
	o->qblock = 0;
	if (o->scanned > from)
		o->scanned = from;
	o->done = 0;
}

/* Is there outline work that can be done now? */
int
outline_busy(const struct outline *o, const struct doc *doc)
{
	struct block	b, last;

	if (o->done)
		return 0;
	if (!doc_reading(doc))
		return 1;
	/* A block to scan before the last, which waits. */
	return block_last(doc, &last) && block_at(doc, o->scanned, &b) &&
	    b.start < last.start;
}

/*
 * The quotes of block blk that touch its bytes [b->start, b->end) (all of
 * it, or a piece that layout.c laid out): from the outline where the pass
 * has got that far (*local = 0, *q points into the outline), or else found
 * in those bytes alone (*local = 1, *q allocated, a quotation carried
 * over from the paragraph or the piece before is not seen). Returns the
 * count.
 */
size_t
outline_quotes(const struct outline *o, const struct doc *doc,
    const struct block *blk, const struct block *b, struct quote **q,
    int *local)
{
	size_t	lo = 0, hi = o->nq, first, n = 0;
	int	carry = 0;

	int	quotes = outline_has_quotes(doc, parse_block(doc, blk));

	if (!quotes && !outline_in_block_quote(doc, blk)) {
		*local = 0;
		*q = NULL;
		return 0;
	}
	if (o->done || o->scanned > b->end) {
		*local = 0;
		/* First quote starting at or after the block. */
		while (lo < hi) {
			size_t	mid = lo + (hi - lo) / 2;

			if (o->q[mid].start < b->start)
				lo = mid + 1;
			else
				hi = mid;
		}
		/* Quotes that started before it may run into it. */
		first = lo;
		while (first > 0 && lo - first < 32 &&
		    (o->q[first - 1].end > b->start ||
		    o->q[first - 1].depth > 0))
			first--;
		while (first < lo && o->q[first].end <= b->start)
			first++;
		for (hi = lo; hi < o->nq && o->q[hi].start < b->end; hi++)
			;
		*q = o->q + first;
		return hi - first;
	}
	*local = 1;
	*q = NULL;
	if (quotes)
		quote_scan(doc->data, b->start, b->end, &carry, q, &n);
	return n;
}

/* The section containing offset off: the last heading at or before it. */
int
outline_find(const struct outline *o, size_t off)
{
	size_t	lo = 0, hi = o->n;

	/* Binary search for the first heading after off. */
	while (lo < hi) {
		size_t	mid = lo + (hi - lo) / 2;

		if (o->v[mid].start <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (int)lo - 1;
}

/*
 * Does the title start with what pat matches, after any quotation marks
 * or other punctuation in front of it? pat is the search's own matcher,
 * so a title is found as a search finds text: any case, compatibility
 * forms, an ASCII ' for a ’ and - for a dash.
 */
static int
title_prefix(const uint8_t *t, size_t tn, const struct search *pat)
{
	size_t	 i = 0, ms, me;
	ucs4_t	 uc;
	int	 k;

	while (i < tn) {
		k = u8_mbtouc(&uc, t + i, tn - i);
		if (uc_is_alnum(uc))
			break;
		i += (size_t)k;
	}
	return i < tn && search_next(pat, t, tn, i, i + 1, &ms, &me) ==
	    SEARCH_FOUND && ms == i;
}

/*
 * The section named by s: a number (1 is the first) or, in any case, a
 * prefix of a title. Returns its index or -1.
 */
int
outline_lookup(const struct outline *o, const struct doc *doc,
    const char *s)
{
	struct search	*pat;
	uint8_t		*low;
	char		*end, *z, *why = NULL;
	long		 n;
	size_t		 i, len = strlen(s), lown = 0;
	int		 r = -1;

	n = strtol(s, &end, 10);
	if (*s != '\0' && *end == '\0')
		return n >= 1 && (size_t)n <= o->n ? (int)n - 1 : -1;
	/* Lower case first: the matcher ignores case only then. */
	low = u8_tolower((const uint8_t *)s, len, NULL, UNINORM_NFC, NULL,
	    &lown);
	if (low == NULL)
		return -1;
	z = xmalloc(lown + 1);
	memcpy(z, low, lown);
	z[lown] = '\0';
	free(low);
	pat = search_create(z, 0, &why);
	free(z);
	free(why);
	if (pat == NULL)
		return -1;
	for (i = 0; i < o->n && r == -1; i++)
		if (title_prefix(doc->data + o->v[i].title,
		    o->v[i].title_end - o->v[i].title, pat))
			r = (int)i;
	search_destroy(pat);
	return r;
}

/*
 * Count words for the reading time: runs of letters and digits in scripts
 * that separate words, and CJK characters one by one (they are read at
 * about 500 a minute, words at about 230).
 */
void
outline_words(const struct doc *doc, size_t *words, size_t *cjk)
{
	const uint8_t	*d = doc->data;
	size_t		 i = 0, len = doc->len, read = 0;
	ucs4_t		 uc;
	int		 in = 0, k, alnum;

	*words = *cjk = 0;
	while (i < len) {
		if (d[i] < 0x80) {
			alnum = (d[i] >= 'a' && d[i] <= 'z') ||
			    (d[i] >= 'A' && d[i] <= 'Z') ||
			    (d[i] >= '0' && d[i] <= '9') || d[i] == '\'';
			i++;
		} else {
			k = u8_mbtoucr(&uc, d + i, len - i);
			if (k < 0) {
				i++;
				alnum = 0;
			} else {
				i += (size_t)k;
				if (layout_nospace(uc) &&
				    uc_is_property_alphabetic(uc)) {
					(*cjk)++;
					in = 0;
					continue;
				}
				alnum = uc_is_alnum(uc) || uc == 0x2019;
			}
		}
		if (alnum && !in)
			(*words)++;
		in = alnum;
		if (i - read >= (1u << 20)) {
			doc_release(doc, read, i);
			read = i;
		}
	}
	doc_release(doc, read, len);
}
