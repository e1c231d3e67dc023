/*
 * parse.c: what a block is.
 *
 * The rules are those of DESCRIPTION in lede.1:
 *  - the header line: the first block, one line, "date YYYY-MM-DD SOURCE,
 *    DATELINE" (leading white space allowed);
 *  - a heading: a one-line block whose cased letters are all upper case,
 *    with at least two of them ("UNITED STANCE"); a Markdown ATX line
 *    ("## Title", a block by itself, see block.c); a Markdown setext
 *    heading (a line underlined by a line of '=' or '-'); or, for scripts
 *    without case, a short one-line block (at most 40 columns) of CJK text
 *    with no sentence-final punctuation, between two other blocks;
 *  - anything else is a paragraph, as is any block of more than
 *    LAYOUT_HUGE bytes. Lines with a tab or an indent of four or more
 *    spaces are verbatim: they keep their line breaks.
 */

#include "config.h"

#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "lede.h"

/* Does the line keep its break (a tab, or an indent of 4+ spaces)? */
int
parse_line_is_verbatim(const uint8_t *s, size_t n)
{
	if (n >= 4 && memcmp(s, "    ", 4) == 0)
		return 1;
	return n > 0 && memchr(s, '\t', n) != NULL;
}

static int
is_digit(uint8_t c)
{
	return c >= '0' && c <= '9';
}

/* Does [s, s+n) look like "date 2017-11-16 AFP, BEIJING"? */
static int
parse_is_header(const uint8_t *s, size_t n)
{
	size_t	i = 0, k;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (n - i < 16 || memcmp(s + i, "date ", 5) != 0)
		return 0;
	i += 5;
	for (k = 0; k < 10; k++) {
		if (k == 4 || k == 7) {
			if (s[i + k] != '-')
				return 0;
		} else if (!is_digit(s[i + k]))
			return 0;
	}
	i += 10;
	if (i >= n || s[i] != ' ')
		return 0;
	return memchr(s + i, ',', n - i) != NULL;
}

/*
 * The fields of a header line: the date, the source (up to the first
 * comma after the date) and the dateline (the rest), as byte ranges
 * [start, end) into the source. Returns 0 if b is not a header line.
 */
int
parse_header(const struct doc *doc, const struct block *b,
    size_t f[3][2])
{
	const uint8_t	*d = doc->data;
	size_t		 i = b->start, e = b->end, comma;

	if (parse_block(doc, b) != BLOCK_HEADER)
		return 0;
	while (i < e && (d[i] == ' ' || d[i] == '\t'))
		i++;
	i += 5;				/* "date " */
	f[0][0] = i;
	f[0][1] = i + 10;
	i += 11;
	for (comma = i; comma < e && d[comma] != ','; comma++)
		;
	f[1][0] = i;
	f[1][1] = comma;
	for (i = comma + 1; i < e && d[i] == ' '; i++)
		;
	while (e > i && (d[e - 1] == ' ' || d[e - 1] == '\t'))
		e--;
	f[2][0] = i < e ? i : e;
	f[2][1] = e;
	return 1;
}

/* Are all cased letters upper case, with at least two of them? */
static int
parse_is_caps(const uint8_t *s, size_t n)
{
	const uint8_t	*end = s + n;
	ucs4_t		 uc;
	int		 upper = 0;

	while (s < end) {
		s += u8_mbtouc(&uc, s, (size_t)(end - s));
		if (uc_is_property_lowercase(uc))
			return 0;
		if (uc_is_property_uppercase(uc))
			upper++;
	}
	return upper >= 2;
}

/* Is [s, e) a setext underline: only '=' or only '-' (2+), then blanks? */
static int
parse_is_underline(const uint8_t *d, size_t s, size_t e)
{
	uint8_t	c = s < e ? d[s] : 0;
	size_t	n = 0;

	if (c != '=' && c != '-')
		return 0;
	while (s < e && d[s] == c)
		s++, n++;
	while (s < e && (d[s] == ' ' || d[s] == '\t'))
		s++;
	return s == e && n >= 2;
}

/*
 * A short line of CJK text with no sentence-final punctuation and no
 * cased letters (scripts without case have no capitals to go by).
 */
static int
parse_is_cjk_title(const uint8_t *s, size_t n)
{
	const uint8_t	*end = s + n;
	ucs4_t		 uc;
	int		 cjk = 0, w = 0;

	while (s < end) {
		s += u8_mbtouc(&uc, s, (size_t)(end - s));
		if (uc_is_property_lowercase(uc) ||
		    uc_is_property_uppercase(uc))
			return 0;
		if (uc_is_property_terminal_punctuation(uc) || uc == 0x2026)
			return 0;
		if (uc_is_property_ideographic(uc) ||
		    uc_is_script(uc, uc_script_byname("Hiragana")) ||
		    uc_is_script(uc, uc_script_byname("Katakana")) ||
		    uc_is_script(uc, uc_script_byname("Hangul")))
			cjk++;
		w += width_cp(uc);
	}
	return cjk > 0 && w <= 40;
}

/* The bytes of a heading's title, without Markdown markup. */
void
parse_heading_text(const struct doc *doc, const struct block *b,
    size_t *ts, size_t *te)
{
	const uint8_t	*d = doc->data;
	size_t		 s = b->start, e, next;

	e = block_line_end(d, b->end, s, &next);
	if (doc->blocks != NULL)
		e = b->end;	/* a front end's heading: all of it */
	else if (block_line_is_atx(d, s, e)) {
		while (s < e && d[s] == ' ')
			s++;
		while (s < e && d[s] == '#')
			s++;
		/* A closing run of '#' after a space is markup too. */
		while (e > s && (d[e - 1] == ' ' || d[e - 1] == '\t'))
			e--;
		{
			size_t	h = e;

			while (h > s && d[h - 1] == '#')
				h--;
			if (h == s || d[h - 1] == ' ' || d[h - 1] == '\t')
				e = h;
		}
	}
	while (s < e && (d[s] == ' ' || d[s] == '\t'))
		s++;
	while (e > s && (d[e - 1] == ' ' || d[e - 1] == '\t'))
		e--;
	*ts = s;
	*te = e;
}

/* Classify a block. */
int
parse_block(const struct doc *doc, const struct block *b)
{
	const uint8_t	*d = doc->data, *s = d + b->start;
	size_t		 n = b->end - b->start, e, next, e2, next2;
	struct block	 nb;
	const struct docblock *db;

	/* A front end's block is what it says it is. */
	if (doc->blocks != NULL)
		return (db = block_table_at(doc, b->start)) != NULL ?
		    db->kind : BLOCK_PARAGRAPH;
	/* Laid out in pieces (layout.c), with lines that are never verbatim. */
	if (n > LAYOUT_HUGE)
		return BLOCK_PARAGRAPH;
	e = block_line_end(d, b->end, b->start, &next);
	if (block_line_is_atx(d, b->start, e))
		return BLOCK_HEADING;
	if (e != b->end) {
		/* Two lines, the second an underline: setext. */
		e2 = block_line_end(d, b->end, next, &next2);
		if (e2 == b->end && parse_is_underline(d, next, e2) &&
		    !parse_line_is_verbatim(s, e - b->start))
			return BLOCK_HEADING;
		return BLOCK_PARAGRAPH;		/* more than one line */
	}
	if (block_is_first(doc, b) && parse_is_header(s, n))
		return BLOCK_HEADER;
	if (parse_line_is_verbatim(s, n) || n >= 200)
		return BLOCK_PARAGRAPH;
	if (parse_is_caps(s, n))
		return BLOCK_HEADING;
	if (parse_is_cjk_title(s, n) && !block_is_first(doc, b) &&
	    block_next(doc, b, &nb))
		return BLOCK_HEADING;
	return BLOCK_PARAGRAPH;
}
