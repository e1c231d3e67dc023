/*
 * block.c: find the blocks of a document, by byte offset.
 *
 * A block is a run of non-blank lines; blank lines (only spaces and tabs)
 * separate blocks. Lines end with LF, CRLF or a lone CR. Every function
 * here looks only at the lines around the offset it is given, so the
 * answer is the same whichever direction the reader came from, and a
 * jump to the end of a 100 MB file costs the size of its last block, not
 * a scan of the file.
 */

#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "lede.h"

/* Is the byte a line terminator? */
static int
is_eol(uint8_t c)
{
	return c == '\n' || c == '\r';
}

/* Is the byte horizontal white space for the purpose of blank lines? */
static int
is_hspace(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

/*
 * The first LF or CR in [p, end), or end. This runs once per line of the
 * document in the structure pass, so it looks at 16 bytes at a time
 * where the machine allows.
 */
static const uint8_t *
find_eol(const uint8_t *p, const uint8_t *end)
{
#ifdef __SSE2__
	const __m128i	lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
	__m128i		v;
	int		m;

	while (end - p >= 16) {
		v = _mm_loadu_si128((const __m128i *)(const void *)p);
		m = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, lf),
		    _mm_cmpeq_epi8(v, cr)));
		if (m != 0)
			return p + __builtin_ctz((unsigned)m);
		p += 16;
	}
#endif
	while (p < end && *p != '\n' && *p != '\r')
		p++;
	return p;
}

/*
 * Return the end of the line that starts at pos (the offset of its
 * terminator, or len); *next is set to the start of the following line.
 */
size_t
block_line_end(const uint8_t *d, size_t len, size_t pos, size_t *next)
{
	size_t	end;

	end = (size_t)(find_eol(d + pos, d + len) - d);
	if (next != NULL)
		*next = block_line_next(d, len, end);
	return end;
}

/* The start of the line after the one that ends at end (its terminator,
 * or len). */
size_t
block_line_next(const uint8_t *d, size_t len, size_t end)
{
	if (end == len)
		return len;
	if (d[end] == '\r' && end + 1 < len && d[end + 1] == '\n')
		return end + 2;
	return end + 1;
}

/*
 * Start of the line containing pos (pos may be a terminator byte): just
 * after the last LF or CR in [lo, pos), or lo if there is none. A jump
 * into the middle of a file that is one line of 200 MB looks back 100 MB,
 * so this too looks at 16 bytes at a time where the machine allows.
 */
size_t
block_line_start(const uint8_t *d, size_t lo, size_t pos)
{
#ifdef __SSE2__
	const __m128i	lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
	__m128i		v;
	int		m;

	while (pos - lo >= 16) {
		v = _mm_loadu_si128((const __m128i *)(const void *)(d + pos -
		    16));
		m = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, lf),
		    _mm_cmpeq_epi8(v, cr)));
		if (m != 0)
			return pos - 16 + (size_t)(32 - __builtin_clz(
			    (unsigned)m));
		pos -= 16;
	}
#endif
	while (pos > lo && !is_eol(d[pos - 1]))
		pos--;
	return pos;
}

/* Start of the line containing pos (pos may be a terminator byte). */
static size_t
line_start(const uint8_t *d, size_t pos)
{
	return block_line_start(d, 0, pos);
}

/* Start of the line before the line starting at pos; pos must be > 0. */
static size_t
prev_line_start(const uint8_t *d, size_t pos)
{
	/* Step over the terminator that ends the previous line. */
	if (d[pos - 1] == '\n' && pos >= 2 && d[pos - 2] == '\r')
		pos -= 2;
	else
		pos--;
	return line_start(d, pos);
}

static int
line_blank(const uint8_t *d, size_t start, size_t end)
{
	for (; start < end; start++)
		if (!is_hspace(d[start]))
			return 0;
	return 1;
}

/*
 * How many '>' start the line [s, e), after up to three spaces, with a
 * space between two or not ("> > a", ">> a", ">a"), but for mbox's
 * escape (">From "): a mail's quotation depth, if it is one (see
 * line_depth). *text, if not NULL, is set to where its text starts:
 * after the last '>' and a space.
 */
int
block_line_quote(const uint8_t *d, size_t s, size_t e, size_t *text)
{
	size_t	i = s;
	int	depth = 0;

	while (i < e && d[i] == ' ' && i - s < 3)
		i++;
	if (e - i >= 6 && memcmp(d + i, ">From ", 6) == 0)
		i = e;
	while (i < e && d[i] == '>') {
		depth++;
		if (++i < e && d[i] == ' ' && i + 1 < e && d[i + 1] == '>')
			i++;		/* "> >" */
	}
	if (depth > 0 && i < e && d[i] == ' ')
		i++;
	if (text != NULL)
		*text = depth > 0 ? i : s;
	return depth;
}

/* Does the line [s, e) start with '>', after up to three spaces? */
static int
line_gt(const uint8_t *d, size_t s, size_t e)
{
	size_t	i = s;

	while (i < e && d[i] == ' ' && i - s < 3)
		i++;
	return i < e && d[i] == '>';
}

/* Is the line [s, e) Python's prompt, ">>>" and a space or nothing? */
static int
line_prompt(const uint8_t *d, size_t s, size_t e)
{
	size_t	i = s;

	while (i < e && d[i] == ' ' && i - s < 3)
		i++;
	return e - i >= 3 && memcmp(d + i, ">>>", 3) == 0 && (e - i == 3 ||
	    d[i + 3] == ' ');
}

/* Is the line [s, e) quoted, with no text (">", "> >")? */
static int
line_quote_blank(const uint8_t *d, size_t s, size_t e)
{
	size_t	t;

	return block_line_quote(d, s, e, &t) > 0 && line_blank(d, t, e);
}

/*
 * Is a mail's quote beside the line at [s, e) of d[0, len): is the first
 * line above or below it that is not like it (prompts, or quoted lines
 * with no text), within PROMPT_SCAN lines, quoted?
 */
#define PROMPT_SCAN	16
static int
line_near_quote(const uint8_t *d, size_t len, size_t s, size_t e,
    int (*like)(const uint8_t *, size_t, size_t))
{
	size_t	p, pe;
	int	k, dir;

	for (dir = -1; dir <= 1; dir += 2)
		for (p = s, pe = e, k = 0; k < PROMPT_SCAN; k++) {
			if (dir < 0) {
				if (p == 0)
					break;
				p = prev_line_start(d, p);
				pe = block_line_end(d, len, p, NULL);
			} else {
				if (pe >= len)
					break;
				block_line_end(d, len, p, &p);
				pe = block_line_end(d, len, p, NULL);
			}
			if (!like(d, p, pe)) {
				if (block_line_quote(d, p, pe, NULL) > 0)
					return 1;
				break;
			}
		}
	return 0;
}

/*
 * The quotation depth of the line [s, e) of d[0, len), if quotes are
 * looked for (plain text, not code). Python's prompt (">>> ", in a
 * README's examples) is no quote, nor is a line of '>' alone, unless a
 * quoted line is beside it (line_near_quote).
 */
static int
line_depth_of(const uint8_t *d, size_t len, size_t s, size_t e)
{
	size_t	t, p, pe;
	int	depth;

	if ((depth = block_line_quote(d, s, e, &t)) == 0)
		return 0;
	/* ">text", with no space, is a quote in a run of lines that start
	 * with '>', not alone (">/dev/null", ">2" starting a line of
	 * prose). */
	if (t < e && d[t] != ' ' && d[t] != '\t' && d[t - 1] == '>') {
		if (s > 0) {
			p = prev_line_start(d, s);
			if (line_gt(d, p, block_line_end(d, s, p, NULL)))
				return depth;
		}
		if (e >= len)
			return 0;
		block_line_end(d, len, s, &p);
		pe = block_line_end(d, len, p, NULL);
		return p < len && line_gt(d, p, pe) ? depth : 0;
	}
	if (line_prompt(d, s, e))
		return line_near_quote(d, len, s, e, line_prompt) ? depth : 0;
	if (line_quote_blank(d, s, e))
		return line_near_quote(d, len, s, e, line_quote_blank) ?
		    depth : 0;
	return depth;
}

/* The same, at once for most lines (that start with neither). */
static inline int
line_depth(const uint8_t *d, size_t len, size_t s, size_t e, int quotes)
{
	if (!quotes || s >= e || (d[s] != '>' && d[s] != ' '))
		return 0;
	return line_depth_of(d, len, s, e);
}

/*
 * Does the line [s, e) end a block and start none: blank, or, with
 * quotes (plain text, not code), a quoted line with no text (">"), or
 * a field's blank line in a Debian control file (" .", as in every
 * copyright file's licences)?
 */
static int
line_gap(const uint8_t *d, size_t len, size_t s, size_t e, int quotes)
{
	if (s < e && d[s] > ' ' && d[s] != '>')
		return 0;		/* most lines: text from the start */
	/* A Debian control file's blank line in a field: " .", one space
	 * (not ed's or troff's "." further in, in an example). */
	if (quotes && e - s >= 2 && d[s] == ' ' && d[s + 1] == '.' &&
	    line_blank(d, s + 2, e))
		return 1;
	return line_blank(d, s, e) || (line_depth(d, len, s, e, quotes) > 0 &&
	    line_quote_blank(d, s, e));
}

/*
 * Is [s, e) a Markdown ATX heading line: up to three spaces, one to six
 * '#', then white space or the end of the line? Such a line is a block of
 * its own even without blank lines around it.
 */
int
block_line_is_atx(const uint8_t *d, size_t s, size_t e)
{
	size_t	n = 0;

	while (s < e && d[s] == ' ' && n < 3)
		s++, n++;
	for (n = 0; s < e && d[s] == '#'; s++)
		n++;
	return n >= 1 && n <= 6 && (s == e || d[s] == ' ' || d[s] == '\t');
}

/* Does the line [s, e) start with '#', after at most three spaces? */
static int
line_hash(const uint8_t *d, size_t s, size_t e)
{
	size_t	n = 0;

	while (s < e && d[s] == ' ' && n < 3)
		s++, n++;
	return s < e && d[s] == '#';
}

/*
 * Is the line [s, e) of d[0, len) a heading (ATX) of plain text? Not in
 * a run of lines that start with '#', a script's or a configuration's
 * comment (parse.c keeps such a run as lines), only alone or beside
 * lines of other text.
 */
int
block_line_heading(const uint8_t *d, size_t len, size_t s, size_t e)
{
	size_t	ps, next;

	if (!block_line_is_atx(d, s, e))
		return 0;
	if (s > 0) {
		ps = prev_line_start(d, s);
		if (line_hash(d, ps, block_line_end(d, s, ps, NULL)))
			return 0;
	}
	block_line_end(d, len, s, &next);
	return next >= len || !line_hash(d, next, block_line_end(d, len, next,
	    NULL));
}

/*
 * Does the line [s, e) start a list item: up to three spaces (or one tab,
 * as a GNU ChangeLog's entries are in by), then a bullet (- * + and the
 * bullets of Unicode: • ◦ ‣ ·  ▪ –) or a number or letter with its
 * punctuation (1. 12) (a) iv.), then a space, then text?
 * Returns the offset of the text (the end of the marker and its spaces),
 * or 0. Such a line starts a block.
 */
size_t
block_line_item(const uint8_t *d, size_t s, size_t e)
{
	static const char *const bullets[] = {
		"\xe2\x80\xa2", "\xe2\x97\xa6", "\xe2\x80\xa3",
		"\xc2\xb7", "\xe2\x96\xaa", "\xe2\x80\x93"
	};
	size_t	i = s, n, k;

	if (i < e && d[i] == '\t')
		i++;
	else
		while (i < e && d[i] == ' ' && i - s < 3)
			i++;
	if (i >= e)
		return 0;
	/* Most lines start with a letter: not a marker, but a small
	 * letter or two before ")" (below: "a." begins a sentence). */
	if (d[i] >= 'A' && d[i] <= 'Z')
		return 0;
	if (d[i] >= 'a' && d[i] <= 'z' && !(i + 1 < e && (d[i + 1] == ')' ||
	    (d[i + 1] >= 'a' && d[i + 1] <= 'z' && i + 2 < e &&
	    d[i + 2] == ')'))))
		return 0;
	n = 0;
	if (d[i] == '-' || d[i] == '*' || d[i] == '+')
		n = 1;
	for (k = 0; n == 0 && (d[i] == 0xe2 || d[i] == 0xc2) &&
	    k < sizeof bullets / sizeof bullets[0]; k++)
		if (e - i >= strlen(bullets[k]) &&
		    memcmp(d + i, bullets[k], strlen(bullets[k])) == 0)
			n = strlen(bullets[k]);
	if (n == 0) {
		/* 1. 1) (1) (a) a) iv. : up to three digits or two letters. */
		size_t	j = i + (d[i] == '(' ? 1 : 0), m = j;

		while (m < e && m - j < 3 && d[m] >= '0' && d[m] <= '9')
			m++;
		if (m == j)
			while (m < e && m - j < 2 && d[m] >= 'a' && d[m] <= 'z')
				m++;
		if (m == j || m >= e)
			return 0;
		if (d[i] == '(' ? d[m] != ')' : d[m] != '.' && d[m] != ')')
			return 0;
		/* "a." and "i." begin sentences too: letters only in (a) or a). */
		if (d[j] >= 'a' && d[m] == '.')
			return 0;
		n = m + 1 - i;
	}
	i += n;
	if (i >= e || d[i] != ' ')
		return 0;
	while (i < e && d[i] == ' ')
		i++;
	return i < e ? i : 0;
}

/*
 * Is the line [s, e) the separator of a mail's signature, "-- " (RFC
 * 3676)? It starts a block, as an item's marker does: the signature is
 * not one paragraph with the message's last (parse_block keeps its
 * lines).
 */
int
block_line_is_sig(const uint8_t *d, size_t s, size_t e)
{
	return e - s == 3 && memcmp(d + s, "-- ", 3) == 0;
}

/* The quotation depth of a block of plain text (a mail's "> "), or 0. */
int
block_quote_depth(const struct doc *doc, const struct block *b)
{
	if (doc->blocks != NULL || b->start >= b->end ||
	    (doc->data[b->start] != '>' && doc->data[b->start] != ' '))
		return 0;
	return line_depth(doc->data, doc->len, b->start, block_line_end(
	    doc->data, b->end, b->start, NULL), !doc->lines);
}

/*
 * The line just above the block of plain text that starts at start: its
 * quotation depth, returned, and *gap set if it is no block's (blank, or
 * a mail's ">" alone). 0 and a gap at the document's start.
 */
int
block_quote_above(const struct doc *doc, size_t start, int *gap)
{
	const uint8_t	*d = doc->data;
	size_t		 ps, pe;
	int		 q = !doc->lines && doc->blocks == NULL;

	*gap = 1;
	if (start == 0)
		return 0;
	ps = prev_line_start(d, start);
	pe = block_line_end(d, start, ps, NULL);
	*gap = line_gap(d, doc->len, ps, pe, q);
	return line_depth(d, doc->len, ps, pe, q);
}

/*
 * Given the start of a non-blank line, extend forward to the end of its
 * block.
 */
static size_t
block_extend(const uint8_t *d, size_t len, size_t pos, int quotes)
{
	size_t	end, next, nend, nnext;
	int	depth;

	end = block_line_end(d, len, pos, &next);
	if (block_line_heading(d, len, pos, end))
		return end;
	depth = line_depth(d, len, pos, end, quotes);
	while (next < len) {
		/* Look at the next line: a quote of another depth starts a
		 * block, as a mail's ">" line between two parts ends one. */
		nend = block_line_end(d, len, next, &nnext);
		if (line_gap(d, len, next, nend, quotes) || block_line_heading(d,
		    len, next, nend) || block_line_item(d, next, nend) ||
		    block_line_is_sig(d, next, nend) || line_depth(d, len,
		    next, nend, quotes) != depth)
			return end;
		end = nend;
		next = nnext;
	}
	return end;
}

/* Given any non-blank line start, find the start of its block. */
static size_t
block_rewind(const uint8_t *d, size_t len, size_t pos, int quotes)
{
	size_t	prev, pend;
	int	depth;

	pend = block_line_end(d, len, pos, NULL);
	if (block_line_heading(d, len, pos, pend) || block_line_item(d, pos,
	    pend) || block_line_is_sig(d, pos, pend))
		return pos;
	depth = line_depth(d, len, pos, pend, quotes);
	while (pos > 0) {
		prev = prev_line_start(d, pos);
		pend = block_line_end(d, pos, prev, NULL);
		if (line_gap(d, len, prev, pend, quotes) || block_line_heading(d,
		    len, prev, pend) || line_depth(d, len, prev, pend,
		    quotes) !=
		    depth)
			break;
		pos = prev;
		if (block_line_item(d, prev, pend) ||
		    block_line_is_sig(d, prev, pend))
			break;		/* an item starts its block */
	}
	return pos;
}

/*
 * The front end's block that holds offset off, or the first after it if
 * off is between blocks; NULL if there is none (or no table: plain text).
 */
const struct docblock *
block_table_at(const struct doc *doc, size_t off)
{
	size_t	lo = 0, hi = doc->nblocks, mid;

	/* The first block that ends at or after off. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (doc->blocks[mid].end < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < doc->nblocks ? &doc->blocks[lo] : NULL;
}

/*
 * A document whose front end gave its blocks (doc->blocks): they are
 * looked up, not looked for. Block i of the table into *b; 0 if there is
 * no block i.
 */
static int
block_table(const struct doc *doc, size_t i, struct block *b)
{
	if (i >= doc->nblocks)
		return 0;
	b->start = doc->blocks[i].start;
	b->end = doc->blocks[i].end;
	return 1;
}

/* The index in the table of the block that starts at start. */
static size_t
block_index(const struct doc *doc, size_t start)
{
	const struct docblock	*db = block_table_at(doc, start);

	return db != NULL ? (size_t)(db - doc->blocks) : doc->nblocks;
}

/*
 * The block containing offset off, or the first block after it if off is
 * in blank lines. Returns 0 if there is none.
 */
int
block_at(const struct doc *doc, size_t off, struct block *b)
{
	const uint8_t	*d = doc->data;
	size_t		 len = doc->len, pos, end, next;

	if (doc->blocks != NULL)
		return block_table(doc, block_index(doc, off), b);
	if (off > len)
		off = len;
	/* The LF of a CRLF belongs to the line that its CR ends. */
	if (off > 0 && off < len && d[off] == '\n' && d[off - 1] == '\r')
		off--;
	pos = line_start(d, off);
	/* Skip blank lines forward. */
	for (;;) {
		if (pos >= len)
			return 0;
		end = block_line_end(d, len, pos, &next);
		if (!line_gap(d, doc->len, pos, end,
		    !doc->lines))
			break;
		pos = next;
	}
	if (pos <= off)
		b->start = block_rewind(d, len, pos, !doc->lines);
	else
		b->start = pos;
	b->end = block_extend(d, len, pos, !doc->lines);
	return 1;
}

int
block_first(const struct doc *doc, struct block *b)
{
	if (doc->blocks != NULL)
		return block_table(doc, 0, b);
	return block_at(doc, 0, b);
}

/* The last block, found from the end of the file backwards. */
int
block_last(const struct doc *doc, struct block *b)
{
	const uint8_t	*d = doc->data;
	size_t		 pos, end;

	if (doc->blocks != NULL)
		return doc->nblocks > 0 && block_table(doc, doc->nblocks - 1,
		    b);
	if (doc->len == 0)
		return 0;
	pos = line_start(d, doc->len);
	for (;;) {
		end = block_line_end(d, doc->len, pos, NULL);
		if (!line_gap(d, doc->len, pos, end,
		    !doc->lines))
			break;
		if (pos == 0)
			return 0;
		pos = prev_line_start(d, pos);
	}
	b->start = block_rewind(d, doc->len, pos, !doc->lines);
	b->end = block_extend(d, doc->len, pos, !doc->lines);
	return 1;
}

int
block_next(const struct doc *doc, const struct block *cur,
    struct block *b)
{
	const uint8_t	*d = doc->data;
	size_t		 pos, end, next;

	if (doc->blocks != NULL)
		return block_table(doc, block_index(doc, cur->start) + 1, b);
	if (cur->end >= doc->len)
		return 0;
	block_line_end(d, doc->len, cur->end, &pos);
	/* The line after a block starts the next block, or is blank. */
	for (;;) {
		if (pos >= doc->len)
			return 0;
		end = block_line_end(d, doc->len, pos, &next);
		if (!line_gap(d, doc->len, pos, end,
		    !doc->lines))
			break;
		pos = next;
	}
	b->start = pos;
	b->end = block_extend(d, doc->len, pos, !doc->lines);
	return 1;
}

int
block_prev(const struct doc *doc, const struct block *cur,
    struct block *b)
{
	const uint8_t	*d = doc->data;
	size_t		 pos, end, i;

	if (doc->blocks != NULL) {
		i = block_index(doc, cur->start);
		return i > 0 && block_table(doc, i - 1, b);
	}
	pos = cur->start;
	for (;;) {
		if (pos == 0)
			return 0;
		pos = prev_line_start(d, pos);
		end = block_line_end(d, doc->len, pos, NULL);
		if (!line_gap(d, doc->len, pos, end,
		    !doc->lines))
			break;
	}
	b->start = block_rewind(d, doc->len, pos, !doc->lines);
	b->end = end;
	return 1;
}

/* Is this the first block of the document (nothing but blanks before)? */
int
block_is_first(const struct doc *doc, const struct block *b)
{
	size_t	i;

	if (doc->blocks != NULL)
		return doc->nblocks > 0 && b->start == doc->blocks[0].start;
	for (i = 0; i < b->start; i++)
		if (!is_hspace(doc->data[i]) && !is_eol(doc->data[i]))
			return 0;
	return 1;
}
