/*
 * drive.c: time lede against less in a pseudo-terminal, and lede --dump
 * against fold and fmt.
 *
 * usage: drive [-n runs] [-t timeout] lede-path file
 *
 * Each measurement spawns the pager afresh on an 80x24 pseudo-terminal
 * (forkpty), reads everything it writes with poll() and a monotonic clock,
 * and calls a screen "shown" when an expected token appears in the output
 * once escape sequences are stripped: LEDEBENCHFIRST for the first screen,
 * LEDEBENCHLAST after G, LEDEBENCHLAST (in the paragraph of the only
 * zyzzyvamarker) after "/zyzzyvamarker" and Enter written at once, and
 * "Pattern not found" after a regular expression that matches nothing,
 * written with Enter at once ("/", for lede Ctrl-R, the pattern),
 * LEDEBENCHMIDDLE for a pager opened at the middle of the article (lede
 * -p, less +/), where keys, resizes and (lede only) width changes, the
 * table of contents and the quote list are timed. The driver answers a
 * cursor position request (ESC [ 6 n) as a terminal would, so that lede's
 * terminal probe does not wait for its timeout. Memory comes from
 * /proc/PID/status: RssAnon sampled all along (its maximum is kept) and
 * VmHWM just before quitting. Runs alternate between lede and less. A
 * measurement that times out is reported as such, and a program that
 * timed out once is not asked again for that measurement.
 *
 * usage: drive -p [-n runs] [-t timeout] lede-path file
 *
 * A file that is one huge paragraph (bench/gen -p): the first screen, G,
 * memory, and in lede the keys - and + and a resize on its first screen.
 *
 * usage: drive -d lede-path file...
 *
 * lede --dump -w 80 of each file (best of 3), against the first.
 */

#include "config.h"

#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <locale.h>
#include <math.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#define ROWS		24
#define COLS		80
#define SETTLE		0.100	/* quiet time before sending a key, s */
#define QUICK		4	/* samples of first screen and G per run */
#define DUMP_TURNS	5	/* turns of the dumps, lede, fold, fmt, each */
#define KEY_IDLE	0.030	/* quiet time that ends a key's output, s */
#define KEY_TIMEOUT	2.0	/* a key that draws nothing by then, s */
#define KEY_ROUNDS	5	/* rounds of k, j, Space, b after G */
#define SAMPLE_EVERY	0.005	/* RssAnon sampling period, s */
#define MAXSAMPLES	4096

#define TOK_FIRST	"LEDEBENCHFIRST"
#define TOK_LAST	"LEDEBENCHLAST"
#define TOK_MARK	"zyzzyvamarker"
#define TOK_MIDDLE	"LEDEBENCHMIDDLE"
#define TOK_NOTFOUND	"Pattern not found"
/* A regular expression with no match in the articles (bench/gen's words),
 * with no literal to look for first: every lower-case letter may start. */
#define REGEX_NOMATCH	"[a-z]+ing [a-z]+ly [0-9]+"
#define BIG_ROWS	30	/* the size a resize goes to and back from */
#define BIG_COLS	100

enum { P_LEDE, P_LESS, NPROG };
enum {
	M_FIRST, M_G, M_SEARCH, M_REGEX, M_MIDDLE,
	M_ANON_OPEN, M_ANON_G, M_ANON_SEARCH, M_ANON_MIDDLE, M_HWM,
	M_KEY_J, M_KEY_K, M_KEY_SPACE, M_KEY_B, M_RESIZE, M_KEY_WIDER,
	M_KEY_NARROWER, M_TOC, M_QUOTES, M_KEY_J_FOUND,
	NMETRIC
};
enum { R_FOUND, R_IDLE, R_TIMEOUT, R_EOF };

/* One pager on one pseudo-terminal. */
struct sess {
	pid_t		 pid;
	int		 fd;
	int		 esc;		/* escape-stripping state */
	char		 win[64];	/* last stripped bytes */
	size_t		 winlen;
	char		 csi[16];	/* parameters of the current CSI */
	size_t		 ncsi;
	int		 col;		/* cursor column since the last CR */
	mbstate_t	 mbs;
	const char	*tok;
	int		 found;
	double		 tfound;
	double		 tlast;		/* time of the last byte read */
	unsigned long	 nbytes;
	double		 tsample;
	long		 anon_max;	/* kB */
};

/* Samples of one metric for one program. */
struct series {
	double	v[MAXSAMPLES];
	int	n;
	int	timeouts;
	int	skip;		/* timed out once: do not try again */
};

static struct series	 res[NPROG][NMETRIC];
static volatile pid_t	 child_pid = -1;
static char		 statedir[] = "/tmp/lede-bench.XXXXXX";

static int	rm_entry(const char *, const struct stat *, int, struct FTW *);
static double		 timeout_s = 60;
static long		 hwm_run[NPROG];	/* kB, this run's peak */
static const char	*prog_path[NPROG];

/* Seconds on the monotonic clock. */
static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Kill the pager we are running, if any, and leave. */
static void
on_signal(int sig)
{
	if (child_pid > 0)
		kill(child_pid, SIGKILL);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Read kB values of VmHWM and RssAnon from /proc/PID/status. */
static int
proc_mem(pid_t pid, long *hwm, long *anon)
{
	char	 path[64], line[256];
	FILE	*f;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL) {
		if (hwm != NULL && strncmp(line, "VmHWM:", 6) == 0)
			*hwm = strtol(line + 6, NULL, 10);
		else if (anon != NULL && strncmp(line, "RssAnon:", 8) == 0)
			*anon = strtol(line + 8, NULL, 10);
	}
	fclose(f);
	return 0;
}

/* Look for a new token from now on. */
static void
sess_expect(struct sess *s, const char *tok)
{
	s->tok = tok;
	s->found = 0;
	s->winlen = 0;
}

static void	sess_keys(struct sess *, const char *);

/* Follow the cursor column as a terminal would (for cursor reports). */
static void
sess_column(struct sess *s, unsigned char c)
{
	wchar_t	wc;
	size_t	r;
	int	w;

	if (c == '\r' || c == '\n') {
		s->col = 0;
		memset(&s->mbs, 0, sizeof s->mbs);
		return;
	}
	r = mbrtowc(&wc, (const char *)&c, 1, &s->mbs);
	if (r == (size_t)-2)
		return;
	if (r == (size_t)-1) {
		memset(&s->mbs, 0, sizeof s->mbs);
		return;
	}
	if ((w = wcwidth(wc)) > 0)
		s->col += w;
}

/* Answer a cursor position request (ESC [ 6 n) like a terminal. */
static void
sess_cpr(struct sess *s)
{
	char	buf[32];

	snprintf(buf, sizeof buf, "\033[1;%dR", s->col + 1);
	sess_keys(s, buf);
}

/*
 * Feed one output byte through the escape stripper (CSI, OSC/DCS strings,
 * two- and three-byte escapes) and the token matcher.
 */
static void
sess_byte(struct sess *s, unsigned char c, double t)
{
	size_t	tl;

	switch (s->esc) {
	case 1:				/* after ESC */
		if (c == '[') {
			s->esc = 2;
			s->ncsi = 0;
		}
		else if (c == ']' || c == 'P' || c == '_' || c == '^')
			s->esc = 3;
		else if (c >= 0x20 && c <= 0x2f)
			s->esc = 4;
		else
			s->esc = 0;
		return;
	case 2:				/* CSI parameters */
		if (c >= 0x40 && c <= 0x7e) {
			s->esc = 0;
			if (c == 'n' && s->ncsi == 1 && s->csi[0] == '6')
				sess_cpr(s);
		} else if (s->ncsi < sizeof s->csi)
			s->csi[s->ncsi++] = (char)c;
		return;
	case 3:				/* string until BEL or ESC \ */
		if (c == 0x07)
			s->esc = 0;
		else if (c == 0x1b)
			s->esc = 5;
		return;
	case 4:				/* ESC intermediate... final */
		if (c >= 0x30 && c <= 0x7e)
			s->esc = 0;
		return;
	case 5:
		s->esc = c == '\\' ? 0 : 3;
		return;
	}
	if (c == 0x1b) {
		s->esc = 1;
		return;
	}
	sess_column(s, c);
	if (s->winlen == sizeof s->win) {
		memmove(s->win, s->win + 1, sizeof s->win - 1);
		s->winlen--;
	}
	s->win[s->winlen++] = (char)c;
	if (s->tok == NULL || s->found)
		return;
	tl = strlen(s->tok);
	if (s->winlen >= tl &&
	    memcmp(s->win + s->winlen - tl, s->tok, tl) == 0) {
		s->found = 1;
		s->tfound = t;
	}
}

/* Sample RssAnon if it is time to. */
static void
sess_sample(struct sess *s, double t)
{
	long	anon = 0;

	if (t - s->tsample < SAMPLE_EVERY)
		return;
	s->tsample = t;
	if (proc_mem(s->pid, NULL, &anon) == 0 && anon > s->anon_max)
		s->anon_max = anon;
}

/*
 * Read the pager's output until the expected token shows (want_token), or
 * until nothing came for idle seconds after at least min_bytes new bytes
 * (idle > 0), or the deadline.
 */
static int
sess_pump(struct sess *s, double deadline, int want_token, double idle,
    unsigned long min_bytes)
{
	struct pollfd	 pfd;
	unsigned char	 buf[65536];
	unsigned long	 n0 = s->nbytes;
	double		 t, start = now(), quiet;
	ssize_t		 n, i;
	int		 ms;

	for (;;) {
		t = now();
		sess_sample(s, t);
		if (want_token && s->found)
			return R_FOUND;
		quiet = t - (s->tlast > start ? s->tlast : start);
		if (idle > 0 && quiet >= idle && s->nbytes - n0 >= min_bytes)
			return R_IDLE;
		if (t >= deadline)
			return R_TIMEOUT;
		ms = (int)((deadline - t) * 1000) + 1;
		if (ms > 5)
			ms = 5;
		pfd.fd = s->fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, ms) == -1) {
			if (errno == EINTR)
				continue;
			return R_EOF;
		}
		if (pfd.revents == 0)
			continue;
		n = read(s->fd, buf, sizeof buf);
		if (n <= 0) {
			if (n == -1 && (errno == EINTR || errno == EAGAIN))
				continue;
			return R_EOF;	/* EIO: the slave side is closed */
		}
		t = now();
		s->tlast = t;
		s->nbytes += (unsigned long)n;
		for (i = 0; i < n; i++)
			sess_byte(s, buf[i], t);
	}
}

/* Write keys to the pager. */
static void
sess_keys(struct sess *s, const char *keys)
{
	size_t	len = strlen(keys);
	ssize_t	n;

	while (len > 0) {
		n = write(s->fd, keys, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		keys += n;
		len -= (size_t)n;
	}
}

/*
 * Start a pager on a fresh 80x24 pseudo-terminal, with one more argument
 * before the file if opt is not NULL. Returns -1 on failure.
 */
static int
sess_start(struct sess *s, int prog, const char *opt, const char *file)
{
	struct winsize	ws;
	int		flags;

	/*
	 * A fresh state directory: lede would open where the last session
	 * left the file (its positions file), and less has no such memory.
	 */
	nftw(statedir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
	if (mkdir(statedir, 0700) == -1) {
		perror("drive: mkdir");
		return -1;
	}
	memset(s, 0, sizeof *s);
	memset(&ws, 0, sizeof ws);
	ws.ws_row = ROWS;
	ws.ws_col = COLS;
	s->pid = forkpty(&s->fd, NULL, NULL, &ws);
	if (s->pid == -1) {
		perror("drive: forkpty");
		return -1;
	}
	if (s->pid == 0) {
		ioctl(STDIN_FILENO, TIOCSWINSZ, &ws);
		if (opt != NULL)
			execlp(prog_path[prog], prog_path[prog], opt, file,
			    (char *)NULL);
		else
			execlp(prog_path[prog], prog_path[prog], file,
			    (char *)NULL);
		fprintf(stderr, "drive: %s: %s\n", prog_path[prog],
		    strerror(errno));
		_exit(127);
	}
	child_pid = s->pid;
	flags = fcntl(s->fd, F_GETFL);
	fcntl(s->fd, F_SETFL, flags | O_NONBLOCK);
	s->tsample = -1;
	return 0;
}

/* Ask the pager to quit; kill it if it will not. Reap it either way. */
static void
sess_end(struct sess *s)
{
	double	deadline;
	int	status;

	sess_keys(s, "q");
	deadline = now() + 2.0;
	while (waitpid(s->pid, &status, WNOHANG) == 0) {
		if (now() > deadline) {
			kill(s->pid, SIGKILL);
			waitpid(s->pid, &status, 0);
			break;
		}
		sess_expect(s, NULL);
		if (sess_pump(s, now() + 0.02, 0, 0, 0) == R_EOF)
			usleep(1000);
	}
	child_pid = -1;
	close(s->fd);
}

/* Kill a pager that timed out. */
static void
sess_kill(struct sess *s)
{
	kill(s->pid, SIGKILL);
	waitpid(s->pid, NULL, 0);
	child_pid = -1;
	close(s->fd);
}

/* Record a sample, or a timeout when v is negative. */
static void
record(int prog, int m, double v)
{
	struct series	*sr = &res[prog][m];

	if (v < 0) {
		sr->timeouts++;
		sr->skip = 1;
	} else if (sr->n < MAXSAMPLES)
		sr->v[sr->n++] = v;
}

/*
 * Start a pager (with opt before the file, if not NULL) and wait for tok
 * on its first screen; -1 if it never came.
 */
static int
open_at(struct sess *s, int prog, const char *opt, const char *file,
    const char *tok, double *elapsed)
{
	double	t0 = now();

	if (sess_start(s, prog, opt, file) == -1)
		return -1;
	sess_expect(s, tok);
	if (sess_pump(s, t0 + timeout_s, 1, 0, 0) != R_FOUND) {
		sess_kill(s);
		return -1;
	}
	if (elapsed != NULL)
		*elapsed = s->tfound - t0;
	sess_pump(s, now() + timeout_s, 0, SETTLE, 0);
	return 0;
}

/* Start a pager and wait for its first screen; -1 if it never came. */
static int
open_first(struct sess *s, int prog, const char *file, double *elapsed)
{
	return open_at(s, prog, NULL, file, TOK_FIRST, elapsed);
}

/* First screen, and memory after opening. */
static void
run_first(int prog, const char *file)
{
	struct sess	s;
	double		t;
	long		hwm = 0, anon = 0;

	if (res[prog][M_FIRST].skip)
		return;
	if (open_first(&s, prog, file, &t) == -1) {
		record(prog, M_FIRST, -1);
		return;
	}
	proc_mem(s.pid, &hwm, &anon);
	record(prog, M_FIRST, t * 1000);
	record(prog, M_ANON_OPEN, (anon > s.anon_max ? anon : s.anon_max) /
	    1024.0);
	if (hwm > hwm_run[prog])
		hwm_run[prog] = hwm;
	sess_end(&s);
}

/* Time one key: from writing it to the last byte before a quiet gap. */
static void
time_key(struct sess *s, int prog, int m, const char *key)
{
	double	tw;

	sess_expect(s, NULL);
	tw = now();
	s->tlast = 0;
	sess_keys(s, key);
	if (sess_pump(s, tw + KEY_TIMEOUT, 0, KEY_IDLE, 1) != R_IDLE) {
		res[prog][m].timeouts++;
		return;
	}
	record(prog, m, (s->tlast - tw) * 1000);
}

/*
 * Time a resize to rows x cols: the kernel sends SIGWINCH to the pager's
 * process group when the size changes.
 */
static void
time_resize(struct sess *s, int prog, int rows, int cols)
{
	struct winsize	ws;
	double		tw;

	memset(&ws, 0, sizeof ws);
	ws.ws_row = (unsigned short)rows;
	ws.ws_col = (unsigned short)cols;
	sess_expect(s, NULL);
	tw = now();
	s->tlast = 0;
	ioctl(s->fd, TIOCSWINSZ, &ws);
	if (sess_pump(s, tw + KEY_TIMEOUT, 0, KEY_IDLE, 1) != R_IDLE) {
		res[prog][M_RESIZE].timeouts++;
		return;
	}
	record(prog, M_RESIZE, (s->tlast - tw) * 1000);
}

/* Time a key until tok shows; then close what it opened with close. */
static void
time_overlay(struct sess *s, int prog, int m, const char *key,
    const char *tok, const char *close)
{
	double	tw;

	if (res[prog][m].skip)
		return;
	sess_expect(s, tok);
	tw = now();
	sess_keys(s, key);
	if (sess_pump(s, tw + timeout_s, 1, 0, 0) != R_FOUND) {
		record(prog, m, -1);
		return;
	}
	record(prog, m, (s->tfound - tw) * 1000);
	sess_pump(s, now() + timeout_s, 0, SETTLE, 0);
	sess_keys(s, close);
	sess_pump(s, now() + timeout_s, 0, SETTLE, 0);
}

/* G until the last row shows, memory after it, then per-key latency. */
static void
run_g(int prog, const char *file)
{
	struct sess	s;
	double		tw;
	long		hwm = 0, anon = 0;

	if (res[prog][M_G].skip)
		return;
	if (open_first(&s, prog, file, NULL) == -1) {
		record(prog, M_G, -1);
		return;
	}
	sess_expect(&s, TOK_LAST);
	tw = now();
	sess_keys(&s, "G");
	if (sess_pump(&s, tw + timeout_s, 1, 0, 0) != R_FOUND) {
		record(prog, M_G, -1);
		sess_kill(&s);
		return;
	}
	record(prog, M_G, (s.tfound - tw) * 1000);
	sess_pump(&s, now() + timeout_s, 0, SETTLE, 0);
	proc_mem(s.pid, &hwm, &anon);
	record(prog, M_ANON_G, (anon > s.anon_max ? anon : s.anon_max) /
	    1024.0);
	if (hwm > hwm_run[prog])
		hwm_run[prog] = hwm;
	sess_end(&s);
}

/*
 * Open at the middle of the article (lede -p, less +/), then per-key
 * latency: rounds of k, j, Space, b, a resize to 100x30 and back, and for
 * lede + and - (the width of the text column); then t and " until their
 * lists show (lede only). Memory over the whole session.
 */
static void
run_middle(int prog, const char *file)
{
	struct sess	s;
	double		t;
	long		hwm = 0, anon = 0;
	int		i;

	if (res[prog][M_MIDDLE].skip)
		return;
	if (open_at(&s, prog, prog == P_LEDE ? "-p" TOK_MIDDLE :
	    "+/" TOK_MIDDLE, file, TOK_MIDDLE, &t) == -1) {
		record(prog, M_MIDDLE, -1);
		return;
	}
	record(prog, M_MIDDLE, t * 1000);
	for (i = 0; i < KEY_ROUNDS; i++) {
		time_key(&s, prog, M_KEY_K, "k");
		time_key(&s, prog, M_KEY_J, "j");
		time_key(&s, prog, M_KEY_SPACE, " ");
		time_key(&s, prog, M_KEY_B, "b");
		time_resize(&s, prog, BIG_ROWS, BIG_COLS);
		time_resize(&s, prog, ROWS, COLS);
		if (prog == P_LEDE) {
			time_key(&s, prog, M_KEY_NARROWER, "-");
			time_key(&s, prog, M_KEY_WIDER, "+");
		}
	}
	if (prog == P_LEDE) {
		time_overlay(&s, prog, M_TOC, "t", "Contents", "q");
		time_overlay(&s, prog, M_QUOTES, "\"", "Quotes", "q");
	}
	sess_pump(&s, now() + timeout_s, 0, SETTLE, 0);
	proc_mem(s.pid, &hwm, &anon);
	record(prog, M_ANON_MIDDLE, (anon > s.anon_max ? anon : s.anon_max) /
	    1024.0);
	if (hwm > hwm_run[prog])
		hwm_run[prog] = hwm;
	sess_end(&s);
}

/*
 * /marker and Enter, written at once, until the match shows, and memory
 * after it. (lede searches as keys are typed, but gives up a scan while
 * keys wait; written at once, both pagers search once, on Enter.) The
 * token is LEDEBENCHLAST, in the match's paragraph: the prompt's echo of
 * the pattern must not count.
 */
static void
run_search(int prog, const char *file)
{
	struct sess	s;
	double		tw;
	long		hwm = 0, anon = 0;

	if (res[prog][M_SEARCH].skip)
		return;
	if (open_first(&s, prog, file, NULL) == -1) {
		record(prog, M_SEARCH, -1);
		return;
	}
	sess_expect(&s, TOK_LAST);
	tw = now();
	sess_keys(&s, "/" TOK_MARK "\r");
	if (sess_pump(&s, tw + timeout_s, 1, 0, 0) != R_FOUND) {
		record(prog, M_SEARCH, -1);
		sess_kill(&s);
		return;
	}
	record(prog, M_SEARCH, (s.tfound - tw) * 1000);
	sess_pump(&s, now() + timeout_s, 0, SETTLE, 0);
	proc_mem(s.pid, &hwm, &anon);
	record(prog, M_ANON_SEARCH, (anon > s.anon_max ? anon : s.anon_max) /
	    1024.0);
	if (hwm > hwm_run[prog])
		hwm_run[prog] = hwm;
	sess_end(&s);
}

/*
 * A regular expression that matches nothing, and Enter, written at once,
 * until the pager says so: the whole article searched. lede takes Ctrl-R
 * at its prompt to switch to regular expressions; less has nothing else.
 */
static void
run_regex(int prog, const char *file)
{
	struct sess	s;
	double		tw;

	if (res[prog][M_REGEX].skip)
		return;
	if (open_first(&s, prog, file, NULL) == -1) {
		record(prog, M_REGEX, -1);
		return;
	}
	sess_expect(&s, TOK_NOTFOUND);
	tw = now();
	sess_keys(&s, prog == P_LEDE ? "/\022" REGEX_NOMATCH "\r" :
	    "/" REGEX_NOMATCH "\r");
	if (sess_pump(&s, tw + timeout_s, 1, 0, 0) != R_FOUND) {
		record(prog, M_REGEX, -1);
		sess_kill(&s);
		return;
	}
	record(prog, M_REGEX, (s.tfound - tw) * 1000);
	sess_end(&s);
}

/* Compare doubles for qsort. */
static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The median of a series, NAN if it is empty; sorts it. */
static double
median(struct series *sr)
{
	if (sr->n == 0)
		return NAN;
	qsort(sr->v, (size_t)sr->n, sizeof sr->v[0], cmp_double);
	if (sr->n % 2 == 1)
		return sr->v[sr->n / 2];
	return (sr->v[sr->n / 2 - 1] + sr->v[sr->n / 2]) / 2;
}

/* "median (min-max)" or "n/a (timeout)" for a series. */
static void
fmt_series(char *out, size_t size, struct series *sr)
{
	double	m = median(sr);
	int	k;

	if (sr->n == 0) {
		snprintf(out, size, "%s", sr->timeouts > 0 ? "n/a (timeout)" :
		    "n/a");
		return;
	}
	k = snprintf(out, size, "%.1f (%.1f-%.1f)", m, sr->v[0],
	    sr->v[sr->n - 1]);
	if (sr->timeouts > 0 && k > 0 && (size_t)k < size)
		snprintf(out + k, size - (size_t)k, " %dto", sr->timeouts);
}

/* Print one table row. */
static void
row(const char *name, const char *a, const char *b, double ratio,
    const char *target, const char *verdict)
{
	char	r[32];

	if (isnan(ratio))
		snprintf(r, sizeof r, "-");
	else
		snprintf(r, sizeof r, "%.2fx", ratio);
	printf("%-22s %-24s %-24s %7s  %-13s %s\n", name, a, b, r, target,
	    verdict);
}

/* A row comparing lede with less; max_ratio < 0 means no ratio target. */
static void
row_cmp(const char *name, int m, double max_ratio, const char *target)
{
	char	a[64], b[64];
	double	ma, mb, ratio;

	fmt_series(a, sizeof a, &res[P_LEDE][m]);
	fmt_series(b, sizeof b, &res[P_LESS][m]);
	ma = median(&res[P_LEDE][m]);
	mb = median(&res[P_LESS][m]);
	ratio = isnan(ma) || isnan(mb) || mb <= 0 ? NAN : ma / mb;
	row(name, a, b, ratio, target, max_ratio < 0 ? "" : isnan(ratio) ?
	    "FAIL" : ratio <= max_ratio ? "PASS" : "FAIL");
}

/*
 * A row with an absolute limit on lede: its maximum or its median (no
 * verdict if limit < 0).
 */
static void
row_abs(const char *name, int m, double limit, int use_max,
    const char *target)
{
	struct series	*sr = &res[P_LEDE][m];
	char		 a[64], b[64];
	double		 ma, mb, v;

	fmt_series(a, sizeof a, sr);
	fmt_series(b, sizeof b, &res[P_LESS][m]);
	ma = median(sr);
	mb = median(&res[P_LESS][m]);
	v = use_max && sr->n > 0 ? sr->v[sr->n - 1] : ma;
	row(name, a, b, isnan(ma) || isnan(mb) || mb <= 0 ? NAN : ma / mb,
	    target, limit < 0 ? "" : isnan(v) || sr->timeouts > 0 ? "FAIL" :
	    v < limit ? "PASS" : "FAIL");
}

/*
 * A huge paragraph: open it, then - and +, and a resize to 100x30 and
 * back (lede); memory over the session.
 */
static void
run_paragraph(int prog, const char *file)
{
	struct sess	s;
	long		hwm = 0, anon = 0;
	int		i;

	if (open_first(&s, prog, file, NULL) == -1)
		return;
	for (i = 0; i < KEY_ROUNDS; i++) {
		time_resize(&s, prog, BIG_ROWS, BIG_COLS);
		time_resize(&s, prog, ROWS, COLS);
		if (prog == P_LEDE) {
			time_key(&s, prog, M_KEY_NARROWER, "-");
			time_key(&s, prog, M_KEY_WIDER, "+");
		}
	}
	/* A search on: a row down draws the matches of the rows shown. */
	sess_keys(&s, "/the\r");
	sess_pump(&s, now() + timeout_s, 0, SETTLE, 0);
	for (i = 0; i < KEY_ROUNDS; i++)
		time_key(&s, prog, M_KEY_J_FOUND, "j");
	sess_pump(&s, now() + timeout_s, 0, SETTLE, 0);
	proc_mem(s.pid, &hwm, &anon);
	record(prog, M_ANON_MIDDLE, (anon > s.anon_max ? anon : s.anon_max) /
	    1024.0);
	if (hwm > hwm_run[prog])
		hwm_run[prog] = hwm;
	sess_end(&s);
}

/* Run argv with output to /dev/null; wall seconds, or -1 on failure. */
static double
time_cmd(const char *const argv[])
{
	double	t0, t;
	pid_t	pid;
	int	status, fd;

	t0 = now();
	if ((pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		if ((fd = open("/dev/null", O_RDWR)) != -1) {
			dup2(fd, STDIN_FILENO);
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);	/* lede: binary file */
		}
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	child_pid = pid;
	if (waitpid(pid, &status, 0) == -1)
		return -1;
	child_pid = -1;
	t = now() - t0;
	if (!WIFEXITED(status) || WEXITSTATUS(status) > 1)
		return -1;
	return t;
}

/* Keep t in *best if it is a time (not -1) and less. */
static void
best_of(double *best, double t)
{
	if (t >= 0 && (*best < 0 || t < *best))
		*best = t;
}

/* Best of three. */
static double
best_of_3(const char *const argv[])
{
	double	best = -1, t;
	int	i;

	for (i = 0; i < 3; i++) {
		t = time_cmd(argv);
		if (t >= 0 && (best < 0 || t < best))
			best = t;
	}
	return best;
}

/* Remove one entry of the state directory tree. */
static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	remove(path);
	return 0;
}

/* Say how to call us and leave. */
static void
usage(void)
{
	fputs("usage: drive [-p] [-n runs] [-t timeout] lede-path file\n"
	    "       drive -d lede-path file...\n", stderr);
	exit(2);
}

/* -d: the dump of each file, best of 3, against the first. */
static int
dumps(const char *lede, char **files, int n)
{
	const char	*dl[] = { lede, "--dump", "-w", "80", NULL, NULL };
	double		 t, first = -1;
	char		 a[64], r[32];
	int		 i;

	printf("%-32s %12s %9s\n", "dump -w 80 (best of 3)", "ms", "vs first");
	for (i = 0; i < n; i++) {
		dl[4] = files[i];
		t = best_of_3(dl);
		if (i == 0)
			first = t;
		if (t < 0)
			snprintf(a, sizeof a, "failed");
		else
			snprintf(a, sizeof a, "%.1f", t * 1000);
		if (t < 0 || first <= 0)
			snprintf(r, sizeof r, "-");
		else
			snprintf(r, sizeof r, "%.2fx", t / first);
		printf("%-32s %12s %9s\n", files[i], a, r);
	}
	fflush(stdout);
	return 0;
}

int
main(int argc, char **argv)
{
	struct stat	 st;
	const char	*e, *file;
	char		 a[64], b[64], c[64];
	double		 mb, t_lede, t_fold, t_fmt, t_grep, ms, rat;
	int		 ch, runs = 5, i, k, p, para = 0, dump = 0;

	if ((e = getenv("BENCH_RUNS")) != NULL && atoi(e) > 0)
		runs = atoi(e);
	if ((e = getenv("BENCH_TIMEOUT")) != NULL && atof(e) > 0)
		timeout_s = atof(e);
	while ((ch = getopt(argc, argv, "dn:pt:")) != -1) {
		switch (ch) {
		case 'd':
			dump = 1;
			break;
		case 'p':
			para = 1;
			break;
		case 'n':
			runs = atoi(optarg);
			break;
		case 't':
			timeout_s = atof(optarg);
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (dump && argc >= 2)
		return dumps(argv[0], argv + 1, argc - 1);
	if (dump || argc != 2 || runs < 1 || timeout_s <= 0)
		usage();
	prog_path[P_LEDE] = argv[0];
	prog_path[P_LESS] = (e = getenv("BENCH_LESS")) != NULL ? e : "less";
	file = argv[1];
	if (stat(file, &st) == -1) {
		perror(file);
		return 1;
	}
	mb = st.st_size / 1048576.0;

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	if (mkdtemp(statedir) == NULL) {
		perror("drive: mkdtemp");
		return 1;
	}
	setlocale(LC_CTYPE, "C.UTF-8");
	setenv("TERM", "xterm-256color", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	setenv("XDG_STATE_HOME", statedir, 1);
	setenv("XDG_DATA_HOME", statedir, 1);
	setenv("LESSHISTFILE", "-", 1);
	unsetenv("LEDE");	/* lede's default options */
	unsetenv("LESS");
	unsetenv("LESSOPEN");
	unsetenv("LESSCLOSE");
	unsetenv("COLUMNS");
	unsetenv("LINES");

	for (i = 0; para && i < runs; i++) {
		memset(hwm_run, 0, sizeof hwm_run);
		for (k = 0; k < QUICK; k++) {
			for (p = 0; p < NPROG; p++)
				run_first(p, file);
			for (p = 0; p < NPROG; p++)
				run_g(p, file);
		}
		for (p = 0; p < NPROG; p++)
			run_paragraph(p, file);
		for (p = 0; p < NPROG; p++)
			if (hwm_run[p] > 0)
				record(p, M_HWM, hwm_run[p] / 1024.0);
	}
	if (para) {
		nftw(statedir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
		printf("== %s: %.1f MB, one paragraph, %dx%d, %d run%s each "
		    "==\n", file, mb, COLS, ROWS, runs, runs == 1 ? "" : "s");
		printf("%-22s %-24s %-24s %7s  %-13s %s\n", "metric",
		    "lede median (min-max)", "less median (min-max)", "ratio",
		    "target", "result");
		row_cmp("first screen, ms", M_FIRST, -1, "-");
		row_cmp("G to last row, ms", M_G, -1, "-");
		row_abs("RssAnon open, MB", M_ANON_OPEN, 32.0 + 1e-9, 1,
		    "<=32 MB");
		row_abs("RssAnon keys, MB", M_ANON_MIDDLE, 64.0 + 1e-9, 1,
		    "<=64 MB");
		row_cmp("VmHWM (max/run), MB", M_HWM, -1, "-");
		row_abs("resize, ms", M_RESIZE, -1, 0, "-");
		row_abs("key + (wider), ms", M_KEY_WIDER, -1, 0, "-");
		row_abs("key - (narrower), ms", M_KEY_NARROWER, -1, 0, "-");
		row_cmp("j, /the on, ms", M_KEY_J_FOUND, 1.0 + 1e-9, "<=1.0x");
		fflush(stdout);
		return 0;
	}
	for (i = 0; i < runs; i++) {
		memset(hwm_run, 0, sizeof hwm_run);
		/*
		 * The first screen and G take milliseconds, and their
		 * spread from run to run (the scheduler, page faults) is
		 * larger than what separates the two pagers: they are
		 * sampled QUICK times a run, still alternating.
		 */
		for (k = 0; k < QUICK; k++) {
			for (p = 0; p < NPROG; p++)
				run_first(p, file);
			for (p = 0; p < NPROG; p++)
				run_g(p, file);
		}
		for (p = 0; p < NPROG; p++)
			run_search(p, file);
		for (p = 0; p < NPROG; p++)
			run_regex(p, file);
		for (p = 0; p < NPROG; p++)
			run_middle(p, file);
		for (p = 0; p < NPROG; p++)
			if (hwm_run[p] > 0)
				record(p, M_HWM, hwm_run[p] / 1024.0);
	}

	{
		const char *const	gr[] = { "grep", "-c", TOK_MARK, file,
					    NULL };
		const char *const	dl[] = { prog_path[P_LEDE], "--dump",
					    "-w", "80", file, NULL };
		const char *const	fo[] = { "fold", "-s", "-w", "80",
					    file, NULL };
		const char *const	fm[] = { "fmt", "-w", "80", file,
					    NULL };

		t_grep = best_of_3(gr);
		/* In turns, so that the machine's drift (its speed changes
		 * by a fifth within minutes here) is the same for each. */
		t_lede = t_fold = t_fmt = -1;
		for (k = 0; k < DUMP_TURNS; k++) {
			best_of(&t_lede, time_cmd(dl));
			best_of(&t_fold, time_cmd(fo));
			best_of(&t_fmt, time_cmd(fm));
		}
	}
	nftw(statedir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);

	printf("== %s: %.1f MB, %dx%d, %d run%s each, timeout %.0f s ==\n",
	    file, mb, COLS, ROWS, runs, runs == 1 ? "" : "s", timeout_s);
	printf("%-22s %-24s %-24s %7s  %-13s %s\n", "metric", "lede median "
	    "(min-max)", "less median (min-max)", "ratio", "target",
	    "result");
	row_cmp("first screen, ms", M_FIRST, 1.0, "<=1.0x less");
	row_cmp("G to last row, ms", M_G, 1.0, "<=1.0x less");
	row_cmp("/marker to match, ms", M_SEARCH, 0.1, "<=0.1x less");
	ms = median(&res[P_LEDE][M_SEARCH]);
	fmt_series(a, sizeof a, &res[P_LEDE][M_SEARCH]);
	if (t_grep >= 0)
		snprintf(b, sizeof b, "grep -c: %.1f", t_grep * 1000);
	else
		snprintf(b, sizeof b, "grep -c: failed");
	rat = isnan(ms) || t_grep <= 0 ? NAN : ms / (t_grep * 1000);
	row("/marker vs grep, ms", a, b, rat, "<=10x grep", isnan(rat) ?
	    "FAIL" : rat <= 10 ? "PASS" : "FAIL");
	row_cmp("regex, no match, ms", M_REGEX, 1.0, "<=1.0x less");
	row_abs("RssAnon open, MB", M_ANON_OPEN, 32.0 + 1e-9, 1, "<=32 MB");
	row_abs("RssAnon G, MB", M_ANON_G, 32.0 + 1e-9, 1, "<=32 MB");
	row_abs("RssAnon search, MB", M_ANON_SEARCH, 32.0 + 1e-9, 1,
	    "<=32 MB");
	row_abs("RssAnon 50%,t,\", MB", M_ANON_MIDDLE, 32.0 + 1e-9, 1,
	    "<=32 MB");
	row_cmp("VmHWM (max/run), MB", M_HWM, -1, "-");
	row_cmp("open at 50% (-p), ms", M_MIDDLE, -1, "-");
	row_abs("key j at 50%, ms", M_KEY_J, 5.0, 0, "<5 ms");
	row_abs("key k at 50%, ms", M_KEY_K, 5.0, 0, "<5 ms");
	row_abs("key Space at 50%, ms", M_KEY_SPACE, 5.0, 0, "<5 ms");
	row_abs("key b at 50%, ms", M_KEY_B, 5.0, 0, "<5 ms");
	row_abs("resize at 50%, ms", M_RESIZE, 5.0, 0, "<5 ms");
	row_abs("key + at 50%, ms", M_KEY_WIDER, 5.0, 0, "<5 ms");
	row_abs("key - at 50%, ms", M_KEY_NARROWER, 5.0, 0, "<5 ms");
	row_abs("t: contents, ms", M_TOC, -1, 0, "-");
	row_abs("\": quote list, ms", M_QUOTES, -1, 0, "-");

	printf("%-22s %-24s %-24s %7s  %-13s %s\n", "dump -w 80 (best of 5)",
	    "MB/s", "", "vs fold", "target", "result");
#define RATE(t)	((t) > 0 ? mb / (t) : NAN)
	snprintf(a, sizeof a, "lede %.1f", RATE(t_lede));
	snprintf(b, sizeof b, "fold -s %.1f", RATE(t_fold));
	snprintf(c, sizeof c, "fmt %.1f", RATE(t_fmt));
	rat = t_lede > 0 && t_fold > 0 ? t_fold / t_lede : NAN;
	row("throughput", a, b, rat, ">=0.5x fold", isnan(rat) ? "FAIL" :
	    rat >= 0.5 ? "PASS" : "FAIL");
	row("", c, "", NAN, "", "");
	fflush(stdout);
	return 0;
}
