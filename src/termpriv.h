/*
 * termpriv.h: what term.c (which starts the terminal and reads keys) asks
 * of tdraw.c (which puts cells on it): tdraw.c calls nothing in term.c.
 * Nothing above the layer includes this.
 */

#ifndef TERMPRIV_H
#define TERMPRIV_H

/* tdraw.c */
char		*tdraw_capstr(const char *);
void		 tdraw_set_color_mode(int);
int		 tdraw_want_colours(int);
int		 tdraw_colours(void);
void		 tdraw_start_colours(void);
void		 tdraw_first_colours(int);
void		 tdraw_early_begin(int);
void		 tdraw_early_cap(const char *);
void		 tdraw_early_str(const char *);
void		 tdraw_modes_fd(int);
void		 tdraw_modes_clusters(int);
void		 tdraw_modes_sent(int);
const char	*tdraw_modes_string(int);
void		 tdraw_modes(int);
void		 tdraw_early_end(void);
void		 tdraw_early_cursor(int, int);

#endif
