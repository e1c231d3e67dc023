/*
 * state.c: lede's state directory, $XDG_STATE_HOME/lede/, and its files.
 *
 * Other lede processes share the directory, and anything else the user
 * runs may put files in it, so nothing found there is trusted:
 *
 *  - The directory must be a directory (not a symbolic link to one),
 *    owned by the user and writable by no one else. If it is not, it is
 *    refused: no state is read from it or written to it.
 *  - Every file is reached through a descriptor of the checked directory
 *    (openat, renameat), so the directory cannot be swapped after the
 *    check.
 *  - A file is read only if it is a regular file, opened without
 *    following a link or blocking (a FIFO), and at most STATE_FILE_MAX
 *    bytes long. Anything else costs a message, never the session.
 *  - A file is written whole to a new temporary file beside it (O_EXCL
 *    and O_NOFOLLOW: never an existing file, never through a link), which
 *    is then renamed over it: readers see the old file or the new one,
 *    and a link planted at the file's name is replaced, not followed.
 *  - Writers hold an exclusive flock(2) on lede/lock while they read the
 *    file as it is now, merge their changes into it and write it back, so
 *    that concurrent lede processes keep each other's state.
 *
 * state_work counts the entries that loading and merging touch, so that
 * a test can hold them to linear work without timing them.
 */

#include "config.h"

#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lede.h"

unsigned long	state_work;

/*
 * The path of a file in lede's state directory (NULL if there is no home
 * to put it in). The caller frees it. Nothing is made: reading state
 * leaves no trace; state_open() makes the directory before a write.
 */
char *
state_path(const char *file)
{
	const char	*xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char		*path;

	if (xdg != NULL && *xdg == '/')
		xasprintf(&path, "%s/lede/%s", xdg, file);
	else if (home != NULL && *home != '\0')
		xasprintf(&path, "%s/.local/state/lede/%s", home, file);
	else
		return NULL;
	return path;
}

/*
 * Make dir and the directories above it (mkdir -p, mode 0700). Returns 0,
 * or -1 if dir itself cannot be made.
 */
static int
state_mkdirs(char *dir)
{
	char	*p;

	for (p = dir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(dir, 0700);
		*p = '/';
	}
	if (mkdir(dir, 0700) == -1 && errno != EEXIST)
		return -1;
	return 0;
}

/* Is sb a directory lede may keep state in? If not, *cause says why. */
static int
state_dir_ok(const struct stat *sb, char **cause)
{
	const char	*why = NULL;

	if (S_ISLNK(sb->st_mode))
		why = "is a symbolic link";
	else if (!S_ISDIR(sb->st_mode))
		why = "is not a directory";
	else if (sb->st_uid != geteuid())
		why = "is not the user's";
	else if (sb->st_mode & (S_IWGRP | S_IWOTH))
		why = "is writable by others";
	if (why == NULL)
		return 1;
	xasprintf(cause, "state directory %s; no state kept", why);
	return 0;
}

/*
 * Open the state file at path for sf, labelled what in messages: check
 * its directory and keep a descriptor of it. If make, the directory is
 * made first; if not, and there is none, sf->dir is -1 and there is
 * nothing to read. Returns 0, or -1 with *cause allocated if the
 * directory is refused or cannot be made (sf then holds nothing).
 */
int
state_open(struct state_file *sf, const char *path, const char *what,
    int make, char **cause)
{
	struct stat	 lsb, sb;
	char		*dir, *slash, *why = NULL;
	int		 fd, absent;

	memset(sf, 0, sizeof *sf);
	sf->dir = sf->lock = -1;
	sf->what = what;
	if ((slash = strrchr(path, '/')) == NULL || slash == path ||
	    slash[1] == '\0') {
		xasprintf(cause, "no state directory; no state kept");
		return -1;
	}
	dir = xstrdup(path);
	dir[slash - path] = '\0';
	if (lstat(dir, &lsb) == -1) {
		absent = errno == ENOENT;
		if (absent && !make) {
			free(dir);
			sf->name = xstrdup(slash + 1);
			return 0;
		}
		if (!absent || state_mkdirs(dir) == -1 ||
		    lstat(dir, &lsb) == -1) {
			xasprintf(cause, "cannot %s the state directory; no "
			    "state kept", absent ? "make" : "reach");
			free(dir);
			return -1;
		}
	}
	if (!state_dir_ok(&lsb, cause)) {
		free(dir);
		return -1;
	}
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	free(dir);
	if (fd == -1 || fstat(fd, &sb) == -1 || !state_dir_ok(&sb, &why) ||
	    sb.st_dev != lsb.st_dev || sb.st_ino != lsb.st_ino) {
		if (why == NULL)
			xasprintf(&why, "cannot open the state directory; "
			    "no state kept");
		*cause = why;
		if (fd != -1)
			close(fd);
		return -1;
	}
	sf->dir = fd;
	sf->name = xstrdup(slash + 1);
	return 0;
}

/* Let go of the directory and the lock. */
void
state_close(struct state_file *sf)
{
	if (sf->lock != -1)
		close(sf->lock);	/* and the flock with it */
	if (sf->dir != -1)
		close(sf->dir);
	free(sf->name);
	sf->dir = sf->lock = -1;
	sf->name = NULL;
}

/*
 * Take the writers' lock, lede/lock, waiting for another lede to finish.
 * Returns 0, or -1 with *cause allocated.
 */
int
state_lock(struct state_file *sf, char **cause)
{
	struct stat	sb;
	int		fd;

	fd = openat(sf->dir, "lock", O_RDWR | O_CREAT | O_NOFOLLOW |
	    O_NONBLOCK | O_CLOEXEC, 0600);
	if (fd == -1 || fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		xasprintf(cause, "cannot lock the state directory; %s not "
		    "saved", sf->what);
		if (fd != -1)
			close(fd);
		return -1;
	}
	while (flock(fd, LOCK_EX) == -1) {
		if (errno != EINTR) {
			xasprintf(cause, "cannot lock the state directory; %s "
			    "not saved", sf->what);
			close(fd);
			return -1;
		}
	}
	sf->lock = fd;
	return 0;
}

/*
 * Read the state file whole into *data (NUL-terminated, the caller frees
 * it; NULL if there is no file). Returns 0; -1 with *cause allocated if
 * the file is not one lede reads (a link, not a regular file, too large),
 * which a write may replace; or -2 with *cause if reading it failed.
 */
int
state_read(struct state_file *sf, char **data, size_t *len, char **cause)
{
	struct stat	 sb;
	char		*buf;
	size_t		 cap, n = 0;
	ssize_t		 r;
	int		 fd;

	*data = NULL;
	*len = 0;
	if (sf->dir == -1)
		return 0;
	fd = openat(sf->dir, sf->name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC);
	if (fd == -1) {
		if (errno == ENOENT)
			return 0;
		if (errno == ELOOP || errno == EMLINK) {
			xasprintf(cause, "%s file is a symbolic link; not used",
			    sf->what);
			return -1;
		}
		xasprintf(cause, "%s file cannot be read; not used", sf->what);
		return -2;
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		xasprintf(cause, "%s file is not a regular file; not used",
		    sf->what);
		close(fd);
		return -1;
	}
	if (sb.st_size > STATE_FILE_MAX)
		goto large;
	/* One byte more than the size, to see it grow past the cap. */
	cap = (size_t)sb.st_size + 1;
	buf = xmalloc(cap + 1);
	for (;;) {
		if (n == cap) {
			if (cap > STATE_FILE_MAX) {
				free(buf);
				goto large;
			}
			cap = cap * 2 > STATE_FILE_MAX + 1 ?
			    (size_t)STATE_FILE_MAX + 1 : cap * 2;
			buf = xreallocarray(buf, cap + 1, 1);
		}
		if ((r = read(fd, buf + n, cap - n)) == 0)
			break;
		if (r == -1) {
			if (errno == EINTR)
				continue;
			xasprintf(cause, "%s file cannot be read; not used",
			    sf->what);
			free(buf);
			close(fd);
			return -2;
		}
		n += (size_t)r;
	}
	close(fd);
	fd = -1;
	if (n > STATE_FILE_MAX) {
		free(buf);
		goto large;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;

large:
	if (fd != -1)
		close(fd);
	xasprintf(cause, "%s file is larger than %d MB; not used", sf->what,
	    STATE_FILE_MAX >> 20);
	return -1;
}

/*
 * Make a new temporary file beside the state file, under a name no file
 * or link has: O_EXCL refuses any existing name, a link included.
 * Returns its descriptor and *tmp (the caller frees it), or -1.
 */
static int
state_tmp(struct state_file *sf, char **tmp)
{
	static const char	 set[] = "abcdefghijklmnopqrstuvwxyz"
				     "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	static uint64_t		 counter;
	struct timespec		 ts;
	uint64_t		 x;
	char			 suffix[9];
	int			 fd, i, k;

	for (i = 0; i < 100; i++) {
		clock_gettime(CLOCK_REALTIME, &ts);
		x = ((uint64_t)getpid() << 40) ^ (uint64_t)ts.tv_sec ^
		    ((uint64_t)ts.tv_nsec << 20) ^ ++counter;
		/* A 64-bit mix (splitmix64's finaliser). */
		x ^= x >> 30;
		x *= 0xbf58476d1ce4e5b9ULL;
		x ^= x >> 27;
		x *= 0x94d049bb133111ebULL;
		x ^= x >> 31;
		for (k = 0; k < 8; k++) {
			suffix[k] = set[x % (sizeof set - 1)];
			x /= sizeof set - 1;
		}
		suffix[8] = '\0';
		xasprintf(tmp, "%s.%s", sf->name, suffix);
		fd = openat(sf->dir, *tmp, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd != -1)
			return fd;
		free(*tmp);
		*tmp = NULL;
		if (errno != EEXIST)
			break;
	}
	return -1;
}

/*
 * Replace the state file with len bytes of data: a new temporary file,
 * synced, renamed over it. Returns 0, or -1 with *cause allocated.
 */
int
state_replace(struct state_file *sf, const char *data, size_t len,
    char **cause)
{
	char	*tmp;
	size_t	 n = 0;
	ssize_t	 w;
	int	 fd, ok = 1;

	if (sf->dir == -1 || (fd = state_tmp(sf, &tmp)) == -1) {
		xasprintf(cause, "cannot write to the state directory; %s not "
		    "saved", sf->what);
		return -1;
	}
	while (ok && n < len) {
		if ((w = write(fd, data + n, len - n)) == -1) {
			if (errno != EINTR)
				ok = 0;
			continue;
		}
		n += (size_t)w;
	}
	ok = ok && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	if (!ok || renameat(sf->dir, tmp, sf->dir, sf->name) == -1) {
		unlinkat(sf->dir, tmp, 0);
		free(tmp);
		xasprintf(cause, "cannot write the %s file; not saved",
		    sf->what);
		return -1;
	}
	free(tmp);
	return 0;
}
