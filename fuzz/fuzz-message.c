/*
 * fuzz-message.c: libFuzzer harness for what lede says about names and
 * arguments: sanitize_message() (the one path of every message to any
 * stream) and the cause source_open_file() gives for a file that cannot
 * be opened, with the input as the file's name.
 *
 * Any broken promise aborts: a message that is not valid UTF-8, that
 * holds a C0 control, DEL, a C1 control (U+0080 to U+009F), a
 * bidirectional override or isolate (U+202A to U+202E, U+2066 to
 * U+2069), or that overflows its buffer; or a printable name that does
 * not show in its message as itself. tests/t-fuzzcases.c replays found
 * inputs through this same function (as fuzz_message_one).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "lede.h"

int	fuzz_message_one(const uint8_t *, size_t);
#ifndef FUZZ_NO_MAIN
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
#endif

/* Is the message clean: valid UTF-8, nothing a terminal would act on? */
static void
fuzz_clean(const char *msg)
{
	const uint8_t	*p = (const uint8_t *)msg;
	size_t		 n = strlen(msg), i;
	ucs4_t		 uc;
	int		 k;

	if (u8_check(p, n) != NULL)
		abort();
	for (i = 0; i < n; i += (size_t)k) {
		k = u8_mbtouc(&uc, p + i, n - i);
		if (uc < 0x20 || (uc >= 0x7f && uc < 0xa0) ||
		    (uc >= 0x202a && uc <= 0x202e) ||
		    (uc >= 0x2066 && uc <= 0x2069))
			abort();
	}
}

int
fuzz_message_one(const uint8_t *data, size_t size)
{
	struct source	 src;
	char		*name, *cause = NULL, buf[96], big[8192];
	size_t		 n;

	/* The name as a C string: up to its first NUL, as argv gives it. */
	name = xmalloc(size + 2);
	memcpy(name, data, size);
	name[size] = '\0';
	if (name[0] == '\0')
		strcpy(name, "-");

	/* A small buffer: cut at a unit, never past its end. */
	memset(buf, 'X', sizeof buf);
	n = sanitize_message(buf, sizeof buf - 8, name);
	if (buf[sizeof buf - 8] != 'X' && buf[sizeof buf - 9] != '\0')
		abort();
	if (strlen(buf) >= sizeof buf - 8)
		abort();
	fuzz_clean(buf);
	(void)n;

	/* The whole name, and a printable one shows as itself. */
	sanitize_message(big, sizeof big, name);
	fuzz_clean(big);
	if (strlen(name) < 1000 && u8_check((const uint8_t *)name,
	    strlen(name)) == NULL) {
		const uint8_t	*p = (const uint8_t *)name;
		size_t		 i, len = strlen(name);
		ucs4_t		 uc;
		int		 k, plain = 1;

		for (i = 0; i < len && plain; i += (size_t)k) {
			k = u8_mbtouc(&uc, p + i, len - i);
			plain = sanitize_printable(uc) && !(uc == 0xfeff &&
			    i == 0);
		}
		if (plain && strcmp(big, name) != 0)
			abort();
	}

	/* The cause of a failed open names the file: clean once said. */
	if (strchr(name, '/') == NULL && source_open_file(&src, name,
	    &cause) == 0)
		source_free(&src);	/* a file of that name exists here */
	else if (cause != NULL) {
		sanitize_message(big, sizeof big, cause);
		fuzz_clean(big);
	}
	free(cause);
	free(name);
	return 0;
}

#ifndef FUZZ_NO_MAIN
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_message_one(data, size);
}
#endif
