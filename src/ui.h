/*
 * ui.h: lede's reader on the terminal, above the core of lede.h.
 *
 * The layers, each calling only those below it:
 *
 *	ui.c	  the event loop: a key from the terminal goes to the mode
 *		  that is open (the page, a list, the search prompt, a
 *		  one-key question); idle work between keys; redraws
 *	keys.c	  the key table and the page's commands (dispatch and help
 *		  read the table); commands change the session and may open
 *		  a mode, never wait for a key themselves
 *	menu.c	  the lists over the page: a mode
 *	prompt.c  the search prompt and the one-key question: modes
 *	draw.c	  the page and the status line, from the session
 *	pager.c	  (lede.h) the session's files and positions
 *	term.c	  the terminal: start, stop, signals, keys   [curses]
 *	tdraw.c	  cells, styles and the first frame            [curses]
 *
 * Only term.c and tdraw.c include curses; everything above talks to them
 * through the functions declared here, in lede's own key codes and
 * styles. Modes return what happened; the loop calls whoever asked for
 * the mode (a command's done function), so no file calls back into one
 * that calls it.
 */

#ifndef UI_H
#define UI_H

#include <time.h>

/*
 * Keys: a character is its code point; other keys are K_FUNC | a number.
 * K_NONE: no key came (a timeout, or an interrupted read).
 */
#define K_NONE		(-1)
#define K_FUNC		0x40000000
#define K_UP		(K_FUNC | 1)
#define K_DOWN		(K_FUNC | 2)
#define K_LEFT		(K_FUNC | 3)
#define K_RIGHT		(K_FUNC | 4)
#define K_HOME		(K_FUNC | 5)
#define K_END		(K_FUNC | 6)
#define K_PGUP		(K_FUNC | 7)
#define K_PGDN		(K_FUNC | 8)
#define K_BTAB		(K_FUNC | 9)	/* Shift-Tab */
#define K_ENTER		(K_FUNC | 10)	/* the keypad's Enter */
#define K_BACKSPACE	(K_FUNC | 11)
#define K_DEL		(K_FUNC | 12)
#define K_RESIZE	(K_FUNC | 13)	/* the terminal changed size */
#define K_MOUSE		(K_FUNC | 14)	/* see term_mouse() */
#define K_OTHER		(K_FUNC | 15)	/* a key lede has no name for */
#define K_DATA		(K_FUNC | 16)	/* term_key_fd(): input is ready */
#define K_F(n)		(K_FUNC | 0x100 | (n))
#undef CTRL
#define CTRL(c)		((c) & 0x1f)
#define K_ESC		0x1b

/* A mouse event (--mouse): a button pressed at a cell. */
#define MOUSE_CLICK	1
#define MOUSE_WHEEL_UP	4
#define MOUSE_WHEEL_DOWN 5

/* Styles of what is drawn, degrading to attributes without colour. */
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

/* term.c: the terminal. */
#define TERM_CANNOT_PAGE (-2)
int		 term_can_page(char **);
int		 term_open(int, int, int, char **);
int		 term_first_begin(int);
void		 term_first_end(void);
int		 term_start(int, char **);
void		 term_adopt_begin(void);
int		 term_adopt_end(void);
void		 term_close(void);
int		 term_lines(void);
int		 term_cols(void);
int		 term_key(int);
int		 term_key_waiting(void);
int		 term_key_fd(int, int);
int		 term_mouse(int *, int *, int *);
int		 term_interrupted(void);
int		 term_quit_signal(void);
void		 term_exit_signal(void) LEDE_NORETURN;
void		 term_beep(void);

/* tdraw.c: cells on the terminal. */
void		 term_erase(void);
void		 term_cluster(int, int, const char *, size_t, enum style);
void		 term_cluster_sgr(int, int, const char *, size_t,
		     const struct sgr *);
void		 term_ascii(int, int, const char *, size_t, enum style);
int		 term_text(int, int, const char *, int, enum style);
int		 term_text_cut(int, int, const char *, int, enum style);
void		 term_fill(int, int, int, enum style);
void		 term_box(int, int, int, int);
void		 term_cursor(int, int);
void		 term_cursor_hide(void);
void		 term_refresh(void);
void		 term_redraw(void);

/* draw.c: the page and its status line. */
struct draw_progress {		/* a long search's report */
	struct pager	*pg;
	const char	*what;
	struct timespec	 start;
	double		 shown;
};
void		 draw_page(struct pager *);
void		 draw_status_text(struct pager *, const char *);
void		 draw_section_title(struct pager *, char *, size_t);
void		 draw_visual(char *);
void		 draw_progress_start(struct draw_progress *, struct pager *,
		     const char *);
int		 draw_progress(void *, size_t, size_t);

/* Modes: what the keys go to. */
#define MODE_PAGE	0
#define MODE_MENU	1
#define MODE_PROMPT	2
#define MODE_ASK	3

/* menu.c: a list over the page. */
typedef char	*(*menu_item_fn)(void *, size_t);
typedef void	 (*menu_done_fn)(struct pager *, void *, long);
struct menu_result {		/* how a list ended: the loop calls done */
	menu_done_fn	 done;
	void		*arg;
	long		 pick;		/* -1: closed without a pick */
};
void		 menu_open(struct pager *, const char *, menu_item_fn, void *,
		     size_t, long, long, menu_done_fn);
void		 menu_open_list(struct pager *, const char *, char **, size_t,
		     long, long, menu_done_fn);
int		 menu_key(struct pager *, int, struct menu_result *);
void		 menu_draw(struct pager *);

/* prompt.c: the search prompt and the one-key question. */
typedef void	 (*ask_done_fn)(struct pager *, int);
void		 prompt_open(struct pager *, int);
void		 prompt_key(struct pager *, int);
int		 prompt_pending(const struct pager *);
void		 prompt_search(struct pager *);
void		 prompt_draw(struct pager *);
void		 prompt_free(struct pager *);
void		 ask_open(struct pager *, const char *, ask_done_fn);
ask_done_fn	 ask_key(struct pager *);
void		 ask_draw(struct pager *);

/* keys.c: the key table, which drives dispatch and help. */
typedef void	 (*key_fn)(struct pager *, long, long);
struct key_binding {
	int		 keys[6];	/* 0-terminated */
	const char	*names;		/* NULL: the keys' own names */
	key_fn		 fn;		/* fn(pager, arg, count) */
	long		 arg;
	const char	*help;		/* as shown in help and lede.1 */
	int		 flags;
#define KB_MOVE		0x1	/* moves by rows: no jump to remember */
#define KB_NEAR		0x2	/* needs only the text near the view */
};
extern const struct key_binding	key_table[];
const struct key_binding *key_lookup(int);
void		 key_label(int, char *, size_t);
void		 key_labels(const struct key_binding *, char *, size_t);
int		 key_dispatch(struct pager *, int);
void		 key_click(struct pager *, int, int, int);

/* ui.c: the loop. */
int		 ui_run(struct pager *, char **);

#endif
