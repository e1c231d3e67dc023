/*
 * html.h: what html.c (the HTML front end) and reader.c (reader mode:
 * the article of a page, and its title, byline and date) share. Private
 * to the two: the rest of lede knows only struct doc.
 */

#ifndef LEDE_HTML_H
#define LEDE_HTML_H

#include <gumbo.h>

struct page {			/* what reader mode finds in a page */
	char		*title;
	char		*byline;
	char		*date;
	char		*site;
	char		*lang;
	int		 rtl;		/* dir=rtl on <html> or <body> */
	GumboNode	**parts;	/* the article: these nodes, in order */
	size_t		 nparts;
	int		 score;		/* the best candidate's */
};

void		 reader_meta(GumboNode *, struct page *);
void		 reader_article(GumboNode *, struct page *);
int		 reader_is_boilerplate(const GumboNode *, int);
int		 reader_is_hidden(const GumboNode *);
int		 reader_is_link_list(const GumboNode *);
void		 reader_free(struct page *);
char		*reader_string(const GumboNode *);

int		 html_detect(const struct source *);
const char	*html_charset(const uint8_t *, size_t, char *, size_t);
char		*html_convert(const uint8_t *, size_t, const char *, size_t *);
GumboOutput	*html_parse(const GumboOptions *, const char *, size_t,
		     char **);

#endif
