/*
 * t-bidi.c: right-to-left text.
 *
 * (a) Conformance: every case of Unicode's BidiCharacterTest.txt (Debian
 *     unicode-data) through bidi_order(), the path layout takes: the
 *     paragraph level, each character's resolved level, and the visual
 *     order. Cases FriBidi 1.0.8 gets otherwise, because its character
 *     data are older than the file's, are counted and listed by kind;
 *     the test fails if any other case differs or the count grows past
 *     what is listed (BIDI_KNOWN).
 * (b) Rows: paragraphs of Hebrew, Arabic and Persian mixed with English
 *     and numbers, laid out at widths 10 to 60; every row the dump
 *     prints equals FriBidi's display order of the same piece of its
 *     paragraph, computed here on code points (fribidi_reorder_line
 *     over the paragraph's levels, marks kept after their base, mirrored
 *     glyphs, a grapheme cluster whole, its code points in logical order,
 *     as lede draws it), and every row of a right-to-left paragraph ends
 *     flush at the right margin. lede orders clusters, never splitting one: a
 *     zero-width joiner or non-joiner (bidi class BN) stays in its
 *     cluster, where FriBidi's order of code points may put it on the
 *     other side of its base; such characters, invisible, are left out
 *     of the comparison (and counted: they must all be there).
 */

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fribidi.h>
#include <unigbrk.h>
#include <unistr.h>

#include "lede.h"
#include "builder.h"
#include "tap.h"

#define UCD_BIDI	"/usr/share/unicode/BidiCharacterTest.txt"

/*
 * Cases of BidiCharacterTest.txt (Unicode 15.0 in Debian 12) that FriBidi
 * 1.0.8 resolves otherwise. At most this many may differ.
 */
#define BIDI_KNOWN	0

static size_t	nfail, ncases;

/* One line of the file: code points; direction; level; levels; order. */
static void
conform_line(char *line, size_t lineno)
{
	char		*f[5], *p, *tok, *save;
	uint32_t	 u[256], order[256];
	uint8_t		 lv[256];
	int		 want[256], worder[256], dir, par, got;
	size_t		 n = 0, nl = 0, no = 0, i, k, zero = 0;

	for (i = 0, p = line; i < 5; i++) {
		f[i] = p;
		if ((p = strchr(p, ';')) == NULL && i < 4)
			return;
		if (p != NULL)
			*p++ = '\0';
	}
	for (tok = strtok_r(f[0], " ", &save); tok && n < 256;
	    tok = strtok_r(NULL, " ", &save))
		u[n++] = (uint32_t)strtoul(tok, NULL, 16);
	dir = atoi(f[1]);
	par = atoi(f[2]);
	for (tok = strtok_r(f[3], " ", &save); tok && nl < 256;
	    tok = strtok_r(NULL, " ", &save))
		want[nl++] = *tok == 'x' ? -1 : atoi(tok);
	for (tok = strtok_r(f[4], " \n", &save); tok && no < 256;
	    tok = strtok_r(NULL, " \n", &save))
		worder[no++] = atoi(tok);
	if (n == 0 || nl != n)
		return;
	ncases++;
	got = bidi_order(u, n, dir == 0 ? BIDI_LTR : dir == 1 ? BIDI_RTL :
	    BIDI_AUTO, &zero, 1, lv, order);
	if (got != par)
		goto fail;
	for (i = 0; i < n; i++)
		if (want[i] >= 0 && want[i] != lv[i])
			goto fail;
	/* The visual order, without the characters rule X9 removes. */
	for (i = 0, k = 0; i < n; i++) {
		if (want[order[i]] < 0)
			continue;
		if (k >= no || (int)order[i] != worder[k])
			goto fail;
		k++;
	}
	if (k != no)
		goto fail;
	return;
fail:
	if (nfail++ < 10)
		tap_diag("line %zu differs: %s", lineno, f[0]);
}

static void
conformance(void)
{
	FILE	*fp;
	char	 line[8192];
	size_t	 lineno = 0;

	if ((fp = fopen(UCD_BIDI, "r")) == NULL) {
		tap_ok(0, "%s: cannot open (Debian: unicode-data)", UCD_BIDI);
		return;
	}
	while (fgets(line, sizeof line, fp) != NULL) {
		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		conform_line(line, lineno);
	}
	fclose(fp);
	tap_ok(ncases > 90000, "BidiCharacterTest: %zu cases read", ncases);
	tap_ok(nfail <= BIDI_KNOWN,
	    "BidiCharacterTest: %zu of %zu cases differ (at most %d known)",
	    nfail, ncases, BIDI_KNOWN);
}

/*
 * BidiTest.txt: sequences of bidi classes, each with the paragraph
 * directions it is tested in (a bit set: 1 auto, 2 LTR, 4 RTL), under
 * the levels and order of the last @Levels and @Reorder lines. Each
 * class stands as a character of that class.
 */
#define UCD_BIDI_CLASSES	"/usr/share/unicode/BidiTest.txt"
static const struct {
	const char	*name;
	uint32_t	 cp;
} bidi_classes[] = {
	{ "L", 'a' }, { "R", 0x05d0 }, { "AL", 0x0627 }, { "EN", '1' },
	{ "ES", '+' }, { "ET", '$' }, { "AN", 0x0660 }, { "CS", ',' },
	{ "NSM", 0x0300 }, { "BN", 0x00ad }, { "B", 0x2029 }, { "S", '\t' },
	{ "WS", ' ' }, { "ON", '!' }, { "LRE", 0x202a }, { "LRO", 0x202d },
	{ "RLE", 0x202b }, { "RLO", 0x202e }, { "PDF", 0x202c },
	{ "LRI", 0x2066 }, { "RLI", 0x2067 }, { "FSI", 0x2068 },
	{ "PDI", 0x2069 },
};

static void
classes(void)
{
	FILE	*fp;
	char	 line[4096], *tok, *save, *semi;
	int	 levels[256], reorder[256], nlev = 0, nre = 0, bits, b;
	uint32_t u[256], order[256];
	uint8_t	 lv[256];
	size_t	 n, i, k, j, zero = 0, cases = 0, bad = 0;

	if ((fp = fopen(UCD_BIDI_CLASSES, "r")) == NULL) {
		tap_ok(0, "%s: cannot open (Debian: unicode-data)",
		    UCD_BIDI_CLASSES);
		return;
	}
	while (fgets(line, sizeof line, fp) != NULL) {
		if (strncmp(line, "@Levels:", 8) == 0) {
			for (nlev = 0, tok = strtok_r(line + 8, " \t\n", &save);
			    tok && nlev < 256; tok = strtok_r(NULL, " \t\n",
			    &save))
				levels[nlev++] = *tok == 'x' ? -1 : atoi(tok);
			continue;
		}
		if (strncmp(line, "@Reorder:", 9) == 0) {
			for (nre = 0, tok = strtok_r(line + 9, " \t\n", &save);
			    tok && nre < 256; tok = strtok_r(NULL, " \t\n",
			    &save))
				reorder[nre++] = atoi(tok);
			continue;
		}
		if (line[0] == '#' || line[0] == '@' || line[0] == '\n' ||
		    (semi = strchr(line, ';')) == NULL)
			continue;
		*semi = '\0';
		bits = atoi(semi + 1);
		for (n = 0, tok = strtok_r(line, " \t", &save); tok && n < 256;
		    tok = strtok_r(NULL, " \t", &save)) {
			for (k = 0; k < sizeof bidi_classes /
			    sizeof bidi_classes[0]; k++)
				if (strcmp(tok, bidi_classes[k].name) == 0)
					break;
			if (k == sizeof bidi_classes / sizeof bidi_classes[0])
				break;
			u[n++] = bidi_classes[k].cp;
		}
		if (n == 0 || (int)n != nlev)
			continue;
		for (b = 1; b <= 4; b <<= 1) {
			if (!(bits & b))
				continue;
			cases++;
			if (bidi_order(u, n, b == 1 ? BIDI_AUTO : b == 2 ?
			    BIDI_LTR : BIDI_RTL, &zero, 1, lv, order) < 0)
				goto fail;
			for (i = 0; i < n; i++)
				if (levels[i] >= 0 && levels[i] != lv[i])
					goto fail;
			for (i = 0, j = 0; i < n; i++) {
				if (levels[order[i]] < 0)
					continue;
				if ((int)j >= nre || (int)order[i] != reorder[j])
					goto fail;
				j++;
			}
			if ((int)j != nre)
				goto fail;
			continue;
fail:
			if (bad++ < 5)
				tap_diag("BidiTest differs: %s (%d)", line, b);
		}
	}
	fclose(fp);
	tap_ok(cases > 700000 && bad == 0,
	    "BidiTest: %zu of %zu cases (class sequences by paragraph "
	    "direction) differ", bad, cases);
}

/* Paragraphs of my own writing, in the shape of translated documentation
 * and news: right-to-left prose with English names, numbers, brackets,
 * punctuation; one English paragraph with a Hebrew name; marks. */
static const char	*paras[] = {
	"\xd7\x94\xd7\xa4\xd7\xa8\xd7\x95\xd7\x99\xd7\xa7\xd7\x98 "
	"lede \xd7\x94\xd7\x95\xd7\x90 \xd7\xaa\xd7\x95\xd7\x9b\xd7\xa0"
	"\xd7\x94 \xd7\x9c\xd7\xa7\xd7\xa8\xd7\x99\xd7\x90\xd7\xaa "
	"\xd7\x9e\xd7\x90\xd7\x9e\xd7\xa8\xd7\x99\xd7\x9d (articles) "
	"\xd7\x91\xd7\x9e\xd7\xa1\xd7\x95\xd7\xa3, \xd7\x92\xd7\xa8\xd7\xa1"
	"\xd7\x94 2.0 \xd7\x99\xd7\xa6\xd7\x90\xd7\x94 \xd7\x91-16 "
	"\xd7\x91\xd7\xa0\xd7\x95\xd7\x91\xd7\x9e\xd7\x91\xd7\xa8 2017, "
	"\xd7\x95\xd7\x94\xd7\x99\xd7\x90 \xd7\xaa\xd7\x95\xd7\x9e\xd7\x9b"
	"\xd7\xaa \xd7\x91-UTF-8 \xd7\x95\xd7\x91-GNU FriBidi [\xd7\xa8"
	"\xd7\x90\xd7\x95 \xd7\x92\xd7\x9d \xd7\x90\xd7\xaa less].\n",
	"\xd8\xa3\xd8\xb9\xd9\x84\xd9\x86\xd8\xaa \xd9\x88\xd8\xb2\xd8\xa7"
	"\xd8\xb1\xd8\xa9 \xd8\xa7\xd9\x84\xd8\xae\xd8\xa7\xd8\xb1\xd8\xac"
	"\xd9\x8a\xd8\xa9 \xd8\xa7\xd9\x84\xd8\xb5\xd9\x8a\xd9\x86\xd9\x8a"
	"\xd8\xa9 (Xi Jinping) \xd8\xa3\xd9\x86 \xd8\xa7\xd9\x84\xd9\x85"
	"\xd8\xa8\xd8\xb9\xd9\x88\xd8\xab \xd8\xb3\xd9\x8a\xd8\xb2\xd9\x88"
	"\xd8\xb1 \xd8\xa8\xd9\x8a\xd9\x88\xd9\x86\xd8\xba \xd9\x8a\xd8\xa7"
	"\xd9\x86\xd8\xba \xd9\x8a\xd9\x88\xd9\x85 \xd9\xa1\xd9\xa7 "
	"\xd9\x86\xd9\x88\xd9\x81\xd9\x85\xd8\xa8\xd8\xb1\xd8\x8c \xd9\x88"
	"\xd9\x82\xd8\xa7\xd9\x84 \xd8\xa7\xd9\x84\xd9\x85\xd8\xaa\xd8\xad"
	"\xd8\xaf\xd8\xab: \xc2\xab\xd8\xa7\xd9\x84\xd8\xb2\xd9\x8a\xd8\xa7"
	"\xd8\xb1\xd8\xa9 \xd8\xaa\xd9\x87\xd8\xaf\xd9\x81 \xd8\xa5\xd9\x84"
	"\xd9\x89 \xd8\xa7\xd9\x84\xd8\xad\xd9\x88\xd8\xa7\xd8\xb1\xc2\xbb "
	"\xd9\x88\xd9\x86\xd8\xb3\xd8\xa8\xd8\xa9 25% \xd9\x85\xd9\x86 "
	"\xd8\xa7\xd9\x84\xd8\xb7\xd8\xb1\xd9\x8a\xd9\x82.\n",
	"\xd9\x85\xd9\x86 \xd8\xa8\xd8\xa7 \xd9\x86\xd8\xb3\xd8\xae\xd9\x87 "
	"\xdb\xb3.\xdb\xb1 \xd8\xa7\xd8\xb2 Debian \xda\xa9\xd8\xa7\xd8\xb1 "
	"\xd9\x85\xdb\x8c\xe2\x80\x8c\xda\xa9\xd9\x86\xd9\x85 \xd9\x88 "
	"\xd8\xa8\xd8\xb1\xd9\x86\xd8\xa7\xd9\x85\xd9\x87\xd9\x94 "
	"\xc2\xabman\xc2\xbb \xd8\xb1\xd8\xa7 \xd8\xa8\xd8\xa7 lede "
	"\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae\xd9\x88\xd8\xa7\xd9\x86\xd9"
	"\x85\xd8\x9b \xd8\xb3\xd8\xa7\xd8\xb9\xd8\xaa \xdb\xb1\xdb\xb4:\xdb"
	"\xb3\xdb\xb0 \xd8\xa8\xd9\x88\xd8\xaf (\xd8\xaa\xd9\x87\xd8\xb1"
	"\xd8\xa7\xd9\x86).\n",
	"The minister, \xd7\x93\xd7\x95\xd7\x93 \xd7\x9c\xd7\x95\xd7\x99 "
	"(David Levi), said on 3 May that the plan [\xd7\xaa\xd7\x95\xd7\x9b"
	"\xd7\xa0\xd7\x99\xd7\xaa \xd7\x94\xd7\x91\xd7\x99\xd7\xaa] would "
	"cost 1,200 shekels a year.\n",
};

/* FriBidi's display order of the code points [a, z) of a paragraph
 * (line of a paragraph whose levels are lv, types t), mirrored, its
 * trailing blanks dropped: UTF-8 in out. */
static void
expect_row(const uint32_t *u, size_t n, const FriBidiCharType *t,
    const FriBidiLevel *lv0, FriBidiParType base, size_t a, size_t z,
    char *out, size_t size)
{
	FriBidiLevel	*lv = malloc(n);
	FriBidiStrIndex	*map = malloc(n * sizeof *map);
	FriBidiChar	 m;
	char		*gb, *done;
	size_t		 i, o = 0;
	int		 k;

	memcpy(lv, lv0, n);
	for (i = 0; i < n; i++)
		map[i] = (FriBidiStrIndex)i;
	if (!fribidi_reorder_line(FRIBIDI_FLAG_REORDER_NSM, t,
	    (FriBidiStrIndex)(z - a), (FriBidiStrIndex)a, base, lv, NULL, map))
		abort();
	/* Grapheme clusters stay whole, their code points in logical
	 * order (FriBidi's order is of code points: it would turn an emoji
	 * ZWJ sequence around), at the place of the first of them. */
	gb = malloc(n + 1);
	done = calloc(n + 1, 1);
	u32_grapheme_breaks(u, n, gb);
	for (i = a; i < z; i++) {
		size_t	s0 = (size_t)map[i], e0, j;

		while (s0 > 0 && !gb[s0])
			s0--;
		if (done[s0])
			continue;
		done[s0] = 1;
		for (e0 = s0 + 1; e0 < n && !gb[e0]; e0++)
			;
		for (j = s0; j < e0; j++) {
			uint32_t	c = u[j];

			if (j < a || j >= z)
				continue;
			/* A joiner ending a right-to-left cluster goes
			 * between the letters it joins or parts: after the
			 * next cluster of the row at its level. */
			if (j == e0 - 1 && j > s0 && (lv[s0] & 1) &&
			    (c == 0x200c || c == 0x200d) && e0 < z &&
			    lv[e0] == lv[s0])
				continue;
			if ((lv[j] & 1) && fribidi_get_mirror_char(c, &m))
				c = m;
			if ((k = u8_uctomb((uint8_t *)out + o, c,
			    (int)(size - o - 1))) > 0)
				o += (size_t)k;
		}
		if (s0 > a && s0 >= 2 && (lv[s0] & 1) &&
		    (u[s0 - 1] == 0x200c || u[s0 - 1] == 0x200d) &&
		    !gb[s0 - 1]) {
			/* the previous cluster's joiner, taken here */
			size_t	p0 = s0 - 1;

			while (p0 > 0 && !gb[p0])
				p0--;
			if (p0 >= a && lv[p0] == lv[s0] &&
			    (k = u8_uctomb((uint8_t *)out + o, u[s0 - 1],
			    (int)(size - o - 1))) > 0)
				o += (size_t)k;
		}
	}
	out[o] = '\0';
	free(gb);
	free(done);
	/* A kept line break (code, lines kept) is not drawn. */
	{
		char	*r, *wp;

		for (r = wp = out; *r != '\0'; r++)
			if (*r != '\n')
				*wp++ = *r;
		*wp = '\0';
		o = (size_t)(wp - out);
	}
	/* Trailing blanks are not drawn: at the paragraph's end of the
	 * row, left or right. */
	while (o > 0 && out[o - 1] == ' ')
		out[--o] = '\0';
	if (out[0] == ' ')
		memmove(out, out + strspn(out, " "), strlen(out) + 1);
	free(lv);
	free(map);
}

/* Drop the characters of bidi class BN (zero-width joiners) from s. */
static void
drop_bn(char *s)
{
	uint8_t	*p = (uint8_t *)s, *o = p;
	ucs4_t	 uc;
	int	 k;

	while (*p && (k = u8_mbtouc(&uc, p, strlen((char *)p))) > 0) {
		if (fribidi_get_bidi_type(uc) != FRIBIDI_TYPE_BN) {
			memmove(o, p, (size_t)k);
			o += k;
		}
		p += k;
	}
	*o = '\0';
}

/* Rows checked, rows that differ, right-to-left rows not flush right. */
struct tally {
	size_t	rows, bad, ragged, rtlrows;
	size_t	badcode;	/* of bad: rows of code */
};

/* Check every row of block b of doc at width w; *rtl set if it reads
 * right to left. */
static void
check_block(const struct doc *doc, const struct block *b, int w,
    struct tally *ta, int *rtl)
{
	struct layout	*lay;
	FriBidiCharType	*t;
	FriBidiBracketType *bt;
	FriBidiLevel	*lv;
	FriBidiParType	 base = FRIBIDI_PAR_ON;
	uint32_t	*u;
	size_t		 n, r, a, z, len, nb, *cpat, pa, pb, bar;
	char		*buf = NULL, want[4096], *got;
	int		 cols;

	lay = layout_create(doc, b, w);
	*rtl = lay->rtl;
	/* Each paragraph's direction as lede resolved it (by its first
	 * strong letter, or as the input said: dir=rtl): ROW_RTL. */
	/* The paragraph's code points, and where each byte of its display
	 * text falls among them. */
	nb = lay->ntext;
	u = malloc((nb + 1) * sizeof *u);
	cpat = malloc((nb + 1) * sizeof *cpat);
	for (a = 0, n = 0; a < nb; n++) {
		ucs4_t	uc;
		int	k = u8_mbtouc(&uc, (const uint8_t *)lay->text + a,
			    nb - a);

		for (z = 0; z < (size_t)k; z++)
			cpat[a + z] = n;
		u[n] = uc;
		a += (size_t)k;
	}
	cpat[nb] = n;
	t = malloc(n * sizeof *t);
	bt = malloc(n * sizeof *bt);
	lv = malloc(n);
	for (r = 0; r < lay->nrows; r++) {
		const struct row	*ro = &lay->rows[r];
		size_t			 next = lay->ncells;

		if (ro->flags & ROW_GAP)
			continue;
		/* The line runs to the next row that starts further on
		 * (an empty kept line's row starts nowhere). */
		for (z = r + 1; z < lay->nrows; z++)
			if (!(lay->rows[z].flags & ROW_GAP) &&
			    lay->rows[z].first > ro->first) {
				next = lay->rows[z].first;
				break;
			}
		a = cpat[lay->cells[ro->first].text];
		z = next < lay->ncells ? cpat[lay->cells[next].text] : n;
		/* Its paragraph: a line break ends one (rule P1), and is
		 * its last character. */
		for (pa = a; pa > 0 && u[pa - 1] != '\n'; pa--)
			;
		for (pb = a; pb < n && u[pb] != '\n'; pb++)
			;
		if (pb < n)
			pb++;
		base = lay->levels == NULL ? FRIBIDI_PAR_ON :
		    (ro->flags & ROW_RTL) ? FRIBIDI_PAR_RTL : FRIBIDI_PAR_LTR;
		fribidi_get_bidi_types(u + pa, (FriBidiStrIndex)(pb - pa), t);
		fribidi_get_bracket_types(u + pa, (FriBidiStrIndex)(pb - pa), t,
		    bt);
		if (!fribidi_get_par_embedding_levels_ex(t, bt,
		    (FriBidiStrIndex)(pb - pa), &base, lv))
			abort();
		if (z > pb)
			z = pb;
		expect_row(u + pa, pb - pa, t, lv, base, a - pa, z - pa, want,
		    sizeof want);
		dump_row(lay, r, 0, &buf, &len);
		got = buf + strspn(buf, " ");
		cols = 0;
		{
			const uint8_t	*p = (const uint8_t *)buf;
			ucs4_t		 uc;
			int		 k;

			while ((k = u8_mbtouc(&uc, p, strlen((const char *)p)))
			    > 0 && *p) {
				cols += width_cp(uc);
				p += k;
			}
		}
		/* Blanks at the end are not seen either (a code line's
		 * indent, right to left, is on its right); nor a block
		 * quote's bars, not text (left, or right to left right). */
		for (bar = 0; bar <= ro->bars; bar++) {
			while (*got != '\0' && got[strlen(got) - 1] == ' ')
				got[strlen(got) - 1] = '\0';
			got += strspn(got, " ");
			if (bar == ro->bars)
				break;
			if (strncmp(got, QUOTE_BAR, strlen(QUOTE_BAR)) == 0)
				got += strlen(QUOTE_BAR);
			else if (strlen(got) >= strlen(QUOTE_BAR) &&
			    strcmp(got + strlen(got) - strlen(QUOTE_BAR),
			    QUOTE_BAR) == 0)
				got[strlen(got) - strlen(QUOTE_BAR)] = '\0';
		}
		ta->rows++;
		ta->rtlrows += lay->rtl && bidi_row_rtl(lay, ro);
		if (strlen(got) != strlen(want) && ta->bad++ < 5)
			tap_diag("width %d row %zu: %zu bytes, not %zu", w, r,
			    strlen(got), strlen(want));
		drop_bn(got);
		drop_bn(want);
		if (strcmp(got, want) != 0 && ro->count > 0 &&
		    (lay->cells[ro->first].flags & CELL_VERBATIM))
			ta->badcode++;
		if (strcmp(got, want) != 0 && getenv("T_BIDI_DEBUG") != NULL) {
			size_t	q;

			fprintf(stderr, "line [%zu,%zu) of %zu, row %zu cells "
			    "%u+%u flags %x:", a, z, n, r, ro->first,
			    ro->count, ro->flags);
			for (q = a; q < z; q++)
				fprintf(stderr, " %04X", (unsigned)u[q]);
			fprintf(stderr, "\nlede:");
			for (q = ro->first; q < next && lay->levels; q++)
				fprintf(stderr, " %d", lay->levels[q]);
			fprintf(stderr, "\n");
		}
		if (strcmp(got, want) != 0 && ta->bad++ < 5)
			tap_diag("width %d row %zu:\n#  got  \"%s\"\n#  want "
			    "\"%s\"", w, r, got, want);
		/* Flush right: at the width, or a hang (mirrored) short
		 * of it. */
		if (bidi_row_rtl(lay, ro) && ro->count > 0 &&
		    ro->bars == 0 && ro->indent + ro->width <= w &&
		    cols != w - ro->indent && ta->ragged++ < 5)
			tap_diag("width %d row %zu: %d columns, not flush",
			    w, r, cols);
	}
	free(buf);
	free(u);
	free(cpat);
	free(t);
	free(bt);
	free(lv);
	layout_destroy(lay);
}

static void
rows_check(void)
{
	struct doc	doc;
	struct block	b;
	struct tally	ta;
	size_t		p;
	int		w, rtl;

	for (p = 0; p < sizeof paras / sizeof paras[0]; p++) {
		memset(&ta, 0, sizeof ta);
		rtl = 0;
		doc_open_memory(&doc, "t", paras[p], strlen(paras[p]));
		if (!block_first(&doc, &b))
			abort();
		for (w = 10; w <= 60; w++)
			check_block(&doc, &b, w, &ta, &rtl);
		doc_free(&doc);
		tap_ok(ta.bad == 0, "paragraph %zu: %zu of %zu rows (widths "
		    "10-60) differ from FriBidi's display order", p, ta.bad,
		    ta.rows);
		tap_ok(rtl == (p < 3), "paragraph %zu reads %s", p,
		    p < 3 ? "right to left" : "left to right");
		if (rtl)
			tap_ok(ta.ragged == 0, "paragraph %zu: %zu of %zu rows "
			    "not flush right", p, ta.ragged, ta.rows);
	}
}

/*
 * Every block of a file (tests/golden/rtl.txt, the golden dumps' input;
 * or those named in T_BIDI_FILES, real documents, for the figures) at
 * widths 20 to 80, read as its name says (-T's detection).
 */
static void
file_check(const char *path, int must)
{
	struct source	 src;
	struct doc	 doc;
	struct block	 b;
	struct tally	 ta;
	char		*text, *cause = NULL;
	size_t		 len, blocks = 0, rtlblocks = 0;
	int		 w, rtl, more;

	if ((text = tap_slurp(path, &len)) == NULL) {
		tap_ok(0, "%s: cannot read", path);
		return;
	}
	source_open_memory(&src, path, text, len);
	if (doc_open(&doc, &src, NULL, &cause) == -1) {
		tap_ok(0, "%s: %s", path, cause);
		free(cause);
		free(text);
		return;
	}
	memset(&ta, 0, sizeof ta);
	for (more = block_first(&doc, &b); more;
	    more = block_next(&doc, &b, &b)) {
		rtl = 0;
		for (w = 20; w <= 80; w += must ? 1 : 20)
			check_block(&doc, &b, w, &ta, &rtl);
		blocks++;
		rtlblocks += rtl;
	}
	tap_ok(ta.bad == 0 && ta.ragged == 0 && (!must || ta.rtlrows > 100),
	    "%s: %zu blocks (%zu right to left), %zu rows (%zu right to "
	    "left) at widths 20-80: %zu differ from FriBidi's display "
	    "order (%zu of them code), %zu not flush right", path, blocks,
	    rtlblocks, ta.rows, ta.rtlrows, ta.bad, ta.badcode, ta.ragged);
	doc_free(&doc);
	source_free(&src);
	free(text);
}

/* Lay out s at width w (its language lang): "plain" if it was left in
 * logical order, else "rtl" or "ltr", its paragraph direction. */
static const char *
kind_of(const char *s, const char *lang, int w)
{
	struct doc	 doc;
	struct block	 b;
	struct layout	*lay;
	const char	*k;

	doc_open_memory(&doc, "t", s, strlen(s));
	if (lang != NULL)
		doc.lang = xstrdup(lang);
	if (!block_first(&doc, &b))
		abort();
	lay = layout_create(&doc, &b, w);
	k = lay->levels == NULL && lay->order == NULL ? "plain" :
	    lay->rtl ? "rtl" : "ltr";
	layout_destroy(lay);
	doc_free(&doc);
	return k;
}

/* The same for the paragraph of a web page that starts with prefix. */
static const char *
kind_of_doc(const char *fmt, const char *html, const char *prefix)
{
	struct source	 src;
	struct doc	 doc;
	struct block	 b;
	struct layout	*lay;
	const char	*k = "none";
	char		*cause = NULL;
	int		 more;

	source_open_memory(&src, "t", html, strlen(html));
	if (doc_open(&doc, &src, fmt, &cause) == -1)
		abort();
	for (more = block_first(&doc, &b); more;
	    more = block_next(&doc, &b, &b)) {
		lay = layout_create(&doc, &b, 30);
		if (lay->ncells > 0 && lay->ntext >= strlen(prefix) &&
		    memcmp(lay->text, prefix, strlen(prefix)) == 0)
			k = lay->levels == NULL ? "plain" : lay->rtl ? "rtl" :
			    "ltr";
		layout_destroy(lay);
	}
	doc_free(&doc);
	source_free(&src);
	return k;
}

static const char *
kind_of_page_at(const char *html, const char *prefix)
{
	return kind_of_doc("html", html, prefix);
}

static const char *
kind_of_page(const char *html)
{
	return kind_of_page_at(html, "1");
}

/* An LTR paragraph without any right-to-left text costs nothing: no
 * levels, no order. A line of the interface comes back reordered. */
static void
plain_check(void)
{
	const char	*he = "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d (1)";
	char		*v;

	tap_is_str(kind_of("Plain English text, (brackets) and 12.", NULL,
	    20), "plain", "left-to-right text: no levels, no order");
	tap_is_str(kind_of("12 (34) 56.", "he", 20), "rtl",
	    "a paragraph of neutrals in a Hebrew document: right to left");
	tap_is_str(kind_of("Mostly English.", "ar", 20), "ltr",
	    "an English paragraph in an Arabic document: left to right");
	tap_is_str(kind_of_page("<!doctype html><html dir=rtl><body><p>12 "
	    "(34) 56.</p></body></html>"), "rtl",
	    "<html dir=rtl>: a paragraph of neutrals right to left");
	tap_is_str(kind_of_page("<!doctype html><html><body dir=\"RTL\"><p>"
	    "12 (34) 56.</p></body></html>"), "rtl",
	    "<body dir=RTL>: the same");
	tap_is_str(kind_of_page("<!doctype html><html><body><p>12 (34) 56."
	    "</p></body></html>"), "plain",
	    "no dir: left as it is");
	/* dir on an element sets its paragraphs' direction, whatever the
	 * first letter (a Persian sentence that starts with an English
	 * word), in reader mode too (the article's ancestor says it). */
	tap_is_str(kind_of_page_at("<!doctype html><html><body><div dir=rtl>"
	    "<p>Docker \xdb\x8c\xda\xa9 \xd8\xa7\xd8\xa8\xd8\xb2\xd8\xa7"
	    "\xd8\xb1 \xd8\xa7\xd8\xb3\xd8\xaa.</p></div></body></html>",
	    "Docker"), "rtl", "<div dir=rtl>: a paragraph that starts with an "
	    "English word, right to left");
	tap_is_str(kind_of_page_at("<!doctype html><html dir=rtl><body><p "
	    "dir=ltr>\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d world</p></body>"
	    "</html>", "\xd7\xa9"), "ltr", "<p dir=ltr> in a right-to-left "
	    "page: left to right");
	tap_is_str(kind_of_page_at("<!doctype html><html><body><p dir=auto>"
	    "Linux \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d</p></body></html>",
	    "Linux"), "ltr", "dir=auto: the first strong letter's");
	/* Markdown: a README that wraps its text in <div dir="rtl">. */
	{
		const char	*md = "<div dir=\"rtl\">\n\nDocker \xdb\x8c"
				    "\xda\xa9 \xd8\xa7\xd8\xa8\xd8\xb2\xd8\xa7"
				    "\xd8\xb1.\n\n- Linux \xd8\xa7\xd8\xb3\xd8"
				    "\xaa.\n\n</div>\n\nEnglish after "
				    "\xd8\xa7\xd8\xb3\xd8\xaa.\n";

		tap_is_str(kind_of_doc("markdown", md, "Docker"), "rtl",
		    "Markdown in <div dir=rtl>: right to left");
		tap_is_str(kind_of_doc("markdown", md, "\xe2\x80\xa2 Linux"),
		    "rtl", "... its list items too");
		tap_is_str(kind_of_doc("markdown", md, "English"), "ltr",
		    "after </div>: by the first letter again");
	}
	v = bidi_visual(he, strlen(he));
	tap_is_str(v, "(1) \xd7\x9d\xd7\x95\xd7\x9c\xd7\xa9",
	    "a line of the interface in display order, brackets mirrored");
	free(v);
	tap_ok(bidi_visual("plain", 5) == NULL,
	    "a line without right-to-left text is left as it is");
	tap_ok(bidi_lang_rtl("he") && bidi_lang_rtl("ar-EG") &&
	    bidi_lang_rtl("fa_IR.UTF-8") && !bidi_lang_rtl("en") &&
	    !bidi_lang_rtl("hr") && !bidi_lang_rtl(NULL),
	    "languages written right to left");
}

/* Lines kept (a poem): each line a paragraph of its own (rule P1), with
 * its own direction. */
static void
lines_check(void)
{
	const char	*poem = "\xd7\xa9\xd7\x95\xd7\xa8\xd7\x94 "
			    "\xd7\xa8\xd7\x90\xd7\xa9\xd7\x95\xd7\xa0\xd7\x94\n"
			    "A second line, in English\n"
			    "\xd7\x95\xd7\xa9\xd7\x95\xd7\xa8\xd7\x94 (3)\n";
	struct doc	 doc;
	struct block	 b;
	struct layout	*lay;
	size_t		 r, rtl[3], k = 0;

	doc_open_memory(&doc, "t", poem, strlen(poem));
	block_first(&doc, &b);
	lay = layout_create(&doc, &b, 40);
	for (r = lay->gap; r < lay->nrows && k < 3; r++)
		rtl[k++] = bidi_row_rtl(lay, &lay->rows[r]);
	tap_ok(lay->type == BLOCK_LINES && k == 3 && rtl[0] && !rtl[1] &&
	    rtl[2], "lines kept: each line its own direction (%zu rows: "
	    "%zu %zu %zu)", k, rtl[0], k > 1 ? rtl[1] : 9, k > 2 ? rtl[2] : 9);
	layout_destroy(lay);
	doc_free(&doc);
}

/* --arabic-shaping: letters in their joined forms, a zero-width
 * non-joiner keeping its word's parts apart; off, the text as it is. */
static void
shaping_check(void)
{
	/* "می‌کنم." (Persian: I do), with a ZWNJ after its ye. */
	const char	*fa = "\xd9\x85\xdb\x8c\xe2\x80\x8c\xda\xa9\xd9\x86"
			    "\xd9\x85.\n";
	struct doc	 doc;
	struct block	 b;
	struct layout	*lay;
	char		*buf = NULL;
	size_t		 len;

	doc_open_memory(&doc, "t", fa, strlen(fa));
	block_first(&doc, &b);
	lay = layout_create(&doc, &b, 20);
	dump_row(lay, lay->gap, 0, &buf, &len);
	/* The ZWNJ between kaf and ye, as in the text (not after the ye,
	 * whose mark it is in the cluster). */
	tap_is_str(buf + strspn(buf, " "), "." "\xd9\x85\xd9\x86\xda\xa9"
	    "\xe2\x80\x8c\xdb\x8c\xd9\x85", "no shaping: the letters as "
	    "they are, in display order, the ZWNJ between the two it parts");
	layout_destroy(lay);
	bidi_shaping = 1;
	lay = layout_create(&doc, &b, 20);
	dump_row(lay, lay->gap, 0, &buf, &len);
	/* final mim, medial nun, initial kaf, ZWNJ | final ye, initial
	 * mim */
	tap_is_str(buf + strspn(buf, " "), "." "\xef\xbb\xa2\xef\xbb\xa8"
	    "\xef\xae\x90\xe2\x80\x8c" "\xef\xaf\xbd" "\xef\xbb\xa3",
	    "--arabic-shaping: joined forms, the ZWNJ parting the word");
	{
		const uint8_t	*q = (const uint8_t *)buf + strspn(buf, " ");
		ucs4_t		 uc;
		int		 k, cols = 0;

		while (*q && (k = u8_mbtouc(&uc, q, strlen((const char *)q)))
		    > 0) {
			cols += width_cp(uc);
			q += k;
		}
		tap_ok(cols == 6 && lay->rows[lay->gap].width == 6,
		    "... in the same 6 columns (%d, row %d)", cols,
		    lay->rows[lay->gap].width);
	}
	layout_destroy(lay);
	bidi_shaping = 0;
	free(buf);
	doc_free(&doc);
}

/*
 * bidi_lead_rtl() looks at a code point's bytes: it must say "maybe" for
 * every code point FriBidi gives a right-to-left type or AN, and should
 * say no to the scripts it is there to skip.
 */
static int
maybe_any(const char *s)
{
	size_t	i, n = strlen(s);

	for (i = 0; i < n; i++)
		if (bidi_lead_rtl((const uint8_t *)s, i, n))
			return 1;
	return 0;
}

static void
maybe_check(void)
{
	uint8_t		u[8];
	uint32_t	c;
	long		missed = 0, skipped = 0, passed = 0;
	FriBidiCharType	t;
	int		m, rtl;

	for (c = 0x80; c <= 0x10ffff; c++) {
		if (c >= 0xd800 && c < 0xe000)
			continue;
		t = fribidi_get_bidi_type(c);
		rtl = FRIBIDI_IS_RTL(t) || t == FRIBIDI_TYPE_AN;
		memset(u, 'x', sizeof u);
		m = u8_uctomb(u, c, 4);
		/* Its bytes alone, and with more after them. */
		if (rtl) {
			/* cells.c asks first of the lead byte (cells_rtl). */
			if ((!bidi_lead_rtl(u, 0, (size_t)m) ||
			    !bidi_lead_rtl(u, 0, sizeof u) ||
			    !cells_rtl(u, 0, (size_t)m) ||
			    !cells_rtl(u, 0, sizeof u)) && missed++ < 5)
				tap_diag("U+%04X is right to left: not seen",
				    (unsigned)c);
		} else if (bidi_lead_rtl(u, 0, sizeof u))
			passed++;
		else
			skipped++;
	}
	tap_is_int(missed, 0, "bidi_lead_rtl: every right-to-left code "
	    "point seen (%ld others passed over, %ld looked at)", skipped,
	    passed);
	tap_ok(!maybe_any("a \xe2\x80\x9cquote\xe2\x80\x9d"
	    " \xe4\xb9\xa0\xe8\xbf\x91\xe5\xb9\xb3 caf\xc3\xa9 \xd0\x96 "
	    "\xea\xb0\x80 \xf0\x9f\x98\x80"),
	    "bidi_lead_rtl: Latin, quotes, CJK, Cyrillic, Hangul, emoji "
	    "passed over");
	tap_ok(maybe_any("abc \xd7\x90"), "bidi_lead_rtl: Hebrew seen");
	tap_ok(maybe_any("abc \xe2\x80\x8f"), "bidi_lead_rtl: RLM seen");
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const char	*dir = getenv("srcdir"), *files;
	char		 path[4096], *list, *f, *save;

	conformance();
	maybe_check();
	classes();
	rows_check();
	snprintf(path, sizeof path, "%s/tests/golden/rtl.txt",
	    dir != NULL ? dir : ".");
	file_check(path, 1);
	if ((files = getenv("T_BIDI_FILES")) != NULL) {
		list = xstrdup(files);
		for (f = strtok_r(list, " ", &save); f != NULL;
		    f = strtok_r(NULL, " ", &save))
			file_check(f, 0);
		free(list);
	}
	plain_check();
	lines_check();
	shaping_check();
	return tap_done();
}
