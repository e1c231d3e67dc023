/*
 * main.c: options, locale, input, and the choice of backend.
 *
 * lede reads one article (a file, standard input when it is a pipe, or
 * the built-in sample) and either pages it on the terminal or, with
 * --dump or when standard output is not a terminal, prints it laid out.
 */

#include "config.h"

#include <getopt.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lede.h"

#define EXIT_ERROR	2	/* bad usage, unreadable input */

static const char usage_text[] =
    "usage: lede [-dhRV] [-a narrow|wide|auto] [-p pattern] [-s section]\n"
    "            [-w width] [--justify] [--no-history] [+/pattern] [file]\n";

static const char help_text[] =
    "Options:\n"
    "  -a, --ambiguous=narrow|wide|auto  width of ambiguous characters\n"
    "  -d, --dump                   print the laid-out article and exit\n"
    "  -w, --width=N                text column of at most N columns (0: all)\n"
    "      --justify                stretch rows to both margins\n"
    "      --no-history             keep no search history\n"
    "  -p, --pattern=PATTERN        open at the first match (also +/PATTERN)\n"
    "  -R, --raw-control            show SGR colour sequences as colours\n"
    "  -s, --section=NAME|N         open at a section: number or title prefix\n"
    "  -h, --help                   show this help and exit\n"
    "  -V, --version                show the version and exit\n"
    "With no file and a terminal on standard input, lede shows its built-in\n"
    "sample article. See lede(1).\n";

static void LEDE_NORETURN
usage(void)
{
	fputs(usage_text, stderr);
	exit(EXIT_ERROR);
}

/*
 * Take less's "+/pattern" out of the arguments (it means -p pattern).
 * Returns the new argc.
 */
static int
main_plus(struct pager *pg, int argc, char **argv)
{
	int	i, j;

	for (i = j = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < argc)
				argv[j++] = argv[i++];
			break;
		}
		if (strncmp(argv[i], "+/", 2) == 0 && argv[i][2] != '\0')
			pg->start_pattern = argv[i] + 2;
		else
			argv[j++] = argv[i];
	}
	argv[j] = NULL;
	return j;
}

/* Make sure the C library speaks UTF-8 (wcwidth, curses). */
static void
main_locale(void)
{
	setlocale(LC_ALL, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0 &&
	    setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "en_US.UTF-8");
}

static int
parse_width(const char *s)
{
	char	*end;
	long	 n;

	n = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || n < 0 || n > 10000) {
		fprintf(stderr, "lede: invalid width: %s\n", s);
		exit(EXIT_ERROR);
	}
	return (int)n;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "ambiguous",	required_argument,	NULL, 'a' },
		{ "dump",	no_argument,		NULL, 'd' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "justify",	no_argument,		NULL, 'J' },
		{ "no-history",	no_argument,		NULL, 'H' },
		{ "pattern",	required_argument,	NULL, 'p' },
		{ "raw-control", no_argument,		NULL, 'R' },
		{ "section",	required_argument,	NULL, 's' },
		{ "version",	no_argument,		NULL, 'V' },
		{ "width",	required_argument,	NULL, 'w' },
		{ NULL,		0,			NULL, 0 }
	};
	struct source	 src;
	struct pager	 pg;
	char		*cause = NULL;
	int		 ch, dump = 0, width = 72, r, section = -1;

	main_locale();
	memset(&pg, 0, sizeof pg);
	argc = main_plus(&pg, argc, argv);
	pg.ambiguous_auto = 1;
	pg.quote = -1;
	while ((ch = getopt_long(argc, argv, "a:dhp:Rs:Vw:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			pg.ambiguous_auto = 0;
			if (strcmp(optarg, "narrow") == 0)
				width_set_ambiguous(AMBIGUOUS_NARROW);
			else if (strcmp(optarg, "wide") == 0)
				width_set_ambiguous(AMBIGUOUS_WIDE);
			else if (strcmp(optarg, "auto") == 0)
				pg.ambiguous_auto = 1;
			else {
				fprintf(stderr, "lede: invalid --ambiguous: "
				    "%s (narrow, wide or auto)\n", optarg);
				exit(EXIT_ERROR);
			}
			break;
		case 'd':
			dump = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			fputs(help_text, stdout);
			exit(0);
		case 'J':
			pg.justify = 1;
			break;
		case 'H':
			pg.no_history = 1;
			break;
		case 'p':
			pg.start_pattern = optarg;
			break;
		case 'R':
			sanitize_set_raw(1);
			break;
		case 's':
			pg.start_section = optarg;
			break;
		case 'V':
			printf("lede %s\n", PACKAGE_VERSION);
			exit(0);
		case 'w':
			width = parse_width(optarg);
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 1)
		usage();

	if (argc == 1 && strcmp(argv[0], "-") != 0)
		r = source_open_file(&src, argv[0], &cause);
	else if (argc == 1 || !isatty(STDIN_FILENO))
		r = source_open_fd(&src, STDIN_FILENO, "(standard input)",
		    &cause);
	else {
		source_open_memory(&src, "(sample article)", sample_text,
		    sample_size);
		r = 0;
	}
	if (r == -1) {
		fprintf(stderr, "lede: %s\n", cause);
		free(cause);
		return EXIT_ERROR;
	}

	if (!dump && !isatty(STDOUT_FILENO))
		dump = 1;
	outline_init(&pg.outline);
	if (pg.start_section != NULL) {
		outline_step(&pg.outline, &src, 0);
		section = outline_lookup(&pg.outline, &src, pg.start_section);
		if (section < 0) {
			fprintf(stderr, "lede: %s: no such section\n",
			    pg.start_section);
			outline_free(&pg.outline);
			source_free(&src);
			return EXIT_ERROR;
		}
	}
	if (dump) {
		if (width == 0) {
			const char	*c = getenv("COLUMNS");

			width = c != NULL && atoi(c) > 0 ? atoi(c) : 80;
		}
		r = dump_source(&src, section >= 0 ?
		    pg.outline.v[section].start : 0, width, pg.justify);
		outline_free(&pg.outline);
		source_free(&src);
		if (r == -1) {
			fprintf(stderr, "lede: write error\n");
			return EXIT_ERROR;
		}
		return 0;
	}

	pg.src = &src;
	pg.measure = width;
	find_init(&pg.find);
	pg.quote = -1;
	{
		char	*hp = pg.no_history ? NULL : state_path("history");

		history_load(&pg.history, hp);
		free(hp);
	}
	if (screen_run(&pg, &cause) == -1) {
		fprintf(stderr, "lede: %s\n", cause);
		free(cause);
		source_free(&src);
		return EXIT_ERROR;
	}
	find_free(&pg.find);
	history_free(&pg.history);
	outline_free(&pg.outline);
	source_free(&src);
	return 0;
}
