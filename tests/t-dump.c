/*
 * t-dump.c: a dump cut into jobs, on one thread or several, prints what
 * one layout after another prints, byte for byte: jobs end between
 * blocks (also inside long blocks and runs of blank lines) and between
 * the pieces of a block laid out in pieces, the first block keeps its
 * header and no gap, and a write error is reported. A mapped file's
 * pages are given back as it is written. Paragraphs a dump sets by their
 * bytes, without cells, get the rows their cells get.
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"
#include "tap.h"

struct text {
	char	*s;
	size_t	 n;
	size_t	 cap;
};

static void
add(struct text *t, const char *s)
{
	size_t	n = strlen(s);

	if (t->n + n + 1 > t->cap) {
		t->cap = (t->n + n + 1) * 2;
		t->s = xreallocarray(t->s, t->cap, 1);
	}
	memcpy(t->s + t->n, s, n + 1);
	t->n += n;
}

static unsigned long	seed = 1;

static unsigned
rnd(unsigned n)
{
	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(seed >> 33) % n;
}

/*
 * A document of every kind of block: a header line first, paragraphs of
 * English, CJK and mixed words hard-wrapped, headings (caps, ATX,
 * setext), verbatim lines, CRLF lines, runs of blank lines with spaces,
 * controls, and one paragraph far longer than the chunks.
 */
static void
make_doc(struct text *t)
{
	static const char *const words[] = {
		"the", "minister", "said", "\xe2\x80\234consensus\xe2\x80\x9d",
		"Xi", "(\xe7\xbf\x92\xe8\xbf\x91\xe5\xb9\xb3)",
		"\xe4\xb8\xad\xe5\x9b\xbd\xe5\x92\x8c\xe7\xbe\x8e\xe5\x9b\xbd",
		"\xe3\x81\x93\xe3\x82\x93\xe3\x81\xab\xe3\x81\xa1\xe3\x81\xaf",
		"e\xcc\x81t\xc3\xa9", "U.S.", "2017-11-16", "dual-track",
		"\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7", "a\tb", "\x1b[1m",
		"\xe2\x80\x98quoted\xe2\x80\x99,", "\xea\xb0\x80\xeb\x82\x98",
	};
	static const char *const gaps[] = {
		"\n\n", "\n\n\n", "\n \t \n", "\r\n\r\n", "\n\n\n\n\n",
	};
	int	p, w, n, col;

	add(t, " date 2017-11-16 AFP, BEIJING\n\n");
	for (p = 0; p < 400; p++) {
		switch (rnd(8)) {
		case 0:
			add(t, "UNITED STANCE");
			break;
		case 1:
			add(t, "## A heading\n\nSetext title\n=====");
			break;
		case 2:
			add(t, "    verbatim line one\n    verbatim two\tx");
			break;
		default:
			n = p == 200 ? 60000 : 10 + (int)rnd(120);
			for (w = 0, col = 0; w < n; w++) {
				const char *s = words[rnd(sizeof words /
				    sizeof words[0])];

				add(t, s);
				col += (int)strlen(s) + 1;
				if (col > 60) {
					add(t, rnd(4) == 0 ? "\r\n" : "\n");
					col = 0;
				} else
					add(t, " ");
			}
			break;
		}
		add(t, gaps[rnd(sizeof gaps / sizeof gaps[0])]);
	}
	add(t, "the end, no final newline");
}

/* The dump of document in from offset from, as a string. */
static char *
dump_to_string(const struct doc *in, size_t from, int width,
    int justify, int threads, size_t chunk, size_t *len, int *r)
{
	FILE	*fp = tmpfile();
	char	*s;
	long	 n;

	if (fp == NULL)
		return NULL;
	*r = dump_doc_jobs(in, from, width, justify, fp, threads, chunk);
	n = ftell(fp);
	rewind(fp);
	s = xmalloc((size_t)n + 1);
	*len = fread(s, 1, (size_t)n, fp);
	s[*len] = '\0';
	fclose(fp);
	return s;
}

/* The reference: each block laid out and its rows printed in turn. */
static char *
dump_reference(const struct doc *in, size_t from, int width,
    int justify, size_t *len)
{
	struct text	 out = { NULL, 0, 0 };
	struct block	 b;
	struct layout	*lay;
	char		*buf = NULL;
	size_t		 row, n;
	int		 more;

	add(&out, "");
	for (more = block_at(in, from, &b); more;
	    more = block_next(in, &b, &b)) {
		lay = layout_create(in, &b, width);
		for (row = 0; row < lay->nrows; row++) {
			dump_row(lay, row, justify, &buf, &n);
			add(&out, buf);
			add(&out, "\n");
		}
		layout_destroy(lay);
	}
	free(buf);
	*len = out.n;
	return out.s;
}

/*
 * The reference for blocks laid out in pieces: each block, each of its
 * pieces from the one at from, laid out and printed in turn.
 */
static char *
dump_reference_pieces(const struct doc *in, size_t from, int width,
    int justify, size_t *len)
{
	struct text	 out = { NULL, 0, 0 };
	struct block	 b, p;
	struct layout	*lay;
	char		*buf = NULL;
	size_t		 row, n;
	int		 more;

	add(&out, "");
	for (more = block_at(in, from, &b); more;
	    more = block_next(in, &b, &b)) {
		piece_at(in, &b, b.start > from ? b.start : from, &p);
		for (;;) {
			lay = layout_create_piece(in, &b, &p, width);
			for (row = 0; row < lay->nrows; row++) {
				dump_row(lay, row, justify, &buf, &n);
				add(&out, buf);
				add(&out, "\n");
			}
			layout_destroy(lay);
			if (p.end >= b.end)
				break;
			piece_at(in, &b, p.end, &p);
		}
	}
	free(buf);
	*len = out.n;
	return out.s;
}

/*
 * Paragraphs a dump sets by their bytes, no cells made (layout_fit_text):
 * words of ASCII, of narrow code points (é, ’, “”), of wide ones (CJK
 * names, Hangul), as items and indented prose too; and, now and then,
 * what needs cells after all: a combining mark, an emoji, Hebrew, a tab,
 * a control, jamo; and what is filled greedily: a word wider than the row
 * (of ASCII, of Hangul), a paragraph of Chinese.
 */
static void
make_plain_doc(struct text *t)
{
	static const char *const words[] = {
		"the", "minister", "said,", "o\xe2\x80\x99" "clock",
		"\xe2\x80\x9c" "consensus\xe2\x80\x9d", "caf\xc3\xa9",
		"(\xe7\xbf\x92\xe8\xbf\x91\xe5\xb9\xb3)",
		"\xeb\xb0\x95\xec\xa7\x80\xec\x9a\xb0", "dual-track",
		"1,000", "U.S.", "and/or", "a\xc2\xa0" "b", "(see", "it).",
		"Ji-woo", "\xe4\xb8\xad\xe5\x9b\xbd\xe3\x80\x82",
	};
	static const char *const odd[] = {
		"e\xcc\x81", "\xf0\x9f\x98\x80",
		"\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d",
		"Pneumonoultramicroscopicsilicovolcanoconiosis", "a\tb",
		"\x1b[1m", "\xe1\x84\x80\xe1\x85\xa1",
		"\xeb\x8c\x80\xed\x95\x9c\xeb\xaf\xbc\xea\xb5\xad\xea\xb5\xad"
		"\xed\x9a\x8c\xec\x9d\x98\xec\x82\xac\xeb\x8b\xb9"
		"\xeb\x8c\x80\xed\x95\x9c\xeb\xaf\xbc\xea\xb5\xad\xea\xb5\xad"
		"\xed\x9a\x8c\xec\x9d\x98\xec\x82\xac\xeb\x8b\xb9",
	};
	static const char *const starts[] = { "", "", "", "* ", "1. ",
	    "    ", " " };
	int	p, w, n, col;

	/* At 24 columns: the last row "é é" is no widow, its last blank
	 * after a vector's continuation bytes. */
	add(t, "don\xe2\x80\x99t o\xe2\x80\x99" "er x a o\xe2\x80\x99"
	    "er x \xc3\xa9 \xc3\xa9\n\n");
	for (p = 0; p < 300; p++) {
		add(t, starts[rnd(sizeof starts / sizeof starts[0])]);
		if (rnd(12) == 0) {
			for (w = 0; w < 40; w++)
				add(t, "\xe4\xb8\xad\xe5\x9b\xbd\xe5\x92\x8c"
				    "\xe7\xbe\x8e\xe5\x9b\xbd");
			add(t, "\n\n");
			continue;
		}
		n = 3 + (int)rnd(80);
		for (w = 0, col = 0; w < n; w++) {
			const char *s = rnd(120) == 0 ? odd[rnd(sizeof odd /
			    sizeof odd[0])] : words[rnd(sizeof words /
			    sizeof words[0])];

			add(t, s);
			col += (int)strlen(s) + 1;
			if (col > 60) {
				add(t, "\n");
				col = 0;
			} else if (w + 1 < n)
				add(t, " ");
		}
		add(t, "\n\n");
	}
}

/*
 * A document with two paragraphs longer than LAYOUT_HUGE, one on one
 * line, one of many lines, between short ones.
 */
static void
make_huge_doc(struct text *t)
{
	static const char *const words[] = {
		"the", "minister", "said,", "\342\200\234consensus\342\200\235",
		"\xe4\xb8\xad\xe5\x9b\xbd\xe5\x92\x8c", "dual-track", "1,000",
	};
	size_t	start;
	int	col = 0;

	add(t, "A first paragraph.\n\n");
	for (start = t->n; t->n - start < 2 * LAYOUT_PIECE + 5000;) {
		add(t, words[rnd(sizeof words / sizeof words[0])]);
		add(t, " ");
	}
	add(t, "end\n\nA short one.\n\n");
	for (start = t->n; t->n - start < 2 * LAYOUT_PIECE + 70000;) {
		add(t, words[rnd(sizeof words / sizeof words[0])]);
		if ((col += 8) > 60) {
			add(t, "\n");
			col = 0;
		} else
			add(t, " ");
	}
	add(t, "end\n\nThe last.\n");
}

/*
 * How many times a dump of a file of mb megabytes of the document's
 * text, mapped, to /dev/null, gives back the pages it has written before
 * its end (two threads, jobs of 4 KB or to the next block: every 32 of
 * them), or -1.
 */
static long
dump_gone_count(const struct text *t, int mb)
{
	struct source	 src;
	struct doc	 doc;
	char		 path[32], *cause = NULL;
	FILE		*tmp, *out = NULL;
	size_t		 n, before = dump_gone_times;
	long		 r = -1;

	/* A file with no name, opened again as a path to be mapped. */
	if ((tmp = tmpfile()) == NULL)
		return -1;
	for (n = 0; n < (size_t)mb << 20; n += t->n)
		if (fwrite(t->s, 1, t->n, tmp) != t->n)
			break;
	fflush(tmp);
	snprintf(path, sizeof path, "/dev/fd/%d", fileno(tmp));
	if (source_open_file(&src, path, &cause) == -1)
		goto out;
	if (doc_open(&doc, &src, NULL, &cause) == 0 &&
	    (out = fopen("/dev/null", "w")) != NULL &&
	    dump_doc_jobs(&doc, 0, 80, 0, out, 2, 4096) == 0)
		r = (long)(dump_gone_times - before);
	if (out != NULL)
		fclose(out);
	if (cause == NULL)
		doc_free(&doc);
	source_free(&src);
out:
	free(cause);
	fclose(tmp);
	return r;
}

int
main(void)
{
	static const size_t	chunks[] = { 1, 7, 300, 4096, 65536, 1 << 20 };
	static const int	widths[] = { 20, 37, 80 };
	struct text		doc = { NULL, 0, 0 };
	struct doc		in;
	char			*want, *got;
	size_t			 wlen, glen, from, c;
	int			 w, threads, r, justify;
	FILE			*full;

	setlocale(LC_ALL, "C.UTF-8");
	sanitize_set_raw(1);
	make_doc(&doc);
	doc_open_memory(&in, "doc", doc.s, doc.n);
	tap_diag("a document of %zu bytes", doc.n);

	for (w = 0; w < 3; w++) {
		justify = w == 1;
		want = dump_reference(&in, 0, widths[w], justify, &wlen);
		tap_ok(wlen > doc.n / 2, "width %d: the reference has %zu "
		    "bytes", widths[w], wlen);
		for (c = 0; c < sizeof chunks / sizeof chunks[0]; c++)
			for (threads = 1; threads <= 3; threads++) {
				got = dump_to_string(&in, 0, widths[w],
				    justify, threads, chunks[c], &glen, &r);
				tap_ok(r == 0 && got != NULL && glen == wlen &&
				    memcmp(got, want, wlen) == 0,
				    "width %d%s, %d thread(s), chunks of %zu: "
				    "the same bytes", widths[w],
				    justify ? " justified" : "", threads,
				    chunks[c]);
				free(got);
			}
		free(want);
	}

	/* From an offset inside a block: that block first, whole. */
	from = doc.n / 3;
	want = dump_reference(&in, from, 37, 0, &wlen);
	got = dump_to_string(&in, from, 37, 0, 2, 4096, &glen, &r);
	tap_ok(r == 0 && glen == wlen && memcmp(got, want, wlen) == 0 &&
	    wlen < doc.n, "from an offset: the same bytes");
	free(got);
	free(want);

	/* Paragraphs laid out in pieces: jobs end between pieces too. */
	{
		static const size_t	hchunks[] = { 4096, 300000, 1 << 20 };
		struct text		hdoc = { NULL, 0, 0 };
		struct doc		hsrc;

		make_huge_doc(&hdoc);
		doc_open_memory(&hsrc, "huge", hdoc.s, hdoc.n);
		want = dump_reference_pieces(&hsrc, 0, 37, 1, &wlen);
		for (c = 0; c < sizeof hchunks / sizeof hchunks[0]; c++)
			for (threads = 1; threads <= 3; threads += 2) {
				got = dump_to_string(&hsrc, 0, 37, 1, threads,
				    hchunks[c], &glen, &r);
				tap_ok(r == 0 && got != NULL && glen == wlen &&
				    memcmp(got, want, wlen) == 0, "pieces of "
				    "%zu bytes, %d thread(s), chunks of %zu: the "
				    "same bytes", hdoc.n, threads, hchunks[c]);
				free(got);
			}
		free(want);
		from = hdoc.n / 2;
		want = dump_reference_pieces(&hsrc, from, 37, 0, &wlen);
		got = dump_to_string(&hsrc, from, 37, 0, 2, 4096, &glen, &r);
		tap_ok(r == 0 && glen == wlen && memcmp(got, want, wlen) == 0 &&
		    wlen < hdoc.n * 3 / 4, "pieces: from an offset, the piece "
		    "there first");
		free(got);
		free(want);
		doc_free(&hsrc);
		free(hdoc.s);
	}

	/* Paragraphs set by their bytes: what cells give, and some were. */
	{
		static const int	pw[] = { 20, 24, 37, 60, 80 };
		struct text		pdoc = { NULL, 0, 0 };
		struct doc		psrc;
		struct layout_stats	st0, st1, st2;
		size_t			i;

		make_plain_doc(&pdoc);
		doc_open_memory(&psrc, "plain", pdoc.s, pdoc.n);
		for (i = 0; i < sizeof pw / sizeof pw[0]; i++) {
			layout_stats(&st0);
			want = dump_reference(&psrc, 0, pw[i], 0, &wlen);
			layout_stats(&st1);
			got = dump_to_string(&psrc, 0, pw[i], 0, 1, 4096,
			    &glen, &r);
			layout_stats(&st2);
			tap_ok(r == 0 && got != NULL && glen == wlen &&
			    memcmp(got, want, wlen) == 0 && st1.bytes ==
			    st0.bytes && st2.bytes - st1.bytes > 100 &&
			    st2.bytes - st1.bytes < 290, "width %d: %llu "
			    "paragraphs of 301 set by their bytes, the same "
			    "bytes as from cells", pw[i],
			    (unsigned long long)(st2.bytes - st1.bytes));
			free(got);
			free(want);
			/* --greedy: rows of bytes filled greedily. */
			fit_greedy = 1;
			want = dump_reference(&psrc, 0, pw[i], 0, &wlen);
			layout_stats(&st1);
			got = dump_to_string(&psrc, 0, pw[i], 0, 1, 4096,
			    &glen, &r);
			layout_stats(&st2);
			fit_greedy = 0;
			tap_ok(r == 0 && got != NULL && glen == wlen &&
			    memcmp(got, want, wlen) == 0 && st2.bytes -
			    st1.bytes > 100, "width %d, --greedy: %llu set "
			    "by their bytes, the same bytes as from cells",
			    pw[i], (unsigned long long)(st2.bytes - st1.bytes));
			free(got);
			free(want);
			/* With --justify, cells: slots are marked. */
			got = dump_to_string(&psrc, 0, pw[i], 1, 1, 4096,
			    &glen, &r);
			layout_stats(&st0);
			tap_ok(st0.bytes == st2.bytes, "width %d justified: "
			    "no paragraph set by its bytes", pw[i]);
			free(got);
		}
		doc_free(&psrc);
		free(pdoc.s);
	}

	/* Blank lines only: nothing printed, no error, on any thread count. */
	{
		static const char	blank[] = "\n\n  \n\t\n\n\n";
		struct doc		bsrc;

		doc_open_memory(&bsrc, "blank", blank, sizeof blank - 1);
		for (threads = 1; threads <= 2; threads++) {
			got = dump_to_string(&bsrc, 0, 37, 0, threads, 1,
			    &glen, &r);
			tap_ok(r == 0 && glen == 0, "blank lines only, %d "
			    "thread(s): nothing printed", threads);
			free(got);
		}
		doc_free(&bsrc);
	}

	/* A write error is reported, not ignored, and ends the dump. */
	if ((full = fopen("/dev/full", "w")) != NULL) {
		tap_is_int(dump_doc_jobs(&in, 0, 80, 0, full, 2, 4096), -1,
		    "writing to /dev/full fails (2 threads)");
		clearerr(full);
		tap_is_int(dump_doc_jobs(&in, 0, 80, 0, full, 1, 4096), -1,
		    "writing to /dev/full fails (1 thread)");
		fclose(full);
	} else
		tap_ok(0, "open /dev/full");

	/* A mapped file's pages go as it is written, not only at the
	 * end: 13 MB, every 128 KB (the process's peak memory is not
	 * measured: valgrind's own grows with what it reads). */
	{
		long	gone = dump_gone_count(&doc, 13);

		tap_ok(gone >= 13, "a dump of 13 MB gives its pages back %ld "
		    "times as it goes", gone);
	}

	doc_free(&in);
	free(doc.s);
	layout_release();
	return tap_done();
}
