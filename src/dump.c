/*
 * dump.c: the plain-text backend.
 *
 * Prints the laid-out article row by row, exactly as the screen places
 * it, without colour: the seam for golden tests and for pipes. Nothing
 * is printed but display text, which sanitize.c made safe. Blocks are
 * laid out independently, so a long document is laid out in chunks on
 * every processor lede may use and written in order (see dump_source_jobs).
 */

#include "config.h"

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lede.h"

/*
 * How the row is stretched to its full width: the columns it lacks go
 * to its spaces first, up to JUSTIFY_SPACE each, the rest between the
 * characters of text without spaces (CJK: CELL_SLOT, where a row may
 * break, so never before closing or after opening punctuation), as CSS
 * text-justify: inter-character does; a row of spaces alone or slots
 * alone gives them all. Shared by the screen and the dump.
 */
#define JUSTIFY_SPACE	2

void
dump_justify_plan(const struct layout *lay, size_t row, struct justify *j)
{
	const struct row	*r = &lay->rows[row];
	size_t			 i;
	int			 extra = lay->width - r->indent - r->width;

	memset(j, 0, sizeof *j);
	for (i = 0; i < r->count; i++) {
		if (lay->cells[r->first + i].flags & CELL_SPACE)
			j->spaces++;
		else if (i > 0 && (lay->cells[r->first + i].flags & CELL_SLOT))
			j->slots++;
	}
	if (extra <= 0)
		return;
	if (j->slots == 0)
		j->to_spaces = j->spaces > 0 ? extra : 0;
	else {
		j->to_spaces = extra < JUSTIFY_SPACE * j->spaces ? extra :
		    JUSTIFY_SPACE * j->spaces;
		j->to_slots = extra - j->to_spaces;
	}
}

/*
 * The columns to put at cell c, the i-th of its row: after it if it is
 * a space, before it if it is a slot. Call for every cell in order.
 */
int
dump_justify_at(struct justify *j, const struct cell *c, int i)
{
	int	k;

	if (c->flags & CELL_SPACE) {
		k = j->ks++;
		return j->to_spaces / j->spaces + (k < j->to_spaces %
		    j->spaces ? 1 : 0);
	}
	if (i > 0 && (c->flags & CELL_SLOT) && j->slots > 0) {
		/* Spread evenly, the odd columns from the middle out: the
		 * k-th slot gets round((k + 1) t / n) - round(k t / n). */
		k = j->kc++;
		return (2 * (k + 1) * j->to_slots + j->slots) /
		    (2 * j->slots) - (2 * k * j->to_slots + j->slots) /
		    (2 * j->slots);
	}
	return 0;
}

/* Should this row be stretched to the full width when justifying? */
int
dump_row_justified(const struct layout *lay, size_t row)
{
	const struct row	*r = &lay->rows[row];

	return !(r->flags & (ROW_LAST | ROW_HARD | ROW_GAP | ROW_CONT |
	    ROW_PIECE | ROW_CENTRED)) &&
	    (lay->type == BLOCK_PARAGRAPH || lay->type == BLOCK_ITEM) &&
	    r->count > 0 &&
	    !(lay->cells[r->first].flags & CELL_VERBATIM);
}

/* Rows of text, made by one job of the dump. */
struct dump_buf {
	char	*s;
	size_t	 len;
	size_t	 cap;
};

/* Make room for n more bytes. */
static void
dump_reserve(struct dump_buf *b, size_t n)
{
	if (b->len + n > b->cap) {
		while (b->len + n > b->cap)
			b->cap = b->cap == 0 ? 65536 : b->cap * 2;
		b->s = xreallocarray(b->s, b->cap, 1);
	}
}

/* Append n bytes. */
static void
dump_put(struct dump_buf *b, const char *s, size_t n)
{
	if (n == 0)
		return;		/* s may be the NULL text of an empty row */
	dump_reserve(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
}

/* Append n spaces. */
static void
dump_spaces(struct dump_buf *b, int n)
{
	static const char	 spaces[] = "                                ";
	int			 k;

	for (; n > 0; n -= k) {
		k = n < (int)sizeof spaces - 1 ? n : (int)sizeof spaces - 1;
		dump_put(b, spaces, (size_t)k);
	}
}

/* Append bytes [from, to) of the display text (an empty row has none). */
static void
dump_text(struct dump_buf *out, const struct layout *lay, size_t from,
    size_t to)
{
	if (to > from)
		dump_put(out, lay->text + from, to - from);
}

/*
 * Append one row as --dump prints it: the display text of cells that
 * follow each other is contiguous in lay->text, so a row that is not
 * stretched is one copy.
 */
static void
dump_write_row(const struct layout *lay, size_t row, int justify,
    struct dump_buf *out)
{
	const struct row	*r = &lay->rows[row];
	const struct cell	*c;
	size_t			 i, ci, pos, from = 0, to = 0, mlen;
	struct justify		 j;
	int			 stretch, extra, rtl, span, plain, ind;
	char			 mbuf[BIDI_GLYPH_MAX];

	stretch = justify && dump_row_justified(lay, row);
	plain = !stretch && !(r->flags & ROW_CONT) && r->count > 0 &&
	    lay->order == NULL;
	rtl = bidi_row_rtl(lay, r);
	for (i = 0; !rtl && i < r->bars; i++) {	/* block quotes' bars */
		dump_put(out, QUOTE_BAR, strlen(QUOTE_BAR));
		/* A space after it, unless it is drawn wide (ambiguous) or
		 * nothing follows. */
		if (width_cp(QUOTE_BAR_CP) == 1 && (r->count > 0 ||
		    i + 1 < r->bars))
			dump_put(out, " ", 1);
	}
	if (rtl && r->count > 0) {	/* flush right */
		span = lay->width > r->indent + r->width ? lay->width :
		    r->indent + r->width;
		dump_spaces(out, stretch ? 0 : span - r->indent - r->width);
		if (r->flags & ROW_HYPHEN)
			dump_put(out, "-", 1);
	} else if (plain) {
		/* Most rows: the indent (a list item's hang, nesting), the
		 * text in one copy (rows end at kept line breaks: no
		 * CELL_BREAK inside), a newline, in room made once. */
		ind = r->indent > 2 * r->bars ? r->indent - 2 * r->bars : 0;
		if (lay->bytes) {	/* rows of text (layout_fit_text) */
			from = r->first;
			to = from + r->count;
		} else {
			c = &lay->cells[r->first + r->count - 1];
			from = lay->cells[r->first].text;
			to = (size_t)c->text + c->len;
		}
		mlen = (size_t)ind + (to - from) + 1 +
		    ((r->flags & ROW_HYPHEN) != 0);
		dump_reserve(out, mlen);
		if (ind > 0)
			memset(out->s + out->len, ' ', (size_t)ind);
		memcpy(out->s + out->len + ind, lay->text + from, to - from);
		if (r->flags & ROW_HYPHEN)	/* display only */
			out->s[out->len + mlen - 2] = '-';
		out->s[out->len + mlen - 1] = '\n';
		out->len += mlen;
		return;
	} else if (r->count > 0)	/* a list item's hang, nesting */
		dump_spaces(out, r->indent - 2 * r->bars);
	if (stretch)
		dump_justify_plan(lay, row, &j);
	for (i = 0, pos = r->first; i < r->count; i++) {
		ci = bidi_cell_at(lay, r, i, &pos);
		c = &lay->cells[ci];
		if (c->flags & CELL_BREAK)
			continue;
		extra = stretch ? dump_justify_at(&j, c, (int)i) : 0;
		if (extra > 0 && !(c->flags & CELL_SPACE)) {
			/* A slot: the columns go before the cell. */
			dump_text(out, lay, from, to);
			dump_spaces(out, extra);
			from = to = c->text;
			extra = 0;
		}
		if ((mlen = bidi_glyph(lay, r, ci, mbuf)) > 0) {	/* "(" right to left: ")" */
			dump_text(out, lay, from, to);
			dump_put(out, mbuf, mlen);
			from = to = (size_t)c->text + c->len;
		} else {
			if (c->text != to) {
				dump_text(out, lay, from, to);
				from = c->text;
			}
			to = (size_t)c->text + c->len;
		}
		if (extra > 0) {
			dump_text(out, lay, from, to);
			from = to;
			dump_spaces(out, extra);
		}
	}
	dump_text(out, lay, from, to);
	if (!rtl && (r->flags & ROW_HYPHEN))	/* display only */
		dump_put(out, "-", 1);
	if (r->flags & ROW_CONT) {
		dump_spaces(out, lay->wide - 1 - r->indent - r->width);
		dump_put(out, ROW_CONT_MARK, strlen(ROW_CONT_MARK));
	}
	if (rtl && r->bars > 0) {	/* the bars on the right */
		span = lay->width > r->indent + r->width ? lay->width :
		    r->indent + r->width;
		dump_spaces(out, (r->count > 0 ? r->indent : span) -
		    2 * r->bars + (width_cp(QUOTE_BAR_CP) == 1));
		for (i = 0; i < r->bars; i++) {
			if (i > 0 && width_cp(QUOTE_BAR_CP) == 1)
				dump_put(out, " ", 1);
			dump_put(out, QUOTE_BAR, strlen(QUOTE_BAR));
		}
	}
	dump_put(out, "\n", 1);
}

/*
 * Make the text of one row in *buf (reallocated; *len set), as the dump
 * prints it, without the newline.
 */
void
dump_row(const struct layout *lay, size_t row, int justify, char **buf,
    size_t *len)
{
	struct dump_buf	out = { NULL, 0, 0 };

	dump_write_row(lay, row, justify, &out);
	out.len--;		/* the newline */
	out.s[out.len] = '\0';
	free(*buf);
	*buf = out.s;
	*len = out.len;
}

/*
 * A dump is cut into jobs of about DUMP_CHUNK bytes of the source, each
 * the blocks, or pieces of a block laid out in pieces (layout.c), that
 * start in [start, end): they are laid out on their own, so jobs can run
 * on several processors at once, each into its own buffer, which are
 * written in order. At most two jobs a thread are made or waiting to be
 * written at a time: the buffers are reused, and few and small, since
 * every page of memory touched for the first time costs.
 */
#define DUMP_CHUNK	(256u << 10)
#define DUMP_THREADS	8
#define DUMP_SLOTS	(2 * DUMP_THREADS)

struct dump_job {
	size_t		 start;
	size_t		 end;
	struct block	 blk;	/* the block at start, if in pieces */
	int		 have_blk;
	int		 done;
	struct dump_buf	 out;
};

struct dump {
	const struct doc	*doc;
	int			 width;
	int			 justify;
	size_t			 chunk;
	size_t			 slots;	/* jobs[] in use */
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	struct dump_job		 jobs[DUMP_SLOTS];
	size_t			 next;	/* where the next job starts */
	struct block		 huge;	/* the block in pieces at next */
	int			 have_huge;
	size_t			 made;	/* jobs handed out */
	size_t			 written;	/* jobs written */
	int			 stop;	/* a write failed: make no more */
	size_t			 gone;	/* the text before it is given back */
};

/*
 * The text is written up to end: its pages may go (doc_done), DUMP_GONE
 * jobs' worth at a time (8 MB). Giving back a mapping's pages makes every
 * processor forget them (a TLB shootdown, an interrupt each): a job's 256
 * KB at a time cost the dump 4% of its time, for memory 8 MB less.
 */
#define DUMP_GONE	32
size_t	dump_gone_times;	/* the tests count them */

static void
dump_gone(struct dump *d, size_t end)
{
	if (end - d->gone >= DUMP_GONE * d->chunk) {
		doc_done(d->doc, d->gone, end);
		d->gone = end;
		dump_gone_times++;
	}
}

/*
 * Lay out the blocks of one job into its buffer: of a block in pieces,
 * the pieces from the one at the job's start.
 */
static void
dump_job_run(const struct dump *d, struct dump_job *j)
{
	struct block	 b, p;
	struct layout	*lay;
	size_t		 row;
	int		 more;

	j->out.len = 0;
	if ((more = j->have_blk) != 0)
		b = j->blk;
	else
		more = block_at(d->doc, j->start, &b);
	for (; more && b.start < j->end; more = block_next(d->doc, &b, &b)) {
		piece_at(d->doc, &b, b.start > j->start ? b.start :
		    j->start, &p);
		for (;;) {
			lay = layout_create_piece(d->doc, &b, &p, d->width);
			for (row = 0; row < lay->nrows; row++)
				dump_write_row(lay, row, d->justify, &j->out);
			layout_recycle(lay);
			if (p.end >= b.end || p.end >= j->end)
				break;
			piece_at(d->doc, &b, p.end, &p);
		}
	}
}

/*
 * Where the job that starts at start ends: the start of the block at
 * start + d->chunk (the one that holds that offset, or the next), or of
 * the piece there if the block is laid out in pieces, or the end of the
 * source. A block in pieces that the job ends in is kept in d->huge, so
 * that it is not looked for again, from the middle, for each job.
 */
static size_t
dump_job_end(struct dump *d, size_t start)
{
	struct block	b, p;
	size_t		at = start + d->chunk;

	if (d->doc->len - start <= d->chunk)
		return d->doc->len;
	if (d->have_huge && at >= d->huge.start && at < d->huge.end)
		b = d->huge;
	else if (!block_at(d->doc, at, &b))
		return d->doc->len;
	d->have_huge = 0;
	if (b.start > start)
		return b.start;
	if (b.end - b.start > LAYOUT_HUGE) {
		piece_at(d->doc, &b, at, &p);
		if (p.start <= start)
			p.start = p.end;
		if (p.start < b.end) {
			d->huge = b;
			d->have_huge = 1;
			return p.start;
		}
	}
	/* A block longer than a chunk: the job ends after it. */
	return block_next(d->doc, &b, &b) ? b.start : d->doc->len;
}

/* Take the next job, or return NULL when there is none (mu held). */
static struct dump_job *
dump_take(struct dump *d)
{
	struct dump_job	*j;

	if (d->stop || d->next >= d->doc->len)
		return NULL;
	j = &d->jobs[d->made++ % d->slots];
	j->start = d->next;
	j->blk = d->huge;
	j->have_blk = d->have_huge;
	j->end = d->next = dump_job_end(d, d->next);
	j->done = 0;
	return j;
}

/* A worker: take jobs while there are free slots, until there are none. */
static void *
dump_worker(void *arg)
{
	struct dump	*d = arg;
	struct dump_job	*j;

	pthread_mutex_lock(&d->mu);
	for (;;) {
		while (!d->stop && d->next < d->doc->len &&
		    d->made - d->written >= d->slots)
			pthread_cond_wait(&d->cv, &d->mu);
		if ((j = dump_take(d)) == NULL)
			break;
		pthread_mutex_unlock(&d->mu);
		dump_job_run(d, j);
		pthread_mutex_lock(&d->mu);
		j->done = 1;
		pthread_cond_broadcast(&d->cv);
	}
	pthread_mutex_unlock(&d->mu);
	layout_release();
	return NULL;
}

/* How many processors this process may run on. */
static int
dump_processors(void)
{
#ifdef CPU_COUNT
	cpu_set_t	set;

	if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
		return CPU_COUNT(&set);
#endif
	return 1;
}

/*
 * Print the document from the block at offset from, at the given width,
 * to fp, with up to threads threads laying out jobs of about chunk source
 * bytes. Returns 0, or -1 on a write error.
 */
int
dump_doc_jobs(const struct doc *doc, size_t from, int width,
    int justify, FILE *fp, int threads, size_t chunk)
{
	struct dump	 d;
	struct dump_job	*j;
	pthread_t	 tid[DUMP_THREADS];
	int		 n = 0, i, failed = 0, slots = layout_get_slots();

	/* Slots only for what uses them: not laid out for nothing. */
	layout_set_slots(justify || hyph_on);
	layout_set_bytes(1);
	memset(&d, 0, sizeof d);
	d.doc = doc;
	d.width = width;
	d.justify = justify;
	d.chunk = chunk > 0 ? chunk : 1;
	d.next = d.gone = from < doc->len ? from : doc->len;
	if (threads > DUMP_THREADS)
		threads = DUMP_THREADS;
	d.slots = threads > 1 ? 2 * (size_t)threads : 1;
	if (threads > 1 && doc->len - d.next > d.chunk) {
		pthread_mutex_init(&d.mu, NULL);
		pthread_cond_init(&d.cv, NULL);
		for (n = 0; n < threads; n++)
			if (pthread_create(&tid[n], NULL, dump_worker, &d) != 0)
				break;
		if (n == 0) {
			pthread_cond_destroy(&d.cv);
			pthread_mutex_destroy(&d.mu);
		}
	}
	if (n == 0) {
		/* One job after another, here. */
		while ((j = dump_take(&d)) != NULL) {
			dump_job_run(&d, j);
			if (j->out.len > 0 && fwrite(j->out.s, 1, j->out.len,
			    fp) != j->out.len)
				d.stop = failed = 1;
			dump_gone(&d, j->end);
			d.written++;
		}
	} else {
		pthread_mutex_lock(&d.mu);
		while (d.written < d.made || (!d.stop && d.next < doc->len)) {
			j = &d.jobs[d.written % d.slots];
			if (d.written == d.made || !j->done) {
				pthread_cond_wait(&d.cv, &d.mu);
				continue;
			}
			pthread_mutex_unlock(&d.mu);
			if (!failed && j->out.len > 0 && fwrite(j->out.s, 1,
			    j->out.len, fp) != j->out.len)
				failed = 1;
			dump_gone(&d, j->end);
			pthread_mutex_lock(&d.mu);
			if (failed)
				d.stop = 1;
			d.written++;
			pthread_cond_broadcast(&d.cv);
		}
		pthread_mutex_unlock(&d.mu);
		for (i = 0; i < n; i++)
			pthread_join(tid[i], NULL);
		pthread_cond_destroy(&d.cv);
		pthread_mutex_destroy(&d.mu);
	}
	if (d.written > 0)
		doc_done(doc, d.gone, d.jobs[(d.written - 1) % d.slots].end);
	for (i = 0; i < DUMP_SLOTS; i++)
		free(d.jobs[i].out.s);
	layout_set_slots(slots);
	layout_set_bytes(0);
	if (failed || fflush(fp) != 0 || ferror(fp))
		return -1;
	return 0;
}

/*
 * Print the document from the block at offset from, at the given width,
 * on every processor lede may use. Returns 0, or -1 on a write error.
 */
int
dump_doc(const struct doc *doc, size_t from, int width, int justify)
{
	return dump_doc_jobs(doc, from, width, justify, stdout,
	    dump_processors(), DUMP_CHUNK);
}

/* --references: the document's links, numbered as in its text, after
 * it, their targets shown as any message is (nothing raw). */
int
dump_links(const struct doc *doc, FILE *fp)
{
	char	buf[2048];
	size_t	i;

	if (doc->nlinks == 0)
		return 0;
	fputs("\nReferences\n\n", fp);
	for (i = 0; i < doc->nlinks; i++) {
		sanitize_message(buf, sizeof buf, doc->uris +
		    doc->links[i].uri);
		fprintf(fp, "[%zu] %s\n", i + 1, buf);
	}
	return fflush(fp) == EOF || ferror(fp) ? -1 : 0;
}
