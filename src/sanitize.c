/*
 * sanitize.c: turn raw bytes into display units, one at a time.
 *
 * This is the only place that decides what may reach the terminal. A
 * printable code point (one the C library's wcwidth knows, which is what
 * curses and the terminal go by) passes as itself. Everything else is
 * shown visibly, in ASCII: C0 controls and DEL as ^X, C1 controls and
 * other unprintable code points as <U+XXXX>, and each byte of invalid
 * UTF-8 (stray continuation bytes, overlong forms, surrogates, values
 * above U+10FFFF, a sequence cut short) as <XX>, as less does. A byte
 * order mark at the start of the file is skipped. With -R (raw control),
 * an SGR colour sequence (ESC [ digits ; m) is a unit of its own that
 * shows nothing: the layout turns it into a style (sgr.c).
 *
 * Messages go the same way (sanitize_message, sanitize_warnx): a file
 * name, an argument or a value of $LEDE reaches no stream raw.
 */

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <unistr.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "lede.h"

static int	sanitize_raw;

/* Is -R on? */
int
sanitize_get_raw(void)
{
	return sanitize_raw;
}

/* -R: SGR sequences become UNIT_SGR instead of being shown. */
void
sanitize_set_raw(int raw)
{
	sanitize_raw = raw;
}

/*
 * May this code point be sent to the terminal as itself? See uprop.c:
 * what wcwidth knows, but no control, and no bidirectional embedding,
 * override or isolate.
 */
int
sanitize_printable(uint32_t cp)
{
	if (cp < 0x7f)
		return cp >= 0x20;
	return (uprop(cp) & UP_PRINTABLE) != 0;
}

/*
 * The end of the run of printable ASCII (0x20 to 0x7e) that starts at p:
 * the first other byte in [p, end), or end. Most text is such runs, so
 * this looks at 16 bytes at a time where the machine allows.
 */
const uint8_t *
sanitize_ascii_run(const uint8_t *p, const uint8_t *end)
{
#ifdef __SSE2__
	const __m128i	sp = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7f);
	__m128i		v;
	int		m;

	while (end - p >= 16) {
		v = _mm_loadu_si128((const __m128i *)(const void *)p);
		/* Signed: bytes from 0x80 up are below 0x20 too. */
		m = _mm_movemask_epi8(_mm_or_si128(_mm_cmplt_epi8(v, sp),
		    _mm_cmpeq_epi8(v, del)));
		if (m != 0)
			return p + __builtin_ctz((unsigned)m);
		p += 16;
	}
#endif
	while (p < end && *p >= 0x20 && *p < 0x7f)
		p++;
	return p;
}

/*
 * The end of the run of text from data[pos] (pos < len) that passes as
 * itself: the units that sanitize_next() makes UNIT_CHAR, one after
 * another, with their bytes as they are.
 */
size_t
sanitize_text_run(const uint8_t *data, size_t len, size_t pos)
{
	ucs4_t	uc;
	int	n;

	for (;;) {
		/* Printable ASCII, sixteen bytes at a time: not between two
		 * code points that are not (CJK). */
		if (pos < len && data[pos] < 0x80)
			pos = (size_t)(sanitize_ascii_run(data + pos, data +
			    len) - data);
		if (pos >= len || data[pos] < 0x80)
			return pos;
		/* Two bytes (Latin, Greek, Cyrillic, Hebrew, Arabic) and
		 * three (the rest of the BMP: CJK, quotation marks), as
		 * u8_mbtoucr decodes them, without the call; it is asked
		 * about the rest, and about what is not valid. */
		if (data[pos] >= 0xc2 && data[pos] < 0xe0 && pos + 1 < len &&
		    (data[pos + 1] & 0xc0) == 0x80) {
			uc = (ucs4_t)(data[pos] & 0x1f) << 6 |
			    (data[pos + 1] & 0x3f);
			n = 2;
		} else if (data[pos] >= 0xe0 && data[pos] < 0xf0 &&
		    pos + 2 < len && (data[pos + 1] & 0xc0) == 0x80 &&
		    (data[pos + 2] & 0xc0) == 0x80 && (uc = (ucs4_t)(data[pos] &
		    0x0f) << 12 | (ucs4_t)(data[pos + 1] & 0x3f) << 6 |
		    (data[pos + 2] & 0x3f)) >= 0x800 && (uc < 0xd800 ||
		    uc > 0xdfff))
			n = 3;
		else
			n = u8_mbtoucr(&uc, data + pos, len - pos);
		if (n < 0 || (uc == 0xfeff && pos == 0) ||
		    !(uprop(uc) & UP_PRINTABLE))	/* uc is past ASCII */
			return pos;
		pos += (size_t)n;
	}
}

/*
 * -R: the length of an erase-in-line sequence (ESC [ K, ESC [ 0 K, 1 K,
 * 2 K) at pos, or 0. It erases nothing on a page: it is dropped, as
 * less -R drops it.
 */
static size_t
sanitize_erase_line(const uint8_t *d, size_t len, size_t pos)
{
	if (pos + 2 < len && d[pos + 1] == '[' && d[pos + 2] == 'K')
		return 3;
	if (pos + 3 < len && d[pos + 1] == '[' && d[pos + 2] >= '0' &&
	    d[pos + 2] <= '2' && d[pos + 3] == 'K')
		return 4;
	return 0;
}

/*
 * -R: the length of an OSC 8 hyperlink sequence at pos (ESC ] 8 ;
 * params ; URI, ended by ESC \ or BEL, at most SANITIZE_OSC_MAX bytes
 * of printable ASCII), or 0; *open is set to 1 if it starts a link (a
 * URI), 0 if it ends one (none), and the URI is [*us, *ue).
 */
#define SANITIZE_OSC_MAX	4096
size_t
sanitize_link(const uint8_t *d, size_t len, size_t pos, uint32_t *open,
    size_t *us, size_t *ue)
{
	size_t	i, semi = 0;

	if (pos + 4 >= len || memcmp(d + pos, "\033]8;", 4) != 0)
		return 0;
	for (i = pos + 4; i < len && i - pos < SANITIZE_OSC_MAX; i++) {
		if (d[i] == 0x07 || (d[i] == 0x1b && i + 1 < len &&
		    d[i + 1] == '\\')) {
			if (semi == 0)
				return 0;
			*open = i > semi + 1;
			*us = semi + 1;
			*ue = i;
			return i - pos + (d[i] == 0x07 ? 1 : 2);
		}
		if (d[i] < 0x20 || d[i] >= 0x7f)
			return 0;
		if (d[i] == ';' && semi == 0)
			semi = i;
	}
	return 0;
}

/*
 * Decode the unit at data[pos] (pos < len) into *u.
 */
void
sanitize_next(const uint8_t *data, size_t len, size_t pos, struct unit *u)
{
	uint8_t		c = data[pos];
	ucs4_t		uc;
	size_t		us, ue;
	int		n;

	u->cp = c;
	u->len = 1;
	u->text[0] = '\0';
	if (c < 0x80) {
		if (c == '\n') {
			u->kind = UNIT_NEWLINE;
		} else if (c == '\r') {
			u->kind = UNIT_NEWLINE;
			if (pos + 1 < len && data[pos + 1] == '\n')
				u->len = 2;
		} else if (c == '\t') {
			u->kind = UNIT_TAB;
		} else if (c == 0x1b && sanitize_raw &&
		    (u->len = sgr_match(data, len, pos)) > 0) {
			u->kind = UNIT_SGR;
		} else if (c == 0x1b && sanitize_raw &&
		    (u->len = sanitize_erase_line(data, len, pos)) > 0) {
			u->kind = UNIT_SKIP;	/* grep and git write it */
		} else if (c == 0x1b && sanitize_raw &&
		    (u->len = sanitize_link(data, len, pos, &u->cp, &us,
		    &ue)) > 0) {
			u->kind = UNIT_LINK;
		} else if (c < 0x20 || c == 0x7f) {
			u->len = 1;
			u->kind = UNIT_VISIBLE;
			u->text[0] = '^';
			u->text[1] = (char)(c ^ 0x40);
			u->text[2] = '\0';
		} else
			u->kind = UNIT_CHAR;
		return;
	}
	n = u8_mbtoucr(&uc, data + pos, len - pos);
	if (n < 0) {
		u->kind = UNIT_VISIBLE;
		snprintf(u->text, sizeof u->text, "<%02X>", c);
		return;
	}
	u->cp = uc;
	u->len = (size_t)n;
	if (uc == 0xfeff && pos == 0) {
		u->kind = UNIT_SKIP;
		return;
	}
	if (!sanitize_printable(uc)) {
		u->kind = UNIT_VISIBLE;
		snprintf(u->text, sizeof u->text, "<U+%04X>", (unsigned)uc);
		return;
	}
	u->kind = UNIT_CHAR;
}

/*
 * The visible form of the string s for a message (stderr, the status
 * line), as snprintf(3) would write it: at most size - 1 bytes and a NUL
 * to buf (nothing if size is 0), never cutting a unit in two; returns the
 * length of the whole form. The units are the screen's, except that every
 * C0 control, line breaks and tabs included, is ^X (a message is one
 * line) and -R does not apply. Allocates nothing: fatal() uses it.
 */
size_t
sanitize_message(char *buf, size_t size, const char *s)
{
	const uint8_t	*p = (const uint8_t *)s;
	size_t		 len = strlen(s), pos, n = 0, done = 0, k;
	struct unit	 u;
	const char	*form;

	for (pos = 0; pos < len; pos += u.len) {
		if (p[pos] < 0x20 || p[pos] == 0x7f) {
			u.len = 1;
			u.text[0] = '^';
			u.text[1] = (char)(p[pos] ^ 0x40);
			u.text[2] = '\0';
			form = u.text;
		} else {
			sanitize_next(p, len, pos, &u);
			/* UNIT_CHAR, or a BOM (UNIT_SKIP): as itself. */
			form = u.kind == UNIT_VISIBLE ? u.text : NULL;
		}
		k = form != NULL ? strlen(form) : u.len;
		if (n == done && n + k < size) {
			memcpy(buf + n, form != NULL ? form : s + pos, k);
			done += k;
		}
		n += k;
	}
	if (size > 0)
		buf[done] = '\0';
	return n;
}

/*
 * The one way a message reaches stderr: "lede: ", the formatted message
 * in its visible form (sanitize_message), a newline. Short messages are
 * made on the stack; a longer one is allocated, and cut to the stack's
 * size if memory has run out (fatal() comes here too).
 */
void
sanitize_warnx(const char *fmt, ...)
{
	char	 raw[1024], safe[4096], *big = NULL, *out = safe;
	va_list	 ap;
	int	 n;
	size_t	 k;

	va_start(ap, fmt);
	n = vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof raw && (big = malloc((size_t)n + 1)) != NULL) {
		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	k = sanitize_message(NULL, 0, big != NULL ? big : raw);
	if (k >= sizeof safe && (out = malloc(k + 1)) == NULL)
		out = safe;
	sanitize_message(out, out == safe ? sizeof safe : k + 1,
	    big != NULL ? big : raw);
	fprintf(stderr, "lede: %s\n", out);
	if (out != safe)
		free(out);
	free(big);
}
