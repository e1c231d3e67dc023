/*
 * mdscan.c: a long Markdown input's chunks. md4c parses a whole text at
 * once; md.c gives it a chunk at a time (a long file in idle time, a pipe
 * as it arrives), and this finds where a chunk may end: at a blank line
 * before a line at the margin, outside fenced code, where no block can
 * go on. It also keeps the link reference definitions, which md.c puts
 * before each chunk: those above it, those up to MD_AHEAD bytes below
 * it, and those at the end of the file. And it reads a YAML front
 * matter's title.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lede.h"
#include "md.h"

#define MD_DEFS_MAX	(256u << 10)	/* reference definitions carried */

/* Is the line at p (of n bytes) a link reference definition's first? */
static int
mdscan_is_def(const char *p, size_t n)
{
	size_t	i = 0;

	while (i < n && i < 3 && p[i] == ' ')
		i++;
	if (i >= n || p[i] != '[' || (i + 1 < n && p[i + 1] == '^'))
		return 0;
	while (++i < n && p[i] != ']')
		;
	return i + 1 < n && p[i + 1] == ':';
}

/*
 * Follow fenced code over the line [i, e) (i past its indent): is the
 * line in a fence, or one of its fence lines? *fence is the fence's
 * character, or 0 outside one.
 */
static int
mdscan_fenced(char *fence, size_t *fencelen, const char *d, size_t i, size_t e)
{
	size_t	k;

	if (*fence != 0) {
		for (k = 0; i + k < e && d[i + k] == *fence; k++)
			;
		if (k >= *fencelen)
			*fence = 0;
		return 1;
	}
	if (e - i >= 3 && (d[i] == '`' || d[i] == '~') &&
	    d[i + 1] == d[i] && d[i + 2] == d[i]) {
		*fence = d[i];
		for (k = 0; i + k < e && d[i + k] == *fence; k++)
			;
		*fencelen = k;
		return 1;
	}
	return 0;
}

/*
 * Keep the link reference definitions of the whole lines from m->dscan
 * up to about upto, for the chunks: a chunk sees the definitions above
 * it and up to MD_AHEAD bytes below it (those at the end of a README).
 */
void
mdscan_defs(struct mdscan *m, const char *d, size_t len, size_t upto)
{
	size_t		 p = m->dscan, e, i, n;
	const char	*nl;

	while (p < upto && p < len) {
		if ((nl = memchr(d + p, '\n', len - p)) == NULL)
			break;			/* not a whole line yet */
		e = (size_t)(nl - d);
		for (i = p; i < e && (d[i] == ' ' || d[i] == '\t'); i++)
			;
		n = e - p + 1;
		if (!mdscan_fenced(&m->dfence, &m->dfencelen, d, i, e) &&
		    mdscan_is_def(d + p, e - p) && m->ndefs + n <= MD_DEFS_MAX) {
			if (m->ndefs + n > m->defscap) {
				m->defscap = (m->ndefs + n) * 2;
				m->defs = xreallocarray(m->defs, m->defscap,
				    1);
			}
			memcpy(m->defs + m->ndefs, d + p, n);
			m->ndefs += n;
		}
		p = e + 1;
	}
	m->dscan = p;
}

/*
 * A long file's definitions are mostly at its end: keep those of its
 * last MD_AHEAD bytes from the start, for all chunks. (Lines that only
 * look like definitions, in a code block there, are kept too: they name
 * nothing the text uses, as a rule.)
 */
static void
mdscan_tail(struct mdscan *m, const char *d, size_t len, int reading)
{
	struct mdscan	 tail;
	const char	*nl;
	size_t		 from;

	if (reading || len - m->dscan <= 2 * MD_AHEAD)
		return;
	if ((nl = memchr(d + len - MD_AHEAD, '\n', MD_AHEAD)) == NULL)
		return;
	from = (size_t)(nl + 1 - d);
	memset(&tail, 0, sizeof tail);
	tail.dscan = from;
	mdscan_defs(&tail, d, len, len);
	m->defs = tail.defs;
	m->ndefs = tail.ndefs;
	m->defscap = tail.defscap;
}

/*
 * Scan the input's lines from m->scan: where may a chunk that starts at
 * in end? Returns the start of the first line that may begin another,
 * at least min bytes past in (or 0 for none).
 */
size_t
mdscan_cut(struct mdscan *m, const char *d, size_t len, size_t in,
    size_t min)
{
	size_t		 p = m->scan, e, i, cut = 0;
	const char	*nl;

	while (p < len) {
		if ((nl = memchr(d + p, '\n', len - p)) == NULL)
			break;			/* not a whole line yet */
		e = (size_t)(nl - d);
		for (i = p; i < e && (d[i] == ' ' || d[i] == '\t'); i++)
			;
		if (!mdscan_fenced(&m->fence, &m->fencelen, d, i, e) && i < e &&
		    m->blank && i == p && p >= in + min && d[p] != '>')
			cut = p;
		m->blank = i == e && m->fence == 0;
		p = e + 1;
		m->scan = p;
		if (cut != 0)
			break;
	}
	return cut;
}

/* A YAML front matter ("---" lines around "title: ..."): its title, and
 * the input after it. */
size_t
md_front_matter(struct doc *doc)
{
	const char	*d = (const char *)doc->src->data, *p, *e, *end;
	size_t		 len = doc->src->len < 65536 ? doc->src->len : 65536;
	size_t		 n;

	if (len < 8 || memcmp(d, "---\n", 4) != 0)
		return 0;
	end = d + len;
	for (p = d + 4; p < end; p = e + 1) {
		if ((e = memchr(p, '\n', (size_t)(end - p))) == NULL)
			return 0;
		if ((e - p == 3 && (memcmp(p, "---", 3) == 0 ||
		    memcmp(p, "...", 3) == 0)))
			return (size_t)(e + 1 - d);
		if (e - p > 6 && strncmp(p, "title:", 6) == 0 &&
		    doc->title == NULL) {
			p += 6;
			while (p < e && *p == ' ')
				p++;
			n = (size_t)(e - p);
			if (n >= 2 && (*p == '"' || *p == '\'') &&
			    p[n - 1] == *p)
				p++, n -= 2;
			doc->title = xmalloc(n + 1);
			memcpy(doc->title, p, n);
			doc->title[n] = '\0';
		}
	}
	return 0;
}


/* Start scanning at in (past a front matter). */
void
mdscan_init(struct mdscan *m, const char *d, size_t len, size_t in,
    int reading)
{
	memset(m, 0, sizeof *m);
	m->scan = m->dscan = in;
	m->blank = 1;
	mdscan_tail(m, d, len, reading);
}
