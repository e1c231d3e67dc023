/*
 * t-prop.c: property tests of blocks and layout on random mixed text.
 *
 * Documents are made from fixed seeds by a small PRNG of our own, so every
 * run sees the same text: Latin words, CJK, kana, Hangul syllables and
 * conjoining jamo, emoji with ZWJ, skin tones and flags, combining marks,
 * curly quotes, ambiguous-width characters, C0 and C1 controls, ESC,
 * invalid UTF-8, tabs, CRLF and verbatim lines; the last documents hold
 * long runs with few anchors of line breaking (digits, controls,
 * punctuation, spaces). Every block is laid out at every width from 10 to
 * 120 and checked:
 *
 *  (a) no row is wider than the width (with the continuation mark), and
 *      a row's width is the sum of its cells;
 *  (b) every cell is one grapheme cluster of the display text (cells of
 *      a shown control are single ASCII bytes, and a cluster wider than
 *      the width or longer than 65535 bytes may be cut at code points);
 *  (c) nothing is lost or reordered: the rows give back the display text
 *      but for white space at breaks, and the display text holds every
 *      non-blank character of the source in order, controls and bad bytes
 *      in their visible form;
 *  (d) kinsoku: no row that starts at a break opportunity starts with
 *      。，、」）！？ or follows a row ending in 「（;
 *  (e) greedy (--greedy): rows end at the last opportunity that fits
 *      (below); total fit (the default): rows start at opportunities
 *      where they differ from greedy's, their squared slack is at most
 *      greedy's, but for the one penalty (a widow) fit.c may trade, and
 *      no way to set the paragraph costs less (every way is tried);
 *  (f) a paragraph longer than LAYOUT_HUGE, laid out in pieces, keeps
 *      (a) to (e) in each, and its pieces keep its text (below).
 *
 * Blocks found forwards, backwards and by block_at() must agree.
 */

#include "config.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unigbrk.h>
#include <unilbrk.h>
#include <unictype.h>
#include <unistr.h>

#include "lede.h"
#include "tap.h"

#define WIDTH_MIN	10
#define WIDTH_MAX	120
#define NDOCS		8
#define NSPARSE		2	/* the last few: runs with few anchors */
#define NPARAS		120

static uint64_t	rng;

/* xorshift64*: small, fast and the same everywhere. */
static uint32_t
rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (uint32_t)((rng * 0x2545f4914f6cdd1dULL) >> 32);
}

/* A random number in [0, n). */
static uint32_t
rnd_n(uint32_t n)
{
	return rnd() % n;
}

struct buf {
	char	*s;
	size_t	 n;
	size_t	 cap;
};

static void
put(struct buf *b, const void *p, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		while (b->n + n + 1 > b->cap)
			b->cap = b->cap == 0 ? 4096 : b->cap * 2;
		b->s = xreallocarray(b->s, b->cap, 1);
	}
	memcpy(b->s + b->n, p, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void
put_s(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void
put_cp(struct buf *b, uint32_t cp)
{
	uint8_t	u[6];
	int	n;

	n = u8_uctomb(u, cp, sizeof u);
	if (n > 0)
		put(b, u, (size_t)n);
}

/* Append one random "word" of some script or kind. */
static void
gen_word(struct buf *b)
{
	static const char *const emoji[] = {
		("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d"
		    "\xf0\x9f\x91\xa7"),			/* family */
		"\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd",	/* thumbs up, tone */
		"\xf0\x9f\x87\xaf\xf0\x9f\x87\xb5",	/* flag JP */
		"\xf0\x9f\x87\xba\xf0\x9f\x87\xb8",	/* flag US */
		"\xe2\x9d\xa4\xef\xb8\x8f",		/* heart, VS16 */
		"\xf0\x9f\x8f\xb3\xef\xb8\x8f\xe2\x80\x8d\xf0\x9f\x8c\x88",
		"\xf0\x9f\x98\x80", "\xf0\x9f\x8e\x89",
	};
	static const char *const punct[] = {
		"\xe3\x80\x82", "\xef\xbc\x8c", "\xe3\x80\x81",	/* 。，、 */
		"\xe3\x80\x8d", "\xef\xbc\x89", "\xef\xbc\x81",	/* 」）！ */
		"\xef\xbc\x9f", "\xe3\x80\x8c", "\xef\xbc\x88",	/* ？「（ */
		"\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x98",	/* “”‘ */
		"\xe2\x80\x99", ",", ".", "(", ")", "\"", "-", "\xe2\x80\x94",
	};
	static const uint32_t ambiguous[] = {
		0xb1, 0xd7, 0xf7, 0xb0, 0x3b1, 0x3a9, 0x2460, 0x2500, 0x25cb,
		0x2605, 0x203b, 0xa7,
	};
	static const char *const hostile[] = {
		"\x1b[31m", "\x01", "\x07", "\x7f", "\xc2\x85", "\xc2\x9b",
		"\xff", "\xc0\xaf", "\x80", "\xe3\x81", "\xed\xa0\x80",
		"\xe2\x80\xae", "\xef\xbb\xbf", "\xe2\x80\x8b", "\x1b",
	};
	uint32_t	 i, n, k = rnd_n(100);

	if (k < 35) {			/* Latin, sometimes accented */
		n = 1 + rnd_n(10);
		for (i = 0; i < n; i++) {
			if (rnd_n(15) == 0)
				put_cp(b, 0xe0 + rnd_n(0x1f));
			else
				put_cp(b, 'a' + rnd_n(26));
			if (rnd_n(40) == 0)
				put_cp(b, 0x300 + rnd_n(0x70));
		}
	} else if (k < 45) {		/* CJK ideographs */
		n = 1 + rnd_n(12);
		for (i = 0; i < n; i++)
			put_cp(b, 0x4e00 + rnd_n(0x5000));
	} else if (k < 52) {		/* hiragana and katakana */
		n = 1 + rnd_n(10);
		for (i = 0; i < n; i++)
			put_cp(b, rnd_n(2) ? 0x3041 + rnd_n(0x56) :
			    0x30a1 + rnd_n(0x5a));
	} else if (k < 57) {		/* Hangul syllables */
		n = 1 + rnd_n(5);
		for (i = 0; i < n; i++)
			put_cp(b, 0xac00 + rnd_n(11172));
	} else if (k < 60) {		/* conjoining jamo L V (T) */
		n = 1 + rnd_n(3);
		for (i = 0; i < n; i++) {
			put_cp(b, 0x1100 + rnd_n(19));
			put_cp(b, 0x1161 + rnd_n(21));
			if (rnd_n(2))
				put_cp(b, 0x11a8 + rnd_n(27));
		}
	} else if (k < 66) {
		put_s(b, emoji[rnd_n(sizeof emoji / sizeof emoji[0])]);
	} else if (k < 70) {		/* stacked combining marks */
		put_cp(b, 'a' + rnd_n(26));
		n = 1 + rnd_n(4);
		for (i = 0; i < n; i++)
			put_cp(b, 0x300 + rnd_n(0x70));
	} else if (k < 84) {
		put_s(b, punct[rnd_n(sizeof punct / sizeof punct[0])]);
	} else if (k < 88) {
		put_cp(b, ambiguous[rnd_n(sizeof ambiguous /
		    sizeof ambiguous[0])]);
	} else if (k < 93) {
		put_s(b, hostile[rnd_n(sizeof hostile / sizeof hostile[0])]);
	} else if (k < 96) {		/* numbers */
		n = 1 + rnd_n(6);
		for (i = 0; i < n; i++)
			put_cp(b, '0' + rnd_n(10));
		if (rnd_n(2))
			put_s(b, rnd_n(2) ? "%" : ".5");
	} else if (k < 98) {
		put_s(b, "\t");
	} else {			/* a long token */
		n = 20 + rnd_n(150);
		for (i = 0; i < n; i++)
			put_cp(b, 'a' + rnd_n(26));
	}
}

/* Append one random paragraph (or verbatim block) and its separator. */
static void
gen_para(struct buf *b)
{
	const char	*eol = rnd_n(5) == 0 ? "\r\n" : "\n";
	uint32_t	 lines = 1 + rnd_n(6), l, w, nw;
	int		 cjk = rnd_n(3) == 0;
	int		 prose = rnd_n(4) != 0;

	/* Prose: one long line (a block of lines of random lengths is
	 * kept as lines, parse.c, and is not filled greedily). */
	if (prose)
		lines = 1;
	/* A list item, hanging: its lines are its text. */
	if (rnd_n(6) == 0) {
		static const char *const marks[] = {
			"- ", "* ", "  \xe2\x80\xa2 ", "1. ", "12) ", "(a) ",
			"\xe2\x80\x93 ", "+  "
		};

		put_s(b, marks[rnd_n(8)]);
	}
	for (l = 0; l < lines; l++) {
		if (rnd_n(6) == 0)
			put_s(b, rnd_n(3) ? "    " : "\t");	/* verbatim */
		else if (rnd_n(10) == 0)
			put_s(b, "  ");
		nw = 1 + rnd_n(prose ? 40 : 14);
		for (w = 0; w < nw; w++) {
			gen_word(b);
			if (!cjk || rnd_n(4) == 0)
				put_s(b, rnd_n(15) ? " " : "  ");
		}
		put_s(b, eol);
	}
	put_s(b, eol);
	if (rnd_n(8) == 0)
		put_s(b, rnd_n(2) ? " \t" : "\n");
}

/*
 * Append one long run with few or no anchors of line breaking (see
 * layout.c), where layout asks about breaks far back from the end of a
 * row: digits, controls, punctuation and spaces, marks, emoji sequences,
 * now and then a word.
 */
static void
gen_sparse_run(struct buf *b)
{
	static const char *const bits[] = {
		" ", "-", "|", ")", "}", ",", ".", "/", "\"", "'", "(", "%",
		"$", "!", "?", ";", ":", "\xe2\x80\x9c", "\xe2\x80\x9d",
		"\xcc\x81", "\xe2\x80\x8d", "\xf0\x9f\x87\xaf",
		"\xe3\x80\x81", "\xc2\xa0", "\xe2\x80\x94", "\x01", "\x7f",
		"\xff", "\xe2\x80\x8b", " \xcc\x81", "\xf0\x9f\x91\xa8",
	};
	uint32_t	 i, n = 1 + rnd_n(700), k = rnd_n(5);

	for (i = 0; i < n; i++) {
		if (k == 0)
			put_cp(b, '0' + rnd_n(10));
		else if (k == 1)
			put_cp(b, rnd_n(2) ? 0 : 1 + rnd_n(8));
		else if (rnd_n(200) == 0)
			gen_word(b);
		else
			put_s(b, bits[rnd_n(sizeof bits / sizeof bits[0])]);
	}
}

/* Append one paragraph of such runs, in a few lines. */
static void
gen_sparse_para(struct buf *b)
{
	uint32_t	 lines = rnd_n(4) ? 1 : 1 + rnd_n(3), l, r;

	for (l = 0; l < lines; l++) {
		for (r = 1 + rnd_n(lines == 1 ? 6 : 3); r > 0; r--)
			gen_sparse_run(b);
		put_s(b, "\n");
	}
	put_s(b, "\n");
}

static long	nrows_checked, nlayouts, nfail, ncont, nvisible, nkinsoku, ngreedy;
static long	nindent;

/* Record one failed property, but report only the first few. */
static void
fail(const struct layout *lay, const char *what)
{
	if (nfail++ < 10)
		tap_diag("width %d, block at %zu: %s", lay->width, lay->start,
		    what);
}

/* Is the row's first code point one that must not start a line? */
static int
no_start(const char *s)
{
	static const char *const bad[] = {
		"\xe3\x80\x82", "\xef\xbc\x8c", "\xe3\x80\x81", "\xe3\x80\x8d",
		"\xef\xbc\x89", "\xef\xbc\x81", "\xef\xbc\x9f",
	};
	size_t	i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (strncmp(s, bad[i], 3) == 0)
			return 1;
	return 0;
}

/* Is it one that must not end a line? */
static int
no_end(const char *s)
{
	return strncmp(s, "\xe3\x80\x8c", 3) == 0 ||
	    strncmp(s, "\xef\xbc\x88", 3) == 0;
}

/* Does layout break at this value of bounds_lines()? */
static int
is_opportunity(char b)
{
	return b == UC_BREAK_POSSIBLE || b == UC_BREAK_MANDATORY;
}

/* Is the last non-space before text[at] a zero width space? */
static int
after_zwsp(const struct layout *lay, size_t at)
{
	while (at > 0 && lay->text[at - 1] == ' ')
		at--;
	return at >= 3 && memcmp(lay->text + at - 3, "\xe2\x80\x8b", 3) == 0;
}

/* The non-blank display units of the source block, as layout shows them. */
static void
expected_text(const struct doc *in, const struct block *blk,
    struct buf *out)
{
	struct unit	u;
	size_t		pos;

	out->n = 0;
	put(out, "", 0);
	for (pos = blk->start; pos < blk->end; pos += u.len) {
		sanitize_next(in->data, blk->end, pos, &u);
		if (u.kind == UNIT_CHAR && u.cp != ' ')
			put(out, in->data + pos, u.len);
		else if (u.kind == UNIT_VISIBLE)
			put_s(out, u.text);
	}
}

/* Width of a cluster as layout gives it: a leading mark sits on a space. */
static int
cluster_width(const char *s, size_t n)
{
	ucs4_t	uc;

	u8_mbtouc(&uc, (const uint8_t *)s, n);
	return width_cluster((const uint8_t *)s, n) +
	    (uc_is_general_category(uc, UC_CATEGORY_M) ? 1 : 0);
}

/* Show the rows around a failure (T_PROP_DUMP set). */
static void
dump_bad(const struct layout *lay, size_t row)
{
	char	*buf = NULL;
	size_t	 len, i;

	for (i = row > 1 ? row - 2 : 0; i <= row + 1 && i < lay->nrows; i++) {
		dump_row(lay, i, 0, &buf, &len);
		tap_diag("%zu%s: [%s]", i, i == row ? "*" : "", buf);
	}
	free(buf);
}

/*
 * (e) Greedy: each row ends at the last opportunity of the whole text's
 * bounds_lines() before the first cell that does not fit, as if every
 * opportunity were known (layout asks only about the ends of rows).
 * Verbatim lines are not broken at opportunities: not checked.
 */
static void
check_greedy(const struct layout *lay, const char *lbrk)
{
	const struct cell	*c;
	size_t			 i = 0, r = lay->gap, first, lastbrk;
	int			 col;

	/* Verbatim lines are cut, not broken; kept lines (BLOCK_LINES) never
	 * break in their indent and hang: neither is filled so. */
	for (i = 0; i < lay->ncells; i++)
		if (lay->cells[i].flags & (CELL_VERBATIM | CELL_KEPT))
			return;
	i = 0;
	while (i < lay->ncells) {
		/* A row is as wide as its indent (a list item's) leaves. */
		int	width = lay->width - (r < lay->nrows ?
			    lay->rows[r].indent : 0);

		first = lastbrk = i;
		col = 0;
		for (; i < lay->ncells; i++) {
			c = &lay->cells[i];
			if (c->flags & CELL_BREAK) {
				i++;
				break;
			}
			if (i > first && is_opportunity(lbrk[c->text]))
				lastbrk = i;
			if (col + c->width > width && i > first &&
			    !(c->flags & CELL_SPACE)) {
				if (lastbrk > first)
					i = lastbrk;
				break;
			}
			col += c->width;
		}
		if (r >= lay->nrows || lay->rows[r].first != first) {
			fail(lay, "a row does not end at the last "
			    "opportunity that fits");
			return;
		}
		r++;
	}
	ngreedy += r - lay->gap;
}

/* The squared slack of a layout's rows, but its last. */
static unsigned long
slack2(const struct layout *lay)
{
	unsigned long	sum = 0;
	size_t		i;
	long		d;

	for (i = lay->gap; i + 1 < lay->nrows; i++) {
		d = lay->width - lay->rows[i].indent - lay->rows[i].width;
		sum += (unsigned long)(d * d);
	}
	return sum;
}

/*
 * (e) for total fit: the layout fit (fit.c's) against the greedy one of
 * the same block: the same rows, or rows that start at opportunities
 * and leave no more squared slack (but the widow penalty, at most
 * (width / 8)^2).
 *
 * And its rows are the best there are: of every way to set a paragraph
 * in rows that start at the opportunities of the whole text, none costs
 * less, by the cost fit.c documents (the squared slack of every row but
 * the last, and (width / 8)^2 for a last row of one word of FIT_WIDOW
 * columns at most). Each way is tried (a search that drops a way once it
 * costs more than the best found, which costs never fall), on paragraphs
 * total fit sets, whose ways are few enough to try.
 */
static long	nfit, nfit_better, nfit_tried;

#define TRY_NODES	(1L << 12)	/* rows tried, per layout, at most */

struct try {
	const long	*endcol;	/* the columns to the end of the row
					   that ends before cell k */
	const long	*col;		/* columns before cell k */
	const char	*opp;		/* may a row start at cell k? */
	size_t		 nc, lastword;
	long		 width, widow, best, nodes;
};

/* The least cost of the rows from cell s on, cost so far, into t->best. */
static void
try_rows(struct try *t, size_t s, long cost)
{
	size_t	e;
	long	w;

	for (e = s + 1; e <= t->nc; e++) {
		if (e < t->nc && !t->opp[e])
			continue;
		if (++t->nodes > TRY_NODES)
			return;
		if ((w = t->endcol[e] - t->col[s]) > t->width)
			return;		/* and so is every later end */
		if (e == t->nc) {
			w = cost + (s >= t->lastword && w <= FIT_WIDOW ?
			    t->widow : 0);
			if (w < t->best)
				t->best = w;
		} else if (cost + (t->width - w) * (t->width - w) < t->best)
			try_rows(t, e, cost + (t->width - w) * (t->width - w));
	}
}

/* Check that a paragraph's total-fit rows cost the least there is. */
static void
check_fit_best(const struct layout *fit, const char *lbrk)
{
	const struct cell	*c = fit->cells;
	struct try		 t;
	size_t			 nc = fit->ncells, k, nopp = 0, r;
	long			*col, *endcol, trail = 0, cost = 0, d;
	char			*opp;

	if (fit->type != BLOCK_PARAGRAPH || nc == 0 || nc > FIT_MAX)
		return;
	for (r = fit->gap; r < fit->nrows; r++)
		if (fit->rows[r].indent != 0)
			return;
	for (k = 0; k < nc; k++)
		if (c[k].flags & (CELL_BREAK | CELL_VERBATIM | CELL_KEPT))
			return;
	col = xreallocarray(NULL, nc + 1, sizeof *col);
	endcol = xreallocarray(NULL, nc + 1, sizeof *endcol);
	opp = xcalloc(nc + 1, 1);
	memset(&t, 0, sizeof t);
	for (k = 0, col[0] = 0; k < nc; k++) {
		col[k + 1] = col[k] + c[k].width;
		endcol[k] = col[k] - trail;
		if (c[k].flags & CELL_SPACE) {
			trail += c[k].width;
			t.lastword = k + 1;
			continue;
		}
		trail = 0;
		if (k > 0 && is_opportunity(lbrk[c[k].text]))
			opp[k] = 1, nopp++;
	}
	endcol[nc] = col[nc] - trail;
	/* Text that may break nearly anywhere is left to greedy filling. */
	if (nopp + 2 > nc / FIT_DENSE + 2)
		goto out;
	t.endcol = endcol;
	t.col = col;
	t.opp = opp;
	t.nc = nc;
	t.width = fit->width;
	t.widow = (long)(fit->width / 8) * (fit->width / 8);
	t.best = LONG_MAX;
	try_rows(&t, 0, 0);
	if (t.nodes > TRY_NODES || t.best == LONG_MAX)
		goto out;	/* too many ways, or a word wider than a row */
	for (r = fit->gap; r + 1 < fit->nrows; r++) {
		d = fit->width - fit->rows[r].width;
		cost += d * d;
	}
	if (fit->rows[r].first >= t.lastword && fit->rows[r].width <=
	    FIT_WIDOW)
		cost += t.widow;
	nfit_tried++;
	if (cost != t.best)
		fail(fit, "total fit's rows are not the best");
out:
	free(col);
	free(endcol);
	free(opp);
}

static void
check_fit(const struct layout *fit, const struct layout *greedy,
    const char *lbrk)
{
	size_t	i, same = fit->nrows == greedy->nrows;
	long	pen = (fit->width / 8) * (fit->width / 8);

	for (i = 0; same && i < fit->nrows; i++)
		same = fit->rows[i].first == greedy->rows[i].first;
	nfit++;
	check_fit_best(fit, lbrk);
	if (same)
		return;
	nfit_better++;
	for (i = fit->gap + 1; i < fit->nrows; i++)
		if (!is_opportunity(lbrk[fit->cells[fit->rows[i].first].text]))
			fail(fit, "a total-fit row starts where no break is "
			    "allowed");
	if (slack2(fit) > slack2(greedy) + (unsigned long)pen)
		fail(fit, "total fit leaves more slack than greedy filling");
}

/*
 * Each cell says where its text is in the document (search and the
 * view's positions go by it): in order, and the bytes of a character
 * other than a space are the document's own (plain text is not
 * transformed; a space may be a line break joined).
 */
static void
check_src(const struct doc *doc, const struct layout *lay)
{
	const struct cell	*c;
	size_t			 i, at;

	for (i = 0; i < lay->ncells; i++) {
		c = &lay->cells[i];
		if (i > 0 && c->src < lay->cells[i - 1].src) {
			fail(lay, "cells' source offsets go back");
			break;
		}
		if ((c->flags & (CELL_VISIBLE | CELL_BREAK)) ||
		    (unsigned char)lay->text[c->text] <= ' ')
			continue;
		at = lay->start + c->src;
		if (at + c->len > doc->len || memcmp(doc->data + at,
		    lay->text + c->text, c->len) != 0) {
			fail(lay, "a cell's source offset is not its text");
			break;
		}
	}
}

/* Check properties (a) to (e) of one layout. */
static void
check_layout(const struct layout *lay, const struct buf *want, char *gbrk,
    char *lbrk, int greedy)
{
	struct buf		 got = { NULL, 0, 0 }, rows = { NULL, 0, 0 };
	const struct cell	*c;
	const struct row	*r;
	size_t			 i, k, next = 0, ncl;
	int			 w, firstrow = 1;

	/* The cells tile the display text. */
	for (i = 0, k = 0; i < lay->ncells; i++) {
		if (lay->cells[i].text != k) {
			fail(lay, "cells do not tile the text");
			break;
		}
		k += lay->cells[i].len;
	}
	if (k != lay->ntext)
		fail(lay, "cells do not cover the text");

	/* (b) one cluster per cell. */
	if (lay->ntext > 0)
		u8_grapheme_breaks((const uint8_t *)lay->text, lay->ntext,
		    gbrk);
	gbrk[0] = 1;
	gbrk[lay->ntext] = 1;
	for (i = 0; i < lay->ncells; i++) {
		c = &lay->cells[i];
		if (c->flags & CELL_VISIBLE) {
			nvisible++;
			if (c->len != 1 || (unsigned char)lay->text[c->text] >=
			    0x80)
				fail(lay, "visible cell not one ASCII byte");
			continue;
		}
		if (i > 0 && (lay->cells[i - 1].flags & CELL_VISIBLE))
			;	/* a shown control is a cluster of its own */
		else if (!gbrk[c->text]) {
			/* Only clusters wider than a row or a cell is long. */
			size_t	s = c->text, e = c->text + c->len;

			while (s > 0 && !gbrk[s])
				s--;
			while (e < lay->ntext && !gbrk[e])
				e++;
			if (cluster_width(lay->text + s, e - s) <= lay->width &&
			    e - s <= UINT16_MAX)
				fail(lay, "cell starts inside a cluster");
		}
		for (k = c->text + 1; k < (size_t)c->text + c->len; k++)
			if (gbrk[k])
				fail(lay, "cell holds more than one cluster");
	}

	/* (a), (c) and (d) over the rows. */
	if (lay->ntext > 0)
		bounds_lines((const uint8_t *)lay->text, lay->ntext, lbrk);
	if (lay->ntext > 0)	/* and Korean and Thai words, as layout */
		bounds_words((const uint8_t *)lay->text, lay->ntext, 0,
		    lay->ntext, lbrk);
	/* As layout does: no opportunity inside one shown control. */
	for (i = 1; i < lay->ncells; i++)
		if ((lay->cells[i].flags & CELL_VISIBLE) &&
		    (lay->cells[i - 1].flags & CELL_VISIBLE) &&
		    lay->cells[i].src == lay->cells[i - 1].src)
			lbrk[lay->cells[i].text] = UC_BREAK_PROHIBITED;
	if (greedy)
		check_greedy(lay, lbrk);
	for (i = 0; i < lay->nrows; i++) {
		r = &lay->rows[i];
		if (r->flags & ROW_GAP) {
			if (i >= lay->gap || r->count != 0)
				fail(lay, "misplaced gap row");
			continue;
		}
		nrows_checked++;
		/* Cells skipped between rows: white space and breaks only. */
		for (; next < r->first; next++)
			if (!(lay->cells[next].flags & (CELL_SPACE |
			    CELL_BREAK)))
				fail(lay, "non-blank cell in no row");
		if (r->first < next)
			fail(lay, "rows overlap");
		for (w = 0, k = r->first; k < (size_t)r->first + r->count;
		    k++) {
			c = &lay->cells[k];
			w += c->width;
			if (!(c->flags & CELL_BREAK))
				put(&rows, lay->text + c->text, c->len);
		}
		next = (size_t)r->first + r->count;
		if (w != r->width)
			fail(lay, "row width is not the sum of its cells");
		if (r->flags & ROW_CONT)
			ncont++;
		if (r->indent + w + ((r->flags & ROW_CONT) ? 1 : 0) >
		    lay->width)
			fail(lay, "row wider than the width");
		if (r->indent > 0)
			nindent++;
		/* (d) kinsoku, where the row starts at an opportunity. */
		if (!firstrow && r->count > 0 && i > 0 &&
		    !(lay->rows[i - 1].flags & ROW_HARD)) {
			const struct row	*p = &lay->rows[i - 1];

			c = &lay->cells[r->first];
			/*
			 * A zero width space is an explicit opportunity
			 * (LB8), before anything: not checked.
			 */
			k = p->count > 0 ? p->first + p->count - 1 : 0;
			if (!(c->flags & CELL_VERBATIM) &&
			    !is_opportunity(lbrk[c->text])) {
				/* Cut mid-word: the row before had no room. */
				for (k = p->first + 1; k < r->first; k++)
					if (is_opportunity(lbrk[
					    lay->cells[k].text]))
						fail(lay, "row cut where a "
						    "break opportunity was");
				k = p->count > 0 ? p->first + p->count - 1 : 0;
			}
			if (!(c->flags & CELL_VERBATIM) &&
			    lbrk[c->text] == UC_BREAK_POSSIBLE &&
			    !after_zwsp(lay, c->text)) {
				nkinsoku++;
				if (no_start(lay->text + c->text)) {
					fail(lay, "row starts with closing "
					    "punctuation");
					if (getenv("T_PROP_DUMP"))
						dump_bad(lay, i);
				}
				if (p->count > 0 && no_end(lay->text +
				    lay->cells[k].text))
					fail(lay, "row ends with opening "
					    "punctuation");
			}
		}
		firstrow = 0;
	}
	for (; next < lay->ncells; next++)
		if (!(lay->cells[next].flags & (CELL_SPACE | CELL_BREAK)))
			fail(lay, "non-blank cell after the last row");

	/* (c) the rows hold the text but for blanks; the text, the source. */
	put(&got, "", 0);
	for (i = 0; i < lay->ntext; i++)
		if (lay->text[i] != ' ' && lay->text[i] != '\n')
			put(&got, lay->text + i, 1);
	ncl = 0;
	for (i = 0; i < rows.n; i++)
		if (rows.s[i] != ' ' && rows.s[i] != '\n')
			rows.s[ncl++] = rows.s[i];
	if (ncl != got.n || memcmp(rows.s, got.s, ncl) != 0)
		fail(lay, "rows lose or reorder text");
	if (want != NULL && (got.n != want->n || memcmp(got.s, want->s,
	    got.n) != 0))
		fail(lay, "display text loses or reorders the source");
	free(got.s);
	free(rows.s);
}

/*
 * Append a paragraph of more than four times LAYOUT_PIECE bytes, which
 * layout.c lays out in pieces, so that its cuts fall among verbatim lines,
 * in a line longer than LAYOUT_HUGE, in a run of digits with no break
 * opportunity and in a verbatim line longer than the window of a cut.
 */
static void
gen_huge(struct buf *b)
{
	size_t	start = b->n, col = 0;
	int	k;

	while (b->n - start < LAYOUT_PIECE - 30000) {
		gen_word(b);
		if ((col += 6) < 70)
			put_s(b, " ");
		else {
			/* A word that is a tab alone would make a blank line. */
			put_s(b, rnd_n(5) == 0 ? " w\r\nw " : " w\nw ");
			col = 0;
		}
	}
	put_s(b, " w\n");	/* (no line starts a list item: "w " first) */
	while (b->n - start < LAYOUT_PIECE + 30000) {	/* verbatim */
		put_s(b, rnd_n(2) ? "\tcode" : "    code");
		for (k = rnd_n(12); k > 0; k--) {
			put_s(b, " ");
			gen_word(b);
		}
		put_s(b, "\n");
	}
	while (b->n - start < 2 * LAYOUT_PIECE + 700000) {	/* one line */
		gen_word(b);
		if (rnd_n(8) != 0)
			put_s(b, " ");
	}
	put_s(b, " w\nw ");
	while (b->n - start < 3 * LAYOUT_PIECE - 200000) {
		gen_word(b);
		put_s(b, rnd_n(12) == 0 ? " w\nw " : " ");
	}
	while (b->n - start < 3 * LAYOUT_PIECE + 200000)	/* no break */
		put_cp(b, '0' + rnd_n(10));
	put_s(b, " w\nw ");
	while (b->n - start < 4 * LAYOUT_PIECE - 100000) {
		gen_word(b);
		put_s(b, rnd_n(12) == 0 ? " w\nw " : " ");
	}
	put_s(b, " w\n\tverbatim");	/* one long verbatim line */
	while (b->n - start < 4 * LAYOUT_PIECE + 100000) {
		put_s(b, rnd_n(20) == 0 ? "\t" : " ");
		gen_word(b);
	}
	while (b->n - start < 4 * LAYOUT_PIECE + 700000) {
		put_s(b, " ");
		gen_word(b);
	}
	put_s(b, "\n\n");
}

static long	npieces;

/* Report a failure of the pieces of a block (first few only). */
static void
fail_pieces(const struct block *p, int width, const char *what)
{
	if (nfail++ < 10)
		tap_diag("width %d, piece [%zu, %zu): %s", width, p->start,
		    p->end, what);
}

/*
 * (f) Pieces: a block longer than LAYOUT_HUGE is laid out piece after
 * piece, and (a) to (e) hold in each; the pieces tile the block and give
 * back its text; only the last row of a piece that is not the last ends
 * it; the piece found from any offset in it is the same.
 */
static void
check_pieces(const struct doc *in, const struct block *blk,
    const struct buf *want, int width)
{
	struct block	 p, q;
	struct layout	*lay;
	struct buf	 all = { NULL, 0, 0 };
	char		*gbrk = NULL, *lbrk = NULL;
	size_t		 i, at = blk->start, off[4];
	uint8_t		 fl;

	put(&all, "", 0);
	piece_at(in, blk, blk->start, &p);
	for (;;) {
		npieces++;
		if (p.start != at || p.end <= p.start)
			fail_pieces(&p, width, "pieces do not tile the block");
		fit_greedy = 1;		/* pieces are filled greedily */
		lay = layout_create_piece(in, blk, &p, width);
		fit_greedy = 0;
		gbrk = xreallocarray(gbrk, lay->ntext + 2, 1);
		lbrk = xreallocarray(lbrk, lay->ntext + 2, 1);
		check_layout(lay, NULL, gbrk, lbrk, 1);
		for (i = 0; i < lay->ntext; i++)
			if (lay->text[i] != ' ' && lay->text[i] != '\n')
				put(&all, lay->text + i, 1);
		for (i = 0; i < lay->nrows; i++) {
			fl = i + 1 == lay->nrows && p.end < blk->end ?
			    ROW_PIECE : 0;
			if ((lay->rows[i].flags & ROW_PIECE) != fl)
				fail_pieces(&p, width, "ROW_PIECE misplaced");
		}
		off[0] = p.start;
		off[1] = p.start + 1;
		off[2] = p.start + (p.end - p.start) / 2;
		off[3] = p.end - 1;
		for (i = 0; i < 4; i++) {
			piece_at(in, blk, off[i], &q);
			if (q.start != p.start || q.end != p.end)
				fail_pieces(&p, width, "another piece found "
				    "from inside it");
		}
		layout_destroy(lay);
		at = p.end;
		if (p.end >= blk->end)
			break;
		piece_at(in, blk, p.end, &p);
	}
	if (at != blk->end)
		fail_pieces(&p, width, "pieces end before the block");
	if (all.n != want->n || memcmp(all.s, want->s, all.n) != 0)
		fail_pieces(&p, width, "pieces lose or reorder text");
	free(all.s);
	free(gbrk);
	free(lbrk);
}

/* Blocks forwards, backwards and by offset must agree. */
static int
check_blocks(const struct doc *in, struct block **out, size_t *nout)
{
	struct block	*fw = NULL, b, at;
	size_t		 n = 0, k, off;
	int		 more, ok = 1;

	for (more = block_first(in, &b); more;
	    more = block_next(in, &b, &b)) {
		fw = xreallocarray(fw, n + 1, sizeof *fw);
		fw[n++] = b;
	}
	k = n;
	for (more = block_last(in, &b); more;
	    more = block_prev(in, &b, &b)) {
		if (k == 0 || fw[k - 1].start != b.start ||
		    fw[k - 1].end != b.end) {
			ok = 0;
			break;
		}
		k--;
	}
	if (k != 0)
		ok = 0;
	for (off = 0, k = 0; ok && off <= in->len; off++) {
		while (k < n && fw[k].end < off)
			k++;
		more = block_at(in, off, &at);
		if (k == n) {
			/* Past the last block: none, or the last itself. */
			if (more && !(n > 0 && at.start == fw[n - 1].start &&
			    off == fw[n - 1].end + 1))
				ok = 0;
		} else if (!more)
			ok = 0;
		else if (at.start == fw[k].start && at.end == fw[k].end)
			;
		else if (k > 0 && off == fw[k - 1].end + 1 &&
		    at.start == fw[k - 1].start)
			;	/* on the last line's terminator */
		else
			ok = 0;
		if (!ok)
			tap_diag("block_at(%zu) = [%zu,%zu] (%d), expected "
			    "block %zu of %zu [%zu,%zu]", off, at.start,
			    at.end, more, k, n, k < n ? fw[k].start : 0,
			    k < n ? fw[k].end : 0);
	}
	*out = fw;
	*nout = n;
	return ok;
}

int
main(void)
{
	struct doc	 in;
	struct buf	 doc = { NULL, 0, 0 }, want = { NULL, 0, 0 };
	struct block	*blocks, blocks_one;
	struct layout	*lay;
	size_t		 nblocks, i, blocks_total = 0, bytes = 0;
	char		*gbrk, *lbrk;
	long		 greedy_rich = 0;
	int		 d, p, width, ok;

	setlocale(LC_ALL, "C.UTF-8");
	for (d = 0; d < NDOCS; d++) {
		rng = 0x9e3779b97f4a7c15ULL * (uint64_t)(d + 1);
		doc.n = 0;
		if (d == 1)
			put_s(&doc, "\xef\xbb\xbf");	/* a BOM */
		for (p = 0; p < NPARAS; p++)
			if (d < NDOCS - NSPARSE)
				gen_para(&doc);
			else if (p < NPARAS / 8)
				gen_sparse_para(&doc);
		bytes += doc.n;
		width_set_ambiguous(d % 2 ? AMBIGUOUS_WIDE : AMBIGUOUS_NARROW);
		doc_open_memory(&in, "prop", doc.s, doc.n);

		ok = check_blocks(&in, &blocks, &nblocks);
		tap_ok(ok, "doc %d: %zu blocks agree forwards, backwards, by "
		    "offset", d, nblocks);
		blocks_total += nblocks;
		nfail = 0;
		for (i = 0; i < nblocks; i++) {
			expected_text(&in, &blocks[i], &want);
			gbrk = xmalloc(blocks[i].end - blocks[i].start + 2);
			lbrk = xmalloc(blocks[i].end - blocks[i].start + 2);
			for (width = WIDTH_MIN; width <= WIDTH_MAX; width++) {
				struct layout	*fit;

				fit_greedy = 1;
				lay = layout_create(&in, &blocks[i], width);
				fit_greedy = 0;
				gbrk = xreallocarray(gbrk, lay->ntext + 2, 1);
				lbrk = xreallocarray(lbrk, lay->ntext + 2, 1);
				check_layout(lay, &want, gbrk, lbrk, 1);
				fit = layout_create(&in, &blocks[i], width);
				check_layout(fit, &want, gbrk, lbrk, 0);
				check_src(&in, lay);
				check_src(&in, fit);
				check_fit(fit, lay, lbrk);
				layout_destroy(fit);
				layout_destroy(lay);
				nlayouts++;
			}
			free(gbrk);
			free(lbrk);
		}
		tap_is_int(nfail, 0, "doc %d%s: layout properties hold at "
		    "widths %d-%d", d, d < NDOCS - NSPARSE ? "" :
		    " (few anchors)", WIDTH_MIN, WIDTH_MAX);
		if (d == NDOCS - NSPARSE - 1)
			greedy_rich = ngreedy;
		free(blocks);
		doc_free(&in);
	}
	/* A paragraph laid out in pieces. */
	rng = 0x1ede;
	doc.n = 0;
	put_s(&doc, "before\n\n");
	gen_huge(&doc);
	put_s(&doc, "after\n");
	doc_open_memory(&in, "huge", doc.s, doc.n);
	nfail = 0;
	ok = block_first(&in, &blocks_one) &&
	    block_next(&in, &blocks_one, &blocks_one) &&
	    blocks_one.end - blocks_one.start > 4 * LAYOUT_PIECE;
	if (tap_ok(ok, "a paragraph of %zu bytes", ok ? blocks_one.end -
	    blocks_one.start : 0)) {
		expected_text(&in, &blocks_one, &want);
		for (width = WIDTH_MIN; width <= WIDTH_MAX; width += 37)
			check_pieces(&in, &blocks_one, &want, width);
	}
	tap_is_int(nfail, 0, "in pieces: layout properties hold, %ld pieces "
	    "tile it and keep its text", npieces);
	doc_free(&in);

	/*
	 * Up to LAYOUT_HUGE bytes a block is laid out whole (a word of a
	 * megabyte and a letter, say); past it, in pieces none of which is
	 * shorter than half a piece, less the few kilobytes a cut is looked
	 * for in.
	 */
	for (p = 0; p < 2; p++) {
		struct block	piece;
		size_t		n = p ? LAYOUT_HUGE + 1 : LAYOUT_PIECE + 1, k;

		doc.n = 0;
		for (k = 0; k < n; k++)
			put_s(&doc, p && k % 6 == 5 ? " " : "x");
		doc_open_memory(&in, "big", doc.s, doc.n);
		block_first(&in, &blocks_one);
		piece_at(&in, &blocks_one, blocks_one.end, &piece);
		if (p == 0)
			tap_ok(piece.start == 0 && piece.end == n, "%zu bytes: "
			    "one piece", n);
		else
			tap_ok(piece.start > 0 && piece.end == n &&
			    piece.end - piece.start >= LAYOUT_PIECE / 2 - 4096,
			    "%zu bytes: the last piece is %zu bytes", n,
			    piece.end - piece.start);
		doc_free(&in);
	}

	/* One cluster longer than a cell's 16-bit length: 40000 marks. */
	doc.n = 0;
	put_s(&doc, "a");
	for (p = 0; p < 40000; p++)
		put_s(&doc, "\xcc\x81");
	doc_open_memory(&in, "marks", doc.s, doc.n);
	nfail = 0;
	if (tap_ok(block_first(&in, &blocks_one), "long cluster: a block")) {
		expected_text(&in, &blocks_one, &want);
		gbrk = xmalloc(doc.n * 2 + 2);
		lbrk = xmalloc(doc.n * 2 + 2);
		for (width = WIDTH_MIN; width <= WIDTH_MAX; width += 37) {
			lay = layout_create(&in, &blocks_one, width);
			check_layout(lay, &want, gbrk, lbrk, 0);
			layout_destroy(lay);
		}
		free(gbrk);
		free(lbrk);
	}
	tap_is_int(nfail, 0, "long cluster: layout properties hold");
	doc_free(&in);

	tap_diag("%zu bytes, %zu blocks, %ld layouts, %ld rows checked at "
	    "%d widths", bytes, blocks_total, nlayouts, nrows_checked,
	    WIDTH_MAX - WIDTH_MIN + 1);
	tap_diag("%ld continued verbatim rows, %ld visible control cells, "
	    "%ld row starts checked for kinsoku", ncont, nvisible, nkinsoku);
	tap_ok(nindent > 1000, "%ld rows of list items, indented: none too "
	    "wide", nindent);
	tap_ok(nfit_better > 2000, "%ld of %ld layouts checked set by total "
	    "fit, not as greedy filling would", nfit_better, nfit);
	tap_ok(nfit_tried > 5000, "%ld paragraphs' total-fit rows checked "
	    "against every way to set them: none costs less", nfit_tried);
	tap_ok(ngreedy > 100000, "%ld rows checked to end at the last "
	    "opportunity that fits", ngreedy);
	tap_ok(ngreedy - greedy_rich > 100000, "%ld of them in runs with few "
	    "anchors", ngreedy - greedy_rich);
	width_set_ambiguous(AMBIGUOUS_NARROW);
	free(doc.s);
	free(want.s);
	return tap_done();
}
