/*
 * source.c: get the article's bytes.
 *
 * A regular file is mapped, never copied, so a 100 MB article costs no
 * anonymous memory. A pipe (or a file that cannot be mapped) is read whole.
 * The built-in sample is used in place. Nobody else writes to the bytes.
 *
 * A mapped file can shrink under us (truncated, or rewritten in place by
 * an editor): touching a page past its new end raises SIGBUS. Rather than
 * copy the file or check every access, a SIGBUS handler looks at the
 * faulting address: inside one of our mappings, it maps anonymous zero
 * pages over the rest of that mapping (MAP_FIXED) and notes the fault, so
 * the access resumes and reads zeros (shown as ^@); anywhere else, it
 * restores the default action and returns, so the fault recurs and kills
 * as before. mmap(2) is not on POSIX's list of async-signal-safe
 * functions, but it is a plain system call on every system we map on, and
 * the handler touches nothing else but sig_atomic_t flags and an array
 * filled before the mapping is used. source_changed() tells the screen.
 *
 * What is read rather than mapped (a pipe, a device such as /dev/zero, a
 * FIFO) is anonymous memory, which nothing can page out but swap: at most
 * source_read_max() bytes of it are read, and a source cut there says so
 * (SOURCE_CUT_MAX), as one cut by Ctrl-C does (SOURCE_CUT_STOP).
 *
 * A file compressed with gzip (most of /usr/share/doc, as less shows it
 * through lesspipe) is inflated with zlib as it is read, under the same
 * limit; where its data is bad or ends early, what came before is kept
 * and the source is cut there (SOURCE_CUT_GZIP). Members one after
 * another are read as one text, as gzip -d does.
 */

#include "config.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "lede.h"

/* A gzip file being inflated: zlib's state and the bytes read for it. */
struct source_gz {
	z_stream	z;
	int		member_end;	/* a member ended; another may follow */
	int		bad;		/* the data was bad: no more */
	uint8_t		in[65536];
};

/* The mappings the SIGBUS handler may repair. */
#define SOURCE_GUARDS	8
static struct source_guard {
	volatile sig_atomic_t	 used;
	volatile sig_atomic_t	 faulted;
	uintptr_t		 start;
	size_t			 size;	/* len rounded up to pages */
} source_guards[SOURCE_GUARDS];
static int	source_guard_installed;

/* The most bytes read into memory; 0 until source_read_max() decides. */
static size_t	source_max;

/* SIGBUS: zero-fill the rest of a shrunken mapping, or die as before. */
static void
source_sigbus(int sig, siginfo_t *si, void *uctx)
{
	struct source_guard	*g;
	uintptr_t		 a = (uintptr_t)si->si_addr, page, end;
	struct sigaction	 sa;
	int			 i, saved = errno;

	page = a & ~((uintptr_t)sysconf(_SC_PAGESIZE) - 1);
	for (i = 0; i < SOURCE_GUARDS; i++) {
		g = &source_guards[i];
		if (!g->used || a < g->start || a - g->start >= g->size)
			continue;
		end = g->start + g->size;
		if (mmap((void *)page, end - page, PROT_READ,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) ==
		    MAP_FAILED)
			break;
		g->faulted = 1;
		errno = saved;
		return;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, NULL);
	errno = saved;
}

/* Watch a new mapping of len bytes at p; returns its slot + 1, or 0. */
static int
source_guard_add(const void *p, size_t len)
{
	struct sigaction	 sa;
	size_t			 pg = (size_t)sysconf(_SC_PAGESIZE);
	int			 i;

	for (i = 0; i < SOURCE_GUARDS; i++)
		if (!source_guards[i].used)
			break;
	if (i == SOURCE_GUARDS)
		return 0;
	if (!source_guard_installed) {
		memset(&sa, 0, sizeof sa);
		sa.sa_sigaction = source_sigbus;
		sa.sa_flags = SA_SIGINFO;
		sigemptyset(&sa.sa_mask);
		if (sigaction(SIGBUS, &sa, NULL) == -1)
			return 0;
		source_guard_installed = 1;
	}
	source_guards[i].start = (uintptr_t)p;
	source_guards[i].size = (len + pg - 1) / pg * pg;
	source_guards[i].faulted = 0;
	source_guards[i].used = 1;
	return i + 1;
}

/* Stop watching a mapping (slot + 1, or 0), before it is unmapped. */
static void
source_guard_remove(int slot)
{
	if (slot > 0 && slot <= SOURCE_GUARDS)
		source_guards[slot - 1].used = 0;
}

/*
 * The most bytes of one source read into memory: 1 GiB, or a quarter of
 * the machine's memory if that is less. A gigabyte is ten times the
 * largest article lede is measured on (bench/, 100 MB) and far beyond any
 * text a person pages; a quarter of memory leaves the rest of a small
 * machine to lede's own tables (layouts, outline, match counts) and to
 * everything else running, without swapping or waking the OOM killer.
 */
size_t
source_read_max(void)
{
	unsigned long long	mem;
	long			pages = -1, psize;

	if (source_max != 0)
		return source_max;
	source_max = (size_t)1 << 30;
#ifdef _SC_PHYS_PAGES
	pages = sysconf(_SC_PHYS_PAGES);
#endif
	psize = sysconf(_SC_PAGESIZE);
	if (pages > 0 && psize > 0) {
		mem = (unsigned long long)pages * (unsigned long long)psize;
		if (mem / 4 < source_max)
			source_max = (size_t)(mem / 4);
	}
	return source_max;
}

/* Set the most bytes read into memory (tests); 0 goes back to the default. */
void
source_set_read_max(size_t max)
{
	source_max = max;
}

/*
 * Why src was cut short, for a message: "input cut short" (Ctrl-C) or
 * "input cut at 1024 MB" (source_read_max) into buf; "" if it was not.
 */
void
source_cut_why(const struct source *src, char *buf, size_t size)
{
	size_t	max = source_read_max();

	if (src->cut == SOURCE_CUT_MAX && max >= (1 << 20))
		snprintf(buf, size, "input cut at %zu MB", max >> 20);
	else if (src->cut == SOURCE_CUT_MAX)
		snprintf(buf, size, "input cut at %zu bytes", max);
	else if (src->cut == SOURCE_CUT_GZIP)
		snprintf(buf, size, "gzip data bad or cut short, shown up to "
		    "there");
	else if (src->cut)
		snprintf(buf, size, "input cut short");
	else if (size > 0)
		buf[0] = '\0';
}

static void	source_done(struct source *);
static void	source_check(struct source *);

static void
source_init(struct source *src, const char *name, const char *path, int kind)
{
	memset(src, 0, sizeof *src);
	src->name = xstrdup(name);
	src->path = path != NULL ? xstrdup(path) : NULL;
	src->kind = kind;
	src->fd = -1;
}

/*
 * Flag NUL bytes in the first 64 KB: the input is binary. (Not more: on
 * a 100 MB file, scanning a megabyte was the largest part of the time to
 * the first screen, each page touched for the first time.)
 */
static void
source_check(struct source *src)
{
	size_t	n = src->len < SOURCE_BINARY_SCAN ? src->len :
	    SOURCE_BINARY_SCAN;

	src->binary = n > 0 && memchr(src->data, '\0', n) != NULL;
}

/*
 * Has the file changed on disk since it was opened: a guarded page read
 * as zeros, or its size, time of modification or identity differ (it was
 * truncated, rewritten or replaced)? Only files; a pipe never changes.
 */
int
source_changed(const struct source *src)
{
	struct stat	sb;

	if (src->guard > 0 && source_guards[src->guard - 1].faulted)
		return 1;
	if (src->opened == NULL || src->path == NULL)
		return 0;
	if (stat(src->path, &sb) == -1)
		return 1;
	return sb.st_size != src->opened->st_size ||
	    sb.st_ino != src->opened->st_ino ||
	    sb.st_dev != src->opened->st_dev ||
	    sb.st_mtim.tv_sec != src->opened->st_mtim.tv_sec ||
	    sb.st_mtim.tv_nsec != src->opened->st_mtim.tv_nsec;
}

/*
 * Inflate what src->fd holds next into out (room bytes): returns how many
 * bytes came out, 0 at the end of the data (cut at SOURCE_CUT_GZIP if it
 * was bad or ended inside a member), -1 with errno set if a read failed.
 * After a member's end, another starts if the next byte is gzip's; what
 * else follows (a tar's zero padding) is not text and ends it.
 */
static ssize_t
source_inflate(struct source *src, uint8_t *out, size_t room)
{
	struct source_gz	*g = src->gz;
	uInt			 want = room > UINT_MAX ? UINT_MAX : (uInt)room;
	ssize_t			 n;
	int			 r;

	if (g->bad)
		return 0;
	g->z.next_out = out;
	g->z.avail_out = want;
	while (g->z.avail_out == want) {
		if (g->z.avail_in == 0) {
			if ((n = read(src->fd, g->in, sizeof g->in)) == -1)
				return -1;
			if (n == 0) {
				if (!g->member_end)
					src->cut = SOURCE_CUT_GZIP;
				return 0;
			}
			g->z.next_in = g->in;
			g->z.avail_in = (uInt)n;
		}
		if (g->member_end) {
			if (g->z.next_in[0] != 0x1f)
				return 0;
			if (inflateReset(&g->z) != Z_OK) {
				g->bad = 1;
				src->cut = SOURCE_CUT_GZIP;
				break;
			}
			g->member_end = 0;
		}
		r = inflate(&g->z, Z_NO_FLUSH);
		if (r == Z_STREAM_END)
			g->member_end = 1;
		else if (r != Z_OK && (r != Z_BUF_ERROR || g->z.avail_in > 0)) {
			/* Bad data: what came out before it is kept. */
			g->bad = 1;
			src->cut = SOURCE_CUT_GZIP;
			break;
		}
	}
	return (ssize_t)(want - g->z.avail_out);
}

/*
 * Read once from src->fd into the growing buffer, but no more than
 * source_read_max() bytes in all (then src->cut is SOURCE_CUT_MAX and
 * the input is done). Returns the bytes read; 0 at the end of the input
 * (src->fd is then closed, -1); -1 with errno set on an error or an
 * interrupted read (EINTR: the caller asks whether to go on).
 */
static ssize_t
source_take(struct source *src)
{
	uint8_t	*buf = (uint8_t *)src->data;
	size_t	 max = source_read_max();
	ssize_t	 n;

	/* One byte past the most: is there more than that? */
	if (src->len > max) {
		src->len = max;
		src->cut = SOURCE_CUT_MAX;
		source_done(src);
		return 0;
	}
	if (src->cap - src->len < 65536 && src->cap <= max) {
		src->cap = src->cap == 0 ? 262144 : src->cap * 2;
		if (src->cap > max + 1)
			src->cap = max + 1;
		buf = xreallocarray(buf, src->cap, 1);
		src->data = buf;
	}
	n = src->gz != NULL ? source_inflate(src, buf + src->len, src->cap -
	    src->len) : read(src->fd, buf + src->len, src->cap - src->len);
	if (n == 0) {
		source_done(src);
		return 0;
	}
	if (n > 0) {
		if (src->len < SOURCE_BINARY_SCAN) {
			src->len += (size_t)n;
			source_check(src);
		} else
			src->len += (size_t)n;
	}
	return n;
}

/*
 * Read all of src->fd into a growing buffer (see source_take for the
 * most).
 * progress (if not NULL) is called with the bytes read so far after every
 * read, after an interrupted one, and every 100 ms while nothing comes (a
 * pipe whose writer is still thinking); when it returns non-zero, reading
 * stops and src->cut is SOURCE_CUT_STOP. Returns 0, or -1 with errno set.
 */
static int
source_read_all(struct source *src, int (*progress)(void *, size_t),
    void *arg)
{
	struct pollfd	 pfd;
	ssize_t		 n;
	int		 ready;

	while (src->fd != -1) {
		if (progress != NULL) {
			pfd.fd = src->fd;
			pfd.events = POLLIN;
			ready = poll(&pfd, 1, 100);
			if (ready == -1 && errno != EINTR)
				return -1;
			if (ready <= 0) {
				if (progress(arg, src->len))
					source_stop(src);
				continue;
			}
		}
		n = source_take(src);
		if (n == 0 && src->cut == 0) {
			/*
			 * The end, but maybe because Ctrl-C ended the writer
			 * too (the whole pipeline gets the signal): asked once
			 * more, progress says if the reader stopped it.
			 */
			if (progress != NULL && progress(arg, src->len))
				src->cut = SOURCE_CUT_STOP;
			break;
		}
		if (n < 0 && errno != EINTR)
			return -1;
		if (progress != NULL && progress(arg, src->len))
			source_stop(src);
	}
	return 0;
}

/*
 * Is src still being read (a pipe shown as it arrives)? Its length may
 * grow at every source_more().
 */
int
source_reading(const struct source *src)
{
	return src->fd != -1;
}

/* The input is at its end (or cut): no more reading. */
static void
source_done(struct source *src)
{
	if (src->fd != -1 && src->owns_fd)
		close(src->fd);
	src->fd = -1;
}

/* Stop reading (Ctrl-C): what arrived is all there is. */
void
source_stop(struct source *src)
{
	if (src->fd == -1)
		return;
	src->cut = SOURCE_CUT_STOP;
	source_done(src);
}

/*
 * Read what has arrived on a source still being read, waiting at most ms
 * milliseconds for the first of it (0: not at all), and about most bytes
 * at the most. Returns the bytes added (0: none came, or the input ended:
 * see source_reading), or -1 with *cause allocated on an error (the input
 * then ends there).
 */
ssize_t
source_more(struct source *src, size_t most, int ms, char **cause)
{
	struct pollfd	 pfd;
	size_t		 start = src->len;
	ssize_t		 n;

	while (src->fd != -1 && src->len - start < most) {
		pfd.fd = src->fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, src->len == start ? ms : 0) <= 0)
			break;
		if ((n = source_take(src)) == -1) {
			if (errno == EINTR)
				break;
			xasprintf(cause, "%s: %s", src->name, strerror(errno));
			source_done(src);
			return -1;
		}
		if (n == 0)
			break;
	}
	return (ssize_t)(src->len - start);
}

/*
 * Look at the file again (after source_changed() said it changed): if it
 * is the same file, grown (a log being written), map what it has now; if
 * it was cut, it ends where the file now ends (what lies beyond is gone,
 * and would read as zeros); if it was rewritten in place at the same
 * size, the bytes may differ. Returns SOURCE_SAME (nothing to do: not a
 * file, or one replaced by another, whose old bytes stay as they were
 * read), SOURCE_GREW, SOURCE_CUT or SOURCE_REWRITTEN, with *oldlen the
 * length before.
 */
static int	source_remap(struct source *, size_t);

int
source_reload(struct source *src, size_t *oldlen)
{
	struct stat	 sb;
	size_t		 size;
	int		 ret;

	*oldlen = src->len;
	if (src->opened == NULL || src->path == NULL || src->gz != NULL ||
	    stat(src->path, &sb) == -1 || sb.st_ino != src->opened->st_ino ||
	    sb.st_dev != src->opened->st_dev || !S_ISREG(sb.st_mode))
		return SOURCE_SAME;
	size = (size_t)sb.st_size;
	if (size < src->len || size == src->len) {
		if (size == src->len &&
		    sb.st_mtim.tv_sec == src->opened->st_mtim.tv_sec &&
		    sb.st_mtim.tv_nsec == src->opened->st_mtim.tv_nsec)
			return SOURCE_SAME;
		ret = size < src->len ? SOURCE_CUT : SOURCE_REWRITTEN;
		src->len = size;
		*src->opened = sb;
		/*
		 * Map what is there now: a page read while the file was
		 * shorter still (cut, then written again) was mapped as
		 * zeros by the SIGBUS guard, and would stay so.
		 */
		if (src->mapped && size > 0)
			(void)source_remap(src, size);
		return ret;
	}
	/* Grown: map it whole again (or read it, if it was read). */
	if (!src->mapped && src->len > 0)
		return SOURCE_SAME;
	if (source_remap(src, size) == -1)
		return SOURCE_SAME;
	*src->opened = sb;
	source_check(src);
	return SOURCE_GREW;
}

/* Map the file again, size bytes of it, in place of the old mapping.
 * Returns 0, or -1 with the old one kept. */
static int
source_remap(struct source *src, size_t size)
{
	void	*p;
	int	 fd;

	if ((fd = open(src->path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	p = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return -1;
	source_guard_remove(src->guard);
	if (src->mapped)
		munmap((void *)src->data, src->maplen);
	src->data = p;
	src->len = src->maplen = size;
	src->mapped = 1;
	src->guard = source_guard_add(p, size);
	return 0;
}

/*
 * The bytes [from, to) were made into a document of their own (a front
 * end's copy): a mapped file's pages of them may go from memory. They
 * read the same if touched again, from the file.
 */
void
source_release(struct source *src, size_t from, size_t to)
{
	if (src->mapped && to <= src->maplen)
		source_drop_pages(src->data, from, to);
}

/* The whole pages of [base + from, base + to), a file's mapping, leave
 * memory (madvise): they read the same if touched again. */
void
source_drop_pages(const void *base, size_t from, size_t to)
{
	uintptr_t	 a, b;
	long		 page = sysconf(_SC_PAGESIZE);

	if (page <= 0 || from >= to)
		return;
	a = ((uintptr_t)base + from + (uintptr_t)page - 1) &
	    ~((uintptr_t)page - 1);
	b = ((uintptr_t)base + to) & ~((uintptr_t)page - 1);
	if (a < b)
		(void)madvise((void *)a, b - a, MADV_DONTNEED);
}

/*
 * Read the rest of a source still being read, as source_read_all does
 * (with progress). Returns 0, or -1 with *cause allocated.
 */
int
source_finish(struct source *src, int (*progress)(void *, size_t), void *arg,
    char **cause)
{
	if (source_read_all(src, progress, arg) == -1) {
		xasprintf(cause, "%s: %s", src->name, strerror(errno));
		source_done(src);
		return -1;
	}
	return 0;
}

/*
 * Read from fd as it arrives: nothing is read yet (source_more does it).
 * The source closes fd when done if own is set.
 */
void
source_open_stream(struct source *src, int fd, const char *name, int own)
{
	source_init(src, name, NULL, SOURCE_PIPE);
	src->fd = fd;
	src->owns_fd = own;
}

/*
 * Open and map (or read) the named file. On error returns -1 and an
 * allocated message in *cause ("x.txt: No such file or directory").
 */
int
source_open_file(struct source *src, const char *path, char **cause)
{
	return source_open(src, path, NULL, NULL, cause);
}

/* Does the file open on fd start as gzip's data does (1f 8b, deflate)? */
static int
source_is_gzip(int fd)
{
	uint8_t	m[3];

	return pread(fd, m, sizeof m, 0) == (ssize_t)sizeof m && m[0] == 0x1f &&
	    m[1] == 0x8b && m[2] == 8;
}

/*
 * source_open_file, with progress (which may be NULL) called while what
 * cannot be mapped (a device, a FIFO) is read: see source_read_all.
 */
int
source_open(struct source *src, const char *path,
    int (*progress)(void *, size_t), void *arg, char **cause)
{
	struct stat		 sb;
	struct source_gz	*g;
	void			*p;
	int			 fd;

	if ((fd = open(path, O_RDONLY)) == -1) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) == -1) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (S_ISDIR(sb.st_mode)) {
		xasprintf(cause, "%s: %s", path, strerror(EISDIR));
		close(fd);
		return -1;
	}
	source_init(src, path, path, SOURCE_FILE);
	if (S_ISREG(sb.st_mode)) {
		src->opened = xmalloc(sizeof *src->opened);
		*src->opened = sb;
	}
	if (S_ISREG(sb.st_mode) && source_is_gzip(fd)) {
		/* Inflated as it is read, whole, as a pipe is. */
		g = xcalloc(1, sizeof *g);
		if (inflateInit2(&g->z, 16 + MAX_WBITS) != Z_OK) {
			free(g);
			xasprintf(cause, "%s: zlib cannot start", path);
			close(fd);
			source_free(src);
			return -1;
		}
		src->gz = g;
	} else if (S_ISREG(sb.st_mode) && sb.st_size > 0) {
		p = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (p != MAP_FAILED) {
			src->data = p;
			src->len = (size_t)sb.st_size;
			src->mapped = 1;
			src->maplen = src->len;
			src->guard = source_guard_add(p, src->len);
			close(fd);
			source_check(src);
			return 0;
		}
	}
	src->fd = fd;
	if (source_read_all(src, progress, arg) == -1) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		close(fd);
		source_free(src);
		return -1;
	}
	close(fd);
	return 0;
}

/*
 * Read a pipe (or any descriptor) whole, or until progress (which may be
 * NULL) says stop; see source_read_all.
 */
int
source_open_fd(struct source *src, int fd, const char *name,
    int (*progress)(void *, size_t), void *arg, char **cause)
{
	source_init(src, name, NULL, SOURCE_PIPE);
	src->fd = fd;
	if (source_read_all(src, progress, arg) == -1) {
		xasprintf(cause, "%s: %s", name, strerror(errno));
		source_free(src);
		return -1;
	}
	return 0;
}

/* Use bytes that live elsewhere (the built-in sample); not owned. */
void
source_open_memory(struct source *src, const char *name, const void *data,
    size_t len)
{
	source_init(src, name, NULL, SOURCE_MEMORY);
	src->data = data;
	src->len = len;
	source_check(src);
}

/* Unmap or free the bytes and forget the source. */
void
source_free(struct source *src)
{
	source_done(src);
	source_guard_remove(src->guard);
	if (src->mapped)
		munmap((void *)src->data, src->maplen);
	else if (src->kind != SOURCE_MEMORY)
		free((void *)src->data);
	free(src->name);
	free(src->path);
	free(src->opened);
	if (src->gz != NULL)
		inflateEnd(&src->gz->z);
	free(src->gz);
	memset(src, 0, sizeof *src);
}

