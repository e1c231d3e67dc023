/* tap.h: a tiny Test Anything Protocol producer for lede's unit tests. */
#ifndef TAP_H
#define TAP_H

#include <stddef.h>

void	tap_plan(int);
int	tap_ok(int, const char *, ...) __attribute__((format(printf, 2, 3)));
int	tap_is_int(long, long, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
int	tap_is_str(const char *, const char *, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	tap_diag(const char *, ...) __attribute__((format(printf, 1, 2)));
int	tap_done(void);
char	*tap_slurp(const char *, size_t *);

#endif
