/*
 * menu.c: lists over the page (contents, quotes, help, file information).
 *
 * A list is drawn in a box over the text; the selection moves with j, k,
 * the arrows, PgUp, PgDn, g, G or typed digits (an entry's number), Enter
 * or a click picks, Esc, q or Ctrl-C closes. Items are made on demand by
 * a callback, so a list of 270,000 quotes costs the rows it shows.
 */

#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unigbrk.h>
#include <unistr.h>

#include "lede.h"
#include "screen.h"

/* The items of a list given as an array. */
static char *
screen_menu_item(void *arg, size_t i)
{
	return xstrdup(((char **)arg)[i]);
}

/*
 * A list over the page: items, a selection moved by j/k, arrows, PgUp,
 * PgDn, g, G, typed digits (the item's number) or the mouse wheel; Enter
 * or a click picks, Esc or q closes. mark (or -1) is drawn with a '>' (the current one). Returns the
 * picked index or -1.
 */
int
screen_menu(struct pager *pg, const char *title, char **items, size_t n,
    int sel, int mark)
{
	return screen_menu_cb(pg, title, screen_menu_item, items, n, sel,
	    mark);
}

/*
 * The widest of the first items of a list, as far as it matters: the
 * measuring stops at an item that makes the box as wide as the terminal
 * allows (or after MENU_MEASURE items, when the box is taken to be that
 * wide), so that a list of a quarter of a million quotes opens at once.
 */
#define MENU_MEASURE	1000
static int
screen_menu_width(char *(*item)(void *, size_t), void *arg, size_t n,
    int cols)
{
	char	*s;
	size_t	 i;
	int	 maxw = 0, w;

	for (i = 0; i < n; i++) {
		if (i == MENU_MEASURE || maxw + 6 >= cols - 2)
			return cols;
		s = item(arg, i);
		if ((w = width_string(s)) > maxw)
			maxw = w;
		free(s);
	}
	return maxw;
}

/*
 * screen_menu with the items made one at a time, when they are drawn:
 * item(arg, i) returns item i allocated, and it is freed here.
 */
int
screen_menu_cb(struct pager *pg, const char *title,
    char *(*item)(void *, size_t), void *arg, size_t n, int sel, int mark)
{
	int	key, w, h, y0, x0, i, top = 0, num = 0, maxw = 0, mcols = -1;
	char	*s;
	attr_t	attr;
	short	pair;

	if (n == 0)
		return -1;
	for (;;) {
		if (mcols != COLS) {
			mcols = COLS;
			maxw = screen_menu_width(item, arg, n, mcols);
		}
		w = maxw + 6;
		if (w < width_string(title) + 6)
			w = width_string(title) + 6;
		if (w > COLS - 2)
			w = COLS - 2;
		h = (int)n + 2;
		if (h > LINES - 2)
			h = LINES - 2;
		if (w < 4 || h < 3)
			return -1;
		y0 = (LINES - 1 - h) / 2;
		x0 = (COLS - w) / 2;
		if (sel < 0)
			sel = 0;
		if (sel >= (int)n)
			sel = (int)n - 1;
		if (sel < top)
			top = sel;
		if (sel >= top + h - 2)
			top = sel - (h - 3);
		screen_draw(pg);
		style_get(STYLE_TEXT, &attr, &pair);
		for (i = 0; i < h; i++) {
			move(y0 + i, x0);
			hline(' ', w);
		}
		mvaddch(y0, x0, ACS_ULCORNER);
		mvhline(y0, x0 + 1, ACS_HLINE, w - 2);
		mvaddch(y0, x0 + w - 1, ACS_URCORNER);
		mvvline(y0 + 1, x0, ACS_VLINE, h - 2);
		mvvline(y0 + 1, x0 + w - 1, ACS_VLINE, h - 2);
		mvaddch(y0 + h - 1, x0, ACS_LLCORNER);
		mvhline(y0 + h - 1, x0 + 1, ACS_HLINE, w - 2);
		mvaddch(y0 + h - 1, x0 + w - 1, ACS_LRCORNER);
		screen_text(y0, x0 + 2, title, w - 4, STYLE_HEADING);
		for (i = 0; i < h - 2 && top + i < (int)n; i++) {
			if (top + i == sel) {
				attr_set(A_REVERSE, 0, NULL);
				move(y0 + 1 + i, x0 + 1);
				hline(' ', w - 2);
				attr_set(A_NORMAL, 0, NULL);
			}
			if (top + i == mark)
				screen_ascii(y0 + 1 + i, x0 + 1, ">", 1,
				    STYLE_HEADING);
			s = item(arg, (size_t)(top + i));
			screen_text(y0 + 1 + i, x0 + 3, s, w - 5,
			    top + i == sel ? STYLE_SELECTED : STYLE_TEXT);
			free(s);
		}
		refresh();
		key = screen_key();
		if (key == (KEY_MOUSE | KEY_FUNC)) {
			MEVENT	ev;

			if (getmouse(&ev) != OK)
				continue;
			if (ev.bstate & BUTTON4_PRESSED)
				sel -= 3;
			else if (ev.bstate & BUTTON5_PRESSED)
				sel += 3;
			else if ((ev.bstate & (BUTTON1_PRESSED |
			    BUTTON1_CLICKED)) && ev.y > y0 &&
			    ev.y < y0 + h - 1 && ev.x >= x0 &&
			    ev.x < x0 + w && top + ev.y - y0 - 1 < (int)n)
				return top + ev.y - y0 - 1;
			continue;
		}
		if (key >= '0' && key <= '9') {
			num = num * 10 + (key - '0');
			if (num >= 1 && num <= (int)n)
				sel = num - 1;
			else
				num = key - '0';
			continue;
		}
		num = 0;
		switch (key) {
		case 'j':
		case KEY_DOWN | KEY_FUNC:
		case 'n' & 0x1f:
			sel++;
			break;
		case 'k':
		case KEY_UP | KEY_FUNC:
		case 'p' & 0x1f:
			sel--;
			break;
		case ' ':
		case KEY_NPAGE | KEY_FUNC:
			sel += h - 2;
			break;
		case 'b':
		case KEY_PPAGE | KEY_FUNC:
			sel -= h - 2;
			break;
		case 'g':
		case KEY_HOME | KEY_FUNC:
			sel = 0;
			break;
		case 'G':
		case KEY_END | KEY_FUNC:
			sel = (int)n - 1;
			break;
		case '\r':
		case '\n':
		case KEY_ENTER | KEY_FUNC:
			return sel;
		case KEY_RESIZE | KEY_FUNC:
			screen_fit(pg);
			break;
		case 27:
		case 'q':
		case 'c' & 0x1f:
		case -1:
			return -1;
		default:
			break;
		}
	}
}

