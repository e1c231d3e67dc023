/*
 * t-outline.c: headings by every rule, the outline, section lookup.
 */

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"
#include "tap.h"

static struct doc	doc;
static char		*text;

static void
load(const char *name)
{
	char		 path[4096];
	const char	*dir = getenv("srcdir");

	snprintf(path, sizeof path, "%s/%s", dir ? dir : ".", name);
	text = tap_slurp(path, NULL);
	if (text == NULL) {
		printf("Bail out! cannot read %s\n", path);
		exit(1);
	}
	doc_open_memory(&doc, name, text, strlen(text));
}

static void
unload(void)
{
	doc_free(&doc);
	free(text);
}

/* The indent parse_prose_indent gives the one block of s, if a
 * paragraph (-1 if not), its first line's in the hundreds if it differs
 * (hanging: 204 is in by 4, the first line by 2). */
static void
prose(const char *s, int want, const char *what)
{
	struct doc	d;
	struct block	b;
	int		first, k = -1;

	doc_open_memory(&d, "t", s, strlen(s));
	block_first(&d, &b);
	if (parse_block(&d, &b) == BLOCK_PARAGRAPH &&
	    (k = parse_prose_indent(&d, &b, &first)) > 0 && first != k)
		k += 100 * first;
	tap_is_int(k, want, "%s", what);
	doc_free(&d);
}

/* parse_is_stanza() of the one block of s. */
static void
stanza(const char *s, int want, const char *what)
{
	struct doc	d;
	struct block	b;

	doc_open_memory(&d, "t", s, strlen(s));
	block_first(&d, &b);
	tap_is_int(parse_is_stanza(d.data, &b), want, "%s", what);
	doc_free(&d);
}

/* Title of section i as a string. */
static const char *
title(const struct outline *o, size_t i)
{
	static char	buf[256];
	size_t		n = o->v[i].title_end - o->v[i].title;

	memcpy(buf, doc.data + o->v[i].title, n);
	buf[n] = '\0';
	return buf;
}

/* The kind of the first (or the last) block of s. */
static void
kind_of(const char *s, int last, int want, const char *what)
{
	struct doc	d;
	struct block	b;

	doc_open_memory(&d, "t", s, strlen(s));
	if (last)
		block_last(&d, &b);
	else
		block_first(&d, &b);
	tap_is_int(parse_block(&d, &b), want, "%s", what);
	doc_free(&d);
}

#define kind(s, want, what)		kind_of(s, 0, want, what)
#define kind_last(s, want, what)	kind_of(s, 1, want, what)

/* Prose filled to 71 columns, around the titles below. */
#define LAMPS \
	"The Harbour Lights Society keeps the old lamps of the quay burning\n" \
	"through the winter months, from the first gale of October until the\n" \
	"fishing boats go out again in the spring, and asks every member to " \
	"take\n" \
	"a turn at the wicks, the oil and the long ladder by the harbour " \
	"wall.\n"

/* parse_is_centred() of block nth of s (0: the first), -1 if none. */
static void
centred(const char *s, int nth, int want, const char *what)
{
	struct doc	d;
	struct block	b;
	int		i, more;

	doc_open_memory(&d, "t", s, strlen(s));
	more = block_first(&d, &b);
	for (i = 0; more && i < nth; i++)
		more = block_next(&d, &b, &b);
	tap_is_int(more ? parse_is_centred(&d, &b) : -1, want, "%s", what);
	doc_free(&d);
}

int
main(void)
{
	struct outline	o;
	struct block	b;
	int		type;

	setlocale(LC_ALL, "C.UTF-8");

	load("src/sample.txt");
	outline_init(&o);
	tap_ok(outline_step(&o, &doc, 0), "sample: outline complete");
	tap_is_int((long)o.n, 2, "sample: two sections");
	tap_is_str(title(&o, 0), "UNITED STANCE", "sample: first heading");
	tap_is_str(title(&o, 1), "\xe2\x80\x98" "DUAL-TRACK\xe2\x80\x99 APPROACH",
	    "sample: second heading");
	tap_is_int((long)o.v[0].start, (long)(strstr(text, "UNITED") - text),
	    "sample: first heading's offset");
	tap_is_int(outline_find(&o, 0), -1, "before the first heading: none");
	tap_is_int(outline_find(&o, o.v[0].start), 0, "at the heading: it");
	tap_is_int(outline_find(&o, doc.len), 1, "at the end: the last");
	tap_is_int(outline_lookup(&o, &doc, "2"), 1, "lookup by number");
	tap_is_int(outline_lookup(&o, &doc, "3"), -1, "no section 3");
	tap_is_int(outline_lookup(&o, &doc, "united"), 0,
	    "lookup by case-insensitive prefix");
	tap_is_int(outline_lookup(&o, &doc, "dual"), 1,
	    "lookup ignores the opening quote");
	tap_is_int(outline_lookup(&o, &doc, "nothing"), -1, "no such title");
	block_first(&doc, &b);
	tap_is_int(parse_block(&doc, &b), BLOCK_HEADER, "sample: header line");
	outline_free(&o);
	unload();

	load("tests/data/structure.txt");
	outline_init(&o);
	outline_step(&o, &doc, 0);
	tap_is_int((long)o.n, 5, "structure: five headings");
	tap_is_str(title(&o, 0), "Markdown Title", "ATX without the #");
	tap_is_str(title(&o, 1), "Setext Heading", "setext without underline");
	tap_is_str(title(&o, 2), "\xe4\xb8\xad\xe6\x96\x87\xe6\xa0\x87\xe9\xa2\x98",
	    "Chinese heading");
	tap_is_str(title(&o, 3), "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae"
	    "\xe8\xa6\x8b\xe5\x87\xba\xe3\x81\x97", "Japanese heading");
	tap_is_str(title(&o, 4), "Second ATX", "ATX with closing #s");
	block_first(&doc, &b);
	tap_is_int((long)(b.end - b.start), 16, "an ATX line is a block by itself");
	block_next(&doc, &b, &b);
	type = parse_block(&doc, &b);
	tap_is_int(type, BLOCK_PARAGRAPH, "the line under it is a paragraph");
	outline_free(&o);
	unload();

	/* Chinese sentences are not headings. */
	{
		static const char	s[] = "\xe5\x89\x8d\n\n"
		    "\xe4\xbb\x96\xe8\xaf\xb4\xe4\xba\x86\xe3\x80\x82\n\nx\n";

		doc_open_memory(&doc, "t", s, sizeof s - 1);
	}
	block_first(&doc, &b);
	block_next(&doc, &b, &b);
	tap_is_int(parse_block(&doc, &b), BLOCK_PARAGRAPH,
	    "a CJK line ending in 。 is no heading");
	doc_free(&doc);

	/* Kinds of plain text: prose is joined, the rest keeps its lines. */
	kind("commit 4f1c2e0a9b7d6c5e3f2a1b0c9d8e7f6a5b4c3d2e\n"
	    "Author: Mira Okafor <mira@example.org>\n"
	    "Date:   Tue Nov 17 09:12:44 2026 +0100\n", BLOCK_LINES,
	    "git log's header");
	kind("commit 531a143858aa1b5c82ee20bdacc292c0a31b6cfb\n"
	    "Author: Tomas Berg Lindqvist <tomas@harbour.example>\n"
	    "Date:   Mon Nov 5 16:40:25 2007 -0500\n", BLOCK_LINES,
	    "git log's header, its lines looking filled");
	kind("commit to the plan for the harbour, the council said on\n"
	    "Monday, and the ferry company agreed with it the same day.\n",
	    BLOCK_PARAGRAPH, "\"commit\" and no hash: prose");
	kind(" story.txt | 37 ++++++++++++++++++++++++------------\n 1 "
	    "file changed, 24 insertions(+), 13 deletions(-)\n", BLOCK_LINES,
	    "git log --stat: a diffstat of one file, its lines as wide as "
	    "prose's");
	kind(" story.txt | 31 \033[32m++++++++++++++++++++\033[m\033[31m"
	    "-----------\033[m\n 1 file changed, 20 insertions(+), 11 "
	    "deletions(-)\n", BLOCK_LINES, "a diffstat in git's colours");
	kind(" photos/pier-at-dawn.jpg | Bin 0 -> 3072 bytes\n 1 file changed, 0 "
	    "insertions(+), 0 deletions(-)\n", BLOCK_LINES, "a diffstat of "
	    "a binary file");
	kind(" The harbour | 2 boats came in at dawn, and the council "
	    "changed\n 1 file changed hands at the quay before the vote.\n",
	    BLOCK_PARAGRAPH, "prose with a bar and \"file changed\" is no "
	    "diffstat");
	kind("drwxr-xr-x  2 mira mira  4096 Nov 17 09:10 drafts\n"
	    "-rw-r--r--  1 mira mira 18311 Nov 17 09:02 council-vote.txt\n"
	    "-rw-r--r--  1 mira mira   977 Nov 16 22:41 notes.md\n",
	    BLOCK_LINES, "ls -l: lines of one width, in columns");
	kind("The tide came in at six,\nand the boats turned on their "
	    "ropes;\nnobody on the quay\nsaid a word.\n", BLOCK_LINES,
	    "a poem");
	/* A break is deliberate if the next line's first word would have
	 * fitted with two columns to spare, the widest line being 40: with
	 * one, it is prose. First words of 16 bytes and more (counted
	 * sixteen at a time while ASCII), with a letter past ASCII in
	 * their first sixteen bytes and after them. */
	kind("The harbour council met on Tuesday night\nthe ferry pier "
	    "stood\nInternationalists came.\n", BLOCK_LINES,
	    "a first word that fits with two columns to spare: lines");
	kind("The harbour council met on Tuesday night\nthe ferry pier "
	    "stood\nInternationalistic came.\n", BLOCK_PARAGRAPH,
	    "... with one: prose");
	kind("The harbour council met on Tuesday night\nand the old ferry "
	    "pier stood shut\ncame the boats of the fishermen.\n",
	    BLOCK_LINES, "a short first word, a long line: lines");
	kind("The harbour council met on Tuesday night\nand the old ferry "
	    "pier stood shut\ncames the boats of the fishermen.\n",
	    BLOCK_PARAGRAPH, "... a letter longer: prose");
	kind("The harbour council met on Tuesday night\nthe ferry pier "
	    "stood\ninternationalis\xc3\xa9\x65 came to the pier.\n",
	    BLOCK_LINES, "... a first word with \xc3\xa9 among its first "
	    "sixteen bytes: lines");
	kind("The harbour council met on Tuesday night\nthe ferry pier "
	    "stood\nInternationalist\xc3\xab came to the pier.\n",
	    BLOCK_LINES, "... with \xc3\xab after them: lines");
	kind("The harbour council met on Tuesday night\nthe ferry pier "
	    "stood\nInternationalist\xc3\xabs came to the pier.\n",
	    BLOCK_PARAGRAPH, "... a letter longer: prose");
	kind("\xe6\xb8\xaf\xe5\x8f\xa3\xe7\x9a\x84\xe7\x81\xaf\xe4\xba"
	    "\xae\xe4\xba\x86\xef\xbc\x8c\n\xe6\xb8\x94\xe8\x88\xb9\xe5\x9b"
	    "\x9e\xe6\x9d\xa5\xe7\x9a\x84\xe6\x97\xb6\xe5\x80\x99\xef\xbc\x8c"
	    "\n\xe9\xa3\x8e\xe5\xb7\xb2\xe7\xbb"
	    "\x8f\xe5\x81\x9c\xe4\xba\x86\xe3\x80\x82\n", BLOCK_LINES,
	    "a Chinese poem: its lines end with wide punctuation");
	kind("\xe6\xb8\xaf\xe5\x8f\xa3\xe7\x9a\x84\xe7\x81\xaf\xe4\xba"
	    "\xae\xe4\xba\x86\xef\xbc\x8c\n\xe9\xa3\x8e\xe5\xb7\xb2\xe7\xbb"
	    "\x8f\xe5\x81\x9c\xe4\xba\x86\xe3\x80\x82\n", BLOCK_PARAGRAPH,
	    "two CJK lines, one break at a comma: prose (could be chance)");
	kind("\xe6\xb8\xaf\xe5\x8f\xa3\xe7\x81\xaf\xe7\x81\xab\xe4\xb8\x80\xe7\x9b\x8f\xe7\x9b\x8f\xef\xbc\x8c\n\xe6\xb8\x94\xe8\x88\xb9\xe5\xbd\x92\xe6\x9d\xa5\xe9\xa3\x8e\xe5\xb7\xb2\xe5\x81\x9c\xe3\x80\x82\n", BLOCK_LINES,
	    "a couplet: two CJK lines of one width, both ending with "
	    "punctuation");
	kind("The harbour council met on Tuesday evening to settle the "
	    "question\nof the old ferry pier, which has stood closed since "
	    "the storm of\nMarch.  Members spoke for nearly three hours "
	    "before the vote, and\nthe public gallery stayed full.\n",
	    BLOCK_PARAGRAPH, "prose hard-wrapped, two spaces after a "
	    "sentence");
	kind("\xe5\xb8\x82\xe8\xae\xae\xe4\xbc\x9a\xe5\x91\xa8\xe4\xba"
	    "\x8c\xe6\x99\x9a\xe9\x97\xb4\xe5\x8f\xac\xe5\xbc\x80\xe4\xbc\x9a"
	    "\xe8\xae\xae\n\xe8\xae\xa8\xe8\xae\xba\xe3\x80\x82\n",
	    BLOCK_PARAGRAPH, "Chinese prose hard-wrapped anywhere, a short "
	    "last line");
	kind("Feed: Harbour News\nTitle: Council votes\nAuthor: Mira Okafor\n"
	    "Date: Tue, 17 Nov 2026 08:12:44 +0000\nLink: http://x.example/\n",
	    BLOCK_HEADER, "newsboat's header: a header of fields");
	kind("From: Mira <mira@example.org>\nTo: desk@example.org\n",
	    BLOCK_LINES, "fields without a title or subject: lines");
	{
		static const char	s[] = "From: Mira <mira@example.org>\n"
		    "Subject: The pier vote\t \nDate: Tue\n\nBody text.\n";
		char			*t;

		doc_open_memory(&doc, "t", s, sizeof s - 1);
		t = parse_title(&doc);
		tap_is_str(t, "The pier vote", "mail: the Subject is the title");
		free(t);
		doc_free(&doc);
	}
	kind("Thanks, that matches what I heard at the quay on Monday "
	    "morning from\nthe harbour master.\n-- \nMira Okafor\nHarbour "
	    "News desk\n", BLOCK_PARAGRAPH, "a mail's text before its "
	    "signature: prose");
	kind("-- \nMira\n", BLOCK_LINES, "a mail's signature keeps its "
	    "lines, though they would look filled");
	/* A few short lines after prose filled wider: set apart. */
#define LETTER	"The pier opens again on Monday, as the harbour master " \
	"said it would\nwhen we spoke on the quay. The late boat runs from " \
	"Tuesday.\n\n"
	kind_last(LETTER "Best regards,\nTomas Berg\nHarbour News desk\n",
	    BLOCK_LINES, "a sign-off after prose filled at 70: its lines");
	kind_last(LETTER "Best regards,\nTomas\n\nThanks,\nAna\n", BLOCK_LINES,
	    "another after it: the prose two blocks back decides");
	kind_last("Best regards,\nTomas Berg\nHarbour News desk\n",
	    BLOCK_PARAGRAPH, "alone: nothing to tell it from a narrow fill");
	kind_last("The pier opens again on\nMonday, the harbour\nmaster "
	    "said.\n\nThe late boat runs\nfrom Tuesday, he said.\n",
	    BLOCK_PARAGRAPH, "prose filled at 24: as it is");
	kind_last(LETTER "The festival runs until Sunday, organisers said, "
	    "and\ntickets are still on sale.\n", BLOCK_PARAGRAPH,
	    "a short paragraph filled as the prose before it");
	kind_last(LETTER "Best regards,\nTomas\nHarbour\nNews\nDesk\n",
	    BLOCK_PARAGRAPH, "more than four lines: parse_is_lines decides");
	kind_last(LETTER "A.\nB.\n\nC.\nD.\n\nBest regards,\nTomas\n",
	    BLOCK_LINES, "the prose three blocks up, past short ones");
	kind_last(LETTER "A.\nB.\n\nC.\nD.\n\nE.\nF.\n\nBest regards,\n"
	    "Tomas\n", BLOCK_PARAGRAPH, "four blocks up: too far to tell");
	{
		static char	big[6000];

		/* Two lines of prose, the second of 5.9 KB. */
		memset(big, 'x', sizeof big - 1);
		for (size_t i = 7; i < sizeof big - 1; i += 8)
			big[i] = ' ';
		big[80] = '\n';
		memcpy(big + sizeof big - 20, "\n\nBest regards,\nTom", 19);
		big[sizeof big - 1] = '\0';
		kind_last(big, BLOCK_PARAGRAPH, "after a line of 5.9 KB: no "
		    "answer looked for past 4 KB");
	}
	kind("# Older entries have been removed from this changelog.\n# To "
	    "read the complete changelog use `apt changelog bash`.\n",
	    BLOCK_LINES, "a run of '#' comments: no headings, kept lines");
	kind("##########################################################\n"
	    "# BUILDING FROM SOURCE\n#################################"
	    "#########################\n", BLOCK_LINES, "a banner of '#': "
	    "kept lines");
	/* Indented prose, filled at the width; code keeps its lines. */
	prose("    d) Convey the harbour timetable by offering access from a\n"
	    "    designated place (gratis or for a charge), and offer the\n"
	    "    same access to the tide tables in the same way, at no\n"
	    "    further charge.\n", 4, "a licence's item, in by four: prose");
	prose("        The ferry left at six, and the council met at nine.\n"
	    "        Nobody on the quay said a word about the vote until\n"
	    "        the boats were in.\n", 8, "a letter quoted in a book, "
	    "in by eight");
	prose("    When a double-width character reached the last column,\n"
	    "    the row was cut in the middle of it and the terminal drew\n"
	    "    half a glyph.\n", 4, "git log: a commit message's "
	    "paragraph");
	prose("    The ferry left at six, and the council met at nine, and\n"
	    "      nobody on the quay said a word about the vote until\n"
	    "    the boats were in.\n", 0, "lines in by different indents: "
	    "verbatim");
	prose("    The ferry left at six, and the council met at nine, and\n"
	    "    nobody on the quay\tsaid a word about the vote until the\n"
	    "    boats were in.\n", 0, "a tab: verbatim");
	prose("  Berg, T. The Harbour and its Ferries, 1850-1950. Kirkwall: "
	    "Quay\n    Press, 1998. A history of the north pier, its boats "
	    "and the\n    council's long quarrel over the winter "
	    "timetable.\n", 204, "a hanging paragraph (a bibliography's "
	    "entry): in by 2, then 4");
	prose("Harbour timetable\n    The winter sailings, which the council "
	    "kept, leave at six,\n    nine and noon, and the late boat runs "
	    "on Tuesdays when the\n    tide allows it. The summer sailings "
	    "start in May, as they\n    did last year, and run until the end "
	    "of September.\n", 0, "a term and its description: no hang");
	prose("3.3. The ferry's log prints a message like this when it "
	    "stops:\n    ferry: engine 2 stopped at pier 3, tide 1.2 m, "
	    "code 0x5.\n", 0, "a line ending with a colon, then an "
	    "example: no hang");
	prose("  The ferry left at six, and the council met at nine, and\n"
	    "      nobody on the quay said a word about the vote until\n"
	    "      the boats were in.\n", 206, "in by 2, then 6: hanging");
	prose("    The ferry left at six, and the council met at nine, and "
	    "nobody said a word.\n", 4, "one line with prose's words (a "
	    "commit's subject): prose");
	prose("    sudo apt-get install harbour-news harbour-tides harbour-make "
	    "harbour-docs\n", 0, "one line of a command: verbatim");
	prose("    The ferry left at six and the council met.\n", 0,
	    "one line too short to tell: verbatim");
	prose("    if (tide.level > 3 && boat->berth == NULL) return "
	    "the_default(a, b);\n", 0, "one line of code with words: its "
	    "symbols");
	prose("    Fix the pier's timetable (the late boat) and/or the tide "
	    "table\n    when the harbour closes (see the notes), as asked.\n",
	    4, "parentheses after a space and a slash between letters: "
	    "prose's");
	prose("    Fix the pier's timetable(the late boat) and|or the tide "
	    "table[x]\n    when the harbour closes{see the notes}, as asked.\n",
	    0, "the same with code's symbols: verbatim");
	prose("    harbour_schedule(&boat, tide.level, now), berth(&boat, 3);\n"
	    "    queue_push(&harbour.queue, boat), log_event(LOG_INFO, \"in.\");\n"
	    "    tide_wait(&harbour, 6), berth_free(&boat, 3), done(&boat);\n",
	    0, "code of filled lines, commas and stops: its symbols");
	prose("    sudo apt-get install harbour-news harbour-tides harbour\n"
	    "    make\n", 0, "commands: no comma or full stop");
	prose("    The ferry left at six, and the\n"
	    "    council met at nine, and so on.\n", 0, "lines too short "
	    "to tell");
	prose("  The ferry left at six, and the council met at nine, and\n"
	    "  nobody on the quay said a word about the vote until the\n"
	    "  boats were in.\n", 0, "in by two: not verbatim anyway");
	prose("\tThe ferry left at six, and the council met at nine, and\n"
	    "\tnobody on the quay said a word about the vote until the\n"
	    "\tboats were in.\n", 8, "in by a tab (a GNU ChangeLog's "
	    "entry): prose, in by eight");
	prose("\t  The ferry left at six, and the council met at nine, and\n"
	    "\t  nobody on the quay said a word about the vote until the\n"
	    "\t  boats were in.\n", 10, "a tab and two spaces: in by ten");
	prose("The ferry left at six, and the council met at nine, and so "
	    "on, as\n\tnobody on the quay said a word about the vote.\n", 0,
	    "a tab after a line in by none: no hanging paragraph");
	prose("\tThe ferry left at six, and the council met at nine, and\n"
	    "\tnobody on the quay\tsaid a word about the vote until the\n"
	    "\tboats were in.\n", 0, "a tab after the indent: verbatim");
	prose("\tharbour_schedule(&boat, tide.level, now), berth(&boat, 3);\n"
	    "\tqueue_push(&harbour.queue, boat), log_event(LOG_INFO, \"in.\");\n"
	    "\ttide_wait(&harbour, 6), berth_free(&boat, 3), done(&boat);\n",
	    0, "code in by a tab: verbatim");

	/* Fields whose values go on over lines (parse_is_stanza). */
	stanza("Files: *\nCopyright: 2019, Mira Okafor\n           2021, "
	    "Tomas Berg\nLicense: ISC\n", 1, "a copyright file's stanza: "
	    "a field goes on");
	stanza("Received: from quay.example.org\n\tby harbour.example.org;"
	    "\nSubject: Tides\n", 1, "a mail's header folded by a tab");
	stanza("Files: *\nLicense: ISC\n", 0, "fields alone: none goes on");
	stanza("  Copyright: 2019\nLicense: ISC\n", 0, "in by a blank "
	    "first: no field");
	stanza("Files: *\n  the quay\nand a line of prose\n", 0, "a line "
	    "neither a field nor in by a blank");
	stanza("Note: the ferry\n    leaves at six\n", 1, "one field and "
	    "its value going on");

	/* Titles centred by spaces (parse_is_centred). */
	centred("                  THE HARBOUR LIGHTS SOCIETY CHARTER\n"
	    "                     Revision 2, 14 September 2019\n"
	    "\n" LAMPS, 0, 1, "a title centred above prose (the fill below)");
	centred(LAMPS "\n" "                               Preamble\n", 1, 1,
	    "a word centred below prose (the fill above)");
	kind_last(LAMPS "\n" "                               Preamble\n",
	    BLOCK_PARAGRAPH, "a centred word: a paragraph");
	kind_last(LAMPS "\n" "                          TERMS OF MEMBERSHIP\n",
	    BLOCK_HEADING, "a centred line in capitals: a heading");
	centred(LAMPS "\n" "                    TERMS OF MEMBERSHIP\n", 1, 0,
	    "in by 20, 32 columns on its right: not centred");
	kind_last(LAMPS "\n" "                    TERMS OF MEMBERSHIP\n",
	    BLOCK_PARAGRAPH, "in by 20, not centred: verbatim, no heading");
	centred(LAMPS "\n"
	    "                Notes kept by the secretary since the lamps\n"
	    "                were first lit, read aloud at supper.\n", 1, 0,
	    "lines of other widths in by as much: indented prose");
	centred(LAMPS "\n" "                   int lamps = light(harbour, ALL);\n",
	    1, 0, "code: = and ;");
	centred(LAMPS "\n" "                  make && make install && make check\n",
	    1, 0, "a command: &&");
	centred(LAMPS "\n" "                    ./configure --prefix /usr/local\n",
	    1, 0, "a command: ./");
	centred(LAMPS "\n"
	    "        Notes kept by the secretary since the lamps were first\n",
	    1, 0, "in by less than 14 (a changelog's line): not centred");
	centred("                  THE HARBOUR LIGHTS SOCIETY CHARTER\n" "\n"
	    "                              Revision 2\n", 0, 0,
	    "no prose around: no width to centre in");
	centred(LAMPS "\n" "                      * The lamps are lit at six\n", 1, 0,
	    "a list item");
	centred(LAMPS "\n"
	    "                                  One\n"
	    "                                  Two\n"
	    "                                 Three\n"
	    "                                 Four\n", 1, 0,
	    "four lines: too many");
	centred(LAMPS "\n" "                            The Lamp Supper\n"
	    "                            ---------------\n", 1, 1,
	    "a centred title and its underline");
	kind_last(LAMPS "\n" "                            The Lamp Supper\n"
	    "                            ---------------\n", BLOCK_HEADING,
	    "a centred title and its underline: a heading");
	return tap_done();
}
