/*
 * uprop.h: per code point answers of libunistring and wcwidth, kept
 * (uprop.c), and the memo they and width.c keep them in; the lookups
 * of filled answers inline, as every character of a dump asks them.
 * Included by lede.h.
 */

#ifndef LEDE_UPROP_H
#define LEDE_UPROP_H

#define UP_PRINTABLE	0x01	/* may reach the terminal as itself */
#define UP_MARK		0x02	/* general category M */
#define UP_LETTER	0x04	/* a narrow letter (line break AL, HL, SA) */
#define UP_NOSPACE	0x08	/* lines joined across it get no space */
#define UP_PLAIN	0x10	/* grapheme class Other, not pictographic */
#define UP_ANCHOR	0x20	/* line breaking looks back across nothing */
#define UP_HANGUL	0x40	/* of the Hangul script (Korean keep-all) */
#define UP_KNOWN	0x80	/* the memo's entry is filled */
struct cpmemo {		/* a byte per BMP code point, in blocks of 256 */
	_Atomic unsigned char *_Atomic	 block[256];	/* or NULL */
};
_Atomic unsigned char	*cpmemo_claim(struct cpmemo *, uint32_t);
extern struct cpmemo	 uprop_memo;
unsigned	 uprop_slow(uint32_t);

/*
 * The memo's byte for a BMP code point if it is there and filled
 * (nonzero), else 0: no call, for the loops that ask of every character.
 */
static inline unsigned
cpmemo_known(struct cpmemo *m, uint32_t cp)
{
	_Atomic unsigned char	*b;

	if (cp >= 0x10000 || (b = atomic_load_explicit(&m->block[cp >> 8],
	    memory_order_relaxed)) == NULL)
		return 0;
	return atomic_load_explicit(b + (cp & 0xff), memory_order_relaxed);
}

extern struct cpmemo	 ideo_memo;
int		 uprop_ideo_slow(uint32_t);

/*
 * Is the code point of line break class ID (an ideograph, a kana, a
 * fullwidth form) as runs of them are filled in (bounds.c): wide, a
 * cluster alone, an anchor, not Hangul, and with a break before and after
 * it beside an ideograph, a letter and itself (uprop.c)?
 */
static inline int
uprop_ideo(uint32_t cp)
{
	unsigned	v = cpmemo_known(&ideo_memo, cp);

	return v != 0 ? (int)v - 1 : uprop_ideo_slow(cp);
}

/* The UP_* answers for a code point (uprop.c). */
static inline unsigned
uprop(uint32_t cp)
{
	unsigned	p = cpmemo_known(&uprop_memo, cp);

	return (p & UP_KNOWN) ? p & ~(unsigned)UP_KNOWN : uprop_slow(cp);
}

/* The memo entry of a BMP code point (zero until an answer is stored),
 * or NULL if the pool has run out: then answer without the memo. */
static inline _Atomic unsigned char *
cpmemo_entry(struct cpmemo *m, uint32_t cp)
{
	_Atomic unsigned char	*b = atomic_load_explicit(&m->block[cp >> 8],
				    memory_order_relaxed);

	return b != NULL ? b + (cp & 0xff) : cpmemo_claim(m, cp);
}

#endif
