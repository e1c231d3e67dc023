/*
 * termpriv.h: what the two files of the terminal layer share (term.c starts
 * the terminal and reads keys; tdraw.c puts cells on it). Nothing above
 * the layer includes this.
 */

#ifndef TERMPRIV_H
#define TERMPRIV_H

/* term.c */
char		*term_capstr(const char *);

/* tdraw.c */
void		 tdraw_set_color_mode(int);
int		 tdraw_want_colours(int);
int		 tdraw_colours(void);
void		 tdraw_start_colours(void);
void		 tdraw_first_colours(int);
void		 tdraw_early_begin(int);
void		 tdraw_early_cap(const char *);
void		 tdraw_early_end(void);
void		 tdraw_early_cursor(int, int);

#endif
