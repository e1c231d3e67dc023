/*
 * pager.c: the files of a session and moving between them.
 *
 * The pager shows one source at a time. Leaving a file (:n, :p, quit)
 * remembers its top row and marks, in memory and, for a named file, in
 * the positions file; entering it again puts the reader back there. No
 * curses here: the screen calls these with the view's size in pg->cols
 * and pg->lines.
 */

#include "config.h"

#include <sys/stat.h>

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"

/* The width of the text column for a terminal of cols columns. */
int
pager_measure(const struct pager *pg, int cols)
{
	/* -S: lines are never wrapped; a window of columns is shown. */
	if (layout_get_chop())
		return LAYOUT_WIDTH_MAX;
	/* A page made for the terminal's width (man), or text of lines (a
	 * log, a diff), is shown at it. */
	if (pg->measure > 0 && pg->measure < cols && !pg->lines_doc &&
	    (pg->doc.fmt == NULL || !pg->doc.fmt->full_width))
		return pg->measure;
	return cols;
}

/*
 * -S: scroll sideways so that [ms, me), on a row shown, is in the window
 * of columns (a third of the way in), if it is not.
 */
static void
pager_show_column(struct pager *pg, size_t ms, size_t me)
{
	struct view_row		 rows[256];
	const struct layout	*lay;
	const struct row	*r;
	int			 n, y, col, start = -1, end = 0;
	size_t			 i, at;

	n = view_rows(pg->view, rows, view_height(pg->view) < 256 ?
	    view_height(pg->view) : 256);
	for (y = 0; y < n && start < 0 && rows[y].lay != NULL; y++) {
		lay = rows[y].lay;
		r = &lay->rows[rows[y].row];
		for (i = 0, col = r->indent; i < r->count; i++) {
			at = lay->start + lay->cells[r->first + i].src;
			if (at >= ms && start < 0)
				start = col;
			col += lay->cells[r->first + i].width;
			if (start >= 0 && at < me)
				end = col;
		}
	}
	if (start < 0 || (start >= pg->hscroll && end <= pg->hscroll +
	    pg->cols))
		return;
	pg->hscroll = start > pg->cols / 3 ? start - pg->cols / 3 : 0;
}

/*
 * How wide verbatim and kept lines may be for a terminal of cols
 * columns: to its right edge, from where the column starts.
 */
int
pager_wide(const struct pager *pg, int cols)
{
	int	w = pager_measure(pg, cols);

	return w < cols ? cols - (cols - w) / 2 : w;
}

/* Say something on the status line, until the next key. */
void
pager_message(struct pager *pg, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(pg->message, sizeof pg->message, fmt, ap);
	va_end(ap);
}

/*
 * Scroll so that the current match is on the screen: where it is if it
 * is already shown, else its row near the top with two rows above it.
 */
void
pager_show_match(struct pager *pg)
{
	size_t	from, to;

	view_visible(pg->view, &from, &to);
	if (pg->find.ms < from || pg->find.me > to) {
		view_goto_offset(pg->view, pg->find.ms);
		view_scroll(pg->view, view_height(pg->view) > 8 ? -2 : 0);
	}
	if (layout_get_chop())
		pager_show_column(pg, pg->find.ms, pg->find.me);
}

/*
 * n and N (dir 1 and -1), and an empty pattern: the count'th next match
 * in the search's direction times dir, from what is on the screen: after
 * (or before) the current match if it is shown, else from the top (or
 * the bottom) of the screen. stop(arg, done, total) may stop a long
 * search. Says on the status line what happened; returns 1 if the view
 * shows a new match.
 */
int
pager_search(struct pager *pg, int dir, long count,
    int (*stop)(void *, size_t, size_t), void *arg)
{
	struct find	*f = &pg->find;
	size_t		 from, to, start;
	int		 r = 0, wrapped = 0;

	if (f->s == NULL) {
		pager_message(pg, "No previous search");
		return 0;
	}
	pager_finish(pg);		/* the search goes through it all */
	dir *= f->dir;
	view_visible(pg->view, &from, &to);
	if (count < 1)
		count = 1;
	while (count-- > 0) {
		if (f->have && f->ms >= from && f->ms < to)
			start = dir > 0 ? f->ms + 1 : f->ms;
		else
			start = dir > 0 ? from : to;
		r = find_go(f, &pg->doc, start, dir, stop, arg);
		if (r <= 0)
			break;
		if (r == 2)
			wrapped = 1;
		from = 0;		/* the next one on from this one */
		to = pg->doc.len + 1;
	}
	if (r == -1)
		pager_message(pg, "Search interrupted");
	else if (r == FIND_GAVEUP)
		pager_message(pg, "%s", search_error(f->s));
	else if (r == 0)
		pager_message(pg, "Pattern not found: %s", f->pattern);
	else if (wrapped)
		pager_message(pg, "search wrapped to %s", dir > 0 ? "top" :
		    "bottom");
	if (f->have && r > 0)
		pager_show_match(pg);
	return r > 0;
}

/*
 * The document changed length from oldlen, or its bytes changed (all):
 * the view, the count and the outline forget what they knew of the
 * changed part. While a pipe is read as it arrives, neither the count
 * nor the outline went into its last paragraph, the one part that grows;
 * a file that grew (or was cut), or a document made a piece at a time,
 * changed from its old last paragraph on.
 */
static void
pager_doc_grew(struct pager *pg, size_t oldlen, int all)
{
	struct block	b;
	size_t		from = oldlen, at;

	if (all)
		from = 0;
	else if (!source_reading(pg->src)) {
		at = oldlen < pg->doc.len ? oldlen : pg->doc.len;
		from = at > 0 && block_at(&pg->doc, at - 1, &b) &&
		    b.start < at ? b.start : at;
	}
	view_doc_changed(pg->view, oldlen, all);
	find_doc_changed(&pg->find, &pg->doc, from);
	outline_doc_changed(&pg->outline, from);
	if (pg->quote >= (long)pg->outline.nq)
		pg->quote = -1;
	if (pg->follow)
		view_bottom(pg->view);
}

/* The source changed: the document follows it (pager_doc_grew). */
void
pager_source_changed(struct pager *pg, size_t oldlen, int all)
{
	doc_sync(&pg->doc, all);
	pager_doc_grew(pg, oldlen, all);
}

/*
 * Make more of a document made a piece at a time (doc->pending): one
 * piece, or all. A document made again whole keeps the view where it
 * was in the input.
 */
static int
pager_make(struct pager *pg, int all)
{
	size_t	old = pg->doc.len, top = 0;
	int	whole = pg->doc.pending == DOC_REMAKE;

	if (!pg->doc.pending)
		return 0;
	if (whole && pg->view != NULL)
		top = doc_to_src(&pg->doc, view_top_offset(pg->view));
	if (all)
		doc_finish(&pg->doc);
	else
		doc_step(&pg->doc);
	pager_doc_grew(pg, old, whole);
	if (whole && pg->view != NULL)
		view_goto_offset(pg->view, doc_from_src(&pg->doc, top));
	return 1;
}

/*
 * A long input made a piece at a time (a Markdown file of many
 * megabytes, a big page's first screen made from a part of it): make one
 * more piece, in idle time. Returns 1 if it did.
 */
int
pager_step(struct pager *pg)
{
	return pager_make(pg, 0);
}

/* Make the rest of the document now: a key needs all of it. */
void
pager_finish(struct pager *pg)
{
	(void)pager_make(pg, 1);
}

/*
 * Take what has arrived on a source still being read (a pipe shown as
 * it arrives), a megabyte at a time. Returns 1 if there is something new
 * to show (more text, or the end of the input).
 */
int
pager_more(struct pager *pg)
{
	size_t	 old = pg->doc.len;
	char	*cause = NULL, why[64];
	ssize_t	 n;

	if (!source_reading(pg->src))
		return 0;
	n = source_more(pg->src, 1 << 20, 0, &cause);
	if (n == -1) {
		pager_error(pg, cause);
		free(cause);
	}
	if (n > 0)
		pager_source_changed(pg, old, 0);
	if (source_reading(pg->src))
		return n > 0;
	/* The end: the last paragraph is final now. */
	pager_source_changed(pg, pg->doc.len, 0);
	if (pg->src->cut) {
		source_cut_why(pg->src, why, sizeof why);
		pager_message(pg, "%s", why);
		if (pg->status == 0)
			pg->status = 1;
	}
	return 1;
}

/*
 * Has the file changed on disk? A file that grew (a log being written) is
 * read further without a word; one cut short or rewritten in place is
 * shown as it is now, and the status line says so; one replaced by
 * another, or whose lost pages read as zeros, stays as it was read.
 */
void
pager_check_source(struct pager *pg)
{
	size_t	old;

	if (!source_changed(pg->src))
		return;
	switch (source_reload(pg->src, &old)) {
	case SOURCE_GREW:
		pager_source_changed(pg, old, 0);
		return;
	case SOURCE_CUT:
		pager_source_changed(pg, old, 1);
		pager_message(pg, "file cut short on disk; shown as it is now");
		break;
	case SOURCE_REWRITTEN:
		pager_source_changed(pg, old, 1);
		pager_message(pg, "file changed on disk; shown as it is now");
		break;
	default:
		if (!pg->src->altered)
			pager_message(pg, "file changed on disk; showing what "
			    "was read");
		break;
	}
	pg->src->altered = 1;	/* the status line keeps saying so */
}

/*
 * Note an error: in the status line now, and on stderr after the screen:
 * pg->errors holds each message once, in its visible form (it may name
 * a file), one a line.
 */
void
pager_error(struct pager *pg, const char *msg)
{
	char	*safe, *e, *p;
	size_t	 n;

	sanitize_message(pg->message, sizeof pg->message, msg);
	if (pg->status == 0)
		pg->status = 1;
	n = sanitize_message(NULL, 0, msg);
	safe = xmalloc(n + 1);
	sanitize_message(safe, n + 1, msg);
	/* Once on stderr, however often the reader passes the file. */
	for (p = pg->errors; p != NULL && *p != '\0'; p = e + 1) {
		e = strchr(p, '\n');
		if ((size_t)(e - p) == n && memcmp(p, safe, n) == 0) {
			free(safe);
			return;
		}
	}
	xasprintf(&e, "%s%s\n", pg->errors != NULL ? pg->errors : "", safe);
	free(pg->errors);
	pg->errors = e;
	free(safe);
}

/*
 * Open file i into *src (standard input and the sample are not read
 * again); what is read whole (a device, a FIFO) calls pg->reading.
 * Returns 0, or -1 with *cause allocated.
 */
int
pager_load(struct pager *pg, size_t i, struct source *src, char **cause)
{
	const char	*name = pg->files[i].name;

	if (name == NULL) {
		source_open_memory(src, "(sample article)", sample_text,
		    sample_size);
		return 0;
	}
	if (strcmp(name, "-") == 0) {
		if (pg->stdin_src == NULL) {
			xasprintf(cause, "standard input: not read");
			return -1;
		}
		*src = *pg->stdin_src;
		return 0;
	}
	return source_open(src, name, pg->reading, pg->reading_arg, cause);
}

/* Note who file i is, for the positions file: real path, size, mtime. */
static void
pager_identify(struct pager *pg, size_t i)
{
	struct pager_file	*f = &pg->files[i];
	struct stat		 sb;
	char			*real;

	free(f->pos.path);
	f->pos.path = NULL;
	if (pg->src->kind != SOURCE_FILE || pg->src->path == NULL ||
	    stat(pg->src->path, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    (real = realpath(pg->src->path, NULL)) == NULL)
		return;
	f->pos.path = real;
	f->pos.size = (size_t)sb.st_size;
	f->pos.mtime = (long long)sb.st_mtim.tv_sec;
	f->pos.mtime_nsec = sb.st_mtim.tv_nsec;
}

/* Make the loaded *src the current file, i. */
void
pager_install(struct pager *pg, size_t i, struct source *src)
{
	char	*pattern = NULL, *why = NULL;
	int	 flags = 0, dir = 1;

	if (pg->stdin_src != NULL && src->data == pg->stdin_src->data &&
	    src->kind == SOURCE_PIPE)
		pg->src = pg->stdin_src;
	else {
		pg->srcbuf = *src;
		pg->src = &pg->srcbuf;
	}
	pg->cur = i;
	/* A table of a page or post is set in columns if it fits the
	 * rows kept lines may fill. */
	if (pg->cols > 0)
		docbuf_measure = pager_wide(pg, pg->cols);
	/* The format was checked (main.c), and none fails on its input. */
	if (doc_open(&pg->doc, pg->src, pg->format, &why) == -1)
		fatalx("%s", why);
	/* Hyphenation in the text's language: -L's, else its own. */
	if (hyph_on && hyph_load(pg->lang != NULL ? pg->lang :
	    pg->doc.lang) == -1)
		pager_message(pg, "no hyphenation patterns for %s",
		    pg->lang != NULL ? pg->lang : pg->doc.lang != NULL ?
		    pg->doc.lang : "LANG");
	/* A header of fields (newsboat's, mail's) names the article. */
	if (pg->doc.title == NULL)
		pg->doc.title = parse_title(&pg->doc);
	outline_init(&pg->outline);
	pg->quote = -1;
	/* The search carries over, as in less; its matches do not. */
	if (pg->find.pattern != NULL) {
		pattern = xstrdup(pg->find.pattern);
		flags = pg->find.flags;
		dir = pg->find.dir;
	}
	find_free(&pg->find);
	find_init(&pg->find);
	if (pattern != NULL && find_set(&pg->find, pattern, flags, dir,
	    &why) == -1)
		find_clear(&pg->find);
	free(why);
	free(pattern);
	pager_identify(pg, i);
}

/*
 * Show the current file: a view at the screen's size, where the reader
 * left it this session or, if resume is set, in an earlier one.
 */
void
pager_enter(struct pager *pg, int resume)
{
	struct pager_file	*f = &pg->files[pg->cur];
	struct position		*old;
	size_t			 top;
	int			 lines = pg->lines > 1 ? pg->lines - 1 : 1;

	pg->lines_doc = parse_doc_is_lines(&pg->doc);
	pg->view = view_create(&pg->doc, pager_measure(pg, pg->cols), lines);
	view_set_wide(pg->view, pager_wide(pg, pg->cols));
	if (pg->src->cut) {
		source_cut_why(pg->src, pg->message, sizeof pg->message);
		if (pg->status == 0)
			pg->status = 1;
	}
	if (f->seen) {
		pager_finish(pg);
		view_goto_offset(pg->view, doc_from_src(&pg->doc, f->pos.top));
		return;
	}
	f->seen = 1;
	if (f->pos.path == NULL ||
	    (old = positions_find(&pg->positions, f->pos.path)) == NULL ||
	    old->size != f->pos.size || old->mtime != f->pos.mtime ||
	    old->mtime_nsec != f->pos.mtime_nsec)
		return;
	memcpy(f->pos.marks, old->marks, sizeof f->pos.marks);
	f->pos.markset = old->markset;
	if (resume && old->top > 0)
		pager_finish(pg);
	top = doc_from_src(&pg->doc, old->top);
	if (!resume || top <= view_top_offset(pg->view) || top >= pg->doc.len)
		return;
	view_goto_offset(pg->view, top);
	/* A message already there (a state file not used) goes first. */
	if (pg->message[0] == '\0')
		pager_message(pg, "resumed at %d%%", view_percent(pg->view));
}

/*
 * Leave the current file: remember where the reader is (in the
 * positions file too), and free the view, outline and source.
 */
void
pager_leave(struct pager *pg)
{
	struct pager_file	*f = &pg->files[pg->cur];
	char			*cause = NULL;

	if (pg->view == NULL)
		return;
	f->pos.top = doc_to_src(&pg->doc, view_top_offset(pg->view));
	if (f->pos.path != NULL && pg->positions.path != NULL) {
		positions_put(&pg->positions, &f->pos);
		if (positions_save(&pg->positions, &cause) == -1) {
			pager_message(pg, "%s", cause);
			free(cause);
		}
	}
	view_destroy(pg->view);
	pg->view = NULL;
	outline_free(&pg->outline);
	doc_free(&pg->doc);
	if (pg->src != pg->stdin_src)
		source_free(pg->src);
	pg->src = NULL;
}

/*
 * :n (dir 1) and :p (dir -1): the next file that opens, reporting and
 * skipping those that do not. Returns 1 if the file changed.
 */
int
pager_switch(struct pager *pg, int dir)
{
	struct source	 src;
	char		*cause = NULL, msg[sizeof pg->message];
	long		 i;
	int		 failed = 0;

	for (i = (long)pg->cur + dir; i >= 0 && i < (long)pg->nfiles;
	    i += dir) {
		if (pager_load(pg, (size_t)i, &src, &cause) == 0) {
			/* An error met on the way stays on the status line. */
			memcpy(msg, pg->message, sizeof msg);
			pager_leave(pg);
			pager_install(pg, (size_t)i, &src);
			pager_enter(pg, 1);
			if (failed)
				memcpy(pg->message, msg, sizeof msg);
			return 1;
		}
		pager_error(pg, cause);
		free(cause);
		cause = NULL;
		failed = 1;
	}
	if (!failed)
		snprintf(pg->message, sizeof pg->message, "no %s file",
		    dir > 0 ? "next" : "previous");
	return 0;
}

/* The view jumped from top: '' goes back there. */
void
pager_jumped(struct pager *pg, size_t top)
{
	pg->files[pg->cur].last = top;
	pg->files[pg->cur].have_last = 1;
}
