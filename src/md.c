/*
 * md.c: the front end for Markdown: CommonMark, with GitHub's tables,
 * strikethrough, task lists and autolinks, parsed by md4c.
 *
 * md4c calls back for each block, span and run of text; the text of the
 * document is made from them with no markup left: headings become
 * BLOCK_HEADING (with their level, for t, [ and ]), paragraphs
 * BLOCK_PARAGRAPH, a list item's first paragraph BLOCK_ITEM with its
 * marker ("•", "1.", "[x]") and a hang as wide as the marker, code
 * blocks BLOCK_LINES (never reflowed), tables BLOCK_LINES of cells set
 * in columns by display width. Nesting (lists, block quotes) is the
 * blocks' indent, block quotes draw bars in it. Emphasis, strong, code
 * and strikethrough are styles; a link is its text with a reference
 * number after it, its target in doc->links (L lists them); an image is
 * "[image: alt]". Raw HTML in the text is dropped, an HTML block is
 * shown as its text (html.c); a <div dir=rtl> it leaves open sets the
 * direction of the Markdown after it, to its </div> (md_divs).
 *
 * The input is parsed in chunks of about MD_CHUNK bytes, cut where no
 * block can go on (mdscan.c): a pipe is made as it arrives, a long file
 * MD_FIRST bytes before the first screen and a chunk at a time in idle
 * time after it (doc->pending), nothing twice. Link reference
 * definitions are put before each chunk, so that "[text][ref]" finds a
 * definition in another chunk.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <md4c.h>
#include <unistr.h>

#include "lede.h"
#include "md.h"

#define MD_CHUNK	(1u << 20)	/* input parsed at a time, at least */
#define MD_FIRST	(64u << 10)	/* made before the first screen */
#define MD_DEPTH	32		/* nesting kept; deeper is set here */
#define MD_LINKS	8		/* links open at once (nested) */
#define MD_INDENT_MAX	40		/* columns of nesting at most */

struct mdbox {			/* a container: quote, list or list item */
	int		 type;		/* MD_BLOCK_QUOTE, _UL, _OL, _LI */
	int		 indent;	/* columns it sets its content in by */
	int		 tight;		/* a list's */
	unsigned	 next;		/* an ordered list's next number */
	char		 delim;		/* '.' or ')' */
	int		 count;		/* a list's items; an item's blocks */
};

struct md {
	struct docbuf	 db;
	size_t		 in;		/* input made into text */
	struct mdscan	 scan;		/* where chunks end; definitions */
	/* The chunk being parsed: text at buf + skip is input at off. */
	const char	*buf;
	size_t		 skip;
	size_t		 size;
	size_t		 off;
	size_t		 lastsrc;	/* input offset of the last text */
	/* Blocks. */
	struct mdbox	 box[MD_DEPTH];
	int		 depth;		/* may pass MD_DEPTH */
	int		 leaf;		/* the open block's kind, or -1 */
	int		 next_kind;	/* the kind the next text opens */
	int		 level;		/* a heading's */
	size_t		 leaf_start;
	int		 marker;	/* an item's marker is still to come */
	char		 mark[64];
	int		 code;		/* in a code block */
	size_t		 code_src;	/* where its text starts */
	int		 html;		/* in an HTML block */
	char		*raw;		/* its text */
	size_t		 nraw;
	size_t		 rawcap;
	int		 pending_gap;	/* blank lines in a code block */
	/* <div dir=rtl> ... </div> around Markdown (a translated README):
	 * the dirs of the divs HTML blocks left open, innermost last. */
	uint8_t		 divdir[MD_DEPTH];
	int		 ndiv;		/* may pass MD_DEPTH */
	/* Spans. */
	int		 strong, em, del, u, codespan, img;
	size_t		 link_start[MD_LINKS];
	char		*link_uri[MD_LINKS];
	int		 nlinks;
	/* A table: its cells, read before any is shown. */
	int		 table;
	int		 row;		/* rows so far, the header 0 */
	int		 head;
	int		 align;
	struct doccell	*cells;
	size_t		 ncells;
	size_t		 cellcap;
	int		 incell;
};

/* The input offset of text at p, if it is in the chunk. */
static size_t
md_src(struct md *m, const char *p)
{
	if (p >= m->buf + m->skip && p <= m->buf + m->size)
		m->lastsrc = m->off + (size_t)(p - (m->buf + m->skip));
	return m->lastsrc;
}

/* The style the spans open now make. */
static void
md_style(struct doc *doc, struct md *m)
{
	unsigned	attrs = 0;
	int		fg = -1;

	if (m->strong)
		attrs |= SGR_BOLD;
	if (m->em)
		attrs |= SGR_ITALIC;
	if (m->u || m->nlinks > 0)
		attrs |= SGR_UNDERLINE;
	if (m->del)
		attrs |= SGR_DIM;
	if (m->codespan)
		fg = 6;				/* cyan */
	docbuf_style(doc, &m->db, attrs, fg);
}

/*
 * How many block quotes, and the columns all the boxes indent by; the
 * innermost items items are left out for their first block (their
 * markers hang there: "• ◦ text" for an item whose first block is a
 * list), and *hang is their width.
 */
static void
md_nesting(const struct md *m, int items, int *indent, int *bars,
    int *hang)
{
	int	i, n = m->depth < MD_DEPTH ? m->depth : MD_DEPTH, end = n;

	for (i = n - 1; i >= 0 && items > 0; i--)
		if (m->box[i].type == MD_BLOCK_LI) {
			end = i;
			items--;
		}
	*indent = *bars = *hang = 0;
	for (i = 0; i < n; i++) {
		if (i >= end)
			*hang += m->box[i].indent;
		else
			*indent += m->box[i].indent;
		if (m->box[i].type == MD_BLOCK_QUOTE)
			(*bars)++;
	}
	if (*indent > MD_INDENT_MAX)
		*indent = MD_INDENT_MAX;
	if (*hang > MD_INDENT_MAX)
		*hang = MD_INDENT_MAX;
}

/* The innermost list item's index, below index below, or -1. */
static int
md_item(const struct md *m, int below)
{
	int	i;

	for (i = below - 1; i > 0; i--)
		if (m->box[i].type == MD_BLOCK_LI)
			return i;
	return -1;
}

/*
 * Blank rows above a new block: two above a heading of level 1 or 2;
 * none between the items of a tight list and between the blocks of a
 * tight list's item, nor above a list that starts in one; else one.
 */
static int
md_gap(const struct md *m, int kind, int level)
{
	int	i, n = m->depth < MD_DEPTH ? m->depth : MD_DEPTH;

	if (kind == BLOCK_HEADING)
		return level <= 2 ? 2 : 1;
	if ((i = md_item(m, n)) < 0)
		return 1;
	if (m->box[i].count > 0 || m->box[i - 1].count > 1)
		return m->box[i - 1].tight ? 0 : 1;
	/* The first block of a list's first item: where the list is. */
	if ((i = md_item(m, i - 1)) < 0)
		return 1;
	return m->box[i - 1].tight && m->box[i].count > 0 ? 0 : 1;
}

/* The direction the divs open around the text give (docblock's dir). */
static int
md_dir(const struct md *m)
{
	int	i = m->ndiv < MD_DEPTH ? m->ndiv : MD_DEPTH;

	while (i-- > 0)
		if (m->divdir[i] != 0)
			return m->divdir[i];
	return 0;
}

/*
 * An HTML block's <div> and </div> tags, in order: a div it leaves open
 * wraps the Markdown after it, as GitHub shows a README that puts
 * <div dir="rtl"> before its text and </div> after; its dir (rtl, ltr,
 * auto) is that text's.
 */
static void
md_divs(struct md *m, const char *s, size_t n)
{
	const char	*p = s, *e = s + n, *gt, *d;
	int		 dir;

	while ((p = memchr(p, '<', (size_t)(e - p))) != NULL) {
		if (e - p >= 5 && strncasecmp(p, "</div", 5) == 0) {
			if (m->ndiv > 0)
				m->ndiv--;
			p += 5;
			continue;
		}
		if (e - p < 5 || strncasecmp(p, "<div", 4) != 0 ||
		    (p[4] != '>' && p[4] != ' ' && p[4] != '\t' &&
		    p[4] != '\n')) {
			p++;
			continue;
		}
		if ((gt = memchr(p, '>', (size_t)(e - p))) == NULL)
			break;
		dir = 0;
		for (d = p + 4; d + 3 <= gt; d++) {
			if (strncasecmp(d, "dir", 3) != 0 || (d[-1] != ' ' &&
			    d[-1] != '\t' && d[-1] != '\n'))
				continue;
			d += 3;
			while (d < gt && (*d == ' ' || *d == '='))
				d++;
			if (d < gt && (*d == '"' || *d == '\''))
				d++;
			if (gt - d >= 3 && strncasecmp(d, "rtl", 3) == 0)
				dir = BIDI_RTL;
			else if (gt - d >= 3 && strncasecmp(d, "ltr", 3) == 0)
				dir = BIDI_LTR;
			else if (gt - d >= 4 && strncasecmp(d, "auto", 4) == 0)
				dir = BIDI_AUTO + 1;
			break;
		}
		if (gt[-1] != '/') {		/* not <div/> */
			if (m->ndiv < MD_DEPTH)
				m->divdir[m->ndiv] = (uint8_t)dir;
			m->ndiv++;
		}
		p = gt + 1;
	}
}

/* Open a block of kind at the input offset src. */
static void
md_open(struct doc *doc, struct md *m, int kind, int level, size_t src)
{
	struct docblock	*b;
	int		 indent, bars, item, n, hang;

	item = m->marker;
	if (item && kind != BLOCK_LINES)
		kind = BLOCK_ITEM;
	if (doc->len > 0)
		docbuf_puts(doc, &m->db, "\n\n");
	b = docbuf_block(doc, &m->db, src);
	b->kind = (uint8_t)kind;
	b->level = (uint8_t)level;
	b->gap = (uint8_t)(doc->nblocks == 1 ? 0 : m->pending_gap > 0 ?
	    m->pending_gap : md_gap(m, kind, level));
	m->pending_gap = 0;
	md_nesting(m, item, &indent, &bars, &hang);
	b->indent = (uint8_t)indent;
	b->bars = (uint8_t)bars;
	b->dir = (uint8_t)md_dir(m);
	n = m->depth < MD_DEPTH ? m->depth : MD_DEPTH;
	if (n > 0 && m->box[n - 1].type == MD_BLOCK_LI)
		m->box[n - 1].count++;
	m->leaf = kind;
	m->level = level;
	m->leaf_start = doc->len;
	if (item) {
		m->marker = 0;
		b->hang = (uint8_t)hang;
		docbuf_style(doc, &m->db, 0, -1);
		docbuf_puts(doc, &m->db, m->mark);
		if (kind == BLOCK_LINES) {
			/* A code block first in an item: the marker alone. */
			m->leaf = -1;
			b->end = doc->len;
			b->kind = BLOCK_ITEM;
			md_open(doc, m, kind, level, src);
			return;
		}
	}
	md_style(doc, m);
}

/* Close the open block: it ends here. A level 1 heading is the title. */
static void
md_close(struct doc *doc, struct md *m)
{
	struct docblock	*b;
	size_t		 i, e;
	char		*t;

	if (m->leaf < 0)
		return;
	b = &doc->blocks[doc->nblocks - 1];
	/* No white space at its end. */
	for (e = doc->len; e > b->start && (doc->data[e - 1] == '\n' ||
	    doc->data[e - 1] == ' '); e--)
		;
	docbuf_truncate(doc, &m->db, e);
	b->end = doc->len;
	if (b->end == b->start) {		/* nothing in it */
		doc->nblocks--;
		docbuf_truncate(doc, &m->db, b->start >= 2 ? b->start - 2 : 0);
	} else if (m->leaf == BLOCK_HEADING && m->level == 1 &&
	    doc->title == NULL) {
		t = xmalloc(b->end - b->start + 1);
		for (i = b->start; i < b->end; i++)
			t[i - b->start] = doc->data[i] == '\n' ? ' ' :
			    (char)doc->data[i];
		t[b->end - b->start] = '\0';
		doc->title = t;
	}
	m->leaf = -1;
}

/* Text for the open block, opening one if none is (in the style now). */
static void
md_text(struct doc *doc, struct md *m, const char *p, size_t n,
    size_t src)
{
	if (m->table) {
		if (m->incell && m->ncells > 0)
			doccell_put(&m->cells[m->ncells - 1], p, n);
		return;
	}
	if (m->leaf < 0)
		md_open(doc, m, m->next_kind, m->level, src);
	docbuf_put(doc, &m->db, p, n);
}

/*
 * A code block's text, whole (m->raw): its lines, kept, in blocks of
 * BLOCK_LINES; a blank line between two is a gap (no block has one).
 */
static void
md_code(struct doc *doc, struct md *m, size_t src)
{
	const char	*p = m->raw, *end, *e, *q;
	size_t		 k;
	int		 blank = 0;

	if (m->nraw == 0) {
		md_close(doc, m);
		return;
	}
	for (end = p + m->nraw; p < end; p = e + 1) {
		if ((e = memchr(p, '\n', (size_t)(end - p))) == NULL)
			e = end;
		k = (size_t)(e - p);
		for (q = p; q < e && (*q == ' ' || *q == '\t'); q++)
			;
		if (q == e) {
			md_close(doc, m);
			blank += blank < 3;
		} else {
			if (m->leaf < 0) {
				m->pending_gap = blank;
				md_open(doc, m, BLOCK_LINES, 0, src);
			} else
				docbuf_puts(doc, &m->db, "\n");
			docbuf_put(doc, &m->db, p, k);
			blank = 0;
		}
		src += k + 1;
	}
	md_close(doc, m);
	m->nraw = 0;
}

/* Keep n bytes of a code or HTML block's text, to make it whole. */
static void
md_raw(struct md *m, const char *p, size_t n)
{
	if (m->nraw + n > m->rawcap) {
		m->rawcap = (m->nraw + n) * 2;
		m->raw = xreallocarray(m->raw, m->rawcap, 1);
	}
	if (n > 0)
		memcpy(m->raw + m->nraw, p, n);
	m->nraw += n;
}

/* A named or numeric character reference, as UTF-8 (or as it is). */
static void
md_entity(struct doc *doc, struct md *m, const char *p, size_t n,
    size_t src)
{
	uint8_t		 u[8];
	char		*name;
	unsigned long	 cp;
	const char	*s;
	int		 k;

	if (n > 3 && p[1] == '#') {
		cp = p[2] == 'x' || p[2] == 'X' ? strtoul(p + 3, NULL, 16) :
		    strtoul(p + 2, NULL, 10);
		if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			cp = 0xfffd;
		k = u8_uctomb(u, (ucs4_t)cp, sizeof u);
		md_text(doc, m, (const char *)u, k > 0 ? (size_t)k : 0, src);
		return;
	}
	name = xmalloc(n + 1);
	memcpy(name, p, n);
	name[n] = '\0';
	s = html_entity(name);
	md_text(doc, m, s != NULL ? s : p, s != NULL ? strlen(s) : n, src);
	free(name);
}

/* An attribute (a link's target) as plain text: n bytes at *out. */
static char *
md_attr(const MD_ATTRIBUTE *a)
{
	char	*s = xmalloc(a->size + 1);

	if (a->size > 0)	/* "[link]()": no text at all, maybe NULL */
		memcpy(s, a->text, a->size);
	s[a->size] = '\0';
	return s;
}

/* The table read: its rows set in columns, one line each. */
static void
md_table(struct doc *doc, struct md *m, size_t src)
{
	size_t	i;

	m->table = 0;
	if (m->ncells > 0) {
		md_open(doc, m, BLOCK_LINES, 0, src);
		docbuf_table(doc, &m->db, m->cells, m->ncells);
		md_close(doc, m);
	}
	for (i = 0; i < m->ncells; i++)
		free(m->cells[i].s);
	m->ncells = 0;
}

static int
md_enter_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	struct doc	*doc = arg;
	struct md	*m = doc->own;
	struct mdbox	*b = NULL, *list;
	char		 num[16], outer[64];

	if (type != MD_BLOCK_DOC && !m->table)
		md_close(doc, m);
	m->next_kind = BLOCK_PARAGRAPH;
	switch (type) {
	case MD_BLOCK_QUOTE:
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
	case MD_BLOCK_LI:
		if (m->depth < MD_DEPTH) {
			b = &m->box[m->depth];
			memset(b, 0, sizeof *b);
			b->type = type;
		}
		m->depth++;
		break;
	default:
		break;
	}
	switch (type) {
	case MD_BLOCK_QUOTE:
		if (b != NULL)
			b->indent = 2;
		break;
	case MD_BLOCK_UL:
		if (b != NULL)
			b->tight = ((MD_BLOCK_UL_DETAIL *)detail)->is_tight;
		break;
	case MD_BLOCK_OL:
		if (b != NULL) {
			b->tight = ((MD_BLOCK_OL_DETAIL *)detail)->is_tight;
			b->next = ((MD_BLOCK_OL_DETAIL *)detail)->start;
			b->delim = ((MD_BLOCK_OL_DETAIL *)detail)->mark_delimiter;
		}
		break;
	case MD_BLOCK_LI:
		if (b == NULL || m->depth < 2)
			break;
		/* An item whose first block is this list: its marker, then
		 * this one's, on one row. */
		if (m->marker > 0)
			snprintf(outer, sizeof outer, "%s", m->mark);
		list = b - 1;
		list->count++;
		if (list->type == MD_BLOCK_OL) {
			snprintf(num, sizeof num, "%u%c ", list->next++,
			    list->delim != 0 ? list->delim : '.');
			snprintf(m->mark, sizeof m->mark, "%s", num);
		} else {
			int	lists = 0, i;

			for (i = 0; i < m->depth - 1 && i < MD_DEPTH; i++)
				if (m->box[i].type == MD_BLOCK_UL)
					lists++;
			snprintf(m->mark, sizeof m->mark, "%s ",
			    lists <= 1 ? "\xe2\x80\xa2" : lists == 2 ?
			    "\xe2\x97\xa6" : "\xe2\x96\xaa");
		}
		if (((MD_BLOCK_LI_DETAIL *)detail)->is_task)
			snprintf(m->mark + strlen(m->mark), sizeof m->mark -
			    strlen(m->mark), "[%c] ",
			    ((MD_BLOCK_LI_DETAIL *)detail)->task_mark == ' ' ?
			    ' ' : 'x');
		b->indent = width_string(m->mark);
		if (m->marker > 0 && strlen(outer) + strlen(m->mark) <
		    sizeof m->mark) {
			memmove(m->mark + strlen(outer), m->mark,
			    strlen(m->mark) + 1);
			memcpy(m->mark, outer, strlen(outer));
			m->marker++;
		} else
			m->marker = 1;
		break;
	case MD_BLOCK_H:
		m->next_kind = BLOCK_HEADING;
		m->level = (int)((MD_BLOCK_H_DETAIL *)detail)->level;
		break;
	case MD_BLOCK_CODE:
		m->code = 1;
		m->nraw = 0;
		m->code_src = m->lastsrc;
		break;
	case MD_BLOCK_HTML:
		m->html = 1;
		m->nraw = 0;
		break;
	case MD_BLOCK_HR:
		md_open(doc, m, BLOCK_LINES, 0, m->lastsrc);
		docbuf_puts(doc, &m->db, "* * *");
		md_close(doc, m);
		break;
	case MD_BLOCK_TABLE:
		m->table = 1;
		m->ncells = 0;
		m->row = -1;
		break;
	case MD_BLOCK_THEAD:
		m->head = 1;
		break;
	case MD_BLOCK_TBODY:
		m->head = 0;
		break;
	case MD_BLOCK_TR:
		m->row++;
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		if (m->ncells == m->cellcap) {
			m->cellcap = m->cellcap == 0 ? 64 : m->cellcap * 2;
			m->cells = xreallocarray(m->cells, m->cellcap,
			    sizeof *m->cells);
		}
		memset(&m->cells[m->ncells], 0, sizeof *m->cells);
		m->cells[m->ncells].row = m->row;
		switch (((MD_BLOCK_TD_DETAIL *)detail)->align) {
		case MD_ALIGN_CENTER:
			m->cells[m->ncells].align = DOCCELL_CENTER;
			break;
		case MD_ALIGN_RIGHT:
			m->cells[m->ncells].align = DOCCELL_RIGHT;
			break;
		default:
			break;
		}
		m->ncells++;
		m->incell = 1;
		break;
	default:
		break;
	}
	return 0;
}

static int
md_leave_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	struct doc	*doc = arg;
	struct md	*m = doc->own;

	switch (type) {
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		m->incell = 0;
		return 0;
	case MD_BLOCK_TR:
	case MD_BLOCK_THEAD:
	case MD_BLOCK_TBODY:
		return 0;
	case MD_BLOCK_TABLE:
		md_table(doc, m, m->lastsrc);
		return 0;
	case MD_BLOCK_HTML:
		m->html = 0;
		md_close(doc, m);
		html_fragment(doc, &m->db, m->raw, m->nraw, m->lastsrc,
		    md_dir(m));
		md_divs(m, m->raw, m->nraw);
		m->leaf = -1;
		return 0;
	default:
		break;
	}
	md_close(doc, m);
	switch (type) {
	case MD_BLOCK_CODE:
		m->code = 0;
		md_code(doc, m, m->code_src);
		m->pending_gap = 0;
		break;
	case MD_BLOCK_LI:
		if (m->marker)		/* an empty item: its marker alone */
			md_open(doc, m, BLOCK_ITEM, 0, m->lastsrc);
		md_close(doc, m);
		/* FALLTHROUGH */
	case MD_BLOCK_QUOTE:
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		if (m->depth > 0)
			m->depth--;
		break;
	default:
		break;
	}
	return 0;
}

static int
md_enter_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct doc	*doc = arg;
	struct md	*m = doc->own;

	switch (type) {
	case MD_SPAN_EM:
		m->em++;
		break;
	case MD_SPAN_STRONG:
		m->strong++;
		break;
	case MD_SPAN_U:
		m->u++;
		break;
	case MD_SPAN_DEL:
		m->del++;
		break;
	case MD_SPAN_CODE:
		m->codespan++;
		break;
	case MD_SPAN_A:
		if (m->nlinks < MD_LINKS) {
			if (m->leaf < 0 && !m->table)
				md_open(doc, m, m->next_kind, m->level,
				    m->lastsrc);
			m->link_start[m->nlinks] = doc->len;
			m->link_uri[m->nlinks] =
			    md_attr(&((MD_SPAN_A_DETAIL *)detail)->href);
		}
		m->nlinks++;
		break;
	case MD_SPAN_IMG:
		m->img++;
		md_style(doc, m);
		md_text(doc, m, "[image: ", 8, m->lastsrc);
		break;
	default:
		break;
	}
	if (!m->table)
		md_style(doc, m);
	return 0;
}

static int
md_leave_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct doc	*doc = arg;
	struct md	*m = doc->own;
	char		 ref[24];
	size_t		 n;
	char		*uri;

	switch (type) {
	case MD_SPAN_EM:
		m->em--;
		break;
	case MD_SPAN_STRONG:
		m->strong--;
		break;
	case MD_SPAN_U:
		m->u--;
		break;
	case MD_SPAN_DEL:
		m->del--;
		break;
	case MD_SPAN_CODE:
		m->codespan--;
		break;
	case MD_SPAN_IMG:
		/* No alternative text: "[image]". */
		if (!m->table && doc->len >= 8 && memcmp(doc->data +
		    doc->len - 8, "[image: ", 8) == 0)
			docbuf_truncate(doc, &m->db, doc->len - 2);
		md_text(doc, m, "]", 1, m->lastsrc);
		m->img--;
		break;
	case MD_SPAN_A:
		if (--m->nlinks >= MD_LINKS)
			break;
		uri = m->link_uri[m->nlinks];
		n = doc->len - m->link_start[m->nlinks];
		if (!m->table) {
			docbuf_link(doc, &m->db, m->link_start[m->nlinks],
			    uri, strlen(uri));
			/* The reference, unless the text is the target. */
			if (n != strlen(uri) || memcmp(doc->data +
			    m->link_start[m->nlinks], uri, n) != 0) {
				docbuf_style(doc, &m->db, SGR_DIM, -1);
				snprintf(ref, sizeof ref, "[%zu]",
				    doc->nlinks);
				docbuf_puts(doc, &m->db, ref);
			}
		}
		free(uri);
		break;
	default:
		break;
	}
	if (!m->table)
		md_style(doc, m);
	return 0;
}

static int
md_text_cb(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *arg)
{
	struct doc	*doc = arg;
	struct md	*m = doc->own;
	size_t		 src = md_src(m, text);

	switch (type) {
	case MD_TEXT_NULLCHAR:
		/* In the text of a code or HTML block, it is kept there. */
		if (m->html || m->code)
			md_raw(m, "\xef\xbf\xbd", 3);
		else
			md_text(doc, m, "\xef\xbf\xbd", 3, src);
		break;
	case MD_TEXT_BR:
	case MD_TEXT_SOFTBR:
		/* A paragraph's lines are joined (with a space, or none
		 * between CJK); a heading's or a cell's with a space. */
		md_text(doc, m, m->leaf == BLOCK_PARAGRAPH || m->leaf ==
		    BLOCK_ITEM ? "\n" : " ", 1, src);
		break;
	case MD_TEXT_ENTITY:
		md_entity(doc, m, text, size, src);
		break;
	case MD_TEXT_HTML:
		if (m->html)
			md_raw(m, text, size);
		break;		/* inline tags are dropped */
	case MD_TEXT_CODE:
		if (m->code) {
			if (m->nraw == 0)
				m->code_src = src;
			md_raw(m, text, size);
			break;
		}
		/* FALLTHROUGH */
	default:
		md_text(doc, m, text, size, src);
		break;
	}
	return 0;
}

/* Parse the input [m->in, end) as a chunk. */
static void
md_chunk(struct doc *doc, size_t end)
{
	struct md	*m = doc->own;
	MD_PARSER	 parser;
	char		*buf = NULL;
	const char	*d = (const char *)doc->src->data;

	memset(&parser, 0, sizeof parser);
	parser.flags = MD_DIALECT_GITHUB;
	parser.enter_block = md_enter_block;
	parser.leave_block = md_leave_block;
	parser.enter_span = md_enter_span;
	parser.leave_span = md_leave_span;
	parser.text = md_text_cb;
	mdscan_defs(&m->scan, d, doc->src->len, end + MD_AHEAD);
	if (m->scan.ndefs > 0) {
		/* The definitions around, then the chunk. */
		buf = xmalloc(m->scan.ndefs + (end - m->in) + 1);
		memcpy(buf, m->scan.defs, m->scan.ndefs);
		memcpy(buf + m->scan.ndefs, d + m->in, end - m->in);
		m->buf = buf;
		m->skip = m->scan.ndefs;
	} else {
		m->buf = d + m->in;
		m->skip = 0;
	}
	m->size = m->skip + (end - m->in);
	m->off = m->in;
	m->lastsrc = m->in;
	m->leaf = -1;
	m->depth = 0;
	m->nlinks = 0;
	m->strong = m->em = m->del = m->u = m->codespan = m->img = 0;
	m->marker = m->code = m->html = m->table = 0;
	(void)md_parse(m->buf, (MD_SIZE)m->size, &parser, doc);
	md_close(doc, m);
	while (m->nlinks > 0)		/* left open by an abort */
		if (--m->nlinks < MD_LINKS)
			free(m->link_uri[m->nlinks]);
	free(buf);
	m->buf = NULL;
	m->in = end;
}

/*
 * Make what the input has that is not made yet, a chunk at a time, about
 * most bytes of it: the rest is pending, made by the next calls (idle
 * time, or doc_finish).
 */
static void
md_more(struct doc *doc, size_t most)
{
	struct md	*m = doc->own;
	const char	*d = (const char *)doc->src->data;
	size_t		 len = doc->src->len, cut, from = m->in, at, made;
	int		 reading = source_reading(doc->src);

	doc->pending = 0;
	while (m->in < len) {
		if (m->in - from >= most) {
			doc->pending = DOC_MORE;
			break;
		}
		/* md4c takes at most MD_SIZE bytes. */
		cut = mdscan_cut(&m->scan, d, len, m->in, reading ? 1 :
		    m->in == from && most < MD_CHUNK ? most : MD_CHUNK);
		if (cut == 0) {
			if (reading)
				break;	/* the rest may still change */
			cut = len;
		}
		at = m->in;
		made = doc->len;
		md_chunk(doc, cut);
		source_release(doc->src, at, cut);
		docbuf_release(&m->db, made, doc->len);
	}
}

/* Markdown by name: .md, .markdown, .mkd, .mdown. */
static int
md_detect(const struct source *src)
{
	static const char *const ext[] = { ".md", ".markdown", ".mkd",
	    ".mdown" };

	return docbuf_named(src, ext, sizeof ext / sizeof ext[0]);
}

static int
md_make(struct doc *doc, char **cause)
{
	struct md	*m;

	(void)cause;
	doc->own = m = xcalloc(1, sizeof *m);
	docbuf_reset(doc, &m->db);
	m->leaf = -1;
	m->in = md_front_matter(doc);
	mdscan_init(&m->scan, (const char *)doc->src->data, doc->src->len,
	    m->in, source_reading(doc->src));
	md_more(doc, MD_FIRST);
	return 0;
}

static void
md_free(struct doc *doc)
{
	struct md	*m = doc->own;
	size_t		 i;

	if (m == NULL)
		return;
	docbuf_free(&m->db);
	free(m->scan.defs);
	free(m->raw);
	for (i = 0; i < m->cellcap && i < m->ncells; i++)
		free(m->cells[i].s);
	free(m->cells);
	free(m);
	doc->own = NULL;
}

/* The input grew: make its new chunks. Cut or changed: make it again. */
static void
md_sync(struct doc *doc, int all)
{
	struct md	*m = doc->own;

	if (all || doc->src->len < m->in) {
		md_free(doc);
		docbuf_reset(doc, &(struct docbuf){ 0 });
		free(doc->title);
		doc->title = NULL;
		md_make(doc, NULL);
		return;
	}
	md_more(doc, MD_CHUNK);
}

const struct docfmt md_format = {
	"markdown", 0, md_detect, md_make, md_sync, md_free
};
