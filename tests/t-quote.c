/*
 * t-quote.c: quoted speech and speakers (doc/quote.c).
 *
 * Expected offsets are computed from the texts by searching for the
 * quoted strings, so the tests say what they mean: "this substring is a
 * quote". Every text is also scanned paragraph by paragraph with
 * quote_scan() and must give the same quotes as quote_scan_all().
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"
#include "tap.h"

/* One expected quote: its text (unique in the document), depth, flags. */
struct want {
	const char	*text;
	int		 depth;
	int		 flags;
};

/* Does a scan paragraph by paragraph give the quotes of the one pass? */
static int
same_by_paragraph(const struct doc *doc, const struct quote *q, size_t n)
{
	struct block	 b;
	struct quote	*p = NULL;
	size_t		 np = 0, i;
	int		 carry = 0, ok, more;

	for (more = block_first(doc, &b); more; more = block_next(doc, &b, &b))
		quote_scan(doc->data, b.start, b.end, &carry, &p, &np);
	ok = np == n;
	for (i = 0; ok && i < n; i++)
		ok = p[i].start == q[i].start && p[i].end == q[i].end &&
		    p[i].depth == q[i].depth && p[i].flags == q[i].flags &&
		    p[i].mark == q[i].mark;
	free(p);
	return ok;
}

/* Scan the document paragraph by paragraph; must equal the one pass. */
static void
check_paragraphs(const char *name, const struct doc *doc,
    const struct quote *q, size_t n)
{
	tap_ok(same_by_paragraph(doc, q, n),
	    "%s: quote_scan by paragraph = quote_scan_source", name);
}

/* A one-line rendering of s for test names (static buffer). */
static const char *
oneline(const char *s)
{
	static char	buf[512];
	size_t		i = 0;

	for (; *s != '\0' && i + 3 < sizeof(buf); s++) {
		if (*s == '\n' || *s == '\r') {
			buf[i++] = '\\';
			buf[i++] = *s == '\n' ? 'n' : 'r';
		} else
			buf[i++] = *s;
	}
	buf[i] = '\0';
	return buf;
}

/* The quotes of text must be exactly want[0..nw). */
static void
check_text(const char *name, const char *text, const struct want *want,
    size_t nw)
{
	struct doc	 doc;
	struct quote	*q;
	const char	*s;
	size_t		 n, i;

	doc_open_memory(&doc, name, text, strlen(text));
	n = quote_scan_all(&doc, &q);
	tap_is_int((long)n, (long)nw, "%s: %zu quotes", name, nw);
	for (i = 0; i < nw && i < n; i++) {
		s = strstr(text, want[i].text);
		if (s == NULL) {
			tap_ok(0, "%s: test text lacks %s", name,
			    oneline(want[i].text));
			continue;
		}
		tap_ok(q[i].start == (size_t)(s - text) &&
		    q[i].end == q[i].start + strlen(want[i].text),
		    "%s: quote %zu is %s", name, i, oneline(want[i].text));
		if (!tap_ok(q[i].depth == want[i].depth &&
		    q[i].flags == want[i].flags, "%s: quote %zu depth %d flags %d",
		    name, i, want[i].depth, want[i].flags))
			tap_diag("got depth %d flags %d", q[i].depth,
			    q[i].flags);
	}
	if (n != nw)
		for (i = 0; i < n; i++)
			tap_diag("got [%zu, %zu) %s", q[i].start, q[i].end,
			    oneline(text + q[i].start));
	check_paragraphs(name, &doc, q, n);
	free(q);
	doc_free(&doc);
}

/* The speaker of the quote starting with text in the document. */
static void
check_speaker(const struct doc *doc, const struct quote *q, size_t n,
    const char *text, const char *want, int wterm)
{
	const char	*s;
	char		*got;
	size_t		 off, i;
	int		 term = -1;

	s = memmem(doc->data, doc->len, text, strlen(text));
	if (s == NULL) {
		tap_ok(0, "sample lacks %s", text);
		return;
	}
	off = (size_t)(s - (const char *)doc->data);
	for (i = 0; i < n && q[i].start != off; i++)
		continue;
	if (i == n) {
		tap_ok(0, "no quote at %s", text);
		return;
	}
	got = speaker_name(doc, &q[i], &term);
	tap_is_str(got, want, "speaker of %s", text);
	tap_is_int(term, wterm, "%s %s a term", text, wterm ? "is" : "is not");
	if (wterm)
		tap_ok((q[i].flags & QUOTE_TERM) != 0, "%s flagged QUOTE_TERM",
		    text);
	free(got);
}

/* The sample article: its quotes and their speakers. */
static void
test_sample(void)
{
	static const struct want	w[] = {
		{ "“time is quickly running out.”", 0, 0 },
		{ "“consensus”", 0, QUOTE_TERM },
		{ "“China is now actively making diplomatic efforts,”", 0, 0 },
		{ "“The envoy’s visit is to persuade North Korea, hoping that "
		  "North Korea will return to the track of peaceful resolution "
		  "of the nuclear issue,”", 0, 0 },
		{ "“China can fix this problem easily and quickly, and I am "
		  "calling on China and your great president to hopefully work "
		  "on it very hard,”", 0, 0 },
		{ "“enduring peace and stability on the peninsula.”", 0, 0 },
		{ "“he is upping the sanctions against”", 0, 0 },
		{ "‘DUAL-TRACK’", 0, QUOTE_TERM },
		{ "“dual-track”", 0, QUOTE_TERM },
	};
	struct source	 src;
	struct doc	 doc;
	struct quote	*q;
	const char	*dir;
	char		*path, *cause, *text;
	size_t		 n;

	if ((dir = getenv("srcdir")) == NULL)
		dir = ".";
	xasprintf(&path, "%s/src/sample.txt", dir);
	if (source_open_file(&src, path, &cause) == -1) {
		tap_ok(0, "open %s: %s", path, cause);
		free(cause);
		free(path);
		return;
	}
	doc_open(&doc, &src, NULL, NULL);
	text = xmalloc(doc.len + 1);
	memcpy(text, doc.data, doc.len);
	text[doc.len] = '\0';
	check_text("sample", text, w, sizeof(w) / sizeof(w[0]));

	n = quote_scan_all(&doc, &q);
	check_speaker(&doc, q, n, "“China is now", "Wang", 0);
	check_speaker(&doc, q, n, "“The envoy’s", "Wang", 0);
	check_speaker(&doc, q, n, "“China can fix", "Trump", 0);
	check_speaker(&doc, q, n, "“consensus”", NULL, 1);
	check_speaker(&doc, q, n, "“dual-track”", NULL, 1);
	check_speaker(&doc, q, n, "‘DUAL-TRACK’", NULL, 1);
	/* "the US leader ..., warning that “…”": no name, no guess. */
	check_speaker(&doc, q, n, "“time is", NULL, 0);
	/* "Xi repeated his plea ..., saying ... “…”" */
	check_speaker(&doc, q, n, "“enduring", "Xi", 0);
	/* "Trump said Xi stated that “…”" */
	check_speaker(&doc, q, n, "“he is upping", "Xi", 0);
	free(q);
	free(text);
	doc_free(&doc);
	source_free(&src);
	free(path);
}

/* Speakers in small texts. */
static void
test_speakers(void)
{
	static const struct {
		const char	*text;
		const char	*quote;
		const char	*want;
	} t[] = {
		{ "“We will win,” said Jane Smith, a senator.", "“We", "Smith" },
		{ "US President Donald Trump said “no deal” was possible.",
		  "“no", "Trump" },
		{ "Mary Jones spoke. “It is over,” she said.", "“It", "Jones" },
		{ "“It is over,” Mary Jones told reporters. Later “we go "
		  "home,” she said.", "“we", "Jones" },
		{ "According to Li, “the talks have failed badly.”", "“the",
		  "Li" },
		{ "“Never again.” Obama said this on Monday.", "“Never",
		  "Obama" },
		{ "“The ministry has no comment,” the ministry said.", "“The",
		  NULL },
		{ "Trump, speaking in Tokyo, said “the era of strategic "
		  "patience is over.”", "“the", "Trump" },
		{ "“We talk every week,” Wang Dong (王棟), a specialist at "
		  "Peking University, said. “Not always,” Wang added.", "“We",
		  "Wang" },
		/* No short form in use: the last word (Western order). */
		{ "“We talk every week,” Wang Dong (王棟), a specialist at "
		  "Peking University, said.", "“We", "Dong" },
		{ "“We talk,” Wang, a professor, said. Later, Wang Dong said "
		  "“the talks go on.”", "“the", "Wang" },
		{ "“Go,” Li said, and “again and again,” Xi added.", "“again",
		  "Xi" },
		/* Issue 16: a pronoun after a person named in the sentence
		 * before, who has no speech verb of her own. */
		{ "Fed chair Jerome Powell said rates would hold. Senator "
		  "Elizabeth Warren pressed him on rents. “You’re hurting "
		  "families,” she said.", "“You", "Warren" },
		/* The name in an apposition before the verb, and words
		 * between the verb and the quote. */
		{ "The mayor, Angela Okafor, said in a statement: “We listened "
		  "to the fishermen.”", "“We", "Okafor" },
		/* A title after the name, between commas, then the verb. */
		{ "“It’s a boondoggle,” Tom Becker, president of the harbour "
		  "association, told reporters.", "“It", "Becker" },
		{ "Der Minister Olaf Berger sagte: „Wir haben zugehört.“",
		  "„Wir", "Berger" },
		{ "« Nous avons écouté », a dit Claire Martin.", "« Nous",
		  "Martin" },
		/* Measured on BBC political news: the one told is no
		 * speaker, a first name of another person is no short
		 * form, a body keeps its name. */
		{ "Harbour minister Ruth Adair spoke first. She told MPs: "
		  "“We will reopen the pier.”", "“We", "Adair" },
		{ "Mayor John Pike said the pier was safe. Sir John Wren said: "
		  "“It is not safe at all.”", "“It", "Wren" },
		{ "The Harbour Office said the survey was “well under way” "
		  "on Monday.", "“well", "Harbour Office" },
	};
	/* Issue 16: CJK speech is no term, whatever its "words". */
	static const char *const cjk[] = {
		"岸田首相は「物価上昇に負けない賃上げを実現したい」と述べた。",
		"王毅外长表示：“中方愿意同各方保持沟通。”",
		"「頑張ります」と話した。",
	};
	struct doc	 doc;
	struct quote	*q;
	size_t		 n, i, k;
	const char	*s;
	char		*got;
	int		 term;

	for (k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		doc_open_memory(&doc, "speaker", t[k].text,
		    strlen(t[k].text));
		n = quote_scan_all(&doc, &q);
		s = strstr(t[k].text, t[k].quote);
		for (i = 0; i < n && q[i].start != (size_t)(s - t[k].text); i++)
			continue;
		if (i == n) {
			tap_ok(0, "no quote in: %s", t[k].text);
		} else {
			got = speaker_name(&doc, &q[i], &term);
			tap_is_str(got, t[k].want, "speaker in: %s", t[k].text);
			free(got);
		}
		free(q);
		doc_free(&doc);
	}
	for (k = 0; k < sizeof(cjk) / sizeof(cjk[0]); k++) {
		doc_open_memory(&doc, "cjk", cjk[k], strlen(cjk[k]));
		n = quote_scan_all(&doc, &q);
		term = 0;
		if (n > 0)
			free(speaker_name(&doc, &q[0], &term));
		tap_ok(n == 1 && !term && !(q[0].flags & QUOTE_TERM),
		    "CJK speech, not a term: %s", cjk[k]);
		free(q);
		doc_free(&doc);
	}
}

/* Nesting, apostrophes, paragraphs, other marks, straight quotes, CRLF. */
static void
test_edges(void)
{
	static const struct want	nested[] = {
		{ "“we will go ‘now’ and then”", 0, 0 },
		{ "‘now’", 1, 0 },
		{ "“a ‘b c”", 0, QUOTE_TERM },
		{ "‘b c", 1, QUOTE_UNCLOSED },
	};
	static const struct want	apos[] = {
		{ "“the ’90s were fun, don’t you think?”", 0, 0 },
		{ "‘The leaders’ statement was clear,’", 0, 0 },
		{ "‘I like rock ’n’ roll,’", 0, 0 },
		{ "“it’s the Joneses’ house, ‘the ’90s’ and ‘rock ‘n’ roll’”",
		  0, 0 },
		{ "‘the ’90s’", 1, QUOTE_TERM },
		{ "‘rock ‘n’ roll’", 1, 0 },
	};
	static const struct want	unclosed[] = {
		{ "“this never ends.", 0, QUOTE_UNCLOSED },
		{ "\"fine\"", 0, QUOTE_TERM },
	};
	static const struct want	multi[] = {
		{ "“First paragraph, with a ‘nested\n\n“Second paragraph.\n\n"
		  "“Third and last,”", 0, QUOTE_CONTINUED },
		{ "‘nested", 1, QUOTE_UNCLOSED },
		{ "“Again,”", 0, 0 },
	};
	static const struct want	multi_open[] = {
		{ "“One.\n\n“Two.", 0, QUOTE_CONTINUED | QUOTE_UNCLOSED },
	};
	static const struct want	marks[] = {
		{ "«French ‹petit›»", 0, 0 },
		{ "‹petit›", 1, 0 },
		{ "「日本語『引用』です」", 0, 0 },
		{ "『引用』", 1, 0 },
		{ "«ouvert", 0, QUOTE_UNCLOSED },
	};
	static const struct want	straight[] = {
		{ "\"a \u201cb\u201d c\"", 0, QUOTE_TERM },
		{ "\u201cb\u201d", 1, QUOTE_TERM },
		{ "\"fine\"", 0, 0 },
		{ "\"odd.", 0, QUOTE_UNCLOSED },
	};
	static const struct want	crlf[] = {
		{ "“one,”", 0, 0 },
		{ "“two\r\n\r\n“three.”", 0, QUOTE_CONTINUED },
		{ "“open", 0, QUOTE_UNCLOSED },
		{ "\"x\"", 0, QUOTE_TERM },
	};

	check_text("nested",
	    "He said “we will go ‘now’ and then” and left.\n\n"
	    "Then “a ‘b c” d” ends.\n", nested, 4);
	check_text("apostrophes",
	    "Trump’s leaders’ statement, the ’90s, rock ’n’ roll, don't, "
	    "'single' quotes, don‘t.\n\n"
	    "“the ’90s were fun, don’t you think?” asked Ann.\n\n"
	    "‘The leaders’ statement was clear,’ she said. "
	    "‘I like rock ’n’ roll,’ he said.\n\n"
	    "“it’s the Joneses’ house, ‘the ’90s’ and ‘rock ‘n’ roll’” "
	    "he said.\n", apos, 6);
	check_text("unclosed",
	    "She said “this never ends.\n\nNext paragraph is \"fine\".\n",
	    unclosed, 2);
	check_text("multi-paragraph",
	    "Intro.\n\n“First paragraph, with a ‘nested\n\n"
	    "“Second paragraph.\n\n“Third and last,” said Jane Smith.\n\n"
	    "“Again,” she said.\n", multi, 3);
	check_text("multi-paragraph unclosed", "“One.\n\n“Two.\n\nThree.\n",
	    multi_open, 1);
	check_text("guillemets and CJK",
	    "«French ‹petit›», he said. 「日本語『引用』です」, she said, "
	    "» stray 」 stray.\n\n«ouvert\n\nnext.\n", marks, 5);
	check_text("straight",
	    "\"a \u201cb\u201d c\" came first; he is 6\" tall and said "
	    "\"fine\" and \"odd.\n\nNew \" stray.\n", straight, 4);
	check_text("crlf",
	    "A “one,” she said.\r\n\r\nB “two\r\n\r\n“three.” end\r\n\r\n"
	    "C “open\r\n\r\nMore \"x\".\r\n", crlf, 4);
	check_text("cr only", "A “one\r\r“two,” end\r", (const struct want[]){
	    { "“one\r\r“two,”", 0, QUOTE_CONTINUED } }, 1);
	check_text("empty", "", NULL, 0);
	check_text("blank", "\n\n  \n", NULL, 0);
}

/*
 * Scan each paragraph from an exact-size copy, so that a sanitizer or
 * valgrind catches a look outside [start, end). Returns the quote count.
 */
static size_t
scan_copies(const struct doc *doc)
{
	struct block	 b;
	struct quote	*q = NULL;
	uint8_t		*copy;
	size_t		 n = 0, len;
	int		 carry = 0, more;

	for (more = block_first(doc, &b); more; more = block_next(doc, &b, &b)) {
		len = b.end - b.start;
		copy = xmalloc(len > 0 ? len : 1);
		memcpy(copy, doc->data + b.start, len);
		quote_scan(copy, 0, len, &carry, &q, &n);
		free(copy);
		carry = 0;
	}
	free(q);
	return n;
}

/* Random texts of marks, words and line ends: invariants hold. */
static void
test_random(void)
{
	static const char *const frag[] = {
		"“", "”", "‘", "’", "«", "»", "‹", "›", "「", "」", "『", "』",
		"\"", "'", "a", "s", "Wang", " said", " he", " ", " ", ".", ",",
		"\n", "\n\n", "\r", "\r\n", "\r\n\r\n", "  \n", "\xe2",
		"\xe2\x80", "\xc2", "\xe3\x80", "90", "n",
	};
	struct doc	 doc;
	struct quote	*q;
	char		 buf[400], *who;
	size_t		 n, i, len, k;
	unsigned long	 seed = 12345;
	int		 round, bad = 0, differ = 0, term;

	for (round = 0; round < 3000; round++) {
		for (len = 0, k = (size_t)(round % 60) + 1; k > 0; k--) {
			const char	*f;

			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			f = frag[(seed >> 33) % (sizeof(frag) / sizeof(frag[0]))];
			if (len + strlen(f) >= sizeof(buf))
				break;
			memcpy(buf + len, f, strlen(f));
			len += strlen(f);
		}
		buf[len] = '\0';
		doc_open_memory(&doc, "random", buf, len);
		n = quote_scan_all(&doc, &q);
		for (i = 0; i < n; i++) {
			if (q[i].start >= q[i].end || q[i].end > len ||
			    (i > 0 && q[i].start <= q[i - 1].start) ||
			    q[i].depth < 0 || q[i].depth >= 16)
				bad++;
			who = speaker_name(&doc, &q[i], &term);
			if (who != NULL && (term || *who == '\0'))
				bad++;
			free(who);
		}
		if (bad) {
			tap_diag("bad quotes in: %s", oneline(buf));
			break;
		}
		scan_copies(&doc);
		if (!same_by_paragraph(&doc, q, n) && differ++ == 0)
			tap_diag("by paragraph differs: %s", oneline(buf));
		free(q);
		doc_free(&doc);
	}
	tap_is_int(bad, 0, "random texts: quotes are ordered spans in bounds");
	tap_is_int(differ, 0, "random texts: by paragraph = one pass");
}

/* quote_scan() with a fresh array per paragraph still marks a continuation. */
static void
test_carry(void)
{
	const char	*t = "“One.\n\n“Two,” he said.";
	struct quote	*q = NULL;
	size_t		 n = 0;
	int		 carry = 0;

	quote_scan((const uint8_t *)t, 0, 7, &carry, &q, &n);
	tap_ok(n == 1 && q[0].flags == QUOTE_UNCLOSED && q[0].end == 7 &&
	    carry != 0, "first paragraph: unclosed, carried");
	free(q);
	q = NULL;
	n = 0;
	quote_scan((const uint8_t *)t, 9, strlen(t), &carry, &q, &n);
	tap_ok(n == 1 && q[0].flags == QUOTE_CONTINUED && q[0].start == 9 &&
	    carry == 0, "second paragraph in a new array: continued");
	free(q);
}

int
main(void)
{
	test_sample();
	test_speakers();
	test_edges();
	test_carry();
	test_random();
	return tap_done();
}
