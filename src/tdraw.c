/*
 * tdraw.c: cells on the terminal, through curses or, for the first frame,
 * straight from terminfo.
 *
 * Everything lede shows goes through term_put(): a cell of one grapheme
 * cluster (or one character of a cluster the terminal does not join) at
 * the column the layout computed for it, never where curses would advance
 * to on its own. Callers hand over only display text made safe by
 * sanitize.c, or text they pass through term_text(), which makes it safe;
 * so no byte of an article, a name or a message reaches the terminal raw.
 * Styles are a table indexed by STYLE_*, degrading to attributes without
 * colour.
 *
 * The first frame is drawn before curses starts (term.c says why): the
 * same calls then write cursor moves, renditions and UTF-8 through tputs()
 * into a buffer of their own, so that the terminal shows cell for cell
 * what curses later takes to be on the screen.
 */

#include "config.h"

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <term.h>
#undef lines			/* term.h names capabilities as macros */
#undef columns
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include <unictype.h>
#include <unigbrk.h>
#include <unistr.h>

#include "lede.h"
#include "ui.h"
#include "termpriv.h"

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

/* A terminfo string of the terminal, or NULL where it has none. */
char *
tdraw_capstr(const char *cap)
{
	char	*v = tigetstr(cap);

	return v == (char *)-1 ? NULL : v;
}

static int	tdraw_colour_on;	/* the styles' colours are in use */
static int	tdraw_color_mode;	/* COLOR_* */

void
tdraw_set_color_mode(int mode)
{
	tdraw_color_mode = mode;
}

/*
 * Colours, if the terminal has them and --color and NO_COLOR allow
 * (no-color.org: a NO_COLOR that is set and not empty).
 */
int
tdraw_want_colours(int has)
{
	const char	*nc = getenv("NO_COLOR");

	return has && tdraw_color_mode != COLOR_NEVER &&
	    !(tdraw_color_mode == COLOR_AUTO && nc != NULL && *nc != '\0');
}

int
tdraw_colours(void)
{
	return tdraw_colour_on;
}

/* The first frame's colours, decided from terminfo alone. */
void
tdraw_first_colours(int on)
{
	tdraw_colour_on = on;
}

/* Start colours in curses, if wanted, and the styles' pairs. */
void
tdraw_start_colours(void)
{
	int	i;

	tdraw_colour_on = 0;
	if (!tdraw_want_colours(has_colors()) || start_color() == ERR)
		return;
	use_default_colors();
	for (i = 0; i < STYLE_MAX; i++)
		init_pair((short)(i + 1), styles[i].fg, -1);
	tdraw_colour_on = 1;
}

/* The curses attributes and pair of a style. */
static void
style_get(enum style s, attr_t *attr, short *pair)
{
	*attr = styles[s].attr;
	*pair = 0;
	if (tdraw_colour_on && styles[s].fg != -1)
		*pair = (short)(s + 1);
	else if (!tdraw_colour_on)
		*attr |= styles[s].mono;
}

/*
 * Where drawing goes: curses' stdscr, except for the first frame, which
 * goes straight to the terminal while curses starts.
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

void
tdraw_early_cap(const char *cap)
{
	early_puts(tdraw_capstr(cap));
}

/*
 * The terminal's modes while lede draws (term.c says why): explicit bidi
 * (CSI 8 l) and, where the terminal has it but had it off, grapheme
 * cluster mode (CSI ? 2027 h); back as they were when lede stops or
 * leaves. Async-signal-safe: flags and write(2) on the terminal.
 */
static volatile sig_atomic_t	modes_on;	/* the modes were sent */
static int			modes_clusters;	/* 2027 is lede's to set */
static int			modes_fd = -1;

void
tdraw_modes_fd(int fd)
{
	modes_fd = fd;
}

/* Mode 2027 is to be set while lede draws (the terminal had it off). */
void
tdraw_modes_clusters(int on)
{
	modes_clusters = on;
}

/* The early frame sent the modes (on 1). */
void
tdraw_modes_sent(int on)
{
	modes_on = on;
}

/* What sets the modes (on 1) or gives them back. */
const char *
tdraw_modes_string(int on)
{
	if (modes_clusters)
		return on ? "\033[8l\033[?2027h" : "\033[8h\033[?2027l";
	return on ? "\033[8l" : "\033[8h";
}

/* Set the modes (on 1) or give them back, if not so already. */
void
tdraw_modes(int on)
{
	const char	*v = tdraw_modes_string(on);

	if (modes_on == on || modes_fd == -1)
		return;
	(void)write(modes_fd, v, strlen(v));
	modes_on = on;
}

/* Append a control string of lede's own to the frame. */
void
tdraw_early_str(const char *v)
{
	early_puts(v);
}

/* Drawing goes to the terminal on fd, from terminfo, until early_end. */
void
tdraw_early_begin(int fd)
{
	early.on = 1;
	early.fd = fd;
	early.len = 0;
	early.y = -1;
	early.attr = A_NORMAL;
	early.pair = -1;		/* unknown: the first cell sets it */
}

/* The first frame is complete: write it out; curses draws from now on. */
void
tdraw_early_end(void)
{
	early_flush();
	early.on = 0;
}

/* Put the cursor at (y, x) by hand (where curses believes it is). */
void
tdraw_early_cursor(int y, int x)
{
	early.len = 0;
	early_puts(tiparm(tdraw_capstr("cup"), y, x));
	early_flush();
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
	tdraw_early_cap("sgr0");
	for (i = 0; i < sizeof caps / sizeof caps[0]; i++)
		if (attr & caps[i].attr)
			tdraw_early_cap(caps[i].cap);
	if (pair > 0 && pair <= STYLE_MAX && styles[pair - 1].fg >= 0 &&
	    (v = tdraw_capstr("setaf")) != NULL)
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
/*
 * A character lede counts two columns wide where curses, asking the C
 * library, counts one (an East Asian ambiguous one, with -a wide in a
 * terminal that draws it so; in grapheme cluster mode, a heart with
 * VS16): curses would write it and go on as if the
 * terminal's cursor had moved one column, and every cell after it on
 * the row would land a column to the right. So curses is given a
 * character that is two columns wide everywhere, an ideographic space
 * (U+3000) in the same rendition, and the real one is written over it
 * after each refresh, at its place, with the cursor put back where
 * curses left it: nothing can drift.
 */
#define OVERLAY_PLACEHOLDER	0x3000
struct overlay {
	int		 y, x;
	wchar_t		 wc[CCHARW_MAX];
	int		 k;
	attr_t		 attr;
	short		 pair;
};
static struct overlay	*overlays;
static size_t		 noverlays, overlays_cap;

/* Does lede count the cell two columns wide (an ambiguous character with
 * -a wide; in cluster mode, an emoji asked for by VS16)? */
static int
overlay_wide(const wchar_t *wc, int k)
{
	uint8_t	u[CCHARW_MAX * 4];
	size_t	n = 0;
	int	i, m;

	if (width_cp((uint32_t)wc[0]) == 2)
		return 1;
	if (k < 2)
		return 0;
	for (i = 0; i < k; i++)
		if ((m = u8_uctomb(u + n, (ucs4_t)wc[i], (int)(sizeof u - n)))
		    > 0)
			n += (size_t)m;
	return width_cluster(u, n) == 2;
}

static int
overlay_add(int y, int x, const wchar_t *wc, int k, attr_t attr, short pair)
{
	struct overlay	*o;
	cchar_t		 cc;
	wchar_t		 ph[2] = { OVERLAY_PLACEHOLDER, L'\0' };
	int		 i;

	if (x + 1 >= COLS)
		return 0;	/* no room for two columns: as it is */
	if (noverlays == overlays_cap) {
		overlays_cap = overlays_cap ? 2 * overlays_cap : 64;
		overlays = xreallocarray(overlays, overlays_cap,
		    sizeof *overlays);
	}
	o = &overlays[noverlays++];
	o->y = y;
	o->x = x;
	o->k = k < CCHARW_MAX ? k : CCHARW_MAX;
	for (i = 0; i < o->k; i++)
		o->wc[i] = wc[i];
	o->attr = attr;
	o->pair = pair;
	setcchar(&cc, ph, attr, pair, NULL);
	mvadd_wch(y, x, &cc);
	return 1;
}

/* What overlay_paint writes, in one write(2) when it can. */
static char	overlay_buf[4096];
static size_t	overlay_len;

static void
overlay_flush(void)
{
	if (overlay_len > 0)
		(void)!write(modes_fd, overlay_buf, overlay_len);
	overlay_len = 0;
}

/* n is at most 64 bytes: a character and its marks. */
static void
overlay_write(const char *s, size_t n)
{
	if (n > 64)
		return;
	if (overlay_len + n > sizeof overlay_buf)
		overlay_flush();
	memcpy(overlay_buf + overlay_len, s, n);
	overlay_len += n;
}

static int
overlay_putc(int c)
{
	char	b = (char)c;

	overlay_write(&b, 1);
	return c;
}

/*
 * After a refresh: each character over its placeholder, if the cell
 * still holds it (a menu may have covered it since), then the rendition
 * curses assumes (normal) and the cursor where curses left it.
 */
static void
overlay_paint(void)
{
	struct overlay	*o;
	cchar_t		 cc;
	wchar_t		 got[CCHARW_MAX + 1];
	attr_t		 a;
	short		 p;
	char		 out[64];
	size_t		 i, n;
	int		 j, m, cy, cx;

	if (noverlays == 0 || modes_fd == -1)
		return;
	for (i = 0; i < noverlays; i++) {
		o = &overlays[i];
		if (mvwin_wch(curscr, o->y, o->x, &cc) == ERR ||
		    getcchar(&cc, got, &a, &p, NULL) == ERR ||
		    got[0] != OVERLAY_PLACEHOLDER)
			continue;
		tputs(tiparm(tdraw_capstr("cup"), o->y, o->x), 1,
		    overlay_putc);
		vid_puts(o->attr, o->pair, NULL, overlay_putc);
		for (j = 0, n = 0; j < o->k; j++)
			if ((m = u8_uctomb((uint8_t *)out + n,
			    (ucs4_t)o->wc[j], (int)(sizeof out - n))) > 0)
				n += (size_t)m;
		overlay_write(out, n);
	}
	vid_puts(A_NORMAL, 0, NULL, overlay_putc);
	getyx(curscr, cy, cx);
	tputs(tiparm(tdraw_capstr("cup"), cy, cx), 1, overlay_putc);
	overlay_flush();
}

static void
term_put(int y, int x, const wchar_t *wc, int k, attr_t attr, short pair)
{
	cchar_t	cc;
	uint8_t	u[6];
	int	i, n;

	if (!early.on) {
		if (k > 0 && wcwidth(wc[0]) == 1 && overlay_wide(wc, k) &&
		    overlay_add(y, x, wc, k, attr, pair))
			return;
		setcchar(&cc, L" ", attr, pair, NULL);
		for (i = 0; i < CCHARW_MAX; i++)
			cc.chars[i] = i < k ? wc[i] : L'\0';
		mvadd_wch(y, x, &cc);
		return;
	}
	if (early.y != y || early.x != x)
		early_puts(tiparm(tdraw_capstr("cup"), y, x));
	early_rendition(attr, pair);
	for (i = 0; i < k; i++)
		if ((n = u8_uctomb(u, (ucs4_t)wc[i], sizeof u)) > 0)
			early_add((const char *)u, (size_t)n);
	/* Where the terminal leaves the cursor is assumed for ASCII only. */
	early.y = k == 1 && wc[0] >= 0x20 && wc[0] < 0x7f ? y : -1;
	early.x = x + 1;
}

/* Clear the page being drawn. */
void
term_erase(void)
{
	if (!early.on) {
		erase();
		noverlays = 0;
		return;
	}
	/* In the default colours, as curses clears (a terminal with bce
	 * would clear in the shell's left-over background). */
	tdraw_early_cap("sgr0");
	early.attr = A_NORMAL;
	early.pair = 0;
	tdraw_early_cap("clear");
	early.y = early.x = 0;
}

/*
 * Put a cluster the terminal draws as one glyph into one curses cell.
 * setcchar() would stop at the second spacing character, so the cell is
 * filled by hand; curses writes every character of a cell and advances by
 * the width of the first, which is the cluster's width here.
 */
static int
term_packed(int y, int x, const uint8_t *p, const uint8_t *end, attr_t attr,
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
	term_put(y, x, wc, k, attr, pair);
	return 1;
}

/*
 * Draw one cluster of display text at (y, x). A cluster the terminal
 * joins into one glyph goes into one curses cell; otherwise each spacing
 * character gets a cell of its own at its own column, and zero-width
 * characters ride on the cell before them.
 */
static void
term_cluster_attr(int y, int x, const char *s, size_t n, attr_t attr,
    short pair)
{
	const uint8_t	*p = (const uint8_t *)s, *end = p + n;
	wchar_t		 wc[CCHARW_MAX];
	ucs4_t		 uc;
	int		 k = 0, w, col = x, adv = 0;

	if (n > 4 && term_packed(y, x, p, end, attr, pair))
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
			term_put(y, col, wc, k, attr, pair);
			col += adv;
			k = 0;
		}
		if (w > 0)
			adv = w;
		if (k < CCHARW_MAX)
			wc[k++] = (wchar_t)uc;
	}
	if (k > 0 && adv > 0)
		term_put(y, col, wc, k, attr, pair);
}

/* Draw a cluster of display text at (y, x) in a style of the table. */
void
term_cluster(int y, int x, const char *s, size_t n, enum style st)
{
	attr_t	attr;
	short	pair;

	style_get(st, &attr, &pair);
	term_cluster_attr(y, x, s, n, attr, pair);
}

/*
 * -R: curses attributes and a colour pair for an SGR style. Pairs are
 * made as needed after the table's own, and reused when they run out.
 */
static void
tdraw_sgr(const struct sgr *g, attr_t *attr, short *pair)
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
	if (!tdraw_colour_on || g->fg >= COLORS || g->bg >= COLORS) {
		/* No such colour here: at least make it stand out. */
		if (!tdraw_colour_on)
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
	i = used < max ? used++ :
	    (int)((unsigned)(g->fg * 31 + g->bg) % (unsigned)max);
	fgs[i] = (short)g->fg;
	bgs[i] = (short)g->bg;
	init_pair((short)(first + i), (short)g->fg, (short)g->bg);
	*pair = (short)(first + i);
}

/* Draw a cluster of display text at (y, x) in the text's own style (-R). */
void
term_cluster_sgr(int y, int x, const char *s, size_t n, const struct sgr *g)
{
	attr_t	attr;
	short	pair;

	tdraw_sgr(g, &attr, &pair);
	term_cluster_attr(y, x, s, n, attr, pair);
}

/* Draw ASCII text at (y, x) in a style. */
void
term_ascii(int y, int x, const char *s, size_t n, enum style st)
{
	attr_t	attr;
	short	pair;
	size_t	i;

	style_get(st, &attr, &pair);
	for (i = 0; i < n; i++) {
		wchar_t	wc = (unsigned char)s[i];

		term_put(y, x + (int)i, &wc, 1, attr, pair);
	}
}

/* Fill n cells from (y, x) with blanks in a style. */
void
term_fill(int y, int x, int n, enum style st)
{
	int	i;

	for (i = 0; i < n; i++)
		term_ascii(y, x + i, " ", 1, st);
}

/*
 * Draw a UTF-8 string (a file name, a message, the pattern typed) made
 * safe and cut to at most maxw columns, a grapheme cluster to a cell: a
 * combining mark rides on its base. Returns the columns used.
 */
int
term_text_cut(int y, int x, const char *s, int maxw, enum style st)
{
	const uint8_t	*p = (const uint8_t *)s;
	size_t		 len = strlen(s), pos = 0, end;
	struct unit	 u, v;
	char		*brk;
	int		 used = 0, w;

	brk = xmalloc(len + 1);
	u8_grapheme_breaks(p, len, brk);
	while (pos < len) {
		sanitize_next(p, len, pos, &u);
		end = pos + u.len;
		if (u.kind == UNIT_CHAR) {
			/* The cluster: printable characters up to a break. */
			while (end < len && !brk[end]) {
				sanitize_next(p, len, end, &v);
				if (v.kind != UNIT_CHAR)
					break;
				end += v.len;
			}
			w = width_cluster(p + pos, end - pos);
		} else
			w = width_unit(&u);
		if (used + w > maxw)
			break;
		if (u.kind == UNIT_CHAR)
			term_cluster(y, x + used, s + pos, end - pos, st);
		else if (u.kind == UNIT_VISIBLE)
			term_ascii(y, x + used, u.text, (size_t)w,
			    STYLE_CONTROL);
		else if (u.kind == UNIT_NEWLINE || u.kind == UNIT_TAB)
			term_ascii(y, x + used, u.kind == UNIT_TAB ? "^I" :
			    "^J", (size_t)w, STYLE_CONTROL);
		used += w;
		pos = end;
	}
	free(brk);
	return used;
}

/* term_text_cut, with an ellipsis where the text was cut. */
int
term_text(int y, int x, const char *s, int maxw, enum style st)
{
	int	used;

	if (width_string(s) <= maxw || maxw <= 1)
		return term_text_cut(y, x, s, maxw, st);
	used = term_text_cut(y, x, s, maxw - width_cp(0x2026), st);
	term_cluster(y, x + used, "\xe2\x80\xa6", 3, st);
	return used + width_cp(0x2026);
}

/* A box of h rows and w columns at (y, x), blank inside (curses only). */
void
term_box(int y, int x, int h, int w)
{
	int	i;

	if (early.on)
		return;
	attr_set(A_NORMAL, 0, NULL);
	for (i = 0; i < h; i++) {
		move(y + i, x);
		hline(' ', w);
	}
	mvaddch(y, x, ACS_ULCORNER);
	mvhline(y, x + 1, ACS_HLINE, w - 2);
	mvaddch(y, x + w - 1, ACS_URCORNER);
	mvvline(y + 1, x, ACS_VLINE, h - 2);
	mvvline(y + 1, x + w - 1, ACS_VLINE, h - 2);
	mvaddch(y + h - 1, x, ACS_LLCORNER);
	mvhline(y + h - 1, x + 1, ACS_HLINE, w - 2);
	mvaddch(y + h - 1, x + w - 1, ACS_LRCORNER);
}

/*
 * The cursor: shown at (y, x) (the prompt's) or hidden, as the frame
 * being drawn asks; it is put there when the frame goes out.
 */
static struct {
	int	on;
	int	y, x;
} tdraw_cur;

void
term_cursor(int y, int x)
{
	tdraw_cur.on = 1;
	tdraw_cur.y = y;
	tdraw_cur.x = x;
}

void
term_cursor_hide(void)
{
	tdraw_cur.on = 0;
}

/* Send what was drawn to the terminal. */
void
term_refresh(void)
{
	if (early.on)
		return;
	if (tdraw_cur.on)
		move(tdraw_cur.y, tdraw_cur.x);
	curs_set(tdraw_cur.on);
	tdraw_modes(1);
	refresh();
	overlay_paint();
}

/* Draw everything again at the next refresh (Ctrl-L). */
void
term_redraw(void)
{
	if (!early.on)
		clearok(curscr, TRUE);
}
