/*
 * screen.h: what the curses side of lede shares: the styles and the
 * drawing helpers of screen.c, for the lists (menu.c) and the search
 * prompt (prompt.c). Only files that include curses include this; the
 * rest of lede knows nothing of it (lede.h never names curses types).
 */

#ifndef SCREEN_H
#define SCREEN_H

enum style {
	STYLE_TEXT,
	STYLE_HEADING,
	STYLE_HEADER,
	STYLE_CONTROL,
	STYLE_STATUS,
	STYLE_MARK,
	STYLE_SELECTED,
	/* Styles of spans over the text, in rising priority. */
	STYLE_QUOTE,
	STYLE_CURQUOTE,
	STYLE_MATCH,
	STYLE_CURMATCH,
	STYLE_MAX
};

void		 style_get(enum style, attr_t *, short *);
void		 screen_cluster(int, int, const char *, size_t, enum style);
void		 screen_ascii(int, int, const char *, size_t, enum style);
int		 screen_text(int, int, const char *, int, enum style);
int		 screen_text_cut(int, int, const char *, int, enum style);
void		 screen_draw(struct pager *);
void		 screen_fit(struct pager *);
int		 screen_key(void);
int		 screen_pending(void *);

#endif
