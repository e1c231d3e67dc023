/*
 * docbuf.c: how a front end makes a document: its text, appended in
 * styles, and its tables of blocks and links, grown as it goes. The
 * front ends (man.c, md.c, html.c) share it; the document owns what it
 * makes (doc_free), but for the text, which the front end frees
 * (docbuf_free).
 *
 * A long text (docbuf_spill bytes or more: a 100 MB Markdown file) is
 * kept in an unnamed temporary file, mapped, rather than on the heap: as a mapped
 * input is, it is in the page cache, not in lede's own memory, and the
 * pages made are let go (docbuf_release) and read again when touched.
 * So a converted input costs lede no more memory than a plain one. If
 * no file can be had (no $TMPDIR, a full disk), the heap as before.
 */

#include "config.h"

#include <sys/mman.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lede.h"

/* Start over: an empty document with no style. */
void
docbuf_reset(struct doc *doc, struct docbuf *db)
{
	docbuf_free(db);
	free(doc->blocks);
	free(doc->styles);
	free(doc->links);
	free(doc->uris);
	memset(db, 0, sizeof *db);
	db->fg = -1;
	doc->blocks = NULL;
	doc->styles = NULL;
	doc->links = NULL;
	doc->uris = NULL;
	doc->nblocks = doc->nstyles = doc->nlinks = 0;
	doc->data = (const uint8_t *)"";
	doc->len = 0;
	doc->buf = db;
}

/* How long a text goes into a file (tests make it shorter). */
size_t	docbuf_spill = 16u << 20;

/* The text's memory: the heap's, or the temporary file's mapping. */
void
docbuf_free(struct docbuf *db)
{
	if (db->mapped) {
		munmap(db->text, db->cap);
		close(db->fd);
	} else
		free(db->text);
	db->text = NULL;
	db->mapped = 0;
	db->cap = 0;
}

/* An unnamed file in $TMPDIR (or /tmp), only lede's; -1 if none. */
static int
docbuf_tmpfile(void)
{
	const char	*dir = getenv("TMPDIR");
	char		 path[PATH_MAX];
	int		 fd;

	if (dir == NULL || dir[0] != '/')
		dir = "/tmp";
#ifdef O_TMPFILE
	if ((fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600)) != -1)
		return fd;
#endif
	if (snprintf(path, sizeof path, "%s/lede.XXXXXX", dir) >=
	    (int)sizeof path || (fd = mkstemp(path)) == -1)
		return -1;
	(void)unlink(path);
	(void)fcntl(fd, F_SETFD, FD_CLOEXEC);
	return fd;
}

/*
 * Map the text's file at cap bytes, its blocks had first (so no write
 * can find the disk full), the text so far copied over from the heap if
 * it was there. 0, or -1 with nothing changed.
 */
static int
docbuf_map(struct doc *doc, struct docbuf *db, size_t cap)
{
	int	 fd = db->mapped ? db->fd : docbuf_tmpfile();
	void	*p;

	if (fd == -1)
		return -1;
	if (cap > (size_t)LLONG_MAX / 2 ||
	    posix_fallocate(fd, 0, (off_t)cap) != 0 ||
	    (p = mmap(NULL, cap, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
	    0)) == MAP_FAILED) {
		if (!db->mapped)
			close(fd);
		return -1;
	}
	if (db->mapped)
		munmap(db->text, db->cap);
	else {
		if (doc->len > 0)
			memcpy(p, db->text, doc->len);
		free(db->text);
		db->mapped = 1;
		db->fd = fd;
	}
	db->text = p;
	return 0;
}

/* Grow the text by n bytes at most: on the heap, or in a file once it
 * is long (and while the file can grow). */
static void
docbuf_grow(struct doc *doc, struct docbuf *db, size_t n)
{
	size_t	 cap = db->cap;
	char	*p;

	if (doc->len + n <= cap)
		return;
	while (doc->len + n > cap)
		cap = cap == 0 ? 65536 : cap * 2;
	if (!(db->mapped || cap >= docbuf_spill) ||
	    docbuf_map(doc, db, cap) == -1) {
		if (db->mapped) {	/* the file can grow no more */
			p = xmalloc(cap);
			memcpy(p, db->text, doc->len);
			docbuf_free(db);
			db->text = p;
		} else
			db->text = xreallocarray(db->text, cap, 1);
	}
	db->cap = cap;
	doc->data = (const uint8_t *)db->text;
}

/*
 * The text [from, to) is made and written, or was read through (a
 * search): its whole pages may leave lede's memory, if they are the
 * file's (they read the same when touched again). Nothing on the heap.
 */
void
docbuf_release(const struct docbuf *db, size_t from, size_t to)
{
	if (db->mapped && to <= db->cap)
		source_drop_pages(db->text, from, to);
}

/* The text goes on in this style (SGR_* attributes, a colour or -1). */
void
docbuf_style(struct doc *doc, struct docbuf *db, unsigned attrs, int fg)
{
	struct docstyle	*s;

	if (attrs == db->attrs && fg == db->fg)
		return;
	db->attrs = attrs;
	db->fg = fg;
	if (doc->nstyles > 0 && doc->styles[doc->nstyles - 1].at == doc->len)
		doc->nstyles--;		/* nothing in the last one */
	if (doc->nstyles > 0 && doc->styles[doc->nstyles - 1].attrs ==
	    attrs && doc->styles[doc->nstyles - 1].fg == fg)
		return;
	if (doc->nstyles == 0 && attrs == 0 && fg == -1)
		return;
	if (doc->nstyles == db->scap) {
		db->scap = db->scap == 0 ? 256 : db->scap * 2;
		doc->styles = xreallocarray(doc->styles, db->scap,
		    sizeof *doc->styles);
	}
	s = &doc->styles[doc->nstyles++];
	s->at = doc->len;
	s->attrs = attrs;
	s->fg = fg;
}

/* Append n bytes of text in the style in effect. */
void
docbuf_put(struct doc *doc, struct docbuf *db, const void *p, size_t n)
{
	if (n == 0)
		return;
	docbuf_grow(doc, db, n);
	memcpy(db->text + doc->len, p, n);
	doc->len += n;
}

void
docbuf_puts(struct doc *doc, struct docbuf *db, const char *s)
{
	docbuf_put(doc, db, s, strlen(s));
}

/* A new block, zeroed but for its start (here) and src. */
struct docblock *
docbuf_block(struct doc *doc, struct docbuf *db, size_t src)
{
	struct docblock	*b;

	if (doc->nblocks == db->bcap) {
		db->bcap = db->bcap == 0 ? 256 : db->bcap * 2;
		doc->blocks = xreallocarray(doc->blocks, db->bcap,
		    sizeof *doc->blocks);
	}
	/* Kept in the input's order, for doc_from_src. */
	if (doc->nblocks > 0 && src < doc->blocks[doc->nblocks - 1].src)
		src = doc->blocks[doc->nblocks - 1].src;
	b = &doc->blocks[doc->nblocks++];
	memset(b, 0, sizeof *b);
	b->start = b->end = doc->len;
	b->src = src;
	return b;
}

/* A link whose text starts at start and ends here, to uri (n bytes). */
void
docbuf_link(struct doc *doc, struct docbuf *db, size_t start,
    const char *uri, size_t n)
{
	struct link	*l;

	if (doc->nlinks == db->lcap) {
		db->lcap = db->lcap == 0 ? 64 : db->lcap * 2;
		doc->links = xreallocarray(doc->links, db->lcap,
		    sizeof *doc->links);
	}
	while (db->nuris + n + 1 > db->ucap) {
		db->ucap = db->ucap == 0 ? 4096 : db->ucap * 2;
		doc->uris = xreallocarray(doc->uris, db->ucap, 1);
	}
	l = &doc->links[doc->nlinks++];
	l->start = start;
	l->end = doc->len;
	l->uri = db->nuris;
	if (n > 0)
		memcpy(doc->uris + db->nuris, uri, n);
	db->nuris += n;
	l->uri_end = db->nuris;
	doc->uris[db->nuris++] = '\0';
}

/* Append n bytes to a table cell's text. */
void
doccell_put(struct doccell *c, const char *p, size_t n)
{
	if (c->n + n + 1 > c->cap) {
		c->cap = (c->n + n + 1) * 2;
		c->s = xreallocarray(c->s, c->cap, 1);
	}
	if (n > 0)
		memcpy(c->s + c->n, p, n);
	c->n += n;
	c->s[c->n] = '\0';
}

/* Spaces, n of them. */
static void
docbuf_spaces(struct doc *doc, struct docbuf *db, int n)
{
	for (; n > 0; n--)
		docbuf_put(doc, db, " ", 1);
}

/*
 * A table's rows, one line each, into the open block: the cells set in
 * columns by display width (CJK cells line up), the header row bold
 * with a rule under it; a table wider than the measure is not padded
 * (its rows run on, "cell | cell", and wrap as kept lines do). Box
 * drawing where the terminal draws it one column wide, else ASCII.
 */
void
docbuf_table(struct doc *doc, struct docbuf *db, struct doccell *cells,
    size_t n)
{
	int		*w = NULL, ncol = 0, col, k, total = 0, pad, box;
	size_t		 i;
	const char	*bar, *rule, *cross;

	for (i = 0, col = 0; i < n; i++) {
		col = i > 0 && cells[i].row == cells[i - 1].row ? col + 1 : 0;
		if (col >= ncol) {
			w = xreallocarray(w, (size_t)col + 1, sizeof *w);
			while (ncol <= col)
				w[ncol++] = 0;
		}
		if (cells[i].s == NULL)
			doccell_put(&cells[i], "", 0);
		k = width_string(cells[i].s);
		if (k > w[col])
			w[col] = k;
	}
	for (col = 0; col < ncol; col++)
		total += w[col] + 3;
	box = width_cp(0x2502) == 1;
	bar = box ? " \xe2\x94\x82 " : " | ";
	rule = box ? "\xe2\x94\x80" : "-";
	cross = box ? "\xe2\x94\x80\xe2\x94\xbc\xe2\x94\x80" : "-+-";
	pad = total - 3 <= docbuf_measure;
	for (i = 0, col = 0; i < n; i++) {
		const struct doccell	*c = &cells[i];

		col = i > 0 && c->row == cells[i - 1].row ? col + 1 : 0;
		if (col == 0 && i > 0) {
			docbuf_style(doc, db, 0, -1);
			docbuf_put(doc, db, "\n", 1);
			/* A rule under the header. */
			if (c->row != 0 && cells[i - 1].row == 0) {
				for (k = 0; k < ncol; k++) {
					if (k > 0)
						docbuf_puts(doc, db, cross);
					for (col = 0; col < (pad ? w[k] : 1);
					    col++)
						docbuf_puts(doc, db, rule);
				}
				docbuf_put(doc, db, "\n", 1);
				col = 0;
			}
		}
		if (col > 0)
			docbuf_puts(doc, db, bar);
		docbuf_style(doc, db, c->row == 0 ? SGR_BOLD : 0, -1);
		k = pad ? w[col] - width_string(c->s) : 0;
		if (c->align == DOCCELL_RIGHT)
			docbuf_spaces(doc, db, k), k = 0;
		else if (c->align == DOCCELL_CENTER)
			docbuf_spaces(doc, db, k / 2), k -= k / 2;
		docbuf_puts(doc, db, c->s);
		/* No spaces at the end of a row. */
		if (i + 1 < n && cells[i + 1].row == c->row)
			docbuf_spaces(doc, db, k);
		docbuf_style(doc, db, 0, -1);
	}
	free(w);
}

/* Cut the text back to len: the style in effect is what it was there. */
void
docbuf_truncate(struct doc *doc, struct docbuf *db, size_t len)
{
	if (len >= doc->len)
		return;
	doc->len = len;
	while (doc->nstyles > 0 && doc->styles[doc->nstyles - 1].at > len)
		doc->nstyles--;
	while (doc->nlinks > 0 && doc->links[doc->nlinks - 1].end > len)
		doc->nlinks--;
	db->attrs = doc->nstyles > 0 ? doc->styles[doc->nstyles - 1].attrs : 0;
	db->fg = doc->nstyles > 0 ? doc->styles[doc->nstyles - 1].fg : -1;
}

/* The columns text is set in, as far as a front end needs to know (a
 * table's columns): the terminal's, or -w's. */
int	docbuf_measure = 80;

/* Does the input's name end in one of the n extensions (any case)? */
int
docbuf_named(const struct source *src, const char *const *ext, size_t n)
{
	const char	*name = src->path != NULL ? src->path : src->name;
	size_t		 i, len, k;

	if (name == NULL)
		return 0;
	len = strlen(name);
	/* A gzip file is named by what it holds: NEWS.md.gz is Markdown. */
	if (src->gz != NULL && len > 3 && strcasecmp(name + len - 3, ".gz") ==
	    0)
		len -= 3;
	for (i = 0; i < n; i++) {
		k = strlen(ext[i]);
		if (len > k && strncasecmp(name + len - k, ext[i], k) == 0)
			return 1;
	}
	return 0;
}
