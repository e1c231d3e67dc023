/*
 * probe.c: ask the terminal how wide it draws what the tables disagree on.
 *
 * Before curses starts, as vim does for 'ambiwidth': print a character on
 * a fresh line, ask for the cursor position (ESC [ 6 n), and read the
 * answer with a short timeout; then erase what was printed. The three
 * questions go out in one write, so this costs one round trip. Three things
 * are measured: an East Asian ambiguous character (curly quote), an emoji
 * ZWJ sequence, and an emoji with a skin tone modifier. A terminal that
 * does not answer in time leaves the defaults (narrow, no combining).
 * Only ASCII escapes and the three fixed probe strings are written.
 *
 * Before them goes a fourth question: does the terminal know grapheme
 * cluster mode (DECRQM ESC [ ? 2027 $ p, the mode of Contour, foot,
 * WezTerm and Ghostty, where a cluster takes one cell's width: a ZWJ
 * family is one 2-column glyph)? A terminal that knows it answers
 * ESC [ ? 2027 ; Ps $ y before the cursor positions; one that does not
 * answers the positions only, which then say "no" at no cost in time
 * (they do what a DA1 query would).
 */

#include "config.h"

#include <sys/select.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "lede.h"

#define PROBE_TIMEOUT_MS 200

/* Questions on their way. */
struct probe {
	int		 fd;
	int		 asked;		/* the questions went out */
	struct termios	 saved;		/* the modes to give back */
	struct timespec	 deadline;
};

/*
 * The answers as they come, byte by byte: an answer is ESC [ row ; col R.
 * Bytes that are not part of one are keys the reader typed before the
 * answers came, kept for curses (term.c hands them over); a sequence that
 * began as an answer (ESC [ digits ;) and broke off is dropped.
 */
struct probe_scan {
	char		 seq[32];	/* an answer (or a key) being read */
	size_t		 n;
	int		 semi;		/* seq has "ESC [ digits ;" */
	int		 cols[3];	/* the answers' columns, -1: malformed */
	int		 answers;
	int		 clusters;	/* DECRPM 2027's Ps, 0 if none */
	char		*typed;		/* keys, up to PROBE_TYPED bytes */
	size_t		*ntyped;
};

/* Keep bytes that turned out to be keys. */
static void
probe_typed(struct probe_scan *ps, const char *s, size_t n)
{
	size_t	k = PROBE_TYPED - *ps->ntyped;

	if (n < k)
		k = n;
	memcpy(ps->typed + *ps->ntyped, s, k);
	*ps->ntyped += k;
}

/* Take one byte. */
static void
probe_byte(struct probe_scan *ps, char c)
{
	int	row, col;

	if (ps->n == 0) {
		if (c == '\033')
			ps->seq[ps->n++] = c;
		else
			probe_typed(ps, &c, 1);
		return;
	}
	if (c == 'R' && ps->semi && ps->n < sizeof ps->seq - 1) {
		ps->seq[ps->n++] = c;
		ps->seq[ps->n] = '\0';
		if (sscanf(ps->seq, "\033[%d;%dR", &row, &col) != 2)
			col = -1;
		ps->cols[ps->answers++] = col;
		ps->n = ps->semi = 0;
		return;
	}
	/* The mode report: ESC [ ? 2027 ; Ps $ y. */
	if (ps->n >= 3 && ps->seq[2] == '?' && ps->seq[ps->n - 1] == '$') {
		ps->seq[ps->n] = '\0';
		if (c == 'y' && sscanf(ps->seq, "\033[?%d;%d$", &row,
		    &col) == 2 && row == 2027 && col >= 0 && col <= 4)
			ps->clusters = col;
		ps->n = ps->semi = 0;	/* else broken: dropped */
		return;
	}
	if (ps->n < sizeof ps->seq - 1 && ((ps->n == 1 && c == '[') ||
	    (ps->n == 2 && c == '?') ||
	    (ps->n >= 2 && c >= '0' && c <= '9') ||
	    (ps->n >= 3 && c == ';' && !ps->semi &&
	    ps->seq[ps->n - 1] != '[' && ps->seq[ps->n - 1] != '?') ||
	    (ps->n >= 5 && c == '$' && ps->semi && ps->seq[2] == '?'))) {
		if (c == ';')
			ps->semi = 1;
		ps->seq[ps->n++] = c;
		return;
	}
	/* Not an answer after all. */
	if (ps->semi && ps->seq[2] == '?')
		;			/* a broken mode report: dropped */
	else if (ps->semi)
		ps->cols[ps->answers++] = -1;	/* a broken one: dropped */
	else if (c != '\033' && ps->n >= 2 && c >= 0x40 && c <= 0x7e) {
		ps->seq[ps->n++] = c;		/* a key's sequence, whole */
		probe_typed(ps, ps->seq, ps->n);
		ps->n = 0;
		return;
	} else
		probe_typed(ps, ps->seq, ps->n);
	ps->n = ps->semi = 0;
	probe_byte(ps, c);
}

/*
 * Read until three answers came or the deadline passed. Each read takes
 * what is there, several bytes at a time but never past an answer's R (an
 * answer is at least 6 bytes from its ESC), so that keys typed after the
 * last answer stay for curses. select() comes first every time: curses
 * may have set the modes (VMIN) since the questions, and a read must not
 * wait past the deadline.
 */
static void
probe_read(int fd, struct timespec *deadline, struct probe_scan *ps)
{
	char		 in[6];
	ssize_t		 k, i;
	struct timespec	 now;
	struct timeval	 tv;
	fd_set		 rfds;
	long		 ms;

	while (ps->answers < 3) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		ms = (deadline->tv_sec - now.tv_sec) * 1000 +
		    (deadline->tv_nsec - now.tv_nsec) / 1000000;
		if (ms <= 0)
			break;
		FD_ZERO(&rfds);
		FD_SET(fd, &rfds);
		tv.tv_sec = ms / 1000;
		tv.tv_usec = (ms % 1000) * 1000;
		if (select(fd + 1, &rfds, NULL, NULL, &tv) <= 0)
			break;	/* the time is up, or a signal came */
		k = read(fd, in, ps->n < sizeof in ? sizeof in - ps->n : 1);
		if (k <= 0)
			break;	/* the terminal is gone */
		for (i = 0; i < k; i++)
			probe_byte(ps, in[i]);
	}
	/* What was read of something else than an answer is a key. */
	if (ps->n > 0 && !ps->semi)
		probe_typed(ps, ps->seq, ps->n);
}

/*
 * Ask the terminal on fd (open for reading and writing) the three
 * questions, with its echo off until probe_answer(), which must follow.
 * Work that does not read the terminal can be done in between, while the
 * answers travel. Returns NULL if the terminal cannot be asked.
 */
struct probe *
probe_ask(int fd)
{
	static const char *const probes[] = {
		"\xe2\x80\x9c",					/* “ */
		("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9"
		    "\xe2\x80\x8d\xf0\x9f\x91\xa7"),		/* family */
		"\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd",		/* thumb */
	};
	struct probe	*p = xcalloc(1, sizeof *p);
	struct termios	 raw;
	char		 out[128];
	size_t		 n = 0;
	int		 i;

	p->fd = fd;
	if (tcgetattr(fd, &p->saved) == -1) {
		free(p);
		return NULL;
	}
	raw = p->saved;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(fd, TCSANOW, &raw) == -1) {
		free(p);
		return NULL;
	}
	clock_gettime(CLOCK_MONOTONIC, &p->deadline);
	p->deadline.tv_nsec += PROBE_TIMEOUT_MS * 1000000L;
	p->deadline.tv_sec += p->deadline.tv_nsec / 1000000000L;
	p->deadline.tv_nsec %= 1000000000L;
	/*
	 * All four questions in one write, then the erase: the terminal
	 * answers each in turn, so the probe costs one round trip.
	 */
	n += (size_t)snprintf(out + n, sizeof out - n, "\033[?2027$p");
	for (i = 0; i < 3; i++)
		n += (size_t)snprintf(out + n, sizeof out - n, "\r%s\033[6n",
		    probes[i]);
	n += (size_t)snprintf(out + n, sizeof out - n, "\r\033[K");
	p->asked = write(fd, out, n) == (ssize_t)n;
	return p;
}

/*
 * Read the answers to probe_ask() (p is freed) and give the terminal back
 * the modes it had before. Returns 0 and fills *r, or -1 if the terminal
 * did not answer in time (answers that come late are for the reader of
 * keys to drop). Either way r->typed holds the keys read in between.
 */
int
probe_answer(struct probe *p, struct probe_result *r)
{
	struct probe_scan	ps;
	int			i;

	memset(&ps, 0, sizeof ps);
	r->ntyped = 0;
	r->clusters = 0;
	ps.typed = r->typed;
	ps.ntyped = &r->ntyped;
	if (p->asked)
		probe_read(p->fd, &p->deadline, &ps);
	tcsetattr(p->fd, TCSANOW, &p->saved);
	free(p);
	if (ps.answers != 3)
		return -1;
	for (i = 0; i < 3; i++)
		if (ps.cols[i] < 1)
			return -1;
	r->ambiguous = ps.cols[0] - 1 == 2 ? AMBIGUOUS_WIDE : AMBIGUOUS_NARROW;
	r->zwj_joins = ps.cols[1] - 1 == 2;
	r->modifier_joins = ps.cols[2] - 1 == 2;
	/* 1 set, 2 reset, 3 permanently set (4, permanently reset, and 0,
	 * not known, are no use). */
	r->clusters = ps.clusters >= 1 && ps.clusters <= 3 ? ps.clusters : 0;
	return 0;
}
