/*
 * t-source.c: a mapped file that shrinks, grows or is replaced under lede
 * reads as zeros past its new end instead of killing it with SIGBUS, and
 * source_changed() says so; a fault elsewhere still kills. What is read
 * rather than mapped (/dev/zero, a pipe, a FIFO) stops at
 * source_read_max() bytes, or when progress says so (Ctrl-C), and says
 * which. A gzip file is read inflated, members one after another, and
 * where its data is bad or ends early, what came before is kept.
 */

#include "config.h"

#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include <zlib.h>

#include "lede.h"
#include "tap.h"

#define PAGES	5

/* Write n bytes of c to path; returns 0 or -1. */
static int
write_file(const char *path, int c, size_t n)
{
	char	buf[4096];
	size_t	k;
	FILE	*f;

	if ((f = fopen(path, "w")) == NULL)
		return -1;
	memset(buf, c, sizeof buf);
	for (; n > 0; n -= k) {
		k = n < sizeof buf ? n : sizeof buf;
		if (fwrite(buf, 1, k, f) != k) {
			fclose(f);
			return -1;
		}
	}
	return fclose(f) == 0 ? 0 : -1;
}

/* Read every byte of the source; returns how many were zero. */
static size_t
read_all(const struct source *src)
{
	const volatile uint8_t	*p = src->data;
	size_t			 i, zeros = 0;

	for (i = 0; i < src->len; i++)
		if (p[i] == 0)
			zeros++;
	return zeros;
}

/* In a child: map a file outside source.c, truncate it, touch it. */
static int
foreign_fault_kills(const char *path, size_t size)
{
	struct source	 src;
	char		*cause = NULL;
	pid_t		 pid;
	int		 status, fd;
	void		*p;

	if ((pid = fork()) == -1)
		return 0;
	if (pid == 0) {
		/* The guard is installed by the first source. */
		if (write_file(path, 'x', size) == -1 ||
		    source_open_file(&src, path, &cause) == -1)
			_exit(3);
		if ((fd = open(path, O_RDONLY)) == -1)
			_exit(3);
		p = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (p == MAP_FAILED || truncate(path, 0) == -1)
			_exit(3);
		(void)read_all(&src);	/* our own mapping: survives */
		_exit(((volatile uint8_t *)p)[size - 1]);	/* dies */
	}
	if (waitpid(pid, &status, 0) == -1)
		return 0;
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS;
}

/* A progress function that stops after *arg bytes; counts its calls. */
static int	progress_calls;

static int
stop_after(void *arg, size_t len)
{
	progress_calls++;
	return len >= *(size_t *)arg;
}

/* A pipe holding n bytes (n below the pipe's buffer), its writer closed. */
static int
pipe_of(size_t n)
{
	char	buf[8192];
	int	fds[2];

	if (n > sizeof buf || pipe(fds) == -1)
		return -1;
	memset(buf, 'p', n);
	if (write(fds[1], buf, n) != (ssize_t)n) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	close(fds[1]);
	return fds[0];
}

/* Reading whole: the most read into memory, and Ctrl-C. */
static void
read_whole(void)
{
	struct source	 src;
	char		 why[64], fifo[64] = "/tmp/lede-t-source-fifo-XXXXXX";
	char		*cause = NULL;
	size_t		 max, stop;
	pid_t		 pid;
	int		 fd, st, r;

	max = source_read_max();
	tap_ok(max > 0 && max <= (size_t)1 << 30,
	    "the most read into memory: %zu MB, at most 1 GiB", max >> 20);

	source_set_read_max(1 << 20);
	tap_ok(source_open_file(&src, "/dev/zero", &cause) == 0,
	    "/dev/zero opens");
	tap_ok(src.cut == SOURCE_CUT_MAX && src.len == 1 << 20 &&
	    !src.mapped && src.binary,
	    "/dev/zero: cut at the most, 1 MB (%zu bytes, cut %d)", src.len,
	    src.cut);
	source_cut_why(&src, why, sizeof why);
	tap_is_str(why, "input cut at 1 MB", "/dev/zero: says why");
	source_free(&src);

	stop = 100000;
	progress_calls = 0;
	r = source_open(&src, "/dev/zero", stop_after, &stop, &cause);
	tap_ok(r == 0 && src.cut == SOURCE_CUT_STOP && src.len >= stop &&
	    src.len < 1 << 20 && progress_calls > 0,
	    "/dev/zero: progress stops it, as Ctrl-C (%zu bytes)", src.len);
	source_cut_why(&src, why, sizeof why);
	tap_is_str(why, "input cut short", "stopped: says why");
	source_free(&src);

	source_set_read_max(4096);
	fd = pipe_of(4096);
	r = fd == -1 ? -1 : source_open_fd(&src, fd, "pipe", NULL, NULL,
	    &cause);
	tap_ok(r == 0 && !src.cut && src.len == 4096,
	    "a pipe of exactly the most: whole, not cut (%zu)", src.len);
	source_cut_why(&src, why, sizeof why);
	tap_is_str(why, "", "not cut: no reason");
	source_free(&src);
	close(fd);
	fd = pipe_of(4097);
	r = fd == -1 ? -1 : source_open_fd(&src, fd, "pipe", NULL, NULL,
	    &cause);
	tap_ok(r == 0 && src.cut == SOURCE_CUT_MAX && src.len == 4096,
	    "a pipe of one byte more: cut at the most (%zu)", src.len);
	source_cut_why(&src, why, sizeof why);
	tap_is_str(why, "input cut at 4096 bytes", "below a megabyte: bytes");
	source_free(&src);
	close(fd);
	source_set_read_max(0);
	tap_ok(source_read_max() == max, "0 goes back to the default");

	/* A FIFO named like a file is read whole, with progress. */
	if (mkdtemp(fifo) == NULL) {
		tap_ok(0, "mkdtemp");
		return;
	}
	strcat(fifo, "/f");
	tap_ok(mkfifo(fifo, 0600) == 0, "mkfifo");
	if ((pid = fork()) == 0) {
		if ((fd = open(fifo, O_WRONLY)) == -1 ||
		    write(fd, "through a FIFO\n", 15) != 15)
			_exit(1);
		_exit(0);
	}
	stop = (size_t)-1;
	progress_calls = 0;
	r = source_open(&src, fifo, stop_after, &stop, &cause);
	tap_ok(r == 0 && !src.cut && src.len == 15 && memcmp(src.data, "through", 7) == 0 &&
	    progress_calls > 0 && src.kind == SOURCE_FILE,
	    "a FIFO is read whole, progress called (%d times)",
	    progress_calls);
	source_free(&src);
	waitpid(pid, &st, 0);
	unlink(fifo);
	*strrchr(fifo, '/') = '\0';
	rmdir(fifo);
	free(cause);
}


/* Write len bytes of text to path as a gzip member, appended if append. */
static int
write_gz(const char *path, const char *text, size_t len, int append)
{
	gzFile	gz;

	if ((gz = gzopen(path, append ? "ab" : "wb")) == NULL)
		return -1;
	if (gzwrite(gz, text, (unsigned)len) != (int)len) {
		gzclose(gz);
		return -1;
	}
	return gzclose(gz) == Z_OK ? 0 : -1;
}

/* Keep the first n bytes of path (n < 0: flip byte -n instead), or add
 * n zero bytes at its end (add). */
static int
edit_file(const char *path, long n, int add)
{
	FILE	*f;
	long	 i;
	int	 c;

	if (add) {
		if ((f = fopen(path, "a")) == NULL)
			return -1;
		for (i = 0; i < n; i++)
			fputc(0, f);
		return fclose(f);
	}
	if (n >= 0)
		return truncate(path, n);
	if ((f = fopen(path, "r+")) == NULL || fseek(f, -n, SEEK_SET) != 0 ||
	    (c = fgetc(f)) == EOF || fseek(f, -n, SEEK_SET) != 0 ||
	    fputc(c ^ 0x55, f) == EOF)
		return -1;
	return fclose(f);
}

/* gzip files: read inflated, whole or up to where their data goes bad. */
static void
gzip_files(void)
{
	struct source	 src;
	char		 path[] = "/tmp/lede-t-source-gz-XXXXXX", *cause = NULL;
	char		*text;
	struct stat	 sb;
	size_t		 n = 1 << 20, i, oldlen;
	int		 fd, r;

	memset(&src, 0, sizeof src);	/* freed as empty if not opened */
	if ((fd = mkstemp(path)) == -1) {
		tap_ok(0, "mkstemp");
		return;
	}
	close(fd);
	/* A megabyte of words: many reads, the buffer grown several times. */
	text = xmalloc(n);
	for (i = 0; i < n; i++)
		text[i] = "The harbour lamps were lit at six.\n"[i % 35];
	tap_ok(write_gz(path, text, n, 0) == 0, "gzip a megabyte of text");
	r = source_open_file(&src, path, &cause);
	tap_ok(r == 0 && !src.mapped &&
	    src.len == n && memcmp(src.data, text, n) == 0 && !src.cut &&
	    !src.binary && src.kind == SOURCE_FILE,
	    "a gzip file is read inflated, whole (%zu bytes)", src.len);
	tap_ok(!source_changed(&src), "unchanged: not changed");
	tap_ok(utime(path, NULL) == 0 && source_changed(&src) &&
	    source_reload(&src, &oldlen) == SOURCE_SAME && src.len == n,
	    "touched: changed, but never mapped as it is on disk");
	source_free(&src);

	/* Two members, one after the other: one text, as gzip -d gives. */
	tap_ok(write_gz(path, text, 1000, 0) == 0 &&
	    write_gz(path, text + 1000, 500, 1) == 0, "two members");
	r = source_open_file(&src, path, &cause);
	tap_ok(r == 0 && src.len == 1500 &&
	    memcmp(src.data, text, 1500) == 0 && !src.cut,
	    "two members: both, in order (%zu bytes)", src.len);
	source_free(&src);

	/* Zeros after the data (a tar's padding): not text, and no fault. */
	tap_ok(write_gz(path, text, 1000, 0) == 0 &&
	    edit_file(path, 512, 1) == 0, "a member, then 512 zeros");
	r = source_open_file(&src, path, &cause);
	tap_ok(r == 0 && src.len == 1000 &&
	    !src.cut, "zeros after the data: the text, not cut");
	source_free(&src);

	/* Cut short on disk: what came before is kept, and it says so. */
	tap_ok(write_gz(path, text, n, 0) == 0 && stat(path, &sb) == 0 &&
	    edit_file(path, (long)sb.st_size / 2, 0) == 0, "half a gzip file");
	r = source_open_file(&src, path, &cause);
	tap_ok(r == 0 && src.cut == SOURCE_CUT_GZIP && src.len > 0 &&
	    src.len < n &&
	    memcmp(src.data, text, src.len) == 0,
	    "cut short: its first %zu bytes, cut (SOURCE_CUT_GZIP)", src.len);
	source_free(&src);

	/* A byte changed inside: bad data, found where zlib finds it. */
	tap_ok(write_gz(path, text, n, 0) == 0 && stat(path, &sb) == 0 &&
	    edit_file(path, -(long)sb.st_size / 2, 0) == 0,
	    "a byte changed in the middle");
	r = source_open_file(&src, path, &cause);
	tap_ok(r == 0 && src.cut == SOURCE_CUT_GZIP && src.len > 0,
	    "bad data: cut where it is found (%zu bytes kept; deflate's "
	    "check is at the end)", src.len);
	source_free(&src);

	/* No more than source_read_max() bytes, however well it packs. */
	source_set_read_max(4096);
	tap_ok(write_gz(path, text, n, 0) == 0, "gzip it again");
	r = source_open_file(&src, path, &cause);
	tap_ok(r == 0 && src.len == 4096 && src.cut == SOURCE_CUT_MAX, "a megabyte packed small: cut at "
	    "the most (%zu bytes)", src.len);
	source_free(&src);
	source_set_read_max(0);

	/* gzip's header, then noise: bad data, said so, nothing else. */
	if ((fd = open(path, O_WRONLY | O_TRUNC)) != -1) {
		unsigned	x = 12345;

		for (i = 0; i < 300; i++) {
			x = x * 1103515245u + 12345u;
			text[i] = i < 3 ? "\x1f\x8b\x08"[i] : (char)(x >> 16);
		}
		r = write(fd, text, 300) == 300;
		close(fd);
		tap_ok(r, "gzip's header and 297 bytes of noise");
	}
	r = source_open_file(&src, path, &cause);
	tap_ok(r == 0 && src.cut == SOURCE_CUT_GZIP && src.len < 300 * 1032,
	    "noise: read as far as it inflates, cut (%zu bytes)", src.len);
	source_free(&src);

	/* gzip's first two bytes, but not deflate's: the bytes as they are. */
	tap_ok(write_file(path, 0, 100) == 0 &&
	    (fd = open(path, O_WRONLY)) != -1 && pwrite(fd, "\x1f\x8b\x07", 3,
	    0) == 3 && close(fd) == 0, "1f 8b, then 07 (not deflate)");
	r = source_open_file(&src, path, &cause);
	tap_ok(r == 0 && src.mapped && src.len == 100 && src.data[1] == 0x8b,
	    "not gzip's data: mapped as it is");
	source_free(&src);

	unlink(path);
	free(text);
	free(cause);
}

int
main(void)
{
	struct source	 src;
	struct timespec	 ts[2];
	char		 path[] = "/tmp/lede-t-source-XXXXXX", *cause = NULL;
	size_t		 size = (size_t)sysconf(_SC_PAGESIZE) * PAGES, zeros;
	int		 fd;

	if ((fd = mkstemp(path)) == -1) {
		tap_ok(0, "mkstemp");
		return tap_done();
	}
	close(fd);

	/* Unchanged: all bytes, no change. */
	tap_ok(write_file(path, 'a', size) == 0, "write %zu bytes", size);
	tap_ok(source_open_file(&src, path, &cause) == 0, "open %s", path);
	tap_ok(src.mapped, "the file is mapped");
	tap_is_int((long)read_all(&src), 0, "no zeros before any change");
	tap_ok(!source_changed(&src), "unchanged file: not changed");

	/* Truncated to 100 bytes: reading past the end gives zeros. */
	tap_ok(truncate(path, 100) == 0, "truncate to 100 bytes");
	zeros = read_all(&src);
	tap_ok(1, "read all %zu mapped bytes after the truncation", src.len);
	tap_ok(zeros >= size - (size_t)sysconf(_SC_PAGESIZE),
	    "the pages past the new end read as zeros (%zu)", zeros);
	tap_ok(src.data[0] == 'a' && src.data[99] == 'a',
	    "the bytes still in the file are as they were");
	tap_ok(source_changed(&src), "truncated file: changed");
	tap_ok(read_all(&src) == zeros, "a second pass reads the same");
	source_free(&src);

	/* A new source on the (now short) file is unchanged again. */
	tap_ok(write_file(path, 'b', size) == 0, "rewrite %zu bytes", size);
	tap_ok(source_open_file(&src, path, &cause) == 0, "reopen");
	tap_ok(!source_changed(&src), "a new source: not changed");

	/* Same size, new time of modification: changed. */
	ts[0].tv_sec = ts[1].tv_sec = 1000000000;
	ts[0].tv_nsec = ts[1].tv_nsec = 0;
	tap_ok(utimensat(AT_FDCWD, path, ts, 0) == 0, "touch");
	tap_ok(source_changed(&src), "touched file: changed");
	source_free(&src);

	/* Removed: changed. */
	tap_ok(source_open_file(&src, path, &cause) == 0, "reopen");
	tap_ok(unlink(path) == 0, "remove the file");
	tap_ok(source_changed(&src), "removed file: changed");
	tap_is_int((long)read_all(&src), 0, "its bytes are still there");
	source_free(&src);

	/* A pipe or the sample never changes. */
	source_open_memory(&src, "mem", "abc", 3);
	tap_ok(!source_changed(&src), "memory: never changed");
	source_free(&src);

	read_whole();
	gzip_files();

	/* Faults outside our mappings are not swallowed. */
	tap_ok(foreign_fault_kills(path, size),
	    "SIGBUS outside a source still kills");
	unlink(path);
	free(cause);
	return tap_done();
}
