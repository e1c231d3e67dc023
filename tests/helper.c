/*
 * helper.c: checks for the shell tests, independent of lede's own code.
 *
 *	helper widest FILE	print the display width of the widest line,
 *				measured with the C library's wcswidth
 *	helper subseq A B	exit 0 if the non-space characters of A
 *				appear in B in the same order
 *	helper words A B W	exit 0 if every narrow word of A (outside
 *				verbatim lines) narrower than W columns
 *				appears whole on one line of B
 */

#include "config.h"
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

static wchar_t *
slurp_wide(const char *path, size_t *n)
{
	FILE	*f;
	wchar_t	*buf = NULL;
	size_t	 len = 0, cap = 0;
	wint_t	 c;

	if ((f = fopen(path, "r")) == NULL) {
		perror(path);
		exit(2);
	}
	while ((c = fgetwc(f)) != WEOF) {
		if (len + 1 >= cap) {
			cap = cap ? cap * 2 : 4096;
			if ((buf = realloc(buf, cap * sizeof *buf)) == NULL)
				abort();
		}
		buf[len++] = (wchar_t)c;
	}
	fclose(f);
	if (buf == NULL && (buf = calloc(1, sizeof *buf)) == NULL)
		abort();
	buf[len] = L'\0';
	*n = len;
	return buf;
}

static int
widest(const char *path)
{
	wchar_t	*s, *line;
	size_t	 n, i, start = 0;
	int	 w, max = 0, lineno = 0, maxline = 0;

	s = slurp_wide(path, &n);
	for (i = 0; i <= n; i++) {
		if (i < n && s[i] != L'\n')
			continue;
		line = s + start;
		s[i] = L'\0';
		lineno++;
		w = wcswidth(line, (size_t)(i - start));
		if (w < 0) {
			fprintf(stderr, "line %d: unprintable character\n",
			    lineno);
			free(s);
			return 1;
		}
		if (w > max) {
			max = w;
			maxline = lineno;
		}
		start = i + 1;
	}
	printf("%d %d\n", max, maxline);
	free(s);
	return 0;
}

static int
subseq(const char *a, const char *b)
{
	wchar_t	*x, *y;
	size_t	 nx, ny, i, j = 0;

	x = slurp_wide(a, &nx);
	y = slurp_wide(b, &ny);
	for (i = 0; i < nx; i++) {
		if (iswspace((wint_t)x[i]))
			continue;
		while (j < ny && y[j] != x[i])
			j++;
		if (j == ny) {
			fprintf(stderr, "character %zu (U+%04X) of %s missing "
			    "or out of order in %s\n", i, (unsigned)x[i], a, b);
			free(x);
			free(y);
			return 1;
		}
		j++;
	}
	free(x);
	free(y);
	return 0;
}

/*
 * Is c part of a narrow word: a letter one column wide (Latin, Greek,
 * Cyrillic), a zero-width mark, a digit or punctuation that UAX #14 never
 * breaks after or before inside a word? Dashes, hyphens and slashes are
 * not: a row may end after them.
 */
static int
word_char(wchar_t c, int *letter)
{
	if (iswalpha((wint_t)c) && wcwidth(c) == 1) {
		*letter = 1;
		return 1;
	}
	if (c != L' ' && wcwidth(c) == 0)
		return 1;
	if (c >= L'0' && c <= L'9')
		return 1;
	return wcschr(L".,;:!?'\"()\x2018\x2019\x201c\x201d\xab\xbb\xbf\xa1",
	    c) != NULL;
}

/*
 * Every space-separated word of a that is made only of narrow word
 * characters (see word_char), has a letter and is narrower than w columns
 * must appear whole on one line of b: rows may only split a word that
 * does not fit. Lines of a that are verbatim for lede (a tab or an indent
 * of four spaces) are skipped: they are cut at the margin by design.
 */
static int
words(const char *a, const char *b, int w)
{
	wchar_t	*x, *y, *line, *word, *end, *p, *q;
	size_t	 nx, ny, i, start = 0;
	int	 letter, bad = 0, ok;

	x = slurp_wide(a, &nx);
	y = slurp_wide(b, &ny);
	for (i = 0; i <= ny; i++)
		if (y[i] == L'\n')
			y[i] = L'\0';
	for (i = 0; i <= nx; i++) {
		if (i < nx && x[i] != L'\n')
			continue;
		x[i] = L'\0';
		line = x + start;
		start = i + 1;
		if (wcschr(line, L'\t') != NULL || wcsncmp(line, L"    ", 4) == 0)
			continue;
		for (word = line; *word != L'\0'; word = end) {
			while (*word == L' ')
				word++;
			for (end = word; *end != L'\0' && *end != L' '; end++)
				;
			if (end == word)
				break;
			letter = 0;
			for (p = word; p < end && word_char(*p, &letter); p++)
				;
			if (p < end || !letter || wcswidth(word,
			    (size_t)(end - word)) >= w)
				continue;
			ok = 0;
			for (q = y; q <= y + ny && !ok; q += wcslen(q) + 1) {
				wchar_t	*hit = q;

				while ((hit = wcschr(hit, *word)) != NULL &&
				    !ok) {
					if (wcsncmp(hit, word,
					    (size_t)(end - word)) == 0)
						ok = 1;
					hit++;
				}
			}
			if (!ok) {
				fprintf(stderr, "word \"%.*ls\" of %s is not "
				    "whole on any line of %s\n",
				    (int)(end - word), word, a, b);
				bad = 1;
			}
		}
	}
	free(x);
	free(y);
	return bad;
}

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	if (argc == 3 && strcmp(argv[1], "widest") == 0)
		return widest(argv[2]);
	if (argc == 4 && strcmp(argv[1], "subseq") == 0)
		return subseq(argv[2], argv[3]);
	if (argc == 5 && strcmp(argv[1], "words") == 0)
		return words(argv[2], argv[3], atoi(argv[4]));
	fprintf(stderr, "usage: helper widest FILE | subseq A B | "
	    "words A B W\n");
	return 2;
}
