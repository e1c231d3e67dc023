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
 *    spaces are verbatim: they keep their line breaks; but for indented
 *    prose (parse_prose_indent), which is filled at the width, indented.
 */

#include "config.h"

#include <string.h>
#include <strings.h>

#include <unictype.h>
#include <unistr.h>

#include "lede.h"

/* Does the line keep its break (a tab, or an indent of 4+ spaces)? */
int
parse_line_is_verbatim(const uint8_t *s, size_t n)
{
	return parse_line_is_code_indent(s, n) ||
	    (n > 0 && memchr(s, '\t', n) != NULL);
}

/* Is the line in by four spaces or more (verbatim, tab or none)? */
int
parse_line_is_code_indent(const uint8_t *s, size_t n)
{
	return n >= 4 && memcmp(s, "    ", 4) == 0;
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
 * The name of a "Name: value" line [s, e) of a header: a word of ASCII
 * letters and '-' (at most 24) at its start, a colon, a space or the
 * end. Returns the offset after ": ", or 0.
 */
static size_t
parse_field(const uint8_t *d, size_t s, size_t e)
{
	size_t	i = s;

	if (i >= e || !((d[i] >= 'A' && d[i] <= 'Z') || (d[i] >= 'a' &&
	    d[i] <= 'z')))
		return 0;
	while (i < e && i - s < 24 && ((d[i] >= 'A' && d[i] <= 'Z') ||
	    (d[i] >= 'a' && d[i] <= 'z') || d[i] == '-'))
		i++;
	if (i >= e || d[i] != ':' || (i + 1 < e && d[i + 1] != ' '))
		return 0;
	for (i++; i < e && d[i] == ' '; i++)
		;
	return i;
}

/*
 * Is the block a header of fields, as newsboat writes above an article
 * (Feed:, Title:, Author:, Date:, Link:) and mail has (From:, Subject:,
 * Date:)? Every line a field (at most 24 lines), and a Title or a
 * Subject among them: 2; fields without: 1 (lines); else 0.
 */
static int
parse_is_fields(const uint8_t *d, const struct block *b)
{
	size_t	s = b->start, e, next;
	int	n = 0, titled = 0;

	for (;;) {
		e = block_line_end(d, b->end, s, &next);
		if (parse_field(d, s, e) == 0 || ++n > 24)
			return 0;
		if ((e - s > 6 && strncasecmp((const char *)d + s, "Title:",
		    6) == 0) || (e - s > 8 && strncasecmp((const char *)d + s,
		    "Subject:", 8) == 0))
			titled = 1;
		if (next >= b->end || next <= s)
			break;
		s = next;
	}
	return n < 2 ? 0 : titled ? 2 : 1;
}

/*
 * Is the block a stanza of fields whose values go on over lines in by a
 * blank (a Debian copyright or control file's, a mail's folded header):
 * its first line a field, every other one a field or in by a blank, one
 * at least? Its lines are kept, none verbatim (builder.c): a copyright
 * file's list of holders, in by eleven, wraps at words.
 */
int
parse_is_stanza(const uint8_t *d, const struct block *b)
{
	size_t	s = b->start, e, next;
	int	more = 0;

	for (;;) {
		e = block_line_end(d, b->end, s, &next);
		if (s > b->start && s < e && (d[s] == ' ' || d[s] == '\t'))
			more = 1;
		else if (parse_field(d, s, e) == 0)
			return 0;
		if (next >= b->end || next <= s)
			return more;
		s = next;
	}
}

/* Past the SGR sequences (sgr_match) at d[i], before e. */
static size_t
parse_past_sgr(const uint8_t *d, size_t i, size_t e)
{
	size_t	n;

	while ((n = sgr_match(d, e, i)) > 0)
		i += n;
	return i;
}

#define PARSE_DIGIT(c)	((c) >= '0' && (c) <= '9')

/*
 * Is the line [s, e) of a diffstat, as git log --stat, git diff --stat
 * and diffstat write it? 1 for a file's line, " name | 12 ++--" or
 * " name | Bin 0 -> 12 bytes"; 2 for the summary, " 2 files changed,
 * 3 insertions(+), 1 deletion(-)"; else 0. git's colours (SGR, as -R
 * shows them) are passed over.
 */
static int
parse_diffstat_line(const uint8_t *d, size_t s, size_t e)
{
	size_t	i, bar = 0;

	if (e - s < 5 || d[s] != ' ' || d[s + 1] == ' ')
		return 0;
	for (i = s + 1; i < e && PARSE_DIGIT(d[i]); i++)
		;
	if (i > s + 1 && ((e - i >= 13 && memcmp(d + i, " file changed",
	    13) == 0) || (e - i >= 14 && memcmp(d + i, " files changed",
	    14) == 0))) {
		/* The rest: ", 3 insertions(+)", ", 1 deletion(-)". */
		for (i += 13; i < e; i++)
			if (!(PARSE_DIGIT(d[i]) || (d[i] >= 'a' &&
			    d[i] <= 'z') || memchr(" ,()+-", d[i], 6) != NULL))
				return 0;
		return 2;
	}
	/* The last " | ", after a name. */
	for (i = s + 1; i + 3 <= e; i++)
		if (d[i] == ' ' && d[i + 1] == '|' && d[i + 2] == ' ')
			bar = i;
	if (bar <= s + 1)
		return 0;
	i = bar + 3;
	while (i < e && d[i] == ' ')
		i++;
	if (e - i >= 4 && memcmp(d + i, "Bin ", 4) == 0)
		return 1;
	if (i >= e || !PARSE_DIGIT(d[i]))
		return 0;
	while (i < e && PARSE_DIGIT(d[i]))
		i++;
	if (i < e && d[i++] != ' ')
		return 0;
	for (i = parse_past_sgr(d, i, e); i < e && (d[i] == '+' ||
	    d[i] == '-'); i = parse_past_sgr(d, i + 1, e))
		;
	return i == e;
}

/* Is every line of b one of a diffstat, its summary among them? */
static int
parse_is_diffstat(const uint8_t *d, const struct block *b)
{
	size_t	s = b->start, e, next;
	int	k, summary = 0;

	for (;;) {
		e = block_line_end(d, b->end, s, &next);
		while (e > s && d[e - 1] == ' ')
			e--;
		if ((k = parse_diffstat_line(d, s, e)) == 0)
			return 0;
		summary |= k == 2;
		if (next >= b->end || next <= s)
			break;
		s = next;
	}
	return summary;
}

/*
 * The value of the field name (without its colon) in the header block
 * b, as [*vs, *ve); 0 if it has none.
 */
int
parse_field_value(const struct doc *doc, const struct block *b,
    const char *name, size_t *vs, size_t *ve)
{
	const uint8_t	*d = doc->data;
	size_t		 s = b->start, e, next, v, n = strlen(name);

	if (parse_block(doc, b) != BLOCK_HEADER)
		return 0;
	for (;;) {
		e = block_line_end(d, b->end, s, &next);
		if ((v = parse_field(d, s, e)) != 0 && e - s > n &&
		    strncasecmp((const char *)d + s, name, n) == 0 &&
		    d[s + n] == ':') {
			while (e > v && (d[e - 1] == ' ' || d[e - 1] == '\t'))
				e--;
			*vs = v;
			*ve = e;
			return 1;
		}
		if (next >= b->end || next <= s)
			return 0;
		s = next;
	}
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

	if (parse_block(doc, b) != BLOCK_HEADER ||
	    !parse_is_header(d + b->start, b->end - b->start))
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

/*
 * Is the document mostly lines (a log, a diff, a listing), not prose?
 * Its first PARSE_DOC_SCAN bytes are weighed: the bytes of blocks kept
 * as lines and of verbatim lines against those of prose.
 */
#define PARSE_DOC_SCAN	(16u << 10)
int
parse_doc_is_lines(const struct doc *doc)
{
	const uint8_t	*d = doc->data;
	struct block	 b;
	size_t		 lines = 0, prose = 0, s, e, next;
	int		 more, type, first;

	for (more = block_first(doc, &b); more && b.start < PARSE_DOC_SCAN;
	    more = block_next(doc, &b, &b)) {
		if ((type = parse_block(doc, &b)) == BLOCK_LINES)
			lines += b.end - b.start;
		else if (type != BLOCK_PARAGRAPH)
			continue;
		else if (b.end - b.start > LAYOUT_HUGE ||
		    parse_prose_indent(doc, &b, &first) > 0)
			prose += b.end - b.start;
		else
			for (s = b.start; s < b.end; s = next) {
				e = block_line_end(d, b.end, s, &next);
				if (parse_line_is_verbatim(d + s, e - s))
					lines += e - s;
				else
					prose += e - s;
				if (next <= s)
					break;
			}
	}
	return lines > prose;
}

/*
 * The title a header of fields gives the document (Title:, Subject:),
 * allocated, or NULL.
 */
char *
parse_title(const struct doc *doc)
{
	struct block	 b;
	size_t		 vs, ve;
	char		*t;

	if (!block_first(doc, &b) || (!parse_field_value(doc, &b, "Title",
	    &vs, &ve) && !parse_field_value(doc, &b, "Subject", &vs, &ve)) ||
	    ve == vs)
		return NULL;
	if (ve - vs > 200)
		ve = vs + doc_cut(doc, vs, 200);
	t = xmalloc(ve - vs + 1);
	memcpy(t, doc->data + vs, ve - vs);
	t[ve - vs] = '\0';
	return t;
}

/* Is the line before the one at start (start > 0) not blank? */
int
parse_after_text(const uint8_t *d, size_t start)
{
	size_t	p = start;

	/* Step over the terminator that ends the line before. */
	if (p >= 2 && d[p - 1] == '\n' && d[p - 2] == '\r')
		p -= 2;
	else if (p >= 1)
		p--;
	while (p > 0 && d[p - 1] != '\n' && d[p - 1] != '\r') {
		if (d[p - 1] != ' ' && d[p - 1] != '\t')
			return 1;
		p--;
	}
	return 0;
}

/*
 * The blank rows above block b of type type (not the document's first),
 * which is quote deep in a mail's quotes, and the quote bars they have
 * (*bars): as a front end says; else one, two above a heading, but none
 * for items of a list with no blank line between, a mail's signature
 * right after its text, code's lines, a quote right after the line that
 * introduces it and a reply right after the quote.
 */
int
parse_gap(const struct doc *doc, const struct block *b, int type, int quote,
    int *bars)
{
	const struct docblock	*db;
	int			 above, sep;

	*bars = 0;
	if (doc->blocks != NULL) {
		if ((db = block_table_at(doc, b->start)) == NULL)
			return 1;
		if (db > doc->blocks)
			*bars = db[-1].bars < db->bars ? db[-1].bars : db->bars;
		return db->gap;
	}
	above = block_quote_above(doc, b->start, &sep);
	*bars = above < quote ? above : quote;
	if (!sep && (type == BLOCK_ITEM || doc->lines || above != quote ||
	    block_line_is_sig(doc->data, b->start, block_line_end(doc->data,
	    b->end, b->start, NULL))))
		return 0;
	return type == BLOCK_HEADING ? 2 : 1;
}

/*
 * The columns a tab that starts a block of plain text (a GNU ChangeLog's
 * entry: an item, indented prose) is set in by at this width: eight, or
 * an eighth of a narrower column (one at least), to keep room for the
 * text.
 */
int
parse_tab_columns(int width)
{
	return width >= 64 ? 8 : width >= 8 ? width / 8 : 1;
}

/*
 * A list item's indents: *lead for its first row (the spaces before its
 * marker, or a tab's parse_tab_columns()), *hang for the others (up to
 * its text, past the marker), both leaving at least half the width.
 */
void
parse_item_indents(const struct doc *doc, const struct block *blk, int width,
    int *lead, int *hang)
{
	const uint8_t	*d = doc->data;
	size_t		 s = blk->start, e, t;
	ucs4_t		 uc;
	int		 n;

	e = block_line_end(d, blk->end, s, NULL);
	t = block_line_item(d, s, e);
	*lead = *hang = 0;
	if (s < t && d[s] == '\t')
		s++, *lead = parse_tab_columns(width);
	while (s < t && d[s] == ' ')
		s++, (*lead)++;
	*hang = *lead;
	while (s < t) {
		n = u8_mbtouc(&uc, d + s, t - s);
		*hang += width_cp(uc);
		s += (size_t)(n > 0 ? n : 1);
	}
	if (*hang > width / 2)
		*hang = width / 2;
	if (*lead > *hang)
		*lead = *hang;
}

/*
 * Does the block start as a commit's header in git log does: "commit "
 * and 7 to 64 hexadecimal digits, then the end of the line or a space
 * (its refs), then its fields (Author:, Date:)?
 */
static int
parse_is_commit(const uint8_t *d, const struct block *b)
{
	size_t	s = b->start + 7, i;

	if (b->end - b->start < 14 || memcmp(d + b->start, "commit ", 7) != 0)
		return 0;
	for (i = s; i < b->end && i - s < 65 && ((d[i] >= '0' && d[i] <= '9') ||
	    (d[i] >= 'a' && d[i] <= 'f')); i++)
		;
	return i - s >= 7 && i - s <= 64 && i < b->end && (d[i] == ' ' ||
	    d[i] == '\n' || d[i] == '\r');
}

/* Does every line of the block start with '#' (after blanks)? */
static int
parse_is_comment(const uint8_t *d, const struct block *b)
{
	size_t	s, e, next;

	for (s = b->start;; s = next) {
		e = block_line_end(d, b->end, s, &next);
		while (s < e && (d[s] == ' ' || d[s] == '\t'))
			s++;
		if (s >= e || d[s] != '#')
			return 0;
		if (e >= b->end || next >= b->end || next <= s)
			return 1;
	}
}

/*
 * The widest line of block b, in columns as parse_columns() counts them
 * (bytes in a line with a tab or a control), of its first lines up to
 * past max; *n is set to how many lines that was. It stops at a line
 * wider than stop.
 */
static int
parse_block_width(const uint8_t *d, const struct block *b, int max,
    int stop, int *n)
{
	size_t	s = b->start, e, next;
	long	c;
	int	w = 0, two;

	for (*n = 0; *n <= max && w <= stop; s = next) {
		e = block_line_end(d, b->end, s, &next);
		if ((c = parse_columns(d + s, d + e, &two)) < 0)
			c = (long)(e - s);
		if (c > w)
			w = c < PARSE_WIDTH_MAX ? (int)c : PARSE_WIDTH_MAX;
		(*n)++;
		if (e >= b->end || next >= b->end || next <= s)
			break;
	}
	return w;
}

/*
 * The width prose near a block is filled to: the widest line of the
 * blocks of two lines or more (parted by blank lines) among the
 * PARSE_SHORT_BACK blocks above the line at p (dir < 0) or below the line
 * that ends at p (dir > 0); 0 if there are none, -1 if a line is too long
 * to look at. The lines are looked at one by one, at most PARSE_SHORT_SCAN
 * of them, the first PARSE_SHORT_SPAN bytes of each, so that the answer
 * costs little whatever is around (a paragraph of 100 MB).
 */
#define PARSE_SHORT_BACK	3
#define PARSE_SHORT_SCAN	64
#define PARSE_SHORT_SPAN	4096
static int
parse_fill(const struct doc *doc, size_t p, int dir)
{
	const uint8_t	*d = doc->data;
	size_t		 ps, pe, lo, hi, i;
	long		 c;
	int		 k, two, lines = 0, most = 0, fill = 0, blocks = 0;

	if (dir > 0)		/* past the end of the line at p */
		p = block_line_next(d, doc->len, p);
	for (k = 0; k < PARSE_SHORT_SCAN && (dir < 0 ? p > 0 : p < doc->len);
	    k++) {
		if (dir < 0) {
			/* The line above, its start looked for so far
			 * back: a line longer than that ends the search,
			 * with no answer. */
			pe = p - 1 - (p >= 2 && d[p - 1] == '\n' &&
			    d[p - 2] == '\r');
			lo = pe > PARSE_SHORT_SPAN ? pe - PARSE_SHORT_SPAN : 0;
			if ((ps = block_line_start(d, lo, pe)) == lo && lo > 0)
				return -1;
			p = ps;
		} else {
			ps = p;
			hi = doc->len - ps > PARSE_SHORT_SPAN ? ps +
			    PARSE_SHORT_SPAN : doc->len;
			if ((pe = block_line_end(d, hi, ps, NULL)) == hi &&
			    hi < doc->len)
				return -1;
			p = block_line_next(d, doc->len, pe);
		}
		if ((c = parse_columns(d + ps, d + pe, &two)) < 0)
			c = (long)(pe - ps);
		for (i = ps; i < pe && (d[i] == ' ' || d[i] == '\t' ||
		    d[i] == '\f' || d[i] == '\v'); i++)
			;
		if (i == pe) {		/* blank: a block's end */
			if (lines >= 2 && most > fill)
				fill = most;
			if (lines > 0 && ++blocks >= PARSE_SHORT_BACK)
				break;
			lines = most = 0;
			continue;
		}
		lines++;
		most = c > most ? (c < PARSE_WIDTH_MAX ? (int)c :
		    PARSE_WIDTH_MAX) : most;
	}
	if (lines >= 2 && most > fill)
		fill = most;
	return fill;
}

/*
 * Is b a few lines set apart on purpose, in prose filled wider: a
 * letter's sign-off, a name and a desk, an address ("Best regards,"
 * "Tomas Berg" "Harbour News desk")? Two to PARSE_SHORT lines, none
 * wider than two thirds of the width the blocks above are filled to
 * (parse_fill), which must be PARSE_FILL_MIN columns or more. Alone,
 * such a block cannot tell its breaks from a narrow fill
 * (parse_is_lines); text filled narrower than that is left as it is.
 */
#define PARSE_SHORT		4
#define PARSE_SHORT_WIDTH	60	/* columns: no fill is 3/2 of more */
#define PARSE_FILL_MIN		40
static int
parse_is_short_lines(const struct doc *doc, const struct block *b)
{
	int	n, w, fill;

	w = parse_block_width(doc->data, b, PARSE_SHORT, PARSE_SHORT_WIDTH,
	    &n);
	if (n < 2 || n > PARSE_SHORT || w > PARSE_SHORT_WIDTH)
		return 0;
	fill = parse_fill(doc, b->start, -1);
	return fill >= PARSE_FILL_MIN && 3 * w <= 2 * fill;
}

/*
 * Is b a title centred by spaces in prose filled to some width (a
 * licence's name and version, "Preamble", an RFC's title): one to
 * PARSE_CENTRE lines, each in by PARSE_CENTRE_IN columns or more (so
 * verbatim, parse_line_is_verbatim), with about as many columns left
 * on its right up to that width (parse_fill: of the blocks above, else
 * below), to within 3 columns or a twelfth of it? Such lines are set in
 * the middle of the rows (layout.c), wrapped at words, not cut at the
 * margin as code is. Not lines with what code has and titles do not
 * ({ } ; = $ | \ ` && ./), a tab or a control, nor a list item's, nor
 * lines of other widths in by as much (indented prose).
 */
#define PARSE_CENTRE		3
#define PARSE_CENTRE_IN		14	/* lines in by less, filled to 70
					   or so, are 40 or more wide: in
					   a changelog, a note indented */
#define PARSE_CENTRE_OUT	8	/* columns left on the right */
int
parse_is_centred(const struct doc *doc, const struct block *b)
{
	const uint8_t	*d = doc->data;
	size_t		 s, e, next, t, q;
	long		 w[PARSE_CENTRE], lo, hi;
	int		 in[PARSE_CENTRE], n = 0, k, fill, two, off, same;

	if (doc->blocks != NULL || doc->lines || b->end - b->start <=
	    PARSE_CENTRE_IN || memcmp(d + b->start, "                ",
	    PARSE_CENTRE_IN) != 0)
		return 0;
	for (s = b->start;; s = next) {
		e = block_line_end(d, b->end, s, &next);
		while (e > s && d[e - 1] == ' ')
			e--;
		for (t = s; t < e && d[t] == ' '; t++)
			;
		for (q = t; q < e && memchr("{};=$|\\`", d[q], 8) == NULL &&
		    (q + 1 == e || !((d[q] == '&' && d[q + 1] == '&') ||
		    (d[q] == '.' && d[q + 1] == '/'))); q++)
			;
		if (n == PARSE_CENTRE || t - s < PARSE_CENTRE_IN || t == e ||
		    t - s > PARSE_WIDTH_MAX || q < e ||
		    block_line_item(d, t, e) != 0 ||
		    (w[n] = parse_columns(d + t, d + e, &two)) < 0)
			return 0;
		in[n++] = (int)(t - s);
		if (e >= b->end || next >= b->end || next <= s)
			break;
	}
	if ((fill = parse_fill(doc, b->start, -1)) <= 0 &&
	    (fill = parse_fill(doc, b->end, 1)) <= 0)
		return 0;
	if (fill < PARSE_FILL_MIN)
		return 0;
	for (k = 0, lo = hi = w[0], same = 1; k < n; k++) {
		/* The columns on the left less those on the right. */
		off = 2 * in[k] + (int)w[k] - fill;
		off = off < 0 ? -off : off;
		if ((off > 3 && 12 * off > fill) || fill - in[k] - w[k] <
		    PARSE_CENTRE_OUT)
			return 0;
		lo = w[k] < lo ? w[k] : lo;
		hi = w[k] > hi ? w[k] : hi;
		same &= in[k] == in[0];
	}
	/* Lines of other widths in by as much are indented prose. */
	return !same || hi - lo < 3;
}

/* Classify a block. */
int
parse_block(const struct doc *doc, const struct block *b)
{
	const uint8_t	*d = doc->data, *s = d + b->start;
	size_t		 n = b->end - b->start, e, next, e2, next2;
	struct block	 nb;
	const struct docblock *db;
	int		 k;

	/* A front end's block is what it says it is. */
	if (doc->blocks != NULL)
		return (db = block_table_at(doc, b->start)) != NULL ?
		    db->kind : BLOCK_PARAGRAPH;
	/* Laid out in pieces (layout.c), with lines that are never verbatim. */
	if (n > LAYOUT_HUGE)
		return BLOCK_PARAGRAPH;
	if (doc->lines)
		return BLOCK_LINES;		/* code */
	e = block_line_end(d, b->end, b->start, &next);
	/* A mail's quote (block.c: one depth a block): prose, or lines. */
	if (block_quote_depth(doc, b) > 0)
		return e != b->end && parse_is_lines(d, b, 1) ? BLOCK_LINES :
		    BLOCK_PARAGRAPH;
	if (block_line_heading(d, doc->len, b->start, e))
		return BLOCK_HEADING;
	if (block_line_item(d, b->start, e))
		return BLOCK_ITEM;
	if (e != b->end) {
		/* Two lines, the second an underline: setext; both
		 * centred, or neither in by four or more. */
		e2 = block_line_end(d, b->end, next, &next2);
		for (k = 0; next + (size_t)k < e2 && d[next + k] == ' '; k++)
			;
		if (e2 == b->end && parse_is_underline(d, next + (size_t)k,
		    e2) && (k == 0 ? !parse_line_is_verbatim(s, e - b->start) :
		    parse_is_centred(doc, b)))
			return BLOCK_HEADING;
		if ((k = parse_is_fields(d, b)) == 2 && block_is_first(doc, b))
			return BLOCK_HEADER;
		/* A mail's signature keeps its lines, as do comments (all
		 * lines '#': block_line_heading) and a commit's header. */
		if (block_line_is_sig(d, b->start, e) ||
		    parse_is_comment(d, b) || parse_is_commit(d, b))
			return BLOCK_LINES;
		/* More than one line: prose, or kept as lines. */
		return k > 0 || parse_is_lines(d, b, 0) ||
		    parse_is_diffstat(d, b) || parse_is_short_lines(doc, b) ?
		    BLOCK_LINES : BLOCK_PARAGRAPH;
	}
	if (block_is_first(doc, b) && parse_is_header(s, n))
		return BLOCK_HEADER;
	/* A verbatim line is no heading, but for a title centred. */
	if (n >= 200 || (parse_line_is_verbatim(s, n) &&
	    !parse_is_centred(doc, b)))
		return BLOCK_PARAGRAPH;
	if (parse_is_caps(s, n))
		return BLOCK_HEADING;
	if (parse_is_cjk_title(s, n) && !block_is_first(doc, b) &&
	    block_next(doc, b, &nb))
		return BLOCK_HEADING;
	return BLOCK_PARAGRAPH;
}
