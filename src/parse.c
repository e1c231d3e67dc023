/*
 * parse.c: what a block is.
 *
 * The rules are those of DESCRIPTION in lede.1:
 *  - the header line: the first block, one line, "date YYYY-MM-DD SOURCE,
 *    DATELINE" (leading white space allowed);
 *  - a heading: a one-line block whose cased letters are all upper case,
 *    with at least two of them ("UNITED STANCE");
 *  - anything else is a paragraph. Lines with a tab or an indent of four
 *    or more spaces are verbatim: they keep their line breaks.
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
	size_t	i;

	if (n >= 4 && memcmp(s, "    ", 4) == 0)
		return 1;
	for (i = 0; i < n; i++)
		if (s[i] == '\t')
			return 1;
	return 0;
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

/* Classify a block. */
int
parse_block(const struct source *src, const struct block *b)
{
	const uint8_t	*s = src->data + b->start;
	size_t		 n = b->end - b->start, next;

	if (block_line_end(src->data, b->end, b->start, &next) != b->end)
		return BLOCK_PARAGRAPH;		/* more than one line */
	if (block_is_first(src, b) && parse_is_header(s, n))
		return BLOCK_HEADER;
	if (!parse_line_is_verbatim(s, n) && n < 200 && parse_is_caps(s, n))
		return BLOCK_HEADING;
	return BLOCK_PARAGRAPH;
}
