/*
 * t-sanitize.c: every byte becomes a safe display unit; nothing raw.
 */

#include <sys/wait.h>

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lede.h"
#include "tap.h"

/* Render s through sanitize_next as "text" with visible units inline. */
static void
render(const char *s, size_t len, char *out, size_t outlen)
{
	struct unit	u;
	size_t		pos = 0, n = 0;

	out[0] = '\0';
	while (pos < len) {
		sanitize_next((const uint8_t *)s, len, pos, &u);
		switch (u.kind) {
		case UNIT_CHAR:
			n += (size_t)snprintf(out + n, outlen - n, "%.*s",
			    (int)u.len, s + pos);
			break;
		case UNIT_VISIBLE:
			n += (size_t)snprintf(out + n, outlen - n, "%s", u.text);
			break;
		case UNIT_NEWLINE:
			n += (size_t)snprintf(out + n, outlen - n, "|NL%zu|",
			    u.len);
			break;
		case UNIT_TAB:
			n += (size_t)snprintf(out + n, outlen - n, "|TAB|");
			break;
		case UNIT_SKIP:
			n += (size_t)snprintf(out + n, outlen - n, "|SKIP|");
			break;
		}
		pos += u.len;
	}
}

static void
is(const char *s, size_t len, const char *want, const char *what)
{
	char	out[512];

	render(s, len, out, sizeof out);
	tap_is_str(out, want, "%s", what);
}

#define IS(lit, want, what) is(lit, sizeof lit - 1, want, what)

/* sanitize_message(s) into a large buffer is want, and so is its length. */
static void
msg_is(const char *s, const char *want, const char *what)
{
	char	out[512];
	size_t	n;

	n = sanitize_message(out, sizeof out, s);
	tap_ok(strcmp(out, want) == 0 && n == strlen(want),
	    "message: %s (\"%s\", %zu)", what, out, n);
}

/*
 * sanitize_text_run() ends where sanitize_next() first gives something
 * but UNIT_CHAR, on random bytes: ASCII, controls, valid and broken
 * UTF-8, BOMs, bidi controls. Returns the number of runs that differ.
 */
static int
check_text_runs(int *nruns)
{
	static const char *const pieces[] = {
		"a", "Zq ", "\t", "\n", "\x1b", "\x7f", "\xe7\xbf\x92",
		"\xcc\x81", "\xef\xbb\xbf", "\xe2\x80\xae", "\xc2\x85",
		"\xf0\x9f\x98\x80", "\xe4\xb8", "\x80", "\xff", "\xed\xa0\x80",
		"\xe2\x80\xa8", "\xcd\xb8", "\xc3\xa9", "\xe0\x80\xaf",
		"\xc1\xbf", "\xe0\xa4\x95", "\xef\xbf\xbd", "\xf0\x80\x80\xaf",
		"\xe4\xb8\x61",
	};
	uint8_t		 s[256];
	unsigned	 seed = 7;
	size_t		 n, pos, want;
	struct unit	 u;
	int		 iter, bad = 0;

	*nruns = 0;
	for (iter = 0; iter < 5000; iter++) {
		for (n = 0; n < sizeof s - 8; ) {
			const char	*p;

			seed = seed * 1103515245u + 12345u;
			p = pieces[(seed >> 16) % (sizeof pieces /
			    sizeof pieces[0])];
			memcpy(s + n, p, strlen(p));
			n += strlen(p);
			if ((seed >> 8) % 40 == 0)
				break;
		}
		for (pos = 0; pos < n; pos++) {
			for (want = pos; want < n; want += u.len) {
				sanitize_next(s, n, want, &u);
				if (u.kind != UNIT_CHAR)
					break;
			}
			(*nruns)++;
			if (sanitize_text_run(s, n, pos) != want && bad++ < 5)
				tap_diag("text run from %zu: %zu, want %zu",
				    pos, sanitize_text_run(s, n, pos), want);
		}
	}
	return bad;
}

/*
 * sanitize_warnx: a message longer than its stack buffers (5000 ESCs,
 * 10000 bytes shown) comes out whole, and nothing raw.
 */
static void
warnx_long(void)
{
	char	 path[] = "/tmp/t-sanitize.XXXXXX", *name, *out;
	size_t	 len, i, bad = 0;
	int	 fd, saved;

	if ((fd = mkstemp(path)) == -1) {
		tap_ok(0, "sanitize_warnx: mkstemp");
		return;
	}
	name = xmalloc(5001);
	memset(name, 0x1b, 5000);
	name[5000] = '\0';
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	dup2(fd, STDERR_FILENO);
	sanitize_warnx("%s: gone", name);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	close(fd);
	out = tap_slurp(path, &len);
	unlink(path);
	for (i = 0; out != NULL && i < len; i++)
		if ((unsigned char)out[i] < 0x20 && out[i] != '\n')
			bad++;
	tap_ok(out != NULL && len == 6 + 10000 + 6 + 1 && bad == 0 &&
	    strncmp(out, "lede: ^[^[", 10) == 0 &&
	    strcmp(out + len - 9, "^[: gone\n") == 0,
	    "sanitize_warnx: a long message whole and visible (%zu bytes)",
	    len);
	free(out);
	free(name);
}

/* fatal(): its message goes the same way, in a child that it ends. */
static void
fatal_visible(void)
{
	char	 path[] = "/tmp/t-sanitize.XXXXXX", *out;
	size_t	 len;
	pid_t	 pid;
	int	 fd, st = -1;

	if ((fd = mkstemp(path)) == -1) {
		tap_ok(0, "fatal: mkstemp");
		return;
	}
	fflush(stderr);
	if ((pid = fork()) == 0) {
		dup2(fd, STDERR_FILENO);
		errno = ENOENT;
		fatal("%s", "x\x1b]2;T\x07\xc2\x9b");
	}
	close(fd);
	if (pid > 0)
		waitpid(pid, &st, 0);
	out = tap_slurp(path, &len);
	unlink(path);
	tap_ok(pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 2 &&
	    out != NULL && strcmp(out, "lede: x^[]2;T^G<U+009B>: "
	    "No such file or directory\n") == 0,
	    "fatal: the message is visible, the exit status 2");
	free(out);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");

	IS("plain", "plain", "ASCII passes");
	IS("\xe7\xbf\x92\xe8\xbf\x91\xe5\xb9\xb3", "\xe7\xbf\x92\xe8\xbf\x91\xe5\xb9\xb3", "CJK passes");
	IS("a\x1b[2Jb", "a^[[2Jb", "ESC shown as ^[ (CSI clear screen is inert)");
	IS("\x1b]0;title\x07", "^[]0;title^G", "OSC title set and BEL shown");
	IS("a\bb", "a^Hb", "backspace shown");
	IS("\x7f", "^?", "DEL shown");
	IS("a\0b", "a^@b", "NUL shown");
	IS("\xc2\x9b" "31m", "<U+009B>31m", "8-bit CSI (C1) shown");
	IS("\xc2\x85", "<U+0085>", "NEL (C1) shown");
	IS("\xff\xfe", "<FF><FE>", "bytes that are never UTF-8");
	IS("\x80x", "<80>x", "stray continuation byte");
	IS("\xc0\x80", "<C0><80>", "overlong NUL");
	IS("\xe0\x80\xaf", "<E0><80><AF>", "overlong 3-byte form");
	IS("\xed\xa0\x80", "<ED><A0><80>", "UTF-16 surrogate");
	IS("\xf4\x90\x80\x80", "<F4><90><80><80>", "above U+10FFFF");
	IS("ab\xe4\xb8", "ab<E4><B8>", "sequence cut short at the end");
	IS("\xef\xbb\xbfhi", "|SKIP|hi", "BOM at the start skipped");
	IS("a\xef\xbb\xbf", "a\xef\xbb\xbf", "BOM inside is a zero-width no-break space");
	IS("\xe2\x80\xae" "evil", "<U+202E>evil", "bidi override shown");
	IS("\xe2\x81\xa6x", "<U+2066>x", "bidi isolate shown");
	IS("\xe2\x80\xa8", "<U+2028>", "line separator (unprintable) shown");
	IS("\xcd\xb8", "<U+0378>", "unassigned code point shown");
	IS("a\r\nb\rc\nd", "a|NL2|b|NL1|c|NL1|d", "CRLF, CR and LF end lines");
	IS("a\tb", "a|TAB|b", "tab");
	IS("e\xcc\x81", "e\xcc\x81", "combining mark passes");

	/* Messages: a name on stderr or the status line. */
	msg_is("plain.txt", "plain.txt", "ASCII passes");
	msg_is("nofile\x1b]2;PWNED\x07\x1b[2J", "nofile^[]2;PWNED^G^[[2J",
	    "OSC title and CSI clear shown");
	msg_is("a\nb\tc\rd", "a^Jb^Ic^Md", "line break, tab and CR shown");
	msg_is("\xc2\x9b" "2J", "<U+009B>2J", "8-bit CSI (C1) shown");
	msg_is("x\xff\xc3", "x<FF><C3>", "invalid UTF-8 as bytes");
	msg_is("\xe2\x80\xae" "txt.exe", "<U+202E>txt.exe",
	    "bidi override shown");
	msg_is("\xe7\xbf\x92 caf\xc3\xa9", "\xe7\xbf\x92 caf\xc3\xa9",
	    "CJK and accents pass");
	msg_is("\xef\xbb\xbfx", "\xef\xbb\xbfx", "a BOM at the start is kept");
	sanitize_set_raw(1);
	msg_is("\x1b[31mred", "^[[31mred", "-R: SGR still shown");
	sanitize_set_raw(0);
	msg_is("^[x", "^[x", "a visible form is its own visible form");
	{
		char	buf[8];
		size_t	n;

		n = sanitize_message(buf, sizeof buf, "ab\x1b[2J");
		tap_ok(n == 7 && strcmp(buf, "ab^[[2J") == 0,
		    "message: fits in 8 bytes (%zu, \"%s\")", n, buf);
		n = sanitize_message(buf, 6, "ab\x9b" "cd");
		tap_ok(n == 8 && strcmp(buf, "ab") == 0,
		    "message: a unit that does not fit is left out whole "
		    "(%zu, \"%s\")", n, buf);
		n = sanitize_message(buf, 5, "ab\xe7\xbf\x92");
		tap_ok(n == 5 && strcmp(buf, "ab") == 0,
		    "message: a character is never cut (%zu, \"%s\")", n, buf);
		n = sanitize_message(NULL, 0, "\x1b\x1b");
		tap_ok(n == 4, "message: size 0 only measures (%zu)", n);
	}
	warnx_long();
	fatal_visible();
	{
		int	nruns, bad = check_text_runs(&nruns);

		tap_is_int(bad, 0, "sanitize_text_run agrees with "
		    "sanitize_next on %d runs of random bytes", nruns);
	}
	return tap_done();
}
