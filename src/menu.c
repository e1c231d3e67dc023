/*
 * menu.c: lists over the page (contents, quotes, help, file information).
 *
 * A list is a mode: while it is open, the loop gives it the keys. It is
 * drawn in a box over the page; the selection moves with j, k, the arrows,
 * PgUp, PgDn, g, G or typed digits (an entry's number); Enter or a click
 * picks, Esc, q or Ctrl-C closes. Either way menu_key() tells the loop,
 * which calls the done function of whoever opened the list. Items are
 * made on demand by a callback, so a list of 270,000 quotes costs the
 * rows it shows.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"
#include "ui.h"

struct menu {
	char		*title;
	menu_item_fn	 item;
	void		*arg;
	char		**list;		/* menu_open_list's items, owned */
	size_t		 n;
	long		 sel;
	long		 top;
	long		 mark;		/* drawn with a '>', or -1 */
	long		 num;		/* the digits typed so far */
	int		 maxw;		/* the widest item, measured ... */
	int		 mcols;		/* ... for a terminal this wide */
	menu_done_fn	 done;
	int		 y0, x0, h, w;	/* the box last drawn */
};

static void	menu_geometry(struct menu *);

/*
 * The widest of the first items of a list, as far as it matters: the
 * measuring stops at an item that makes the box as wide as the terminal
 * allows (or after MENU_MEASURE items, when the box is taken to be that
 * wide), so that a list of a quarter of a million quotes opens at once.
 */
#define MENU_MEASURE	1000
static int
menu_width(struct menu *m, int cols)
{
	char	*s;
	size_t	 i;
	int	 maxw = 0, w;

	for (i = 0; i < m->n; i++) {
		if (i == MENU_MEASURE || maxw + 6 >= cols - 2)
			return cols;
		s = m->item(m->arg, i);
		if ((w = width_string(s)) > maxw)
			maxw = w;
		free(s);
	}
	return maxw;
}

/*
 * Open a list: item(arg, i) returns item i allocated (it is freed here),
 * sel is selected first, mark (or -1) is drawn with a '>' (the current
 * one). When the list closes, the loop calls done(pg, arg, pick).
 */
void
menu_open(struct pager *pg, const char *title, menu_item_fn item, void *arg,
    size_t n, long sel, long mark, menu_done_fn done)
{
	struct menu	*m = xcalloc(1, sizeof *m);

	m->title = xstrdup(title);
	m->item = item;
	m->arg = arg;
	m->n = n;
	m->sel = sel;
	m->mark = mark;
	m->mcols = -1;
	m->done = done;
	pg->menu = m;
	pg->mode = MODE_MENU;
}

/* The items of a list given as an array. */
static char *
menu_list_item(void *arg, size_t i)
{
	struct menu	*m = arg;

	return xstrdup(m->list[i]);
}

/* Open a list of items made already; the list takes them. */
void
menu_open_list(struct pager *pg, const char *title, char **items, size_t n,
    long sel, long mark, menu_done_fn done)
{
	menu_open(pg, title, menu_list_item, NULL, n, sel, mark, done);
	pg->menu->arg = pg->menu;
	pg->menu->list = items;
}

/* Close the list: what the loop needs to call its done function. */
static int
menu_end(struct pager *pg, long pick, struct menu_result *r)
{
	struct menu	*m = pg->menu;
	size_t		 i;

	r->done = m->done;
	r->arg = m->list != NULL ? NULL : m->arg;
	r->pick = pick;
	for (i = 0; m->list != NULL && i < m->n; i++)
		free(m->list[i]);
	free(m->list);
	free(m->title);
	free(m);
	pg->menu = NULL;
	pg->mode = MODE_PAGE;
	return 1;
}

/* A mouse event in the list: the wheel moves, a click on an item picks. */
static int
menu_mouse(struct pager *pg, struct menu_result *r)
{
	struct menu	*m = pg->menu;
	int		 y, x, b;

	term_mouse(&y, &x, &b);
	if (b == MOUSE_WHEEL_UP)
		m->sel -= 3;
	else if (b == MOUSE_WHEEL_DOWN)
		m->sel += 3;
	else if (b == MOUSE_CLICK && y > m->y0 && y < m->y0 + m->h - 1 &&
	    x >= m->x0 && x < m->x0 + m->w && m->top + y - m->y0 - 1 <
	    (long)m->n)
		return menu_end(pg, m->top + y - m->y0 - 1, r);
	return 0;
}

/*
 * A key for the open list. Returns 1 if the list closed, with *r saying
 * how; 0 if it stays open.
 */
int
menu_key(struct pager *pg, int key, struct menu_result *r)
{
	struct menu	*m = pg->menu;
	long		 page;

	menu_geometry(m);
	page = m->h > 2 ? m->h - 2 : 1;
	if (key >= '0' && key <= '9') {
		m->num = m->num * 10 + (key - '0');
		if (m->num >= 1 && m->num <= (long)m->n)
			m->sel = m->num - 1;
		else
			m->num = key - '0';
		return 0;
	}
	m->num = 0;
	switch (key) {
	case 'j':
	case K_DOWN:
	case CTRL('n'):
		m->sel++;
		break;
	case 'k':
	case K_UP:
	case CTRL('p'):
		m->sel--;
		break;
	case ' ':
	case K_PGDN:
	case CTRL('f'):
		m->sel += page;
		break;
	case 'b':
	case K_PGUP:
	case CTRL('b'):
		m->sel -= page;
		break;
	case 'g':
	case K_HOME:
		m->sel = 0;
		break;
	case 'G':
	case K_END:
		m->sel = (long)m->n - 1;
		break;
	case '\r':
	case '\n':
	case K_ENTER:
		return menu_end(pg, m->sel, r);
	case K_MOUSE:
		return menu_mouse(pg, r);
	case K_ESC:
	case 'q':
	case CTRL('c'):
	case CTRL('g'):
		return menu_end(pg, -1, r);
	default:
		break;
	}
	menu_geometry(m);
	return 0;
}

/* Where the box goes in the terminal, and the rows it shows. */
static void
menu_geometry(struct menu *m)
{
	int	lines = term_lines(), cols = term_cols(), w, h;

	if (m->mcols != cols) {
		m->mcols = cols;
		m->maxw = menu_width(m, cols);
	}
	w = m->maxw + 6;
	if (w < width_string(m->title) + 6)
		w = width_string(m->title) + 6;
	if (w > cols - 2)
		w = cols - 2;
	h = m->n + 2 > (size_t)lines ? lines : (int)m->n + 2;
	if (h > lines - 2)
		h = lines - 2;
	m->h = h;
	m->w = w;
	m->y0 = (lines - 1 - h) / 2;
	m->x0 = (cols - w) / 2;
	if (m->sel >= (long)m->n)
		m->sel = (long)m->n - 1;
	if (m->sel < 0)
		m->sel = 0;
	if (m->sel < m->top)
		m->top = m->sel;
	if (h > 2 && m->sel >= m->top + h - 2)
		m->top = m->sel - (h - 3);
}

/* Draw the open list over the page. */
void
menu_draw(struct pager *pg)
{
	struct menu	*m = pg->menu;
	char		*s;
	int		 i, y;

	menu_geometry(m);
	if (m->w < 4 || m->h < 3)
		return;		/* no room: the keys still work */
	term_box(m->y0, m->x0, m->h, m->w);
	term_text(m->y0, m->x0 + 2, m->title, m->w - 4, STYLE_HEADING);
	for (i = 0; i < m->h - 2 && m->top + i < (long)m->n; i++) {
		y = m->y0 + 1 + i;
		if (m->top + i == m->sel)
			term_fill(y, m->x0 + 1, m->w - 2, STYLE_SELECTED);
		if (m->top + i == m->mark)
			term_ascii(y, m->x0 + 1, ">", 1, STYLE_HEADING);
		s = m->item(m->arg, (size_t)(m->top + i));
		draw_visual(s);		/* right to left: display order */
		term_text(y, m->x0 + 3, s, m->w - 5, m->top + i == m->sel ?
		    STYLE_SELECTED : STYLE_TEXT);
		free(s);
	}
}
