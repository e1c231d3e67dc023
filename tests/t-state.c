/*
 * t-state.c: the state files (state.c, position.c, history.c).
 *
 * Two lede processes keep each other's positions, marks and searches
 * (merged under a lock, the newest entry of a file winning), also when
 * several write at once; links planted in the state directory are
 * replaced, never followed; a directory others may write to is refused
 * and nothing is written to it; a FIFO, a link to /dev/zero, a file over
 * the size cap or a directory in place of a state file costs a message
 * and no time (each is tried in a child under alarm(), so that a hang is
 * reported, not waited for); 600,000-line files load in linear work
 * (state_work counts the steps); positions written before the time of
 * each entry was kept still read.
 */

#include "config.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lede.h"
#include "tap.h"

#define CHILDREN	6	/* writing at once */
#define CHILD_SAVES	5	/* each */
#define BIG_LINES	600000
#define HANG_SECONDS	20	/* a hostile file that hangs lede */

static char	*base;		/* the test's directory */

/* Write len bytes to path; returns 0 or -1. */
static int
write_file(const char *path, const char *data, size_t len)
{
	FILE	*f;

	if ((f = fopen(path, "w")) == NULL)
		return -1;
	if (fwrite(data, 1, len, f) != len) {
		fclose(f);
		return -1;
	}
	return fclose(f) == 0 ? 0 : -1;
}

/* Write a string to path; returns 0 or -1. */
static int
write_string(const char *path, const char *s)
{
	return write_file(path, s, strlen(s));
}

/* Is the file at path exactly s? */
static int
file_is(const char *path, const char *s)
{
	char	*data;
	size_t	 len;
	int	 same;

	if ((data = tap_slurp(path, &len)) == NULL)
		return 0;
	same = len == strlen(s) && memcmp(data, s, len) == 0;
	free(data);
	return same;
}

/* A fresh, empty directory for one case: base/name; returns its path. */
static char *
fresh_dir(const char *name)
{
	char	*dir;

	xasprintf(&dir, "%s/%s", base, name);
	if (mkdir(dir, 0700) == -1)
		tap_diag("mkdir %s: %s", dir, strerror(errno));
	return dir;
}

/* The path of file in the state directory home/lede; the caller frees it. */
static char *
in_state(const char *home, const char *file)
{
	char	*path;

	xasprintf(&path, "%s/lede/%s", home, file);
	return path;
}

/* Make home/lede with mode (chmod: the umask does not matter). */
static void
make_state_dir(const char *home, mode_t mode)
{
	char	*dir;

	xasprintf(&dir, "%s/lede", home);
	if (mkdir(dir, 0700) == -1 || chmod(dir, mode) == -1)
		tap_diag("mkdir %s: %s", dir, strerror(errno));
	free(dir);
}

/*
 * The paths of the state files under a fresh home for name, in buffers
 * of the caller: no heap memory for a forked child to leave behind.
 */
static void
fork_paths(const char *name, char *pp, char *hp, size_t size)
{
	char	*home = fresh_dir(name);

	make_state_dir(home, 0700);
	snprintf(pp, size, "%s/lede/positions", home);
	snprintf(hp, size, "%s/lede/history", home);
	free(home);
}

/* How many entries (other than . and ..) the directory has; -1 if none. */
static int
count_entries(const char *dir)
{
	DIR		*dp;
	struct dirent	*de;
	int		 n = 0;

	if ((dp = opendir(dir)) == NULL)
		return -1;
	while ((de = readdir(dp)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	closedir(dp);
	return n;
}

/* Put an entry for path at top, with mark m (a letter, or 0) at top + 1. */
static void
put(struct positions *ps, const char *path, size_t top, int m)
{
	struct position	p;

	memset(&p, 0, sizeof p);
	p.path = (char *)path;
	p.top = top;
	p.size = 1000;
	p.mtime = 1700000000;
	p.mtime_nsec = 5;
	if (m != 0) {
		p.marks[position_mark_index(m)] = top + 1;
		p.markset |= (uint64_t)1 << position_mark_index(m);
	}
	positions_put(ps, &p);
}

/* The top of path's entry, or -1. */
static long
top_of(struct positions *ps, const char *path)
{
	struct position	*p = positions_find(ps, path);

	return p != NULL ? (long)p->top : -1;
}

/* Is pattern in h? */
static int
has_pattern(const struct history *h, const char *pattern)
{
	size_t	i;

	for (i = 0; i < h->n; i++)
		if (strcmp(h->v[i], pattern) == 0)
			return 1;
	return 0;
}

/* Load positions from path, expecting no message; returns the result. */
static int
load_ok(struct positions *ps, const char *path)
{
	char	*cause = NULL;
	int	 r;

	if ((r = positions_load(ps, path, &cause)) == -1) {
		tap_diag("positions_load: %s", cause);
		free(cause);
	}
	return r;
}

/* Save, expecting no message; returns the result. */
static int
save_ok(struct positions *ps)
{
	char	*cause = NULL;
	int	 r;

	if ((r = positions_save(ps, &cause)) == -1) {
		tap_diag("positions_save: %s", cause);
		free(cause);
	}
	return r;
}

/* Add a pattern, expecting no message; returns the result. */
static int
add_ok(struct history *h, const char *pattern)
{
	char	*cause = NULL;
	int	 r;

	if ((r = history_add(h, pattern, &cause)) == -1) {
		tap_diag("history_add: %s", cause);
		free(cause);
	}
	return r;
}

/* Two processes (two loads here), each with its own entries, both save. */
static void
test_two_instances(void)
{
	struct positions	 a, b, c;
	struct history		 ha, hb, hc;
	char			*home = fresh_dir("two"), *pp, *hp;
	char			*cause = NULL;

	pp = in_state(home, "positions");
	hp = in_state(home, "history");
	load_ok(&a, pp);
	load_ok(&b, pp);
	put(&a, "/articles/one", 100, 'a');
	put(&b, "/articles/two", 200, 'b');
	tap_is_int(save_ok(&a), 0, "two instances: the first saves");
	tap_is_int(save_ok(&b), 0, "two instances: the second saves");
	load_ok(&c, pp);
	tap_is_int(top_of(&c, "/articles/one"), 100,
	    "two instances: the first one's position survives the second's "
	    "save");
	tap_is_int(top_of(&c, "/articles/two"), 200,
	    "two instances: the second one's position is there");
	tap_ok(positions_find(&c, "/articles/one") != NULL &&
	    positions_find(&c, "/articles/one")->markset ==
	    (uint64_t)1 << position_mark_index('a') &&
	    positions_find(&c, "/articles/one")->marks[0] == 101,
	    "two instances: the first one's mark survives");
	tap_is_int(top_of(&b, "/articles/one"), 100,
	    "two instances: the second sees the first's entry after its save");
	positions_free(&a);
	positions_free(&b);
	positions_free(&c);

	history_load(&ha, hp, &cause);
	history_load(&hb, hp, &cause);
	add_ok(&ha, "alpha");
	add_ok(&hb, "beta");
	add_ok(&ha, "gamma");
	history_load(&hc, hp, &cause);
	tap_ok(hc.n == 3 && strcmp(hc.v[0], "alpha") == 0 &&
	    strcmp(hc.v[1], "beta") == 0 && strcmp(hc.v[2], "gamma") == 0,
	    "two instances: both histories kept, in the order searched");
	tap_ok(ha.n == 3 && strcmp(ha.v[1], "beta") == 0,
	    "two instances: the first sees the second's search after a save");
	history_free(&ha);
	history_free(&hb);
	history_free(&hc);

	/* What one added goes after the file; each pattern once. */
	write_string(hp, "a\nb\nc\nb\n");
	history_load(&ha, hp, &cause);
	tap_ok(ha.n == 3 && strcmp(ha.v[0], "a") == 0 &&
	    strcmp(ha.v[1], "c") == 0 && strcmp(ha.v[2], "b") == 0,
	    "history: a duplicate in the file is read once, where it is last");
	write_string(hp, "a\nb\nc\n");
	add_ok(&ha, "d");
	add_ok(&ha, "b");
	tap_ok(file_is(hp, "a\nc\nd\nb\n"),
	    "history: what this process added goes after the file, each once");
	history_free(&ha);
	tap_is_int(count_entries(home), 1, "no other file beside lede/");
	{
		char	*dir;

		xasprintf(&dir, "%s/lede", home);
		tap_is_int(count_entries(dir), 3,
		    "lede/ holds positions, history and lock: no temporary "
		    "file left");
		free(dir);
	}
	free(pp);
	free(hp);
	free(home);
}

/* The newest entry of a file wins, whoever saves last. */
static void
test_newest_wins(void)
{
	struct positions	 a, b, c;
	char			*home = fresh_dir("newest"), *pp;
	int			 order;

	pp = in_state(home, "positions");
	for (order = 0; order < 2; order++) {
		load_ok(&a, pp);
		load_ok(&b, pp);
		put(&a, "/same", 10 + order, 0);
		put(&b, "/same", 20 + order, 0);	/* later */
		if (order == 0) {
			save_ok(&b);
			save_ok(&a);
		} else {
			save_ok(&a);
			save_ok(&b);
		}
		load_ok(&c, pp);
		tap_is_int(top_of(&c, "/same"), 20 + order,
		    "the newest position wins, saved %s", order == 0 ?
		    "first" : "last");
		tap_is_int((long)c.n, 1, "... one entry for the file");
		positions_free(&a);
		positions_free(&b);
		positions_free(&c);
	}

	/* A time yet to come is not believed: it cannot hold a file back. */
	write_string(pp,
	    "1 1000 1700000000.000000005 - 99999999999.0\t/future\n");
	load_ok(&a, pp);
	tap_ok(a.n == 1 && a.v[0].when == 0,
	    "a time yet to come counts as none");
	put(&a, "/future", 2, 0);
	save_ok(&a);
	load_ok(&b, pp);
	tap_is_int(top_of(&b, "/future"), 2,
	    "... and the position put now wins over it");
	positions_free(&a);
	positions_free(&b);
	free(pp);
	free(home);
}

/* In a child: load, and CHILD_SAVES times put an entry, save, search. */
static void
child_writes(const char *pp, const char *hp, int k, int go)
{
	struct positions	 ps;
	struct history		 h;
	char			 path[64], *cause = NULL, c;
	int			 i, bad = 0;

	alarm(HANG_SECONDS);
	if (read(go, &c, 1) != 0)	/* all start together */
		_exit(3);
	if (positions_load(&ps, pp, &cause) == -1 ||
	    history_load(&h, hp, &cause) == -1)
		_exit(2);
	for (i = 0; i < CHILD_SAVES; i++) {
		snprintf(path, sizeof path, "/child%d/article%d", k, i);
		put(&ps, path, (size_t)(k * 100 + i), 'a' + i);
		bad |= positions_save(&ps, &cause) == -1;
		snprintf(path, sizeof path, "child%d-search%d", k, i);
		bad |= history_add(&h, path, &cause) == -1;
	}
	positions_free(&ps);
	history_free(&h);
	_exit(bad);
}

/* Several processes saving at once, under the lock: nothing is lost. */
static void
test_children(void)
{
	struct positions	 ps;
	struct history		 h;
	char			 pp[1024], hp[1024], path[64], *cause = NULL;
	pid_t			 pid[CHILDREN];
	int			 fds[2], k, i, status, ok = 1, lost = 0;

	fork_paths("children", pp, hp, sizeof pp);
	if (pipe(fds) == -1)
		tap_diag("pipe: %s", strerror(errno));
	fflush(stdout);
	for (k = 0; k < CHILDREN; k++) {
		if ((pid[k] = fork()) == 0) {
			close(fds[1]);
			child_writes(pp, hp, k, fds[0]);
		}
	}
	close(fds[0]);
	close(fds[1]);		/* go */
	for (k = 0; k < CHILDREN; k++) {
		if (pid[k] == -1 || waitpid(pid[k], &status, 0) == -1 ||
		    !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			tap_diag("child %d: status %#x", k, status);
			ok = 0;
		}
	}
	tap_ok(ok, "%d processes saved %d times each, at once", CHILDREN,
	    CHILD_SAVES);
	load_ok(&ps, pp);
	history_load(&h, hp, &cause);
	for (k = 0; k < CHILDREN; k++)
		for (i = 0; i < CHILD_SAVES; i++) {
			snprintf(path, sizeof path, "/child%d/article%d", k, i);
			if (top_of(&ps, path) != k * 100 + i)
				lost++;
			snprintf(path, sizeof path, "child%d-search%d", k, i);
			if (!has_pattern(&h, path))
				lost++;
		}
	tap_is_int(lost, 0, "every position and search of every process is "
	    "kept");
	tap_is_int((long)ps.n, CHILDREN * CHILD_SAVES, "... once each");
	positions_free(&ps);
	history_free(&h);
}

/* Links planted in the state directory are replaced, never followed. */
static void
test_links(void)
{
	struct positions	 ps;
	struct history		 h;
	struct stat		 sb;
	char			*home = fresh_dir("links"), *pp, *hp, *secret;
	char			*other, *tmp, *cause = NULL;
	const char		*victim = "do not touch\n";
	const char		*theirs =
	    "7 1000 1700000000.000000005 -\t/secret\n";
	int			 r;

	pp = in_state(home, "positions");
	hp = in_state(home, "history");
	xasprintf(&secret, "%s/secret", home);
	xasprintf(&other, "%s/other", home);
	make_state_dir(home, 0700);
	write_string(secret, theirs);
	write_string(other, victim);
	if (symlink(secret, pp) == -1 || symlink(secret, hp) == -1)
		tap_diag("symlink: %s", strerror(errno));
	/* The temporary names lede used to write through. */
	xasprintf(&tmp, "%s.%ld.tmp", pp, (long)getpid());
	(void)!symlink(other, tmp);
	free(tmp);
	xasprintf(&tmp, "%s.%ld.tmp", hp, (long)getpid());
	(void)!symlink(other, tmp);
	free(tmp);

	r = positions_load(&ps, pp, &cause);
	tap_ok(r == -1 && cause != NULL && strstr(cause, "symbolic link"),
	    "a link at the positions file is not read: %s", cause ?
	    cause : "no message");
	tap_is_int((long)ps.n, 0, "... nothing read through it");
	free(cause);
	cause = NULL;
	put(&ps, "/mine", 5, 0);
	tap_is_int(save_ok(&ps), 0, "... and saving works");
	tap_ok(lstat(pp, &sb) == 0 && S_ISREG(sb.st_mode),
	    "... the link is replaced by a regular file");
	tap_ok(file_is(secret, theirs), "... its target is untouched");
	tap_ok(file_is(other, victim),
	    "a link at the old temporary name is not followed");
	positions_free(&ps);

	r = history_load(&h, hp, &cause);
	tap_ok(r == -1 && cause != NULL && strstr(cause, "symbolic link"),
	    "a link at the history file is not read: %s", cause ?
	    cause : "no message");
	free(cause);
	cause = NULL;
	add_ok(&h, "pattern");
	tap_ok(lstat(hp, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    file_is(hp, "pattern\n"), "... the link is replaced");
	tap_ok(file_is(secret, theirs) && file_is(other, victim),
	    "... no target is touched");
	history_free(&h);

	/* A link at the lock is not followed either. */
	{
		char	*lock = in_state(home, "lock");

		unlink(lock);
		(void)!symlink(other, lock);
		load_ok(&ps, pp);
		put(&ps, "/mine", 6, 0);
		r = positions_save(&ps, &cause);
		tap_ok(r == -1 && cause != NULL && strstr(cause, "lock"),
		    "a link at the lock: not saved, with a message: %s",
		    cause ? cause : "no message");
		tap_ok(file_is(other, victim), "... its target is untouched");
		free(cause);
		cause = NULL;
		positions_free(&ps);
		free(lock);
	}
	free(secret);
	free(other);
	free(pp);
	free(hp);
	free(home);
}

/* A state directory others may write to, or a link, is refused. */
static void
test_refused(void)
{
	struct positions	 ps;
	struct history		 h;
	struct stat		 sb;
	char			*home, *pp, *hp, *dir, *real, *cause = NULL;
	int			 r;

	home = fresh_dir("open");
	make_state_dir(home, 0777);
	pp = in_state(home, "positions");
	hp = in_state(home, "history");
	xasprintf(&dir, "%s/lede", home);
	r = positions_load(&ps, pp, &cause);
	tap_ok(r == -1 && cause != NULL && strstr(cause, "writable"),
	    "a state directory with mode 0777 is refused: %s",
	    cause ? cause : "no message");
	tap_ok(cause == NULL || strstr(cause, base) == NULL,
	    "... the message names no path");
	free(cause);
	cause = NULL;
	tap_ok(ps.path == NULL, "... nothing is kept this run");
	put(&ps, "/article", 1, 0);
	tap_is_int(positions_save(&ps, &cause), 0, "... saving does nothing");
	r = history_load(&h, hp, &cause);
	tap_ok(r == -1 && cause != NULL && h.path == NULL,
	    "... the history is refused too");
	free(cause);
	cause = NULL;
	history_add(&h, "pattern", &cause);
	tap_ok(cause == NULL && h.n == 1,
	    "... a search is kept in memory only");
	tap_is_int(count_entries(dir), 0, "... and nothing is written in it");
	positions_free(&ps);
	history_free(&h);

	/* Refused when saving too: it became open after the load. */
	chmod(dir, 0700);
	load_ok(&ps, pp);
	history_load(&h, hp, &cause);
	chmod(dir, 0757);
	put(&ps, "/article", 1, 0);
	r = positions_save(&ps, &cause);
	tap_ok(r == -1 && cause != NULL && strstr(cause, "writable"),
	    "a directory opened to others after the load: not saved: %s",
	    cause ? cause : "no message");
	free(cause);
	cause = NULL;
	r = history_add(&h, "pattern", &cause);
	tap_ok(r == -1 && cause != NULL, "... nor the history");
	free(cause);
	cause = NULL;
	tap_is_int(count_entries(dir), 0, "... and nothing is written");
	positions_free(&ps);
	history_free(&h);
	free(dir);
	free(pp);
	free(hp);
	free(home);

	/* lede/ a link to a good directory. */
	home = fresh_dir("linked");
	xasprintf(&real, "%s/real", home);
	mkdir(real, 0700);
	xasprintf(&dir, "%s/lede", home);
	(void)!symlink(real, dir);
	free(dir);
	pp = in_state(home, "positions");
	r = positions_load(&ps, pp, &cause);
	tap_ok(r == -1 && cause != NULL && strstr(cause, "symbolic link") &&
	    ps.path == NULL, "a state directory that is a link is refused: %s",
	    cause ? cause : "no message");
	free(cause);
	cause = NULL;
	put(&ps, "/article", 1, 0);
	positions_save(&ps, &cause);
	tap_ok(count_entries(real) == 0 && lstat(real, &sb) == 0,
	    "... and nothing is written where it points");
	positions_free(&ps);
	free(real);
	free(pp);
	free(home);
}

/*
 * In a child: load the positions (or the history, if hist) from path and
 * expect -1 with a message holding want and naming no path, nothing
 * read, and a save that replaces the file (unless it is a directory:
 * then one that fails). Returns 0, or which expectation failed.
 */
static int
hostile_child(const char *path, int hist, const char *want,
    int replaceable)
{
	struct positions	 ps;
	struct history		 h;
	struct stat		 sb;
	char			*cause = NULL;
	int			 r, bad = 0;

	if (hist)
		r = history_load(&h, path, &cause) != -1 || h.n != 0;
	else
		r = positions_load(&ps, path, &cause) != -1 || ps.n != 0;
	if (r || cause == NULL)
		bad = 1;
	else if (strstr(cause, want) == NULL || strstr(cause, base) != NULL)
		bad = 2;
	free(cause);
	cause = NULL;
	if (hist)
		r = history_add(&h, "pattern", &cause);
	else {
		put(&ps, "/article", 1, 0);
		r = positions_save(&ps, &cause);
	}
	if (bad == 0 && replaceable && (r != 0 || lstat(path, &sb) == -1 ||
	    !S_ISREG(sb.st_mode)))
		bad = 3;
	if (bad == 0 && !replaceable && (r != -1 || cause == NULL))
		bad = 4;
	free(cause);
	if (hist)
		history_free(&h);
	else
		positions_free(&ps);
	return bad;
}

/*
 * Try a hostile state file in a child under alarm() (hostile_child), so
 * that a hang is reported as a failure, not waited for.
 */
static void
hostile(const char *path, int hist, const char *want, int replaceable,
    const char *what)
{
	pid_t	pid;
	int	status;

	fflush(stdout);
	if ((pid = fork()) == 0) {
		alarm(HANG_SECONDS);
		_exit(hostile_child(path, hist, want, replaceable));
	}
	if (pid == -1 || waitpid(pid, &status, 0) == -1) {
		tap_ok(0, "%s: fork", what);
		return;
	}
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
		tap_ok(0, "%s: lede hung (more than %d s)", what,
		    HANG_SECONDS);
	else if (!tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "%s: not used, with a message (\"%s\"), at once", what, want))
		tap_diag("child status %#x", status);
}

/* Hostile state files cost a message, never a hang. */
static void
test_hostile(void)
{
	char	pp[1024], hp[1024];
	int	fd;

	fork_paths("hostile", pp, hp, sizeof pp);

	if (mkfifo(pp, 0600) == -1 || mkfifo(hp, 0600) == -1)
		tap_diag("mkfifo: %s", strerror(errno));
	hostile(pp, 0, "not a regular file", 1, "a FIFO as the positions");
	hostile(hp, 1, "not a regular file", 1, "a FIFO as the history");

	unlink(pp);
	unlink(hp);
	(void)!symlink("/dev/zero", pp);
	(void)!symlink("/dev/zero", hp);
	hostile(pp, 0, "symbolic link", 1, "a link to /dev/zero as the "
	    "positions");
	hostile(hp, 1, "symbolic link", 1, "a link to /dev/zero as the "
	    "history");

	unlink(pp);
	unlink(hp);
	if ((fd = open(pp, O_WRONLY | O_CREAT, 0600)) == -1 ||
	    ftruncate(fd, (off_t)STATE_FILE_MAX + 1) == -1 || close(fd) == -1)
		tap_diag("%s: %s", pp, strerror(errno));
	if ((fd = open(hp, O_WRONLY | O_CREAT, 0600)) == -1 ||
	    ftruncate(fd, (off_t)1 << 30) == -1 || close(fd) == -1)
		tap_diag("%s: %s", hp, strerror(errno));
	hostile(pp, 0, "larger than", 1, "positions one byte over the cap");
	hostile(hp, 1, "larger than", 1, "a 1 GB history");

	unlink(pp);
	unlink(hp);
	mkdir(pp, 0700);
	mkdir(hp, 0700);
	hostile(pp, 0, "not a regular file", 0, "a directory as the "
	    "positions");
	hostile(hp, 1, "not a regular file", 0, "a directory as the history");
	rmdir(pp);
	rmdir(hp);

	/* At the cap: read (NULs are no positions), no message. */
	if ((fd = open(pp, O_WRONLY | O_CREAT, 0600)) == -1 ||
	    ftruncate(fd, (off_t)STATE_FILE_MAX) == -1 || close(fd) == -1)
		tap_diag("%s: %s", pp, strerror(errno));
	{
		struct positions	ps;

		tap_ok(load_ok(&ps, pp) == 0 && ps.n == 0,
		    "a file of exactly the cap is read (NUL bytes: nothing)");
		positions_free(&ps);
	}
}

/* Positions written before each entry's time was kept still read. */
static void
test_old_format(void)
{
	struct positions	 ps;
	struct position		*p;
	char			*home = fresh_dir("old"), *pp;

	make_state_dir(home, 0700);
	pp = in_state(home, "positions");
	write_string(pp,
	    "5 100 1700000000.000000000 a=3,B=7\t/old/one\n"
	    "9 200 1700000001.000000002 -\t/old/two\n"
	    "garbage line\n"
	    "11 200 1700000001.000000002 -\t/old/two\n");
	load_ok(&ps, pp);
	tap_is_int((long)ps.n, 2, "old lines: both articles read");
	p = positions_find(&ps, "/old/one");
	tap_ok(p != NULL && p->top == 5 && p->size == 100 &&
	    p->mtime == 1700000000 && p->markset == ((uint64_t)1 << 0 |
	    (uint64_t)1 << 27) && p->marks[0] == 3 && p->marks[27] == 7 &&
	    p->when == 0, "old lines: top, size, mtime and marks read");
	tap_is_int(top_of(&ps, "/old/two"), 11,
	    "old lines: of two for one file, the later wins");
	positions_free(&ps);

	/* A line with a time is newer than any without one. */
	write_string(pp,
	    "2 100 1700000000.000000000 - 5.000000000\t/x\n"
	    "1 100 1700000000.000000000 -\t/x\n"
	    "3 100 1700000000.000000000 a=1 4.000000000\t/y\n"
	    "4 100 1700000000.000000000 - 4.000000000\t/y\n");
	load_ok(&ps, pp);
	tap_is_int(top_of(&ps, "/x"), 2,
	    "a line with a time wins over a later old one");
	tap_is_int(top_of(&ps, "/y"), 4, "of two as new, the later wins");
	tap_ok(ps.n == 2 && strcmp(ps.v[0].path, "/y") == 0,
	    "the entries are in order of age");
	positions_free(&ps);
	free(pp);
	free(home);
}

/* 600,000-line files load in linear work, with the right result. */
static void
test_big(void)
{
	struct positions	 ps;
	struct history		 h;
	FILE			*f;
	char			*home = fresh_dir("big"), *pp, *hp;
	char			*cause = NULL;
	char			 want[32];
	unsigned long		 before, work;
	int			 i;

	make_state_dir(home, 0700);
	pp = in_state(home, "positions");
	hp = in_state(home, "history");

	if ((f = fopen(hp, "w")) == NULL)
		tap_diag("%s: %s", hp, strerror(errno));
	for (i = 0; i < BIG_LINES; i++)
		fprintf(f, "pattern%d\n", i);
	fclose(f);
	before = state_work;
	history_load(&h, hp, &cause);
	work = state_work - before;
	snprintf(want, sizeof want, "pattern%d", BIG_LINES - 1);
	tap_ok(h.n == HISTORY_MAX && strcmp(h.v[h.n - 1], want) == 0,
	    "a %d-line history: its last %d patterns read", BIG_LINES,
	    HISTORY_MAX);
	tap_ok(work <= 2UL * BIG_LINES, "... in linear work: %lu steps "
	    "(at most 2 a line)", work);
	history_free(&h);
	free(cause);
	cause = NULL;

	/* Old lines, oldest first, as lede wrote them: no sorting. */
	if ((f = fopen(pp, "w")) == NULL)
		tap_diag("%s: %s", pp, strerror(errno));
	for (i = 0; i < BIG_LINES; i++)
		fprintf(f, "%d 0 0.0 -\t/%x\n", i, i);
	fclose(f);
	before = state_work;
	load_ok(&ps, pp);
	work = state_work - before;
	snprintf(want, sizeof want, "/%x", BIG_LINES - 1);
	tap_ok(ps.n == POSITION_MAX && strcmp(ps.v[ps.n - 1].path, want) == 0,
	    "a %d-line positions file: the last %d articles read", BIG_LINES,
	    POSITION_MAX);
	snprintf(want, sizeof want, "/%x", BIG_LINES - POSITION_MAX);
	tap_ok(ps.n > 0 && strcmp(ps.v[0].path, want) == 0,
	    "... oldest first");
	tap_ok(work <= 4UL * BIG_LINES, "... in linear work: %lu steps "
	    "(at most 4 a line)", work);
	positions_free(&ps);

	/* Newest first, with times: sorted, still linear. */
	if ((f = fopen(pp, "w")) == NULL)
		tap_diag("%s: %s", pp, strerror(errno));
	for (i = 0; i < BIG_LINES; i++)
		fprintf(f, "0 0 0.0 - %d.0\t/%x\n", BIG_LINES - i, i);
	fclose(f);
	before = state_work;
	load_ok(&ps, pp);
	work = state_work - before;
	snprintf(want, sizeof want, "/%x", POSITION_MAX - 1);
	tap_ok(ps.n == POSITION_MAX && strcmp(ps.v[ps.n - 1].path, "/0") == 0 &&
	    strcmp(ps.v[0].path, want) == 0,
	    "a %d-line positions file newest first: the newest %d read, "
	    "oldest first", BIG_LINES, POSITION_MAX);
	tap_ok(work <= 24UL * BIG_LINES, "... in linear work: %lu steps "
	    "(at most 24 a line)", work);
	positions_free(&ps);
	free(pp);
	free(hp);
	free(home);
}

/* Remove the test's directory tree. */
static void
cleanup(void)
{
	char	*cmd;

	xasprintf(&cmd, "rm -rf '%s'", base);
	if (system(cmd) != 0)
		tap_diag("could not remove %s", base);
	free(cmd);
}

int
main(void)
{
	const char	*tmpdir = getenv("TMPDIR");
	char		*tmpl;

	xasprintf(&tmpl, "%s/t-state.XXXXXX", tmpdir != NULL &&
	    *tmpdir == '/' ? tmpdir : "/tmp");
	if ((base = mkdtemp(tmpl)) == NULL) {
		tap_ok(0, "mkdtemp: %s", strerror(errno));
		return tap_done();
	}
	test_two_instances();
	test_newest_wins();
	test_children();
	test_links();
	test_refused();
	test_hostile();
	test_old_format();
	test_big();
	cleanup();
	free(base);
	return tap_done();
}
