/*
 * t-sgr.c: SGR sequences parsed into styles; nothing else is one.
 */

#include <string.h>

#include "lede.h"
#include "tap.h"

static struct sgr
apply(const char *params)
{
	struct sgr	s;

	sgr_reset(&s);
	sgr_apply(&s, (const uint8_t *)params, strlen(params));
	return s;
}

static size_t
match(const char *s)
{
	return sgr_match((const uint8_t *)s, strlen(s), 0);
}

int
main(void)
{
	struct sgr	s;

	s = apply("31");
	tap_is_int(s.fg, 1, "31: red foreground");
	s = apply("1;4;42");
	tap_is_int((long)s.attrs, SGR_BOLD | SGR_UNDERLINE, "1;4: bold underline");
	tap_is_int(s.bg, 2, "42: green background");
	s = apply("1;31;0");
	tap_ok(s.fg == -1 && s.attrs == 0, "0 resets");
	s = apply("");
	tap_ok(s.fg == -1 && s.bg == -1 && s.attrs == 0, "empty resets");
	s = apply("38;5;208");
	tap_is_int(s.fg, 208, "38;5;208: 256-colour");
	s = apply("38;2;255;0;0");
	tap_is_int(s.fg, 196, "38;2;255;0;0: true colour to the nearest of 256");
	s = apply("38;5;999;1");
	tap_ok(s.fg == -1 && (s.attrs & SGR_BOLD), "a bad colour is ignored, the rest applies");
	s = apply("1;22");
	tap_is_int((long)s.attrs, 0, "22 ends bold");
	s = apply("95;104");
	tap_ok(s.fg == 13 && s.bg == 12, "bright colours");
	s = apply("7;27");
	tap_is_int((long)s.attrs, 0, "27 ends reverse");

	tap_is_int((long)match("\x1b[31mx"), 5, "ESC[31m is an SGR sequence");
	tap_is_int((long)match("\x1b[m"), 3, "ESC[m too");
	tap_is_int((long)match("\x1b[2J"), 0, "ESC[2J (clear screen) is not");
	tap_is_int((long)match("\x1b[?25l"), 0, "ESC[?25l is not");
	tap_is_int((long)match("\x1b]0;t\x07"), 0, "OSC is not");
	tap_is_int((long)match("\x1b[31"), 0, "an unfinished sequence is not");
	return tap_done();
}
