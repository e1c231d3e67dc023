/*
 * t-probe.c: the terminal probe, against a terminal played by the test on
 * the master side of a pseudo-terminal: what is asked, byte for byte;
 * how answers for a narrow, a wide and a joining terminal are read, and
 * the report of grapheme cluster mode (2027) before them; a
 * terminal that does not answer, or answers in part; and the terminal's
 * modes, given back as they were.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "lede.h"
#include "tap.h"

/* What the probe must write: grapheme cluster mode's report asked for,
 * three questions, then the erase. */
static const char	asked[] =
    "\033[?2027$p"
    "\r\xe2\x80\x9c\033[6n"
    "\r\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d"
    "\xf0\x9f\x91\xa7\033[6n"
    "\r\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd\033[6n"
    "\r\033[K";

static int	master = -1, slave = -1;

static void
pty_open(void)
{
	struct termios	t;

	if (master != -1) {
		close(master);
		close(slave);
	}
	if (openpty(&master, &slave, NULL, NULL, NULL) == -1)
		tap_diag("openpty: %s", strerror(errno));
	/* A terminal as a shell leaves it: cooked, echoing. */
	tcgetattr(slave, &t);
	t.c_lflag |= ICANON | ECHO;
	tcsetattr(slave, TCSANOW, &t);
}

/* Read what the probe wrote to the terminal (up to n bytes). */
static size_t
terminal_read(char *buf, size_t n)
{
	struct pollfd	pfd = { master, POLLIN, 0 };
	size_t		got = 0;
	ssize_t		k;

	while (got < n && poll(&pfd, 1, 500) == 1) {
		k = read(master, buf + got, n - got);
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	return got;
}

static double
now_ms(void)
{
	struct timespec	t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/*
 * Ask, answer with the given text (NULL: say nothing) as the terminal,
 * and return probe_answer's result. *ms is how long the answer took.
 */
static int
exchange(const char *answer, struct probe_result *r, double *ms)
{
	struct probe	*p;
	char		 buf[256];
	size_t		 n;
	double		 t0;
	int		 ok;

	memset(r, 0xff, sizeof *r);
	p = probe_ask(slave);
	if (p == NULL)
		return -2;
	n = terminal_read(buf, sizeof asked - 1);
	ok = n == sizeof asked - 1 && memcmp(buf, asked, n) == 0;
	if (!ok)
		tap_diag("the probe wrote %zu bytes, not the expected %zu",
		    n, sizeof asked - 1);
	if (answer != NULL)
		(void)!write(master, answer, strlen(answer));
	t0 = now_ms();
	ok = probe_answer(p, r) == 0 ? ok : -1;
	*ms = now_ms() - t0;
	return ok;
}

/*
 * Is exactly s left to read on the terminal's input side ("": nothing)?
 * (Asked with canonical input off: a cooked terminal holds back a line
 * not ended.)
 */
static int
input_is(const char *s)
{
	struct pollfd	pfd = { slave, POLLIN, 0 };
	struct termios	t, raw;
	char		buf[64];
	size_t		n = 0;
	ssize_t		k;

	tcgetattr(slave, &t);
	raw = t;
	raw.c_lflag &= ~(tcflag_t)ICANON;
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	tcsetattr(slave, TCSANOW, &raw);
	while (n < sizeof buf - 1 && poll(&pfd, 1, 50) > 0 &&
	    (k = read(slave, buf + n, sizeof buf - 1 - n)) > 0)
		n += (size_t)k;
	tcsetattr(slave, TCSANOW, &t);
	buf[n] = '\0';
	return strcmp(buf, s) == 0;
}

int
main(void)
{
	struct probe_result	r;
	struct termios		before, after;
	double			ms;

	pty_open();
	tcgetattr(slave, &before);

	/* A narrow terminal that draws each emoji of a sequence. */
	tap_is_int(exchange("\033[1;2R\033[1;7R\033[1;5R", &r, &ms), 1,
	    "narrow terminal: the questions are asked, the answers read");
	tap_is_int(r.ambiguous, AMBIGUOUS_NARROW, "a curly quote in 1 column");
	tap_is_int(r.zwj_joins, 0, "a ZWJ sequence drawn as 3 emoji");
	tap_is_int(r.modifier_joins, 0, "a skin tone drawn apart");
	tcgetattr(slave, &after);
	tap_ok(after.c_lflag == before.c_lflag &&
	    after.c_cc[VMIN] == before.c_cc[VMIN] &&
	    after.c_cc[VTIME] == before.c_cc[VTIME],
	    "the terminal's modes are given back (echo, canonical input)");

	/* A CJK terminal: ambiguous wide, sequences joined. */
	tap_is_int(exchange("\033[24;3R\033[24;3R\033[24;3R", &r, &ms), 1,
	    "wide terminal (on its last row): answers read");
	tap_is_int(r.ambiguous, AMBIGUOUS_WIDE, "a curly quote in 2 columns");
	tap_is_int(r.zwj_joins, 1, "a ZWJ sequence as one glyph");
	tap_is_int(r.modifier_joins, 1, "a skin tone with its emoji");

	tap_is_int(r.clusters, 0, "no mode report: no grapheme cluster mode");

	/* A terminal with grapheme cluster mode (2027) answers its report
	 * first: off (2, lede sets it), on (1), always on (3); one that
	 * does not know it (0) or has it always off (4) is none. */
	tap_is_int(exchange("\033[?2027;2$y\033[1;2R\033[1;3R\033[1;3R", &r,
	    &ms), 1, "mode 2027 reported off: answers read");
	tap_is_int(r.clusters, 2, "... the mode is known, to be set");
	tap_is_int(r.zwj_joins, 1, "... a ZWJ sequence as one glyph");
	tap_ok(r.ntyped == 0, "... and the report is not taken for keys");
	{
		static const struct {
			const char	*answer, *what;
			int		 clusters;
		} reports[] = {
			{ "\033[?2027;1$y\033[1;2R\033[1;3R\033[1;3R",
			    "mode 2027 reported on", 1 },
			{ "\033[?2027;3$y\033[1;2R\033[1;3R\033[1;3R",
			    "mode 2027 always on", 3 },
			{ "\033[?2027;0$y\033[1;2R\033[1;7R\033[1;5R",
			    "mode 2027 not recognised (0)", 0 },
			{ "\033[?2027;4$y\033[1;2R\033[1;7R\033[1;5R",
			    "mode 2027 always off (4)", 0 },
			{ "\033[?2028;2$y\033[1;2R\033[1;7R\033[1;5R",
			    "another mode's report", 0 },
		};
		size_t	k;

		for (k = 0; k < sizeof reports / sizeof reports[0]; k++) {
			tap_is_int(exchange(reports[k].answer, &r, &ms), 1,
			    "%s: answers read", reports[k].what);
			tap_is_int(r.clusters, reports[k].clusters,
			    "... cluster mode %d", reports[k].clusters);
		}
	}
	tap_is_int(exchange("\033[?2027;2x\033[1;2R\033[1;7R\033[1;5R", &r,
	    &ms), 1, "a broken report: answers still read");
	tap_is_int(r.clusters, 0, "... no cluster mode");
	tap_ok(r.ntyped == 0 || (r.ntyped == 1 && r.typed[0] == 'x'),
	    "... nothing of it taken for a key but its last byte");

	/* Keys typed before the answers are kept for the reader. */
	tap_is_int(exchange("x\033[1;3R\033[1;7R\033[1;5R", &r, &ms), 1,
	    "a key before the answers: answers still read");
	tap_is_int(r.ambiguous, AMBIGUOUS_WIDE, "... and right");
	tap_ok(r.ntyped == 1 && r.typed[0] == 'x',
	    "... and the key is kept, not lost");
	tap_is_int(exchange("/ab\033[1;2R\033\033[1;7Rc\033[A\033[1;5R", &r,
	    &ms), 1, "keys, Esc and an arrow among the answers: answers read");
	tap_ok(r.ntyped == 8 && memcmp(r.typed, "/ab\033c\033[A", 8) == 0,
	    "... and every key kept, in order");
	tap_is_int(exchange("q", &r, &ms), -1,
	    "a key and no answer: no result");
	tap_ok(r.ntyped == 1 && r.typed[0] == 'q', "... but the key is kept");

	/* Keys typed right after the answers (arriving with them) are left
	 * for curses: the answers are read in pieces, never past an R. */
	tap_is_int(exchange("\033[1;2R\033[12;34R\033[1;5Rjk", &r, &ms), 1,
	    "keys right after the answers: answers read");
	tap_ok(input_is("jk"), "... and the keys are left for curses");

	/* No answer: the defaults, after the timeout, not forever. */
	tap_is_int(exchange(NULL, &r, &ms), -1,
	    "a terminal that does not answer: no result");
	tap_ok(ms >= 150 && ms < 2000, "given up after about 0.2 s (%.0f ms)",
	    ms);
	tcgetattr(slave, &after);
	tap_ok(after.c_lflag == before.c_lflag,
	    "modes given back after the timeout too");

	/*
	 * Curses starts between the questions and the answers, and sets the
	 * modes (VMIN 1: a read waits for a byte). A silent terminal must
	 * still cost 0.2 s, not hang (alarm: 5 s), and answers with keys
	 * after them must still be read, the keys left.
	 */
	{
		struct probe	*p;
		struct termios	 t;
		char		 buf[256];
		double		 t0;
		int		 i;

		for (i = 0; i < 2; i++) {
			p = probe_ask(slave);
			terminal_read(buf, sizeof asked - 1);
			tcgetattr(slave, &t);
			t.c_lflag &= ~(tcflag_t)ICANON;
			t.c_cc[VMIN] = 1;
			t.c_cc[VTIME] = 0;
			tcsetattr(slave, TCSANOW, &t);
			if (i == 1)
				(void)!write(master,
				    "\033[1;2R\033[1;7R\033[1;5Rq", 19);
			alarm(5);
			t0 = now_ms();
			if (i == 0) {
				tap_is_int(probe_answer(p, &r), -1,
				    "modes set in between, no answer: no result");
				tap_ok(now_ms() - t0 < 2000,
				    "... after about 0.2 s (%.0f ms)",
				    now_ms() - t0);
			} else {
				tap_is_int(probe_answer(p, &r), 0,
				    "modes set in between: answers read");
				tap_ok(input_is("q"), "... and the key after "
				    "them left");
			}
			alarm(0);
		}
	}

	/* One answer of three: no result. */
	tap_is_int(exchange("\033[1;3R", &r, &ms), -1,
	    "one answer of three: no result");

	/* Garbage where a number should be: what came after it is thrown
	 * away, not left for curses to take for keys. */
	tap_is_int(exchange("\033[1;zR\033[1;2R\033[1;2R", &r, &ms), -1,
	    "a malformed answer: no result");
	tap_ok(input_is(""), "the answers after it are not left for keys");

	/* Not a terminal: nothing is asked. */
	{
		int	fds[2];

		if (pipe(fds) == 0) {
			tap_ok(probe_ask(fds[1]) == NULL,
			    "a pipe is not asked anything");
			close(fds[0]);
			close(fds[1]);
		}
	}
	close(master);
	close(slave);
	return tap_done();
}
