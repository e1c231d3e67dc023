/*
 * md.h: what md.c (the Markdown front end) and mdscan.c (where its
 * chunks end, and their reference definitions) share. Private to the
 * two: the rest of lede knows only struct doc.
 */

#ifndef LEDE_MD_H
#define LEDE_MD_H

#define MD_AHEAD	(1u << 20)	/* definitions looked for past a chunk */

struct mdscan {
	/* Where chunks end: the scanner at input offset scan. */
	size_t		 scan;
	int		 blank;		/* the line before scan was blank */
	char		 fence;		/* '`' or '~' inside a fence, or 0 */
	size_t		 fencelen;
	/* The definitions' scanner, at input offset dscan. */
	size_t		 dscan;
	char		 dfence;
	size_t		 dfencelen;
	char		*defs;		/* reference definitions, as lines */
	size_t		 ndefs;
	size_t		 defscap;
};

void		 mdscan_init(struct mdscan *, const char *, size_t, size_t,
		     int);
size_t		 mdscan_cut(struct mdscan *, const char *, size_t, size_t,
		     size_t);
void		 mdscan_defs(struct mdscan *, const char *, size_t, size_t);
size_t		 md_front_matter(struct doc *);

#endif
