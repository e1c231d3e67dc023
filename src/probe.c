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
 * Read one answer, ESC [ row ; col R, and return its column, or -1. Each
 * read takes what is there, several bytes at a time but never past the
 * answer's R (an answer is at least 6 bytes from its ESC), so that keys
 * typed after it stay for curses. select() comes first every time: curses
 * may have set the modes (VMIN) since the questions, and a read must not
 * wait past the deadline.
 */
static int
probe_read(int fd, struct timespec *deadline)
{
	char		 buf[32], in[6];
	size_t		 n = 0;
	ssize_t		 k, i;
	struct timespec	 now;
	struct timeval	 tv;
	fd_set		 rfds;
	long		 ms;
	int		 row, col;

	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		ms = (deadline->tv_sec - now.tv_sec) * 1000 +
		    (deadline->tv_nsec - now.tv_nsec) / 1000000;
		if (ms <= 0)
			return -1;
		FD_ZERO(&rfds);
		FD_SET(fd, &rfds);
		tv.tv_sec = ms / 1000;
		tv.tv_usec = (ms % 1000) * 1000;
		if (select(fd + 1, &rfds, NULL, NULL, &tv) <= 0)
			return -1;
		k = read(fd, in, n < sizeof in ? sizeof in - n : 1);
		if (k <= 0)
			return -1;	/* the terminal is gone */
		for (i = 0; i < k; i++) {
			if (in[i] == '\033')
				n = 0;
			buf[n] = in[i];
			if (buf[n] == 'R') {
				buf[n + 1] = '\0';
				if (sscanf(buf, "\033[%d;%dR", &row, &col) == 2)
					return col;
				return -1;
			}
			if (++n >= sizeof buf - 1)
				n = 0;
		}
	}
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
	 * All three questions in one write, then the erase: the terminal
	 * answers each in turn, so the probe costs one round trip.
	 */
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
 * did not answer in time (what came late is thrown away, not taken for
 * keys).
 */
int
probe_answer(struct probe *p, struct probe_result *r)
{
	int	cols[3], i, ok = 0;

	for (i = 0; p->asked && i < 3; i++) {
		cols[i] = probe_read(p->fd, &p->deadline);
		if (cols[i] < 1)
			break;
		ok++;
	}
	if (ok != 3)
		tcflush(p->fd, TCIFLUSH);
	tcsetattr(p->fd, TCSANOW, &p->saved);
	free(p);
	if (ok != 3)
		return -1;
	r->ambiguous = cols[0] - 1 == 2 ? AMBIGUOUS_WIDE : AMBIGUOUS_NARROW;
	r->zwj_joins = cols[1] - 1 == 2;
	r->modifier_joins = cols[2] - 1 == 2;
	return 0;
}
