/*
 * sgr.c: SGR colour sequences (ESC [ ... m) made into styles, for -R.
 *
 * With -R, sanitize.c hands over an SGR sequence as a unit of its own
 * instead of showing it; its parameters are parsed here into a style
 * that the layout attaches to the cells that follow. The sequence itself
 * never reaches the terminal: the screen draws the style with curses.
 * Every other escape sequence is still shown visibly.
 */

#include "config.h"

#include <string.h>

#include "lede.h"

void
sgr_reset(struct sgr *s)
{
	s->fg = s->bg = -1;
	s->attrs = 0;
}

/* Read one parameter (digits) at *p; -1 if empty. */
static int
sgr_param(const uint8_t **p, const uint8_t *end)
{
	int	v = -1;

	while (*p < end && **p >= '0' && **p <= '9') {
		if (v < 0)
			v = 0;
		if (v < 100000)
			v = v * 10 + (**p - '0');
		(*p)++;
	}
	if (*p < end && (**p == ';' || **p == ':'))
		(*p)++;
	return v;
}

/* The nearest of the 256 colours to an RGB triple. */
static int
sgr_rgb(int r, int g, int b)
{
	int	ri = r < 48 ? 0 : r < 115 ? 1 : (r - 35) / 40;
	int	gi = g < 48 ? 0 : g < 115 ? 1 : (g - 35) / 40;
	int	bi = b < 48 ? 0 : b < 115 ? 1 : (b - 35) / 40;

	return 16 + 36 * ri + 6 * gi + bi;
}

/* 38;5;n or 38;2;r;g;b (and 48): an extended colour, or -1. */
static int
sgr_extended(const uint8_t **p, const uint8_t *end)
{
	int	kind = sgr_param(p, end), r, g, b;

	if (kind == 5) {
		r = sgr_param(p, end);
		return r >= 0 && r < 256 ? r : -1;
	}
	if (kind == 2) {
		r = sgr_param(p, end);
		g = sgr_param(p, end);
		b = sgr_param(p, end);
		if (r < 0 || g < 0 || b < 0 || r > 255 || g > 255 || b > 255)
			return -1;
		return sgr_rgb(r, g, b);
	}
	return -1;
}

/*
 * Apply the parameters of one SGR sequence (the bytes between "ESC [" and
 * "m") to the style.
 */
void
sgr_apply(struct sgr *s, const uint8_t *p, size_t n)
{
	const uint8_t	*end = p + n;
	int		 v;

	if (n == 0) {
		sgr_reset(s);
		return;
	}
	while (p < end) {
		v = sgr_param(&p, end);
		switch (v) {
		case -1:
		case 0:
			sgr_reset(s);
			break;
		case 1:
			s->attrs |= SGR_BOLD;
			break;
		case 2:
			s->attrs |= SGR_DIM;
			break;
		case 3:
			s->attrs |= SGR_ITALIC;
			break;
		case 4:
			s->attrs |= SGR_UNDERLINE;
			break;
		case 5:
		case 6:
			s->attrs |= SGR_BLINK;
			break;
		case 7:
			s->attrs |= SGR_REVERSE;
			break;
		case 22:
			s->attrs &= ~(unsigned)(SGR_BOLD | SGR_DIM);
			break;
		case 23:
			s->attrs &= ~(unsigned)SGR_ITALIC;
			break;
		case 24:
			s->attrs &= ~(unsigned)SGR_UNDERLINE;
			break;
		case 25:
			s->attrs &= ~(unsigned)SGR_BLINK;
			break;
		case 27:
			s->attrs &= ~(unsigned)SGR_REVERSE;
			break;
		case 38:
			s->fg = sgr_extended(&p, end);
			break;
		case 39:
			s->fg = -1;
			break;
		case 48:
			s->bg = sgr_extended(&p, end);
			break;
		case 49:
			s->bg = -1;
			break;
		default:
			if (v >= 30 && v <= 37)
				s->fg = v - 30;
			else if (v >= 40 && v <= 47)
				s->bg = v - 40;
			else if (v >= 90 && v <= 97)
				s->fg = v - 90 + 8;
			else if (v >= 100 && v <= 107)
				s->bg = v - 100 + 8;
			/* Anything else is ignored. */
			break;
		}
	}
}

/*
 * Is there an SGR sequence at data[pos] (ESC [ digits ; : ... m)? Returns
 * its length, or 0. Parameters are at data[pos + 2], length - 3 bytes.
 */
size_t
sgr_match(const uint8_t *data, size_t len, size_t pos)
{
	size_t	i;

	if (pos + 2 >= len || data[pos] != 0x1b || data[pos + 1] != '[')
		return 0;
	for (i = pos + 2; i < len && i - pos < 64; i++) {
		if (data[i] == 'm')
			return i + 1 - pos;
		if (!((data[i] >= '0' && data[i] <= '9') || data[i] == ';' ||
		    data[i] == ':'))
			return 0;
	}
	return 0;
}

int
sgr_equal(const struct sgr *a, const struct sgr *b)
{
	return a->fg == b->fg && a->bg == b->bg && a->attrs == b->attrs;
}
