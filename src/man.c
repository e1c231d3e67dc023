/*
 * man.c: the front end for manual pages as man(1) writes them to a pager.
 *
 * grotty marks bold by overstriking a character with itself ("N\bN") and
 * underline (italic) by overstriking an underscore ("_\bN"); newer groff
 * may write SGR sequences instead. Both become styles of the text, which
 * is the page with the marks taken out, so that search finds "NAME". The
 * page keeps its own lines (man formats it for the terminal's width):
 * every run of lines is a BLOCK_LINES block. A line at the left margin
 * (after the page's first, its header) that is all bold, or has no
 * lower-case letter where nothing is bold, is a section heading (.SH); an
 * all-bold line indented less than the text is a subsection heading (.SS).
 *
 * The text is made as the input arrives, line by line: a page piped from
 * man is shown at once and grows, and nothing is made twice.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "lede.h"

/* A section heading at the margin; a subsection heading indented less
 * than this. */
#define MAN_SUBINDENT	5

struct man {
	struct docbuf	 db;		/* the text, its blocks and styles */
	size_t		 in;		/* input bytes made into text */
	struct sgr	 sgr;		/* what SGR sequences have set */
	int		 any_bold;	/* the page uses bold at all */
	int		 open;		/* the last block takes more lines */
	int		 blank;		/* blank lines since the last block */
	size_t		 lines;		/* non-blank lines made */
};

/* The length of the character at p (a bad byte is one). */
static size_t
man_charlen(const uint8_t *p, const uint8_t *end)
{
	int	n = u8_mblen(p, (size_t)(end - p));

	return n > 0 ? (size_t)n : 1;
}

/*
 * Is there overstrike at p: a character, one or two backspaces (after a
 * wide one), a character? Returns the length of the backspaces, or 0.
 */
static size_t
man_backspaces(const uint8_t *p, const uint8_t *end)
{
	size_t	n = 0;

	while (p + n < end && p[n] == '\b' && n < 2)
		n++;
	return n > 0 && p + n < end && p[n] != '\n' && p[n] != '\b' ? n : 0;
}

/* Is the input a manual page? man-db names the page in MAN_PN for its
 * pager; any page has overstrike (or SGR) early on. */
static int
man_detect(const struct source *src)
{
	const uint8_t	*p = src->data, *end;
	size_t		 n = 0, len;
	const char	*pn = getenv("MAN_PN");

	if (pn != NULL && *pn != '\0' && src->kind == SOURCE_PIPE)
		return 1;
	len = src->len < SOURCE_BINARY_SCAN ? src->len : SOURCE_BINARY_SCAN;
	end = p + len;
	/* Three overstruck characters of a word, as grotty writes bold. */
	while (p < end && (p = memchr(p, '\b', (size_t)(end - p))) != NULL) {
		if (p > src->data && p + 1 < end && (p[-1] == p[1] ||
		    p[-1] == '_') && p[1] >= 0x20 && ++n >= 3)
			return 1;
		p++;
	}
	return 0;
}

/* Append n bytes of text in style attrs. */
static void
man_put(struct man *m, struct doc *doc, const uint8_t *p, size_t n,
    unsigned attrs)
{
	docbuf_style(doc, &m->db, attrs, -1);
	docbuf_put(doc, &m->db, p, n);
}

/*
 * Make the line [ls, le) of the input into text: overstrike and SGR
 * become styles. *all_bold is set if every character but spaces is bold
 * (and there is one), *lower if there is a lower-case letter.
 */
static void
man_line(struct man *m, struct doc *doc, size_t ls, size_t le,
    int *all_bold, int *lower)
{
	const uint8_t	*d = doc->src->data, *end = d + le;
	const uint8_t	*c, *c2;
	size_t		 i = ls, n, n2, bs, q;
	unsigned	 attrs;
	ucs4_t		 uc;
	int		 shown = 0;

	*all_bold = 1;
	*lower = 0;
	while (i < le) {
		if ((q = sgr_match(d, le, i)) > 0) {
			sgr_apply(&m->sgr, d + i + 2, q - 3);
			i += q;
			continue;
		}
		c = d + i;
		n = man_charlen(c, end);
		attrs = m->sgr.attrs & (SGR_BOLD | SGR_ITALIC | SGR_UNDERLINE);
		i += n;
		/* X\bX is bold, _\bX underlined; X\bY shows Y (as less). */
		while ((bs = man_backspaces(d + i, end)) > 0) {
			c2 = d + i + bs;
			n2 = man_charlen(c2, end);
			if (n2 == n && memcmp(c, c2, n) == 0)
				attrs |= SGR_BOLD;
			else if (n == 1 && c[0] == '_')
				attrs |= SGR_UNDERLINE, c = c2, n = n2;
			else if (n2 == 1 && c2[0] == '_')
				attrs |= SGR_UNDERLINE;
			else
				c = c2, n = n2;
			i += bs + n2;
		}
		if (*c != ' ') {
			shown = 1;
			if (!(attrs & SGR_BOLD))
				*all_bold = 0;
			if (u8_mbtouc(&uc, c, n) > 0 &&
			    uc_is_property_lowercase(uc))
				*lower = 1;
		}
		if (attrs & SGR_BOLD)
			m->any_bold = 1;
		man_put(m, doc, c, n, *c == ' ' ? m->db.attrs &
		    ~(unsigned)SGR_UNDERLINE : attrs);
	}
	if (!shown)
		*all_bold = 0;
}

/* Add a block of kind, level, from text offset start and input src. */
static void
man_block(struct man *m, struct doc *doc, size_t start, size_t src,
    int kind, int level)
{
	struct docblock	*b = docbuf_block(doc, &m->db, src);

	b->start = start;
	b->kind = (uint8_t)kind;
	b->level = (uint8_t)level;
	b->gap = (uint8_t)(m->blank < 3 ? m->blank : 3);
	m->blank = 0;
}

/*
 * The page's name from its header line ("LS(1)  User Commands  LS(1)"):
 * the first word if it is a name and a section in parentheses.
 */
static char *
man_header_title(const struct doc *doc, size_t s)
{
	const uint8_t	*d = doc->data;
	size_t		 e = s, open = 0;
	char		*t;

	while (e < doc->len && e - s < 64 && d[e] > ' ' && d[e] < 0x7f) {
		if (d[e] == '(' && open == 0)
			open = e;
		e++;
	}
	if (open <= s || e - open < 3 || d[e - 1] != ')' ||
	    (e < doc->len && d[e] != ' ' && d[e] != '\n'))
		return NULL;
	xasprintf(&t, "%.*s", (int)(e - s), (const char *)d + s);
	return t;
}

/* Make the input's complete lines into text (all of it, at its end). */
static void
man_more(struct doc *doc)
{
	struct man	*m = doc->own;
	const uint8_t	*d = doc->src->data;
	size_t		 len = doc->src->len, ls, le, next, start, indent;
	int		 bold, lower, heading, level = 0, last;

	for (ls = m->in; ls < len; ls = next) {
		le = block_line_end(d, len, ls, &next);
		last = le == len;
		if (last && source_reading(doc->src))
			break;		/* the line is not whole yet */
		m->in = next;
		start = doc->len;
		if (start > 0) {
			man_put(m, doc, (const uint8_t *)"\n", 1, m->db.attrs);
			start++;
		}
		man_line(m, doc, ls, le, &bold, &lower);
		for (indent = start; indent < doc->len &&
		    doc->data[indent] == ' '; indent++)
			;
		if (indent == doc->len) {
			m->open = 0;		/* a blank line */
			m->blank++;
			continue;
		}
		indent -= start;
		if (m->lines == 0 && doc->title == NULL)
			doc->title = man_header_title(doc, start + indent);
		heading = 0;
		if (m->lines > 0 && indent == 0 && (bold || (!m->any_bold &&
		    !lower)))
			heading = 1, level = 1;
		else if (m->lines > 0 && indent < MAN_SUBINDENT && bold)
			heading = 1, level = 2;
		m->lines++;
		if (heading) {
			man_block(m, doc, start, ls, BLOCK_HEADING, level);
			m->open = 0;
		} else if (m->open)
			doc->blocks[doc->nblocks - 1].end = doc->len;
		else {
			man_block(m, doc, start, ls, BLOCK_LINES, 0);
			m->open = 1;
		}
	}
}

/*
 * The page's name for the status line: man-db's MAN_PN ("ls(1)"; for a
 * file, "frob\\.1", escaped for less's prompt).
 */
static char *
man_title(void)
{
	const char	*pn = getenv("MAN_PN");
	char		*t, *q;

	if (pn == NULL || *pn == '\0')
		return NULL;
	q = t = xstrdup(pn);
	for (; *pn != '\0'; pn++)
		if (*pn != '\\' || *++pn != '\0')
			*q++ = *pn;
		else
			break;
	*q = '\0';
	return t;
}

static int
man_make(struct doc *doc, char **cause)
{
	(void)cause;
	struct man	*m;

	doc->own = m = xcalloc(1, sizeof *m);
	sgr_reset(&m->sgr);
	docbuf_reset(doc, &m->db);
	doc->title = man_title();
	man_more(doc);
	return 0;
}

static void
man_free(struct doc *doc)
{
	struct man	*m = doc->own;

	if (m != NULL)
		docbuf_free(&m->db);
	free(m);
	doc->own = NULL;
}

/* The input grew: make its new lines. Cut or changed: make it again. */
static void
man_sync(struct doc *doc, int all)
{
	struct man	*m = doc->own;

	if (all || doc->src->len < m->in) {
		docbuf_reset(doc, &m->db);
		memset(m, 0, sizeof *m);
		docbuf_reset(doc, &m->db);
		sgr_reset(&m->sgr);
	}
	man_more(doc);
}

const struct docfmt man_format = {
	"man", 1, man_detect, man_make, man_sync, man_free
};
