/*
 * t-keys.c: the manual's KEYS list and the key table name the same keys,
 * in the same order, with the same words; and no key is bound twice.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"
#include "ui.h"
#include "tap.h"

/* Turn ".It Ic j , Down , Enter" into "j, Down, Enter". */
static void
unroff(const char *in, char *out, size_t size)
{
	size_t	n = 0;

	while (*in != '\0' && n + 1 < size) {
		if (strncmp(in, " ,", 2) == 0) {
			out[n++] = ',';
			in += 2;
		} else if (strncmp(in, "\\(dq", 4) == 0) {
			out[n++] = '"';
			in += 4;
		} else if (strncmp(in, "\\-", 2) == 0) {
			out[n++] = '-';
			in += 2;
		} else if (strncmp(in, "\\&", 2) == 0)
			in += 2;
		else
			out[n++] = *in++;
	}
	out[n] = '\0';
}

int
main(void)
{
	const struct key_binding	*kb, *kb2;
	char				 path[4096], *man, *p, *line, *end;
	char				 names[64][64], helps[64][128];
	const char			*dir = getenv("srcdir");
	size_t				 n = 0, i, k, k2;
	int				 dup = 0;

	snprintf(path, sizeof path, "%s/man/lede.1", dir ? dir : ".");
	if ((man = tap_slurp(path, NULL)) == NULL) {
		printf("Bail out! cannot read %s\n", path);
		return 1;
	}
	p = strstr(man, "\n.Sh KEYS\n");
	tap_ok(p != NULL, "lede.1 has a KEYS section");
	if (p == NULL)
		return tap_done();
	end = strstr(p, "\n.El\n");
	for (line = p; line != NULL && line < end && n < 64;
	    line = strchr(line + 1, '\n')) {
		char	*eol, *help;

		if (strncmp(line, "\n.It Ic ", 8) != 0)
			continue;
		eol = strchr(line + 1, '\n');
		*eol = '\0';
		unroff(line + 8, names[n], sizeof names[n]);
		*eol = '\n';
		help = eol + 1;
		eol = strchr(help, '\n');
		snprintf(helps[n], sizeof helps[n], "%.*s", (int)(eol - help),
		    help);
		n++;
	}
	for (i = 0, kb = key_table; kb->fn != NULL; kb++, i++) {
		char	kn[128];

		key_labels(kb, kn, sizeof kn);
		if (i >= n) {
			tap_ok(0, "key table entry '%s' is in lede.1", kn);
			continue;
		}
		tap_is_str(names[i], kn, "KEYS entry %zu names the "
		    "same keys as the table", i + 1);
		tap_is_str(helps[i], kb->help, "KEYS entry %zu (%s) says the "
		    "same as the help screen", i + 1, kn);
	}
	tap_is_int((long)n, (long)i, "as many KEYS entries as bindings");

	/* No key bound twice. */
	for (kb = key_table; kb->fn != NULL; kb++)
		for (k = 0; k < 6 && kb->keys[k] != 0; k++)
			for (kb2 = kb; kb2->fn != NULL; kb2++)
				for (k2 = kb2 == kb ? k + 1 : 0;
				    k2 < 6 && kb2->keys[k2] != 0; k2++)
					if (kb->keys[k] == kb2->keys[k2])
						dup++;
	tap_is_int(dup, 0, "no key is bound twice");
	free(man);
	return tap_done();
}
