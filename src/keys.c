/*
 * keys.c: the key table and the page's commands.
 *
 * One table names every key, the function it runs and its help line; the
 * dispatcher, the help list and the test that compares lede.1's KEYS
 * section with the program all read it. A number typed before a key is
 * its count, as in less: 10j, 3n, 50%, 120g.
 *
 * Commands change the session (the view, the search, the outline) and
 * return. One that needs more from the reader opens a mode (a list, the
 * search prompt, a one-key question) and names the function to call when
 * it ends; the loop (ui.c) does the rest. No command waits for a key.
 */

#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "lede.h"
#include "ui.h"

/* Scroll by arg rows; SCREEN or HALF for a screen or half of one. */
#define SCREEN	1000000L
#define HALF	2000000L
#define KEY_AHEAD	(256u << 10)	/* made past the view for a move */

static void
key_scroll(struct pager *p, long arg, long count)
{
	long	h = view_height(p->view), n;

	if (count > 0)		/* a count is rows, as in less */
		n = count;
	else if (arg == SCREEN || arg == -SCREEN)
		n = h;
	else if (arg == HALF || arg == -HALF)
		n = (h + 1) / 2;
	else
		n = 1;
	view_scroll(p->view, arg < 0 ? -n : n);
}

/*
 * g and G: the beginning and the end, or with a count the line of that
 * number in the file, as less counts lines.
 */
static void
key_top(struct pager *p, long arg, long count)
{
	if (count > 0)
		view_goto_offset(p->view, doc_line(&p->doc, (size_t)count));
	else if (arg > 0)
		view_bottom(p->view);
	else
		view_top(p->view);
}

/* % and p: the place that far through the file, in percent. */
static void
key_percent(struct pager *p, long arg, long count)
{
	if (count > 100)
		count = 100;
	if (count >= 100) {
		view_bottom(p->view);
		return;
	}
	view_goto_offset(p->view, (size_t)((double)p->doc.len *
	    (double)count / 100));
	if (count == 0)
		view_top(p->view);
}

/*
 * F: follow: go to the end and stay there as the file or pipe grows, as
 * less +F and tail -f do, until a key is typed.
 */
static void
key_follow(struct pager *p, long arg, long count)
{
	p->follow = 1;
	view_bottom(p->view);
	pager_message(p, "Waiting for data (any key stops)");
}

static void
key_quit(struct pager *p, long arg, long count)
{
	p->quit = 1;
}

/* Widen (arg > 0) or narrow the text column by arg columns. */
static void
key_measure(struct pager *p, long arg, long count)
{
	int	cur = pager_measure(p, p->cols);

	cur += (int)(arg * (count > 0 ? count : 1));
	if (cur < 10)
		cur = 10;
	if (cur >= p->cols) {
		p->measure = 0;
		pager_message(p, "width: %d (full)", p->cols);
	} else {
		p->measure = cur;
		pager_message(p, "width: %d", cur);
	}
	p->refit = 1;
}

static void
key_justify(struct pager *p, long arg, long count)
{
	p->justify = !p->justify;
	pager_message(p, "justify: %s", p->justify ? "on" : "off");
	p->refit = 1;
}

/* The rows are to be set anew (a setting of layout changed); the same
 * text stays on top. */
static void
key_relayout(struct pager *p, size_t top)
{
	view_doc_changed(p->view, p->doc.len, 1);
	p->refit = 1;
	view_goto_offset(p->view, top);
}

/* Y: hyphenation on or off (--hyphenate): the rows are set again. */
static void
key_hyphenate(struct pager *p, long arg, long count)
{
	if (!hyph_on && hyph_load(p->lang != NULL ? p->lang : p->doc.lang) ==
	    -1) {
		pager_message(p, "no hyphenation patterns for this language "
		    "(-L, LANG)");
		return;
	}
	hyph_on = !hyph_on;
	key_relayout(p, view_top_offset(p->view));
	if (hyph_on)
		pager_message(p, "hyphenation: on (%s)", hyph_language());
	else
		pager_message(p, "hyphenation: off");
}

/* S: -S on or off: lines kept as they are and chopped, or set. */
static void
key_chop(struct pager *p, long arg, long count)
{
	size_t	top = view_top_offset(p->view);

	layout_set_chop(!layout_get_chop());
	p->hscroll = 0;
	key_relayout(p, top);
	pager_message(p, "%s", layout_get_chop() ? "lines chopped (Left, "
	    "Right scroll)" : "lines set to the width");
}

/* Left and Right: with -S, half a screen sideways (a count: columns). */
static void
key_hscroll(struct pager *p, long arg, long count)
{
	long	n = count > 0 ? count : p->cols / 2 > 0 ? p->cols / 2 : 1;

	if (!layout_get_chop()) {
		pager_message(p, "S chops lines first");
		return;
	}
	if (arg < 0)
		p->hscroll = n >= p->hscroll ? 0 : p->hscroll - (int)n;
	else if (p->hscroll + n < LAYOUT_WIDTH_MAX)
		p->hscroll += (int)n;
}

/* Put the heading of section i on the top row. */
static void
key_goto_section(struct pager *p, long i)
{
	view_goto_offset(p->view, p->outline.v[i].start);
}

/* ] and [: the count'th next or previous section's heading to the top. */
static void
key_section(struct pager *p, long arg, long count)
{
	size_t	top;
	long	i;

	outline_step(&p->outline, &p->doc, 0);
	if (p->outline.n == 0) {
		pager_message(p, "no sections");
		return;
	}
	if (count < 1)
		count = 1;
	top = view_top_offset(p->view);
	i = outline_find(&p->outline, top);
	if (arg > 0) {
		i += count;
		if (i >= (long)p->outline.n) {
			pager_message(p, "no next section");
			return;
		}
	} else {
		/* Within a section, [ goes back to its own heading first. */
		if (i >= 0 && top <= p->outline.v[i].title)
			i--;
		i -= count - 1;
		if (i < 0) {
			pager_message(p, "no previous section");
			return;
		}
	}
	key_goto_section(p, i);
}

/* The contents: a section picked is a jump. */
static void
key_toc_done(struct pager *p, void *arg, long pick)
{
	if (pick < 0)
		return;
	pager_jumped(p, view_top_offset(p->view));
	key_goto_section(p, pick);
}

/*
 * The text [s, e) of the document as one line for a list: what shows of
 * it (-R's sequences left out), runs of blanks and line breaks as one
 * space, at most max bytes.
 */
static void
key_plain_text(const struct doc *doc, size_t s, size_t e, char *buf,
    size_t max)
{
	struct unit	u;
	size_t		k = 0;
	int		space = 0;

	for (; s < e && k + 5 < max; s += u.len) {
		sanitize_next(doc->data, e, s, &u);
		if (u.kind == UNIT_NEWLINE || u.kind == UNIT_TAB ||
		    (u.kind == UNIT_CHAR && u.cp == ' ')) {
			space = k > 0;
			continue;
		}
		if (u.kind != UNIT_CHAR)
			continue;	/* styles, links, shown controls */
		if (space)
			buf[k++] = ' ';
		space = 0;
		memcpy(buf + k, doc->data + s, u.len);
		k += u.len;
	}
	buf[k] = '\0';
}

/* The links list closed: a link picked is a jump to it. */
static void
key_links_done(struct pager *p, void *arg, long pick)
{
	if (pick < 0)
		return;
	pager_jumped(p, view_top_offset(p->view));
	view_goto_offset(p->view, p->doc.nlinks > 0 ?
	    p->doc.links[pick].start : p->outline.links[pick].start);
}

/* A list read from all over the text has read up to at (the end, if
 * at is the text's length): what it has passed may leave memory
 * (doc_release), a megabyte at a time. */
static void
key_read_to(struct pager *p, size_t *done, size_t at)
{
	if (at >= *done + (1u << 20) || at == p->doc.len) {
		doc_release(&p->doc, *done, at);
		*done = at;
	}
}

/* L: the links of a page or post, or -R's hyperlinks (OSC 8): their
 * text and their targets. */
static void
key_links(struct pager *p, long arg, long count)
{
	char	**items, text[256], uri[512];
	size_t	  i, n, k, done = 0;
	int	  digits;

	outline_step(&p->outline, &p->doc, 0);
	if ((n = p->doc.nlinks) == 0 && (n = p->outline.nlinks) == 0) {
		pager_message(p, "%s", sanitize_get_raw() ||
		    p->doc.blocks != NULL ? "no links" :
		    "no links (-R shows OSC 8 links)");
		return;
	}
	digits = snprintf(NULL, 0, "%zu", n);
	items = xreallocarray(NULL, n, sizeof *items);
	for (i = 0; i < n; i++) {
		const struct link	*l = p->doc.nlinks > 0 ?
					    &p->doc.links[i] :
					    &p->outline.links[i];

		key_plain_text(&p->doc, l->start, l->end, text, sizeof text);
		key_read_to(p, &done, l->start);
		if (p->doc.nlinks > 0) {
			k = l->uri_end - l->uri < sizeof uri ?
			    l->uri_end - l->uri : sizeof uri - 1;
			memcpy(uri, p->doc.uris + l->uri, k);
			uri[k] = '\0';
		} else
			doc_copy(&p->doc, l->uri, l->uri_end, uri,
			    sizeof uri);
		xasprintf(&items[i], "%*zu  %s  <%s>", digits, i + 1, text,
		    uri);
	}
	key_read_to(p, &done, p->doc.len);
	menu_open_list(p, "Links", items, n, 0, -1, key_links_done);
}

/* W: a web page's article (reader mode), or the whole page. */
static void
key_page(struct pager *p, long arg, long count)
{
	size_t	top;

	if (strcmp(p->doc.fmt->name, "html") != 0) {
		pager_message(p, "%s", "not a web page (W shows a page whole "
		    "or its article)");
		return;
	}
	top = doc_to_src(&p->doc, view_top_offset(p->view));
	html_full = !html_full;
	pager_source_changed(p, p->doc.len, 1);
	view_goto_offset(p->view, doc_from_src(&p->doc, top));
	pager_message(p, "%s", html_full ? "the whole page" :
	    "the article (reader mode)");
}

/* t: the table of contents, the numbers right-aligned. */
static void
key_toc(struct pager *p, long arg, long count)
{
	char	**items;
	char	 title[256];
	size_t	 i, n, done = 0;
	int	 cur, digits;

	outline_step(&p->outline, &p->doc, 0);
	n = p->outline.n;
	if (n == 0) {
		pager_message(p, "no sections");
		return;
	}
	digits = snprintf(NULL, 0, "%zu", n);
	items = xreallocarray(NULL, n, sizeof *items);
	for (i = 0; i < n; i++) {
		const struct section	*sec = &p->outline.v[i];

		doc_copy(&p->doc, sec->title, sec->title_end, title,
		    sizeof title);
		key_read_to(p, &done, sec->title);
		/* A subsection is indented by its level. */
		xasprintf(&items[i], "%*zu  %*s%s", digits, i + 1,
		    2 * (sec->level > 1 ? sec->level - 1 : 0), "", title);
	}
	cur = outline_find(&p->outline, view_top_offset(p->view));
	key_read_to(p, &done, p->doc.len);
	menu_open_list(p, "Contents", items, n, cur < 0 ? 0 : cur, cur,
	    key_toc_done);
}

/*
 * Make sure the outline has quotes past index i (or is complete).
 */
static void
key_quotes_past(struct pager *p, size_t i)
{
	while (!p->outline.done && p->outline.nq <= i + 1)
		outline_step(&p->outline, &p->doc, 1 << 20);
}

/* Scroll so that quote i is on the screen, whole where it fits. */
static void
key_show_quote(struct pager *p, long i)
{
	const struct quote	*q = &p->outline.q[i];
	size_t			 from, to;

	p->quote = i;
	view_visible(p->view, &from, &to);
	if (q->start >= from && q->end <= to)
		return;
	view_goto_offset(p->view, q->start);
	/* One row of what comes before, if the quote still fits. */
	view_scroll(p->view, -1);
	view_visible(p->view, &from, &to);
	if (q->end > to)
		view_goto_offset(p->view, q->start);
}

/*
 * Tab and Shift-Tab: the count'th next or previous outermost quote, from
 * the current one if it is on the screen, else from the screen.
 */
static void
key_quote(struct pager *p, long arg, long count)
{
	size_t	from, to;
	long	i = p->quote;

	key_quotes_past(p, 0);
	view_visible(p->view, &from, &to);
	if (i >= 0 && (size_t)i < p->outline.nq &&
	    (p->outline.q[i].start >= to || p->outline.q[i].end <= from))
		i = -1;		/* the current quote is not shown */
	if (count < 1)
		count = 1;
	if (i < 0) {
		/* Nothing current: start from what is on the screen. */
		if (arg > 0) {
			for (i = 0;; i++) {
				key_quotes_past(p, (size_t)i);
				if ((size_t)i >= p->outline.nq ||
				    (p->outline.q[i].start >= from &&
				    p->outline.q[i].depth == 0))
					break;
			}
		} else {
			outline_step(&p->outline, &p->doc, 0);
			for (i = (long)p->outline.nq - 1; i >= 0; i--)
				if (p->outline.q[i].start < to &&
				    p->outline.q[i].depth == 0)
					break;
		}
		count--;
	}
	while (count-- > 0 && i >= 0 && (size_t)i < p->outline.nq) {
		if (arg > 0) {
			do {
				i++;
				key_quotes_past(p, (size_t)i);
			} while ((size_t)i < p->outline.nq &&
			    p->outline.q[i].depth > 0);
		} else {
			do
				i--;
			while (i >= 0 && p->outline.q[i].depth > 0);
		}
	}
	if (i < 0 || (size_t)i >= p->outline.nq) {
		pager_message(p, "no %s quote", arg > 0 ? "next" : "previous");
		return;
	}
	key_show_quote(p, i);
}

/* Text of the quote for the list: speaker, then the words. */
static char *
key_quote_item(struct pager *p, const struct quote *q)
{
	char	*who, *item, *text;
	size_t	 n = q->end - q->start, i, k = 0;
	int	 term = 0, space = 0, line = 0;
	ucs4_t	 prev = 0, next;

	if (n > 400)
		n = doc_cut(&p->doc, q->start, 400);
	text = xmalloc(n + 1);
	for (i = 0; i < n; i++) {
		uint8_t	c = p->doc.data[q->start + i];

		/* Line breaks and runs of blanks read as one space, but
		 * for a line break between two CJK characters (as the
		 * page joins lines). */
		if (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
			line |= c == '\n' || c == '\r';
			space |= (c == ' ' || c == '\t') && !line;
			continue;
		}
		/* A mail's quote: the '>' that start its lines. */
		if (c == '>' && (q->flags & QUOTE_BLOCK) &&
		    p->doc.blocks == NULL && (k == 0 || line))
			continue;
		if ((space || line) && k > 0 && (space || !(layout_nospace(
		    prev) && u8_mbtouc(&next, p->doc.data + q->start + i,
		    n - i) > 0 && layout_nospace(next))))
			text[k++] = ' ';
		space = line = 0;
		if (c < 0x80 || (c & 0xc0) == 0xc0)
			u8_mbtouc(&prev, p->doc.data + q->start + i, n - i);
		text[k++] = (char)c;
	}
	text[k] = '\0';
	who = speaker_name(&p->doc, q, &term);
	if (who != NULL)
		xasprintf(&item, "%s: %s", who, text);
	else if (term)
		xasprintf(&item, "(term) %s", text);
	else
		xasprintf(&item, "?: %s", text);
	free(who);
	free(text);
	return item;
}

/* The quote list's items: made when drawn, from the outermost quotes. */
struct quote_list {
	struct pager	*p;
	long		*index;		/* item -> quote */
};

static char *
key_quote_list_item(void *arg, size_t i)
{
	struct quote_list	*ql = arg;

	return key_quote_item(ql->p, &ql->p->outline.q[ql->index[i]]);
}

/* The quote list closed: a quote picked is a jump. */
static void
key_quote_list_done(struct pager *p, void *arg, long pick)
{
	struct quote_list	*ql = arg;

	if (pick >= 0) {
		pager_jumped(p, view_top_offset(p->view));
		key_show_quote(p, ql->index[pick]);
	}
	free(ql->index);
	free(ql);
}

/* ": the list of quotes with their speakers. */
static void
key_quote_list(struct pager *p, long arg, long count)
{
	struct quote_list	*ql;
	size_t			 i, n = 0, top = view_top_offset(p->view);
	long			 sel = -1, mark = -1;

	outline_step(&p->outline, &p->doc, 0);
	if (p->outline.nq == 0) {
		pager_message(p, "no quotes");
		return;
	}
	ql = xmalloc(sizeof *ql);
	ql->p = p;
	ql->index = xreallocarray(NULL, p->outline.nq, sizeof *ql->index);
	for (i = 0; i < p->outline.nq; i++) {
		if (p->outline.q[i].depth > 0)
			continue;
		if ((long)i == p->quote)
			mark = sel = (long)n;
		if (sel < 0 && p->outline.q[i].start >= top)
			sel = (long)n;
		ql->index[n++] = (long)i;
	}
	menu_open(p, "Quotes", key_quote_list_item, ql, n, sel < 0 ? 0 : sel,
	    mark, key_quote_list_done);
}

/* / and ?: the search prompt. */
static void
key_search(struct pager *p, long arg, long count)
{
	prompt_open(p, (int)arg);
}

/* n and N: the count'th next match in the search's direction, or against
 * it. */
static void
key_next_match(struct pager *p, long arg, long count)
{
	struct draw_progress	dp;

	draw_progress_start(&dp, p, "Searching");
	pager_search(p, (int)arg, count, draw_progress, &dp);
}

static void	key_run(struct pager *, const struct key_binding *, long);

/* The help list closed: Enter on an entry runs its command. */
static void
key_help_done(struct pager *p, void *arg, long pick)
{
	if (pick >= 0)
		key_run(p, &key_table[pick], 0);
}

/* h, H, F1: the keys, from this very table. */
static void
key_help(struct pager *p, long arg, long count)
{
	const struct key_binding	*kb;
	char				**items, names[128];
	size_t				  n = 0, i;

	for (kb = key_table; kb->fn != NULL; kb++)
		n++;
	items = xreallocarray(NULL, n, sizeof *items);
	for (i = 0; i < n; i++) {
		key_labels(&key_table[i], names, sizeof names);
		xasprintf(&items[i], "%-24s %s", names, key_table[i].help);
	}
	menu_open_list(p, "Keys (Enter runs one, Esc closes; see lede(1))",
	    items, n, 0, -1, key_help_done);
}

/* Reading time in words: minutes, or hours and minutes. */
static void
key_reading_time(size_t minutes, char *buf, size_t size)
{
	if (minutes < 60)
		snprintf(buf, size, "about %zu minute%s", minutes,
		    minutes == 1 ? "" : "s");
	else if (minutes % 60 == 0)
		snprintf(buf, size, "about %zu hour%s", minutes / 60,
		    minutes / 60 == 1 ? "" : "s");
	else
		snprintf(buf, size, "about %zu h %zu min", minutes / 60,
		    minutes % 60);
}

/* =: what the file is and where the reader is. */
static void
key_info(struct pager *p, long arg, long count)
{
	char		**items, title[256], reading[64];
	size_t		  n = 0, i, words, cjk, f[3][2], minutes;
	struct block	  b;

	items = xreallocarray(NULL, 16, sizeof *items);
	xasprintf(&items[n++], "File:     %s", p->src->name);
	xasprintf(&items[n++], "Format:   %s", p->doc.fmt->name);
	if (p->doc.title != NULL)
		xasprintf(&items[n++], "Title:    %s", p->doc.title);
	if (block_first(&p->doc, &b) && (parse_field_value(&p->doc, &b,
	    "Author", &f[0][0], &f[0][1]) || parse_field_value(&p->doc, &b,
	    "From", &f[0][0], &f[0][1])))
		xasprintf(&items[n++], "Author:   %.*s", (int)(f[0][1] -
		    f[0][0]), (const char *)p->doc.data + f[0][0]);
	if (block_first(&p->doc, &b) && parse_header(&p->doc, &b, f)) {
		const char	*what[3] = { "Date:     ", "Source:   ",
		    "Dateline: " };

		for (i = 0; i < 3; i++)
			xasprintf(&items[n++], "%s%.*s", what[i],
			    (int)(f[i][1] - f[i][0]),
			    (const char *)p->doc.data + f[i][0]);
	}
	xasprintf(&items[n++], "Size:     %zu bytes", p->doc.len);
	outline_words(&p->doc, &words, &cjk);
	if (cjk > 0)
		xasprintf(&items[n++], "Words:    %zu, and %zu CJK characters",
		    words, cjk);
	else
		xasprintf(&items[n++], "Words:    %zu", words);
	minutes = (words + 229) / 230 + (cjk + 499) / 500;
	key_reading_time(minutes, reading, sizeof reading);
	xasprintf(&items[n++], "Reading:  %s", reading);
	draw_section_title(p, title, sizeof title);
	xasprintf(&items[n++], "Section:  %s", title[0] ? title : "(none)");
	outline_step(&p->outline, &p->doc, 0);
	xasprintf(&items[n++], "Sections: %zu; quotes: %zu", p->outline.n,
	    p->outline.nq);
	xasprintf(&items[n++], "Position: %d%%", view_percent(p->view));
	menu_open_list(p, "File", items, n, 0, -1, NULL);
}

static void
key_redraw(struct pager *p, long arg, long count)
{
	term_redraw();
}

/* m and a letter: mark the top row. */
static void
key_mark_done(struct pager *p, int c)
{
	struct pager_file	*f = &p->files[p->cur];
	int			 i;

	if ((i = position_mark_index(c)) < 0) {
		if (c != K_ESC && c != CTRL('c') && c != CTRL('g'))
			pager_message(p, "a mark is a letter");
		return;
	}
	f->pos.marks[i] = doc_to_src(&p->doc, view_top_offset(p->view));
	f->pos.markset |= (uint64_t)1 << i;
	pager_message(p, "mark %c set", c);
}

static void
key_mark(struct pager *p, long arg, long count)
{
	ask_open(p, "mark: ", key_mark_done);
}

/* ' and a letter: go to the mark; '' back to before the last jump. */
static void
key_goto_mark_done(struct pager *p, int c)
{
	struct pager_file	*f = &p->files[p->cur];
	size_t			 top = view_top_offset(p->view), to;
	int			 i;

	if (c == '\'') {
		if (!f->have_last) {
			pager_message(p, "no earlier position");
			return;
		}
		to = f->last;
	} else if ((i = position_mark_index(c)) >= 0 &&
	    (f->pos.markset & ((uint64_t)1 << i)))
		to = doc_from_src(&p->doc, f->pos.marks[i]);
	else {
		if (i >= 0)
			pager_message(p, "mark %c is not set", c);
		return;
	}
	view_goto_offset(p->view, to);
	pager_jumped(p, top);
}

static void
key_goto_mark(struct pager *p, long arg, long count)
{
	ask_open(p, "goto mark: ", key_goto_mark_done);
}

/* : then n or p: the next or previous file. */
static void
key_file_done(struct pager *p, int c)
{
	if (c == 'n')
		pager_switch(p, 1);
	else if (c == 'p')
		pager_switch(p, -1);
	else if (c == 'q')
		p->quit = 1;
	else if (c != K_ESC && c != CTRL('c') && c != CTRL('g'))
		pager_message(p, ":n, :p or :q");
}

static void
key_file(struct pager *p, long arg, long count)
{
	ask_open(p, ":", key_file_done);
}

const struct key_binding key_table[] = {
	{ { 'j', K_DOWN, '\r', '\n', CTRL('N'), CTRL('E') }, NULL,
	  key_scroll, 1, "forward one row", KB_MOVE | KB_NEAR },
	{ { 'k', K_UP, CTRL('P'), CTRL('Y'), 0 }, NULL,
	  key_scroll, -1, "back one row", KB_MOVE | KB_NEAR },
	{ { ' ', 'f', K_PGDN, CTRL('F'), CTRL('V'), 0 }, NULL,
	  key_scroll, SCREEN, "forward one screen", KB_MOVE | KB_NEAR },
	{ { 'b', K_PGUP, CTRL('B'), 0 }, NULL,
	  key_scroll, -SCREEN, "back one screen", KB_MOVE | KB_NEAR },
	{ { 'd', CTRL('D'), 0 }, NULL,
	  key_scroll, HALF, "forward half a screen", KB_MOVE | KB_NEAR },
	{ { 'u', CTRL('U'), 0 }, NULL,
	  key_scroll, -HALF, "back half a screen", KB_MOVE | KB_NEAR },
	{ { 'g', '<', K_HOME, 0 }, NULL,
	  key_top, 0, "go to the beginning (with a number: to that line)",
	  0 },
	{ { 'G', '>', K_END, 0 }, NULL,
	  key_top, 1, "go to the end (with a number: to that line)", 0 },
	{ { '%', 'p', 0 }, NULL,
	  key_percent, 0, "go that many percent into the file (50%)", 0 },
	{ { 'F', 0 }, NULL,
	  key_follow, 0, "follow: stay at the end as the file grows", 0 },
	{ { '+', 0 }, NULL,
	  key_measure, 2, "widen the text column", KB_MOVE | KB_NEAR },
	{ { '-', 0 }, NULL,
	  key_measure, -2, "narrow the text column", KB_MOVE | KB_NEAR },
	{ { 'J', 0 }, NULL,
	  key_justify, 0, "justify on or off", KB_MOVE | KB_NEAR },
	{ { 'Y', 0 }, NULL,
	  key_hyphenate, 0, "hyphenation on or off", KB_MOVE | KB_NEAR },
	{ { 'S', 0 }, NULL,
	  key_chop, 0, "lines as they are, chopped, or set (-S)", 0 },
	{ { K_RIGHT, 0 }, NULL,
	  key_hscroll, 1, "with -S: right half a screen", 0 },
	{ { K_LEFT, 0 }, NULL,
	  key_hscroll, -1, "with -S: left half a screen", 0 },
	{ { '/', 0 }, NULL,
	  key_search, 1, "search forward (Ctrl-R: regular expression)", 0 },
	{ { '?', 0 }, NULL,
	  key_search, -1, "search backward", 0 },
	{ { 'n', 0 }, NULL,
	  key_next_match, 1, "next match", 0 },
	{ { 'N', 0 }, NULL,
	  key_next_match, -1, "previous match", 0 },
	{ { ']', 0 }, NULL,
	  key_section, 1, "next section: its heading to the top", 0 },
	{ { '[', 0 }, NULL,
	  key_section, -1, "previous section", 0 },
	{ { 't', 0 }, NULL,
	  key_toc, 0, "table of contents", 0 },
	{ { '\t', 0 }, NULL,
	  key_quote, 1, "next quote", 0 },
	{ { K_BTAB, 0 }, NULL,
	  key_quote, -1, "previous quote", 0 },
	{ { '"', 0 }, NULL,
	  key_quote_list, 0, "list of quotes and who said them", 0 },
	{ { 'L', 0 }, NULL,
	  key_links, 0, "list of links (of a page, a post, or -R's OSC 8)", 0 },
	{ { 'W', 0 }, NULL,
	  key_page, 0, "a web page's article, or the page whole (--full)",
	  0 },
	{ { 'm', 0 }, NULL,
	  key_mark, 0, "set a mark (m, then a letter)", 0 },
	{ { '\'', 0 }, NULL,
	  key_goto_mark, 0, "go to a mark ('' goes back)", KB_MOVE },
	{ { ':', 0 }, ":n, :p, :q",
	  key_file, 0, "next or previous file; quit", 0 },
	{ { '=', CTRL('G'), 0 }, NULL,
	  key_info, 0, "file information and reading time", 0 },
	{ { 'h', 'H', K_F(1), 0 }, NULL,
	  key_help, 0, "this help", 0 },
	{ { 'r', CTRL('L'), CTRL('R'), 0 }, NULL,
	  key_redraw, 0, "redraw the screen", 0 },
	{ { 'q', 'Q', 0 }, NULL,
	  key_quit, 0, "quit", 0 },
	{ { 0 }, NULL, NULL, 0, NULL, 0 }
};

/* The name of a key, as help and lede.1 write it. */
void
key_label(int key, char *buf, size_t size)
{
	static const struct {
		int		 key;
		const char	*name;
	} names[] = {
		{ K_UP, "Up" }, { K_DOWN, "Down" }, { K_LEFT, "Left" },
		{ K_RIGHT, "Right" }, { K_HOME, "Home" }, { K_END, "End" },
		{ K_PGUP, "PgUp" }, { K_PGDN, "PgDn" },
		{ K_BTAB, "Shift-Tab" }, { K_ENTER, "Enter" },
		{ K_BACKSPACE, "Backspace" }, { K_DEL, "Delete" },
		{ '\r', "Enter" }, { '\t', "Tab" }, { ' ', "Space" },
		{ K_ESC, "Esc" }, { 0x7f, "Backspace" },
	};
	size_t	i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].key == key) {
			snprintf(buf, size, "%s", names[i].name);
			return;
		}
	if ((key & ~0xff) == K_F(0))
		snprintf(buf, size, "F%d", key & 0xff);
	else if (key >= 0 && key < 0x20)
		snprintf(buf, size, "Ctrl-%c", key + '@');
	else
		snprintf(buf, size, "%c", key);
}

/* The names of a binding's keys, as help and lede.1 list them. */
void
key_labels(const struct key_binding *kb, char *buf, size_t size)
{
	char	name[32];
	size_t	i, n = 0;

	if (kb->names != NULL) {
		snprintf(buf, size, "%s", kb->names);
		return;
	}
	buf[0] = '\0';
	for (i = 0; i < sizeof kb->keys / sizeof kb->keys[0] &&
	    kb->keys[i] != 0; i++) {
		key_label(kb->keys[i], name, sizeof name);
		n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s%s",
		    i > 0 ? ", " : "", name);
	}
}

/* The binding of a key, or NULL. */
const struct key_binding *
key_lookup(int key)
{
	const struct key_binding	*kb;
	size_t				 i;

	for (kb = key_table; kb->fn != NULL; kb++)
		for (i = 0; i < sizeof kb->keys / sizeof kb->keys[0] &&
		    kb->keys[i] != 0; i++)
			if (kb->keys[i] == key)
				return kb;
	return NULL;
}

/*
 * Run a binding with a count. A command that moves the view other than
 * by rows is a jump: '' goes back.
 */
static void
key_run(struct pager *p, const struct key_binding *kb, long count)
{
	size_t	top, cur = p->cur, from, to;

	/* A document made a piece at a time: what the key needs of it. */
	if (p->doc.pending && (!(kb->flags & KB_NEAR) || count > 1))
		pager_finish(p);
	else if (p->doc.pending) {
		view_visible(p->view, &from, &to);
		while (p->doc.pending && p->doc.len - to < KEY_AHEAD)
			pager_step(p);
	}
	top = view_top_offset(p->view);

	kb->fn(p, kb->arg, count);
	if (p->cur == cur && !(kb->flags & KB_MOVE) && p->view != NULL &&
	    view_top_offset(p->view) != top)
		pager_jumped(p, top);
}

/*
 * A key for the page: a digit adds to the count, anything else runs with
 * it. Returns 0 if the key is not bound (the caller beeps).
 */
int
key_dispatch(struct pager *p, int key)
{
	const struct key_binding	*kb;
	long				 count = p->count;

	if (key >= '0' && key <= '9') {
		if (p->count < 100000000L)
			p->count = p->count * 10 + (key - '0');
		return 1;
	}
	p->count = 0;
	if (key == K_ESC || key == CTRL('c'))
		return 1;	/* drops a count; nothing else */
	if ((kb = key_lookup(key)) == NULL)
		return 0;
	key_run(p, kb, count);
	return 1;
}

/* A mouse event on the page (--mouse): the wheel scrolls three rows. */
void
key_click(struct pager *p, int y, int x, int button)
{
	if (button == MOUSE_WHEEL_UP)
		view_scroll(p->view, -3);
	else if (button == MOUSE_WHEEL_DOWN)
		view_scroll(p->view, 3);
}
