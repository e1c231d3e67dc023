/*
 * uprop.c: what lede asks about a code point, asked once.
 *
 * Sanitizing, clustering, line breaking and joining ask the same few
 * questions of every non-ASCII code point. Their answers come from
 * libunistring and the C library (wcwidth); this file defines each
 * question in one place and keeps the answers for the Basic Multilingual
 * Plane in a memo of one byte per code point, filled as code points are
 * met, so that the text of a CJK paragraph costs a table lookup per
 * character, not a walk through libunistring's tables for each question.
 * The answers depend on nothing but the code point (the locale, which
 * wcwidth follows, is set before anything is asked).
 *
 * A memo (struct cpmemo, also width.c's) is kept in blocks of 256 code
 * points, handed out from one pool in the order they are first needed: a
 * text touches only the blocks of its scripts, and those share a few
 * pages of memory, where a flat table of the BMP would touch a page for
 * every 4096 code points it meets. A first page touched costs more than
 * a thousand lookups (15 us on the benchmark machine), and the first
 * screen of an article meets a dozen such ranges.
 */

#include "config.h"

#include <stdatomic.h>
#include <string.h>
#include <wchar.h>

#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <uniwidth.h>

#include "lede.h"


/*
 * The pool: enough blocks for three memos of the whole BMP (width.c has
 * two), and some to spare for blocks lost when two threads of a dump
 * claim one for the same range at once. Untouched blocks cost nothing.
 */
#define CPMEMO_POOL	(3 * 256 + 64)
static atomic_uchar	cpmemo_pool[CPMEMO_POOL][256];
static atomic_uint	cpmemo_used;

/*
 * The memo entry of a BMP code point whose block may not be there yet
 * (cpmemo_entry's slow path): the block is claimed from the pool.
 */
atomic_uchar *
cpmemo_claim(struct cpmemo *m, uint32_t cp)
{
	atomic_uchar *_Atomic	*d = &m->block[cp >> 8];
	atomic_uchar		*b, *want = NULL;
	unsigned		 claim;

	b = atomic_load_explicit(d, memory_order_relaxed);
	if (b == NULL) {
		/* Blocks are zero from the start: nothing to publish. */
		claim = atomic_fetch_add_explicit(&cpmemo_used, 1,
		    memory_order_relaxed);
		if (claim >= CPMEMO_POOL)
			return NULL;
		b = cpmemo_pool[claim];
		if (!atomic_compare_exchange_strong_explicit(d, &want, b,
		    memory_order_relaxed, memory_order_relaxed))
			b = want;	/* another thread's block won */
	}
	return b + (cp & 0xff);
}

/*
 * May the code point be sent to the terminal as itself? Not a control,
 * known to the C library's wcwidth (which curses and the terminal go by),
 * and no bidirectional embedding, override or isolate, which can reorder
 * what the reader sees ("Trojan Source").
 */
static int
uprop_printable(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 0;
	if (cp < 0x7f)
		return 1;
	if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
		return 0;
	return wcwidth((wchar_t)cp) >= 0;
}

/*
 * Is the code point one across whose line break no space is inserted
 * when lines are joined? East Asian wide characters other than Hangul
 * (which separates words with spaces), and half-width katakana: the rule
 * of CSS Text's segment break transformation.
 */
static int
uprop_nospace(uint32_t cp)
{
	const uc_script_t	*sc;

	if (cp >= 0xff61 && cp <= 0xff9f)
		return 1;
	if (cp < 0x1100 || uc_width(cp, "UTF-8") != 2)
		return 0;
	sc = uc_script(cp);
	return sc == NULL || strcmp(sc->name, "Hangul") != 0;
}

/*
 * Is the code point a letter of line break class AL, HL or SA: a letter
 * that is not wide (wide letters are ID, JL or CJ) nor half-width kana?
 */
static int
uprop_letter(uint32_t cp)
{
	if (cp >= 0xff61 && cp <= 0xff9f)
		return 0;
	if (!uc_is_general_category(cp, UC_CATEGORY_Ll) &&
	    !uc_is_general_category(cp, UC_CATEGORY_Lu) &&
	    !uc_is_general_category(cp, UC_CATEGORY_Lt) &&
	    !uc_is_general_category(cp, UC_CATEGORY_Lo))
		return 0;
	return uc_width(cp, "UTF-8") == 1;
}

/*
 * Is the code point plain for grapheme clustering: of Grapheme_Cluster_
 * Break class Other and not Extended_Pictographic? Between two plain code
 * points UAX #29 always has a boundary (only GB999 applies), and before
 * one the boundary depends only on the code point before it (GB9b after
 * Prepend): so a run of plain text needs no clustering at all.
 */
static int
uprop_plain(uint32_t cp)
{
	return uc_graphemeclusterbreak_property(cp) == GBP_OTHER &&
	    !uc_is_property_extended_pictographic(cp);
}

/*
 * Is the code point an anchor of line breaking (see layout.c): one of a
 * line break class that no rule of UAX #14 looks back across, so that the
 * opportunities after it are the same whatever came before it? There is
 * no API for the class; these code points have a class among AL, HL, SA
 * (which libunistring takes for AL), AI (AL or ID), NS, BB, NU, ID, CJ,
 * H2, H3 and EB, in every Unicode version since 14 (LineBreak.txt):
 *  - a decimal digit (NU);
 *  - a narrow letter of the BMP; above it a few Egyptian hieroglyphs are
 *    letters of class CL, across which LB25 looks back to a number;
 *  - an ideograph, kana or Hangul syllable (wide letters, but not all:
 *    U+3035 is of class CM);
 *  - a wide pictograph, emoji (ID, EB).
 * tests/t-unicode holds layout to this for every code point, in contexts
 * that would show a rule looking back.
 */
static int
uprop_anchor(uint32_t cp)
{
	int	w = uc_width(cp, "UTF-8");

	if (uc_is_general_category(cp, UC_CATEGORY_Nd))
		return 1;
	if (uc_is_property_extended_pictographic(cp))
		return w == 2;
	if (!uc_is_general_category(cp, UC_CATEGORY_L))
		return 0;
	if (w == 1)
		return cp < 0x10000;
	return (cp >= 0x3041 && cp <= 0x3096) ||	/* hiragana */
	    (cp >= 0x30a1 && cp <= 0x30fa) ||		/* katakana */
	    (cp >= 0x3400 && cp <= 0x4dbf) ||		/* ideographs */
	    (cp >= 0x4e00 && cp <= 0x9fff) ||
	    (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0x20000 && cp <= 0x3fffd) ||
	    (cp >= 0xac00 && cp <= 0xd7a3);		/* Hangul */
}

/* Is it of the Hangul script (a syllable, a jamo)? */
static int
uprop_hangul(uint32_t cp)
{
	const uc_script_t	*sc = uc_script(cp);

	return sc != NULL && strcmp(sc->name, "Hangul") == 0;
}

static uint8_t
uprop_compute(uint32_t cp)
{
	uint8_t	p = 0;

	if (uprop_printable(cp))
		p |= UP_PRINTABLE;
	if (uc_is_general_category(cp, UC_CATEGORY_M))
		p |= UP_MARK;
	if (uprop_letter(cp))
		p |= UP_LETTER;
	if (uprop_nospace(cp))
		p |= UP_NOSPACE;
	if (uprop_plain(cp))
		p |= UP_PLAIN;
	if (uprop_anchor(cp))
		p |= UP_ANCHOR;
	if (uprop_hangul(cp))
		p |= UP_HANGUL;
	return p;
}

/*
 * The UP_* answers for a code point above the BMP (emoji, rare
 * ideographs), from a small cache: each entry holds the code point and
 * its answers in one word, so that a thread reads either a whole entry or
 * none of it.
 */
static unsigned
uprop_astral(uint32_t cp)
{
	static atomic_uint	 cache[256];
	atomic_uint		*e = &cache[(cp ^ (cp >> 8)) & 0xff];
	unsigned		 v, p;

	v = atomic_load_explicit(e, memory_order_relaxed);
	if ((v & UP_KNOWN) && v >> 8 == cp)
		return v & 0xff & ~(unsigned)UP_KNOWN;
	p = uprop_compute(cp);
	atomic_store_explicit(e, cp << 8 | UP_KNOWN | p, memory_order_relaxed);
	return p;
}

struct cpmemo	uprop_memo;	/* lede.h's uprop() reads it */
struct cpmemo	ideo_memo;	/* and uprop_ideo() this: 1 + the answer */

/* Put code point cp in s as UTF-8 (three bytes: the BMP past U+07FF). */
static size_t
uprop_put3(uint8_t *s, uint32_t cp)
{
	s[0] = (uint8_t)(0xe0 | cp >> 12);
	s[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3f));
	s[2] = (uint8_t)(0x80 | (cp & 0x3f));
	return 3;
}

/*
 * uprop_ideo(), computed and put in its memo. Of the classes of UAX #14
 * only ID breaks on both sides of an ideograph (U+4E00), of a letter and
 * of itself, but for the emoji (not plain), whose modifiers do not; and
 * between two of class ID every version breaks, whatever is around them
 * (LB31: no rule before it joins them). So a run of these is filled in,
 * as a run of words is. libunistring answers, as it does for the text.
 */
int
uprop_ideo_slow(uint32_t cp)
{
	uint8_t		 s[32];
	char		 brk[sizeof s];
	size_t		 n = 0, i;
	atomic_uchar	*e;
	unsigned	 p = uprop(cp);
	int		 yes = 0;

	if (cp >= 0x800 && cp < 0x10000 && (cp < 0xd800 || cp > 0xdfff) &&
	    (p & (UP_NOSPACE | UP_PLAIN | UP_ANCHOR | UP_HANGUL)) ==
	    (UP_NOSPACE | UP_PLAIN | UP_ANCHOR)) {
		/* U+4E00 X U+4E00 X X a X a: a break before and after
		 * each X. */
		n += uprop_put3(s + n, 0x4e00);
		n += uprop_put3(s + n, cp);
		n += uprop_put3(s + n, 0x4e00);
		n += uprop_put3(s + n, cp);
		n += uprop_put3(s + n, cp);
		s[n++] = 'a';
		n += uprop_put3(s + n, cp);
		s[n++] = 'a';
		u8_possible_linebreaks(s, n, "UTF-8", brk);
		for (yes = 1, i = 3; i < n; i++)
			if (((s[i] & 0xc0) != 0x80) !=
			    (brk[i] == UC_BREAK_POSSIBLE))
				yes = 0;
	}
	if (cp < 0x10000 && (e = cpmemo_entry(&ideo_memo, cp)) != NULL)
		atomic_store_explicit(e, (unsigned char)(1 + yes),
		    memory_order_relaxed);
	return yes;
}

/* The UP_* answers for a code point, put in the memo. */
unsigned
uprop_slow(uint32_t cp)
{
	struct cpmemo		*memo = &uprop_memo;
	atomic_uchar		*e;
	unsigned		 p;

	if (cp >= 0x10000)
		return uprop_astral(cp);
	if ((e = cpmemo_entry(memo, cp)) == NULL)
		return uprop_compute(cp);
	/* Threads of a dump may fill an entry at once, with one answer. */
	p = atomic_load_explicit(e, memory_order_relaxed);
	if (!(p & UP_KNOWN)) {
		p = uprop_compute(cp) | UP_KNOWN;
		atomic_store_explicit(e, (unsigned char)p,
		    memory_order_relaxed);
	}
	return p & ~UP_KNOWN;
}
