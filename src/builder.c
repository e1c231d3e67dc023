/*
 * builder.c: the display text of a block, what layout.c cuts into cells
 * and rows.
 *
 * The block's bytes are turned into display text: hard-wrapped lines of
 * a paragraph are joined (with a space, or with nothing between two CJK
 * characters), verbatim lines keep their breaks and have their tabs
 * expanded, controls and bad bytes become their visible ASCII form, and
 * the front end's styles (and -R's sequences) become runs of style. Each
 * byte of it knows the source offset it came from (struct seg). Its line
 * break opportunities are kept with it, made as layout.c asks for them
 * (builder_breaks).
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unilbrk.h>
#include <unistr.h>

#include "lede.h"
#include "builder.h"

static int	layout_chop;	/* -S: every line kept, none wrapped */

/*
 * -S (--no-reflow): every line of every block is kept as it is, as a
 * verbatim line; the caller lays out at LAYOUT_WIDTH_MAX and shows a
 * window of columns. Set before any layout (the dump's threads read it).
 */
void
layout_set_chop(int chop)
{
	layout_chop = chop;
}

int
layout_get_chop(void)
{
	return layout_chop;
}

static int	layout_slots_on = 1;	/* CELL_SLOT marked */

/*
 * Whether layout marks the slots of text without spaces (CELL_SLOT),
 * which only justification and hyphenation use: the pager, which may
 * justify at a key, always; a dump only with --justify or --hyphenate.
 * Set before any layout (the dump's threads read it).
 */
void
layout_set_slots(int on)
{
	layout_slots_on = on;
}

int
layout_get_slots(void)
{
	return layout_slots_on;
}

/* The style is next from here on (-R's sequences, links, a front end's
 * styles): a run starts, if it changed. */
static void
builder_style(struct builder *b, const struct sgr *next)
{
	if (sgr_equal(next, &b->sgr))
		return;
	b->sgr = *next;
	if (b->nruns > 0 && b->runs[b->nruns - 1].text == b->n)
		b->nruns--;	/* two changes at one place: the last wins */
	b->runs = xreallocarray(b->runs, b->nruns + 1, sizeof *b->runs);
	b->runs[b->nruns].text = (uint32_t)b->n;
	b->runs[b->nruns].style = *next;
	b->nruns++;
}

/*
 * The front end's styles (doc->styles): take the one in effect at pos of
 * the text, and note where it changes next.
 */
static void
builder_doc_style(struct builder *b, const struct doc *doc, size_t pos)
{
	size_t		lo = 0, hi = doc->nstyles, mid;
	struct sgr	next;

	/* The first change after pos. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (doc->styles[mid].at <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	b->snext = lo < doc->nstyles ? doc->styles[lo].at : SIZE_MAX;
	sgr_reset(&next);
	if (lo > 0) {
		next.attrs = doc->styles[lo - 1].attrs;
		next.fg = doc->styles[lo - 1].fg;
	}
	builder_style(b, &next);
}

/* Make room for n more bytes. */
void
builder_grow(struct builder *b, size_t n)
{
	if (b->n + n + 1 <= b->cap)
		return;
	while (b->n + n + 1 > b->cap)
		b->cap = b->cap == 0 ? 4096 : b->cap * 2;
	b->t = xreallocarray(b->t, b->cap, 1);
	b->lbrk = xreallocarray(b->lbrk, b->cap, 1);
	b->gbrk = xreallocarray(b->gbrk, b->cap, 1);
}

/*
 * The columns of the list marker and the blanks after it that begin the
 * text of cells[i], or 0 if there is none there (block_line_item).
 */
int
builder_marker_cols(const struct builder *b, const struct cell *cells,
    size_t nc, size_t i)
{
	size_t	at, k;
	int	cols = 0;

	if (i >= nc || (at = block_line_item((const uint8_t *)b->t,
	    cells[i].text, b->n)) == 0)
		return 0;
	for (k = i; k < nc && cells[k].text < at; k++)
		cols += cells[k].width;
	return cols;
}

/* Forget the scratch space if a huge block made it large. */
void
builder_trim(struct builder *b)
{
	if (b->cap <= LAYOUT_KEEP && b->segcap <= LAYOUT_KEEP / 16)
		return;
	free(b->t);
	free(b->lbrk);
	free(b->gbrk);
	free(b->segs);
	memset(b, 0, sizeof *b);
}

/*
 * Append n bytes from offset off of the text: a copy of its bytes,
 * or an expansion of one unit. A copy that follows a copy from just
 * before it in the source stays in its segment.
 */
static void
builder_add(struct builder *b, const void *p, size_t n, uint32_t off,
    uint8_t fl, int copy)
{
	struct seg	*sg = b->nsegs > 0 ? &b->segs[b->nsegs - 1] : NULL;

	if (n == 0)
		return;
	if (!(copy && sg != NULL && sg->copy && sg->fl == fl &&
	    sg->src + (b->n - sg->text) == off)) {
		if (b->nsegs == b->segcap) {
			b->segcap = b->segcap == 0 ? 64 : b->segcap * 2;
			b->segs = xreallocarray(b->segs, b->segcap,
			    sizeof *b->segs);
		}
		sg = &b->segs[b->nsegs++];
		sg->text = (uint32_t)b->n;
		sg->src = off;
		sg->fl = fl;
		sg->copy = (uint8_t)copy;
	}
	builder_grow(b, n);
	memcpy(b->t + b->n, p, n);
	b->n += n;
	b->any |= fl;
}

/* The end of segment k in the display text. */
size_t
builder_seg_end(const struct builder *b, size_t k)
{
	return k + 1 < b->nsegs ? b->segs[k + 1].text : b->n;
}

/* The segment that holds byte i of the display text. */
size_t
builder_seg_at(const struct builder *b, size_t i)
{
	size_t	lo = 0, hi = b->nsegs, mid;

	while (hi - lo > 1) {
		mid = (lo + hi) / 2;
		if (b->segs[mid].text <= i)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Is this code point one across whose line break no space is inserted
 * when lines are joined (East Asian wide but not Hangul; see uprop.c)?
 */
int
layout_nospace(uint32_t uc)
{
	return uc >= 0x80 && (uprop(uc) & UP_NOSPACE);
}

/* The last code point of the display text, or 0. */
static ucs4_t
builder_last(const struct builder *b)
{
	const uint8_t	*s = (const uint8_t *)b->t, *p;
	ucs4_t		 uc;

	if (b->n == 0 || (b->segs[b->nsegs - 1].fl & TB_VISIBLE))
		return 0;
	p = u8_prev(&uc, s + b->n, s);
	return p != NULL ? uc : 0;
}

/* The first code point of [p, end), or 0. */
static ucs4_t
first_cp(const uint8_t *p, const uint8_t *end)
{
	ucs4_t	uc;

	if (p >= end || u8_mbtoucr(&uc, p, (size_t)(end - p)) < 0)
		return 0;
	return uc;
}

/* Edges of a line that a piece of it (layout_line) may hold. */
#define LINE_LEAD	0x1	/* it starts the line: its leading blanks go */
#define LINE_TRAIL	0x2	/* it ends the line: its trailing blanks go */
#define LINE_VERBATIM	1	/* layout_line(): kept, cut at the margin */
#define LINE_KEPT	2	/* kept, wrapped at words (BLOCK_LINES) */

/*
 * Append [ls, le) of one line of the block to the display text: all of
 * the line (edges LINE_LEAD | LINE_TRAIL), or the part of it in a piece
 * (see piece_at). A verbatim line's tabs are expanded from column
 * col, where [ls, le) starts. Source offsets are kept relative to base.
 * verbatim is 0 for text, LINE_VERBATIM for a verbatim line (kept and cut
 * at the margin), LINE_KEPT for a line of a block of lines (kept, and
 * wrapped at words).
 */
static void
layout_line(struct builder *b, const struct doc *doc, size_t base,
    size_t ls, size_t le, int verbatim, int edges, int col, int pass)
{
	static const char	 spaces[8] = "        ";
	const uint8_t		*d = doc->data;
	struct unit		 u;
	size_t			 pos = ls;
	int			 n;
	uint8_t			 vf = verbatim == LINE_KEPT ? TB_KEPT :
				    verbatim ? TB_VERBATIM : 0;

	if (!verbatim) {
		while ((edges & LINE_LEAD) && pos < le &&
		    (d[pos] == ' ' || d[pos] == '\t'))
			pos++;
		while ((edges & LINE_TRAIL) && le > pos &&
		    (d[le - 1] == ' ' || d[le - 1] == '\t'))
			le--;
	}
	while (pos < le) {
		/* Runs stop where the front end's style changes. */
		size_t	lim = le < b->snext ? le : b->snext;

		if (pos >= b->snext) {
			builder_doc_style(b, doc, pos);
			continue;
		}
		if (!verbatim) {
			/* Text that passes as itself: one copy. */
			size_t	e = pass && lim == le ? le :
				    sanitize_text_run(d, lim, pos);

			if (e > pos) {
				builder_add(b, d + pos, e - pos,
				    (uint32_t)(pos - base), 0, 1);
				pos = e;
				continue;
			}
		} else if (d[pos] >= 0x20 && d[pos] < 0x7f) {
			/* Printable ASCII: one unit per byte, one column. */
			size_t	e = (size_t)(sanitize_ascii_run(d + pos,
			    d + lim) - d);

			builder_add(b, d + pos, e - pos,
			    (uint32_t)(pos - base), vf, 1);
			col += (int)(e - pos);
			pos = e;
			continue;
		}
		sanitize_next(d, le, pos, &u);
		switch (u.kind) {
		case UNIT_CHAR:
			builder_add(b, d + pos, u.len, (uint32_t)(pos - base),
			    vf, 1);
			col += width_cp(u.cp);
			break;
		case UNIT_VISIBLE:
			n = (int)strlen(u.text);
			builder_add(b, u.text, (size_t)n,
			    (uint32_t)(pos - base), vf | TB_VISIBLE, 0);
			col += n;
			break;
		case UNIT_SGR:		/* -R: a style from here on */
		case UNIT_LINK: {
			struct sgr	next = b->sgr;

			if (u.kind == UNIT_SGR)
				sgr_apply(&next, d + pos + 2, u.len - 3);
			else if (u.cp)
				next.attrs |= SGR_UNDERLINE;
			else
				next.attrs &= ~(unsigned)SGR_UNDERLINE;
			builder_style(b, &next);
			break;
		}
		case UNIT_TAB:
			n = 8 - col % 8;
			builder_add(b, spaces, (size_t)n,
			    (uint32_t)(pos - base), vf, 0);
			col += n;
			break;
		default:
			break;
		}
		pos += u.len;
	}
}

/*
 * The start of the line of the block that holds offset p, looked for at
 * most LAYOUT_HUGE bytes back: *known is 0 if it is further (a line that
 * long is never verbatim, see layout_verbatim), and p is returned.
 */
size_t
layout_line_start(const uint8_t *d, size_t start, size_t p, int *known)
{
	size_t	lo = p - start > LAYOUT_HUGE ? p - LAYOUT_HUGE : start;
	size_t	ls = block_line_start(d, lo, p);

	*known = ls > lo || lo == start;
	return *known ? ls : p;
}

/*
 * Is the line of the block that starts at ls and ends at le (or, if
 * !whole, at or after le) verbatim (parse.c)? Not if it is longer than
 * LAYOUT_HUGE bytes: a piece of such a line cannot look at all of it (a
 * tab anywhere makes a line verbatim), and such a line is only in a block
 * laid out in pieces.
 */
int
layout_verbatim(const uint8_t *d, const struct block *blk, size_t ls,
    size_t le, int whole)
{
	if (!whole)
		le = block_line_end(d, blk->end - ls > LAYOUT_HUGE ?
		    ls + LAYOUT_HUGE + 1 : blk->end, le, NULL);
	return le - ls <= LAYOUT_HUGE && parse_line_is_verbatim(d + ls,
	    le - ls);
}

/*
 * The column at which s is shown in the verbatim line that starts at ls,
 * as layout_line() counts it.
 */
static int
layout_column(const uint8_t *d, size_t ls, size_t s)
{
	struct unit	u;
	int		col = 0;

	while (ls < s) {
		if (d[ls] >= 0x20 && d[ls] < 0x7f) {
			col++;
			ls++;
			continue;
		}
		sanitize_next(d, s, ls, &u);
		if (u.kind == UNIT_CHAR)
			col += width_cp(u.cp);
		else if (u.kind == UNIT_VISIBLE)
			col += (int)strlen(u.text);
		else if (u.kind == UNIT_TAB)
			col += 8 - col % 8;
		ls += u.len;
	}
	return col;
}

/*
 * Does the line [p, e), inside an item, name the next function of the
 * item's file, as a GNU ChangeLog's entry goes on: "(tide_cache): New
 * function."? Its first ")" is before a ":".
 */
static int
builder_is_function(const uint8_t *d, size_t p, size_t e)
{
	const uint8_t	*c;

	if (p >= e || d[p] != '(' || (c = memchr(d + p, ')', e - p)) ==
	    NULL)
		return 0;
	return c + 1 < d + e && c[1] == ':';
}

/*
 * Is the line [s, e) a field of a Debian control or copyright file
 * (deb822) whose value is formatted text (a licence's, a comment's, a
 * package's description): paragraphs, their lines in by one space joined
 * (Debian policy)? Those of other fields (lists of files and of holders)
 * are kept.
 */
static int
builder_is_text_field(const uint8_t *d, size_t s, size_t e)
{
	static const char *const names[] = { "License:", "Comment:",
	    "Disclaimer:", "Description:" };
	size_t	k;

	for (k = 0; k < sizeof names / sizeof names[0]; k++)
		if (e - s >= strlen(names[k]) && memcmp(d + s, names[k],
		    strlen(names[k])) == 0)
			return 1;
	return 0;
}

/*
 * Build the display text of [ps, pe) of the block, all of it or one of
 * its pieces: its lines, joined or kept apart. A piece may start or end
 * inside a line; its first line is joined to nothing.
 */
void
builder_block(struct builder *b, const struct doc *doc,
    const struct block *blk, int type, size_t ps, size_t pe)
{
	const uint8_t	*d = doc->data;
	size_t		 ls, le, next, s, p, lt;
	int		 verb, prev_verb = 0, first = 1, known, edges, pass;
	int		 whole, text, prev_text = 0, field_text = 0;
	int		 quote = block_quote_depth(doc, blk);

	/* A heading is shown whole: plain text hides no character, not
	 * even Markdown's '#' or underline (the title alone is the
	 * section's name: parse_heading_text). A mail's quote is shown
	 * without its "> " (layout draws its bars). */
	ls = layout_line_start(d, blk->start, ps, &known);
	for (;;) {
		lt = ls;
		if (quote > 0 && known)
			(void)block_line_quote(d, ls, block_line_end(d, pe, ls,
			    NULL), &lt);
		s = lt > ps ? lt : ps;
		/* Most lines of prose pass as themselves to their end: one
		 * pass finds the end, and that no tab is in the line. */
		le = s < pe ? sanitize_text_run(d, pe, s) : s;
		if ((pass = le >= pe || d[le] == '\n' || d[le] == '\r'))
			next = block_line_next(d, pe, le);
		else
			le = block_line_end(d, pe, s, &next);
		whole = le < pe || pe == blk->end;
		/* An item's lines are its text: joined, whatever their
		 * indent; a block of lines keeps every one, wrapped at
		 * words, but for verbatim lines of plain text (code, a
		 * table: cut at the margin); -S wraps nothing. */
		verb = layout_chop || doc->lines || (type != BLOCK_ITEM &&
		    (type != BLOCK_LINES || doc->blocks == NULL) && known &&
		    !b->prose && !b->stanza && (pass && whole && s == lt ?
		    le - lt <= LAYOUT_HUGE && parse_line_is_code_indent(d + lt,
		    le - lt) : layout_verbatim(d, blk, lt, le, whole))) ?
		    LINE_VERBATIM : type == BLOCK_LINES ? LINE_KEPT : 0;
		/* A Debian stanza's formatted text in by one space is a
		 * paragraph's (Debian policy): its lines joined. By more,
		 * or another field's, they are kept. */
		if (b->stanza && known && lt < le && d[lt] != ' ' &&
		    d[lt] != '\t')
			field_text = builder_is_text_field(d, lt, le);
		text = field_text && !layout_chop && known && le - lt >= 2 &&
		    d[lt] == ' ' && d[lt + 1] != ' ' && d[lt + 1] != '\t';
		if (text)
			verb = 0;
		/* A centred title's lines: kept, their text without the
		 * spaces that centred it (layout.c centres it again). */
		if (b->centred) {
			verb = LINE_KEPT;
			while (lt < le && d[lt] == ' ')
				lt++;
			s = lt > ps ? lt : ps;
		}
		/* A piece that starts in a line's leading blanks starts it. */
		for (p = lt; known && !verb && p < s && d[p] == ' '; p++)
			;
		edges = known && p == s ? LINE_LEAD : 0;
		if (le < pe || pe == blk->end)
			edges |= LINE_TRAIL;
		if (!first) {
			uint32_t	at = (uint32_t)(ls - ps);

			for (p = lt; p < le && (d[p] == ' ' || d[p] == '\t');
			    p++)
				;
			/* In plain text, a marker further in, inside an
			 * item, starts an item of its own within it, on a
			 * row of its own (a Debian changelog's "+"); so
			 * does, in an item in by a tab (a GNU ChangeLog's),
			 * a line that names the next function. */
			if (!(text && prev_text) && (verb || prev_verb ||
			    (type != BLOCK_PARAGRAPH && type != BLOCK_ITEM) ||
			    (type == BLOCK_ITEM &&
			    doc->blocks == NULL && (block_line_item(d, p, le) ||
			    (d[lt] == '\t' && builder_is_function(d, p,
			    le))))))
				builder_add(b, "\n", 1, at, TB_HARD, 0);
			else {
				if (!(layout_nospace(builder_last(b)) &&
				    layout_nospace(first_cp(d + p, d + le))))
					builder_add(b, " ", 1, at, 0, 0);
			}
		}
		layout_line(b, doc, ps, s, le, verb, edges, verb && s > lt ?
		    layout_column(d, lt, s) : 0, pass);
		first = 0;
		prev_verb = verb;
		prev_text = text;
		if (next <= s || le >= pe || next >= pe)
			break;
		ls = next;
		known = 1;
	}
}

/*
 * Make b->lbrk right at the text positions [from, to), where it was right
 * at [b->blo, b->bhi) before: only what is missing is asked for, from the
 * anchor before it. Where that anchor is far back (text without anchors,
 * such as digits or a run of controls), the answers are made twice as far
 * ahead of from as the anchor is behind it, so that the rows that follow
 * find them made: each byte is then asked about a few times in all, not
 * once a row (t-layout counts it). No opportunity inside one shown
 * control: each of its bytes is a cell.
 */
void
builder_breaks(struct builder *b, size_t from, size_t to)
{
	const uint8_t	*t = (const uint8_t *)b->t;
	size_t		 a, lo, hi, i, k, e;
	char		 keep = 0;
	int		 inside;

	if (from >= b->blo && to <= b->bhi)
		return;
	if (b->blo < b->bhi) {
		if (from >= b->blo && from <= b->bhi)
			from = b->bhi;		/* only what follows */
		else if (to >= b->blo && to <= b->bhi)
			to = b->blo;		/* only what precedes */
	}
	if (bounds_ascii_word(t, from, to)) {
		/* No opportunity inside a word of ASCII letters and digits. */
		memset(b->lbrk + from, UC_BREAK_PROHIBITED, to - from);
		lo = from;
		hi = to;
		goto done;
	}
	a = bounds_anchor_before(t, b->n, from, b->alo, b->ahi);
	b->alo = a;
	b->ahi = from;
	hi = from + 2 * (from - a) > to ? from + 2 * (from - a) : to;
	if (hi > b->n)
		hi = b->n;
	/* The answer at the anchor itself is not right: keep a known one. */
	inside = a >= b->blo && a < b->bhi;
	if (inside)
		keep = b->lbrk[a];
	hi = bounds_lines_at(t, b->n, a, hi, b->lbrk, 1);
	if (inside)
		b->lbrk[a] = keep;
	lo = a > 0 ? a + 1 : 0;
	for (k = (b->any & TB_VISIBLE) ? builder_seg_at(b, lo) : b->nsegs;
	    k < b->nsegs && b->segs[k].text < hi; k++) {
		if (!(b->segs[k].fl & TB_VISIBLE))
			continue;
		e = builder_seg_end(b, k);
		for (i = b->segs[k].text + 1; i < e && i < hi; i++)
			if (i >= lo)
				b->lbrk[i] = UC_BREAK_PROHIBITED;
	}
done:
	if (b->blo < b->bhi && lo <= b->bhi && hi >= b->blo) {
		b->blo = lo < b->blo ? lo : b->blo;
		b->bhi = hi > b->bhi ? hi : b->bhi;
	} else {
		b->blo = lo;
		b->bhi = hi;
	}
}
