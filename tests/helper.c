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
 *	helper shown RAW OUT	exit 0 if OUT (lede's output for the bytes
 *				of RAW) is clean UTF-8 without ESC or C1
 *				controls, and every byte of RAW shows in
 *				it, in order, in its visible form: a
 *				printable character as itself, a control
 *				as ^X, a C1 control, bidi override or
 *				unprintable as <U+XXXX>, each byte of
 *				invalid UTF-8 as <XX> (white space and
 *				OUT's line breaks aside: a visible form
 *				in a word too long for a row may be cut)
 *	helper cells FILE	print what a person sees in FILE, a screen
 *				as "tmux capture-pane -e" gives it: each
 *				character with its rendition, a space only
 *				where its rendition shows (reverse,
 *				underline, a background), so that two
 *				ways of writing the same screen compare
 *				equal
 *	helper pty OUT MS CMD...
 *				run CMD on an 80x24 pseudo-terminal that
 *				answers nothing, write "q" after MS
 *				milliseconds, and put every byte CMD wrote
 *				to the terminal into OUT; exit 0 if CMD
 *				exited 0 within 3 s of the "q"
 *	helper ptykeys OUT MS KEYS [MS KEYS ...] -- CMD...
 *				the same, writing each KEYS at its MS
 *				(from the start of CMD) instead of "q";
 *				exit 0 if CMD exited 0 within 3 s of the
 *				last. KEYS of the form !SIG (!INT, !TERM,
 *				!HUP) send CMD that signal instead, once
 *				the terminal's echo is off (CMD is in its
 *				probe) and at most 5 s late
 *	helper ptymodes OUT MS KEYS [MS KEYS ...] -- CMD...
 *				the same, then print how CMD ended
 *				("exit N") and the terminal's modes
 *				("echo 1 icanon 1"); exit 0 if it ended
 *	helper vt OUT		play the bytes of OUT (a "pty" run) on an
 *				80x24 terminal of its own that draws curly
 *				quotes (U+2018 to U+201F) two columns wide,
 *				as a CJK terminal does, and moves its cursor
 *				as a terminal does (cup, vpa, hpa, cuf, cub,
 *				BS, CR, LF, EL, ED); print its screen as it
 *				was when the alternate screen was last left
 *				with something on it
 */

#include "config.h"
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <stdint.h>
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

static unsigned char *
slurp_bytes(const char *path, size_t *n)
{
	FILE		*f;
	unsigned char	*buf = NULL;
	size_t		 len = 0, cap = 0, k;

	if ((f = fopen(path, "rb")) == NULL) {
		perror(path);
		exit(2);
	}
	do {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 65536;
			if ((buf = realloc(buf, cap + 1)) == NULL)
				abort();
		}
		k = fread(buf + len, 1, cap - len, f);
		len += k;
	} while (k > 0);
	fclose(f);
	buf[len] = '\0';
	*n = len;
	return buf;
}

/*
 * Decode one UTF-8 sequence at s[0..n) by the table of RFC 3629 (no
 * overlong forms, surrogates or values above U+10FFFF). Returns its
 * length, or 0 if it is not a whole valid sequence.
 */
static size_t
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char	lo = 0x80, hi = 0xbf;
	size_t		len, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return 0;
	if (s[0] == 0xe0)
		lo = 0xa0;
	else if (s[0] == 0xed)
		hi = 0x9f;
	else if (s[0] == 0xf0)
		lo = 0x90;
	else if (s[0] == 0xf4)
		hi = 0x8f;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	*cp = s[0] & (0xff >> (len + 1));
	for (i = 1; i < len; i++) {
		if (i > 1 && (s[i] < 0x80 || s[i] > 0xbf))
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3f);
	}
	return len;
}

/* Is OUT clean: valid UTF-8, no ESC, no C1 control? */
static int
shown_clean(const unsigned char *out, size_t n)
{
	size_t		i, k;
	uint32_t	cp;

	for (i = 0; i < n; i += k) {
		if ((k = utf8_decode(out + i, n - i, &cp)) == 0) {
			fprintf(stderr, "output byte %zu: invalid UTF-8\n", i);
			return 0;
		}
		if (cp == 0x1b || (cp >= 0x80 && cp < 0xa0) || cp == 0x07 ||
		    cp == 0x08 || cp == 0x7f || cp == 0) {
			fprintf(stderr, "output byte %zu: control U+%04X\n", i,
			    (unsigned)cp);
			return 0;
		}
	}
	return 1;
}

/* The check of "helper shown": see the top of the file. */
static int
shown(const char *raw, const char *outpath)
{
	unsigned char	*in, *out, form[16];
	const char	*at;
	size_t		 nin, nout, i, k, pos = 0;
	uint32_t	 cp;
	int		 ok;

	in = slurp_bytes(raw, &nin);
	out = slurp_bytes(outpath, &nout);
	ok = shown_clean(out, nout);
	for (i = k = 0; i < nout; i++)	/* join the rows */
		if (out[i] != '\n')
			out[k++] = out[i];
	out[nout = k] = '\0';
	for (i = 0; ok && i < nin; i += k) {
		k = utf8_decode(in + i, nin - i, &cp);
		if (k == 0) {
			k = 1;
			snprintf((char *)form, sizeof form, "<%02X>", in[i]);
		} else if (cp == '\n' || cp == '\r' || cp == '\t' ||
		    cp == ' ' || (cp == 0xfeff && i == 0))
			continue;
		else if (cp < 0x20 || cp == 0x7f)
			snprintf((char *)form, sizeof form, "^%c",
			    (int)(cp ^ 0x40));
		else if ((cp >= 0x80 && cp < 0xa0) ||
		    (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069) ||
		    wcwidth((wchar_t)cp) < 0)
			snprintf((char *)form, sizeof form, "<U+%04X>",
			    (unsigned)cp);
		else if (iswspace((wint_t)cp))
			continue;
		else {
			memcpy(form, in + i, k);
			form[k] = '\0';
		}
		if ((at = strstr((const char *)out + pos, (char *)form)) ==
		    NULL) {
			fprintf(stderr, "input byte %zu: \"%s\" missing or out "
			    "of order after output byte %zu\n", i, form, pos);
			ok = 0;
			break;
		}
		pos = (size_t)(at - (const char *)out) + strlen((char *)form);
	}
	free(in);
	free(out);
	return ok ? 0 : 1;
}

/* The rendition of an SGR state, applying the parameters of ESC [ ... m. */
struct rend {
	int	attrs;		/* bit n: SGR n on, for n in 1..9 */
	int	fg, bg;		/* -1 default; 256 + rgb for direct colour */
};

static void
rend_apply(struct rend *r, const char *p, const char *end)
{
	int	v[32], n = 0, i;

	while (p < end && n < 32) {
		v[n++] = atoi(p);
		while (p < end && *p != ';')
			p++;
		if (p < end)
			p++;
	}
	if (n == 0)
		v[n++] = 0;
	for (i = 0; i < n; i++) {
		if (v[i] == 0) {
			r->attrs = 0;
			r->fg = r->bg = -1;
		} else if (v[i] >= 1 && v[i] <= 9)
			r->attrs |= 1 << v[i];
		else if (v[i] == 22)
			r->attrs &= ~((1 << 1) | (1 << 2));
		else if (v[i] >= 23 && v[i] <= 29)
			r->attrs &= ~(1 << (v[i] - 20));
		else if (v[i] >= 30 && v[i] <= 37)
			r->fg = v[i] - 30;
		else if (v[i] >= 90 && v[i] <= 97)
			r->fg = v[i] - 90 + 8;
		else if (v[i] == 39)
			r->fg = -1;
		else if (v[i] >= 40 && v[i] <= 47)
			r->bg = v[i] - 40;
		else if (v[i] >= 100 && v[i] <= 107)
			r->bg = v[i] - 100 + 8;
		else if (v[i] == 49)
			r->bg = -1;
		else if ((v[i] == 38 || v[i] == 48) && i + 2 < n &&
		    v[i + 1] == 5) {
			*(v[i] == 38 ? &r->fg : &r->bg) = v[i + 2];
			i += 2;
		} else if ((v[i] == 38 || v[i] == 48) && i + 4 < n &&
		    v[i + 1] == 2) {
			*(v[i] == 38 ? &r->fg : &r->bg) = 256 +
			    (v[i + 2] << 16 | v[i + 3] << 8 | v[i + 4]);
			i += 4;
		}
	}
}

static int
cells(const char *path)
{
	struct rend	 r = { 0, -1, -1 };
	char		*s, *p, *end;
	size_t		 len;
	int		 row = 1, col = 0;
	mbstate_t	 mbs;

	if ((s = (char *)slurp_bytes(path, &len)) == NULL)
		return 2;
	p = s;
	end = s + len;
	memset(&mbs, 0, sizeof mbs);
	while (p < end) {
		wchar_t	wc;
		size_t	n;

		if (*p == '\033' && p + 1 < end && p[1] == '[') {
			char	*q = p + 2;

			while (q < end && !(*q >= 0x40 && *q <= 0x7e))
				q++;
			if (q < end && *q == 'm')
				rend_apply(&r, p + 2, q);
			p = q < end ? q + 1 : end;
			continue;
		}
		if (*p == '\033') {	/* another escape: its next byte too */
			p += p + 1 < end ? 2 : 1;
			continue;
		}
		if (*p == '\n') {
			row++;
			col = 0;
			p++;
			continue;
		}
		n = mbrtowc(&wc, p, (size_t)(end - p), &mbs);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&mbs, 0, sizeof mbs);
			n = 1;
			wc = 0xfffd;
		}
		col++;
		if (wc != L' ' || (r.attrs & ((1 << 4) | (1 << 7))) ||
		    r.bg != -1)
			printf("%d:%d %lc a%d f%d b%d\n", row, col, (wint_t)wc,
			    r.attrs, r.fg, r.bg);
		p += n;
	}
	free(s);
	return 0;
}

static double
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int	pty_report;	/* ptymodes: say how it ended */

/* Whether the terminal on the other side of fd echoes what is typed. */
static int
echo_on(int fd)
{
	struct termios	tio;

	return tcgetattr(fd, &tio) == 0 && (tio.c_lflag & ECHO) != 0;
}

/*
 * Run argv on a pseudo-terminal; write keys[i] at ms[i] (n of them), the
 * bytes written by argv go to out. 0 if it exited 0 within 3 s of the
 * last keys.
 */
static int
pty_script(const char *out, const int *ms, char **keys, int nkeys,
    char **argv)
{
	struct winsize	 ws = { 24, 80, 0, 0 };
	char		 buf[65536];
	FILE		*f;
	double		 start = now_ms(), quit_at = -1;
	pid_t		 pid;
	ssize_t		 n;
	int		 fd, st = -1, done = 0, next = 0;

	if ((f = fopen(out, "w")) == NULL)
		return 2;
	if ((pid = forkpty(&fd, NULL, NULL, &ws)) == -1)
		return 2;
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	while (!done) {
		struct pollfd	pfd = { fd, POLLIN, 0 };
		double		t = now_ms();

		while (next < nkeys && t - start >= ms[next]) {
			/*
			 * A signal waits for the echo to go off as well: only
			 * then is the program surely past its start and into
			 * the probe, however loaded the machine (5 s at most).
			 */
			if (keys[next][0] == '!' && echo_on(fd) &&
			    t - start < ms[next] + 5000)
				break;
			if (keys[next][0] == '!')
				kill(pid, strcmp(keys[next], "!INT") == 0 ?
				    SIGINT : strcmp(keys[next], "!HUP") == 0 ?
				    SIGHUP : SIGTERM);
			else
				(void)write(fd, keys[next], strlen(keys[next]));
			if (++next == nkeys)
				quit_at = t;
		}
		if (quit_at >= 0 && t - quit_at > 3000)
			break;
		if (poll(&pfd, 1, 10) > 0) {
			n = read(fd, buf, sizeof buf);
			if (n > 0)
				fwrite(buf, 1, (size_t)n, f);
			else if (n == -1 && errno == EINTR)
				continue;
			else
				done = 1;	/* EIO: the pty's other end closed */
		}
		if (waitpid(pid, &st, WNOHANG) == pid) {
			/* What it wrote last is still to be read. */
			while (poll(&pfd, 1, 0) > 0 &&
			    (n = read(fd, buf, sizeof buf)) > 0)
				fwrite(buf, 1, (size_t)n, f);
			pid = -1;
			break;
		}
	}
	/* The terminal closed (or time ran out): it has 3 s to exit. */
	if (quit_at < 0 && pty_report)
		quit_at = now_ms();	/* it ended early: say how */
	while (pid != -1 && waitpid(pid, &st, WNOHANG) == 0) {
		if (quit_at < 0 || now_ms() - quit_at > 3000) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			st = -1;
			break;
		}
		usleep(10000);
	}
	fclose(f);
	if (pty_report) {
		struct termios	tio;

		if (st == -1)
			printf("killed\n");
		else if (WIFEXITED(st))
			printf("exit %d\n", WEXITSTATUS(st));
		else
			printf("signal %d\n", WTERMSIG(st));
		if (tcgetattr(fd, &tio) == 0)
			printf("echo %d icanon %d\n", (tio.c_lflag & ECHO) != 0,
			    (tio.c_lflag & ICANON) != 0);
		close(fd);
		return st == -1;
	}
	close(fd);
	return st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : 1;
}

/* helper pty OUT MS CMD...: "q" after MS. */
static int
pty_run(const char *out, int ms, char **argv)
{
	char	q[] = "q", *k = q;

	return pty_script(out, &ms, &k, 1, argv);
}

/* helper ptykeys OUT MS KEYS [MS KEYS ...] -- CMD... */
static int
pty_keys(const char *out, int argc, char **argv)
{
	int	ms[64], n = 0, i;
	char	*keys[64];

	for (i = 0; i + 1 < argc && strcmp(argv[i], "--") != 0 && n < 64;
	    i += 2) {
		ms[n] = atoi(argv[i]);
		keys[n++] = argv[i + 1];
	}
	if (i >= argc || strcmp(argv[i], "--") != 0 || i + 1 >= argc)
		return 2;
	return pty_script(out, ms, keys, n, argv + i + 1);
}

/* helper vt: a terminal, enough of one for what curses writes. */
#define VT_ROWS	24
#define VT_COLS	80
static char	vt[VT_ROWS][VT_COLS][8];	/* "" after a wide char */
static char	vt_snap[VT_ROWS][VT_COLS][8];
static int	vt_y, vt_x, vt_snapped;

static void
vt_clear(int y, int from, int to)
{
	for (; from < to; from++)
		strcpy(vt[y][from], " ");
}

static void
vt_put(const char *u, size_t n, unsigned long cp)
{
	int	w;

	w = cp >= 0x2018 && cp <= 0x201f ? 2 : wcwidth((wchar_t)cp);
	if (w <= 0) {		/* a mark: on the cell before */
		if (vt_x > 0 && strlen(vt[vt_y][vt_x - 1]) + n < 8)
			strncat(vt[vt_y][vt_x - 1], u, n);
		return;
	}
	if (vt_x + w > VT_COLS)
		return;
	memcpy(vt[vt_y][vt_x], u, n);
	vt[vt_y][vt_x][n] = '\0';
	if (w == 2)
		vt[vt_y][vt_x + 1][0] = '\0';
	vt_x += w;
}

static int
vt_run(const char *path)
{
	FILE		*f;
	unsigned char	 b[1 << 16];
	size_t		 n, i, k;
	int		 y, x, p[8], np, priv, any;

	if ((f = fopen(path, "rb")) == NULL)
		return 2;
	n = fread(b, 1, sizeof b, f);
	fclose(f);
	for (y = 0; y < VT_ROWS; y++)
		vt_clear(y, 0, VT_COLS);
	for (i = 0; i < n; i++) {
		if (b[i] == '\033' && i + 1 < n && b[i + 1] == '[') {
			np = 0;
			p[0] = 0;
			priv = 0;
			for (i += 2; i < n && ((b[i] >= '0' && b[i] <= '9') ||
			    b[i] == ';' || b[i] == '?' || b[i] == '>'); i++) {
				if (b[i] == '?' || b[i] == '>')
					priv = 1;
				else if (b[i] == ';') {
					if (np < 7)
						p[++np] = 0;
				} else
					p[np] = p[np] * 10 + (b[i] - '0');
			}
			np++;
			if (i >= n)
				break;
			switch (b[i]) {
			case 'H': case 'f':
				vt_y = (p[0] ? p[0] : 1) - 1;
				vt_x = (np > 1 && p[1] ? p[1] : 1) - 1;
				break;
			case 'd': vt_y = (p[0] ? p[0] : 1) - 1; break;
			case 'G': vt_x = (p[0] ? p[0] : 1) - 1; break;
			case 'C': vt_x += p[0] ? p[0] : 1; break;
			case 'D': vt_x -= p[0] ? p[0] : 1; break;
			case 'A': vt_y -= p[0] ? p[0] : 1; break;
			case 'B': vt_y += p[0] ? p[0] : 1; break;
			case 'K':
				if (p[0] == 0)
					vt_clear(vt_y, vt_x, VT_COLS);
				else if (p[0] == 1)
					vt_clear(vt_y, 0, vt_x + 1);
				else
					vt_clear(vt_y, 0, VT_COLS);
				break;
			case 'J':
				if (p[0] == 2)
					for (y = 0; y < VT_ROWS; y++)
						vt_clear(y, 0, VT_COLS);
				break;
			case 'l':
				if (priv && p[0] == 1049) {
					for (any = 0, y = 0; y < VT_ROWS; y++)
						for (x = 0; x < VT_COLS; x++)
							any |= strcmp(vt[y][x],
							    " ") != 0;
					if (any) {
						memcpy(vt_snap, vt, sizeof vt);
						vt_snapped = 1;
					}
				}
				break;
			}
			if (vt_x < 0) vt_x = 0;
			if (vt_x >= VT_COLS) vt_x = VT_COLS - 1;
			if (vt_y < 0) vt_y = 0;
			if (vt_y >= VT_ROWS) vt_y = VT_ROWS - 1;
			continue;
		}
		if (b[i] == '\033') {		/* ESC ( B, ESC =, ESC > */
			if (i + 1 < n && (b[i + 1] == '(' || b[i + 1] == ')'))
				i += 2;
			else
				i++;
			continue;
		}
		if (b[i] == '\r') { vt_x = 0; continue; }
		if (b[i] == '\n') { if (vt_y < VT_ROWS - 1) vt_y++; continue; }
		if (b[i] == '\b') { if (vt_x > 0) vt_x--; continue; }
		if (b[i] < 0x20 || b[i] == 0x7f)
			continue;
		{
			wchar_t		wc;
			mbstate_t	ms;

			memset(&ms, 0, sizeof ms);
			k = mbrtowc(&wc, (const char *)b + i, n - i, &ms);
			if (k == (size_t)-1 || k == (size_t)-2 || k == 0)
				k = 1, wc = L'?';
			vt_put((const char *)b + i, k, (unsigned long)wc);
			i += k - 1;
		}
	}
	if (!vt_snapped)
		return 1;
	for (y = 0; y < VT_ROWS; y++) {
		char	line[VT_COLS * 8 + 1];
		size_t	len = 0;

		for (x = 0; x < VT_COLS; x++) {
			strcpy(line + len, vt_snap[y][x]);
			len += strlen(vt_snap[y][x]);
		}
		while (len > 0 && line[len - 1] == ' ')
			len--;
		line[len] = '\0';
		puts(line);
	}
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
	if (argc == 5 && strcmp(argv[1], "words") == 0)
		return words(argv[2], argv[3], atoi(argv[4]));
	if (argc == 4 && strcmp(argv[1], "shown") == 0)
		return shown(argv[2], argv[3]);
	if (argc == 3 && strcmp(argv[1], "vt") == 0)
		return vt_run(argv[2]);
	if (argc == 3 && strcmp(argv[1], "cells") == 0)
		return cells(argv[2]);
	if (argc >= 5 && strcmp(argv[1], "pty") == 0)
		return pty_run(argv[2], atoi(argv[3]), argv + 4);
	if (argc >= 6 && strcmp(argv[1], "ptykeys") == 0)
		return pty_keys(argv[2], argc - 3, argv + 3);
	if (argc >= 6 && strcmp(argv[1], "ptymodes") == 0) {
		pty_report = 1;
		return pty_keys(argv[2], argc - 3, argv + 3);
	}
	fprintf(stderr, "usage: helper widest FILE | subseq A B | "
	    "words A B W | shown RAW OUT | cells FILE | pty OUT MS CMD... |\n"
	    "ptykeys OUT MS KEYS ... -- CMD...\n");
	return 2;
}
