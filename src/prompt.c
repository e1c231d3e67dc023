/*
 * prompt.c: the modes of the status row: the search prompt, and the
 * one-key question (m, ', :).
 *
 * The search prompt searches as the reader types: each key that changes
 * the pattern compiles it and puts the view back where the prompt opened;
 * the search itself is the loop's idle work (prompt_search), given up as
 * soon as another key waits and done again after it, so typing never
 * waits for a search. Enter keeps the search, finishing one the keys
 * outran (Ctrl-C stops it); Esc or Ctrl-C puts everything back.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unigbrk.h>
#include <unistr.h>

#include "lede.h"
#include "ui.h"

#define PROMPT_MAX	1024

struct prompt {
	char		 buf[PROMPT_MAX];
	size_t		 len;
	size_t		 cur;		/* the cursor: a byte offset */
	int		 dir;		/* 1: /, -1: ? */
	int		 flags;		/* SEARCH_* */
	size_t		 origin;	/* the view's top when it opened */
	size_t		 hist;		/* the history entry shown */
	char		 saved[PROMPT_MAX]; /* what was typed, in history */
	int		 pending;	/* the pattern is not searched yet */
	int		 found;
	char		*error;		/* why the pattern does not compile */
	/* The search before, put back by Esc. */
	char		*old;
	int		 oflags, odir, ohave;
	size_t		 oms, ome;
};

/* Open the search prompt: / (dir 1) or ? (dir -1). */
void
prompt_open(struct pager *pg, int dir)
{
	struct prompt	*p = xcalloc(1, sizeof *p);

	p->dir = dir;
	p->flags = pg->search_flags;
	p->origin = view_top_offset(pg->view);
	p->hist = pg->history.n;
	p->found = 1;
	if (pg->find.pattern != NULL)
		p->old = xstrdup(pg->find.pattern);
	p->oflags = pg->find.flags;
	p->odir = pg->find.dir;
	p->ohave = pg->find.have;
	p->oms = pg->find.ms;
	p->ome = pg->find.me;
	pg->prompt = p;
	pg->mode = MODE_PROMPT;
}

/* Close the prompt. */
void
prompt_free(struct pager *pg)
{
	struct prompt	*p = pg->prompt;

	if (p == NULL)
		return;
	free(p->error);
	free(p->old);
	free(p);
	pg->prompt = NULL;
	pg->mode = MODE_PAGE;
}

/*
 * Byte offset of the grapheme cluster boundary before / after position
 * pos of buf (len bytes). The whole pattern is asked, as an emoji
 * sequence's boundaries depend on what comes before.
 */
static size_t
prompt_prev(const char *buf, size_t pos)
{
	char	brk[PROMPT_MAX];

	if (pos == 0)
		return 0;
	u8_grapheme_breaks((const uint8_t *)buf, pos, brk);
	while (--pos > 0 && !brk[pos])
		;
	return pos;
}

static size_t
prompt_next(const char *buf, size_t pos, size_t len)
{
	char	brk[PROMPT_MAX];

	if (pos >= len)
		return len;
	u8_grapheme_breaks((const uint8_t *)buf, len, brk);
	while (++pos < len && !brk[pos])
		;
	return pos;
}

/* Remove [from, to) from the pattern; the cursor goes to from. */
static void
prompt_cut(struct prompt *p, size_t from, size_t to)
{
	memmove(p->buf + from, p->buf + to, p->len - to + 1);
	p->len -= to - from;
	p->cur = from;
}

/* Insert a typed character at the cursor. */
static int
prompt_insert(struct prompt *p, int key)
{
	uint8_t	u[6];
	int	n;

	if ((key & K_FUNC) || key < 0x20 || key == 0x7f ||
	    (key >= 0x80 && key < 0xa0) || key > 0x10ffff)
		return 0;
	n = u8_uctomb(u, (ucs4_t)key, sizeof u);
	if (n <= 0 || p->len + (size_t)n >= sizeof p->buf)
		return 0;
	memmove(p->buf + p->cur + n, p->buf + p->cur, p->len - p->cur + 1);
	memcpy(p->buf + p->cur, u, (size_t)n);
	p->cur += (size_t)n;
	p->len += (size_t)n;
	return 1;
}

/* The pattern changed: compile it; the search waits for idle time. */
static void
prompt_changed(struct pager *pg)
{
	struct prompt	*p = pg->prompt;

	view_goto_offset(pg->view, p->origin);
	free(p->error);
	p->error = NULL;
	p->pending = 0;
	p->found = 1;
	if (p->len == 0) {
		find_clear(&pg->find);
		return;
	}
	if (find_set(&pg->find, p->buf, p->flags, p->dir, &p->error) == -1) {
		find_clear(&pg->find);
		p->found = 0;
		return;
	}
	p->pending = 1;
}

/* Is there a search for the loop to do? */
int
prompt_pending(const struct pager *pg)
{
	return pg->prompt != NULL && pg->prompt->pending;
}

/* Stop an incremental search when a key waits: it goes first. */
static int
prompt_stop(void *arg, size_t done, size_t total)
{
	return term_key_waiting();
}

/* Idle work: the search of what was typed, until a key comes. */
void
prompt_search(struct pager *pg)
{
	struct prompt	*p = pg->prompt;
	int		 r;

	r = find_go(&pg->find, &pg->doc, p->origin, p->dir, prompt_stop, NULL);
	if (r == -1)
		return;
	p->pending = 0;
	p->found = r > 0;
	if (r == FIND_GAVEUP)
		p->error = xstrdup(search_error(pg->find.s));
	if (r > 0)
		pager_show_match(pg);
}

/* Esc: everything as it was when the prompt opened. */
static void
prompt_cancel(struct pager *pg)
{
	struct prompt	*p = pg->prompt;
	char		*why = NULL;

	view_goto_offset(pg->view, p->origin);
	find_clear(&pg->find);
	if (p->old != NULL &&
	    find_set(&pg->find, p->old, p->oflags, p->odir, &why) == 0 &&
	    p->ohave) {
		pg->find.have = 1;
		pg->find.ms = p->oms;
		pg->find.me = p->ome;
	}
	free(why);
	prompt_free(pg);
}

/*
 * Enter: keep the search. An empty pattern repeats the last one (or the
 * newest of the history) in the prompt's direction; a search the keys
 * outran is finished first.
 */
static void
prompt_enter(struct pager *pg)
{
	struct prompt		*p = pg->prompt;
	struct draw_progress	 dp;
	const char		*last;
	char			*why = NULL;
	int			 r, dir = p->dir;

	if (p->len == 0) {
		prompt_cancel(pg);
		if (pg->find.s == NULL) {
			last = pg->history.n > 0 ?
			    pg->history.v[pg->history.n - 1] : NULL;
			if (last == NULL) {
				pager_message(pg, "No previous search");
				return;
			}
			if (find_set(&pg->find, last, pg->search_flags, dir,
			    &why) == -1) {
				pager_message(pg, "%s", why);
				free(why);
				return;
			}
		}
		pg->find.dir = dir;
		draw_progress_start(&dp, pg, "Searching");
		pager_search(pg, 1, 1, draw_progress, &dp);
		return;
	}
	/* Not saved: said, unless the search has more to say. */
	if (history_add(&pg->history, p->buf, &why) == -1) {
		pager_message(pg, "%s", why);
		free(why);
	}
	if (p->error != NULL) {
		pager_message(pg, "%s%s", (p->flags & SEARCH_REGEX) ?
		    "Regex: " : "", p->error);
		prompt_free(pg);
		return;
	}
	if (p->pending) {
		draw_progress_start(&dp, pg, "Searching");
		r = find_go(&pg->find, &pg->doc, p->origin, dir,
		    draw_progress, &dp);
		if (r == -1) {
			pager_message(pg, "Search interrupted");
			prompt_free(pg);
			return;
		}
		if (r == FIND_GAVEUP) {
			pager_message(pg, "%s", search_error(pg->find.s));
			prompt_free(pg);
			return;
		}
		p->found = r > 0;
		if (r > 0)
			pager_show_match(pg);
	}
	if (!p->found)
		pager_message(pg, "Pattern not found: %s", p->buf);
	prompt_free(pg);
}

/* Up and Down: walk the history; what was typed comes back at the end. */
static void
prompt_history(struct pager *pg, int key)
{
	struct prompt	*p = pg->prompt;

	if (p->hist == pg->history.n)
		snprintf(p->saved, sizeof p->saved, "%s", p->buf);
	if (key == K_UP && p->hist > 0)
		p->hist--;
	else if (key == K_DOWN && p->hist < pg->history.n)
		p->hist++;
	snprintf(p->buf, sizeof p->buf, "%s", p->hist < pg->history.n ?
	    pg->history.v[p->hist] : p->saved);
	p->len = p->cur = strlen(p->buf);
}

/* A key for the search prompt. */
void
prompt_key(struct pager *pg, int key)
{
	struct prompt	*p = pg->prompt;
	size_t		 i;
	int		 changed = 0;

	switch (key) {
	case '\r':
	case '\n':
	case K_ENTER:
		prompt_enter(pg);
		return;
	case K_ESC:
	case CTRL('c'):
	case CTRL('g'):
		prompt_cancel(pg);
		return;
	case K_BACKSPACE:
	case 0x7f:
	case CTRL('h'):
		if (p->len == 0) {
			prompt_cancel(pg);
			return;
		}
		prompt_cut(p, prompt_prev(p->buf, p->cur), p->cur);
		changed = 1;
		break;
	case K_DEL:
	case CTRL('d'):
		if (p->cur < p->len) {
			prompt_cut(p, p->cur, prompt_next(p->buf, p->cur,
			    p->len));
			changed = 1;
		}
		break;
	case CTRL('u'):
		prompt_cut(p, 0, p->cur);
		changed = 1;
		break;
	case CTRL('w'):
		i = p->cur;
		while (i > 0 && p->buf[i - 1] == ' ')
			i--;
		while (i > 0 && p->buf[i - 1] != ' ')
			i = prompt_prev(p->buf, i);
		prompt_cut(p, i, p->cur);
		changed = 1;
		break;
	case K_LEFT:		/* as shown, in right-to-left text */
	case K_RIGHT:
		if ((i = bidi_visual_step(p->buf, p->len, p->cur,
		    key == K_LEFT ? -1 : 1)) != SIZE_MAX) {
			p->cur = i;
			break;
		}
		if (key == K_RIGHT && p->cur < p->len)
			p->cur = prompt_next(p->buf, p->cur, p->len);
		else if (key == K_LEFT)
			p->cur = prompt_prev(p->buf, p->cur);
		break;
	case CTRL('b'):
		p->cur = prompt_prev(p->buf, p->cur);
		break;
	case CTRL('f'):
		if (p->cur < p->len)
			p->cur = prompt_next(p->buf, p->cur, p->len);
		break;
	case K_HOME:
	case CTRL('a'):
		p->cur = 0;
		break;
	case K_END:
	case CTRL('e'):
		p->cur = p->len;
		break;
	case CTRL('r'):
		p->flags ^= SEARCH_REGEX;
		changed = 1;
		break;
	case CTRL('t'):
		p->flags ^= SEARCH_NOACCENT;
		changed = 1;
		break;
	case K_UP:
	case K_DOWN:
		prompt_history(pg, key);
		changed = 1;
		break;
	default:
		changed = prompt_insert(p, key);
		break;
	}
	if (changed)
		prompt_changed(pg);
}

/* Draw the prompt on the status row, the cursor in it. */
void
prompt_draw(struct pager *pg)
{
	struct prompt	*p = pg->prompt;
	char		 lead[32], save, *vis;
	const char	*shown;
	size_t		 start = 0;
	int		 y = term_lines() - 1, cols = term_cols(), x, width;
	int		 ccol, w;

	if (y < 0)
		return;
	snprintf(lead, sizeof lead, "%s%s%s",
	    (p->flags & SEARCH_REGEX) ? "Regex " : "",
	    (p->flags & SEARCH_NOACCENT) ? "Any accent " : "",
	    p->dir > 0 ? "/" : "?");
	term_fill(y, 0, cols, STYLE_TEXT);
	x = term_text(y, 0, lead, cols, STYLE_TEXT);
	width = cols - x - 1;
	/* Keep the cursor on the screen: show the end of a long one. */
	save = p->buf[p->cur];
	p->buf[p->cur] = '\0';
	while (width_string(p->buf + start) > width && start < p->cur)
		start = prompt_next(p->buf, start, p->cur);
	p->buf[p->cur] = save;
	/* Right-to-left text in display order, the cursor on the character
	 * it is at as shown (left of the text at its end: a column kept). */
	if ((vis = bidi_visual(p->buf + start, p->len - start)) != NULL) {
		ccol = bidi_visual_col(p->buf + start, p->len - start,
		    p->cur - start);
		x++;
		width--;
	} else {
		save = p->buf[p->cur];
		p->buf[p->cur] = '\0';
		ccol = width_string(p->buf + start);
		p->buf[p->cur] = save;
	}
	shown = vis != NULL ? vis : p->buf + start;
	term_text_cut(y, x, shown, width, STYLE_TEXT);
	w = width_string(shown);
	if (p->error != NULL && p->len > 0)
		term_text(y, x + w + 1, p->error, cols - x - w - 1,
		    STYLE_CONTROL);
	else if (!p->found && p->len > 0)
		term_text(y, x + w + 1, "(not found)", cols, STYLE_CONTROL);
	free(vis);
	x += ccol;
	term_cursor(y, x < cols ? x : cols - 1);
}

/* Ask for one key with a question on the status row (m, ', :). */
void
ask_open(struct pager *pg, const char *question, ask_done_fn done)
{
	pg->ask = question;
	pg->ask_done = done;
	pg->mode = MODE_ASK;
}

/* The key came: the question is over; returns who asked. */
ask_done_fn
ask_key(struct pager *pg)
{
	ask_done_fn	done = pg->ask_done;

	pg->ask = NULL;
	pg->ask_done = NULL;
	pg->mode = MODE_PAGE;
	return done;
}

void
ask_draw(struct pager *pg)
{
	int	y = term_lines() - 1, x;

	if (y < 0)
		return;
	term_fill(y, 0, term_cols(), STYLE_TEXT);
	x = term_text(y, 0, pg->ask, term_cols(), STYLE_TEXT);
	term_cursor(y, x < term_cols() ? x : term_cols() - 1);
}
