/*
 * hyph.c: hyphenation, with libhyphen (the library and pattern files
 * LibreOffice uses, Debian's libhyphen-dev and hyphen-* packages).
 *
 * --hyphenate (or Y) lets total fit (fit.c) break a word at a point its
 * language's patterns allow, at a cost, with a hyphen shown at the end of
 * the row: display only, the text (search, the document) keeps the word
 * whole. The language is -L's, else the document's (a page's lang), else
 * LANG's; its patterns are /usr/share/hyphen/hyph_LL_CC.dic, or any of
 * LL. Words are hyphenated only if made of letters alone, at least two
 * before a break and three after it (and what the patterns ask), and not
 * in capitals (acronyms, names set in capitals): never a URL, an address,
 * a number or a word with a digit.
 */

#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include <hyphen.h>
#include <unicase.h>
#include <unictype.h>
#include <unistr.h>

#include "lede.h"

#define HYPH_DIR	"/usr/share/hyphen"
#define HYPH_WORD	64		/* bytes of a word, at most */

int			 hyph_on;	/* --hyphenate, Y */
static HyphenDict	*hyph_dict;	/* loaded once, then only read */
static char		 hyph_lang[32];	/* its language, "en_US" */

/* The pattern file for lang ("en_US.UTF-8", "de-DE", "fr"), or NULL. */
static char *
hyph_file(const char *lang)
{
	char		 ll[8], cc[8], *path;
	size_t		 i, n;
	DIR		*d;
	struct dirent	*e;

	for (i = 0; i < 3 && lang[i] >= 'a' && lang[i] <= 'z'; i++)
		ll[i] = lang[i];
	ll[i] = '\0';
	if (i < 2)
		return NULL;
	n = 0;
	if (lang[i] == '_' || lang[i] == '-')
		for (i++; n < 3 && ((lang[i] >= 'A' && lang[i] <= 'Z') ||
		    (lang[i] >= 'a' && lang[i] <= 'z')); i++)
			cc[n++] = (char)(lang[i] & ~0x20);
	cc[n] = '\0';
	if (n > 0) {
		xasprintf(&path, "%s/hyph_%s_%s.dic", HYPH_DIR, ll, cc);
		if (access(path, R_OK) == 0)
			return path;
		free(path);
	}
	xasprintf(&path, "%s/hyph_%s.dic", HYPH_DIR, ll);
	if (access(path, R_OK) == 0)
		return path;
	free(path);
	/* Any country's. */
	if ((d = opendir(HYPH_DIR)) == NULL)
		return NULL;
	path = NULL;
	while (path == NULL && (e = readdir(d)) != NULL)
		if (strncmp(e->d_name, "hyph_", 5) == 0 &&
		    strncmp(e->d_name + 5, ll, strlen(ll)) == 0 &&
		    e->d_name[5 + strlen(ll)] == '_')
			xasprintf(&path, "%s/%s", HYPH_DIR, e->d_name);
	closedir(d);
	return path;
}

/*
 * Load the patterns of lang (NULL: LANG's). Returns 0, or -1 if there
 * are none for it (hyphenation then does nothing). Call before any
 * layout runs (the dump's threads share the patterns, read only).
 */
int
hyph_load(const char *lang)
{
	char	*path;

	if (lang == NULL || *lang == '\0')
		lang = getenv("LC_ALL");
	if (lang == NULL || *lang == '\0')
		lang = getenv("LANG");
	if (lang == NULL || *lang == '\0' || strcmp(lang, "C") == 0 ||
	    strncmp(lang, "C.", 2) == 0 || strcmp(lang, "POSIX") == 0)
		lang = "en_US";
	if (hyph_dict != NULL && strncmp(hyph_lang, lang, 5) == 0)
		return 0;
	if ((path = hyph_file(lang)) == NULL)
		return -1;
	if (hyph_dict != NULL)
		hnj_hyphen_free(hyph_dict);
	hyph_dict = hnj_hyphen_load(path);
	free(path);
	snprintf(hyph_lang, sizeof hyph_lang, "%s", lang);
	return hyph_dict != NULL ? 0 : -1;
}

/* The language whose patterns are loaded, or NULL. */
const char *
hyph_language(void)
{
	return hyph_dict != NULL ? hyph_lang : NULL;
}

/*
 * The word of n bytes at w (letters only): set ok[i] for each byte i
 * before which it may be hyphenated. Returns how many points.
 */
size_t
hyph_word(const uint8_t *w, size_t n, uint8_t *ok)
{
	uint8_t		 low[HYPH_WORD + 1];
	char		 hy[HYPH_WORD + 5], **rep = NULL;
	int		*pos = NULL, *cut = NULL;
	size_t		 ln = sizeof low, i, k, found = 0, chars = 0;
	const uint8_t	*p;
	ucs4_t		 uc;
	int		 upper = 0;

	memset(ok, 0, n);
	if (!hyph_on || hyph_dict == NULL || n > HYPH_WORD)
		return 0;
	for (p = w; p < w + n; p += k, chars++) {
		if ((k = (size_t)u8_mbtouc(&uc, p, (size_t)(w + n - p))) < 1)
			return 0;
		if (uc_is_upper(uc) && ++upper > 1)
			return 0;	/* in capitals */
	}
	if (chars < 5 || u8_tolower(w, n, NULL, NULL, low, &ln) == NULL ||
	    ln != n)
		return 0;
	low[n] = '\0';
	if (hnj_hyphen_hyphenate3(hyph_dict, (const char *)low, (int)n, hy,
	    NULL, &rep, &pos, &cut, 2, 3, 2, 2) != 0)
		return 0;
	/* hy[i] odd: a point after byte i; standard ones only. */
	for (i = 0, chars = 0; i + 1 < n; i++) {
		if ((w[i] & 0xc0) != 0x80)
			chars++;
		if ((hy[i] & 1) && (rep == NULL || rep[i] == NULL) &&
		    (w[i + 1] & 0xc0) != 0x80 && chars >= 2) {
			ok[i + 1] = 1;
			found++;
		}
	}
	if (rep != NULL) {
		for (i = 0; i < n; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	return found;
}

/*
 * Hyphenation points of a paragraph's words (layout.c's total fit), made
 * of letters alone between spaces (and punctuation at their edges:
 * quotes, commas, a full stop): may[k] becomes FIT_HYPHEN where a word
 * may be broken before cell k. A word with a digit, a slash, an @ or a
 * colon (a URL, an address, a time) is never hyphenated.
 */
void
hyph_cells(const struct layout *lay, const uint8_t *t, uint8_t *may)
{
	const struct cell	*cells = lay->cells;
	size_t			 nc = lay->ncells, a, e, k, ws, we, off;
	uint8_t			 ok[64];
	ucs4_t			 uc;
	int			 bad;

	for (a = 0; a < nc; a = e) {
		for (; a < nc && (cells[a].flags & CELL_SPACE); a++)
			;
		for (e = a, bad = 0; e < nc && !(cells[e].flags & CELL_SPACE);
		    e++)
			if (cells[e].len == 1 && strchr("0123456789/@:_\\",
			    t[cells[e].text]) != NULL)
				bad = 1;
		if (bad || e - a < 5)
			continue;
		/* The letters, punctuation at the edges left out. */
		for (ws = a; ws < e; ws++)
			if (u8_mbtouc(&uc, t + cells[ws].text, cells[ws].len) ==
			    (int)cells[ws].len && uc_is_alpha(uc))
				break;
		for (we = ws; we < e; we++)
			if (cells[we].flags & (CELL_VISIBLE | CELL_SLOT) ||
			    u8_mbtouc(&uc, t + cells[we].text, cells[we].len) !=
			    (int)cells[we].len || !uc_is_alpha(uc))
				break;
		if (we - ws < 5 || cells[we - 1].text + cells[we - 1].len -
		    cells[ws].text > sizeof ok)
			continue;
		/* Letters, then only punctuation (no "-known", "'t"). */
		for (k = we; k < e && u8_mbtouc(&uc, t + cells[k].text,
		    cells[k].len) == (int)cells[k].len && uc_is_punct(uc) &&
		    uc != '-' && uc != '\''; k++)
			;
		if (k < e)
			continue;
		if (hyph_word(t + cells[ws].text, cells[we - 1].text +
		    cells[we - 1].len - cells[ws].text, ok) == 0)
			continue;
		for (k = ws + 1; k < we; k++) {
			off = cells[k].text - cells[ws].text;
			if (ok[off] && may[k] == 0)
				may[k] = FIT_HYPHEN;
		}
	}
}
