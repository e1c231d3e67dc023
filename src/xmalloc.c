/*
 * xmalloc.c: allocators that never return NULL, and fatal errors.
 *
 * Running out of memory is the one error lede does not survive: the
 * allocators print a message and exit. fatal() first runs the cleanup
 * registered by the screen, so the terminal is restored before dying,
 * and its message goes the way of every other (sanitize_warnx).
 */

#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"

static void	(*fatal_cleanup)(void);

/* Register a function that restores the terminal before a fatal exit. */
void
fatal_set_cleanup(void (*fn)(void))
{
	fatal_cleanup = fn;
}

/* The body of fatal() and fatalx(); fmt is checked at their callers. */
static void LEDE_NORETURN LEDE_PRINTF(2, 0)
fatal_va(int with_errno, const char *fmt, va_list ap)
{
	char	msg[1024];
	int	saved = errno;

	if (fatal_cleanup != NULL)
		fatal_cleanup();
	vsnprintf(msg, sizeof msg, fmt, ap);
	if (with_errno)
		sanitize_warnx("%s: %s", msg, strerror(saved));
	else
		sanitize_warnx("%s", msg);
	exit(2);
}

/* Print "lede: message: strerror(errno)" and exit. */
void
fatal(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	fatal_va(1, fmt, ap);
}

/* Print "lede: message" and exit. */
void
fatalx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	fatal_va(0, fmt, ap);
}

void *
xmalloc(size_t size)
{
	void	*p;

	if (size == 0)
		size = 1;
	if ((p = malloc(size)) == NULL)
		fatal("malloc %zu bytes", size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = calloc(n, size)) == NULL)
		fatal("calloc %zu x %zu bytes", n, size);
	return p;
}

/* realloc(3) with overflow checking of n * size. */
void *
xreallocarray(void *old, size_t n, size_t size)
{
	void	*p;

	if (size != 0 && n > SIZE_MAX / size)
		fatalx("allocation of %zu x %zu bytes overflows", n, size);
	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = realloc(old, n * size)) == NULL)
		fatal("realloc %zu x %zu bytes", n, size);
	return p;
}

char *
xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		fatal("strdup");
	return p;
}

int
xasprintf(char **ret, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vasprintf(ret, fmt, ap);
	va_end(ap);
	if (n < 0)
		fatal("vasprintf");
	return n;
}
