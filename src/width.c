/*
 * width.c: the one width function.
 *
 * Layout, drawing, the status line and overlays all measure text here.
 * A code point is as wide as the wider of libunistring's uc_width (under
 * the ambiguous-width setting) and the C library's wcwidth, which curses
 * and most terminals follow: where the two tables disagree (93 assigned
 * code points on Debian 12), the wider answer is taken, so no row can
 * overflow in a terminal that follows either. A cluster is as wide as the
 * sum of its code points: zero-width marks add nothing.
 */

#include "config.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <unictype.h>
#include <unigbrk.h>
#include <unistr.h>
#include <uniwidth.h>

#include "lede.h"

static int	ambiguous = AMBIGUOUS_NARROW;
static int	zwj_joins;	/* the terminal draws a ZWJ sequence as one */
static int	modifier_joins;	/* ... and an emoji with its skin tone */
static int	clusters;	/* grapheme cluster mode (2027): a cluster
				   is one glyph */

/* Set what the terminal joins into one glyph (from probe.c). */
void
width_set_joins(int zwj, int modifier)
{
	zwj_joins = zwj;
	modifier_joins = modifier;
}

/*
 * Grapheme cluster mode (DECSET 2027, probe.c): the terminal draws each
 * cluster as one glyph, as wide as its first character, or two columns
 * if a variation selector 16 asks an emoji for its emoji presentation
 * (one if 15 asks for text), or if it is a flag (two regional
 * indicators): what Contour, foot, WezTerm and Ghostty do.
 */
void
width_set_clusters(int on)
{
	clusters = on;
	if (on)
		width_set_joins(1, 1);
}

void
width_set_ambiguous(int how)
{
	ambiguous = how;
	width_wide = how == AMBIGUOUS_WIDE;
}

int
width_get_ambiguous(void)
{
	return ambiguous;
}

/* Width of one printable code point: 0, 1 or 2. */
static int
width_compute(uint32_t cp)
{
	int	lu, gw;

	/* A CJK encoding name makes libunistring count ambiguous as wide. */
	lu = uc_width(cp, ambiguous == AMBIGUOUS_WIDE ? "EUC-JP" : "UTF-8");
	gw = wcwidth((wchar_t)cp);
	if (gw > lu)
		lu = gw;
	if (lu < 0)
		lu = 1;
	return lu;
}

/*
 * Width of one printable code point: 0, 1 or 2. The answers for the Basic
 * Multilingual Plane are kept, one memo per ambiguous-width setting (a
 * byte per code point: 0 not known yet, else width + 1), so that a setting
 * changed later never sees a stale width. The locale (wcwidth) is set
 * once, before anything is measured.
 */
struct cpmemo	width_memo[2];	/* lede.h's width_cp() reads them */
int		width_wide;	/* which: ambiguous == AMBIGUOUS_WIDE */

int
width_slow(uint32_t cp)
{
	atomic_uchar		*c;
	int			 w;

	if (cp >= 0x20 && cp < 0x7f)
		return 1;
	if (cp >= 0x10000 ||
	    (c = cpmemo_entry(&width_memo[width_wide], cp)) == NULL)
		return width_compute(cp);
	/* Threads of a dump may fill an entry at once, with one answer. */
	w = atomic_load_explicit(c, memory_order_relaxed);
	if (w == 0) {
		w = width_compute(cp);
		atomic_store_explicit(c, (unsigned char)(w + 1),
		    memory_order_relaxed);
		return w;
	}
	return w - 1;
}

/*
 * Width of a grapheme cluster of printable code points: the sum of its
 * code points, as a terminal that follows wcwidth draws it, except for
 * what the terminal was found to join (a code point after a ZWJ, a skin
 * tone modifier), which adds nothing.
 */
int
width_cluster(const uint8_t *s, size_t n)
{
	const uint8_t	*end = s + n;
	ucs4_t		 uc, prev = 0;
	int		 w = 0, k;

	if (clusters && s < end) {
		const uint8_t	*q = s;
		ucs4_t		 first;
		int		 ri = 0;

		q += u8_mbtouc(&first, q, (size_t)(end - q));
		w = width_cp(first);
		ri = uc_is_property_regional_indicator(first);
		while (q < end) {
			q += u8_mbtouc(&uc, q, (size_t)(end - q));
			if (uc == 0xfe0f && uc_is_property_emoji(first))
				w = 2;
			else if (uc == 0xfe0e && w == 2 &&
			    uc_is_property_emoji(first))
				w = 1;
			else if (ri == 1 &&
			    uc_is_property_regional_indicator(uc)) {
				w = 2;
				ri = 2;
			}
		}
		return w;
	}
	while (s < end) {
		k = u8_mbtouc(&uc, s, (size_t)(end - s));
		if (!(zwj_joins && prev == 0x200d) &&
		    !(modifier_joins && prev != 0 &&
		    uc_is_property_emoji_modifier(uc)))
			w += width_cp(uc);
		prev = uc;
		s += k;
	}
	return w;
}

/*
 * Width of one unit of a line drawn on its own (a file name, a message, a
 * prompt): a character its width, a control or bad byte its visible form,
 * a tab or a line break ^I or ^J, what shows nothing 0.
 */
int
width_unit(const struct unit *u)
{
	switch (u->kind) {
	case UNIT_CHAR:
		return width_cp(u->cp);
	case UNIT_VISIBLE:
		return (int)strlen(u->text);
	case UNIT_NEWLINE:
	case UNIT_TAB:
		return 2;
	default:
		return 0;
	}
}

/* Width of a NUL-terminated UTF-8 string, as drawn (controls shown). */
int
width_string(const char *s)
{
	const uint8_t	*p = (const uint8_t *)s;
	size_t		 len = strlen(s), pos = 0, end;
	struct unit	 u, v;
	char		*brk;
	int		 w = 0;

	brk = xmalloc(len + 1);
	u8_grapheme_breaks(p, len, brk);
	while (pos < len) {
		sanitize_next(p, len, pos, &u);
		end = pos + u.len;
		if (u.kind != UNIT_CHAR) {
			w += width_unit(&u);
			pos = end;
			continue;
		}
		/* A cluster of printable characters is measured whole. */
		while (end < len && !brk[end]) {
			sanitize_next(p, len, end, &v);
			if (v.kind != UNIT_CHAR)
				break;
			end += v.len;
		}
		w += width_cluster(p + pos, end - pos);
		pos = end;
	}
	free(brk);
	return w;
}
