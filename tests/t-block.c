/*
 * t-block.c: blocks are found the same from either direction and from any
 * offset, with every kind of line ending.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"
#include "tap.h"

/* Describe the blocks of s, forward, as "start-end,start-end". */
static void
forward(const char *s, char *out, size_t outlen)
{
	struct doc	doc;
	struct block	b;
	int		more;
	size_t		n = 0;

	doc_open_memory(&doc, "t", s, strlen(s));
	out[0] = '\0';
	for (more = block_first(&doc, &b); more; more = block_next(&doc, &b, &b))
		n += (size_t)snprintf(out + n, outlen - n, "%s%zu-%zu",
		    n ? "," : "", b.start, b.end);
	doc_free(&doc);
}

/* The same, found backwards from the end. */
static void
backward(const char *s, char *out, size_t outlen)
{
	struct doc	doc;
	struct block	b, all[64];
	int		more, k = 0;
	size_t		n = 0;

	doc_open_memory(&doc, "t", s, strlen(s));
	for (more = block_last(&doc, &b); more && k < 64;
	    more = block_prev(&doc, &b, &b))
		all[k++] = b;
	out[0] = '\0';
	while (k-- > 0)
		n += (size_t)snprintf(out + n, outlen - n, "%s%zu-%zu",
		    n ? "," : "", all[k].start, all[k].end);
	doc_free(&doc);
}

static void
check(const char *s, const char *want, const char *what)
{
	char	f[512], b[512];

	forward(s, f, sizeof f);
	backward(s, b, sizeof b);
	tap_is_str(f, want, "%s: forward", what);
	tap_is_str(b, want, "%s: backward", what);
}

/* block_at every offset agrees with forward enumeration. */
static void
check_at(const char *s, const char *what)
{
	struct doc	doc;
	struct block	b, at, list[64];
	size_t		i, k = 0, j;
	int		more, bad = 0;

	doc_open_memory(&doc, "t", s, strlen(s));
	for (more = block_first(&doc, &b); more && k < 64;
	    more = block_next(&doc, &b, &b))
		list[k++] = b;
	for (i = 0; i <= doc.len; i++) {
		more = block_at(&doc, i, &at);
		/* Expected: the block containing i, else the next one. */
		for (j = 0; j < k && list[j].end < i &&
		    !(list[j].end + 1 == i && s[list[j].end] == '\r' &&
		    s[i] == '\n'); j++)
			;
		if (j == k) {
			if (more)
				bad++;
			continue;
		}
		if (!more || at.start != list[j].start ||
		    at.end != list[j].end)
			bad++;
	}
	tap_is_int(bad, 0, "%s: block_at at every offset", what);
	doc_free(&doc);
}

/*
 * parse_columns() sixteen bytes at a time, its last ones in an overlapping
 * load, against its definition a byte at a time: a column for each byte
 * but UTF-8 continuations, two from lead E3 on, -1 for a control or DEL,
 * *two for two spaces in a row.
 */
static void
check_columns(void)
{
	static const uint8_t	alpha[] = { ' ', ' ', 'a', 'Z', '.', 0x80,
				    0xbf, 0xc3, 0xe2, 0xe3, 0xe9, 0xf0, 0xff,
				    '\t', 0x1b, 0x7f };
	uint8_t			 line[80];
	long			 want, got;
	int			 k, n, i, two, want2, bad = 0, ctl;

	srand(7);
	for (k = 0; k < 200000; k++) {
		n = rand() % 80;
		ctl = rand() % 8 == 0;
		for (i = 0; i < n; i++)
			line[i] = alpha[rand() % (ctl ? 16 : 13)];
		want = 0;
		want2 = 0;
		for (i = 0; i < n && want >= 0; i++) {
			if (line[i] < 0x20 || line[i] == 0x7f)
				want = -1;
			else
				want += ((line[i] & 0xc0) != 0x80) +
				    (line[i] >= 0xe3);
			if (i > 0 && line[i] == ' ' && line[i - 1] == ' ')
				want2 = 1;
		}
		got = parse_columns(line, line + n, &two);
		if (got != want || (want >= 0 && two != want2)) {
			if (bad++ == 0)
				tap_diag("length %d: %ld columns (want %ld), two "
				    "%d (want %d)", n, got, want, two, want2);
		}
	}
	tap_ok(bad == 0, "parse_columns: 200000 random lines counted as byte by "
	    "byte (%d wrong)", bad);
}

/*
 * parse_columns_eol() on random text with line ends (LF, CR) among the
 * bytes: the columns of the line up to the first of them and where it
 * is, as parse_columns() counts that line, or -1 if another control
 * comes first.
 */
static void
check_columns_eol(void)
{
	static const uint8_t	alpha[] = { ' ', ' ', 'a', 'Z', '.', 0x80,
				    0xbf, 0xc3, 0xe2, 0xe3, 0xe9, 0xf0, 0xff,
				    '\n', '\r', '\t', 0x1b };
	uint8_t			 text[120];
	const uint8_t		*eol, *e;
	long			 want, got;
	int			 k, n, i, two, want2, bad = 0, ends = 0;

	srand(11);
	for (k = 0; k < 200000; k++) {
		n = rand() % 120;
		for (i = 0; i < n; i++)
			text[i] = alpha[rand() % (rand() % 4 == 0 ? 17 : 13)];
		for (e = text; e < text + n && *e != '\n' && *e != '\r'; e++)
			;
		want = parse_columns(text, e, &want2);
		eol = NULL;
		got = parse_columns_eol(text, text + n, &two, &eol);
		ends += e < text + n;
		if (got != want || (want >= 0 && (two != want2 || eol != e))) {
			if (bad++ == 0)
				tap_diag("length %d: %ld columns (want %ld), two "
				    "%d (want %d), end %td (want %td)", n, got,
				    want, two, want2, eol != NULL ? eol - text :
				    -1, e - text);
		}
	}
	tap_ok(bad == 0, "parse_columns_eol: 200000 random texts, %d with a "
	    "line end, counted as their first line (%d wrong)", ends, bad);
}

/*
 * An item's marker: where the item's text starts after it, or 0. Lines
 * of prose start with a letter (no marker), but for a small letter or
 * two before ")".
 */
static void
check_items(void)
{
	static const struct {
		const char	*line;
		size_t		 text;
	} t[] = {
		{ "- x", 2 }, { "* x", 2 }, { "+  x", 3 }, { "   - x", 5 },
		{ "\xe2\x80\xa2 x", 4 }, { "1. x", 3 }, { "12) x", 4 },
		{ "(3) x", 4 }, { "(a) x", 4 }, { "a) x", 3 }, { "ab) x", 4 },
		{ "abc) x", 0 }, { "a. x", 0 }, { "iv. x", 0 }, { "a)x", 0 },
		{ "a)", 0 }, { "a", 0 }, { "ab", 0 }, { "ab)", 0 },
		{ "said the minister", 0 }, { "x) y", 3 }, { "A) x", 0 },
		{ "Hello", 0 }, { "z", 0 }, { "-x", 0 }, { "1234. x", 0 },
		/* A GNU ChangeLog's entry: one tab, then the marker. */
		{ "\t* tide.c (berth): x", 3 }, { "\t- x", 3 },
		{ "\t1. x", 4 }, { "\t\t* x", 0 }, { "\t * x", 0 },
		{ " \t* x", 0 }, { "\t*p = 0;", 0 },
	};
	size_t	i, got, bad = 0;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		got = block_line_item((const uint8_t *)t[i].line, 0,
		    strlen(t[i].line));
		if (got != t[i].text && bad++ < 3)
			tap_diag("\"%s\": %zu, not %zu", t[i].line, got,
			    t[i].text);
	}
	tap_ok(bad == 0, "item markers: %zu lines, %zu wrong",
	    sizeof t / sizeof t[0], bad);
}

int
main(void)
{
	check_columns();
	check_columns_eol();
	check_items();
	check("", "", "empty");
	check("\n\n  \n", "", "only blank lines");
	check("one", "0-3", "no final newline");
	check("a\nb\n\nc\n", "0-3,5-6", "LF");
	check("a\r\nb\r\n\r\nc\r\n", "0-4,8-9", "CRLF");
	check("a\rb\r\rc\r", "0-3,5-6", "lone CR");
	check("\n\n a\n \t \nb", "2-4,9-10", "leading blanks, blank line of spaces and a tab");
	check(" date 2017\n\nx\n\n\n\ny", "0-10,12-13,17-18", "several blank lines");
	check_at("a\nb\n\nc\n", "LF");
	check_at("\n\n a\n \t \nb\n\n", "blanks around");
	check_at("a\r\n\r\nb\rc\r\r", "CR and CRLF");
	/* A mail's signature starts a block of its own (RFC 3676 "-- "). */
	check("Thanks.\n-- \nMira\nHarbour desk\n", "0-7,8-29",
	    "a signature after the text");
	check("Thanks.\n--\nMira\n", "0-15", "\"--\" without its space: "
	    "no signature");
	check_at("Thanks.\n-- \nMira\n-- \nAna\n", "signatures");
	/* A mail's quote: a block a depth, ">" alone between two. */
	check("Mira wrote:\n> a\n> b\n>\n>> c\n> > d\nThanks.\n",
	    "0-11,12-19,22-32,33-40", "quotes: a block a depth, \">\" a gap");
	check("x\n>\ny\n", "0-5", "\">\" alone, no quote beside it: text");
	check(">a\n>b\n", "0-5", "\">a\": quoted in a run of '>' lines");
	check("send it\n>/dev/null now\n", "0-22", "\">/dev/null\" alone "
	    "starting a line: text");
	check(">From here\n> a\n", "0-10,11-14", "mbox's \">From \" is no "
	    "quote");
	check(">>> 1 + 1\n2\n>>> x\n", "0-17", "Python's prompt: no quote");
	check("> a\n>>> b\n>>> c\n>\n", "0-3,4-15", "\">>> \" beside "
	    "quotes: a quote");
	check("    > a\n    > b\n", "0-15", "a '>' in by four: code, no quote");
	check_at("a:\n> b\n>\n>> c\n> d\n\n>>> e\n>\nf\n", "quotes");
	/* Debian's " ." in a field is a blank line; "  ." is text. */
	check("L: x\n a\n .\n b\n  .\n", "0-7,11-17", "\" .\" a gap");
	check_at("L: x\n a\n .\n b\n", "\" .\"");
	{
		struct doc	doc;
		struct block	b;
		const char	*m = "x:\n> a\n>\n> > b\n";

		doc_open_memory(&doc, "t", m, strlen(m));
		block_first(&doc, &b);
		tap_is_int(block_quote_depth(&doc, &b), 0, "no quote: depth 0");
		block_next(&doc, &b, &b);
		tap_is_int(block_quote_depth(&doc, &b), 1, "\"> a\": depth 1");
		block_next(&doc, &b, &b);
		tap_is_int(block_quote_depth(&doc, &b), 2, "\"> > b\": depth 2");
		doc.lines = 1;
		tap_is_int(block_quote_depth(&doc, &b), 0, "code: no quote");
		doc_free(&doc);
	}
	/* A '#' line is a heading of its own, but not in a run of them. */
	check("text\n# Title\nmore\n", "0-4,5-12,13-17", "a heading between "
	    "lines of text: a block of its own");
	check("# one\n# two\n#\n# three\n", "0-21", "a run of '#' "
	    "lines: one block");
	check("text\n# one\n# two\nmore\n", "0-21", "a run of '#' lines "
	    "inside text: one block");
	check_at("# one\n# two\n\n# Title\n\n#\n# a\ntext\n# b\n",
	    "'#' lines");

	{
		struct doc	doc;
		struct block	b;
		int		n = 0, more;
		char		*s;
		const char	*dir = getenv("srcdir");
		char		 path[4096];

		snprintf(path, sizeof path, "%s/src/sample.txt",
		    dir ? dir : ".");
		s = tap_slurp(path, NULL);
		tap_ok(s != NULL, "sample readable");
		doc_open_memory(&doc, "sample", s, strlen(s));
		for (more = block_first(&doc, &b); more;
		    more = block_next(&doc, &b, &b))
			n++;
		tap_is_int(n, 22, "sample: 22 blocks");
		block_first(&doc, &b);
		tap_is_int((long)b.start, 0, "sample: first block at 0 "
		    "(leading space kept)");
		tap_ok(block_is_first(&doc, &b), "sample: first block is first");
		block_next(&doc, &b, &b);
		tap_ok(!block_is_first(&doc, &b), "second block is not first");
		block_last(&doc, &b);
		tap_is_int((long)b.end, (long)doc.len, "sample: last block "
		    "ends at the end (no final newline)");
		doc_free(&doc);
		free(s);
	}
	return tap_done();
}
