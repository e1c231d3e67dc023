/*
 * keys.c: the key table.
 *
 * One table names every key, the function it runs and its help line; the
 * dispatcher, the help screen and the test that compares lede.1's KEYS
 * section with the program all read it. Keys are characters, or curses
 * KEY_* codes or'd with KEY_FUNC.
 */

#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"

#define F(k)	((k) | KEY_FUNC)
#define CTRL(c)	((c) & 0x1f)

/* The width of the text column for a terminal of cols columns. */
int
pager_measure(const struct pager *p, int cols)
{
	if (p->measure > 0 && p->measure < cols)
		return p->measure;
	return cols;
}

/* Scroll by arg rows; arg is a multiple of SCREEN or HALF if so marked. */
#define SCREEN	1000000L
#define HALF	2000000L

static void
key_scroll(struct pager *p, long arg)
{
	long	h = view_height(p->view);

	if (arg == SCREEN || arg == -SCREEN)
		arg = arg > 0 ? h : -h;
	else if (arg == HALF || arg == -HALF)
		arg = arg > 0 ? (h + 1) / 2 : -(h + 1) / 2;
	view_scroll(p->view, arg);
}

static void
key_top(struct pager *p, long arg)
{
	view_top(p->view);
}

static void
key_bottom(struct pager *p, long arg)
{
	view_bottom(p->view);
}

static void
key_quit(struct pager *p, long arg)
{
	p->quit = 1;
}

/* Widen (arg > 0) or narrow the text column by arg columns. */
static void
key_measure(struct pager *p, long arg)
{
	int	cur = pager_measure(p, p->cols);

	cur += (int)arg;
	if (cur < 10)
		cur = 10;
	if (cur >= p->cols) {
		p->measure = 0;
		snprintf(p->message, sizeof p->message, "width: %d (full)",
		    p->cols);
	} else {
		p->measure = cur;
		snprintf(p->message, sizeof p->message, "width: %d", cur);
	}
	p->refit = 1;
}

static void
key_justify(struct pager *p, long arg)
{
	p->justify = !p->justify;
	snprintf(p->message, sizeof p->message, "justify: %s",
	    p->justify ? "on" : "off");
	p->refit = 1;
}

/* Put the heading of section i on the top row. */
static void
key_goto_section(struct pager *p, int i)
{
	view_goto_offset(p->view, p->outline.v[i].start);
}

/* ] and [: the next or previous section's heading to the top row. */
static void
key_section(struct pager *p, long arg)
{
	size_t	top;
	int	i;

	outline_step(&p->outline, p->src, 0);
	if (p->outline.n == 0) {
		snprintf(p->message, sizeof p->message, "no sections");
		return;
	}
	top = view_top_offset(p->view);
	i = outline_find(&p->outline, top);
	if (arg > 0) {
		i++;
		if (i >= (int)p->outline.n) {
			snprintf(p->message, sizeof p->message,
			    "no next section");
			return;
		}
	} else {
		/* Within a section, [ goes back to its own heading first. */
		if (i >= 0 && top <= p->outline.v[i].title)
			i--;
		if (i < 0) {
			snprintf(p->message, sizeof p->message,
			    "no previous section");
			return;
		}
	}
	key_goto_section(p, i);
}

/* t: the table of contents. */
static void
key_toc(struct pager *p, long arg)
{
	char	**items;
	char	 title[256];
	size_t	 i, n;
	int	 cur, pick;

	outline_step(&p->outline, p->src, 0);
	n = p->outline.n;
	if (n == 0) {
		snprintf(p->message, sizeof p->message, "no sections");
		return;
	}
	items = xreallocarray(NULL, n, sizeof *items);
	for (i = 0; i < n; i++) {
		const struct section	*sec = &p->outline.v[i];

		source_copy(p->src, sec->title, sec->title_end, title,
		    sizeof title);
		xasprintf(&items[i], "%zu  %s", i + 1, title);
	}
	cur = outline_find(&p->outline, view_top_offset(p->view));
	pick = screen_menu(p, "Contents", items, n, cur < 0 ? 0 : cur, cur);
	for (i = 0; i < n; i++)
		free(items[i]);
	free(items);
	if (pick >= 0)
		key_goto_section(p, pick);
}

/*
 * Make sure the outline has quotes past index i (or is complete).
 */
static void
key_quotes_past(struct pager *p, size_t i)
{
	while (!p->outline.done && p->outline.nq <= i + 1)
		outline_step(&p->outline, p->src, 1 << 20);
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

/* Tab and Shift-Tab: the next or previous outermost quote. */
static void
key_quote(struct pager *p, long arg)
{
	size_t	top = view_top_offset(p->view), from, to;
	long	i = p->quote;

	key_quotes_past(p, 0);
	if (i < 0 || (size_t)i >= p->outline.nq) {
		/* Nothing current: start from what is on the screen. */
		view_visible(p->view, &from, &to);
		if (arg > 0) {
			for (i = 0;; i++) {
				key_quotes_past(p, (size_t)i);
				if ((size_t)i >= p->outline.nq ||
				    (p->outline.q[i].start >= top &&
				    p->outline.q[i].depth == 0))
					break;
			}
		} else {
			outline_step(&p->outline, p->src, 0);
			for (i = (long)p->outline.nq - 1; i >= 0; i--)
				if (p->outline.q[i].start < to &&
				    p->outline.q[i].depth == 0)
					break;
		}
	} else if (arg > 0) {
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
	if (i < 0 || (size_t)i >= p->outline.nq) {
		snprintf(p->message, sizeof p->message, "no %s quote",
		    arg > 0 ? "next" : "previous");
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
	int	 term = 0, space = 0;

	if (n > 400)
		n = source_cut(p->src, q->start, 400);
	text = xmalloc(n + 1);
	for (i = 0; i < n; i++) {
		uint8_t	c = p->src->data[q->start + i];

		/* Line breaks and runs of blanks read as one space. */
		if (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
			space = 1;
			continue;
		}
		if (space && k > 0)
			text[k++] = ' ';
		space = 0;
		text[k++] = (char)c;
	}
	text[k] = '\0';
	who = quote_speaker(p->src, q, &term);
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

/* ": the list of quotes with their speakers. */
static void
key_quote_list(struct pager *p, long arg)
{
	struct quote_list	 ql;
	size_t			 i, n = 0, top = view_top_offset(p->view);
	int			 sel = -1, mark = -1, pick;

	outline_step(&p->outline, p->src, 0);
	if (p->outline.nq == 0) {
		snprintf(p->message, sizeof p->message, "no quotes");
		return;
	}
	ql.p = p;
	ql.index = xreallocarray(NULL, p->outline.nq, sizeof *ql.index);
	for (i = 0; i < p->outline.nq; i++) {
		if (p->outline.q[i].depth > 0)
			continue;
		if ((long)i == p->quote)
			mark = sel = (int)n;
		if (sel < 0 && p->outline.q[i].start >= top)
			sel = (int)n;
		ql.index[n++] = (long)i;
	}
	pick = screen_menu_cb(p, "Quotes", key_quote_list_item, &ql, n,
	    sel < 0 ? 0 : sel, mark);
	if (pick >= 0)
		key_show_quote(p, ql.index[pick]);
	free(ql.index);
}

/* / and ?: the search prompt. */
static void
key_search(struct pager *p, long arg)
{
	screen_prompt(p, (int)arg);
}

/* n and N: the next match in the search's direction, or against it. */
static void
key_next_match(struct pager *p, long arg)
{
	size_t	from, to, start;
	int	dir, r;

	if (p->find.s == NULL) {
		snprintf(p->message, sizeof p->message, "No previous search");
		return;
	}
	dir = p->find.dir * (int)arg;
	view_visible(p->view, &from, &to);
	if (p->find.have && p->find.ms >= from && p->find.ms < to)
		start = dir > 0 ? p->find.ms + 1 : p->find.ms;
	else
		start = dir > 0 ? from : to;
	r = find_go(&p->find, p->src, start, dir, screen_interrupted, NULL);
	if (r == -1) {
		snprintf(p->message, sizeof p->message, "Search interrupted");
		return;
	}
	if (r == 0) {
		snprintf(p->message, sizeof p->message, "Pattern not found: %s",
		    p->find.pattern);
		return;
	}
	if (r == 2)
		snprintf(p->message, sizeof p->message, "search wrapped to %s",
		    dir > 0 ? "top" : "bottom");
	screen_show_match(p);
}

/* h, H, F1: the keys, from this very table. */
static void
key_help(struct pager *p, long arg)
{
	const struct key_binding	*kb;
	char				**items;
	size_t				  n = 0, i;

	for (kb = key_table; kb->fn != NULL; kb++)
		n++;
	items = xreallocarray(NULL, n, sizeof *items);
	for (i = 0; i < n; i++)
		xasprintf(&items[i], "%-15s %s", key_table[i].names,
		    key_table[i].help);
	screen_menu(p, "Keys (Esc closes; see lede(1))", items, n, 0, -1);
	for (i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

/* =: what the file is and where the reader is. */
static void
key_info(struct pager *p, long arg)
{
	char		*items[12], title[256];
	size_t		 n = 0, i, words, cjk, f[3][2], minutes;
	struct block	 b;

	xasprintf(&items[n++], "File:     %s", p->src->name);
	if (block_first(p->src, &b) && parse_header(p->src, &b, f)) {
		const char	*what[3] = { "Date:     ", "Source:   ",
		    "Dateline: " };

		for (i = 0; i < 3; i++)
			xasprintf(&items[n++], "%s%.*s", what[i],
			    (int)(f[i][1] - f[i][0]),
			    (const char *)p->src->data + f[i][0]);
	}
	xasprintf(&items[n++], "Size:     %zu bytes", p->src->len);
	outline_words(p->src, &words, &cjk);
	if (cjk > 0)
		xasprintf(&items[n++], "Words:    %zu, and %zu CJK characters",
		    words, cjk);
	else
		xasprintf(&items[n++], "Words:    %zu", words);
	minutes = (words + 229) / 230 + (cjk + 499) / 500;
	xasprintf(&items[n++], "Reading:  about %zu minute%s", minutes,
	    minutes == 1 ? "" : "s");
	screen_section_title(p, title, sizeof title);
	xasprintf(&items[n++], "Section:  %s", title[0] ? title : "(none)");
	outline_step(&p->outline, p->src, 0);
	xasprintf(&items[n++], "Sections: %zu; quotes: %zu", p->outline.n,
	    p->outline.nq);
	xasprintf(&items[n++], "Position: %d%%", view_percent(p->view));
	screen_menu(p, "File", items, n, 0, -1);
	for (i = 0; i < n; i++)
		free(items[i]);
}

static void
key_redraw(struct pager *p, long arg)
{
	clearok(curscr, TRUE);
}

/* m and a letter: mark the top row. */
static void
key_mark(struct pager *p, long arg)
{
	struct pager_file	*f = &p->files[p->cur];
	int			 c, i;

	c = screen_ask(p, "mark: ");
	if ((i = position_mark_index(c)) < 0) {
		if (c != 27 && c != CTRL('C') && c != CTRL('G'))
			snprintf(p->message, sizeof p->message,
			    "a mark is a letter");
		return;
	}
	f->pos.marks[i] = view_top_offset(p->view);
	f->pos.markset |= (uint64_t)1 << i;
	snprintf(p->message, sizeof p->message, "mark %c set", c);
}

/* ' and a letter: go to the mark; '' back to before the last jump. */
static void
key_goto_mark(struct pager *p, long arg)
{
	struct pager_file	*f = &p->files[p->cur];
	size_t			 top = view_top_offset(p->view), to;
	int			 c, i;

	c = screen_ask(p, "goto mark: ");
	if (c == '\'') {
		if (!f->have_last) {
			snprintf(p->message, sizeof p->message,
			    "no earlier position");
			return;
		}
		to = f->last;
	} else if ((i = position_mark_index(c)) >= 0 &&
	    (f->pos.markset & ((uint64_t)1 << i)))
		to = f->pos.marks[i];
	else {
		if (i >= 0)
			snprintf(p->message, sizeof p->message,
			    "mark %c is not set", c);
		return;
	}
	view_goto_offset(p->view, to);
	pager_jumped(p, top);
}

/* : then n or p: the next or previous file. */
static void
key_file(struct pager *p, long arg)
{
	int	c;

	c = screen_ask(p, ":");
	if (c == 'n')
		pager_switch(p, 1);
	else if (c == 'p')
		pager_switch(p, -1);
	else if (c != 27 && c != CTRL('C') && c != CTRL('G'))
		snprintf(p->message, sizeof p->message, ":n or :p");
}

const struct key_binding key_table[] = {
	{ { 'j', F(KEY_DOWN), '\r', '\n', CTRL('N'), 0 },
	  "j, Down, Enter", key_scroll, 1, "forward one row" },
	{ { 'k', F(KEY_UP), CTRL('P'), CTRL('Y'), 0 },
	  "k, Up", key_scroll, -1, "back one row" },
	{ { ' ', 'f', F(KEY_NPAGE), CTRL('F'), CTRL('V'), 0 },
	  "Space, f, PgDn", key_scroll, SCREEN, "forward one screen" },
	{ { 'b', F(KEY_PPAGE), CTRL('B'), 0 },
	  "b, PgUp", key_scroll, -SCREEN, "back one screen" },
	{ { 'd', CTRL('D'), 0 },
	  "d", key_scroll, HALF, "forward half a screen" },
	{ { 'u', CTRL('U'), 0 },
	  "u", key_scroll, -HALF, "back half a screen" },
	{ { 'g', '<', F(KEY_HOME), 0 },
	  "g, <, Home", key_top, 0, "go to the beginning" },
	{ { 'G', '>', F(KEY_END), 0 },
	  "G, >, End", key_bottom, 0, "go to the end" },
	{ { '+', 0 },
	  "+", key_measure, 2, "widen the text column" },
	{ { '-', 0 },
	  "-", key_measure, -2, "narrow the text column" },
	{ { 'J', 0 },
	  "J", key_justify, 0, "justify on or off" },
	{ { '/', 0 },
	  "/", key_search, 1, "search forward (Ctrl-R: regular expression)" },
	{ { '?', 0 },
	  "?", key_search, -1, "search backward" },
	{ { 'n', 0 },
	  "n", key_next_match, 1, "next match" },
	{ { 'N', 0 },
	  "N", key_next_match, -1, "previous match" },
	{ { ']', 0 },
	  "]", key_section, 1, "next section: its heading to the top" },
	{ { '[', 0 },
	  "[", key_section, -1, "previous section" },
	{ { 't', 0 },
	  "t", key_toc, 0, "table of contents" },
	{ { '\t', 0 },
	  "Tab", key_quote, 1, "next quote" },
	{ { F(KEY_BTAB), 0 },
	  "Shift-Tab", key_quote, -1, "previous quote" },
	{ { '"', 0 },
	  "\"", key_quote_list, 0, "list of quotes and who said them" },
	{ { 'm', 0 },
	  "m", key_mark, 0, "set a mark (m, then a letter)" },
	{ { '\'', 0 },
	  "'", key_goto_mark, 0, "go to a mark ('' goes back)" },
	{ { ':', 0 },
	  ":n, :p", key_file, 0, "next or previous file" },
	{ { '=', CTRL('G'), 0 },
	  "=", key_info, 0, "file information and reading time" },
	{ { 'h', 'H', F(KEY_F(1)), 0 },
	  "h, H, F1", key_help, 0, "this help" },
	{ { 'r', CTRL('L'), 0 },
	  "r, Ctrl-L", key_redraw, 0, "redraw the screen" },
	{ { 'q', 'Q', 0 },
	  "q", key_quit, 0, "quit" },
	{ { 0 }, NULL, NULL, 0, NULL }
};

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
 * Run the binding of a key. Returns 0 if the key is not bound. A key that
 * moves the view other than by scrolling is a jump: '' goes back.
 */
int
key_dispatch(struct pager *p, int key)
{
	const struct key_binding	*kb;
	size_t				 top, cur = p->cur;

	if ((kb = key_lookup(key)) == NULL)
		return 0;
	top = view_top_offset(p->view);
	kb->fn(p, kb->arg);
	if (p->cur == cur && kb->fn != key_scroll && kb->fn != key_measure &&
	    kb->fn != key_justify && kb->fn != key_goto_mark &&
	    view_top_offset(p->view) != top)
		pager_jumped(p, top);
	return 1;
}
