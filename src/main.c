/*
 * main.c: options, locale, input, and the choice of backend.
 *
 * lede reads articles (files, standard input when it is a pipe, the
 * article read last, or the built-in sample) and either pages them on the
 * terminal or, with --dump, when standard output is not a terminal or
 * when the terminal cannot page, prints them laid out. Default options
 * come from $LEDE, before the command line's.
 */

#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "lede.h"
#include "ui.h"

#define EXIT_PARTIAL	1	/* some input could not be read, or was cut */
#define EXIT_ERROR	2	/* bad usage, unreadable input */
#define WIDTH_MAX	10000	/* the widest text column, from -w or COLUMNS */

static const char usage_text[] =
    "usage: lede [-dhRSV] [-a narrow|wide|auto] [-p pattern] [-s section]\n"
    "            [-L lang] [-T format] [-w width]\n"
    "            [--arabic-shaping] [--color=auto|always|never] [--full]\n"
    "            [--greedy] [--hyphenate] [--ignore-accents] [--justify]\n"
    "            [--mouse] [--no-history] [--references]\n"
    "            [+command] [file ...]\n";

static const char help_text[] =
    "Options:\n"
    "  -a, --ambiguous=narrow|wide|auto  width of ambiguous characters\n"
    "      --arabic-shaping         Arabic letters joined by lede, for a\n"
    "                               terminal that draws each alone\n"
    "      --color=auto|always|never  colours (auto: unless NO_COLOR is non-empty)\n"
    "  -d, --dump                   print the laid-out article and exit\n"
    "  -R, --raw-control            SGR colour sequences become styles\n"
    "  -T, --format=FORMAT          plain, man, markdown, html or code (default:\n"
    "                               from the file's name, or its text)\n"
    "      --full                   a web page whole, not its article\n"
    "      --greedy                 fill rows greedily, not by total fit\n"
    "      --hyphenate              hyphenate words at the ends of rows (Y)\n"
    "  -L, --lang=LANG              the text's language (hyphenation): de, en_GB\n"
    "  -w, --width=N                text column of at most N columns (0: all)\n"
    "      --ignore-accents         searches ignore accents (Ctrl-T in the prompt)\n"
    "      --justify                stretch rows to both margins\n"
    "      --mouse                  the wheel scrolls, a click picks in lists\n"
    "      --no-history             keep no search history or positions\n"
    "      --no-mouse               leave the mouse to the terminal (default)\n"
    "      --references             with -d, the links' targets at the end\n"
    "  -p, --pattern=PATTERN        open at the first match (also +/PATTERN)\n"
    "  +COMMAND                     keys to run at the start: +G, +50%, +/word\n"
    "  -s, --section=NAME|N         open at a section: number or title prefix\n"
    "  -S, --no-reflow              lines as they are, chopped (Left, Right)\n"
    "  -h, --help                   show this help and exit\n"
    "  -V, --version                show the version and exit\n"
    "With no file and a terminal on standard input, lede reopens the last\n"
    "article read, or shows its built-in sample. Default options come from\n"
    "the LEDE environment variable. See lede(1).\n";

static void LEDE_NORETURN
usage(void)
{
	fputs(usage_text, stderr);
	exit(EXIT_ERROR);
}

/*
 * Take less's "+command" out of the arguments: keys run before the first
 * one typed (+G, +50%, +/pattern; a search typed so is ended with Enter).
 * Returns the new argc.
 */
static int
main_plus(struct pager *pg, int argc, char **argv)
{
	char	*keys;
	int	 i, j;

	for (i = j = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < argc)
				argv[j++] = argv[i++];
			break;
		}
		if (argv[i][0] != '+' || argv[i][1] == '\0') {
			argv[j++] = argv[i];
			continue;
		}
		if (argv[i][1] == '/' || argv[i][1] == '?')
			xasprintf(&keys, "%s\r", argv[i] + 1);
		else
			keys = xstrdup(argv[i] + 1);
		pg->start_keys = xreallocarray(pg->start_keys,
		    pg->nstart_keys + 1, sizeof *pg->start_keys);
		pg->start_keys[pg->nstart_keys++] = keys;
	}
	argv[j] = NULL;
	return j;
}

/*
 * The words of $LEDE, as arguments of their own: they are parsed before
 * the command line's (main_options), so that an error in them says so.
 * Words are split at white space; '...' and "..." quote, and a
 * backslash escapes the next character outside single quotes.
 */
static char	**main_env_argv;	/* lives as long as the program */
static char	**main_env_owned;	/* its words from $LEDE, as made */
static size_t	  main_env_words;

/* Where the options being parsed come from: "" or "in LEDE: ". */
static const char	*main_where = "";

/*
 * Free the arguments made from $LEDE (at exit: options point into them).
 * Their own list, since getopt and main_plus reorder the arguments.
 */
static void
main_env_free(void)
{
	size_t	i;

	for (i = 0; i < main_env_words; i++)
		free(main_env_owned[i]);
	free(main_env_owned);
	free(main_env_argv);
}

/*
 * Make *argvp the program's name (argv0) and the words of $LEDE. Returns
 * their number, or 0 without $LEDE.
 */
static int
main_env(char *argv0, char ***argvp)
{
	const char	*e = getenv("LEDE"), *p;
	char		**nv, *w;
	size_t		  n = 1, k;
	int		  quote, inword;

	if (e == NULL)
		return 0;
	nv = xreallocarray(NULL, strlen(e) + 2, sizeof *nv);
	main_env_owned = xreallocarray(NULL, strlen(e) + 1, sizeof *nv);
	nv[0] = argv0;
	w = xmalloc(strlen(e) + 1);
	k = 0;
	quote = inword = 0;
	for (p = e;; p++) {
		if (*p == '\0') {
			if (quote) {
				sanitize_warnx("in LEDE: unterminated quote");
				exit(EXIT_ERROR);
			}
			break;
		}
		if (quote == '\'' && *p != '\'')
			w[k++] = *p;
		else if (quote == '"' && *p == '\\' &&
		    (p[1] == '"' || p[1] == '\\'))
			w[k++] = *++p;
		else if (quote != 0 && *p == quote)
			quote = 0;
		else if (quote != 0)
			w[k++] = *p;
		else if (*p == ' ' || *p == '\t' || *p == '\n') {
			if (inword) {
				w[k] = '\0';
				nv[n++] = main_env_owned[main_env_words++] =
				    xstrdup(w);
				k = 0;
				inword = 0;
			}
			continue;
		} else if (*p == '\'' || *p == '"')
			quote = *p;
		else if (*p == '\\' && p[1] != '\0')
			w[k++] = *++p;
		else
			w[k++] = *p;
		inword = 1;
	}
	if (inword) {
		w[k] = '\0';
		nv[n++] = main_env_owned[main_env_words++] = xstrdup(w);
	}
	free(w);
	nv[n] = NULL;
	*argvp = main_env_argv = nv;
	atexit(main_env_free);
	return (int)n;
}

/*
 * Ctrl-C while reading what cannot be mapped (standard input, a device,
 * a FIFO): stop, keep what arrived.
 */
static volatile sig_atomic_t	main_interrupted;

/* SIGINT while reading: note it; read(2) returns EINTR. */
static void
main_sigint(int sig)
{
	main_interrupted = 1;
}

/*
 * Reading one input: its progress, shown on stderr after 0.3 s, every
 * 0.2 s, if what is read takes that long; and SIGINT's action before.
 */
struct main_progress {
	struct timespec	 start;
	double		 shown;		/* when last shown, 0 for never */
	int		 tty;
	char		 name[64];	/* the input, visible, maybe cut */
	struct sigaction old;
};

/* The seconds since p->start. */
static double
main_elapsed(const struct main_progress *p)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - p->start.tv_sec) +
	    (double)(now.tv_nsec - p->start.tv_nsec) / 1e9;
}

/* Called by source.c after each read; non-zero stops reading. */
static int
main_progress(void *arg, size_t len)
{
	struct main_progress	*p = arg;
	double			 t;

	if (main_interrupted)
		return 1;
	if (!p->tty)
		return 0;
	t = main_elapsed(p);
	if (t < 0.3 || (p->shown > 0 && t - p->shown < 0.2))
		return 0;
	p->shown = t;
	fprintf(stderr, "\rreading %s: %zu %s (Ctrl-C pages what came)\033[K",
	    p->name, len < 1 << 20 ? len >> 10 : len >> 20,
	    len < 1 << 20 ? "KB" : "MB");
	fflush(stderr);
	return 0;
}

/*
 * Start reading name: Ctrl-C stops (main_sigint), and a terminal's
 * stderr shows the progress (main_progress, with p), in the visible form
 * of the name, cut to a short line.
 */
static void
main_reading(struct main_progress *p, const char *name)
{
	struct sigaction	sa;

	memset(p, 0, sizeof *p);
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	p->tty = isatty(STDERR_FILENO);
	if (sanitize_message(p->name, sizeof p->name - 3, name) >=
	    sizeof p->name - 3)
		strcat(p->name, "...");
	main_interrupted = 0;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = main_sigint;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: read(2) returns EINTR */
	sigaction(SIGINT, &sa, &p->old);
}

/* Done reading: SIGINT as it was, the progress line gone. */
static void
main_reading_done(struct main_progress *p)
{
	sigaction(SIGINT, &p->old, NULL);
	if (p->shown > 0) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
}

/*
 * Read standard input whole, with progress on a terminal's stderr; Ctrl-C
 * stops and keeps what arrived (src->cut).
 */
static int
main_read_stdin(struct source *src, char **cause)
{
	struct main_progress	 p;
	int			 r;

	main_reading(&p, "standard input");
	r = source_open_fd(src, STDIN_FILENO, "(standard input)",
	    main_progress, &p, cause);
	main_reading_done(&p);
	return r;
}

#define MAIN_FILL	(256 << 10)	/* read before the first screen */

/*
 * Standard input for the pager: shown as it arrives (ui.c reads on with
 * pager_more). Only what comes at once is read before the first screen:
 * until it stops for 50 ms, or 256 KB came, or 0.3 s passed; Ctrl-C in
 * that time keeps what came. Returns 0, or -1 with *cause.
 */
static int
main_stream_stdin(struct source *src, char **cause)
{
	struct main_progress	 p;
	ssize_t			 n;

	main_reading(&p, "standard input");
	source_open_stream(src, STDIN_FILENO, "(standard input)", 0);
	while (source_reading(src) && src->len < MAIN_FILL &&
	    main_elapsed(&p) < 0.3 && !main_interrupted) {
		n = source_more(src, MAIN_FILL - src->len, 50, cause);
		if (n == -1) {
			main_reading_done(&p);
			source_free(src);
			return -1;
		}
		if (n == 0 && src->len > 0)
			break;		/* what came at once is here */
	}
	if (main_interrupted)
		source_stop(src);
	main_reading_done(&p);
	return 0;
}

/* The rest of standard input, read whole (to print it after all). */
static int
main_finish_stdin(struct source *src, char **cause)
{
	struct main_progress	 p;
	int			 r;

	main_reading(&p, "standard input");
	r = source_finish(src, main_progress, &p, cause);
	main_reading_done(&p);
	return r;
}

/*
 * pager_load() before the screen: a file that is read whole (a device,
 * a FIFO) is read as standard input is.
 */
static int
main_load(struct pager *pg, size_t i, struct source *src, char **cause)
{
	struct main_progress	 p;
	int			 r;

	main_reading(&p, pg->files[i].name != NULL ? pg->files[i].name : "");
	pg->reading = main_progress;
	pg->reading_arg = &p;
	r = pager_load(pg, i, src, cause);
	pg->reading = NULL;
	pg->reading_arg = NULL;
	main_reading_done(&p);
	return r;
}

/* Reading a file for :n under the screen: Ctrl-C stops, as a search. */
static int
main_screen_reading(void *arg, size_t len)
{
	return term_interrupted();
}

/*
 * Make sure the C library speaks UTF-8 (wcwidth, curses). The character
 * type is the one part of the locale lede uses, as in tmux and mandoc:
 * its messages are not translated, and searches and numbers do not depend
 * on the others. (Loading every category cost a third of a millisecond
 * before the first screen, to no end.)
 */
static void
main_locale(void)
{
	setlocale(LC_CTYPE, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0 &&
	    setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "en_US.UTF-8");
}

/* -w: a width from 0 to WIDTH_MAX. */
static int
parse_width(const char *s)
{
	char	*end;
	long	 n;

	n = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || n < 0 || n > WIDTH_MAX) {
		sanitize_warnx("%sinvalid width: %s", main_where, s);
		exit(EXIT_ERROR);
	}
	return (int)n;
}

/* Free what main() made, whatever path it leaves by. */
static void
main_free(struct pager *pg)
{
	size_t	i;

	find_free(&pg->find);
	history_free(&pg->history);
	positions_free(&pg->positions);
	for (i = 0; i < pg->nfiles; i++) {
		free(pg->files[i].name);
		free(pg->files[i].pos.path);
	}
	free(pg->files);
	free(pg->errors);
	for (i = 0; i < pg->nstart_keys; i++)
		free(pg->start_keys[i]);
	free(pg->start_keys);
	free(pg->lang);
	pg->start_keys = NULL;
	pg->nstart_keys = 0;
	pg->files = NULL;
	pg->errors = NULL;
	pg->nfiles = 0;
	if (pg->stdin_src != NULL) {
		source_free(pg->stdin_src);
		free(pg->stdin_src);
		pg->stdin_src = NULL;
	}
}

static int	main_references;	/* --references */

/*
 * Print every file laid out, one after another. Returns the exit status.
 */
static int
main_dump(struct pager *pg, int width)
{
	struct source	 src;
	struct doc	 doc;
	char		*cause = NULL, why[64];
	size_t		 i, shown = 0;
	int		 section = -1, failed = 0;

	if (layout_get_chop())
		width = LAYOUT_WIDTH_MAX;	/* -S: lines as they are */
	else if (width == 0) {
		const char	*c = getenv("COLUMNS");
		long		 n = c != NULL ? strtol(c, NULL, 10) : 0;

		/* As atoi(3) reads it, but at most WIDTH_MAX; else 80. */
		width = n <= 0 ? 80 : n > WIDTH_MAX ? WIDTH_MAX : (int)n;
	}
	docbuf_measure = width;		/* a table's columns fit it */
	for (i = 0; i < pg->nfiles; i++) {
		if (main_load(pg, i, &src, &cause) == -1) {
			sanitize_warnx("%s", cause);
			free(cause);
			cause = NULL;
			failed = 1;
			continue;
		}
		if (doc_open(&doc, &src, pg->format, &cause) == -1) {
			sanitize_warnx("%s", cause);
			free(cause);
			cause = NULL;
			if (src.kind != SOURCE_PIPE)
				source_free(&src);
			failed = 1;
			continue;
		}
		doc_finish(&doc);
		if (hyph_on && hyph_load(pg->lang != NULL ? pg->lang :
		    doc.lang) == -1)
			sanitize_warnx("no hyphenation patterns for %s",
			    pg->lang != NULL ? pg->lang : doc.lang != NULL ?
			    doc.lang : "LANG");
		section = -1;
		if (pg->start_section != NULL) {
			outline_init(&pg->outline);
			outline_step(&pg->outline, &doc, 0);
			section = outline_lookup(&pg->outline, &doc,
			    pg->start_section);
			if (section < 0) {
				sanitize_warnx("%s: no such section",
				    pg->start_section);
				outline_free(&pg->outline);
				doc_free(&doc);
				if (src.kind != SOURCE_PIPE)
					source_free(&src);
				failed = 1;
				continue;
			}
		}
		if (src.binary)
			sanitize_warnx("%s: binary file (NUL bytes shown "
			    "as ^@)", src.name);
		if (src.cut) {
			source_cut_why(&src, why, sizeof why);
			sanitize_warnx("%s: %s", src.name, why);
		}
		if (dump_doc(&doc, section >= 0 ?
		    pg->outline.v[section].start : 0, width, pg->justify) == -1 ||
		    (main_references && dump_links(&doc, stdout) == -1)) {
			sanitize_warnx("write error");
			return EXIT_ERROR;
		}
		if (section >= 0)
			outline_free(&pg->outline);
		doc_free(&doc);
		if (src.cut)
			failed = 1;
		if (src.kind != SOURCE_PIPE)
			source_free(&src);
		shown++;
	}
	if (shown == 0)
		return EXIT_ERROR;
	return failed ? EXIT_PARTIAL : 0;
}

/* The options; -A, -B, -C, -E, -G, -H, -J, -m, -M, -W and -Y are long
 * only. */
static const struct option main_longopts[] = {
	{ "ambiguous",	required_argument,	NULL, 'a' },
	{ "arabic-shaping", no_argument,	NULL, 'B' },
	{ "ignore-accents", no_argument,	NULL, 'A' },
	{ "color",	required_argument,	NULL, 'C' },
	{ "dump",	no_argument,		NULL, 'd' },
	{ "format",	required_argument,	NULL, 'T' },
	{ "full",	no_argument,		NULL, 'W' },
	{ "greedy",	no_argument,		NULL, 'G' },
	{ "hyphenate",	no_argument,		NULL, 'Y' },
	{ "lang",	required_argument,	NULL, 'L' },
	{ "help",	no_argument,		NULL, 'h' },
	{ "justify",	no_argument,		NULL, 'J' },
	{ "no-history",	no_argument,		NULL, 'H' },
	{ "no-reflow",	no_argument,		NULL, 'S' },
	{ "mouse",	no_argument,		NULL, 'm' },
	{ "no-mouse",	no_argument,		NULL, 'M' },
	{ "pattern",	required_argument,	NULL, 'p' },
	{ "raw-control", no_argument,		NULL, 'R' },
	{ "references",	no_argument,		NULL, 'E' },
	{ "section",	required_argument,	NULL, 's' },
	{ "version",	no_argument,		NULL, 'V' },
	{ "width",	required_argument,	NULL, 'w' },
	{ NULL,		0,			NULL, 0 }
};

/*
 * The long option whose name starts with the n bytes at name, if it is
 * the only one (or named in full); with *many set if several are.
 */
static const struct option *
main_longopt(const char *name, size_t n, int *many)
{
	const struct option	*o, *found = NULL;

	*many = 0;
	for (o = main_longopts; o->name != NULL; o++) {
		if (strncmp(o->name, name, n) != 0)
			continue;
		if (strlen(o->name) == n)
			return o;
		if (found != NULL)
			*many = 1;
		found = o;
	}
	return *many ? NULL : found;
}

/*
 * What getopt_long found wrong (ch '?' or ':', with argv and optind as
 * it left them), said by lede: opterr is 0, since the C library would
 * print the word as it came. Exits.
 */
static void LEDE_NORETURN
main_bad_option(int ch, char **argv)
{
	const struct option	*o;
	const char		*w = argv[optind - 1];
	size_t			 n;
	int			 many = 0;

	n = strcspn(w, "=");
	o = strncmp(w, "--", 2) == 0 ? main_longopt(w + 2, n - 2, &many) :
	    NULL;
	if (ch == ':' && o != NULL && o->val == optopt)
		sanitize_warnx("%soption '--%s' requires an argument",
		    main_where, o->name);
	else if (ch == ':')
		sanitize_warnx("%soption requires an argument -- '%c'",
		    main_where, optopt);
	else if (optopt == 0 && many)
		sanitize_warnx("%soption '%.*s' is ambiguous", main_where,
		    (int)n, w);
	else if (optopt == 0)
		sanitize_warnx("%sunrecognized option '%s'", main_where, w);
	else if (o != NULL && o->val == optopt && w[n] == '=')
		sanitize_warnx("%soption '--%s' doesn't allow an argument",
		    main_where, o->name);
	else
		sanitize_warnx("%sinvalid option -- '%c'", main_where, optopt);
	usage();
}

/*
 * With no file and no pipe: the article read last, if it is still there,
 * else the built-in sample (name NULL).
 */
static const char *
main_recent(struct pager *pg)
{
	const struct position	*p;
	struct stat		 sb;

	if (pg->positions.n == 0)
		return NULL;
	p = &pg->positions.v[pg->positions.n - 1];
	if (stat(p->path, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    access(p->path, R_OK) == -1)
		return NULL;
	return p->path;
}

/*
 * Does less's LESS ask for -R (or -r), as git sets it for its pager
 * ("FRX") and man-db for its own ("-ix8RmPm...")? Its words of short
 * options are read, skipping numbers (x8) and the words that options
 * take (-p, -t, ...), up to a prompt (-P), which takes all the rest.
 */
static int
main_less_raw(const char *s)
{
	const char	*p;
	int		 first = 1;

	if (s == NULL)
		return 0;
	for (; *s != '\0'; first = 0) {
		while (*s == ' ')
			s++;
		if (strncmp(s, "--", 2) == 0) {
			if (strncasecmp(s, "--raw-control-chars", 19) == 0)
				return 1;
		} else if (*s == '-' || first) {
			for (p = *s == '-' ? s + 1 : s; *p != '\0' && *p != ' ';
			    p++) {
				if (*p == 'R' || *p == 'r')
					return 1;
				if (*p == 'P')
					return 0;	/* a prompt: the rest */
				if (strchr("bhjxyz#", *p) != NULL)
					while (p[1] != '\0' && strchr("0123456789"
					    ".,", p[1]) != NULL)
						p++;	/* a number */
				else if (strchr("ptTkoOD+", *p) != NULL)
					break;	/* a word */
			}
		}
		while (*s != '\0' && *s != ' ')
			s++;
	}
	return 0;
}

/*
 * Parse the options of argv (the program's name first), for main_where;
 * a bad one is reported and ends lede. Returns the index of the first
 * word that is not an option (getopt_long puts them last).
 */
static int
main_options(struct pager *pg, int argc, char **argv, int *dump, int *width)
{
	int	ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":a:dhL:p:Rs:ST:Vw:", main_longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'a':
			pg->ambiguous_auto = 0;
			if (strcmp(optarg, "narrow") == 0)
				width_set_ambiguous(AMBIGUOUS_NARROW);
			else if (strcmp(optarg, "wide") == 0)
				width_set_ambiguous(AMBIGUOUS_WIDE);
			else if (strcmp(optarg, "auto") == 0)
				pg->ambiguous_auto = 1;
			else {
				sanitize_warnx("%sinvalid --ambiguous: %s "
				    "(narrow, wide or auto)", main_where,
				    optarg);
				exit(EXIT_ERROR);
			}
			break;
		case 'C':
			if (strcmp(optarg, "auto") == 0)
				pg->color = COLOR_AUTO;
			else if (strcmp(optarg, "always") == 0)
				pg->color = COLOR_ALWAYS;
			else if (strcmp(optarg, "never") == 0)
				pg->color = COLOR_NEVER;
			else {
				sanitize_warnx("%sinvalid --color: %s "
				    "(auto, always or never)", main_where,
				    optarg);
				exit(EXIT_ERROR);
			}
			break;
		case 'd':
			*dump = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			fputs(help_text, stdout);
			exit(0);
		case 'A':
			pg->search_flags |= SEARCH_NOACCENT;
			break;
		case 'J':
			pg->justify = 1;
			break;
		case 'E':
			main_references = 1;
			break;
		case 'W':
			html_full = 1;
			break;
		case 'G':
			fit_greedy = 1;
			break;
		case 'B':
			bidi_shaping = 1;
			break;
		case 'Y':
			hyph_on = 1;
			break;
		case 'L':
			free(pg->lang);
			pg->lang = xstrdup(optarg);
			break;
		case 'H':
			pg->no_history = 1;
			break;
		case 'm':
			pg->mouse = 1;
			break;
		case 'M':
			pg->mouse = 0;
			break;
		case 'p':
			pg->start_pattern = optarg;
			break;
		case 'R':
			pg->raw_control = 1;
			sanitize_set_raw(1);
			break;
		case 's':
			pg->start_section = optarg;
			break;
		case 'S':
			layout_set_chop(1);
			break;
		case 'T':
			if (doc_format(optarg) == NULL) {
				sanitize_warnx("%sinvalid --format: %s (%s)",
				    main_where, optarg, doc_format_names());
				exit(EXIT_ERROR);
			}
			pg->format = optarg;
			break;
		case 'V':
			printf("lede %s\n", PACKAGE_VERSION);
			exit(0);
		case 'w':
			*width = parse_width(optarg);
			break;
		default:
			main_bad_option(ch, argv);
		}
	}
	return optind;
}

int
main(int argc, char **argv)
{
	struct source	 src;
	struct pager	 pg;
	char		*cause = NULL, *why = NULL, *path, *p, *e;
	char		**envv = NULL;
	const char	*recent;
	size_t		 i;
	int		 dump = 0, width = 72, r, section = -1, uses_stdin;
	int		 envc, k;

	main_locale();
	memset(&pg, 0, sizeof pg);
	pg.ambiguous_auto = 1;
	pg.quote = -1;
	/* git's pager: git writes colours for it, and says so with -R in
	 * LESS. */
	if (main_less_raw(getenv("LESS"))) {
		pg.raw_control = 1;
		sanitize_set_raw(1);
	}
	/* LEDE's words first, then the command line's, each with files. */
	if ((envc = main_env(argv[0], &envv)) > 0) {
		envc = main_plus(&pg, envc, envv);
		main_where = "in LEDE: ";
		k = main_options(&pg, envc, envv, &dump, &width);
		main_where = "";
		envc -= k;
		envv += k;
		optind = 0;	/* getopt_long starts again */
	}
	argc = main_plus(&pg, argc, argv);
	k = main_options(&pg, argc, argv, &dump, &width);
	argc -= k;
	argv += k;

	if (!pg.no_history) {
		path = state_path("positions");
		/* A state file not used: said on the first screen. */
		if (positions_load(&pg.positions, path, &cause) == -1) {
			pager_message(&pg, "%s", cause);
			free(cause);
			cause = NULL;
		}
		free(path);
	}

	/* The files: as given, or stdin, or the last article, or the sample. */
	if (envc + argc > 0) {
		pg.nfiles = (size_t)(envc + argc);
		pg.files = xcalloc(pg.nfiles, sizeof *pg.files);
		for (i = 0; i < pg.nfiles; i++)
			pg.files[i].name = xstrdup(i < (size_t)envc ?
			    envv[i] : argv[i - (size_t)envc]);
	} else {
		pg.nfiles = 1;
		pg.files = xcalloc(1, sizeof *pg.files);
		if (!isatty(STDIN_FILENO))
			pg.files[0].name = xstrdup("-");
		else if ((recent = main_recent(&pg)) != NULL)
			pg.files[0].name = xstrdup(recent);
	}
	uses_stdin = 0;
	for (i = 0; i < pg.nfiles; i++)
		if (pg.files[i].name != NULL &&
		    strcmp(pg.files[i].name, "-") == 0)
			uses_stdin = 1;
	if (!dump && !isatty(STDOUT_FILENO))
		dump = 1;
	if (!dump && !term_can_page(&why)) {
		sanitize_warnx("%s; printing instead", why);
		free(why);
		dump = 1;
	}
	if (uses_stdin) {
		/* Printed, it is read whole; paged, shown as it arrives. */
		pg.stdin_src = xcalloc(1, sizeof *pg.stdin_src);
		r = dump ? main_read_stdin(pg.stdin_src, &cause) :
		    main_stream_stdin(pg.stdin_src, &cause);
		if (r == -1) {
			sanitize_warnx("%s", cause);
			free(cause);
			free(pg.stdin_src);
			pg.stdin_src = NULL;
			main_free(&pg);
			return EXIT_ERROR;
		}
	}
	if (dump) {
		r = main_dump(&pg, width);
		main_free(&pg);
		return r;
	}

	/* The first file that opens; those that do not are reported. */
	for (i = 0; i < pg.nfiles; i++) {
		if (main_load(&pg, i, &src, &cause) == 0)
			break;
		sanitize_warnx("%s", cause);
		free(cause);
		cause = NULL;
	}
	if (i == pg.nfiles) {
		main_free(&pg);
		return EXIT_ERROR;
	}
	if (i > 0)
		pg.status = EXIT_PARTIAL;
	pg.measure = width;
	find_init(&pg.find);
	pager_install(&pg, i, &src);
	if (pg.start_section != NULL) {
		doc_finish(&pg.doc);
		outline_step(&pg.outline, &pg.doc, 0);
		section = outline_lookup(&pg.outline, &pg.doc,
		    pg.start_section);
		if (section < 0) {
			sanitize_warnx("%s: no such section",
			    pg.start_section);
			return EXIT_ERROR;
		}
	}
	{
		char	*hp = pg.no_history ? NULL : state_path("history");

		if (history_load(&pg.history, hp, &cause) == -1) {
			if (pg.message[0] == '\0')
				pager_message(&pg, "%s", cause);
			free(cause);
			cause = NULL;
		}
		free(hp);
	}
	pg.reading = main_screen_reading;
	r = ui_run(&pg, &cause);
	if (r == TERM_CANNOT_PAGE) {
		/* An unknown terminal, or one that cannot move the cursor. */
		sanitize_warnx("%s; printing instead", cause);
		free(cause);
		cause = NULL;
		if (pg.stdin_src != NULL && main_finish_stdin(pg.stdin_src,
		    &cause) == -1) {
			sanitize_warnx("%s", cause);
			free(cause);
		}
		outline_free(&pg.outline);
		if (pg.src != pg.stdin_src)
			source_free(pg.src);
		pg.src = NULL;
		r = main_dump(&pg, width);
		main_free(&pg);
		return r;
	}
	/* What went wrong in the pager, a message a line (pager_error). */
	for (p = pg.errors; p != NULL && *p != '\0'; p = e + 1) {
		e = strchr(p, '\n');
		sanitize_warnx("%.*s", (int)(e - p), p);
	}
	if (r == -1) {
		sanitize_warnx("%s", cause);
		free(cause);
		return EXIT_ERROR;
	}
	/* Standard input cut short, whether the reader went there or not. */
	if (pg.stdin_src != NULL && pg.stdin_src->cut && pg.status == 0)
		pg.status = EXIT_PARTIAL;
	main_free(&pg);
	return pg.status;
}
