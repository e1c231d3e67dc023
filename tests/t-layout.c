/*
 * t-layout.c: what layout promises, case by case: joins, breaks, kinsoku,
 * wide characters at the margin, long runs, verbatim lines, headings.
 */

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "lede.h"
#include "tap.h"

/* Lay out the first block of s at width w; rows joined with '|'. */
static char *
rows(const char *s, int w, int *type)
{
	struct doc	 doc;
	struct block	 b;
	struct layout	*lay;
	static char	 out[4096];
	char		*buf = NULL;
	size_t		 len, r, n = 0;

	doc_open_memory(&doc, "t", s, strlen(s));
	out[0] = '\0';
	if (!block_first(&doc, &b))
		return out;
	lay = layout_create(&doc, &b, w);
	if (type != NULL)
		*type = lay->type;
	for (r = 0; r < lay->nrows; r++) {
		dump_row(lay, r, 0, &buf, &len);
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%s",
		    r ? "|" : "", buf);
	}
	free(buf);
	layout_destroy(lay);
	doc_free(&doc);
	return out;
}

/* The widest row of the first block of s at width w. */
static int
widest(const char *s, int w)
{
	struct doc	 doc;
	struct block	 b;
	struct layout	*lay;
	size_t		 r;
	int		 max = 0;

	doc_open_memory(&doc, "t", s, strlen(s));
	block_first(&doc, &b);
	lay = layout_create(&doc, &b, w);
	for (r = 0; r < lay->nrows; r++)
		if (lay->rows[r].width > max)
			max = lay->rows[r].width;
	layout_destroy(lay);
	doc_free(&doc);
	return max;
}

/*
 * Lay out a paragraph of about n bytes made of unit repeated (NUL bytes if
 * unit is ""), at width w: is the work of layout linear? Counted are the
 * bytes asked of libunistring for line breaks, looked at for an anchor and
 * asked for clusters: each byte of the display text a few times at most,
 * not once a row.
 */
static void
linear(const char *name, const char *unit, size_t n, int w)
{
	struct doc		 doc;
	struct block		 b;
	struct layout		*lay;
	struct layout_stats	 s0, s1;
	char			*s;
	size_t			 len = 0, k = strlen(unit);
	uint64_t		 lbrk, gbrk;

	s = xcalloc(n + 1, 1);
	if (k > 0)
		for (; len + k <= n; len += k)
			memcpy(s + len, unit, k);
	else
		len = n;
	doc_open_memory(&doc, name, s, len);
	block_first(&doc, &b);
	layout_stats(&s0);
	lay = layout_create(&doc, &b, w);
	layout_stats(&s1);
	lbrk = s1.lbrk - s0.lbrk + s1.scan - s0.scan;
	gbrk = s1.gbrk - s0.gbrk;
	tap_ok(s1.text - s0.text == lay->ntext && lbrk <= 4 * lay->ntext &&
	    gbrk <= 2 * lay->ntext, "linear: 1 MB of %s at width %d: %.2f, "
	    "%.2f bytes asked for line breaks, clusters per byte", name, w,
	    (double)lbrk / (double)lay->ntext,
	    (double)gbrk / (double)lay->ntext);
	layout_destroy(lay);
	doc_free(&doc);
	free(s);
}

/*
 * Text that may break almost anywhere (Chinese) is set greedily, total
 * fit having nothing to gain. Text of ideographs is known to be so as its
 * cells are made: total fit is not tried, and no byte is asked about but
 * greedy filling's. Other such text (an ideograph and a letter, over and
 * over) is found out by total fit early: it asks for the opportunities
 * of a growing stretch at a time, and stops when they are too many; no
 * byte is asked about twice, by its stretches or by greedy filling after
 * them. Paragraphs of 6 KB.
 */
static void
dense_check(const char *unit, const char *what, int tried)
{
	struct doc		 doc;
	struct block		 b;
	struct layout		*fit, *greedy;
	struct layout_stats	 s0, s1;
	char			 s[6 * 1024 + 1];
	size_t			 len, r, n = strlen(unit);
	uint64_t		 asked, looked;
	int			 same;

	for (len = 0; len + n < sizeof s; len += n)
		memcpy(s + len, unit, n);
	doc_open_memory(&doc, "dense", s, len);
	block_first(&doc, &b);
	fit_greedy = 1;
	greedy = layout_create(&doc, &b, 37);
	fit_greedy = 0;
	layout_stats(&s0);
	fit = layout_create(&doc, &b, 37);
	layout_stats(&s1);
	asked = s1.lbrk - s0.lbrk;
	same = fit->nrows == greedy->nrows;
	for (r = 0; same && r < fit->nrows; r++)
		same = fit->rows[r].first == greedy->rows[r].first &&
		    fit->rows[r].count == greedy->rows[r].count;
	looked = s1.fit - s0.fit;
	tap_ok(same && asked <= fit->ntext && (tried ? looked > 0 &&
	    looked <= fit->ncells / 2 : looked == 0), "%s is set greedily, "
	    "%s: %zu rows, total fit looked at %llu of %zu cells, %llu of %zu "
	    "bytes asked about", what, tried ? "found dense early" :
	    "total fit not tried", fit->nrows, (unsigned long long)looked,
	    fit->ncells, (unsigned long long)asked, fit->ntext);
	layout_destroy(fit);
	layout_destroy(greedy);
	doc_free(&doc);
}

static void
test_dense(void)
{
	dense_check("\xe4\xb8\xad\xe5\x9b\xbd\xe7\x9a\x84\xe6\x96\xb0"
	    "\xe9\x97\xbb\xe3\x80\x82", "Chinese", 0);
	dense_check("\xe4\xb8\xad" "a" "\xe5\x9b\xbd" "b", "An ideograph "
	    "and a letter", 1);
}

/* Every row of a layout as the dump prints it, into out. */
static void
all_rows(const struct layout *lay, char *out, size_t size)
{
	char	*buf = NULL;
	size_t	 len, r, n = 0;

	out[0] = '\0';
	for (r = 0; r < lay->nrows && n < size; r++) {
		dump_row(lay, r, 0, &buf, &len);
		n += (size_t)snprintf(out + n, size - n, "%s|", buf);
	}
	free(buf);
}

/*
 * layout_recycle(): the next layout on the thread reuses the buffers of
 * one that was done with (the dump's), larger or smaller, and is the
 * same as one made afresh, whatever was left in them.
 */
static void
test_recycle(void)
{
	static const char *const text[] = {
		"Xi Jinping (\xe7\xbf\x92\xe8\xbf\x91\xe5\xb9\xb3) said "
		    "the talks would go on, and that \xe2\x80\x9c" "both sides"
		    "\xe2\x80\x9d agreed to meet again in Beijing next month, "
		    "after the summit of the leaders of the region.\n",
		"Short.\n",
		"\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xd7\xa2\xd7\x95"
		    "\xd7\x9c\xd7\x9d and more words after it to wrap.\n",
		"UNITED STANCE\n",
		"A paragraph of plain words that is long enough to be set in "
		    "several rows by total fit at the width of the test, twice: "
		    "a paragraph of plain words that is long enough to be set.\n",
	};
	static char	 want[8192], got[8192];
	struct doc	 doc, other;
	struct block	 b, ob;
	struct layout	*lay;
	size_t		 i, k, n = sizeof text / sizeof text[0], same = 0;
	size_t		 tried = 0;
	int		 w;

	for (k = 0; k < 3; k++)
		for (i = 0; i < n; i++) {
			w = 20 + 7 * (int)k;
			doc_open_memory(&doc, "t", text[i], strlen(text[i]));
			doc_open_memory(&other, "o", text[(i + 1) % n],
			    strlen(text[(i + 1) % n]));
			if (!block_first(&doc, &b) ||
			    !block_first(&other, &ob)) {
				doc_free(&doc);
				doc_free(&other);
				continue;
			}
			layout_release();	/* nothing to reuse */
			lay = layout_create(&doc, &b, w);
			all_rows(lay, want, sizeof want);
			layout_destroy(lay);
			/* In the buffers of another text's layout. */
			layout_recycle(layout_create(&other, &ob, w + 3));
			lay = layout_create(&doc, &b, w);
			all_rows(lay, got, sizeof got);
			same += strcmp(want, got) == 0;
			tried++;
			layout_recycle(lay);
			doc_free(&doc);
			doc_free(&other);
		}
	layout_release();
	tap_ok(tried == 15 && same == tried, "a layout made in recycled "
	    "buffers is the same as one made afresh (%zu of %zu)", same,
	    tried);
}

/*
 * Widths that do not fit a row's 16-bit width (struct row): a layout is
 * at most LAYOUT_WIDTH_MAX wide, and so is every row the dump prints of
 * it, justified or not.
 */
static void
widths(void)
{
	static const int	 w[] = { INT_MIN, -1, 0, 1, 2, 65535, 65536,
				    100000, INT_MAX };
	struct doc		 doc;
	struct block		 b;
	struct layout		*lay;
	FILE			*fp;
	char			*s;
	size_t			 n = 300000, i, r, k, longest;
	int			 ok, want, sum, ch;

	s = xmalloc(n + 1);
	for (i = 0; i < n; i++)
		s[i] = i % 7 == 6 ? ' ' : 'a' + (char)(i % 7);
	doc_open_memory(&doc, "wide", s, n);
	block_first(&doc, &b);
	for (i = 0; i < sizeof w / sizeof w[0]; i++) {
		want = w[i] < 2 ? 2 : w[i] > 65535 ? 65535 : w[i];
		lay = layout_create(&doc, &b, w[i]);
		ok = lay->width == want;
		for (r = 0; r < lay->nrows; r++) {
			for (sum = 0, k = 0; k < lay->rows[r].count; k++)
				sum += lay->cells[lay->rows[r].first + k].width;
			ok = ok && sum == lay->rows[r].width &&
			    sum <= lay->width;
		}
		tap_ok(ok, "width %d: laid out at %d, every row as wide as its "
		    "cells and no wider", w[i], want);
		layout_destroy(lay);
	}
	for (i = 5; i < sizeof w / sizeof w[0]; i++) {
		if ((fp = tmpfile()) == NULL)
			break;
		ok = dump_doc_jobs(&doc, 0, w[i], 1, fp, 1, 1 << 20) == 0;
		rewind(fp);
		longest = k = 0;
		while ((ch = getc(fp)) != EOF)
			if (ch != '\n')
				k++;
			else {
				longest = k > longest ? k : longest;
				k = 0;
			}
		fclose(fp);
		tap_ok(ok && longest == 65535, "width %d, justified: the "
		    "dump's rows are %zu columns at most", w[i], longest);
	}
	doc_free(&doc);
	free(s);
}

/*
 * Korean at every width from 8 to 60, by total fit and greedily: no row
 * ends between two syllables of a word that fits in a row.
 */
static void
test_keep_all(void)
{
	/* Our own news sentence: the Seoul city's coding classes. */
	static const char	 p[] = "\xec\x84\x9c\xec\x9a\xb8\xec\x8b\x9c"
	    "\xeb\x8a\x94 16\xec\x9d\xbc \xeb\x82\xb4\xeb\x85\x84\xeb\xb6\x80"
	    "\xed\x84\xb0 \xec\x8b\x9c\xeb\x82\xb4 \xeb\xaa\xa8\xeb\x93\xa0 "
	    "\xec\xb4\x88\xeb\x93\xb1\xed\x95\x99\xea\xb5\x90\xec\x97\x90"
	    "\xec\x84\x9c \xec\xbd\x94\xeb\x94\xa9 \xea\xb5\x90\xec\x9c\xa1"
	    "\xec\x9d\x84 \xeb\xb3\xb8\xea\xb2\xa9\xec\xa0\x81\xec\x9c\xbc"
	    "\xeb\xa1\x9c \xec\x8b\x9c\xec\x9e\x91\xed\x95\x9c\xeb\x8b\xa4"
	    "\xea\xb3\xa0 \xeb\xb0\x9c\xed\x91\x9c\xed\x96\x88\xeb\x8b\xa4. "
	    "\xeb\xb0\x95\xec\x9b\x90\xec\x88\x9c \xec\x8b\x9c\xec\x9e\xa5"
	    "\xec\x9d\x80 \xea\xb8\xb0\xec\x9e\x90\xed\x9a\x8c\xea\xb2\xac"
	    "\xec\x97\x90\xec\x84\x9c \"\xec\x95\x84\xec\x9d\xb4\xeb\x93\xa4"
	    "\xec\x9d\xb4 \xeb\xaf\xb8\xeb\x9e\x98\xeb\xa5\xbc \xec\x8a\xa4"
	    "\xec\x8a\xa4\xeb\xa1\x9c \xec\x97\xb4\xec\x96\xb4 \xea\xb0\x88 "
	    "\xed\x9e\x98\xec\x9d\x84 \xea\xb8\xb0\xeb\xa5\xb4\xea\xb8\xb0"
	    "\xeb\xa5\xbc \xeb\xb0\x94\xeb\x9e\x80\xeb\x8b\xa4\"\xea\xb3\xa0 "
	    "\xeb\xa7\x90\xed\x96\x88\xeb\x8b\xa4.\n";
	struct doc		 doc;
	struct block		 b;
	struct layout		*lay;
	size_t			 r, k, e, split = 0, rows = 0;
	int			 w, g, wordw;
	ucs4_t			 u0, u1;

	doc_open_memory(&doc, "korean", p, sizeof p - 1);
	block_first(&doc, &b);
	for (g = 0; g < 2; g++)
		for (w = 8; w <= 60; w++) {
			fit_greedy = g;
			lay = layout_create(&doc, &b, w);
			for (r = 0; r + 1 < lay->nrows; r++) {
				rows++;
				e = lay->rows[r].first + lay->rows[r].count;
				if (lay->rows[r].count == 0 ||
				    e >= lay->ncells ||
				    lay->rows[r + 1].first != e)
					continue;
				u8_mbtouc(&u0, (const uint8_t *)lay->text +
				    lay->cells[e - 1].text, 4);
				u8_mbtouc(&u1, (const uint8_t *)lay->text +
				    lay->cells[e].text, 4);
				if (u0 < 0xac00 || u0 > 0xd7a3 || u1 < 0xac00 ||
				    u1 > 0xd7a3)
					continue;
				/* The word's width: is it wider than a row? */
				for (wordw = 0, k = e; k > 0 &&
				    !(lay->cells[k - 1].flags & CELL_SPACE); k--)
					wordw += lay->cells[k - 1].width;
				for (k = e; k < lay->ncells &&
				    !(lay->cells[k].flags & CELL_SPACE); k++)
					wordw += lay->cells[k].width;
				if (wordw <= w)
					split++;
			}
			layout_destroy(lay);
		}
	fit_greedy = 0;
	tap_ok(split == 0 && rows > 500, "Korean at widths 8-60, total fit and "
	    "greedy: %zu words split in %zu row ends", split, rows);
	doc_free(&doc);
}

/*
 * Narrow letters that are not ASCII (é, ü, Cyrillic, Greek, ’) are set as
 * ASCII is: total fit finds their opportunities sixteen bytes at a time
 * (layout_fit_span), a cell a code point. Paragraphs of such words, each
 * beside its twin in ASCII of the same letters' classes and widths (é as
 * e, ’ as '), at every width from 10 to 80, often ending in a short word
 * (a widow, which total fit weighs): the same rows, cell for cell.
 */
static void
test_narrow_twins(void)
{
	static const char *const words[][2] = {
	    { "\xc3\xa9t\xc3\xa9", "ete" },		/* été */
	    { "f\xc3\xbcr", "fur" },			/* für */
	    { "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0",
		"Moskva" },				/* Москва */
	    { "l\xe2\x80\x99\xc3\xa9t\xc3\xa9", "l'ete" },	/* l’été */
	    { "don\xe2\x80\x99t", "don't" },
	    { "\xc3\xa0", "a" },			/* à */
	    { "\xd0\xb8", "i" },			/* и */
	    { "na\xc3\xafve", "naive" },		/* naïve */
	    { "\xce\x95\xce\xbb\xce\xbb\xce\xac\xce\xb4\xce\xb1",
		"Ellada" },				/* Ελλάδα */
	    { "peut-\xc3\xaatre", "peut-etre" },	/* peut-être */
	    { "caf\xc3\xa9,", "cafe," },
	    { "\xd0\xb3\xd0\xbe\xd0\xb4.", "god." },	/* год. */
	    { "minister", "minister" }, { "said", "said" }, { "the", "the" },
	    { "negotiations", "negotiations" }, { "of", "of" },
	};
	const size_t	 nw = sizeof words / sizeof words[0];
	char		 p[2][2048];
	size_t		 n[2], i, k, r, rows = 0, differ = 0;
	struct doc	 doc[2];
	struct block	 b[2];
	struct layout	*lay[2];
	uint32_t	 rng = 12345;
	int		 para, w, t;

	for (para = 0; para < 24; para++) {
		n[0] = n[1] = 0;
		for (i = 0; i < 20 + (size_t)para * 3; i++) {
			rng = rng * 1103515245u + 12345u;
			k = (rng >> 16) % nw;
			for (t = 0; t < 2; t++)
				n[t] += (size_t)snprintf(p[t] + n[t],
				    sizeof p[t] - n[t], "%s%s", i > 0 ? " " :
				    "", words[k][t]);
		}
		/* A short last word, a widow if alone on its row. */
		k = para % 3 == 0 ? 5 : para % 3 == 1 ? 6 : 16;
		for (t = 0; t < 2; t++) {
			n[t] += (size_t)snprintf(p[t] + n[t], sizeof p[t] -
			    n[t], " %s\n", words[k][t]);
			doc_open_memory(&doc[t], "narrow", p[t], n[t]);
			block_first(&doc[t], &b[t]);
		}
		for (w = 10; w <= 80; w++) {
			for (t = 0; t < 2; t++)
				lay[t] = layout_create(&doc[t], &b[t], w);
			if (lay[0]->nrows != lay[1]->nrows ||
			    lay[0]->ncells != lay[1]->ncells)
				differ++;
			for (r = 0; r < lay[0]->nrows && r < lay[1]->nrows;
			    r++) {
				rows++;
				if (lay[0]->rows[r].first !=
				    lay[1]->rows[r].first ||
				    lay[0]->rows[r].count !=
				    lay[1]->rows[r].count ||
				    lay[0]->rows[r].width !=
				    lay[1]->rows[r].width) {
					if (differ++ < 3)
						tap_diag("paragraph %d, width "
						    "%d: row %zu differs", para,
						    w, r);
				}
			}
			for (t = 0; t < 2; t++)
				layout_destroy(lay[t]);
		}
		for (t = 0; t < 2; t++)
			doc_free(&doc[t]);
	}
	tap_ok(differ == 0 && rows > 5000, "narrow letters (é, ’, Cyrillic, "
	    "Greek) set as their ASCII twins at widths 10-80: %zu of %zu rows "
	    "differ", differ, rows);
}

/*
 * Thai, written without spaces between words: at every width from 12 to
 * 60, by total fit and greedily, a row ends only between two words
 * (libthai's dictionary). Our own sentences, made of the words below.
 */
static void
test_thai(void)
{
	static const char *const words[] = {
	    /* today: day, this (compounds break between their words) */
	    "\xe0\xb8\xa7\xe0\xb8\xb1\xe0\xb8\x99",
	    "\xe0\xb8\x99\xe0\xb8\xb5\xe0\xb9\x89",
	    /* prime minister: chief, minister */
	    "\xe0\xb8\x99\xe0\xb8\xb2\xe0\xb8\xa2\xe0\xb8\x81",
	    "\xe0\xb8\xa3\xe0\xb8\xb1"
	    "\xe0\xb8\x90\xe0\xb8\xa1\xe0\xb8\x99\xe0\xb8\x95\xe0\xb8\xa3\xe0\xb8\xb5",
	    "\xe0\xb9\x84\xe0\xb8\x94\xe0\xb9\x89",
	    "\xe0\xb9\x80\xe0\xb8\x94\xe0\xb8\xb4\xe0\xb8\x99\xe0\xb8\x97\xe0\xb8\xb2"
	    "\xe0\xb8\x87",
	    "\xe0\xb9\x84\xe0\xb8\x9b",
	    "\xe0\xb8\x9b\xe0\xb8\xa3\xe0\xb8\xb0\xe0\xb8\x8a\xe0\xb8\xb8\xe0\xb8\xa1",
	    "\xe0\xb8\x97\xe0\xb8\xb5\xe0\xb9\x88",
	    "\xe0\xb8\x81\xe0\xb8\xa3\xe0\xb8\xb8\xe0\xb8\x87\xe0\xb9\x80\xe0\xb8\x97"
	    "\xe0\xb8\x9e",
	    " ",
	    "\xe0\xb8\xa3\xe0\xb8\xb0\xe0\xb8\xab\xe0\xb8\xa7\xe0\xb9\x88\xe0\xb8\xb2"
	    "\xe0\xb8\x87",
	    "\xe0\xb8\x81\xe0\xb8\xb2\xe0\xb8\xa3",
	    "\xe0\xb8\x9b\xe0\xb8\xa3\xe0\xb8\xb0\xe0\xb8\x8a\xe0\xb8\xb8\xe0\xb8\xa1",
	    "\xe0\xb8\xa3\xe0\xb8\xb1\xe0\xb8\x90\xe0\xb8\x9a\xe0\xb8\xb2\xe0\xb8\xa5",
	    "\xe0\xb9\x84\xe0\xb8\x94\xe0\xb9\x89",
	    "\xe0\xb8\x9b\xe0\xb8\xa3\xe0\xb8\xb0\xe0\xb8\x81\xe0\xb8\xb2\xe0\xb8\xa8",
	    "\xe0\xb8\x99\xe0\xb9\x82\xe0\xb8\xa2\xe0\xb8\x9a\xe0\xb8\xb2\xe0\xb8\xa2",
	    "\xe0\xb9\x83\xe0\xb8\xab\xe0\xb8\xa1\xe0\xb9\x88",
	    "\xe0\xb9\x80\xe0\xb8\x9e\xe0\xb8\xb7\xe0\xb9\x88\xe0\xb8\xad",
	    "\xe0\xb8\x9b\xe0\xb8\xa3\xe0\xb8\xb0\xe0\xb8\x8a\xe0\xb8\xb2\xe0\xb8\x8a"
	    "\xe0\xb8\x99",
	    " ",
	};
	char			 p[4096];
	size_t			 bound[128], nb = 0, n = 0, i, r, e, split = 0;
	size_t			 ends = 0;
	struct doc		 doc;
	struct block		 b;
	struct layout		*lay;
	int			 w, g, rep;

	/* The words four times over, their ends kept. */
	for (rep = 0; rep < 4; rep++)
		for (i = 0; i < sizeof words / sizeof words[0]; i++) {
			n += (size_t)snprintf(p + n, sizeof p - n, "%s",
			    words[i]);
			if (nb < sizeof bound / sizeof bound[0])
				bound[nb++] = n;
		}
	doc_open_memory(&doc, "thai", p, n);
	block_first(&doc, &b);
	for (g = 0; g < 2; g++)
		for (w = 12; w <= 60; w++) {
			fit_greedy = g;
			lay = layout_create(&doc, &b, w);
			for (r = 0; r + 1 < lay->nrows; r++) {
				e = lay->rows[r + 1].first;
				if (e >= lay->ncells || e == 0 ||
				    (lay->cells[e - 1].flags & CELL_SPACE))
					continue;
				ends++;
				/* The display text is the input here. */
				for (i = 0; i < nb && bound[i] !=
				    lay->cells[e].text; i++)
					;
				if (i == nb && split++ < 3)
					tap_diag("width %d: a row ends at %u",
					    w, lay->cells[e].text);
			}
			layout_destroy(lay);
		}
	fit_greedy = 0;
	tap_ok(split == 0 && ends > 200, "Thai at widths 12-60, total fit and "
	    "greedy: %zu of %zu row ends inside a word", split, ends);
	doc_free(&doc);
}

/*
 * --hyphenate: total fit may break a word at a hyphenation point, with
 * a hyphen shown (the row's last column), the text itself unchanged;
 * never a URL, a word with a digit, one in capitals.
 */
static void
test_hyphenate(void)
{
	const char	*r;

	if (!tap_ok(hyph_load("en_US") == 0, "English hyphenation patterns "
	    "(hyphen-en-us) load"))
		return;
	hyph_on = 1;
	r = rows("An extraordinarily complicated international negotiation "
	    "continued.", 14, NULL);
	tap_ok(strstr(r, "-|") != NULL, "a word is hyphenated at 14 columns "
	    "(%s)", r);
	tap_ok(strstr(r, "extraordinarily") == NULL,
	    "... extraordinarily among them");
	tap_is_int(widest("An extraordinarily complicated international "
	    "negotiation continued.", 14) <= 14, 1,
	    "no row wider than 14, its hyphen counted");
	r = rows("see https://example.com/international/negotiation now",
	    12, NULL);
	tap_ok(strstr(r, "-|") == NULL, "a URL is never hyphenated (%s)", r);
	r = rows("the INTERNATIONAL NEGOTIATIONS and Covid19negotiations",
	    12, NULL);
	tap_ok(strstr(r, "-|") == NULL, "nor words in capitals, nor one with "
	    "a digit (%s)", r);
	hyph_on = 0;
	r = rows("An extraordinarily complicated international negotiation "
	    "continued.", 14, NULL);
	tap_ok(strstr(r, "-|") == NULL, "off: no hyphen (%s)", r);
}

/*
 * Verbatim and kept lines may be as wide as the terminal leaves (wide),
 * prose keeps to the column (width).
 */
static void
test_wide(void)
{
	static const char	 s[] =
	    "    for (i = 0; i < n; i++) total += w[i];\n";
	static const char	 p[] =
	    "Prose goes on long enough to wrap at twenty columns.\n";
	struct doc		 doc;
	struct block		 b;
	struct layout		*lay;

	doc_open_memory(&doc, "wide", s, sizeof s - 1);
	block_first(&doc, &b);
	lay = layout_create_wide(&doc, &b, &b, 20, 50);
	tap_ok(lay->nrows == 1 && lay->rows[0].width == 42, "a verbatim line "
	    "of 42 columns: one row at width 20, wide 50 (%zu rows)",
	    lay->nrows);
	layout_destroy(lay);
	lay = layout_create_wide(&doc, &b, &b, 20, 30);
	tap_ok(lay->nrows == 2 && lay->rows[0].width + 1 <= 30 &&
	    (lay->rows[0].flags & ROW_CONT), "wide 30: cut at 30, with the "
	    "mark (%d)", lay->rows[0].width);
	layout_destroy(lay);
	doc_free(&doc);
	doc_open_memory(&doc, "prose", p, sizeof p - 1);
	block_first(&doc, &b);
	lay = layout_create_wide(&doc, &b, &b, 20, 50);
	tap_ok(lay->nrows == 3 && lay->rows[0].width <= 20 &&
	    lay->rows[1].width <= 20, "prose keeps to the column");
	layout_destroy(lay);
	doc_free(&doc);
}

int
main(void)
{
	static const char *const para[][2] = {
		{ "English", "The quick brown fox jumps over the lazy dog, "
		    "then sleeps. " },
		{ "digits", "0123456789" },
		{ "NUL bytes", "" },
		{ "Cyrillic", "\xd0\xa1\xd1\x8a\xd0\xb5\xd1\x88\xd1\x8c "
		    "\xd0\xb6\xd0\xb5 \xd0\xb5\xd1\x89\xd1\x91 "
		    "\xd1\x8d\xd1\x82\xd0\xb8\xd1\x85, " },
		{ "Greek", "\xce\xbe\xce\xb5\xcf\x83\xce\xba\xce\xb5"
		    "\xcf\x80\xce\xac\xce\xb6\xcf\x89 \xcf\x84\xce\xb7"
		    "\xce\xbd \xcf\x88\xcf\x85\xcf\x87\xce\xae. " },
		{ "Arabic", "\xd8\xb5\xd9\x90\xd9\x81 \xd8\xae\xd9\x8e"
		    "\xd9\x84\xd9\x82\xd9\x8e \xd8\xae\xd9\x8e\xd9\x88"
		    "\xd8\xaf\xd9\x90\xd8\x8c " },
		{ "Devanagari", "\xe0\xa4\x8b\xe0\xa4\xb7\xe0\xa4\xbf"
		    "\xe0\xa4\xaf\xe0\xa5\x8b\xe0\xa4\x82 \xe0\xa4\x95"
		    "\xe0\xa5\x8b \xe0\xa4\xb8\xe0\xa4\xa4\xe0\xa4\xbe"
		    "\xe0\xa4\xa8\xe0\xa5\x87\xe0\xa5\xa4 " },
		{ "emoji ZWJ sequences", "\xf0\x9f\x91\xa8\xe2\x80\x8d"
		    "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7" },
		{ "punctuation", "-|,.)" },
	};
	size_t	i;
	int	type;

	setlocale(LC_ALL, "C.UTF-8");

	/* Joining hard-wrapped lines. */
	tap_is_str(rows("one\ntwo", 20, NULL), "one two",
	    "Latin lines join with a space");
	tap_is_str(rows("one  \n   two", 20, NULL), "one two",
	    "trailing and leading blanks of joined lines fold into one space");
	tap_is_str(rows("\xe7\xbf\x92\xe8\xbf\x91\n\xe5\xb9\xb3", 20, NULL),
	    "\xe7\xbf\x92\xe8\xbf\x91\xe5\xb9\xb3",
	    "a line break between two ideographs joins with no space");
	tap_is_str(rows("\xe3\x81\x82\n\xe3\x81\x84", 20, NULL),
	    "\xe3\x81\x82\xe3\x81\x84", "kana join with no space");
	tap_is_str(rows("\xea\xb0\x80\n\xea\xb0\x80", 20, NULL),
	    "\xea\xb0\x80 \xea\xb0\x80", "Hangul joins with a space");
	tap_is_str(rows("Xi\n\xe7\xbf\x92", 20, NULL), "Xi \xe7\xbf\x92",
	    "Latin then ideograph joins with a space");

	/* UAX #14 breaks. */
	tap_is_str(rows("aaa bbb ccc", 7, NULL), "aaa bbb|ccc",
	    "breaks at spaces; trailing space hangs");
	tap_is_str(rows("well-known thing", 6, NULL), "well-|known|thing",
	    "breaks after a hyphen");
	tap_is_str(rows("1,000 apples", 6, NULL), "1,000|apples",
	    "never inside 1,000");
	tap_is_str(rows("say \xe2\x80\x9chello\xe2\x80\x9d now", 8, NULL),
	    "say|\xe2\x80\x9chello\xe2\x80\x9d|now",
	    "no break inside the edges of a quotation");
	/* 6 ideographs then 。 at width 10: 。 may not start a row. */
	tap_is_str(rows("\xe4\xb8\x80\xe4\xba\x8c\xe4\xb8\x89\xe5\x9b\x9b"
	    "\xe4\xba\x94\xe3\x80\x82\xe5\x85\xad", 10, NULL),
	    "\xe4\xb8\x80\xe4\xba\x8c\xe4\xb8\x89\xe5\x9b\x9b|"
	    "\xe4\xba\x94\xe3\x80\x82\xe5\x85\xad",
	    "kinsoku: 。 never starts a row (the ideograph before it moves too)");
	tap_is_str(rows("\xe4\xb8\x80\xe4\xba\x8c\xe4\xb8\x89\xe4\xb8\x80"
	    "\xe3\x80\x8c\xe5\x9b\x9b\xe3\x80\x8d", 10, NULL),
	    "\xe4\xb8\x80\xe4\xba\x8c\xe4\xb8\x89\xe4\xb8\x80|"
	    "\xe3\x80\x8c\xe5\x9b\x9b\xe3\x80\x8d",
	    "kinsoku: 「 never ends a row");
	/* Korean: words kept whole (keep-all), cut only if wider than
	 * the row. */
	tap_is_str(rows("\xec\x84\x9c\xec\x9a\xb8\xec\x8b\x9c\xeb\x8a\x94 "
	    "\xeb\x82\xb4\xeb\x85\x84\xeb\xb6\x80\xed\x84\xb0", 10, NULL),
	    "\xec\x84\x9c\xec\x9a\xb8\xec\x8b\x9c\xeb\x8a\x94|"
	    "\xeb\x82\xb4\xeb\x85\x84\xeb\xb6\x80\xed\x84\xb0",
	    "Korean breaks between words, not syllables (keep-all)");
	tap_is_str(rows("\xec\xb4\x88\xeb\x93\xb1\xed\x95\x99\xea\xb5\x90"
	    "\xec\x97\x90\xec\x84\x9c", 6, NULL),
	    "\xec\xb4\x88\xeb\x93\xb1\xed\x95\x99|"
	    "\xea\xb5\x90\xec\x97\x90\xec\x84\x9c",
	    "a Korean word wider than the row is cut at the edge");
	test_keep_all();
	test_thai();
	test_narrow_twins();
	test_hyphenate();
	/* Wide character at the margin: width 5 holds two ideographs. */
	tap_is_str(rows("\xe4\xb8\x80\xe4\xba\x8c\xe4\xb8\x89", 5, NULL),
	    "\xe4\xb8\x80\xe4\xba\x8c|\xe4\xb8\x89",
	    "a wide character that does not fit moves whole; the row is one short");
	tap_is_int(widest("\xe4\xb8\x80\xe4\xba\x8c\xe4\xb8\x89", 5), 4,
	    "that row is 4 columns wide");
	/* A run with no break opportunity. */
	tap_is_str(rows("abcdefghijklmnopqrstuvwxyz", 10, NULL),
	    "abcdefghij|klmnopqrst|uvwxyz",
	    "a run with no break opportunity is cut at the edge");
	tap_is_str(rows("https://example.com/abcdefghijklm", 10, NULL),
	    "https://|example.co|m/|abcdefghij|klm",
	    "a long URL breaks after / (never after . before a letter), "
	    "then at the edge");
	tap_is_str(rows("e\xcc\x81\xcc\x81" "e\xcc\x81\xcc\x81"
	    "e\xcc\x81\xcc\x81", 2, NULL),
	    "e\xcc\x81\xcc\x81" "e\xcc\x81\xcc\x81|e\xcc\x81\xcc\x81",
	    "combining marks stay with their base");
	/* A mark alone: drawn on a space if it has no width (tdraw.c), as
	 * itself if it is a spacing mark. */
	tap_is_int(widest("\xcc\x81", 10), 1,
	    "a lone combining mark is one column (drawn on a space)");
	tap_is_int(widest("\xe0\xb3\x81", 10), 1,
	    "a lone spacing mark (Kannada U+0CC1) is its own width, 1");
	width_set_ambiguous(AMBIGUOUS_WIDE);
	tap_is_int(widest("\xe0\xb3\x81", 2), 2,
	    "ambiguous wide: a lone spacing mark counted 2 fits a row of 2");
	width_set_ambiguous(AMBIGUOUS_NARROW);
	tap_is_str(rows("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9"
	    "\xf0\x9f\x87\xaf\xf0\x9f\x87\xb5", 4, NULL),
	    "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9|"
	    "\xf0\x9f\x87\xaf\xf0\x9f\x87\xb5",
	    "a ZWJ sequence and a flag are atoms");
	/* A terminal found to join them (probe.c) draws them in 2 columns. */
	width_set_joins(1, 1);
	tap_is_int(widest("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9"
	    "\xe2\x80\x8d\xf0\x9f\x91\xa7", 20), 2,
	    "joined by the terminal: a ZWJ family is 2 columns");
	tap_is_int(widest("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", 20), 2,
	    "joined by the terminal: a thumb with a skin tone is 2 columns");
	tap_is_str(rows("ab \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9 cd",
	    6, NULL), "ab \xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9|cd",
	    "joined by the terminal: the rows count the family as 2 columns");
	width_set_joins(0, 0);
	tap_is_int(widest("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9"
	    "\xe2\x80\x8d\xf0\x9f\x91\xa7", 20), 6,
	    "not joined: a ZWJ family is as wide as its members");

	/* Controls and bad bytes. */
	tap_is_str(rows("a\x1b[31mb\xff", 40, NULL), "a^[[31mb<FF>",
	    "escape and bad byte shown visibly");
	tap_is_str(rows("<U+202E>", 4, NULL), "<U+2|02E>",
	    "visible forms may be cut when wider than the row");

	/* Verbatim lines. */
	tap_is_str(rows("para\n    code  x\n\tend", 40, NULL),
	    "para|    code  x|        end",
	    "indented and tabbed lines keep their breaks; tabs expand to 8");
	tap_is_str(rows("    0123456789", 8, NULL), "    012\\|    345\\|    6789",
	    "a verbatim line too wide wraps with a continuation mark, its "
	    "rows after the first in by its indent (at most half the row)");
	tap_is_str(rows("    tide --day=mon > tide-mon.txt", 20, NULL),
	    "    tide --day=mon \\|      > tide-mon.txt",
	    "a verbatim line goes on at a word, two columns in");
	tap_is_str(rows("    see https://example.org/harbour/tides", 20, NULL),
	    "    see https://exa\\|      mple.org/harb\\|      our/tides",
	    "not at a word that would not fit on the next row either");

	/* Block kinds. */
	rows("UNITED STANCE", 40, &type);
	tap_is_int(type, BLOCK_HEADING, "all-caps line is a heading");
	rows("\xe2\x80\x98" "DUAL-TRACK\xe2\x80\x99 APPROACH", 40, &type);
	tap_is_int(type, BLOCK_HEADING, "quoted all-caps line is a heading");
	rows("UNITED\nSTANCE", 40, &type);
	tap_is_int(type, BLOCK_PARAGRAPH, "two lines are not a heading");
	rows("I", 40, &type);
	tap_is_int(type, BLOCK_PARAGRAPH, "one letter is not a heading");
	rows("US said", 40, &type);
	tap_is_int(type, BLOCK_PARAGRAPH, "lower case: not a heading");
	rows(" date 2017-11-16 AFP, BEIJING", 40, &type);
	tap_is_int(type, BLOCK_HEADER, "the header line");
	tap_is_str(rows(" date 2017-11-16 AFP, BEIJING", 20, NULL),
	    "date 2017-11-16 AFP,|BEIJING", "the header keeps its text");
	rows("date 2017-11 AFP, BEIJING", 40, &type);
	tap_is_int(type, BLOCK_PARAGRAPH, "a bad date is no header");

	widths();

	/* Long paragraphs of every script: work linear in their length. */
	for (i = 0; i < sizeof para / sizeof para[0]; i++) {
		linear(para[i][0], para[i][1], 1 << 20, 72);
		linear(para[i][0], para[i][1], 1 << 20, 2);
	}
	test_wide();
	test_recycle();
	test_dense();
	return tap_done();
}
