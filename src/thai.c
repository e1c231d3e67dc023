/*
 * thai.c: where Thai words end, for line breaking. Thai is written
 * without spaces between words; UAX #14 gives its letters the class SA
 * (complex context), whose breaks need a dictionary, and libunistring
 * has none: a run of Thai had no opportunity inside, and layout cut it
 * at the margin, inside a word ("ระ|หว่าง"). libthai's dictionary (the
 * one Debian's libthai-data ships, as used by Pango) finds the words; a
 * row now ends between two of them. Lao, Khmer and Myanmar, also SA,
 * have no such library in Debian: their runs are still cut at the edge.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <thai/thbrk.h>
#include <thai/thwchar.h>
#include <unilbrk.h>
#include <unistr.h>

#include "lede.h"

#define THAI_CONTEXT	256	/* characters of a run looked at around a
				   window: a longer run is cut, so that no
				   call costs more than this */

/* One breaker a thread (the dump lays out on several). */
static _Thread_local ThBrk	*thai_brk;
static _Thread_local int	 thai_none;	/* no dictionary */

/* Is the UTF-8 at p (3 bytes at least before end) a Thai character? In
 * UTF-8, U+0E01-U+0E5B are E0 B8 81 to E0 B9 9B. */
static int
thai_at(const uint8_t *p, const uint8_t *end)
{
	if (end - p < 3 || p[0] != 0xe0)
		return 0;
	if (p[1] == 0xb8)
		return p[2] >= 0x81 && p[2] <= 0xbf;
	return p[1] == 0xb9 && p[2] >= 0x80 && p[2] <= 0x9b;
}

/*
 * On positions [from, to) of brk (libunistring's opportunities for s),
 * allow a break between two Thai words: each run of Thai that touches
 * them is looked at whole (up to THAI_CONTEXT characters on each side).
 */
void
thai_breaks(const uint8_t *s, size_t n, size_t from, size_t to, char *brk)
{
	thchar_t	 tis[2 * THAI_CONTEXT + 2];
	int		 pos[2 * THAI_CONTEXT + 2], np, k;
	size_t		 i, rs, re, lim, off, nc;
	const uint8_t	*q;
	ucs4_t		 uc;

	if (to > n)
		to = n;
	for (i = from; i < to; i++) {
		/* Thai is U+0E00 to U+0E7F: its UTF-8 starts E0. */
		if ((q = memchr(s + i, 0xe0, to - i)) == NULL)
			break;
		i = (size_t)(q - s);
		if (!thai_at(s + i, s + n))
			continue;
		if (thai_brk == NULL && !thai_none &&
		    (thai_brk = th_brk_new(NULL)) == NULL)
			thai_none = 1;
		if (thai_none)
			return;
		/* The run around i, of at most THAI_CONTEXT characters
		 * before i and after the window. */
		for (rs = i, nc = 0; rs >= 3 && nc < THAI_CONTEXT &&
		    thai_at(s + rs - 3, s + n); rs -= 3, nc++)
			;
		lim = to + 3 * THAI_CONTEXT;
		for (re = i; re < n && re < lim && nc < 2 * THAI_CONTEXT &&
		    thai_at(s + re, s + n); re += 3, nc++)
			;
		for (nc = 0, off = rs; off < re; off += 3) {
			u8_mbtouc(&uc, s + off, 3);
			tis[nc++] = th_uni2tis((thwchar_t)uc);
		}
		tis[nc] = 0;
		np = th_brk_find_breaks(thai_brk, tis, pos,
		    sizeof pos / sizeof pos[0]);
		for (k = 0; k < np; k++) {
			if (pos[k] <= 0 || (size_t)pos[k] >= nc)
				continue;
			off = rs + 3 * (size_t)pos[k];
			if (off >= from && off < to &&
			    brk[off] == UC_BREAK_PROHIBITED)
				brk[off] = UC_BREAK_POSSIBLE;
		}
		i = re - 1;
	}
}

/* Free the calling thread's breaker. */
void
thai_release(void)
{
	if (thai_brk != NULL)
		th_brk_delete(thai_brk);
	thai_brk = NULL;
}
