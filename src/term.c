/*
 * term.c: the terminal: starting and stopping it, signals, and keys.
 *
 * Start-up, in the order ui.c calls it:
 *
 *	term_open	  open /dev/tty, save its modes, install the signal
 *			  handlers, ask the probe (probe.c) its questions
 *	term_first_begin  read terminfo and, where the frame is sure to be
 *			  what curses will take it for, take the probe's
 *			  answers and start drawing the first frame straight
 *			  to the terminal (tdraw.c); the caller draws it
 *	term_first_end	  send it
 *	term_start	  start curses (newterm)
 *	term_adopt_*	  curses draws the same frame once into /dev/null,
 *			  so that it knows what the terminal shows
 *
 * newterm() and the setup after it take about 1.2 ms on the benchmark
 * machine (its three windows alone are 40 fresh pages, a page fault each),
 * more than all of lede's own work before the first frame: the reader
 * sees the page that much sooner.
 *
 * Keys come out of term_key() in lede's own codes (ui.h): this layer
 * names keys, it does not know what they do.
 *
 * Signals. Ctrl-C (SIGINT, as cbreak mode leaves it) does not quit, as in
 * less: term_key() returns it as the key Ctrl-C once the keys typed before
 * it are read, and term_interrupted() tells a long search to stop. SIGTERM
 * and SIGHUP quit: the handler only notes the signal, and the loop, whose
 * read the signal interrupts, restores the terminal with endwin() and
 * exits with 128 + the signal. A second one while lede is busy cannot wait
 * for the loop: the handler then restores what it can with
 * async-signal-safe calls only (write(2) of the terminal's strings looked
 * up at start, mouse reporting off among them, and tcsetattr(3) to the
 * modes saved at start) and _exits, rather than call endwin(), which is
 * not safe in a handler. The handlers are in place before the probe
 * changes the modes, so no signal leaves the terminal raw. Ctrl-Z is
 * curses' own SIGTSTP handler: endwin, stop, redraw.
 */

#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <term.h>
#undef lines			/* term.h names capabilities as macros */
#undef columns
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "lede.h"
#include "ui.h"
#include "termpriv.h"

static FILE		*term_tty;		/* keys, and the probe */
static FILE		*term_out;		/* curses' output: the same tty */
static SCREEN		*term_screen;
static TERMINAL		*term_early_term;	/* terminfo read for the frame */
static struct probe	*term_probe;
static int		 term_ambiguous_auto;
static int		 term_want_mouse;
static int		 term_active;		/* curses is started */
static int		 term_early_shown;	/* the first frame, before curses */
static sigset_t		 term_tstp;

static volatile sig_atomic_t	term_sig_quit;	/* SIGTERM, SIGHUP */
static volatile sig_atomic_t	term_sig_int;	/* SIGINT */
static struct termios		term_tmodes;	/* as lede found them */
static int			term_tmodes_ok;
static int			term_tfd = -1;
static char			term_treset[192]; /* rmcup, cnorm, ... */
static size_t			term_treset_len;

/*
 * Bidi: lede puts right-to-left rows in display order itself, so a
 * terminal that reorders text (VTE, Konsole, mlterm, mintty: "implicit"
 * mode) is set to explicit mode while lede draws (CSI 8 l, BDSM of the
 * Terminal-WG bidi proposal; ECMA-48 mode 8, which others ignore), and
 * back to implicit (CSI 8 h, the default) when lede leaves or stops
 * (Ctrl-Z, whose handler runs curses' and sets it again after); the
 * writes are tdraw_modes()'s.
 */
static struct sigaction		term_tstp_curses; /* curses' SIGTSTP */

/* Keys the probe read while it waited for its answers, for term_key. */
static char		 term_typed[64];
static size_t		 term_ntyped;

/*
 * Put the terminal back without curses: the reset strings and the modes
 * lede found. Async-signal-safe (write(2), tcsetattr(3)).
 */
static void
term_treset_write(void)
{
	if (term_tfd == -1)
		return;
	(void)write(term_tfd, term_treset, term_treset_len);
	if (term_tmodes_ok)
		tcsetattr(term_tfd, TCSADRAIN, &term_tmodes);
}

/* The handler of SIGINT, SIGTERM and SIGHUP: note it; see above. */
static void
term_on_signal(int sig)
{
	int	saved = errno;

	if (sig == SIGINT) {
		term_sig_int = 1;
		return;
	}
	if (term_sig_quit != 0) {
		term_treset_write();
		_exit(128 + sig);
	}
	term_sig_quit = sig;
	errno = saved;
}

/* Append a string to the emergency reset. */
static void
term_treset_add(const char *v)
{
	size_t	n;

	if (v == NULL)
		return;
	n = strlen(v);
	if (term_treset_len + n > sizeof term_treset)
		return;
	memcpy(term_treset + term_treset_len, v, n);
	term_treset_len += n;
}

/* The emergency reset, once terminfo is read. */
static void
term_treset_make(void)
{
	term_treset_len = 0;
	term_treset_add(tdraw_capstr("sgr0"));
	term_treset_add(tdraw_capstr("cnorm"));
	term_treset_add(tdraw_capstr("rmkx"));
	term_treset_add(tdraw_modes_string(0));
	term_treset_add(tdraw_capstr("rmcup"));
	/* Mouse reporting, as curses turns it on (X10, SGR coordinates). */
	if (term_want_mouse && tdraw_capstr("kmous") != NULL)
		term_treset_add("\033[?1006l\033[?1000l");
}

/* Install the handlers on the terminal fd (over curses' own for SIGINT). */
static void
term_handlers(int fd)
{
	struct sigaction	sa;

	term_tfd = fd;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = term_on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: a blocked read returns */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/*
 * Ctrl-C or a quitting signal since the last call: a long search stops.
 * Ctrl-C is taken; a quitting signal stays for the loop.
 */
int
term_interrupted(void)
{
	if (term_sig_int) {
		term_sig_int = 0;
		return 1;
	}
	return term_sig_quit != 0;
}

/* The quitting signal received (SIGTERM, SIGHUP), or 0. */
int
term_quit_signal(void)
{
	return term_sig_quit;
}

/*
 * Ctrl-Z: the terminal's bidi back for the shell, then curses' own
 * handler (endwin, stop, and on return the screen again); the next
 * refresh sends explicit mode again.
 */
static void
term_on_tstp(int sig)
{
	int	saved = errno;

	tdraw_modes(0);
	if (term_tstp_curses.sa_handler != SIG_DFL &&
	    term_tstp_curses.sa_handler != SIG_IGN &&
	    term_tstp_curses.sa_handler != NULL)
		term_tstp_curses.sa_handler(sig);
	else {
		signal(SIGTSTP, SIG_DFL);
		raise(SIGTSTP);
		signal(SIGTSTP, term_on_tstp);
	}
	/* Continued, the screen back: explicit mode again. */
	if (term_active)
		tdraw_modes(1);
	errno = saved;
}

/* Restore the terminal; safe to call twice (registered with fatal()). */
static void
term_cleanup(void)
{
	if (term_early_shown && !term_active) {
		/* The first frame is up and curses is not: undo it by hand. */
		term_early_shown = 0;
		term_treset_write();
	}
	if (!term_active) {
		if (term_tmodes_ok && term_tfd != -1)
			tcsetattr(term_tfd, TCSADRAIN, &term_tmodes);
		return;
	}
	term_active = 0;
	if (term_want_mouse)
		mousemask(0, NULL);
	endwin();
	tdraw_modes(0);
}

/* Leave after a quitting signal: the terminal restored, 128 + signal. */
void
term_exit_signal(void)
{
	int	sig = term_sig_quit;

	term_cleanup();
	exit(128 + (sig != 0 ? sig : SIGTERM));
}

/*
 * Might the terminal page: is TERM set, and not "dumb"? If not, *why says
 * so. Whether its type is known and can move the cursor is found when
 * curses starts: term_start() then returns TERM_CANNOT_PAGE.
 */
int
term_can_page(char **why)
{
	const char	*term = getenv("TERM");

	if (term == NULL || *term == '\0') {
		xasprintf(why, "TERM is not set");
		return 0;
	}
	if (strcmp(term, "dumb") == 0) {
		xasprintf(why, "terminal '%s' cannot page", term);
		return 0;
	}
	return 1;
}

/*
 * Open the terminal and ask the probe's questions; color is a COLOR_*
 * mode, ambiguous_auto says whether the ambiguous width is the probe's,
 * mouse whether to ask for mouse reports. Returns 0, or -1 with *cause.
 */
int
term_open(int color, int ambiguous_auto, int mouse, char **cause)
{
	if ((term_tty = fopen("/dev/tty", "r+")) == NULL) {
		xasprintf(cause, "/dev/tty: cannot open the terminal");
		return -1;
	}
	term_ambiguous_auto = ambiguous_auto;
	term_want_mouse = mouse;
	tdraw_set_color_mode(color);
	term_tmodes_ok = tcgetattr(fileno(term_tty), &term_tmodes) == 0;
	tdraw_modes_fd(fileno(term_tty));
	fatal_set_cleanup(term_cleanup);
	term_handlers(fileno(term_tty));
	/*
	 * What the terminal joins is always asked: drawing depends on it;
	 * the ambiguous width only when it was not given. The answers
	 * travel while terminfo is read (term_first_begin), or while curses
	 * starts (which writes to the terminal but does not read it);
	 * curses is then told the modes lede found, which the probe gave
	 * back.
	 */
	term_probe = probe_ask(fileno(term_tty));
	/* Ctrl-Z waits for curses' handler: the frame may be up before it. */
	sigemptyset(&term_tstp);
	sigaddset(&term_tstp, SIGTSTP);
	sigprocmask(SIG_BLOCK, &term_tstp, NULL);
	return 0;
}

/* Take the probe's answers: the widths lede lays out with. */
static void
term_probed(void)
{
	struct probe_result	pr;

	if (term_probe == NULL)
		return;
	if (probe_answer(term_probe, &pr) == 0) {
		if (term_ambiguous_auto)
			width_set_ambiguous(pr.ambiguous);
		width_set_joins(pr.zwj_joins, pr.modifier_joins);
		/* Grapheme cluster mode: a cluster is one glyph, and its
		 * width is that of one. */
		if (pr.clusters != 0)
			width_set_clusters(1);
		tdraw_modes_clusters(pr.clusters == 2);
	}
	memcpy(term_typed, pr.typed, pr.ntyped);
	term_ntyped = pr.ntyped;
	term_probe = NULL;
}

/*
 * Get ready to draw the first frame straight from terminfo, before curses
 * starts. Only where the frame is sure to be what curses will take it
 * for: a UTF-8 locale, a terminal with the capabilities the frame uses,
 * whose last cell does not scroll, whose colours combine with every
 * attribute; no -R (its colours are pairs made as needed). Returns 1 if
 * the caller is to draw it (the probe's answers, then, taken).
 */
int
term_first_begin(int raw)
{
	static const char *const need[] = {
		"cup", "clear", "sgr0", "bold", "rev", "smul",
	};
	int	fd = fileno(term_tty), err, colours;
	size_t	i;

	if (raw || strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		return 0;
	if (setupterm(NULL, fd, &err) != OK)
		return 0;
	term_early_term = cur_term;
	for (i = 0; i < sizeof need / sizeof need[0]; i++)
		if (tdraw_capstr(need[i]) == NULL)
			return 0;
	if ((tigetflag("am") > 0 && tigetflag("xenl") <= 0) || LINES < 2 ||
	    COLS < 2)
		return 0;
	/* has_colors() as ncurses answers it, which needs a screen. */
	colours = tdraw_want_colours(tigetnum("colors") > 0 &&
	    tigetnum("pairs") > 0 && ((tdraw_capstr("setaf") != NULL &&
	    tdraw_capstr("setab") != NULL) || (tdraw_capstr("setf") != NULL &&
	    tdraw_capstr("setb") != NULL) || tdraw_capstr("scp") != NULL));
	if (colours && (tdraw_capstr("setaf") == NULL || tigetnum("ncv") > 0))
		return 0;
	tdraw_first_colours(colours);
	term_probed();
	term_treset_make();
	tdraw_early_begin(fd);
	tdraw_early_cap("smcup");
	tdraw_early_cap("civis");
	tdraw_early_str(tdraw_modes_string(1));
	tdraw_modes_sent(1);
	return 1;
}

/* The first frame is drawn: send it. */
void
term_first_end(void)
{
	tdraw_early_cap("sgr0");
	term_early_shown = 1;
	tdraw_early_end();
}

/* Hand over the keys the probe read, for curses to read again. */
static void
term_give_typed(void)
{
	while (term_ntyped > 0)		/* the queue is last in, first out */
		ungetch((unsigned char)term_typed[--term_ntyped]);
}

/* Curses' modes and the mouse, once it runs. */
static void
term_setup(void)
{
	struct sigaction	sa;

	term_active = 1;
	term_early_shown = 0;
	/* Ours before curses' SIGTSTP handler, once. */
	sigaction(SIGTSTP, NULL, &sa);
	if (sa.sa_handler != term_on_tstp) {
		term_tstp_curses = sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = term_on_tstp;
		sigemptyset(&sa.sa_mask);
		sa.sa_flags = SA_RESTART;
		sigaction(SIGTSTP, &sa, NULL);
	}
	sigprocmask(SIG_UNBLOCK, &term_tstp, NULL);
	term_treset_make();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	if (term_want_mouse) {
		mouseinterval(0);
		mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED |
		    BUTTON5_PRESSED, NULL);
	}
	term_give_typed();
}

/*
 * Start curses. Returns 0, -1 with *cause if the terminal cannot be
 * used, or TERM_CANNOT_PAGE with *cause (an unknown type, or one that
 * cannot move the cursor: the caller prints instead).
 */
int
term_start(int first, char **cause)
{
	int	ofd;

	/*
	 * Curses writes to a descriptor of its own, which term_adopt_begin
	 * points at /dev/null for a while.
	 */
	ofd = fcntl(fileno(term_tty), F_DUPFD_CLOEXEC, 0);
	if (ofd == -1 || (term_out = fdopen(ofd, "w")) == NULL)
		fatal("/dev/tty: %s", strerror(errno));
	term_screen = newterm(NULL, term_out, term_tty);
	if (term_early_term != NULL && term_screen != NULL) {
		del_curterm(term_early_term);
		term_early_term = NULL;
	}
	term_probed();
	if (term_screen == NULL) {
		term_cleanup();
		sigprocmask(SIG_UNBLOCK, &term_tstp, NULL);
		xasprintf(cause, "terminal '%s' is unknown", getenv("TERM"));
		fclose(term_out);
		fclose(term_tty);
		return TERM_CANNOT_PAGE;
	}
	/*
	 * Without the first frame, the probe was answered after newterm(),
	 * which took the modes it had set for the modes to give back.
	 */
	if (!first)
		def_shell_mode();
	if (tdraw_capstr("cup") == NULL) {
		xasprintf(cause, "terminal '%s' cannot page", getenv("TERM"));
		endwin();
		sigprocmask(SIG_UNBLOCK, &term_tstp, NULL);
		delscreen(term_screen);
		fclose(term_out);
		fclose(term_tty);
		return TERM_CANNOT_PAGE;
	}
	if (first)
		return 0;	/* term_adopt_begin and _end follow */
	/*
	 * ncurses 6.4 flushes its output at every cursor move until the
	 * screen has once been through endwin() (its state stays
	 * "initial"): a refresh is then a write(2) per row, a packet each
	 * over ssh, and a screen that arrives row by row. Through endwin()
	 * now, before anything is drawn (curses has written only its setup,
	 * in the same write as this), and back at once, before colours
	 * start (a resume with colours on resets the terminal's palette),
	 * every refresh is one write. term_adopt_begin does the same,
	 * unseen.
	 */
	endwin();
	refresh();
	term_setup();
	tdraw_start_colours();
	return 0;
}

/*
 * Curses takes over the first frame: the caller draws the same frame
 * once between term_adopt_begin and term_adopt_end, with curses' output
 * sent to /dev/null, so that curses knows what the terminal shows and
 * from then on writes only what changes. Its setup strings go the same
 * way; the frame sent their like (the alternate screen, the cursor
 * hidden), and what comes after (modes, keypad, mouse) is written.
 */
static int	term_adopt_keep = -1;
static int	term_adopt_lines, term_adopt_cols, term_adopt_colours;

void
term_adopt_begin(void)
{
	int	ofd = fileno(term_out), null;

	term_adopt_lines = LINES;
	term_adopt_cols = COLS;
	term_adopt_colours = tdraw_colours();
	null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	term_adopt_keep = fcntl(ofd, F_DUPFD_CLOEXEC, 0);
	if (null == -1 || term_adopt_keep == -1 || dup2(null, ofd) == -1) {
		if (term_adopt_keep != -1)
			close(term_adopt_keep);
		term_adopt_keep = -1;
		clearok(curscr, TRUE);	/* draw it all for real, then */
	} else
		typeahead(-1);	/* a key must not cut this refresh short */
	if (null != -1)
		close(null);
	endwin();		/* out of ncurses' "initial" state */
	refresh();
	tdraw_start_colours();
}

/*
 * The frame is drawn into curses: back to the terminal. Returns 1 if
 * curses found another size or other colours than the frame (a resize
 * since): the caller fits the page again, and all is drawn anew.
 */
int
term_adopt_end(void)
{
	int	ofd = fileno(term_out), y, x, changed;

	refresh();
	if (term_adopt_keep != -1) {
		dup2(term_adopt_keep, ofd);
		close(term_adopt_keep);
		term_adopt_keep = -1;
		typeahead(fileno(term_tty));
	}
	changed = LINES != term_adopt_lines || COLS != term_adopt_cols ||
	    tdraw_colours() != term_adopt_colours;
	if (changed)
		clearok(curscr, TRUE);
	else {
		/* The cursor where curses left it, in the rendition it
		 * assumes. */
		getyx(stdscr, y, x);
		tdraw_early_cursor(y, x);
	}
	term_setup();
	return changed;
}

/* Stop: the terminal as lede found it. */
void
term_close(void)
{
	term_cleanup();
	if (term_screen != NULL)
		delscreen(term_screen);
	term_screen = NULL;
	if (term_out != NULL)
		fclose(term_out);
	if (term_tty != NULL)
		fclose(term_tty);
	term_out = term_tty = NULL;
}

/* The terminal's size. */
int
term_lines(void)
{
	return LINES;
}

int
term_cols(void)
{
	return COLS;
}

void
term_beep(void)
{
	beep();
}

/* Are the n characters of s a cursor position report, ESC [ row ; col R? */
static int
term_cpr_shape(const wint_t *s, int n)
{
	int	i = 2, digits;

	if (n < 6 || s[0] != 0x1b || s[1] != '[')
		return 0;
	for (digits = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (digits == 0 || i >= n || s[i++] != ';')
		return 0;
	for (digits = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	return digits > 0 && i == n - 1 && s[i] == 'R';
}

/* Is a function key's string a cursor position report (xterm's kf15,
 * a shifted F3, is ESC [ 1 ; 2 R)? */
static int
term_cpr_key(int code)
{
	wint_t	w[16];
	char	*s;
	int	n = 0, r;

	if (code < KEY_F(0) || code > KEY_F(63) ||
	    (s = keybound(code, 0)) == NULL)
		return 0;
	while (s[n] != '\0' && n < 16) {
		w[n] = (unsigned char)s[n];
		n++;
	}
	r = s[n] == '\0' && term_cpr_shape(w, n);
	free(s);
	return r;
}

/*
 * After an ESC: the rest of a cursor position report, if that is what
 * waits (taken and dropped: returns 1); else whatever was read is put
 * back, in order, for the next reads, and 0.
 */
static int
term_cpr_rest(void)
{
	wint_t	w[16];
	int	fk[16], n = 1, delay = wgetdelay(stdscr), r;

	w[0] = 0x1b;
	fk[0] = 0;
	timeout(0);
	while (n < 16) {
		if ((r = get_wch(&w[n])) == ERR)
			break;
		fk[n++] = r == KEY_CODE_YES;
		if (fk[n - 1] || w[n - 1] == 'R' || !(w[n - 1] == '[' ||
		    w[n - 1] == ';' || (w[n - 1] >= '0' && w[n - 1] <= '9')))
			break;
	}
	timeout(delay);
	if (term_cpr_shape(w, n))
		return 1;
	while (n > 1) {		/* the queue is last in, first out */
		n--;
		if (fk[n])
			ungetch((int)w[n]);
		else
			unget_wch((wchar_t)w[n]);
	}
	return 0;
}

/* The last mouse event, for term_mouse(). */
static int	term_my, term_mx, term_mb;

/* Take a mouse event from curses: 1 if it is one lede knows. */
static int
term_mouse_take(void)
{
	MEVENT	ev;

	if (getmouse(&ev) != OK)
		return 0;
	if (ev.bstate & BUTTON4_PRESSED)
		term_mb = MOUSE_WHEEL_UP;
	else if (ev.bstate & BUTTON5_PRESSED)
		term_mb = MOUSE_WHEEL_DOWN;
	else if (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
		term_mb = MOUSE_CLICK;
	else
		return 0;
	term_my = ev.y;
	term_mx = ev.x;
	return 1;
}

/* The last K_MOUSE: its cell and button (MOUSE_*). */
int
term_mouse(int *y, int *x, int *button)
{
	*y = term_my;
	*x = term_mx;
	*button = term_mb;
	return 1;
}

/* lede's code for a curses function key. */
static int
term_map(int code)
{
	static const struct {
		int	curses;
		int	key;
	} map[] = {
		{ KEY_UP, K_UP }, { KEY_DOWN, K_DOWN }, { KEY_LEFT, K_LEFT },
		{ KEY_RIGHT, K_RIGHT }, { KEY_HOME, K_HOME }, { KEY_END, K_END },
		{ KEY_PPAGE, K_PGUP }, { KEY_NPAGE, K_PGDN },
		{ KEY_BTAB, K_BTAB }, { KEY_ENTER, K_ENTER },
		{ KEY_BACKSPACE, K_BACKSPACE }, { KEY_DC, K_DEL },
		{ KEY_RESIZE, K_RESIZE },
	};
	size_t	i;

	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (map[i].curses == code)
			return map[i].key;
	if (code >= KEY_F(1) && code <= KEY_F(24))
		return K_F(code - KEY_F(0));
	return K_OTHER;
}

/* Is a byte waiting on the terminal? */
static int
term_input_ready(void)
{
	struct pollfd	pfd;

	pfd.fd = fileno(term_tty);
	pfd.events = POLLIN;
	return poll(&pfd, 1, 0) > 0;
}

/*
 * Read a key, waiting at most ms milliseconds (-1: until one comes).
 * A cursor position report is no key: the probe's answers can come after
 * it stopped waiting (a slow link), and curses would hand them over as a
 * shifted F3 or as ESC [ 1 2 ; 9 R, keys that beep or move. They are
 * dropped. Ctrl-C, which arrives as a signal, is read as a key after the
 * keys typed before it.
 */
static int
term_read(int ms)
{
	wint_t	wc;
	int	r;

	for (;;) {
		if (term_sig_int && !term_input_ready()) {
			term_sig_int = 0;
			return CTRL('c');
		}
		timeout(ms);
		r = get_wch(&wc);
		if (r == ERR && term_sig_int) {
			term_sig_int = 0;
			return CTRL('c');
		}
		if (r == ERR)
			return K_NONE;
		if (r == KEY_CODE_YES) {
			if (term_cpr_key((int)wc))
				continue;
			if (wc == KEY_MOUSE) {
				if (term_mouse_take())
					return K_MOUSE;
				continue;
			}
			return term_map((int)wc);
		}
		if (wc == 0x1b && term_cpr_rest())
			continue;
		return (int)wc;
	}
}

/* A key read ahead by term_key_waiting(), or K_NONE. */
static int	term_ahead = K_NONE;

/*
 * The next key, waiting at most ms milliseconds (-1: until one comes), or
 * K_NONE.
 */
int
term_key(int ms)
{
	int	key = term_ahead;

	if (key != K_NONE) {
		term_ahead = K_NONE;
		return key;
	}
	return term_read(ms);
}

/* Is a key waiting (typed ahead), or Ctrl-C? It stays for term_key(). */
int
term_key_waiting(void)
{
	if (term_ahead == K_NONE)
		term_ahead = term_read(0);
	return term_ahead != K_NONE;
}

/*
 * term_key, but also K_DATA as soon as fd (a pipe being read) has input,
 * or has come to its end; the keys come first.
 */
int
term_key_fd(int ms, int fd)
{
	struct pollfd	pfd[2];
	int		key;

	if ((key = term_key(0)) != K_NONE)
		return key;
	pfd[0].fd = fileno(term_tty);
	pfd[0].events = POLLIN;
	pfd[1].fd = fd;
	pfd[1].events = POLLIN;
	if (poll(pfd, 2, ms) <= 0) {
		if (term_sig_int) {
			term_sig_int = 0;
			return CTRL('c');
		}
		return K_NONE;
	}
	if (pfd[0].revents != 0 && (key = term_key(0)) != K_NONE)
		return key;
	return pfd[1].revents != 0 ? K_DATA : K_NONE;
}
