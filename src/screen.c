/*
 * screen.c: the terminal, through curses; the only module that draws.
 *
 * The text column is centred in the terminal; each cluster is put at the
 * column the layout computed for it, never where curses would advance to
 * on its own. Cells hold only display text made safe by sanitize.c, so
 * no byte of the article reaches the terminal raw. Styles are a table
 * indexed by STYLE_*, degrading to attributes without colour.
 */

#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <term.h>		/* terminfo: the first frame; can it page? */
#undef lines			/* term.h names capabilities as macros */
#undef columns
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <locale.h>
#include <signal.h>
#include <termios.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include <unictype.h>
#include <unigbrk.h>
#include <unistr.h>

#include "lede.h"
#include "screen.h"

struct style_def {
	attr_t	attr;		/* always applied */
	short	fg;		/* colour, -1 for the terminal's own */
	attr_t	mono;		/* instead of the colour on monochrome */
};

static const struct style_def styles[STYLE_MAX] = {
	/* STYLE_TEXT: body text in the terminal's colours */
	{ A_NORMAL, -1, A_NORMAL },
	/* STYLE_HEADING: section headings */
	{ A_BOLD, COLOR_BLUE, A_NORMAL },
	/* STYLE_HEADER: the byline "date ... SOURCE, DATELINE" */
	{ A_BOLD, COLOR_CYAN, A_UNDERLINE },
	/* STYLE_CONTROL: controls and bad bytes shown visibly */
	{ A_NORMAL, COLOR_RED, A_REVERSE },
	/* STYLE_STATUS: the status line */
	{ A_REVERSE, -1, A_NORMAL },
	/* STYLE_MARK: continuation mark of wrapped verbatim lines, ~ */
	{ A_DIM, COLOR_YELLOW, A_NORMAL },
	/* STYLE_SELECTED: the selected entry of a list */
	{ A_REVERSE, -1, A_NORMAL },
	/* STYLE_QUOTE: quoted speech */
	{ A_ITALIC, COLOR_GREEN, A_NORMAL },
	/* STYLE_CURQUOTE: the current quote (Tab) */
	{ A_REVERSE, COLOR_GREEN, A_NORMAL },
	/* STYLE_MATCH: search matches */
	{ A_UNDERLINE, COLOR_MAGENTA, A_BOLD },
	/* STYLE_CURMATCH: the current match */
	{ A_REVERSE, COLOR_MAGENTA, A_BOLD },
};


static int	screen_colours;
static int	screen_color_mode;	/* COLOR_* */
static int	screen_active;
static int	screen_early_shown;	/* the first frame, before curses */
static SCREEN	*screen_term;
static FILE	*screen_tty;		/* keys, and the probe */
static FILE	*screen_out;		/* curses' output: the same terminal */

/*
 * Signals. Ctrl-C (SIGINT, as cbreak mode leaves it) does not quit the
 * pager, as in less: screen_key() reads it as the key Ctrl-C, which
 * cancels the search prompt and a menu and does nothing in the pager, and
 * it stops a long search (screen_interrupted).
 * SIGTERM and SIGHUP quit: the handler only notes the signal, and the key
 * loop, whose read the signal interrupts, restores the terminal with
 * endwin() and exits with 128 + the signal. A second one while lede is
 * busy (a long layout, say) cannot wait for the loop: the handler then
 * restores what it can with async-signal-safe calls only (write(2) of the
 * terminal's strings looked up at start, tcsetattr(3) to the modes saved
 * at start) and _exits, rather than call endwin(), which is not safe in
 * a handler. Ctrl-Z is curses' own SIGTSTP handler: endwin, stop, redraw.
 */
static volatile sig_atomic_t	screen_sig_quit;	/* SIGTERM, SIGHUP */
static volatile sig_atomic_t	screen_sig_int;		/* SIGINT */
static struct termios		screen_tmodes;		/* as lede found it */
static int			screen_tmodes_ok;
static int			screen_tfd = -1;
static char			screen_treset[128];	/* rmcup, cnorm, ... */
static size_t			screen_treset_len;

/*
 * Put the terminal back without curses: the reset strings and the modes
 * lede found. Async-signal-safe (write(2), tcsetattr(3)).
 */
static void
screen_treset_write(void)
{
	if (screen_tfd == -1)
		return;
	(void)write(screen_tfd, screen_treset, screen_treset_len);
	if (screen_tmodes_ok)
		tcsetattr(screen_tfd, TCSADRAIN, &screen_tmodes);
}

/* The handler of SIGINT, SIGTERM and SIGHUP: note it; see above. */
static void
screen_on_signal(int sig)
{
	int	saved = errno;

	if (sig == SIGINT) {
		screen_sig_int = 1;
		return;
	}
	if (screen_sig_quit != 0) {
		screen_treset_write();
		_exit(128 + sig);
	}
	screen_sig_quit = sig;
	errno = saved;
}

/* A terminfo string of the terminal, or NULL where it has none. */
static char *
screen_capstr(const char *cap)
{
	char	*v = tigetstr(cap);

	return v == (char *)-1 ? NULL : v;
}

/* Append a terminal capability to the emergency reset string. */
static void
screen_treset_add(const char *cap)
{
	char	*v = screen_capstr(cap);
	size_t	 n;

	if (v == NULL)
		return;
	n = strlen(v);
	if (screen_treset_len + n > sizeof screen_treset)
		return;
	memcpy(screen_treset + screen_treset_len, v, n);
	screen_treset_len += n;
}

/* Install the handlers (over curses' own, which would exit on SIGINT). */
static void
screen_signals(int fd)
{
	struct sigaction	sa;

	screen_tfd = fd;
	screen_treset_len = 0;
	screen_treset_add("sgr0");
	screen_treset_add("cnorm");
	screen_treset_add("rmkx");
	screen_treset_add("rmcup");
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = screen_on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: a blocked read returns */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* A find_go() stop function: Ctrl-C (or a key) stops a long search. */
int
screen_interrupted(void *arg)
{
	if (screen_sig_int || screen_sig_quit) {
		screen_sig_int = 0;
		return 1;
	}
	return 0;
}

/* Restore the terminal; safe to call twice (registered with fatal()). */
static void
screen_cleanup(void)
{
	if (screen_early_shown && !screen_active) {
		/* The first frame is up and curses is not: undo it by hand. */
		screen_early_shown = 0;
		screen_treset_write();
	}
	if (!screen_active)
		return;
	screen_active = 0;
	endwin();
}

/* Colours, if the terminal has them and --color and NO_COLOR allow. */
static int
screen_want_colours(int has)
{
	return has && screen_color_mode != COLOR_NEVER &&
	    !(screen_color_mode == COLOR_AUTO && getenv("NO_COLOR") != NULL);
}

/* Start colours, if screen_want_colours, and the styles' pairs. */
static void
screen_init_styles(void)
{
	int	i;

	screen_colours = 0;
	if (!screen_want_colours(has_colors()) || start_color() == ERR)
		return;
	use_default_colors();
	for (i = 0; i < STYLE_MAX; i++)
		init_pair((short)(i + 1), styles[i].fg, -1);
	screen_colours = 1;
}

void
style_get(enum style s, attr_t *attr, short *pair)
{
	*attr = styles[s].attr;
	*pair = 0;
	if (screen_colours && styles[s].fg != -1)
		*pair = (short)(s + 1);
	else if (!screen_colours)
		*attr |= styles[s].mono;
}

/*
 * Where drawing goes: curses' stdscr, except for the first frame, which
 * goes straight to the terminal while curses starts (screen_first). It is
 * drawn by the same calls, so that the terminal shows cell for cell what
 * curses then takes to be on the screen (screen_adopt).
 */
static struct {
	int		 on;
	int		 fd;
	char		 buf[8192];
	size_t		 len;
	int		 y, x;		/* the cursor; y -1: not known */
	attr_t		 attr;
	short		 pair;
} early;

static void
early_flush(void)
{
	size_t	off = 0;
	ssize_t	n;

	while (off < early.len) {
		n = write(early.fd, early.buf + off, early.len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	early.len = 0;
}

static void
early_add(const char *s, size_t n)
{
	if (early.len + n > sizeof early.buf)
		early_flush();
	if (n > sizeof early.buf)
		return;		/* no capability is that long */
	memcpy(early.buf + early.len, s, n);
	early.len += n;
}

static int
early_putc(int c)
{
	char	ch = (char)c;

	early_add(&ch, 1);
	return c;
}

/* A capability's string, with its padding as tputs() does it. */
static void
early_puts(const char *v)
{
	if (v != NULL)
		tputs(v, 1, early_putc);
}

static void
early_cap(const char *cap)
{
	early_puts(screen_capstr(cap));
}

/* The rendition of a cell: attributes and a pair of the styles table. */
static void
early_rendition(attr_t attr, short pair)
{
	static const struct {
		attr_t		 attr;
		const char	*cap;
	} caps[] = {
		{ A_BOLD, "bold" }, { A_DIM, "dim" }, { A_ITALIC, "sitm" },
		{ A_UNDERLINE, "smul" }, { A_BLINK, "blink" },
		{ A_REVERSE, "rev" }, { A_STANDOUT, "smso" },
	};
	const char	*v;
	size_t		 i;

	if (attr == early.attr && pair == early.pair)
		return;
	early_cap("sgr0");
	for (i = 0; i < sizeof caps / sizeof caps[0]; i++)
		if (attr & caps[i].attr)
			early_cap(caps[i].cap);
	if (pair > 0 && pair <= STYLE_MAX && styles[pair - 1].fg >= 0 &&
	    (v = screen_capstr("setaf")) != NULL)
		early_puts(tiparm(v, styles[pair - 1].fg));
	early.attr = attr;
	early.pair = pair;
}

/*
 * Put one cell at (y, x): k characters (a spacing one and what rides on
 * it, or a cluster the terminal joins), in attr and a colour pair. Curses
 * writes every character of a cell and advances by the width of the
 * first, which the callers made the cell's width.
 */
static void
screen_put(int y, int x, const wchar_t *wc, int k, attr_t attr, short pair)
{
	cchar_t	cc;
	uint8_t	u[6];
	int	i, n;

	if (!early.on) {
		setcchar(&cc, L" ", attr, pair, NULL);
		for (i = 0; i < CCHARW_MAX; i++)
			cc.chars[i] = i < k ? wc[i] : L'\0';
		mvadd_wch(y, x, &cc);
		return;
	}
	if (early.y != y || early.x != x)
		early_puts(tiparm(screen_capstr("cup"), y, x));
	early_rendition(attr, pair);
	for (i = 0; i < k; i++)
		if ((n = u8_uctomb(u, (ucs4_t)wc[i], sizeof u)) > 0)
			early_add((const char *)u, (size_t)n);
	/* Where the terminal leaves the cursor is assumed for ASCII only. */
	early.y = k == 1 && wc[0] >= 0x20 && wc[0] < 0x7f ? y : -1;
	early.x = x + 1;
}

/* Clear the page being drawn. */
static void
screen_erase(void)
{
	if (!early.on) {
		erase();
		return;
	}
	/* In the default colours, as curses clears (a terminal with bce
	 * would clear in the shell's left-over background). */
	early_cap("sgr0");
	early.attr = A_NORMAL;
	early.pair = 0;
	early_cap("clear");
	early.y = early.x = 0;
}

/*
 * Put a cluster the terminal draws as one glyph into one curses cell.
 * setcchar() would stop at the second spacing character, so the cell is
 * filled by hand; curses writes every character of a cell and advances by
 * the width of the first, which is the cluster's width here.
 */
static int
screen_packed(int y, int x, const uint8_t *p, const uint8_t *end, attr_t attr,
    short pair)
{
	const uint8_t	*q = p;
	wchar_t		 wc[CCHARW_MAX];
	ucs4_t		 uc;
	int		 k = 0;

	if (width_cluster(p, (size_t)(end - p)) != width_cp(
	    (u8_mbtouc(&uc, p, (size_t)(end - p)), uc)))
		return 0;
	/*
	 * A cell holds CCHARW_MAX characters: a longer sequence (a family of
	 * four) keeps its first ones, cut before a joiner, so that it still
	 * takes the columns the layout gave it.
	 */
	while (q < end && k < CCHARW_MAX) {
		q += u8_mbtouc(&uc, q, (size_t)(end - q));
		wc[k++] = (wchar_t)uc;
	}
	if (q < end && k > 1 && wc[k - 1] == 0x200d)
		k--;
	screen_put(y, x, wc, k, attr, pair);
	return 1;
}

/*
 * Draw one cluster of display text at (y, x). A cluster the terminal
 * joins into one glyph goes into one curses cell; otherwise each spacing
 * character gets a cell of its own at its own column, and zero-width
 * characters ride on the cell before them.
 */
static void
screen_cluster_attr(int y, int x, const char *s, size_t n, attr_t attr,
    short pair)
{
	const uint8_t	*p = (const uint8_t *)s, *end = p + n;
	wchar_t		 wc[CCHARW_MAX];
	ucs4_t		 uc;
	int		 k = 0, w, col = x, adv = 0;

	if (n > 4 && screen_packed(y, x, p, end, attr, pair))
		return;
	while (p < end) {
		p += u8_mbtouc(&uc, p, (size_t)(end - p));
		w = width_cp(uc);
		if (k == 0 && w == 0 && uc_is_general_category(uc,
		    UC_CATEGORY_M)) {
			wc[k++] = L' ';		/* a mark with no base */
			adv = 1;
		}
		if (w > 0 && k > 0) {
			screen_put(y, col, wc, k, attr, pair);
			col += adv;
			k = 0;
		}
		if (w > 0)
			adv = w;
		if (k < CCHARW_MAX)
			wc[k++] = (wchar_t)uc;
	}
	if (k > 0 && adv > 0)
		screen_put(y, col, wc, k, attr, pair);
}

/* screen_cluster_attr in one of the styles of the table. */
void
screen_cluster(int y, int x, const char *s, size_t n, enum style st)
{
	attr_t	attr;
	short	pair;

	style_get(st, &attr, &pair);
	screen_cluster_attr(y, x, s, n, attr, pair);
}

/*
 * -R: curses attributes and a colour pair for an SGR style. Pairs are
 * made as needed after the table's own, and reused when they run out.
 */
static void
screen_sgr(const struct sgr *g, attr_t *attr, short *pair)
{
	static short	fgs[256], bgs[256];
	static int	used;
	int		i, first = STYLE_MAX + 1, max;

	*attr = A_NORMAL;
	if (g->attrs & SGR_BOLD)
		*attr |= A_BOLD;
	if (g->attrs & SGR_DIM)
		*attr |= A_DIM;
	if (g->attrs & SGR_ITALIC)
		*attr |= A_ITALIC;
	if (g->attrs & SGR_UNDERLINE)
		*attr |= A_UNDERLINE;
	if (g->attrs & SGR_BLINK)
		*attr |= A_BLINK;
	if (g->attrs & SGR_REVERSE)
		*attr |= A_REVERSE;
	*pair = 0;
	if (g->fg == -1 && g->bg == -1)
		return;
	if (!screen_colours || g->fg >= COLORS || g->bg >= COLORS) {
		/* No such colour here: at least make it stand out. */
		if (!screen_colours)
			*attr |= A_BOLD;
		return;
	}
	for (i = 0; i < used; i++)
		if (fgs[i] == g->fg && bgs[i] == g->bg) {
			*pair = (short)(first + i);
			return;
		}
	max = COLOR_PAIRS - first;
	if (max > 256)
		max = 256;
	if (max <= 0)
		return;
	i = used < max ? used++ : (int)((unsigned)(g->fg * 31 + g->bg) % (unsigned)max);
	fgs[i] = (short)g->fg;
	bgs[i] = (short)g->bg;
	init_pair((short)(first + i), (short)g->fg, (short)g->bg);
	*pair = (short)(first + i);
}

/* Draw ASCII text at (y, x) in a style. */
void
screen_ascii(int y, int x, const char *s, size_t n, enum style st)
{
	attr_t	attr;
	short	pair;
	size_t	i;

	style_get(st, &attr, &pair);
	for (i = 0; i < n; i++) {
		wchar_t	wc = (unsigned char)s[i];

		screen_put(y, x + (int)i, &wc, 1, attr, pair);
	}
}

/*
 * Draw a UTF-8 string (a file name, a message) made safe and cut to at
 * most maxw columns. Returns the columns used.
 */
int
screen_text_cut(int y, int x, const char *s, int maxw, enum style st)
{
	const uint8_t	*p = (const uint8_t *)s;
	size_t		 len = strlen(s), pos = 0;
	struct unit	 u;
	int		 used = 0, w;

	while (pos < len) {
		sanitize_next(p, len, pos, &u);
		if (used + (w = width_unit(&u)) > maxw)
			break;
		if (u.kind == UNIT_CHAR)
			screen_cluster(y, x + used, s + pos, u.len, st);
		else if (u.kind == UNIT_VISIBLE)
			screen_ascii(y, x + used, u.text, (size_t)w,
			    STYLE_CONTROL);
		else if (u.kind == UNIT_NEWLINE || u.kind == UNIT_TAB)
			screen_ascii(y, x + used, u.kind == UNIT_TAB ? "^I" :
			    "^J", (size_t)w, STYLE_CONTROL);
		used += w;
		pos += u.len;
	}
	return used;
}

/*
 * Spans of the frame being drawn: quotes and search matches over the
 * visible blocks, as absolute source offsets.
 */
struct span {
	size_t		 start;
	size_t		 end;
	enum style	 style;
};
static struct span	*spans;
static size_t		 nspans, spans_cap;

static void
span_add(size_t start, size_t end, enum style st)
{
	if (nspans == spans_cap) {
		spans_cap = spans_cap ? spans_cap * 2 : 64;
		spans = xreallocarray(spans, spans_cap, sizeof *spans);
	}
	spans[nspans].start = start;
	spans[nspans].end = end;
	spans[nspans].style = st;
	nspans++;
}

/* The style of the cell at off: the strongest span over it, or base. */
static enum style
span_style(size_t off, enum style base)
{
	enum style	st = base;
	size_t		i;

	for (i = 0; i < nspans; i++)
		if (spans[i].start <= off && off < spans[i].end &&
		    spans[i].style > st)
			st = spans[i].style;
	return st;
}

/*
 * Add the quotes and matches of a laid-out block, or piece of a block
 * (layout.c), to the frame's spans.
 */
static void
screen_block_spans(struct pager *pg, const struct layout *lay)
{
	struct block	 b = { lay->start, lay->end };
	struct quote	*q;
	size_t		 n, i, from;
	int		 local;
	const struct quote *cur = NULL;

	if (pg->quote >= 0 && (size_t)pg->quote < pg->outline.nq)
		cur = &pg->outline.q[pg->quote];
	n = outline_quotes(&pg->outline, pg->src, &lay->block, &b, &q,
	    &local);
	for (i = 0; i < n; i++)
		span_add(q[i].start, q[i].end, !local && &q[i] == cur ?
		    STYLE_CURQUOTE : STYLE_QUOTE);
	if (local)
		free(q);
	if (cur != NULL && cur->start < b.end && cur->end > b.start)
		span_add(cur->start, cur->end, STYLE_CURQUOTE);
	if (pg->find.s != NULL) {
		size_t	*m = NULL, nm = 0;

		/* A match from the piece before may run into this one. */
		from = b.start - lay->block.start < LAYOUT_HUGE ?
		    lay->block.start : b.start - LAYOUT_HUGE;
		find_matches(&pg->find, pg->src, from, b.end, &m, &nm);
		for (i = 0; i < nm; i += 2)
			if (m[i + 1] > b.start)
				span_add(m[i], m[i + 1], pg->find.have &&
				    m[i] == pg->find.ms ? STYLE_CURMATCH :
				    STYLE_MATCH);
		free(m);
	}
}

/* screen_text_cut, with an ellipsis where the text was cut. */
int
screen_text(int y, int x, const char *s, int maxw, enum style st)
{
	int	used;

	if (width_string(s) <= maxw || maxw <= 1)
		return screen_text_cut(y, x, s, maxw, st);
	used = screen_text_cut(y, x, s, maxw - width_cp(0x2026), st);
	screen_cluster(y, x + used, "\xe2\x80\xa6", 3, st);
	return used + width_cp(0x2026);
}

/* Draw one laid-out row at screen row y, text column starting at x. */
static void
screen_row(struct pager *pg, int y, int x, const struct layout *lay,
    size_t row)
{
	const struct row	*r = &lay->rows[row];
	const struct cell	*c;
	enum style		 st = STYLE_TEXT;
	size_t			 i, spaces = 0, k = 0, ri = 0;
	int			 col = 0, stretch;

	if (lay->type == BLOCK_HEADING)
		st = STYLE_HEADING;
	else if (lay->type == BLOCK_HEADER)
		st = STYLE_HEADER;
	stretch = pg->justify && dump_row_justified(lay, row);
	if (stretch)
		for (i = 0; i < r->count; i++)
			if (lay->cells[r->first + i].flags & CELL_SPACE)
				spaces++;
	for (i = 0; i < r->count; i++) {
		enum style	cst;
		int		extra = 0;

		c = &lay->cells[r->first + i];
		cst = nspans ? span_style(lay->start + c->src, st) : st;
		/* -R: the text's own style, unless a match or the current
		 * quote covers it. */
		while (ri + 1 < lay->nsgr && lay->sgr[ri + 1].text <= c->text)
			ri++;
		if (lay->nsgr > 0 && lay->sgr[ri].text <= c->text &&
		    cst < STYLE_CURQUOTE && !(c->flags & CELL_VISIBLE) &&
		    !(c->flags & CELL_SPACE) && c->width > 0) {
			attr_t	attr;
			short	pair;

			screen_sgr(&lay->sgr[ri].style, &attr, &pair);
			screen_cluster_attr(y, x + col, lay->text + c->text,
			    c->len, attr, pair);
			col += c->width;
			continue;
		}
		if (stretch && (c->flags & CELL_SPACE))
			extra = dump_justify_extra(lay->width, r->width,
			    (int)spaces, (int)k++);
		if (c->flags & CELL_VISIBLE)
			screen_ascii(y, x + col, lay->text + c->text, c->len,
			    cst > STYLE_QUOTE ? cst : STYLE_CONTROL);
		else if (c->flags & CELL_SPACE) {
			int	j;

			if (cst != st)
				for (j = 0; j < c->width + extra; j++)
					screen_ascii(y, x + col + j, " ", 1,
					    cst);
		} else if (c->width > 0)
			screen_cluster(y, x + col, lay->text + c->text, c->len,
			    cst);
		col += c->width + extra;
	}
	if (r->flags & ROW_CONT)
		screen_ascii(y, x + lay->width - 1, ROW_CONT_MARK,
		    strlen(ROW_CONT_MARK), STYLE_MARK);
}

/*
 * The title of the section the top row is in, or "". The outline is used
 * as far as the idle loop has built it; past that, the blocks above the
 * top are looked at, at most SECTION_LOOKBACK of them, so that a frame
 * never waits for a pass over the document. Beyond that the title is ""
 * until the outline is complete, and the loop draws again then.
 */
#define SECTION_LOOKBACK 64
void
screen_section_title(struct pager *pg, char *buf, size_t size)
{
	const struct outline	*o = &pg->outline;
	const struct section	*sec;
	struct block		 b;
	size_t			 top = view_top_offset(pg->view), t, te;
	int			 i, n, more;

	buf[0] = '\0';
	if (!o->done && top >= o->scanned) {
		more = block_at(pg->src, top, &b);
		for (n = 0; more && b.start >= o->scanned; n++) {
			if (n == SECTION_LOOKBACK)
				return;
			if (b.start <= top &&
			    parse_block(pg->src, &b) == BLOCK_HEADING) {
				parse_heading_text(pg->src, &b, &t, &te);
				source_copy(pg->src, t, te, buf, size);
				return;
			}
			more = block_prev(pg->src, &b, &b);
		}
		if (!more)
			return;		/* no heading above the top */
	}
	i = outline_find(o, top);
	if (i < 0)
		return;
	sec = &o->v[i];
	source_copy(pg->src, sec->title, sec->title_end, buf, size);
}

/*
 * The end of s that fits in maxw columns (a file name too long for the
 * status line: its end, the file's own name, tells the most), cut at a
 * directory separator if one fits, else at a character; NULL if all of
 * s fits.
 */
static const char *
screen_tail(const char *s, int maxw)
{
	const uint8_t	*p = (const uint8_t *)s;
	const char	*slash;
	size_t		 len = strlen(s), pos = 0, n = 0, count;
	size_t		 start[640];
	int		 width[640], w = 0;
	struct unit	 u;

	while (pos < len && n < sizeof start / sizeof start[0]) {
		sanitize_next(p, len, pos, &u);
		start[n] = pos;
		width[n++] = width_unit(&u);
		pos += u.len;
	}
	count = n;
	while (n > 0 && w + width[n - 1] <= maxw)
		w += width[--n];
	if (n == 0)
		return NULL;
	if (n == count)
		return s + len;		/* not a character fits */
	/* From a directory separator, if one fits: no half names. */
	if ((slash = strchr(s + start[n], '/')) != NULL && slash[1] != '\0')
		return slash;
	return s + start[n];
}

/*
 * The status line: file name and section on the left, position on the
 * right; or a message.
 */
static void
screen_status(struct pager *pg, int y, int cols)
{
	char		 right[64], left[640], title[256], name[320];
	const char	*tail;
	attr_t		 attr;
	short		 pair;
	int		 rw, x;

	style_get(STYLE_STATUS, &attr, &pair);
	for (x = 0; x < cols; x++)
		screen_put(y, x, L" ", 1, attr, pair);
	right[0] = '\0';
	if (pg->find.s != NULL && pg->find.have) {
		if (pg->find.count_done && pg->find.index_known)
			snprintf(right, sizeof right, " %zu/%zu",
			    pg->find.before + 1, pg->find.total);
		else if (pg->find.count_done)
			snprintf(right, sizeof right, " %zu matches",
			    pg->find.total);
		else
			snprintf(right, sizeof right, " ?/\xe2\x80\xa6");
	}
	x = (int)strlen(right);
	if (view_at_end(pg->view))
		snprintf(right + x, sizeof right - (size_t)x, " (END) %d%% ",
		    view_percent(pg->view));
	else
		snprintf(right + x, sizeof right - (size_t)x, " %d%% ",
		    view_percent(pg->view));
	rw = width_string(right);
	if (rw > cols)
		rw = 0;
	if (pg->message[0] != '\0')
		snprintf(left, sizeof left, "%s", pg->message);
	else {
		screen_section_title(pg, title, sizeof title);
		x = snprintf(name, sizeof name, "%s", pg->src->name);
		if (pg->nfiles > 1 && x >= 0 && (size_t)x < sizeof name)
			x += snprintf(name + x, sizeof name - (size_t)x,
			    " (file %zu of %zu)", pg->cur + 1, pg->nfiles);
		if (x >= 0 && (size_t)x < sizeof name && (pg->src->len == 0 ||
		    pg->src->binary))
			snprintf(name + x, sizeof name - (size_t)x, " (%s)",
			    pg->src->len == 0 ? "empty" : "binary");
		snprintf(left, sizeof left, "%s%s%s", name,
		    title[0] != '\0' ? " \xc2\xbb " : "", title);
		/* No room for both: the section matters more. */
		if (title[0] != '\0' && width_string(left) > cols - rw - 2)
			snprintf(left, sizeof left, "%s", title);
		/* A name too long: its end, after an ellipsis. */
		else if (title[0] == '\0' && (tail = screen_tail(name,
		    cols - rw - 2 - width_cp(0x2026))) != NULL)
			snprintf(left, sizeof left, "\xe2\x80\xa6%s", tail);
	}
	screen_text(y, 1, left, cols - rw - 2, STYLE_STATUS);
	if (rw > 0)
		screen_text(y, cols - rw, right, rw, STYLE_STATUS);
}

void
screen_draw(struct pager *pg)
{
	struct view_row	*rows;
	int		 n, y, x, cols = COLS, lines = LINES;

	screen_erase();
	x = (cols - view_width(pg->view)) / 2;
	if (x < 0)
		x = 0;
	rows = xreallocarray(NULL, (size_t)lines, sizeof *rows);
	n = view_rows(pg->view, rows, lines - 1);
	nspans = 0;
	for (y = 0; y < n; y++)
		if (y == 0 || rows[y].lay != rows[y - 1].lay)
			screen_block_spans(pg, rows[y].lay);
	for (y = 0; y < n; y++)
		screen_row(pg, y, x, rows[y].lay, rows[y].row);
	/* Past the end, as less shows it. */
	for (; y < lines - 1; y++)
		screen_ascii(y, x, "~", 1, STYLE_MARK);
	free(rows);
	screen_status(pg, lines - 1, cols);
}

/* Is a key waiting? (Incremental search gives up to type-ahead.) */
int
screen_pending(void *arg)
{
	struct pollfd	pfd;

	if (screen_interrupted(arg))
		return 1;
	pfd.fd = fileno(screen_tty);
	pfd.events = POLLIN;
	return poll(&pfd, 1, 0) > 0;
}

/* Say so in the status line if the file changed on disk (source.c). */
static void
screen_check_source(struct pager *pg)
{
	if (pg->message[0] == '\0' && source_changed(pg->src))
		snprintf(pg->message, sizeof pg->message,
		    "file changed on disk; showing what was read");
}

/* Fit the view to the terminal's size. */
void
screen_fit(struct pager *pg)
{
	int	lines = LINES > 1 ? LINES - 1 : 1;

	pg->cols = COLS;
	pg->lines = LINES;
	view_resize(pg->view, pager_measure(pg, COLS), lines);
	pg->refit = 0;
}

/* Are the n characters of s a cursor position report, ESC [ row ; col R? */
static int
screen_cpr_shape(const wint_t *s, int n)
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
screen_cpr_key(int code)
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
	r = s[n] == '\0' && screen_cpr_shape(w, n);
	free(s);
	return r;
}

/*
 * After an ESC: the rest of a cursor position report, if that is what
 * waits (taken and dropped: returns 1); else whatever was read is put
 * back, in order, for the next reads, and 0.
 */
static int
screen_cpr_rest(void)
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
	if (screen_cpr_shape(w, n))
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

/*
 * Read a key: characters as themselves, function keys with KEY_FUNC.
 * A cursor position report is no key: the probe's answers can come after
 * it stopped waiting (a slow link), and curses would hand them over as a
 * shifted F3 or as ESC [ 1 2 ; 9 R, keys that beep or move. They are
 * dropped.
 */
int
screen_key(void)
{
	wint_t	wc;
	int	r;

	for (;;) {
		r = get_wch(&wc);
		if (r == ERR && screen_sig_int) {	/* Ctrl-C, in cbreak */
			screen_sig_int = 0;
			return 'c' & 0x1f;
		}
		if (r == ERR)
			return -1;
		if (r == KEY_CODE_YES && screen_cpr_key((int)wc))
			continue;
		if (r == KEY_CODE_YES)
			return (int)wc | KEY_FUNC;
		if (wc == 0x1b && screen_cpr_rest())
			continue;
		return (int)wc;
	}
}

/*
 * Ask for one key with a prompt on the status row (m, ', :). Returns the
 * key, or -1.
 */
int
screen_ask(struct pager *pg, const char *prompt)
{
	int	key;

	screen_draw(pg);
	move(LINES - 1, 0);
	clrtoeol();
	screen_text(LINES - 1, 0, prompt, COLS, STYLE_TEXT);
	curs_set(1);
	refresh();
	timeout(-1);
	do
		key = screen_key();
	while (key == (KEY_MOUSE | KEY_FUNC) || key == (KEY_RESIZE | KEY_FUNC));
	curs_set(0);
	return key;
}

/*
 * Might the terminal page: is TERM set, and not "dumb"? If not, *why says
 * so. Whether its type is known and can move the cursor is found when
 * curses starts, from the one reading of its description: screen_run()
 * then returns SCREEN_CANNOT_PAGE.
 */
int
screen_can_page(char **why)
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

/* A mouse event on the page: the wheel scrolls three rows. */
static int
screen_mouse(struct pager *pg)
{
	MEVENT	ev;

	if (getmouse(&ev) != OK)
		return 0;
	if (ev.bstate & BUTTON4_PRESSED)
		view_scroll(pg->view, -3);
	else if (ev.bstate & BUTTON5_PRESSED)
		view_scroll(pg->view, 3);
	else
		return 0;
	return 1;
}

/* Take the probe's answers: the widths lede lays out with. */
static void
screen_probed(struct pager *pg, struct probe *probe)
{
	struct probe_result	pr;

	if (probe != NULL && probe_answer(probe, &pr) == 0) {
		if (pg->ambiguous_auto)
			width_set_ambiguous(pr.ambiguous);
		width_set_joins(pr.zwj_joins, pr.modifier_joins);
	}
}

/* Where the reader starts: the saved position, -j's section, -p's match. */
static void
screen_start(struct pager *pg)
{
	pg->cols = COLS;
	pg->lines = LINES;
	pager_enter(pg, pg->start_section == NULL &&
	    pg->start_pattern == NULL);
	screen_fit(pg);
	if (pg->start_section != NULL) {
		int	i = outline_lookup(&pg->outline, pg->src,
		    pg->start_section);

		if (i >= 0)
			view_goto_offset(pg->view, pg->outline.v[i].start);
	}
	if (pg->start_pattern != NULL) {
		char	*why = NULL;

		if (find_set(&pg->find, pg->start_pattern, 0, 1, &why) == -1) {
			snprintf(pg->message, sizeof pg->message, "%s", why);
			free(why);
		} else if (find_go(&pg->find, pg->src, 0, 1, NULL, NULL) > 0)
			screen_show_match(pg);
		else
			snprintf(pg->message, sizeof pg->message,
			    "Pattern not found");
	}
}

/*
 * The first frame, drawn straight from terminfo before curses starts.
 * newterm() and the setup after it take about 1.2 ms on the benchmark
 * machine (its three windows alone are 40 fresh pages, a page fault each),
 * more than all of lede's own work before the first frame; the reader
 * sees the page that much sooner. Only where the frame is sure to be what
 * curses will take it for: a UTF-8 locale, a terminal with the
 * capabilities the frame uses, whose last cell does not scroll, whose
 * colours combine with every attribute; no -R (its colours are pairs made
 * as needed). Returns 1 if the frame is on the terminal (the probe's
 * answers, then, taken).
 */
static int
screen_first(struct pager *pg, struct probe **probe, TERMINAL **early_term)
{
	static const char *const need[] = {
		"cup", "clear", "sgr0", "bold", "rev", "smul",
	};
	int	fd = fileno(screen_tty), err;
	size_t	i;

	if (pg->raw_control || strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		return 0;
	if (setupterm(NULL, fd, &err) != OK)
		return 0;
	*early_term = cur_term;
	for (i = 0; i < sizeof need / sizeof need[0]; i++)
		if (screen_capstr(need[i]) == NULL)
			return 0;
	if ((tigetflag("am") > 0 && tigetflag("xenl") <= 0) || LINES < 2 ||
	    COLS < 2)
		return 0;
	/* has_colors() as ncurses answers it, which needs a screen. */
	screen_colours = screen_want_colours(tigetnum("colors") > 0 &&
	    tigetnum("pairs") > 0 && ((screen_capstr("setaf") != NULL &&
	    screen_capstr("setab") != NULL) || (screen_capstr("setf") != NULL &&
	    screen_capstr("setb") != NULL) || screen_capstr("scp") != NULL));
	if (screen_colours && (screen_capstr("setaf") == NULL ||
	    tigetnum("ncv") > 0))
		return 0;

	screen_probed(pg, *probe);
	*probe = NULL;
	screen_signals(fd);
	screen_start(pg);
	early.on = 1;
	early.fd = fd;
	early.len = 0;
	early.y = -1;
	early.attr = A_NORMAL;
	early.pair = -1;		/* unknown: the first cell sets it */
	early_cap("smcup");
	early_cap("civis");
	screen_draw(pg);
	early_cap("sgr0");
	screen_early_shown = 1;
	early_flush();
	early.on = 0;
	return 1;
}

/*
 * Curses takes over the first frame: it draws the same frame once with
 * its output sent to /dev/null, so that it knows what the terminal shows,
 * and from then on writes only what changes. Its setup strings go the
 * same way; the frame sent their like (the alternate screen, the cursor
 * hidden), and what comes after (modes, keypad, mouse) is written.
 * Where curses finds another size or other colours than the frame, it
 * draws everything again instead.
 */
static void
screen_adopt(struct pager *pg)
{
	int		 ofd = fileno(screen_out), null, keep;
	int		 lines = LINES, cols = COLS, colours = screen_colours;
	int		 y, x;

	null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	keep = fcntl(ofd, F_DUPFD_CLOEXEC, 0);
	if (null == -1 || keep == -1 || dup2(null, ofd) == -1) {
		if (null != -1)
			close(null);
		if (keep != -1)
			close(keep);
		endwin();
		refresh();
		screen_init_styles();
		clearok(curscr, TRUE);
		return;
	}
	typeahead(-1);		/* a key must not cut this refresh short */
	endwin();		/* out of ncurses' "initial" state: see below */
	refresh();
	screen_init_styles();
	screen_draw(pg);
	refresh();
	dup2(keep, ofd);
	close(keep);
	close(null);
	typeahead(fileno(screen_tty));
	if (LINES != lines || COLS != cols || screen_colours != colours) {
		screen_fit(pg);		/* a resize since the frame */
		clearok(curscr, TRUE);
		return;
	}
	/* The cursor where curses left it, in the rendition it assumes. */
	getyx(stdscr, y, x);
	early.len = 0;
	early_puts(tiparm(screen_capstr("cup"), y, x));
	early_flush();
}

/*
 * Run the pager on the terminal until the reader quits. Returns 0, or -1
 * with *cause set if the terminal cannot be used.
 */
int
screen_run(struct pager *pg, char **cause)
{
	struct probe		*probe;
	TERMINAL		*early_term = NULL;
	sigset_t		 tstp;
	int			 key, draw = 1, errors = 0, first, ofd;

	if ((screen_tty = fopen("/dev/tty", "r+")) == NULL) {
		xasprintf(cause, "/dev/tty: cannot open the terminal");
		return -1;
	}
	/*
	 * What the terminal joins is always asked: drawing depends on it;
	 * the ambiguous width only when it was not given. The answers
	 * travel while terminfo is read (screen_first), or while curses
	 * starts (which writes to the terminal but does not read it);
	 * curses is then told the modes lede found, which the probe gave
	 * back.
	 */
	screen_tmodes_ok = tcgetattr(fileno(screen_tty), &screen_tmodes) == 0;
	probe = probe_ask(fileno(screen_tty));
	fatal_set_cleanup(screen_cleanup);
	screen_color_mode = pg->color;
	/* Ctrl-Z waits for curses' handler: the frame may be up before it. */
	sigemptyset(&tstp);
	sigaddset(&tstp, SIGTSTP);
	sigprocmask(SIG_BLOCK, &tstp, NULL);
	first = screen_first(pg, &probe, &early_term);
	/*
	 * Curses writes to a descriptor of its own, which screen_adopt
	 * points at /dev/null for a while.
	 */
	ofd = fcntl(fileno(screen_tty), F_DUPFD_CLOEXEC, 0);
	if (ofd == -1 || (screen_out = fdopen(ofd, "w")) == NULL)
		fatal("/dev/tty: %s", strerror(errno));
	screen_term = newterm(NULL, screen_out, screen_tty);
	if (early_term != NULL && screen_term != NULL)
		del_curterm(early_term);
	screen_probed(pg, probe);
	if (screen_term == NULL) {
		screen_cleanup();
		sigprocmask(SIG_UNBLOCK, &tstp, NULL);
		xasprintf(cause, "terminal '%s' is unknown", getenv("TERM"));
		fclose(screen_out);
		fclose(screen_tty);
		return SCREEN_CANNOT_PAGE;
	}
	/*
	 * Without the first frame, the probe was answered after newterm(),
	 * which took the modes it had set for the modes to give back.
	 */
	if (!first)
		def_shell_mode();
	if (screen_capstr("cup") == NULL) {
		xasprintf(cause, "terminal '%s' cannot page", getenv("TERM"));
		endwin();
		sigprocmask(SIG_UNBLOCK, &tstp, NULL);
		delscreen(screen_term);
		fclose(screen_out);
		fclose(screen_tty);
		return SCREEN_CANNOT_PAGE;
	}
	/*
	 * ncurses 6.4 flushes its output at every cursor move until the
	 * screen has once been through endwin() (its state stays
	 * "initial"): a refresh is then a write(2) per row, a packet each
	 * over ssh, and a screen that arrives row by row. Through endwin()
	 * now, before anything is drawn (curses has written only its setup,
	 * in the same write as this), and back at once, before colours
	 * start (a resume with colours on resets the terminal's palette),
	 * every refresh is one write. screen_adopt does the same, unseen.
	 */
	if (first)
		screen_adopt(pg);
	else {
		endwin();
		refresh();
	}
	screen_active = 1;
	screen_early_shown = 0;
	sigprocmask(SIG_UNBLOCK, &tstp, NULL);
	screen_signals(fileno(screen_tty));
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	if (!first)
		screen_init_styles();
	if (!pg->no_mouse) {
		mouseinterval(0);
		mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED |
		    BUTTON5_PRESSED, NULL);
	}
	if (!first)
		screen_start(pg);
	while (!pg->quit) {
		int	idle;

		if (draw) {
			screen_draw(pg);
			refresh();
		}
		/*
		 * While no key waits: lay out the last screen (so that G
		 * only draws), build the outline, count matches.
		 */
		idle = !view_end_ready(pg->view) || !pg->outline.done ||
		    (pg->find.s != NULL && !pg->find.count_done);
		timeout(idle ? 0 : -1);
		key = screen_key();
		if (screen_sig_quit)
			break;
		if (key == ('c' & 0x1f)) {	/* Ctrl-C: not quit, as in less */
			draw = 0;
			continue;
		}
		if (key == -1) {
			draw = 0;
			if (idle) {
				/*
				 * One slice at a time: a key waits for one.
				 * 64 KB of outline takes about 0.1 ms here
				 * (256 KB took 0.5 ms, up to 3), for the same
				 * total.
				 */
				if (!view_end_ready(pg->view))
					view_warm_end(pg->view);
				else if (!pg->outline.done) {
					if (outline_step(&pg->outline, pg->src,
					    64 << 10))
						draw = 1;
				} else if (pg->find.s != NULL &&
				    !pg->find.count_done &&
				    find_count_step(&pg->find, pg->src))
					draw = 1;
			} else if (++errors > 100)
				pg->quit = 1;	/* the terminal is gone */
			continue;
		}
		errors = 0;
		draw = 1;
		if (key != (KEY_RESIZE | KEY_FUNC))
			pg->message[0] = '\0';
		if (key == (KEY_RESIZE | KEY_FUNC)) {
			screen_fit(pg);
			continue;
		}
		if (key == (KEY_MOUSE | KEY_FUNC)) {
			draw = screen_mouse(pg);
			continue;
		}
		if (!key_dispatch(pg, key))
			beep();
		if (pg->refit)
			screen_fit(pg);
		screen_check_source(pg);
	}
	pager_leave(pg);
	screen_cleanup();
	if (screen_sig_quit)
		exit(128 + screen_sig_quit);
	delscreen(screen_term);
	fclose(screen_out);
	fclose(screen_tty);
	return 0;
}
