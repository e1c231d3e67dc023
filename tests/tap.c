/*
 * tap.c: a tiny TAP producer. Each check prints "ok N - name" or
 * "not ok N - name" with a diagnostic; tap_done() prints the plan when
 * none was given and returns the exit status (1 if anything failed).
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

static int	tap_n, tap_failed, tap_planned;

void
tap_plan(int n)
{
	printf("1..%d\n", n);
	tap_planned = 1;
}

/* Print one TAP result line; fmt is checked at the callers. */
static int __attribute__((format(printf, 2, 0)))
tap_result(int ok, const char *fmt, va_list ap)
{
	tap_n++;
	printf("%sok %d - ", ok ? "" : "not ", tap_n);
	vprintf(fmt, ap);
	putchar('\n');
	if (!ok)
		tap_failed++;
	fflush(stdout);
	return ok;
}

int
tap_ok(int ok, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	tap_result(ok, fmt, ap);
	va_end(ap);
	return ok;
}

int
tap_is_int(long got, long want, const char *fmt, ...)
{
	va_list	ap;
	int	ok = got == want;

	va_start(ap, fmt);
	tap_result(ok, fmt, ap);
	va_end(ap);
	if (!ok)
		printf("#   got: %ld\n#  want: %ld\n", got, want);
	return ok;
}

int
tap_is_str(const char *got, const char *want, const char *fmt, ...)
{
	va_list	ap;
	int	ok = (got == NULL && want == NULL) ||
	    (got != NULL && want != NULL && strcmp(got, want) == 0);

	va_start(ap, fmt);
	tap_result(ok, fmt, ap);
	va_end(ap);
	if (!ok)
		printf("#   got: '%s'\n#  want: '%s'\n", got ? got : "(null)",
		    want ? want : "(null)");
	return ok;
}

void
tap_diag(const char *fmt, ...)
{
	va_list	ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

int
tap_done(void)
{
	if (!tap_planned)
		printf("1..%d\n", tap_n);
	return tap_failed != 0;
}

/* Read a whole file; NULL if it cannot be read. */
char *
tap_slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*buf = NULL;
	size_t	 n = 0, cap = 0, r;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	for (;;) {
		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap + 1);
			if (buf == NULL)
				abort();
		}
		r = fread(buf + n, 1, cap - n, f);
		if (r == 0)
			break;
		n += r;
	}
	fclose(f);
	buf[n] = '\0';
	if (len != NULL)
		*len = n;
	return buf;
}
