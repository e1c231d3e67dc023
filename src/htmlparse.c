/*
 * htmlparse.c: a web page's bytes to gumbo's tree: is the input a page
 * (html_detect), its character set (a BOM, <meta charset>) and its
 * conversion to UTF-8 with iconv, and its nesting bounded before it is
 * parsed (html_parse), so that no page takes gumbo quadratic time.
 */

#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistr.h>

#include "lede.h"
#include "html.h"

#define HTML_SNIFF	4096	/* bytes looked at for a charset */
#define HTML_NEST	256	/* elements open at once, at most */

/*
 * Elements that close themselves (void) or are closed by the next of
 * their kind (p, li, td, ...): nesting is not counted for them.
 */
static int
html_uncounted(const char *name, size_t n)
{
	static const char *const tags[] = { "area", "base", "br", "col",
	    "dd", "dt", "embed", "hr", "img", "input", "li", "link", "meta",
	    "option", "p", "param", "rp", "rt", "source", "td", "th", "tr",
	    "track", "wbr" };
	size_t	i;

	for (i = 0; i < sizeof tags / sizeof tags[0]; i++)
		if (strlen(tags[i]) == n && strncasecmp(name, tags[i], n) == 0)
			return 1;
	return 0;
}

/*
 * HTML5 parsing takes time as the depth of the open elements for each
 * tag (gumbo: 20,000 nested tables take a minute), so a page's nesting
 * is bounded before it is parsed: a start tag that would open more than
 * HTML_NEST elements is left out, and so is the end tag that closes it;
 * their text stays. Comments, raw text (script, style, ...) and quoted
 * attributes are skipped over as the tokenizer would. Returns NULL if
 * the page is within the bound (as every real page is), else the page
 * without those tags (*outn bytes).
 */
static char *
html_bound(const char *s, size_t n, size_t *outn)
{
	const char	*p = s, *end = s + n, *t, *name, *q;
	char		*out = NULL;
	size_t		 depth = 0, excess = 0, k, from = 0, o = 0;
	int		 close, drop;

	while (p < end && (p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		t = p;
		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			for (p += 4; end - p >= 3 && memcmp(p, "-->", 3) != 0;
			    p++)
				;
			p = end - p >= 3 ? p + 3 : end;
			continue;
		}
		close = p + 1 < end && p[1] == '/';
		name = p + 1 + close;
		for (q = name; q < end && (((*q | 0x20) >= 'a' && (*q | 0x20) <=
		    'z') || (*q >= '0' && *q <= '9')); q++)
			;
		k = (size_t)(q - name);
		if (k == 0 || (*name | 0x20) < 'a' || (*name | 0x20) > 'z') {
			p++;
			continue;
		}
		/* The end of the tag, past quoted attribute values. */
		for (p = q; p < end && *p != '>'; p++)
			if (*p == '"' || *p == '\'') {
				q = memchr(p + 1, *p, (size_t)(end - p - 1));
				p = q != NULL ? q : end - 1;
			}
		if (p < end)
			p++;
		if (!close && ((k == 6 && (strncasecmp(name, "script", 6) ==
		    0 || strncasecmp(name, "iframe", 6) == 0)) || (k == 5 &&
		    (strncasecmp(name, "style", 5) == 0 || strncasecmp(name,
		    "title", 5) == 0)) || (k == 8 && (strncasecmp(name,
		    "textarea", 8) == 0 || strncasecmp(name, "noscript", 8) ==
		    0)) || (k == 3 && strncasecmp(name, "xmp", 3) == 0))) {
			/* Raw text, to its end tag. */
			while (p < end && (q = memchr(p, '<', (size_t)(end -
			    p))) != NULL && !(end - q > (ptrdiff_t)k + 2 &&
			    q[1] == '/' && strncasecmp(q + 2, name, k) == 0))
				p = q + 1;
			if (q == NULL)
				p = end;
			continue;
		}
		if (html_uncounted(name, k) || (p - t >= 2 && p[-2] == '/'))
			continue;
		drop = 0;
		if (!close && depth >= HTML_NEST)
			drop = 1, excess++;
		else if (!close)
			depth++;
		else if (excess > 0)
			drop = 1, excess--;
		else if (depth > 0)
			depth--;
		if (!drop)
			continue;
		if (out == NULL)
			out = xmalloc(n + 1);
		memcpy(out + o, s + from, (size_t)(t - s) - from);
		o += (size_t)(t - s) - from;
		from = (size_t)(p - s);
	}
	if (out == NULL)
		return NULL;
	memcpy(out + o, s + from, n - from);
	o += n - from;
	*outn = o;
	return out;
}

/* Parse a page or a fragment (in context), its nesting bounded; *keep
 * is what to free after the tree (which points into what it parsed). */
GumboOutput *
html_parse(const GumboOptions *opt, const char *s, size_t n, char **keep)
{
	size_t	bn;

	if ((*keep = html_bound(s, n, &bn)) == NULL)
		return gumbo_parse_with_options(opt, s, n);
	return gumbo_parse_with_options(opt, *keep, bn);
}

/* Is the input a web page: by its name, or by a doctype or <html> at
 * its start? */
int
html_detect(const struct source *src)
{
	static const char *const ext[] = { ".html", ".htm", ".xhtml",
	    ".shtml" };
	const uint8_t	*p = src->data, *end = p + (src->len < 1024 ?
			    src->len : 1024);

	if (docbuf_named(src, ext, sizeof ext / sizeof ext[0]))
		return 1;
	if (end - p >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	for (;;) {
		while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' ||
		    *p == '\t'))
			p++;
		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			/* A comment before the doctype. */
			for (p += 4; end - p >= 3 && memcmp(p, "-->", 3); p++)
				;
			p += 3;
			continue;
		}
		if (end - p >= 5 && memcmp(p, "<?xml", 5) == 0) {
			while (p < end && *p != '>')
				p++;
			p++;
			continue;
		}
		break;
	}
	return (end - p >= 14 && strncasecmp((const char *)p,
	    "<!doctype html", 14) == 0) || (end - p >= 5 &&
	    strncasecmp((const char *)p, "<html", 5) == 0);
}

/* The page's character set, if not UTF-8: from its BOM or a <meta>. */
const char *
html_charset(const uint8_t *d, size_t len, char *buf, size_t size)
{
	const char	*p, *end;
	size_t		 n = len < HTML_SNIFF ? len : HTML_SNIFF, k;
	char		 head[HTML_SNIFF + 1];

	if (len >= 2 && d[0] == 0xff && d[1] == 0xfe)
		return "UTF-16LE";
	if (len >= 2 && d[0] == 0xfe && d[1] == 0xff)
		return "UTF-16BE";
	for (k = 0; k < n; k++)
		head[k] = d[k] >= 'A' && d[k] <= 'Z' ? (char)(d[k] + 32) :
		    d[k] == 0 ? ' ' : (char)d[k];
	head[n] = '\0';
	if ((p = strstr(head, "charset=")) == NULL)
		return NULL;
	p += 8;
	while (*p == '"' || *p == '\'' || *p == ' ')
		p++;
	for (end = p; (*end >= 'a' && *end <= 'z') || (*end >= '0' &&
	    *end <= '9') || *end == '-' || *end == '_'; end++)
		;
	k = (size_t)(end - p);
	if (k == 0 || k >= size)
		return NULL;
	memcpy(buf, p, k);
	buf[k] = '\0';
	/* UTF-7 is no encoding of the web (WHATWG): the label is not
	 * honoured, as browsers do not. */
	if (strcmp(buf, "utf-8") == 0 || strcmp(buf, "utf8") == 0 ||
	    strncmp(buf, "utf-7", 5) == 0 || strcmp(buf, "utf7") == 0)
		return NULL;
	/* A page saved as UTF-8 keeps the <meta> it came with: bytes past
	 * ASCII that are all valid UTF-8 are that, not GBK or Latin-1 (in
	 * those, they seldom are). */
	for (k = 0; k < len && d[k] < 0x80; k++)
		;
	if (k < len && u8_check(d + k, len - k) == NULL)
		return NULL;
	/* What the WHATWG says these labels mean. */
	if (strcmp(buf, "iso-8859-1") == 0 || strcmp(buf, "latin1") == 0 ||
	    strcmp(buf, "us-ascii") == 0)
		return "WINDOWS-1252";
	if (strcmp(buf, "gb2312") == 0 || strcmp(buf, "gbk") == 0)
		return "GB18030";
	return buf;
}

/* The page in UTF-8 (converted from cs), or NULL if iconv cannot. */
char *
html_convert(const uint8_t *d, size_t len, const char *cs, size_t *outlen)
{
	iconv_t		 cd;
	char		*out, *op, *ip = (char *)d;
	size_t		 il = len, ol, cap = len * 2 + 16, done, calls = 0;

	if ((cd = iconv_open("UTF-8", cs)) == (iconv_t)-1)
		return NULL;
	out = xmalloc(cap);
	op = out;
	ol = cap;
	/* Each call reads a byte at least, but for the buffer's growth:
	 * no more calls than that, whatever the decoder says. */
	while (il > 0 && calls++ < len + 64) {
		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
			break;
		/* Out of room: more (unless it had room, which a stateful
		 * decoder may say of a sequence it cannot end). */
		if (errno == E2BIG && ol < 16) {
			done = (size_t)(op - out);
			cap *= 2;
			out = xreallocarray(out, cap, 1);
			op = out + done;
			ol = cap - done;
		} else if (ol >= 3) {		/* a byte it cannot read */
			memcpy(op, "\xef\xbf\xbd", 3);
			op += 3;
			ol -= 3;
			ip++;
			il--;
		} else {
			ol = 0;
			errno = E2BIG;
		}
	}
	iconv_close(cd);
	*outlen = (size_t)(op - out);
	return out;
}

