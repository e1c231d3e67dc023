/*
 * block.c: find the blocks of a document, by byte offset.
 *
 * A block is a run of non-blank lines; blank lines (only spaces and tabs)
 * separate blocks. Lines end with LF, CRLF or a lone CR. Every function
 * here looks only at the lines around the offset it is given, so the
 * answer is the same whichever direction the reader came from, and a
 * jump to the end of a 100 MB file costs the size of its last block, not
 * a scan of the file.
 */

#include "config.h"

#include <string.h>

#include "lede.h"

/* Is the byte a line terminator? */
static int
is_eol(uint8_t c)
{
	return c == '\n' || c == '\r';
}

/* Is the byte horizontal white space for the purpose of blank lines? */
static int
is_hspace(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

/*
 * Return the end of the line that starts at pos (the offset of its
 * terminator, or len); *next is set to the start of the following line.
 */
size_t
block_line_end(const uint8_t *d, size_t len, size_t pos, size_t *next)
{
	const uint8_t	*lf, *cr;
	size_t		 end;

	size_t		 win = 256, lim;

	/*
	 * Look for LF in growing windows, so that a file that uses lone CRs
	 * does not make every line a scan to the end of the file.
	 */
	for (lf = NULL, lim = pos; lim < len && lf == NULL; win *= 2) {
		size_t	from = lim;

		lim = len - from > win ? from + win : len;
		lf = memchr(d + from, '\n', lim - from);
		if (lf == NULL && memchr(d + from, '\r', lim - from) != NULL)
			break;
	}
	end = lf != NULL ? (size_t)(lf - d) : lim;
	/* A CR before the LF (or alone) also ends the line. */
	cr = memchr(d + pos, '\r', end - pos);
	if (cr != NULL)
		end = (size_t)(cr - d);
	if (next != NULL) {
		if (end == len)
			*next = len;
		else if (d[end] == '\r' && end + 1 < len && d[end + 1] == '\n')
			*next = end + 2;
		else
			*next = end + 1;
	}
	return end;
}

/* Start of the line containing pos (pos may be a terminator byte). */
static size_t
line_start(const uint8_t *d, size_t pos)
{
	while (pos > 0 && !is_eol(d[pos - 1]))
		pos--;
	return pos;
}

/* Start of the line before the line starting at pos; pos must be > 0. */
static size_t
prev_line_start(const uint8_t *d, size_t pos)
{
	/* Step over the terminator that ends the previous line. */
	if (d[pos - 1] == '\n' && pos >= 2 && d[pos - 2] == '\r')
		pos -= 2;
	else
		pos--;
	return line_start(d, pos);
}

static int
line_blank(const uint8_t *d, size_t start, size_t end)
{
	for (; start < end; start++)
		if (!is_hspace(d[start]))
			return 0;
	return 1;
}

/*
 * Given the start of a non-blank line, extend forward to the end of its
 * block.
 */
static size_t
block_extend(const uint8_t *d, size_t len, size_t pos)
{
	size_t	end, next;

	for (;;) {
		end = block_line_end(d, len, pos, &next);
		if (next >= len)
			return end;
		/* Look at the next line. */
		{
			size_t	nend = block_line_end(d, len, next, NULL);

			if (line_blank(d, next, nend))
				return end;
		}
		pos = next;
	}
}

/* Given any non-blank line start, find the start of its block. */
static size_t
block_rewind(const uint8_t *d, size_t pos)
{
	size_t	prev, pend;

	while (pos > 0) {
		prev = prev_line_start(d, pos);
		pend = block_line_end(d, pos, prev, NULL);
		if (line_blank(d, prev, pend))
			break;
		pos = prev;
	}
	return pos;
}

/*
 * The block containing offset off, or the first block after it if off is
 * in blank lines. Returns 0 if there is none.
 */
int
block_at(const struct source *src, size_t off, struct block *b)
{
	const uint8_t	*d = src->data;
	size_t		 len = src->len, pos, end, next;

	if (off > len)
		off = len;
	/* The LF of a CRLF belongs to the line that its CR ends. */
	if (off > 0 && off < len && d[off] == '\n' && d[off - 1] == '\r')
		off--;
	pos = line_start(d, off);
	/* Skip blank lines forward. */
	for (;;) {
		if (pos >= len)
			return 0;
		end = block_line_end(d, len, pos, &next);
		if (!line_blank(d, pos, end))
			break;
		pos = next;
	}
	if (pos <= off)
		b->start = block_rewind(d, pos);
	else
		b->start = pos;
	b->end = block_extend(d, len, pos);
	return 1;
}

int
block_first(const struct source *src, struct block *b)
{
	return block_at(src, 0, b);
}

/* The last block, found from the end of the file backwards. */
int
block_last(const struct source *src, struct block *b)
{
	const uint8_t	*d = src->data;
	size_t		 pos, end;

	if (src->len == 0)
		return 0;
	pos = line_start(d, src->len);
	for (;;) {
		end = block_line_end(d, src->len, pos, NULL);
		if (!line_blank(d, pos, end))
			break;
		if (pos == 0)
			return 0;
		pos = prev_line_start(d, pos);
	}
	b->start = block_rewind(d, pos);
	b->end = block_extend(d, src->len, pos);
	return 1;
}

int
block_next(const struct source *src, const struct block *cur,
    struct block *b)
{
	size_t	next;

	if (cur->end >= src->len)
		return 0;
	block_line_end(src->data, src->len, cur->end, &next);
	return block_at(src, next, b);
}

int
block_prev(const struct source *src, const struct block *cur,
    struct block *b)
{
	const uint8_t	*d = src->data;
	size_t		 pos, end;

	pos = cur->start;
	for (;;) {
		if (pos == 0)
			return 0;
		pos = prev_line_start(d, pos);
		end = block_line_end(d, src->len, pos, NULL);
		if (!line_blank(d, pos, end))
			break;
	}
	b->start = block_rewind(d, pos);
	b->end = end;
	return 1;
}

/* Is this the first block of the document (nothing but blanks before)? */
int
block_is_first(const struct source *src, const struct block *b)
{
	size_t	i;

	for (i = 0; i < b->start; i++)
		if (!is_hspace(src->data[i]) && !is_eol(src->data[i]))
			return 0;
	return 1;
}
