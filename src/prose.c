/*
 * prose.c: indented prose in plain text. A paragraph whose lines are in
 * by four spaces or more would be verbatim (code, parse.c), but a
 * licence's items, a letter quoted in a book and a commit's message in
 * git log are prose hard-wrapped there: told from code here, they are
 * filled at the width, in by their indent (layout.c).
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "lede.h"

/*
 * Indented prose: a paragraph of plain text whose lines are all in by
 * the same four or more spaces (or a tab, eight, and spaces after it),
 * which would make each verbatim (code), but which is prose hard-wrapped
 * there: a licence's items ("    d) Convey the object code ..."), a
 * letter quoted in a book, a GNU ChangeLog's entry. Its rows are
 * filled at the width, in by its indent, as any paragraph's; so is a
 * hanging paragraph, its first line in by three spaces or fewer and the
 * others by two more and four or more, the first as wide as two thirds
 * of the widest at least and not ending with a colon (a bibliography's
 * entry, a book's list of titles), its first row in by the first line's
 * indent and the others by theirs. Code is
 * told from it by what prose has: at least two lines, one of them of
 * PARSE_PROSE_WIDE code points or more; no tab after the indent; a comma
 * or full stop before a space (or the line's end) for every two lines;
 * and at most one symbol code is made of ({}[]<>()=;|&*#$@_^~`/\) for each
 * PARSE_PROSE_LETTERS letters, but for prose's own: a parenthesis
 * opened after a space and closed before one (or a comma, full stop,
 * colon, semicolon), a slash between two letters (and/or). One line
 * alone is prose too, if it is as wide and has words that English
 * prose has (parse_prose_words): a commit's subject in git log. The
 * caller's block is a paragraph, so parse_is_lines found its lines
 * filled: each ends because the next word would not have fitted.
 * Returns the indent of its lines (after the first), or 0; *first is
 * set to the first line's.
 */
#define PARSE_PROSE_WIDE	50
#define PARSE_PROSE_LETTERS	40
#define PARSE_ALPHA(c)	((unsigned)(((c) | 0x20) - 'a') < 26)

/* How many of English prose's commonest short words are in [s, e)? */
static int
parse_prose_words(const uint8_t *d, size_t s, size_t e)
{
	static const char *const words[] = {
		"the", "a", "an", "of", "to", "in", "is", "are", "and", "for",
		"with", "on", "at", "by", "from", "that", "when", "as", "it",
		"be", "was", "not", "no", "after", "into", "its", "their"
	};
	size_t	i, j, n;
	int	count = 0;

	for (i = s; i < e; i = j) {
		while (i < e && !PARSE_ALPHA(d[i]))
			i++;
		for (j = i; j < e && PARSE_ALPHA(d[j]); j++)
			;
		if (j - i > 5 || i == j || (j < e && d[j] >= 0x80) ||
		    (i > s && d[i - 1] >= 0x80))
			continue;
		for (n = 0; n < sizeof words / sizeof words[0]; n++)
			if (strlen(words[n]) == j - i && memcmp(words[n],
			    d + i, j - i) == 0) {
				count++;
				break;
			}
	}
	return count;
}

/* Is d[i], in [s, e), a symbol of code, not of prose? */
static int
parse_code_symbol(const uint8_t *d, size_t s, size_t e, size_t i)
{
	uint8_t	c = d[i], a = i > s ? d[i - 1] : ' ', z = i + 1 < e ?
		    d[i + 1] : ' ';

	if (c == 0 || strchr("{}[]<>()=;|&*#$@_^~`/\\", c) == NULL)
		return 0;
	if (c == '(')
		return a != ' ';
	if (c == ')')
		return z != ' ' && z != ',' && z != '.' && z != ':' &&
		    z != ';';
	if (c == '/')
		return !PARSE_ALPHA(a) || !PARSE_ALPHA(z);
	return 1;
}

int
parse_prose_indent(const struct doc *doc, const struct block *b, int *first)
{
	const uint8_t	*d = doc->data;
	size_t		 s, e, next, i, lines = 0, letters = 0, symbols = 0;
	size_t		 stops = 0, cps, cps1 = 0, most = 0;
	int		 indent = -1, k, wide = 0, words = 0, colon = 0;
	uint8_t		 c;

	*first = 0;
	if (doc->blocks != NULL || b->end - b->start > LAYOUT_HUGE ||
	    b->end - b->start < 4)
		return 0;
	/* Most paragraphs: neither their first line nor their second is
	 * in by four (or a tab). */
	if (memcmp(d + b->start, "    ", 4) != 0 && d[b->start] != '\t') {
		block_line_end(d, b->end, b->start, &next);
		if (next + 4 > b->end || (memcmp(d + next, "    ", 4) != 0 &&
		    d[next] != '\t'))
			return 0;
	}
	for (s = b->start;; s = next) {
		e = block_line_end(d, b->end, s, &next);
		/* A tab first (a GNU ChangeLog's entry) is in by eight;
		 * only if the first line is in by one too (no hanging
		 * paragraph of tabs: "\tAll Rights Reserved"). */
		k = s < e && d[s] == '\t' ? 8 : 0;
		if (k > 0 && d[b->start] != '\t')
			return 0;
		for (i = s + (k > 0); i < e && d[i] == ' '; i++)
			k++;
		if (lines == 0)
			*first = k;
		else if (indent < 0)
			indent = k;
		/* All in by one indent, or the first line less (a hanging
		 * paragraph, as a bibliography's). */
		if (i >= e || (lines > 0 && k != indent) || (lines == 1 &&
		    *first != k && (*first > 3 || k - *first < 2)))
			return 0;
		for (cps = (size_t)k; i < e; i++) {
			if ((c = d[i]) == '\t')
				return 0;
			if ((c & 0xc0) == 0x80)
				continue;		/* inside a code point */
			cps++;
			if (c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
				letters++;
			else if (parse_code_symbol(d, s, e, i))
				symbols++;
			else if ((c == ',' || c == '.') && (i + 1 == e ||
			    d[i + 1] == ' '))
				stops++;
		}
		wide |= cps >= PARSE_PROSE_WIDE;
		most = cps > most ? cps : most;
		if (lines++ == 0) {
			words = parse_prose_words(d, s, e);
			cps1 = cps;
			/* A line that ends with a colon introduces what is
			 * in by more: an example, not its own rest. */
			for (i = e; i > s && d[i - 1] == ' '; i--)
				;
			colon = i > s && d[i - 1] == ':';
		}
		if (e >= b->end || next >= b->end || next <= s)
			break;
	}
	if (indent < 0)
		indent = *first;
	if (indent < 4 || (lines < 2 ? words < 2 : 2 * stops < lines))
		return 0;
	/* Hanging, its first line filled as the others are: not a term
	 * and its description ("Python:", "info [subject]"), nor a
	 * version and its items. */
	if (*first != indent && (3 * cps1 < 2 * most || colon))
		return 0;
	if (!wide || PARSE_PROSE_LETTERS * symbols > letters)
		return 0;
	return indent;
}
