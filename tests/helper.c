/*
 * helper.c: checks for the shell tests, independent of lede's own code.
 *
 *	helper widest FILE	print the display width of the widest line,
 *				measured with the C library's wcswidth
 *	helper subseq A B	exit 0 if the non-space characters of A
 *				appear in B in the same order
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

int
main(int argc, char **argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	if (argc == 3 && strcmp(argv[1], "widest") == 0)
		return widest(argv[2]);
	if (argc == 4 && strcmp(argv[1], "subseq") == 0)
		return subseq(argv[2], argv[3]);
	fprintf(stderr, "usage: helper widest FILE | subseq A B\n");
	return 2;
}
