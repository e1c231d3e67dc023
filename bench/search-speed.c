/*
 * search-speed.c: throughput of search_next over a file (not a test).
 *
 *	gcc -O2 -I. -Isrc bench/search-speed.c src/libledecore.a \
 *	    -lpcre2-8 -lunistring -o bench/search-speed
 *	bench/search-speed FILE PATTERN [regex | noaccent]
 *
 * The file is mapped and searched from start to end in 4 MB slices, as
 * the pager does between keystrokes (a regular expression's calls may
 * stop early with SEARCH_MORE, and go on from where they stopped); prints
 * matches and MB/s, by the wall clock and by CPU time (less noisy on a
 * busy machine), and the longest single call of search_next. With
 * SEARCH_SECONDS set, a round stops after that long and says how far it
 * got (for patterns too slow to finish); with SEARCH_BACKWARD set, the
 * file is searched from end to start with search_prev, as "?" does.
 */

#include <sys/mman.h>
#include <sys/stat.h>

#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lede.h"

/* Seconds on a clock. */
static double
now(clockid_t clock)
{
	struct timespec	ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Map the file, search it twice, print the throughput. */
int
main(int argc, char **argv)
{
	struct search	*s;
	struct stat	 st;
	const uint8_t	*d;
	char		*cause;
	size_t		 len, a, from, ms, me, slice = 4 << 20, n, calls;
	double		 t0, t, c0, c, tc, worst, limit = 0;
	int		 fd, round, r, cut = 0, back;

	if (argc < 3) {
		fprintf(stderr, "usage: search-speed file pattern "
		    "[regex | noaccent]\n");
		return 2;
	}
	setlocale(LC_ALL, "C.UTF-8");
	if (getenv("SEARCH_SECONDS") != NULL)
		limit = atof(getenv("SEARCH_SECONDS"));
	back = getenv("SEARCH_BACKWARD") != NULL;
	if ((fd = open(argv[1], O_RDONLY)) == -1 || fstat(fd, &st) == -1) {
		perror(argv[1]);
		return 1;
	}
	len = (size_t)st.st_size;
	d = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	if (d == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	s = search_create(argv[2], argc < 4 ? 0 : strcmp(argv[3], "noaccent")
	    == 0 ? SEARCH_NOACCENT : SEARCH_REGEX, &cause);
	if (s == NULL) {
		fprintf(stderr, "%s\n", cause);
		return 1;
	}
	for (round = 0; round < 2; round++) {	/* the first warms up */
		n = calls = 0;
		worst = 0;
		r = SEARCH_NONE;
		t0 = now(CLOCK_MONOTONIC);
		c0 = now(CLOCK_PROCESS_CPUTIME_ID);
		cut = 0;
		for (a = len; back && a > 0 && r != SEARCH_GAVEUP && !cut;
		    a = from) {
			size_t	to = a;

			from = a > slice ? a - slice : 0;
			for (;;) {
				if (limit > 0 && now(CLOCK_MONOTONIC) - t0 >
				    limit) {
					cut = 1;
					break;
				}
				tc = now(CLOCK_MONOTONIC);
				r = search_prev(s, d, len, from, to, &ms, &me);
				tc = now(CLOCK_MONOTONIC) - tc;
				calls++;
				if (tc > worst)
					worst = tc;
				if (r == SEARCH_FOUND)
					n++;
				else if (r != SEARCH_MORE)
					break;
				to = ms;
			}
		}
		for (a = 0; !back && a < len && r != SEARCH_GAVEUP && !cut;
		    a += slice) {
			for (from = a; from < len; ) {
				if (limit > 0 && now(CLOCK_MONOTONIC) - t0 >
				    limit) {
					cut = 1;
					len = from;	/* for the figures */
					break;
				}
				tc = now(CLOCK_MONOTONIC);
				r = search_next(s, d, len, from, a + slice,
				    &ms, &me);
				tc = now(CLOCK_MONOTONIC) - tc;
				calls++;
				if (tc > worst)
					worst = tc;
				if (r == SEARCH_FOUND)
					n++;
				else if (r != SEARCH_MORE)
					break;
				from = r == SEARCH_MORE ? ms : ms + 1;
			}
		}
		t = now(CLOCK_MONOTONIC) - t0;
		c = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
		printf("%s: %zu matches in %.1f MB, %.3f s, %.0f MB/s "
		    "(CPU time: %.0f MB/s), %zu calls, longest %.1f ms%s\n",
		    argv[2], n, len / 1e6, t, len / 1e6 / t, len / 1e6 / c,
		    calls, worst * 1e3, cut ? " (stopped)" : round == 0 ?
		    " (cold)" : "");
		if (r == SEARCH_GAVEUP) {
			printf("gave up: %s\n", search_error(s));
			break;
		}
	}
	search_destroy(s);
	return 0;
}
