/*
 * text.c: small questions about UTF-8 text within bounds, shared by the
 * quote scanner and the speaker heuristics: the code point before or at
 * an offset, word characters, windows on character starts.
 */

#include "config.h"

#include <unictype.h>
#include <unistr.h>

#include "lede.h"

/* Is the byte horizontal white space (as block.c sees blank lines)? */
int
text_is_hspace(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

/* Is the byte a line terminator? */
int
text_is_eol(uint8_t c)
{
	return c == '\n' || c == '\r';
}

/* Is the code point a word character (letter, digit, combining mark)? */
int
text_is_word(ucs4_t uc)
{
	if (uc == TEXT_NONE)
		return 0;
	if (uc < 0x80)
		return (uc >= 'a' && uc <= 'z') || (uc >= 'A' && uc <= 'Z') ||
		    (uc >= '0' && uc <= '9');
	return uc_is_general_category_withtable(uc, UC_CATEGORY_MASK_L |
	    UC_CATEGORY_MASK_N | UC_CATEGORY_MASK_M);
}

/* The code point that ends just before p, or TEXT_NONE at lo. */
ucs4_t
text_prev_cp(const uint8_t *d, size_t lo, size_t p)
{
	size_t	i;
	ucs4_t	uc;

	if (p <= lo)
		return TEXT_NONE;
	if (d[p - 1] < 0x80)
		return d[p - 1];
	i = p - 1;
	while (i > lo && p - i < 4 && (d[i] & 0xc0) == 0x80)
		i--;
	u8_mbtouc(&uc, d + i, p - i);
	return uc;
}

/* The code point at p, or TEXT_NONE at hi. */
ucs4_t
text_next_cp(const uint8_t *d, size_t p, size_t hi)
{
	ucs4_t	uc;

	if (p >= hi)
		return TEXT_NONE;
	if (d[p] < 0x80)
		return d[p];
	u8_mbtouc(&uc, d + p, hi - p);
	return uc;
}

/* Start of a window of about n bytes before p, on a character start. */
size_t
text_window_lo(const uint8_t *d, size_t lo, size_t p, size_t n)
{
	size_t	i = p - lo > n ? p - n : lo;

	while (i < p && (d[i] & 0xc0) == 0x80)
		i++;
	return i;
}

/* End of a window of about n bytes after p, on a character start. */
size_t
text_window_hi(const uint8_t *d, size_t hi, size_t p, size_t n)
{
	size_t	i = hi - p > n ? p + n : hi;

	while (i > p && i < hi && (d[i] & 0xc0) == 0x80)
		i--;
	return i;
}

/* Is the code point white space, or nothing (a paragraph edge)? */
int
text_is_space(ucs4_t uc)
{
	if (uc == TEXT_NONE)
		return 1;
	if (uc < 0x80)
		return uc == ' ' || (uc >= '\t' && uc <= '\r');
	return uc_is_property_white_space(uc);
}

/* Is there a ’ (U+2019) at p? */
int
text_is_rsquo(const uint8_t *d, size_t p, size_t hi)
{
	return hi - p >= 3 && d[p] == 0xe2 && d[p + 1] == 0x80 &&
	    d[p + 2] == 0x99;
}
