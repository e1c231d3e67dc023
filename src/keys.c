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
		size_t			 len = sec->title_end - sec->title;

		if (len > sizeof title - 1)
			len = sizeof title - 1;
		memcpy(title, p->src->data + sec->title, len);
		title[len] = '\0';
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

static void
key_redraw(struct pager *p, long arg)
{
	clearok(curscr, TRUE);
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
	{ { ']', 0 },
	  "]", key_section, 1, "next section: its heading to the top" },
	{ { '[', 0 },
	  "[", key_section, -1, "previous section" },
	{ { 't', 0 },
	  "t", key_toc, 0, "table of contents" },
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

/* Run the binding of a key. Returns 0 if the key is not bound. */
int
key_dispatch(struct pager *p, int key)
{
	const struct key_binding	*kb;

	if ((kb = key_lookup(key)) == NULL)
		return 0;
	kb->fn(p, kb->arg);
	return 1;
}
