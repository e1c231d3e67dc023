/*
 * draw.c: the page and its status line, drawn from the session.
 *
 * The text column is centred in the terminal; each row of the view is
 * drawn cell by cell at the columns its layout computed, in the style of
 * its block, with spans over it: quotes (the current one stands out) and
 * search matches (the current one stands out). Only what is on the screen
 * is looked at: the matches of the rows shown, not of their paragraphs.
 * Drawing goes through the terminal layer's cells (tdraw.c); nothing here
 * knows curses, and nothing here changes the session.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lede.h"
#include "ui.h"

/*
 * Spans of the frame being drawn: quotes and search matches over the
 * visible rows, as absolute source offsets.
 */
struct span {
	size_t		 start;
	size_t		 end;
	enum style	 style;
};
static struct span	*spans;
static size_t		 nspans, spans_cap;

static void
span_add(size_t start, size_t end, enum style st)
{
	if (nspans == spans_cap) {
		spans_cap = spans_cap ? spans_cap * 2 : 64;
		spans = xreallocarray(spans, spans_cap, sizeof *spans);
	}
	spans[nspans].start = start;
	spans[nspans].end = end;
	spans[nspans].style = st;
	nspans++;
}

/* The style of the cell at off: the strongest span over it, or base. */
static enum style
span_style(size_t off, enum style base)
{
	enum style	st = base;
	size_t		i;

	for (i = 0; i < nspans; i++)
		if (spans[i].start <= off && off < spans[i].end &&
		    spans[i].style > st)
			st = spans[i].style;
	return st;
}

/*
 * How far before the first character shown a match may start and still
 * be highlighted: a match runs over at most a few lines.
 */
#define DRAW_MATCH_BEFORE	4096

/*
 * Add the spans over the source range [from, to) of a block shown on the
 * screen: its quotes, and the matches that start in the range or a
 * little before it.
 */
static void
draw_spans(struct pager *pg, const struct layout *lay, size_t from, size_t to)
{
	struct block	 b = { lay->start, lay->end };	/* the piece */
	struct quote	*q;
	size_t		 n, i;
	int		 local;
	const struct quote *cur = NULL;

	if (pg->quote >= 0 && (size_t)pg->quote < pg->outline.nq)
		cur = &pg->outline.q[pg->quote];
	n = outline_quotes(&pg->outline, &pg->doc, &lay->block, &b, &q,
	    &local);
	for (i = 0; i < n; i++)
		span_add(q[i].start, q[i].end, !local && &q[i] == cur ?
		    STYLE_CURQUOTE : STYLE_QUOTE);
	if (local)
		free(q);
	if (cur != NULL && cur->start < b.end && cur->end > b.start)
		span_add(cur->start, cur->end, STYLE_CURQUOTE);
	if (pg->find.s != NULL) {
		size_t	*m = NULL, nm = 0, first;

		/* From a little before: a match may run into the rows. */
		first = from;
		from = from - lay->block.start > DRAW_MATCH_BEFORE ?
		    from - DRAW_MATCH_BEFORE : lay->block.start;
		find_matches(&pg->find, &pg->doc, from, to, &m, &nm);
		for (i = 0; i < nm; i += 2)
			if (m[i + 1] > first)
				span_add(m[i], m[i + 1], pg->find.have &&
				    m[i] == pg->find.ms ? STYLE_CURMATCH :
				    STYLE_MATCH);
		free(m);
	}
}

/* Draw one laid-out row at screen row y, text column starting at x. */
static void
draw_row(struct pager *pg, int y, int x, const struct layout *lay, size_t row)
{
	const struct row	*r = &lay->rows[row];
	const struct cell	*c;
	enum style		 st = STYLE_TEXT;
	size_t			 i, ci, ri = 0, pos = r->first, mlen;
	struct justify		 j;
	int			 col = 0, stretch, rtl, span;
	char			 mbuf[BIDI_GLYPH_MAX];
	const char		*glyph;

	if (lay->type == BLOCK_HEADING)
		st = STYLE_HEADING;
	else if (lay->type == BLOCK_HEADER)
		st = STYLE_HEADER;
	stretch = pg->justify && dump_row_justified(lay, row) &&
	    !layout_get_chop();
	/* Right to left: the row ends at the column's right edge, its bars
	 * beyond it; code (verbatim) and -S keep the left. */
	rtl = bidi_row_rtl(lay, r);
	span = lay->width > r->indent + r->width ? lay->width :
	    r->indent + r->width;
	for (i = 0; i < r->bars; i++)	/* block quotes' bars */
		term_cluster(y, rtl ? x + span - 2 * (int)i - 2 +
		    (width_cp(QUOTE_BAR_CP) == 1) : x + 2 * (int)i, QUOTE_BAR,
		    strlen(QUOTE_BAR), STYLE_MARK);
	if (rtl && !stretch)
		x += span - r->indent - r->width;
	else if (!rtl)
		x += r->indent;	/* a list item's hang, nesting */
	if (layout_get_chop())
		x -= pg->hscroll;	/* -S: columns from hscroll on */
	if (rtl && (r->flags & ROW_HYPHEN)) {	/* the hyphen on the left */
		term_ascii(y, x, "-", 1, st);
		x++;
	}
	if (stretch)
		dump_justify_plan(lay, row, &j);
	for (i = 0; i < r->count; i++) {
		enum style	cst;
		int		extra = 0;

		ci = bidi_cell_at(lay, r, i, &pos);
		c = &lay->cells[ci];
		if (stretch && (extra = dump_justify_at(&j, c, (int)i)) > 0 &&
		    !(c->flags & CELL_SPACE)) {
			col += extra;	/* a slot: before the cell */
			extra = 0;
		}
		/* -S: only what is wholly in the window. */
		if (x + col < 0 || x + col + c->width > pg->cols) {
			if (x + col >= pg->cols)
				break;
			col += c->width;
			continue;
		}
		cst = nspans ? span_style(lay->start + c->src, st) : st;
		/* Right to left, "(" is drawn ")" (and Arabic joined, if
		 * asked). */
		if ((mlen = bidi_glyph(lay, r, ci, mbuf)) > 0)
			glyph = mbuf;
		else {
			glyph = lay->text + c->text;
			mlen = c->len;
		}
		/* -R: the text's own style, unless a match or the current
		 * quote covers it. */
		if (lay->order != NULL && lay->nsgr > 0 &&
		    lay->sgr[ri].text > c->text)
			ri = 0;		/* reordered: look again */
		while (ri + 1 < lay->nsgr && lay->sgr[ri + 1].text <= c->text)
			ri++;
		if (lay->nsgr > 0 && lay->sgr[ri].text <= c->text &&
		    cst < STYLE_CURQUOTE && !(c->flags & CELL_VISIBLE) &&
		    !(c->flags & CELL_SPACE) && c->width > 0) {
			term_cluster_sgr(y, x + col, glyph, mlen,
			    &lay->sgr[ri].style);
			col += c->width;
			continue;
		}
		if (c->flags & CELL_VISIBLE)
			term_ascii(y, x + col, lay->text + c->text, c->len,
			    cst > STYLE_QUOTE ? cst : STYLE_CONTROL);
		else if (c->flags & CELL_SPACE) {
			if (cst != st)
				term_fill(y, x + col, c->width + extra, cst);
		} else if (c->width > 0)
			term_cluster(y, x + col, glyph, mlen, cst);
		col += c->width + extra;
	}
	if (!rtl && (r->flags & ROW_HYPHEN) && x + col >= 0 &&
	    x + col < pg->cols)
		term_ascii(y, x + col, "-", 1, st);
	if ((r->flags & ROW_CONT) && x - r->indent + lay->wide <= pg->cols)
		term_ascii(y, x - r->indent + lay->wide - 1, ROW_CONT_MARK,
		    strlen(ROW_CONT_MARK), STYLE_MARK);
}

/* A line of the interface in display order, in place (right to left:
 * the same bytes, reordered). */
void
draw_visual(char *buf)
{
	char	*v = bidi_visual(buf, strlen(buf));

	if (v != NULL) {
		memcpy(buf, v, strlen(v));
		free(v);
	}
}

/*
 * The title of the section the top row is in, or "". The outline is used
 * as far as the idle loop has built it; past that, the blocks above the
 * top are looked at, at most SECTION_LOOKBACK of them, so that a frame
 * never waits for a pass over the document. Beyond that the title is ""
 * until the outline is complete, and the loop draws again then.
 */
#define SECTION_LOOKBACK 64
void
draw_section_title(struct pager *pg, char *buf, size_t size)
{
	const struct outline	*o = &pg->outline;
	const struct section	*sec;
	struct block		 b;
	size_t			 top = view_top_offset(pg->view), t, te;
	int			 i, n, more;

	buf[0] = '\0';
	if (!o->done && top >= o->scanned) {
		more = block_at(&pg->doc, top, &b);
		for (n = 0; more && b.start >= o->scanned; n++) {
			if (n == SECTION_LOOKBACK)
				return;
			if (b.start <= top &&
			    parse_block(&pg->doc, &b) == BLOCK_HEADING) {
				parse_heading_text(&pg->doc, &b, &t, &te);
				doc_copy(&pg->doc, t, te, buf, size);
				draw_visual(buf);
				return;
			}
			more = block_prev(&pg->doc, &b, &b);
		}
		if (!more)
			return;		/* no heading above the top */
	}
	i = outline_find(o, top);
	if (i < 0)
		return;
	sec = &o->v[i];
	doc_copy(&pg->doc, sec->title, sec->title_end, buf, size);
	draw_visual(buf);
}

/*
 * The end of s that fits in maxw columns (a file name too long for the
 * status line: its end, the file's own name, tells the most), cut at a
 * directory separator if one fits, else at a character; NULL if all of
 * s fits.
 */
static const char *
draw_tail(const char *s, int maxw)
{
	const uint8_t	*p = (const uint8_t *)s;
	const char	*slash;
	size_t		 len = strlen(s), pos = 0, n = 0, count;
	size_t		 start[640];
	int		 width[640], w = 0;
	struct unit	 u;

	while (pos < len && n < sizeof start / sizeof start[0]) {
		sanitize_next(p, len, pos, &u);
		start[n] = pos;
		width[n++] = width_unit(&u);
		pos += u.len;
	}
	count = n;
	while (n > 0 && w + width[n - 1] <= maxw)
		w += width[--n];
	if (n == 0)
		return NULL;
	if (n == count)
		return s + len;		/* not a character fits */
	/* From a directory separator, if one fits: no half names. */
	if ((slash = strchr(s + start[n], '/')) != NULL && slash[1] != '\0')
		return slash;
	return s + start[n];
}

/* The right of the status line: the match counter, the position. */
static void
draw_status_right(struct pager *pg, char *right, size_t size)
{
	const struct find	*f = &pg->find;
	int			 x;

	right[0] = '\0';
	if (pg->count > 0)
		snprintf(right, size, " %ld", pg->count);
	else if (f->s != NULL && f->have) {
		if (f->count_gaveup)
			snprintf(right, size, " ?/?");
		else if (f->index_known && f->count_done)
			snprintf(right, size, " %zu/%zu", f->before + 1,
			    f->total);
		else if (f->index_known)
			snprintf(right, size, " %zu/\xe2\x80\xa6",
			    f->before + 1);
		else if (f->count_done)
			snprintf(right, size, " %zu matches", f->total);
		else
			snprintf(right, size, " ?/\xe2\x80\xa6");
	}
	/* The format, unless plain text: what the input was read as. */
	if (pg->doc.fmt != NULL && strcmp(pg->doc.fmt->name, "plain") != 0) {
		x = (int)strlen(right);
		snprintf(right + x, size - (size_t)x, " %s",
		    pg->doc.fmt->name);
	}
	x = (int)strlen(right);
	snprintf(right + x, size - (size_t)x, "%s %d%% ",
	    view_at_end(pg->view) ? " (END)" : "", view_percent(pg->view));
}

/*
 * The status line: file name and section on the left, position on the
 * right; or a message.
 */
static void
draw_status(struct pager *pg, int y, int cols)
{
	char		 right[64], left[640], title[256], name[320];
	const char	*tail;
	int		 rw, x;

	term_fill(y, 0, cols, STYLE_STATUS);
	draw_status_right(pg, right, sizeof right);
	rw = width_string(right);
	if (rw > cols)
		rw = 0;
	if (pg->message[0] != '\0') {
		snprintf(left, sizeof left, "%s", pg->message);
		draw_visual(left);
	} else {
		draw_section_title(pg, title, sizeof title);
		x = snprintf(name, sizeof name, "%s", pg->doc.title != NULL ?
		    pg->doc.title : pg->src->name);
		draw_visual(name);	/* each part in display order */
		if (pg->nfiles > 1 && x >= 0 && (size_t)x < sizeof name)
			x += snprintf(name + x, sizeof name - (size_t)x,
			    " (file %zu of %zu)", pg->cur + 1, pg->nfiles);
		if (x >= 0 && (size_t)x < sizeof name && (pg->doc.len == 0 ||
		    pg->src->binary || source_reading(pg->src) ||
		    pg->src->altered))
			snprintf(name + x, sizeof name - (size_t)x, " (%s)",
			    source_reading(pg->src) ? "reading" :
			    pg->src->altered ? "changed on disk" :
			    pg->doc.len == 0 ? "empty" : "binary");
		snprintf(left, sizeof left, "%s%s%s", name,
		    title[0] != '\0' ? " \xc2\xbb " : "", title);
		/* No room for both: the section matters more. */
		if (title[0] != '\0' && width_string(left) > cols - rw - 2)
			snprintf(left, sizeof left, "%s", title);
		/* A name too long: its end, after an ellipsis. */
		else if (title[0] == '\0' && (tail = draw_tail(name,
		    cols - rw - 2 - width_cp(0x2026))) != NULL)
			snprintf(left, sizeof left, "\xe2\x80\xa6%s", tail);
	}
	term_text(y, 1, left, cols - rw - 2, STYLE_STATUS);
	if (rw > 0)
		term_text(y, cols - rw, right, rw, STYLE_STATUS);
}

/* Draw the page: the rows of the view, then the status line. */
void
draw_page(struct pager *pg)
{
	struct view_row	*rows;
	int		 n, y, x, e, cols = term_cols(), lines = term_lines();
	size_t		 from, to;

	term_erase();
	x = (cols - view_width(pg->view)) / 2;
	if (x < 0)
		x = 0;
	rows = xreallocarray(NULL, (size_t)(lines > 0 ? lines : 1),
	    sizeof *rows);
	n = view_rows(pg->view, rows, lines - 1);
	nspans = 0;
	for (y = 0; y < n; y = e) {
		/* The rows of one block: the source they show. */
		for (e = y + 1; e < n && rows[e].lay == rows[y].lay; e++)
			;
		from = layout_row_start(rows[y].lay, rows[y].row);
		to = rows[e - 1].row + 1 < rows[e - 1].lay->nrows ?
		    layout_row_start(rows[e - 1].lay, rows[e - 1].row + 1) :
		    rows[e - 1].lay->end;
		draw_spans(pg, rows[y].lay, from, to);
	}
	for (y = 0; y < n; y++)
		draw_row(pg, y, x, rows[y].lay, rows[y].row);
	/* Past the end, as less shows it. */
	for (; y < lines - 1; y++)
		term_ascii(y, x, "~", 1, STYLE_MARK);
	free(rows);
	if (lines > 0)
		draw_status(pg, lines - 1, cols);
}

/* The status row holds text of its own (a progress report). */
void
draw_status_text(struct pager *pg, const char *text)
{
	int	y = term_lines() - 1, cols = term_cols();

	if (y < 0)
		return;
	term_fill(y, 0, cols, STYLE_STATUS);
	term_text(y, 1, text, cols - 2, STYLE_STATUS);
	term_refresh();
}

/* Seconds since *t. */
static double
draw_since(const struct timespec *t)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) +
	    (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

/* Start a progress report for a long piece of work. */
void
draw_progress_start(struct draw_progress *dp, struct pager *pg,
    const char *what)
{
	memset(dp, 0, sizeof *dp);
	dp->pg = pg;
	dp->what = what;
	clock_gettime(CLOCK_MONOTONIC, &dp->start);
}

/*
 * The stop function of a long search or pass (find.c calls it between
 * slices with how far it got): stops on Ctrl-C, and after 0.3 s shows
 * how far it got on the status line, at most every 0.1 s.
 */
int
draw_progress(void *arg, size_t done, size_t total)
{
	struct draw_progress	*dp = arg;
	char			 text[128];
	double			 t;

	if (term_interrupted())
		return 1;
	t = draw_since(&dp->start);
	if (t < 0.3 || t - dp->shown < 0.1)
		return 0;
	dp->shown = t;
	snprintf(text, sizeof text, "%s %d%% (Ctrl-C stops)", dp->what,
	    total > 0 ? (int)((double)done * 100 / (double)total) : 0);
	draw_status_text(dp->pg, text);
	return 0;
}
