/*
 * source.c: get the article's bytes.
 *
 * A regular file is mapped, never copied, so a 100 MB article costs no
 * anonymous memory. A pipe (or a file that cannot be mapped) is read whole.
 * The built-in sample is used in place. Nobody else writes to the bytes.
 */

#include "config.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lede.h"

static void
source_init(struct source *src, const char *name, const char *path, int kind)
{
	memset(src, 0, sizeof *src);
	src->name = xstrdup(name);
	src->path = path != NULL ? xstrdup(path) : NULL;
	src->kind = kind;
}

/* Flag NUL bytes in the first megabyte: the input is binary. */
static void
source_check(struct source *src)
{
	size_t	n = src->len < SOURCE_BINARY_SCAN ? src->len :
	    SOURCE_BINARY_SCAN;

	src->binary = n > 0 && memchr(src->data, '\0', n) != NULL;
}

/*
 * Read all of fd into a growing buffer. progress (if not NULL) is called
 * with the bytes read so far after every read and after an interrupted
 * one; when it returns non-zero, reading stops and src->cut is set.
 * Returns 0, or -1 with errno set.
 */
static int
source_read_all(struct source *src, int fd, int (*progress)(void *, size_t),
    void *arg)
{
	uint8_t	*buf = NULL;
	size_t	 len = 0, cap = 0;
	ssize_t	 n;

	for (;;) {
		if (cap - len < 65536) {
			cap = cap == 0 ? 262144 : cap * 2;
			buf = xreallocarray(buf, cap, 1);
		}
		n = read(fd, buf + len, cap - len);
		if (n == 0)
			break;
		if (n < 0 && errno != EINTR) {
			free(buf);
			return -1;
		}
		if (n > 0)
			len += (size_t)n;
		if (progress != NULL && progress(arg, len)) {
			src->cut = 1;
			break;
		}
	}
	src->data = buf;
	src->len = len;
	source_check(src);
	return 0;
}

/*
 * Open and map (or read) the named file. On error returns -1 and an
 * allocated message in *cause ("x.txt: No such file or directory").
 */
int
source_open_file(struct source *src, const char *path, char **cause)
{
	struct stat	 sb;
	void		*p;
	int		 fd;

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
	if (S_ISREG(sb.st_mode) && sb.st_size > 0) {
		p = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (p != MAP_FAILED) {
			src->data = p;
			src->len = (size_t)sb.st_size;
			src->mapped = 1;
			close(fd);
			source_check(src);
			return 0;
		}
	}
	if (source_read_all(src, fd, NULL, NULL) == -1) {
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
	if (source_read_all(src, fd, progress, arg) == -1) {
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

void
source_free(struct source *src)
{
	if (src->mapped)
		munmap((void *)src->data, src->len);
	else if (src->kind != SOURCE_MEMORY)
		free((void *)src->data);
	free(src->name);
	free(src->path);
	memset(src, 0, sizeof *src);
}
