/*
 * html.c: the front end for web pages, parsed by gumbo (the WHATWG
 * HTML5 parsing algorithm: a saved page parses as a browser parses it,
 * broken markup and all), and set as an article.
 *
 * Reader mode (reader.c) finds the article and its title, byline and
 * date; the document is the title (a heading), a header line ("By ... ·
 * date · site") and the article's text, none of the page around it.
 * --full (html_full) shows the whole body instead. Either way the tree
 * is walked into blocks: h1-h6 headings, p and div paragraphs, pre as
 * kept lines, lists as items with their markers, block quotes indented
 * with a bar, tables in columns (docbuf_table), images as "[image:
 * alt]", a <q> in quotation marks (so that quote.c finds it), links as
 * their text and a reference number, targets in doc->links; b, i, code,
 * u, s as styles. Scripts, styles, hidden nodes and forms are never
 * shown; white space is collapsed as a browser collapses it.
 *
 * Character sets: UTF-8 unless a byte order mark or <meta charset> says
 * otherwise; then the page is converted with iconv(3), a byte it cannot
 * convert shown as U+FFFD.
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistr.h>

#include "lede.h"
#include "html.h"

#define HTML_DEPTH	400	/* deeper elements are shown as their text */

int	html_full;		/* --full: the whole page, not its article */

struct walk {
	struct doc	*doc;
	struct docbuf	*db;
	int		 reader;	/* leave out boilerplate */
	int		 open;		/* a block is open */
	int		 kind;		/* the open block's, or the next's */
	int		 level;
	int		 gap;		/* the next block's gap, or -1 */
	int		 space;		/* white space is due: 1, 2 a newline */
	int		 pre;
	int		 indent;	/* nesting */
	int		 bars;
	int		 item;		/* an item's marker is due */
	char		 mark[64];
	int		 hang;
	int		 bold, italic, code, under, dim, link;
	int		 quotes;	/* <q> open */
	int		 lists;		/* unordered lists open */
	int		 headings;	/* headings so far */
	const char	*title;		/* the page's, if shown already */
	int		 depth;
	int		 table;		/* reading a table's cells */
	int		 row;
	struct doccell	*cells;
	size_t		 ncells;
	size_t		 cellcap;
	size_t		 src;		/* input offset of what is walked */
	int		 dir;		/* the dir in force (docblock's) */
};

static void	html_walk(struct walk *, GumboNode *);

/* The style the open elements make. */
static void
html_style(struct walk *w)
{
	unsigned	attrs = 0;

	if (w->bold)
		attrs |= SGR_BOLD;
	if (w->italic)
		attrs |= SGR_ITALIC;
	if (w->under || w->link)
		attrs |= SGR_UNDERLINE;
	if (w->dim)
		attrs |= SGR_DIM;
	docbuf_style(w->doc, w->db, attrs, w->code ? 6 : -1);
}

/* Open a block of the kind due. */
static void
html_open(struct walk *w)
{
	struct docblock	*b;

	if (w->doc->len > 0)
		docbuf_puts(w->doc, w->db, "\n\n");
	b = docbuf_block(w->doc, w->db, w->src);
	b->kind = (uint8_t)(w->item ? BLOCK_ITEM : w->kind);
	b->level = (uint8_t)w->level;
	b->gap = (uint8_t)(w->doc->nblocks == 1 ? 0 : w->gap >= 0 ? w->gap :
	    w->kind == BLOCK_HEADING && w->level <= 2 ? 2 : 1);
	b->indent = (uint8_t)(w->indent - (w->item ? w->hang : 0));
	b->bars = (uint8_t)w->bars;
	b->dir = (uint8_t)w->dir;
	w->gap = -1;
	w->open = 1;
	w->space = 0;
	if (w->item) {
		b->hang = (uint8_t)w->hang;
		docbuf_style(w->doc, w->db, 0, -1);
		docbuf_puts(w->doc, w->db, w->mark);
		w->item = 0;
	}
	html_style(w);
}

/*
 * Where the text [start, end) ends once blank characters are taken off
 * its tail: spaces and newlines, and what pages use to hold a paragraph
 * open that shows nothing (&nbsp;, a zero-width space, a stray BOM). A
 * block of nothing else is dropped: <p>&nbsp;</p> is no paragraph.
 */
static size_t
html_blank_tail(const uint8_t *d, size_t start, size_t end)
{
	while (end > start) {
		if (d[end - 1] == ' ' || d[end - 1] == '\n')
			end--;
		else if (end - start >= 2 && d[end - 2] == 0xc2 &&
		    d[end - 1] == 0xa0)
			end -= 2;		/* U+00A0 */
		else if (end - start >= 3 && ((d[end - 3] == 0xe2 &&
		    d[end - 2] == 0x80 && d[end - 1] == 0x8b) ||
		    (d[end - 3] == 0xef && d[end - 2] == 0xbb &&
		    d[end - 1] == 0xbf)))
			end -= 3;		/* U+200B, U+FEFF */
		else
			break;
	}
	return end;
}

/* Close the open block; the next is of kind (level). */
static void
html_close(struct walk *w, int kind, int level)
{
	struct docblock	*b;
	size_t		 e;

	if (w->open) {
		b = &w->doc->blocks[w->doc->nblocks - 1];
		e = html_blank_tail(w->doc->data, b->start, w->doc->len);
		docbuf_truncate(w->doc, w->db, e);
		b->end = w->doc->len;
		if (b->end == b->start) {
			w->doc->nblocks--;
			docbuf_truncate(w->doc, w->db, b->start >= 2 ?
			    b->start - 2 : 0);
		}
	}
	w->open = 0;
	w->kind = kind;
	w->level = level;
	w->space = 0;
}

/* Append text: into the table cell being read, or the open block. */
static void
html_put(struct walk *w, const char *p, size_t n)
{
	if (w->table) {
		if (w->ncells > 0)
			doccell_put(&w->cells[w->ncells - 1], p, n);
		return;
	}
	if (!w->open)
		html_open(w);
	docbuf_put(w->doc, w->db, p, n);
}

/* A text node: white space collapsed, but in <pre>. */
static void
html_text(struct walk *w, const char *s)
{
	const char	*p = s, *q;

	if (w->pre) {
		if (!w->open && !w->table) {
			/* A newline right after <pre> is not shown. */
			while (*p == '\n' || *p == '\r')
				p++;
			if (*p == '\0')
				return;
		}
		html_put(w, p, strlen(p));
		return;
	}
	while (*p != '\0') {
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' ||
		    *p == '\f') {
			if (*p == '\n' && w->space > 0)
				w->space = 2;
			else if (w->space == 0)
				w->space = *p == '\n' ? 2 : 1;
			p++;
			continue;
		}
		for (q = p; *q != '\0' && *q != ' ' && *q != '\n' &&
		    *q != '\t' && *q != '\r' && *q != '\f'; q++)
			;
		/* A space between words of a block, none at its start; a
		 * line break where the source had one (layout joins the
		 * lines: with nothing between two CJK characters). */
		if (w->space > 0 && (w->table ? w->ncells > 0 &&
		    w->cells[w->ncells - 1].n > 0 : w->open &&
		    w->doc->len > w->doc->blocks[w->doc->nblocks - 1].start)) {
			html_style(w);
			html_put(w, w->space == 2 && !w->table &&
			    w->kind != BLOCK_HEADING ? "\n" : " ", 1);
		}
		w->space = 0;
		if (!w->open && !w->table)
			html_open(w);
		html_put(w, p, (size_t)(q - p));
		p = q;
	}
}

/* Begin a block-level element: close the block, the next is kind. */
static void
html_block(struct walk *w, int kind, int level)
{
	if (!w->table)
		html_close(w, kind, level);
}

/* A table: as columns of cells, unless it lays out a page (cells with
 * blocks, or long ones), which is walked as its cells' blocks. */
static int
html_is_data_table(const GumboNode *n, int depth)
{
	const GumboNode	*c;
	size_t		 i;

	if (n->type != GUMBO_NODE_ELEMENT)
		return 1;
	if (depth > 0) {
		switch (n->v.element.tag) {
		case GUMBO_TAG_TABLE:
		case GUMBO_TAG_P:
		case GUMBO_TAG_DIV:
		case GUMBO_TAG_UL:
		case GUMBO_TAG_OL:
		case GUMBO_TAG_PRE:
		case GUMBO_TAG_BLOCKQUOTE:
		case GUMBO_TAG_H1:
		case GUMBO_TAG_H2:
		case GUMBO_TAG_H3:
			return 0;
		default:
			break;
		}
	}
	for (i = 0; i < n->v.element.children.length && depth < 8; i++) {
		c = n->v.element.children.data[i];
		if (!html_is_data_table(c, depth + 1))
			return 0;
	}
	return 1;
}

/* A new table cell (row) is being read. */
static void
html_cell(struct walk *w, int head)
{
	struct doccell	*c;

	if (w->ncells == w->cellcap) {
		w->cellcap = w->cellcap ? w->cellcap * 2 : 64;
		w->cells = xreallocarray(w->cells, w->cellcap,
		    sizeof *w->cells);
	}
	c = &w->cells[w->ncells++];
	memset(c, 0, sizeof *c);
	c->row = head ? 0 : w->row + 1;
	w->space = 0;
}

/* The table read: set it. */
static void
html_table_end(struct walk *w)
{
	size_t	i;

	w->table = 0;
	if (w->ncells > 0) {
		html_close(w, BLOCK_LINES, 0);
		html_open(w);
		docbuf_table(w->doc, w->db, w->cells, w->ncells);
		html_close(w, BLOCK_PARAGRAPH, 0);
	}
	for (i = 0; i < w->ncells; i++)
		free(w->cells[i].s);
	free(w->cells);
	w->cells = NULL;
	w->ncells = w->cellcap = 0;
}

/* The children of n. */
static void
html_children(struct walk *w, GumboNode *n)
{
	size_t	i;

	for (i = 0; i < n->v.element.children.length; i++)
		html_walk(w, n->v.element.children.data[i]);
}

/* A list's items: markers by depth or number. */
static void
html_list(struct walk *w, GumboNode *n, int ordered)
{
	GumboAttribute	*a;
	GumboNode	*c;
	size_t		 i;
	long		 num = 1;
	int		 indent = w->indent, hang = w->hang, ogap = w->gap;
	char		 outer[sizeof w->mark] = "";

	if (ordered && (a = gumbo_get_attribute(&n->v.element.attributes,
	    "start")) != NULL) {
		/* As a browser takes it, a 32-bit number: past that, the
		 * numbers of the items that follow would overflow. */
		num = strtol(a->value, NULL, 10);
		num = num > INT32_MAX ? INT32_MAX : num < INT32_MIN ?
		    INT32_MIN : num;
	}
	w->lists += !ordered;
	/* A list first in an item: the item's marker, then its first
	 * item's, on one row ("• ◦ text"). */
	if (w->item && !w->open && !w->table)
		snprintf(outer, sizeof outer, "%s", w->mark);
	html_block(w, BLOCK_PARAGRAPH, 0);
	for (i = 0; i < n->v.element.children.length; i++) {
		c = n->v.element.children.data[i];
		if (c->type != GUMBO_NODE_ELEMENT ||
		    c->v.element.tag != GUMBO_TAG_LI) {
			html_walk(w, c);
			if (!w->item)
				outer[0] = '\0';	/* its marker is shown */
			continue;
		}
		if (w->reader && (reader_is_hidden(c) ||
		    reader_is_boilerplate(c, 1)))
			continue;
		html_block(w, BLOCK_PARAGRAPH, 0);
		if (ordered)
			snprintf(w->mark, sizeof w->mark, "%ld. ", num++);
		else
			snprintf(w->mark, sizeof w->mark, "%s ", w->lists <=
			    1 ? "\xe2\x80\xa2" : w->lists == 2 ?
			    "\xe2\x97\xa6" : "\xe2\x96\xaa");
		w->hang = width_string(w->mark);
		w->indent = indent + w->hang < 40 ? indent + w->hang : 40;
		w->hang = w->indent - indent;
		w->item = 1;
		w->gap = i > 0 ? 0 : -1;
		if (outer[0] != '\0' && strlen(outer) + strlen(w->mark) <
		    sizeof w->mark) {
			memmove(w->mark + strlen(outer), w->mark,
			    strlen(w->mark) + 1);
			memcpy(w->mark, outer, strlen(outer));
			w->hang += hang;
			w->gap = ogap;
		}
		outer[0] = '\0';
		html_children(w, c);
		html_block(w, BLOCK_PARAGRAPH, 0);
		w->item = 0;
		w->indent = indent;
		w->hang = hang;
	}
	w->lists -= !ordered;
}

/* Walk an element of the page. */
static void
html_element(struct walk *w, GumboNode *n)
{
	GumboElement	*e = &n->v.element;
	GumboAttribute	*a;
	char		 ref[24];
	size_t		 start;
	int		 indent, bars;

	switch (e->tag) {
	case GUMBO_TAG_SCRIPT:
	case GUMBO_TAG_STYLE:
	case GUMBO_TAG_NOSCRIPT:
	case GUMBO_TAG_TEMPLATE:
	case GUMBO_TAG_HEAD:
	case GUMBO_TAG_TITLE:
	case GUMBO_TAG_SVG:
	case GUMBO_TAG_MATH:
	case GUMBO_TAG_CANVAS:
	case GUMBO_TAG_IFRAME:
	case GUMBO_TAG_OBJECT:
	case GUMBO_TAG_SELECT:
	case GUMBO_TAG_BUTTON:
	case GUMBO_TAG_INPUT:
	case GUMBO_TAG_TEXTAREA:
	case GUMBO_TAG_VIDEO:
	case GUMBO_TAG_AUDIO:
		return;
	case GUMBO_TAG_H1:
	case GUMBO_TAG_H2:
	case GUMBO_TAG_H3:
	case GUMBO_TAG_H4:
	case GUMBO_TAG_H5:
	case GUMBO_TAG_H6:
		/* The article's own headline, said again: once is enough. */
		if (w->headings++ == 0 && w->title != NULL) {
			char	*t = reader_string(n);
			int	 same = t != NULL && strcmp(t, w->title) == 0;

			free(t);
			if (same)
				return;
		}
		html_block(w, BLOCK_HEADING, e->tag - GUMBO_TAG_H1 + 1);
		html_children(w, n);
		html_block(w, BLOCK_PARAGRAPH, 0);
		return;
	case GUMBO_TAG_PRE:
		html_block(w, BLOCK_LINES, 0);
		w->pre++;
		html_children(w, n);
		w->pre--;
		html_block(w, BLOCK_PARAGRAPH, 0);
		return;
	case GUMBO_TAG_UL:
	case GUMBO_TAG_OL:
	case GUMBO_TAG_MENU:
		if (!w->table) {
			html_list(w, n, e->tag == GUMBO_TAG_OL);
			return;
		}
		break;
	case GUMBO_TAG_BLOCKQUOTE:
		if (w->table)
			break;
		html_block(w, BLOCK_PARAGRAPH, 0);
		indent = w->indent;
		bars = w->bars;
		if (w->indent + 2 <= 40)
			w->indent += 2, w->bars++;
		html_children(w, n);
		html_block(w, BLOCK_PARAGRAPH, 0);
		w->indent = indent;
		w->bars = bars;
		return;
	case GUMBO_TAG_TABLE:
		if (w->table || !html_is_data_table(n, 0))
			break;
		html_block(w, BLOCK_PARAGRAPH, 0);
		w->table = 1;
		w->row = 0;
		html_children(w, n);
		html_table_end(w);
		return;
	case GUMBO_TAG_TR:
		if (w->table) {
			html_children(w, n);
			if (w->ncells > 0 && w->cells[w->ncells - 1].row != 0)
				w->row++;
			return;
		}
		break;
	case GUMBO_TAG_TH:
	case GUMBO_TAG_TD:
		if (w->table) {
			/* Header cells of the first row make the header. */
			html_cell(w, e->tag == GUMBO_TAG_TH && (w->ncells ==
			    0 || w->cells[w->ncells - 1].row == 0));
			html_children(w, n);
			return;
		}
		break;
	case GUMBO_TAG_BR:
		if (w->pre || w->table) {
			html_put(w, w->table ? " " : "\n", 1);
			return;
		}
		/* A line of its own: the next block follows with no gap. */
		start = w->open;
		html_close(w, w->kind, w->level);
		if (start)
			w->gap = 0;
		return;
	case GUMBO_TAG_HR:
		html_block(w, BLOCK_LINES, 0);
		html_put(w, "* * *", 5);
		html_block(w, BLOCK_PARAGRAPH, 0);
		return;
	case GUMBO_TAG_IMG:
		a = gumbo_get_attribute(&e->attributes, "alt");
		if (a == NULL || a->value[0] == '\0')
			return;		/* decoration */
		html_text(w, "[image:");
		w->space = 1;
		html_text(w, a->value);
		w->space = 0;
		html_put(w, "]", 1);
		return;
	case GUMBO_TAG_Q:
		html_text(w, w->quotes % 2 ? "\xe2\x80\x98" : "\xe2\x80\x9c");
		w->space = 0;
		w->quotes++;
		html_children(w, n);
		w->quotes--;
		w->space = 0;
		html_put(w, w->quotes % 2 ? "\xe2\x80\x99" : "\xe2\x80\x9d", 3);
		return;
	case GUMBO_TAG_A:
		a = gumbo_get_attribute(&e->attributes, "href");
		if (a == NULL || w->table || w->link || a->value[0] == '#' ||
		    strncasecmp(a->value, "javascript:", 11) == 0)
			break;
		if (w->space > 0 && w->open)
			html_text(w, " ");
		if (!w->open)
			html_open(w);
		start = w->doc->len;
		w->link++;
		html_style(w);
		html_children(w, n);
		w->link--;
		if (w->doc->len > start) {
			docbuf_link(w->doc, w->db, start, a->value,
			    strlen(a->value));
			/* Its number, in a block (a link around blocks has
			 * closed its last one). */
			if (w->open) {
				docbuf_style(w->doc, w->db, SGR_DIM, -1);
				snprintf(ref, sizeof ref, "[%zu]",
				    w->doc->nlinks);
				docbuf_puts(w->doc, w->db, ref);
			}
		}
		html_style(w);
		return;
	case GUMBO_TAG_B:
	case GUMBO_TAG_STRONG:
		w->bold++;
		html_style(w);
		html_children(w, n);
		w->bold--;
		html_style(w);
		return;
	case GUMBO_TAG_I:
	case GUMBO_TAG_EM:
	case GUMBO_TAG_CITE:
	case GUMBO_TAG_DFN:
	case GUMBO_TAG_VAR:
		w->italic++;
		html_style(w);
		html_children(w, n);
		w->italic--;
		html_style(w);
		return;
	case GUMBO_TAG_CODE:
	case GUMBO_TAG_KBD:
	case GUMBO_TAG_SAMP:
	case GUMBO_TAG_TT:
		w->code++;
		html_style(w);
		html_children(w, n);
		w->code--;
		html_style(w);
		return;
	case GUMBO_TAG_U:
	case GUMBO_TAG_INS:
		w->under++;
		html_style(w);
		html_children(w, n);
		w->under--;
		html_style(w);
		return;
	case GUMBO_TAG_S:
	case GUMBO_TAG_STRIKE:
	case GUMBO_TAG_DEL:
		w->dim++;
		html_style(w);
		html_children(w, n);
		w->dim--;
		html_style(w);
		return;
	case GUMBO_TAG_P:
	case GUMBO_TAG_DIV:
	case GUMBO_TAG_SECTION:
	case GUMBO_TAG_ARTICLE:
	case GUMBO_TAG_MAIN:
	case GUMBO_TAG_HEADER:
	case GUMBO_TAG_FOOTER:
	case GUMBO_TAG_NAV:
	case GUMBO_TAG_ASIDE:
	case GUMBO_TAG_ADDRESS:
	case GUMBO_TAG_FIGURE:
	case GUMBO_TAG_FIGCAPTION:
	case GUMBO_TAG_DETAILS:
	case GUMBO_TAG_SUMMARY:
	case GUMBO_TAG_DL:
	case GUMBO_TAG_DT:
	case GUMBO_TAG_DD:
	case GUMBO_TAG_LI:
	case GUMBO_TAG_CENTER:
	case GUMBO_TAG_FORM:
	case GUMBO_TAG_FIELDSET:
	case GUMBO_TAG_HGROUP:
	case GUMBO_TAG_CAPTION:
		if (w->table)
			break;
		html_block(w, BLOCK_PARAGRAPH, 0);
		indent = w->indent;
		if (e->tag == GUMBO_TAG_DD && w->indent + 4 <= 40)
			w->indent += 4;
		if (e->tag == GUMBO_TAG_FIGCAPTION)
			w->italic++;
		html_children(w, n);
		if (e->tag == GUMBO_TAG_FIGCAPTION)
			w->italic--;
		html_block(w, BLOCK_PARAGRAPH, 0);
		w->indent = indent;
		return;
	default:
		break;
	}
	html_children(w, n);
}

/* Walk a node of the page, leaving out what is never shown (and, in
 * reader mode, boilerplate, unless top: a part of the article). */
/* An element's dir attribute as a docblock's dir, or 0. */
static int
html_dir(const GumboNode *n)
{
	const GumboAttribute	*a;
	const char		*d;

	if (n->type != GUMBO_NODE_ELEMENT || (a = gumbo_get_attribute(
	    &n->v.element.attributes, "dir")) == NULL)
		return 0;
	d = a->value;
	if (strcasecmp(d, "rtl") == 0)
		return BIDI_RTL;
	if (strcasecmp(d, "ltr") == 0)
		return BIDI_LTR;
	if (strcasecmp(d, "auto") == 0)
		return BIDI_AUTO + 1;
	return 0;
}

/* The dir a node inherits: its own or its nearest ancestor's. */
static int
html_dir_in(const GumboNode *n)
{
	int	d;

	for (; n != NULL; n = n->parent)
		if ((d = html_dir(n)) != 0)
			return d;
	return 0;
}

static void
html_walk_node(struct walk *w, GumboNode *n, int top)
{
	int	dir, saved;

	switch (n->type) {
	case GUMBO_NODE_TEXT:
	case GUMBO_NODE_CDATA:
	case GUMBO_NODE_WHITESPACE:
		w->src = n->v.text.start_pos.offset;
		html_text(w, n->v.text.text);
		return;
	case GUMBO_NODE_ELEMENT:
	case GUMBO_NODE_TEMPLATE:
		break;
	default:
		return;
	}
	if (reader_is_hidden(n) || (w->reader && !top &&
	    (reader_is_boilerplate(n, 1) || reader_is_link_list(n))))
		return;
	w->src = n->v.element.start_pos.offset;
	saved = w->dir;
	if ((dir = html_dir(n)) != 0)
		w->dir = dir;
	if (++w->depth > HTML_DEPTH)
		html_children(w, n);
	else
		html_element(w, n);
	w->depth--;
	w->dir = saved;
}

static void
html_walk(struct walk *w, GumboNode *n)
{
	html_walk_node(w, n, 0);
}

static void
html_walk_init(struct walk *w, struct doc *doc, struct docbuf *db)
{
	memset(w, 0, sizeof *w);
	w->doc = doc;
	w->db = db;
	w->gap = -1;
	w->kind = BLOCK_PARAGRAPH;
}

/*
 * HTML in another format's text (a Markdown HTML block): its text, as
 * blocks after the document's; src is where it is in the input, dir the
 * direction around it (a docblock's dir).
 */
void
html_fragment(struct doc *doc, struct docbuf *db, const char *s, size_t n,
    size_t src, int dir)
{
	GumboOptions	 opt = kGumboDefaultOptions;
	GumboOutput	*out;
	struct walk	 w;
	char		*keep;

	opt.fragment_context = GUMBO_TAG_DIV;
	opt.max_errors = 0;
	if ((out = html_parse(&opt, s, n, &keep)) == NULL) {
		free(keep);
		return;
	}
	html_walk_init(&w, doc, db);
	w.src = src;
	w.dir = dir;
	html_walk(&w, out->root);
	html_close(&w, BLOCK_PARAGRAPH, 0);
	gumbo_destroy_output(&opt, out);
	free(keep);
}

/* The character a reference names ("&amp;"), as UTF-8, or NULL. */
const char *
html_entity(const char *ref)
{
	static char	 buf[64];
	GumboOutput	*out;
	GumboNode	*n;
	GumboOptions	 opt = kGumboDefaultOptions;

	opt.fragment_context = GUMBO_TAG_DIV;
	opt.max_errors = 0;
	if (strlen(ref) > 40 || (out = gumbo_parse_with_options(&opt, ref,
	    strlen(ref))) == NULL)
		return NULL;
	buf[0] = '\0';
	n = out->root;
	while (n->type == GUMBO_NODE_ELEMENT && n->v.element.children.length >
	    0)
		n = n->v.element.children.data[0];
	if (n->type == GUMBO_NODE_TEXT && strcmp(n->v.text.text, ref) != 0)
		snprintf(buf, sizeof buf, "%s", n->v.text.text);
	gumbo_destroy_output(&opt, out);
	return buf[0] != '\0' ? buf : NULL;
}

struct html {
	struct docbuf	 db;
	char		*utf8;		/* the page converted, or NULL */
	size_t		 made;		/* of the input, parsed */
};

/*
 * A big page's first screen is made from a part of it: the page up to
 * HTML_QUICK_AFTER bytes past where its article starts (an <article>,
 * an articleBody, a <main>), if that is in its first half. gumbo parses
 * some 15 MB a second here, so a 2 MB page took 140 ms before its first
 * screen; the part takes a few. The page is then made again whole, in
 * idle time or for a key that needs all of it (doc->pending), and the
 * view stays on the same text.
 */
#define HTML_QUICK		(512u << 10)
#define HTML_QUICK_AFTER	(16u << 10)

/* Where to cut a big page for its first screen, or 0: not worth it. */
static size_t
html_quick_cut(const char *s, size_t len)
{
	static const char *const at[] = { "<article", "articleBody",
	    "<main" };
	const char	*p, *best = NULL;
	size_t		 i, end;

	for (i = 0; i < sizeof at / sizeof at[0]; i++)
		if ((p = memmem(s, best != NULL ? (size_t)(best - s) : len / 2,
		    at[i], strlen(at[i]))) != NULL)
			best = p;
	if (best == NULL || (end = (size_t)(best - s) + HTML_QUICK_AFTER) >=
	    len / 2)
		return 0;
	/* Before a tag: no tag, no character cut in two. */
	while (end > (size_t)(best - s) && s[end] != '<')
		end--;
	return end;
}

/* The header: the title, then "By ... · date · site". */
static void
html_header(struct walk *w, const struct page *pg)
{
	const char	*part[3];
	int		 i, any = 0;

	if (pg->title != NULL) {
		html_close(w, BLOCK_HEADING, 1);
		html_text(w, pg->title);
		html_close(w, BLOCK_HEADER, 0);
		w->doc->title = xstrdup(pg->title);
	}
	part[0] = pg->byline;
	part[1] = pg->date;
	part[2] = pg->site;
	for (i = 0; i < 3; i++) {
		if (part[i] == NULL)
			continue;
		if (any)
			html_put(w, " \xc2\xb7 ", 4);
		else if (i == 0 && strncasecmp(part[i], "by ", 3) != 0 &&
		    (pg->lang == NULL || strncasecmp(pg->lang, "en", 2) == 0))
			html_put(w, "By ", 3);	/* English's word only */
		html_text(w, part[i]);
		any = 1;
	}
	html_close(w, BLOCK_PARAGRAPH, 0);
}

/* Make the document of the page; of a part of it first, if quick. */
static int
html_build(struct doc *doc, char **cause, int quick)
{
	struct html	*h;
	struct page	 pg;
	struct walk	 w;
	GumboOutput	*out;
	GumboOptions	 opt = kGumboDefaultOptions;
	const char	*text = (const char *)doc->src->data, *cs;
	char		 csbuf[40], *keep;
	size_t		 len = doc->src->len, i, cut;

	doc->own = h = xcalloc(1, sizeof *h);
	docbuf_reset(doc, &h->db);
	if ((cs = html_charset(doc->src->data, len, csbuf, sizeof csbuf)) !=
	    NULL && (h->utf8 = html_convert(doc->src->data, len, cs, &len)) !=
	    NULL)
		text = h->utf8;
	else if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		text += 3, len -= 3;
	opt.max_errors = 0;
	h->made = doc->src->len;
	doc->pending = 0;
	if (quick && !html_full && len > HTML_QUICK &&
	    !source_reading(doc->src) && (cut = html_quick_cut(text, len)) > 0) {
		len = cut;
		doc->pending = DOC_REMAKE;
	}
	if ((out = html_parse(&opt, text, len, &keep)) == NULL) {
		free(keep);
		if (cause != NULL)
			xasprintf(cause, "the page could not be parsed");
		return -1;
	}
	memset(&pg, 0, sizeof pg);
	html_walk_init(&w, doc, &h->db);
	reader_meta(out->root, &pg);
	if (pg.lang != NULL)
		doc->lang = xstrdup(pg.lang);
	doc->rtl = pg.rtl;
	if (html_full) {
		if (pg.title != NULL)
			doc->title = xstrdup(pg.title);
		html_walk(&w, out->root);
	} else {
		reader_article(out->root, &pg);
		w.reader = 1;
		html_header(&w, &pg);
		w.title = pg.title;
		for (i = 0; i < pg.nparts; i++) {
			w.dir = html_dir_in(pg.parts[i]->parent);
			html_walk_node(&w, pg.parts[i], 1);
		}
	}
	html_close(&w, BLOCK_PARAGRAPH, 0);
	if (doc->nblocks > 0)
		doc->blocks[0].gap = 0;
	reader_free(&pg);
	gumbo_destroy_output(&opt, out);
	free(keep);
	return 0;
}

static int
html_make(struct doc *doc, char **cause)
{
	return html_build(doc, cause, 1);
}

static void
html_free(struct doc *doc)
{
	struct html	*h = doc->own;

	if (h == NULL)
		return;
	docbuf_free(&h->db);
	free(h->utf8);
	free(h);
	doc->own = NULL;
}

/* The page changed or grew (a pipe): parse it again when it is whole,
 * or has doubled since (so that it shows as it comes, in linear time). */
static void
html_sync(struct doc *doc, int all)
{
	struct html	*h = doc->own;
	int		 quick = !doc->pending;	/* else: now whole */

	if (!all && source_reading(doc->src) && doc->src->len < 2 * h->made)
		return;
	html_free(doc);
	docbuf_reset(doc, &(struct docbuf){ 0 });
	free(doc->title);
	doc->title = NULL;
	free(doc->lang);
	doc->lang = NULL;
	doc->rtl = 0;
	html_build(doc, NULL, quick);
}

const struct docfmt html_format = {
	"html", 0, html_detect, html_make, html_sync, html_free
};
