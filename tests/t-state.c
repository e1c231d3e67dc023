/*
 * t-state.c: the state files (state.c, position.c, history.c).
 *
 * Links planted in the state directory are replaced, never followed; a
 * directory others may write to is refused and nothing is written to
 * it; a FIFO, a link to /dev/zero, a file over the size cap or a
 * directory in place of a state file costs a message and no time (each
 * is tried in a child under alarm(), so that a hang is reported, not
 * waited for).
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
 * In a child under alarm(): load the positions (or the history, if hist)
 * from path and expect -1 with a message holding want, nothing read, and
 * a save that replaces the file (unless it is a directory). Reports a
 * hang as a failure.
 */
static void
hostile(const char *path, int hist, const char *want, int replaceable,
    const char *what)
{
	struct positions	 ps;
	struct history		 h;
	struct stat		 sb;
	char			*cause = NULL;
	pid_t			 pid;
	int			 status, r;

	fflush(stdout);
	if ((pid = fork()) == 0) {
		alarm(HANG_SECONDS);
		if (hist) {
			r = history_load(&h, path, &cause);
			if (r != -1 || cause == NULL || h.n != 0)
				_exit(1);
		} else {
			r = positions_load(&ps, path, &cause);
			if (r != -1 || cause == NULL || ps.n != 0)
				_exit(1);
		}
		if (strstr(cause, want) == NULL || strstr(cause, base) != NULL)
			_exit(2);
		free(cause);
		cause = NULL;
		if (hist)
			r = history_add(&h, "pattern", &cause);
		else {
			put(&ps, "/article", 1, 0);
			r = positions_save(&ps, &cause);
		}
		if (replaceable && (r != 0 || lstat(path, &sb) == -1 ||
		    !S_ISREG(sb.st_mode)))
			_exit(3);
		if (!replaceable && (r != -1 || cause == NULL))
			_exit(4);
		_exit(0);
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
	char	*home = fresh_dir("hostile"), *pp, *hp;
	int	 fd;

	make_state_dir(home, 0700);
	pp = in_state(home, "positions");
	hp = in_state(home, "history");

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
	test_links();
	test_refused();
	test_hostile();
	cleanup();
	free(base);
	return tap_done();
}
