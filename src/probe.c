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

/* Read one "ESC [ row ; col R" answer; returns col or -1. */
static int
probe_read(int fd, struct timespec *deadline)
{
	char		 buf[32];
	size_t		 n = 0;
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
		if (read(fd, buf + n, 1) != 1)
			return -1;
		if (buf[n] == '\033')
			n = 0, buf[n] = '\033';
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

/*
 * Measure the terminal on fd (open for reading and writing). Returns 0 and
 * fills *r, or -1 if the terminal did not answer.
 */
int
probe_terminal(int fd, struct probe_result *r)
{
	static const char *const probes[] = {
		"\xe2\x80\x9c",					/* “ */
		("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9"
		    "\xe2\x80\x8d\xf0\x9f\x91\xa7"),		/* family */
		"\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd",		/* thumb */
	};
	struct termios	 saved, raw;
	struct timespec	 deadline;
	int		 cols[3], i, ok = 0;
	char		 out[128];
	size_t		 n = 0;

	if (tcgetattr(fd, &saved) == -1)
		return -1;
	raw = saved;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(fd, TCSANOW, &raw) == -1)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_nsec += PROBE_TIMEOUT_MS * 1000000L;
	deadline.tv_sec += deadline.tv_nsec / 1000000000L;
	deadline.tv_nsec %= 1000000000L;
	/*
	 * All three questions in one write, then the erase: the terminal
	 * answers each in turn, so the probe costs one round trip.
	 */
	for (i = 0; i < 3; i++)
		n += (size_t)snprintf(out + n, sizeof out - n, "\r%s\033[6n",
		    probes[i]);
	n += (size_t)snprintf(out + n, sizeof out - n, "\r\033[K");
	if (write(fd, out, n) == (ssize_t)n) {
		for (i = 0; i < 3; i++) {
			cols[i] = probe_read(fd, &deadline);
			if (cols[i] < 1)
				break;
			ok++;
		}
	}
	if (ok != 3)
		tcflush(fd, TCIFLUSH);	/* a late answer is not keys */
	tcsetattr(fd, TCSANOW, &saved);
	if (ok != 3)
		return -1;
	r->ambiguous = cols[0] - 1 == 2 ? AMBIGUOUS_WIDE : AMBIGUOUS_NARROW;
	r->zwj_joins = cols[1] - 1 == 2;
	r->modifier_joins = cols[2] - 1 == 2;
	return 0;
}
