/*
 * t-width.c: the one width function, and its settlement of every code
 * point where glibc's wcwidth and libunistring's uc_width disagree.
 */

#include <locale.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include <unictype.h>
#include <uniwidth.h>

#include "lede.h"
#include "tap.h"

static int
wcl(const char *s)
{
	return width_cluster((const uint8_t *)s, strlen(s));
}

int
main(void)
{
	unsigned	cp;
	int		n = 0, glibc_wider = 0, bad = 0, shown = 0, wc, uw;

	setlocale(LC_ALL, "C.UTF-8");

	/*
	 * uprop's answers are kept (a table for the BMP, a small cache of
	 * whole entries above it): asked again, in another order, so that
	 * entries of the cache are replaced and found again, the same.
	 */
	{
		static unsigned char	first[0x30000];
		unsigned		diff = 0;

		for (cp = 0; cp < 0x30000; cp++)
			first[cp] = (unsigned char)uprop(cp);
		for (cp = 0x30000; cp-- > 0; )
			if (uprop(cp) != first[cp])
				diff++;
		tap_is_int(diff, 0, "uprop: the same answers asked again");
		tap_ok((first[0x1f600] & UP_PRINTABLE) &&
		    !(first[0x1f600] & UP_PLAIN) &&
		    (first[0x20000] & UP_NOSPACE) &&
		    (first[0x0301] & UP_MARK) && (first[0x00e9] & UP_LETTER) &&
		    !(first[0x202e] & UP_PRINTABLE),
		    "uprop: emoji, an ideograph above the BMP, a mark, a "
		    "letter, a bidi override");
	}

	tap_is_int(width_cp('a'), 1, "ASCII is 1");
	tap_is_int(width_cp(0x7fd2), 2, "ideograph 習 is 2");
	tap_is_int(width_cp(0x3042), 2, "hiragana is 2");
	tap_is_int(width_cp(0xac00), 2, "Hangul syllable is 2");
	tap_is_int(width_cp(0xff21), 2, "full-width A is 2");
	tap_is_int(width_cp(0xff76), 1, "half-width katakana is 1");
	tap_is_int(width_cp(0x0301), 0, "combining acute is 0");
	tap_is_int(width_cp(0x200d), 0, "ZWJ is 0");
	tap_is_int(wcl("e\xcc\x81"), 1, "e + combining acute is 1");
	tap_is_int(wcl("\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8"), 2,
	    "Hangul jamo L V T cluster is 2");
	tap_is_int(wcl("\xf0\x9f\x98\x80"), 2, "emoji is 2");
	tap_is_int(wcl("\xe2\x9d\xa4\xef\xb8\x8f"), 1,
	    "heart + VS16: base width (VS16 adds nothing)");

	width_set_ambiguous(AMBIGUOUS_NARROW);
	tap_is_int(width_cp(0x201c), 1, "narrow: left double quote is 1");
	tap_is_int(width_cp(0x2026), 1, "narrow: ellipsis is 1");
	width_set_ambiguous(AMBIGUOUS_WIDE);
	tap_is_int(width_cp(0x201c), 2, "wide: left double quote is 2");
	tap_is_int(width_cp(0x2014), 2, "wide: em dash is 2");
	tap_is_int(width_cp(0x00b7), 2, "wide: middle dot is 2");
	tap_is_int(width_cp('a'), 1, "wide: ASCII still 1");
	width_set_ambiguous(AMBIGUOUS_NARROW);

	/*
	 * The disagreement set: assigned code points where the two tables
	 * differ. Each is settled to the wider answer when wcwidth knows the
	 * character, and shown visibly (never sent raw) when it does not.
	 */
	for (cp = 0; cp < 0x110000; cp++) {
		if (cp >= 0xd800 && cp < 0xe000)
			continue;
		if (uc_is_general_category(cp, UC_CATEGORY_Cn))
			continue;
		wc = wcwidth((wchar_t)cp);
		uw = uc_width(cp, "UTF-8");
		if (wc == uw)
			continue;
		n++;
		if (wc > uw)
			glibc_wider++;
		if (wc < 0) {
			if (sanitize_printable(cp))
				bad++;
			else
				shown++;
			continue;
		}
		if (width_cp(cp) != (wc > uw ? wc : uw)) {
			if (bad++ < 5)
				tap_diag("U+%04X: wcwidth %d, uc_width %d, "
				    "lede %d", cp, wc, uw, width_cp(cp));
		}
	}
	tap_diag("%d assigned code points disagree; glibc wider for %d; "
	    "%d unprintable to glibc", n, glibc_wider, shown);
	tap_is_int(n, 93, "93 assigned code points disagree (Debian 12)");
	tap_is_int(glibc_wider, 86, "glibc says wider for 86 of them");
	tap_is_int(bad, 0, "every one settled to the wider width or shown");
	tap_is_int(width_cp(0x4dc0), 2, "U+4DC0 hexagram settled to 2");
	tap_is_int(width_cp(0x3248), 2, "U+3248 circled number settled to 2");

	/* A line drawn on its own: controls as their visible forms. */
	tap_is_int(width_string("a\tb"), 4, "width_string: a tab is ^I, 2");
	tap_is_int(width_string("a\nb"), 4, "width_string: a newline is ^J");
	tap_is_int(width_string("\x1b[1m\xe7\xbf\x92"), 7,
	    "width_string: ESC is ^[, then [1m and a wide ideograph");
	tap_is_int(width_string("\xef\xbb\xbf\xc3"), 4,
	    "width_string: a BOM shows nothing, a bad byte <C3>");
	tap_is_int(width_string("cafe\xcc\x81!"), 5,
	    "width_string: e and a combining acute are one column");
	width_set_joins(1, 1);
	tap_is_int(width_string("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9"
	    "\xe2\x80\x8d\xf0\x9f\x91\xa7x"), 3,
	    "width_string: a ZWJ family the terminal joins is one glyph");
	width_set_joins(0, 0);
	tap_is_int(width_string("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9"
	    "\xe2\x80\x8d\xf0\x9f\x91\xa7x"), 7,
	    "width_string: ... and three where it does not");

	/*
	 * The memos' blocks come from one pool: each block handed out once,
	 * whole and zeroed; when the pool is spent, no entry, and the
	 * answers come without a memo.
	 */
	{
		static struct cpmemo	 tm[4];
		atomic_uchar		*e;
		int			 k, granted = 0, spent = 0, shared = 0;
		int			 moved = 0, late = 0;

		for (k = 0; k < 4; k++)
			for (cp = 0; cp < 0x10000; cp += 256) {
				if ((e = cpmemo_entry(&tm[k], cp)) == NULL) {
					spent++;
					continue;
				}
				if (spent > 0)
					late++;
				if (cpmemo_entry(&tm[k], cp) != e ||
				    cpmemo_entry(&tm[k], cp + 255) != e + 255)
					moved++;
				if (atomic_load(e) != 0 ||
				    atomic_load(e + 255) != 0)
					shared++;
				atomic_store(e, 1);
				atomic_store(e + 255, 1);
				granted++;
			}
		tap_diag("%d blocks granted to the test's memos", granted);
		tap_ok(spent > 0 && granted + spent == 1024,
		    "the pool runs out: %d of 1024 blocks refused", spent);
		tap_is_int(late, 0, "none granted after the first refusal");
		tap_is_int(moved, 0, "an entry stays where it is, in its block");
		tap_is_int(shared, 0, "no block is handed out twice");
		width_set_ambiguous(AMBIGUOUS_WIDE);
		tap_is_int(width_cp(0x2460), 2, "without a memo: U+2460 wide");
		tap_is_int(width_cp(0x4e00), 2, "without a memo: U+4E00 wide");
		width_set_ambiguous(AMBIGUOUS_NARROW);
		tap_is_int(width_cp(0x2460), 1, "U+2460 narrow again");
	}
	/* Grapheme cluster mode (2027): a cluster as wide as its first
	 * character, an emoji with VS16 two columns, a flag two, VS15 one;
	 * a ZWJ family two. Off again, the heart with VS16 is one column,
	 * as wcwidth counts it. */
	width_set_clusters(1);
	tap_is_int(wcl("\xe2\x9d\xa4\xef\xb8\x8f"), 2,
	    "cluster mode: heart + VS16 is 2");
	tap_is_int(wcl("\xe2\x8c\x9a\xef\xb8\x8e"), 1,
	    "cluster mode: watch + VS15 is 1");
	tap_is_int(wcl("\xf0\x9f\x87\xab\xf0\x9f\x87\xb7"), 2,
	    "cluster mode: a flag is 2");
	tap_is_int(wcl("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9"
	    "\xe2\x80\x8d\xf0\x9f\x91\xa7"), 2,
	    "cluster mode: a ZWJ family is 2");
	tap_is_int(wcl("e\xcc\x81"), 1, "cluster mode: e + acute is 1");
	tap_is_int(wcl("\xe5\xad\xa6"), 2, "cluster mode: an ideograph is 2");
	width_set_clusters(0);
	width_set_joins(0, 0);
	tap_is_int(wcl("\xe2\x9d\xa4\xef\xb8\x8f"), 1,
	    "no cluster mode: heart + VS16 is 1, as wcwidth says");
	return tap_done();
}
