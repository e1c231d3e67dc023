/*
 * ui.c: the reader's loop.
 *
 * A key travels from the terminal (term_key) to the mode that is open:
 * the page (keys.c: the key table), a list (menu.c), the search prompt or
 * a one-key question (prompt.c). A mode that ends tells the loop, which
 * calls the done function of the command that opened it. Every key is
 * handled in order, as if the reader had waited for the screen: keys
 * typed ahead wait in the terminal's queue, and the screen is drawn only
 * when no key is waiting.
 *
 * Between keys, the loop does the work that makes later keys fast, a
 * slice at a time so that a key never waits for more than one: the
 * search the prompt's keys outran, the last screen's layout (so that G
 * only draws), the outline (sections and quotes), the match count.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "lede.h"
#include "ui.h"

/* Fit the view to the terminal's size. */
static void
ui_fit(struct pager *pg)
{
	int	lines = term_lines() > 1 ? term_lines() - 1 : 1;

	pg->cols = term_cols();
	pg->lines = term_lines();
	view_resize(pg->view, pager_measure(pg, pg->cols), lines);
	view_set_wide(pg->view, pager_wide(pg, pg->cols));
	pg->refit = 0;
}

/* Draw the frame: the page, and the open mode over it. */
static void
ui_draw(struct pager *pg)
{
	term_cursor_hide();
	draw_page(pg);
	if (pg->mode == MODE_MENU)
		menu_draw(pg);
	else if (pg->mode == MODE_PROMPT)
		prompt_draw(pg);
	else if (pg->mode == MODE_ASK)
		ask_draw(pg);
}

/* One key, for the mode that is open. */
static void
ui_key(struct pager *pg, int key)
{
	struct menu_result	r;
	ask_done_fn		done;
	int			y, x, b;

	if (key == K_RESIZE) {
		ui_fit(pg);
		return;
	}
	pg->message[0] = '\0';
	/* The key acts on the file as it is now. */
	pager_check_source(pg);
	if (pg->follow) {
		/* Following: a key stops it; Ctrl-C does nothing else. */
		pg->follow = 0;
		if (key == CTRL('c'))
			return;
	}
	if (key == CTRL('c') && pg->mode == MODE_PAGE &&
	    source_reading(pg->src)) {
		/* Ctrl-C while a pipe is read: what came is all there is. */
		source_stop(pg->src);
		pager_source_changed(pg, pg->doc.len, 0);
		pager_message(pg, "input cut short");
		if (pg->status == 0)
			pg->status = 1;
		return;
	}
	switch (pg->mode) {
	case MODE_MENU:
		if (menu_key(pg, key, &r) && r.done != NULL)
			r.done(pg, r.arg, r.pick);
		break;
	case MODE_PROMPT:
		prompt_key(pg, key);
		break;
	case MODE_ASK:
		done = ask_key(pg);
		done(pg, key);
		break;
	default:
		if (key == K_MOUSE) {
			term_mouse(&y, &x, &b);
			key_click(pg, y, x, b);
		} else if (!key_dispatch(pg, key))
			term_beep();
		break;
	}
	if (pg->refit)
		ui_fit(pg);
}

/* Is there work for idle time? */
static int
ui_idle_pending(struct pager *pg)
{
	return prompt_pending(pg) || pg->doc.pending ||
	    !view_end_ready(pg->view) ||
	    outline_busy(&pg->outline, &pg->doc) ||
	    find_busy(&pg->find, &pg->doc);
}

/*
 * One slice of idle work. Returns 1 if the screen shows something new.
 * A slice of the outline (64 KB) takes about 0.1 ms here, a slice of the
 * count (256 KB) about as long: a key waits for one.
 */
static int
ui_idle(struct pager *pg)
{
	struct find	*f = &pg->find;
	int		 known, done;

	if (prompt_pending(pg)) {
		prompt_search(pg);
		return 1;
	}
	if (pg->doc.pending)
		return pager_step(pg);
	if (!view_end_ready(pg->view)) {
		view_warm_end(pg->view);
		return 0;
	}
	if (outline_busy(&pg->outline, &pg->doc))
		return outline_step(&pg->outline, &pg->doc, 64 << 10);
	known = f->index_known;
	done = f->count_done;
	find_count_step(f, &pg->doc);
	return known != f->index_known || done != f->count_done;
}

/*
 * Wait for the next key, or for what else may change the page: input on
 * a pipe still being read (K_DATA), or, while following a file (F), the
 * time to look at it again (K_NONE after a quarter of a second).
 */
static int
ui_wait(struct pager *pg, int idle)
{
	if (idle)
		return term_key(0);
	if (source_reading(pg->src))
		return term_key_fd(-1, pg->src->fd);
	return term_key(pg->follow ? 250 : -1);
}

/* The reader's loop, until q or a quitting signal. */
static void
ui_loop(struct pager *pg)
{
	int	draw = 1, key, idle, errors = 0;

	while (!pg->quit && !term_quit_signal()) {
		if (draw && !term_key_waiting()) {
			ui_draw(pg);
			term_refresh();
			draw = 0;
		}
		idle = ui_idle_pending(pg);
		key = ui_wait(pg, idle);
		if (term_quit_signal())
			break;
		if (key == K_DATA) {
			if (pager_more(pg))
				draw = 1;
			continue;
		}
		if (key == K_NONE) {
			if (idle) {
				/* What a pipe brought first, then a slice. */
				if (pager_more(pg) || ui_idle(pg))
					draw = 1;
			} else if (pg->follow) {
				pager_check_source(pg);
				draw = 1;
			} else if (++errors > 100)
				pg->quit = 1;	/* the terminal is gone */
			continue;
		}
		errors = 0;
		draw = 1;
		ui_key(pg, key);
	}
}

/* A stop function for work before the first frame: Ctrl-C only. */
static int
ui_stop(void *arg, size_t done, size_t total)
{
	return term_interrupted();
}

/*
 * Where the reader starts: the saved position, -s's section, -p's match,
 * then the keys of +cmd arguments, run as if typed.
 */
static void
ui_start(struct pager *pg)
{
	const uint8_t	*s;
	char		*why = NULL;
	size_t		 i, n;
	ucs4_t		 uc;
	int		 k, r;

	pg->cols = term_cols();
	pg->lines = term_lines();
	pager_enter(pg, pg->start_section == NULL &&
	    pg->start_pattern == NULL && pg->nstart_keys == 0);
	ui_fit(pg);
	if (pg->start_section != NULL || pg->start_pattern != NULL)
		pager_finish(pg);
	if (pg->start_section != NULL) {
		int	sec = outline_lookup(&pg->outline, &pg->doc,
		    pg->start_section);

		if (sec >= 0)
			view_goto_offset(pg->view, pg->outline.v[sec].start);
	}
	if (pg->start_pattern != NULL) {
		if (find_set(&pg->find, pg->start_pattern, pg->search_flags, 1,
		    &why) == -1) {
			pager_message(pg, "%s", why);
			free(why);
		} else if ((r = find_go(&pg->find, &pg->doc, 0, 1, ui_stop,
		    NULL)) > 0)
			pager_show_match(pg);
		else
			pager_message(pg, "%s", r == 0 ? "Pattern not found" :
			    r == FIND_GAVEUP ? search_error(pg->find.s) :
			    "Search interrupted");
	}
	for (i = 0; i < pg->nstart_keys; i++) {
		s = (const uint8_t *)pg->start_keys[i];
		n = strlen(pg->start_keys[i]);
		while (n > 0 && !pg->quit) {
			if ((k = u8_mbtouc(&uc, s, n)) < 1)
				break;
			ui_key(pg, (int)uc);
			s += k;
			n -= (size_t)k;
		}
	}
}

/*
 * Run the reader on the terminal until it quits. Returns 0; -1 with
 * *cause if the terminal cannot be used; TERM_CANNOT_PAGE with *cause if
 * it cannot page (the caller prints instead).
 */
int
ui_run(struct pager *pg, char **cause)
{
	struct menu_result	 r;
	int			 first, rc;

	if (term_open(pg->color, pg->ambiguous_auto, pg->mouse, cause) == -1)
		return -1;
	if ((first = term_first_begin(pg->raw_control))) {
		ui_start(pg);
		ui_draw(pg);
		term_first_end();
	}
	if ((rc = term_start(first, cause)) != 0)
		return rc;
	if (first) {
		term_adopt_begin();
		ui_draw(pg);
		if (term_adopt_end())
			ui_fit(pg);
		if (pg->mode == MODE_MENU)	/* not in the first frame */
			term_redraw();
	} else
		ui_start(pg);
	ui_loop(pg);
	if (pg->mode == MODE_MENU && menu_key(pg, K_ESC, &r) &&
	    r.done != NULL)
		r.done(pg, r.arg, -1);
	prompt_free(pg);
	pager_leave(pg);
	if (term_quit_signal())
		term_exit_signal();
	term_close();
	return 0;
}
