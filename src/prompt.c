/*
 * prompt.c: the search prompt on the status row, and showing a match.
 *
 * Each key searches again from where the prompt opened (find.c), moves
 * the view to the nearest match and highlights every match; a search
 * gives up when the next key is already waiting and runs again after it.
 * Enter keeps the search, Esc or Ctrl-C puts everything back.
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

/*
 * Scroll so that the current match is on the screen: where it is if it
 * is already shown, else its row near the top with two rows above it.
 */
void
screen_show_match(struct pager *pg)
{
	size_t	from, to;

	view_visible(pg->view, &from, &to);
	if (pg->find.ms >= from && pg->find.me <= to)
		return;
	view_goto_offset(pg->view, pg->find.ms);
	view_scroll(pg->view, view_height(pg->view) > 8 ? -2 : 0);
}

/* Byte offset of the grapheme before / after position pos of buf. */
static size_t
prompt_prev(const char *buf, size_t pos)
{
	const uint8_t	*p;

	if (pos == 0)
		return 0;
	p = u8_grapheme_prev((const uint8_t *)buf + pos, (const uint8_t *)buf);
	return p != NULL ? (size_t)((const char *)p - buf) : 0;
}

static size_t
prompt_next(const char *buf, size_t pos, size_t len)
{
	const uint8_t	*p;

	p = u8_grapheme_next((const uint8_t *)buf + pos,
	    (const uint8_t *)buf + len);
	return p != NULL ? (size_t)((const char *)p - buf) : len;
}

/* Remove [from, to) from the pattern; returns from (the new cursor). */
static size_t
prompt_cut(char *buf, size_t *len, size_t from, size_t to)
{
	memmove(buf + from, buf + to, *len - to + 1);
	*len -= to - from;
	return from;
}

/*
 * The search prompt on the status row: / (dir 1) or ? (dir -1). Each key
 * searches again from where the prompt opened, moves the view to the
 * nearest match and highlights every match; Enter keeps the search, Esc
 * or Ctrl-C puts everything back. Returns 1 if a search was kept.
 */
int
screen_prompt(struct pager *pg, int dir)
{
	char		 buf[1024], *why, *old, saved[1024];
	size_t		 len = 0, cur = 0, origin, oms = 0, ome = 0, i;
	size_t		 hist = pg->history.n;
	int		 key, regex = 0, oflags, ohave, odir, r, found = 1;
	int		 width, x, y, changed, pending = 0;

	origin = view_top_offset(pg->view);
	old = pg->find.pattern != NULL ? xstrdup(pg->find.pattern) : NULL;
	oflags = pg->find.flags;
	odir = pg->find.dir;
	ohave = pg->find.have;
	if (ohave) {
		oms = pg->find.ms;
		ome = pg->find.me;
	}
	buf[0] = saved[0] = '\0';
	curs_set(1);
	for (;;) {
		const char	*lead = regex ? (dir > 0 ? "Regex /" : "Regex ?") :
		    (dir > 0 ? "/" : "?");

		screen_draw(pg);
		y = LINES - 1;
		move(y, 0);
		clrtoeol();
		x = screen_text(y, 0, lead, COLS, STYLE_TEXT);
		width = COLS - x - 1;
		/* Keep the cursor on the screen: show the end of a long one. */
		{
			size_t	start = 0;
			char	save;

			save = buf[cur];
			buf[cur] = '\0';
			while (width_string(buf + start) > width &&
			    start < cur)
				start = prompt_next(buf, start, cur);
			buf[cur] = save;
			screen_text_cut(y, x, buf + start, width, STYLE_TEXT);
			if (!found && len > 0)
				screen_text(y, x + width_string(buf + start) + 1,
				    "(not found)", COLS, STYLE_CONTROL);
			buf[cur] = '\0';
			x += width_string(buf + start);
			buf[cur] = save;
		}
		move(y, x);
		refresh();
		key = screen_key();
		changed = 0;
		switch (key) {
		case '\r':
		case '\n':
		case KEY_ENTER | KEY_FUNC:
			curs_set(0);
			free(old);
			if (len == 0) {
				/* An empty pattern repeats the last one. */
				if (pg->find.s == NULL)
					return 0;
				r = find_go(&pg->find, pg->src, origin, dir,
				    NULL, NULL);
				if (r > 0)
					screen_show_match(pg);
				return r > 0;
			}
			history_add(&pg->history, buf);
			if (pending && pg->find.s != NULL) {
				/* The last keys came too fast to search. */
				r = find_go(&pg->find, pg->src, origin, dir,
				    NULL, NULL);
				found = r != 0;
				if (r > 0)
					screen_show_match(pg);
			}
			if (pg->find.s == NULL || !found) {
				snprintf(pg->message, sizeof pg->message,
				    "Pattern not found: %s", buf);
				return 0;
			}
			return 1;
		case 27:
		case 'c' & 0x1f:
		case 'g' & 0x1f:
			goto cancel;
		case KEY_BACKSPACE | KEY_FUNC:
		case 127:
		case 'h' & 0x1f:
			if (len == 0)
				goto cancel;
			cur = prompt_cut(buf, &len, prompt_prev(buf, cur), cur);
			changed = 1;
			break;
		case KEY_DC | KEY_FUNC:
		case 'd' & 0x1f:
			if (cur < len) {
				prompt_cut(buf, &len, cur,
				    prompt_next(buf, cur, len));
				changed = 1;
			}
			break;
		case 'u' & 0x1f:
			cur = prompt_cut(buf, &len, 0, cur);
			changed = 1;
			break;
		case 'w' & 0x1f:
			i = cur;
			while (i > 0 && buf[i - 1] == ' ')
				i--;
			while (i > 0 && buf[i - 1] != ' ')
				i = prompt_prev(buf, i);
			cur = prompt_cut(buf, &len, i, cur);
			changed = 1;
			break;
		case KEY_LEFT | KEY_FUNC:
		case 'b' & 0x1f:
			cur = prompt_prev(buf, cur);
			break;
		case KEY_RIGHT | KEY_FUNC:
		case 'f' & 0x1f:
			if (cur < len)
				cur = prompt_next(buf, cur, len);
			break;
		case KEY_HOME | KEY_FUNC:
		case 'a' & 0x1f:
			cur = 0;
			break;
		case KEY_END | KEY_FUNC:
		case 'e' & 0x1f:
			cur = len;
			break;
		case 'r' & 0x1f:
			regex = !regex;
			changed = 1;
			break;
		case KEY_UP | KEY_FUNC:
		case KEY_DOWN | KEY_FUNC:
			if (hist == pg->history.n)
				snprintf(saved, sizeof saved, "%s", buf);
			if (key == (KEY_UP | KEY_FUNC) && hist > 0)
				hist--;
			else if (key == (KEY_DOWN | KEY_FUNC) &&
			    hist < pg->history.n)
				hist++;
			snprintf(buf, sizeof buf, "%s", hist < pg->history.n ?
			    pg->history.v[hist] : saved);
			len = cur = strlen(buf);
			changed = 1;
			break;
		case KEY_RESIZE | KEY_FUNC:
			screen_fit(pg);
			break;
		case -1:
			goto cancel;
		default:
			if (key & KEY_FUNC || key < 0x20 || key == 0x7f ||
			    (key >= 0x80 && key < 0xa0) || key > 0x10ffff)
				break;
			{
				uint8_t	u[6];
				int	n = u8_uctomb(u, (ucs4_t)key, sizeof u);

				if (n <= 0 || len + (size_t)n >= sizeof buf)
					break;
				memmove(buf + cur + n, buf + cur, len - cur + 1);
				memcpy(buf + cur, u, (size_t)n);
				cur += (size_t)n;
				len += (size_t)n;
				changed = 1;
			}
			break;
		}
		if (!changed)
			continue;
		/* Search again from where the prompt opened. */
		view_goto_offset(pg->view, origin);
		if (len == 0) {
			find_clear(&pg->find);
			found = 1;
			pending = 0;
			continue;
		}
		why = NULL;
		if (find_set(&pg->find, buf, regex ? SEARCH_REGEX : 0, dir,
		    &why) == -1) {
			free(why);
			find_clear(&pg->find);
			found = 0;
			continue;
		}
		/* Type-ahead waits: the last key searches. */
		pending = 1;
		if (screen_pending(NULL))
			continue;
		r = find_go(&pg->find, pg->src, origin, dir, screen_pending,
		    NULL);
		if (r == -1)
			continue;
		pending = 0;
		found = r != 0;
		if (r > 0)
			screen_show_match(pg);
	}
cancel:
	curs_set(0);
	view_goto_offset(pg->view, origin);
	find_clear(&pg->find);
	if (old != NULL) {
		why = NULL;
		if (find_set(&pg->find, old, oflags, odir, &why) == 0 && ohave) {
			pg->find.have = 1;
			pg->find.ms = oms;
			pg->find.me = ome;
		}
		free(why);
		free(old);
	}
	return 0;
}

