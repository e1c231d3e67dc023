/*
 * gen.c: a deterministic generator of mixed-script benchmark articles.
 *
 * usage: gen SIZE_MB > file
 *
 * Writes about SIZE_MB * 2^20 bytes (exact to within one paragraph) of
 * text that looks like a long e-mail: English paragraphs hard-wrapped at
 * 72 columns, with CJK names in parentheses, curly quotes and
 * apostrophes; every seventh paragraph or so wholly in Chinese or
 * Japanese, hard-wrapped too; an ALL-CAPS heading every twenty or so;
 * blank lines between paragraphs. The first paragraph begins with the
 * token LEDEBENCHFIRST; the first English paragraph past half the size
 * begins with LEDEBENCHMIDDLE; the last holds the only "zyzzyvamarker"
 * and ends with LEDEBENCHLAST, the last word of the file. The PRNG is our
 * own and has a fixed seed, so the same size gives the same bytes
 * everywhere, and a smaller article is a prefix of a larger one but for
 * its middle token and its last paragraph.
 *
 * usage: gen -p KIND SIZE_MB > file
 *
 * One paragraph on one line, of SIZE_MB * 2^20 bytes: English words
 * (english: beginning with LEDEBENCHFIRST and ending with LEDEBENCHLAST),
 * Russian words (cyrillic), digits without a space (digits), or NUL bytes
 * (nul); then a newline.
 */

#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WRAP		72		/* columns of a hard-wrapped line */
#define SEED		0x1ede2026c0ffee01ULL
#define LAST_RESERVE	1500		/* bytes kept for the last paragraph */

struct buf {
	char	*s;
	size_t	 len, cap;
};

/* A paragraph being filled: its bytes and the width of its last line. */
struct para {
	struct buf	 b;
	int		 col;
};

static uint64_t	rng_state = SEED;

static const char *const words[] = {
	"the", "of", "and", "a", "to", "in", "is", "was", "that", "for",
	"it", "with", "as", "his", "her", "on", "be", "at", "by", "this",
	"had", "not", "but", "from", "or", "have", "an", "they", "which",
	"one", "you", "were", "all", "we", "when", "there", "can", "been",
	"has", "more", "if", "will", "would", "who", "so", "no", "she",
	"other", "than", "then", "into", "could", "these", "two", "may",
	"first", "any", "new", "very", "after", "most", "also", "made",
	"over", "did", "many", "before", "must", "through", "back", "years",
	"where", "much", "your", "way", "well", "down", "should", "because",
	"each", "just", "those", "people", "how", "too", "little", "state",
	"good", "world", "still", "own", "see", "men", "work", "long", "get",
	"here", "between", "both", "life", "being", "under", "never", "day",
	"same", "another", "know", "while", "last", "might", "great", "old",
	"year", "off", "come", "since", "against", "go", "came", "right",
	"take", "three", "himself", "few", "house", "use", "during", "without",
	"again", "place", "around", "however", "home", "small", "found",
	"thought", "went", "say", "part", "once", "general", "high", "upon",
	"school", "every", "government", "river", "harbour", "letter",
	"mountain", "evening", "morning", "market", "railway", "village",
	"committee", "ministry", "negotiation", "correspondent", "delegation",
	"province", "festival", "translation", "manuscript", "archive",
	"quietly", "suddenly", "reluctantly", "apparently", "eventually",
	"don\u2019t", "isn\u2019t", "it\u2019s", "they\u2019re", "couldn\u2019t",
	"wasn\u2019t", "city\u2019s", "river\u2019s", "people\u2019s",
	"editor\u2019s", "o\u2019clock", "we\u2019ll"
};

static const char *const heading_words[] = {
	"THE", "RIVER", "NIGHT", "HARBOUR", "LETTERS", "FROM", "EAST", "WEST",
	"NORTHERN", "SOUTHERN", "ROAD", "TO", "SILENCE", "MARKET", "OLD",
	"NEW", "CITY", "WINTER", "SUMMER", "RETURN", "ARCHIVE", "OF", "AND",
	"DELEGATION", "MOUNTAIN", "TRANSLATOR", "BORDER", "RAILWAY", "LAST"
};

/* Names as the words they wrap into: romanised name, then the original. */
static const char *const names[][4] = {
	{ "Xi", "Jinping", "(\u7fd2\u8fd1\u5e73)", NULL },
	{ "Li", "Qiang", "(\u674e\u5f37)", NULL },
	{ "Wang", "Yi", "(\u738b\u6bc5)", NULL },
	{ "Zhang", "Wei", "(\u5f35\u5049)", NULL },
	{ "Chen", "Jing", "(\u9673\u975c)", NULL },
	{ "Lu", "Xun", "(\u9b6f\u8fc5)", NULL },
	{ "Lin", "Huiyin", "(\u6797\u5fbd\u56e0)", NULL },
	{ "Tanaka", "Hiroshi", "(\u7530\u4e2d\u535a)", NULL },
	{ "Suzuki", "Yui", "(\u9234\u6728\u7d50\u8863)", NULL },
	{ "Murakami", "Haruki", "(\u6751\u4e0a\u6625\u6a39)", NULL },
	{ "Yamamoto", "Aiko", "(\u5c71\u672c\u611b\u5b50)", NULL },
	{ "Kim", "Min-jun", "(\uae40\ubbfc\uc900)", NULL },
	{ "Park", "Ji-woo", "(\ubc15\uc9c0\uc6b0)", NULL }
};

static const char *const zh_clauses[] = {
	"\u6211\u4eec\u5728\u6cb3\u8fb9\u8d70\u4e86\u5f88\u4e45",
	"\u8fd9\u5ea7\u57ce\u5e02\u7684\u5386\u53f2\u6bd4\u60f3\u8c61"
	    "\u4e2d\u66f4\u957f",
	"\u4ed6\u8bf4\u660e\u5929\u4f1a\u4e0b\u96e8",
	"\u8001\u5e08\u628a\u4e66\u653e\u5728\u684c\u5b50\u4e0a",
	"\u7a97\u5916\u7684\u98ce\u8d8a\u6765\u8d8a\u5927",
	"\u5927\u5bb6\u90fd\u5728\u7b49\u5f85\u65b0\u7684\u6d88\u606f",
	"\u8fd9\u4e2a\u95ee\u9898\u5e76\u4e0d\u5bb9\u6613\u56de\u7b54",
	"\u5979\u6bcf\u5929\u65e9\u4e0a\u516d\u70b9\u8d77\u5e8a",
	"\u706b\u8f66\u665a\u70b9\u4e86\u4e24\u4e2a\u5c0f\u65f6",
	"\u5e02\u573a\u4e0a\u7684\u852c\u83dc\u5f88\u65b0\u9c9c",
	"\u6211\u4eec\u5e94\u8be5\u91cd\u65b0\u8003\u8651\u8fd9\u4e2a"
	    "\u8ba1\u5212",
	"\u56fe\u4e66\u9986\u91cc\u975e\u5e38\u5b89\u9759"
};

static const char *const ja_clauses[] = {
	"\u4eca\u65e5\u306f\u3068\u3066\u3082\u5bd2\u3044\u3067\u3059"
	    "\u306d",
	"\u99c5\u306e\u524d\u3067\u53cb\u9054\u3092\u5f85\u3063\u3066"
	    "\u3044\u307e\u3057\u305f",
	"\u3053\u306e\u672c\u306f\u5148\u9031\u56f3\u66f8\u9928\u3067"
	    "\u501f\u308a\u307e\u3057\u305f",
	"\u5f7c\u306f\u6bce\u671d\u30b3\u30fc\u30d2\u30fc\u3092\u98f2"
	    "\u307f\u307e\u3059",
	"\u96e8\u304c\u964d\u308a\u305d\u3046\u306a\u306e\u3067\u5098"
	    "\u3092\u6301\u3063\u3066\u3044\u304d\u307e\u3059",
	"\u65b0\u3057\u3044\u4ed5\u4e8b\u306b\u306f\u307e\u3060\u6163"
	    "\u308c\u3066\u3044\u307e\u305b\u3093",
	"\u6771\u4eac\u306e\u590f\u306f\u672c\u5f53\u306b\u6691\u3044",
	"\u5b50\u4f9b\u305f\u3061\u306f\u516c\u5712\u3067\u904a\u3093"
	    "\u3067\u3044\u308b",
	"\u4f1a\u8b70\u306f\u5348\u5f8c\u4e09\u6642\u304b\u3089\u59cb"
	    "\u307e\u308a\u307e\u3059",
	"\u7a93\u304b\u3089\u5c71\u304c\u3088\u304f\u898b\u3048\u308b"
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* The next 64 random bits (splitmix64). */
static uint64_t
rng(void)
{
	uint64_t	z;

	z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A random integer in [lo, hi]. */
static int
rnd(int lo, int hi)
{
	return lo + (int)(rng() % (uint64_t)(hi - lo + 1));
}

/* Append n bytes to a buffer. */
static void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		while (b->len + n + 1 > b->cap)
			b->cap = b->cap == 0 ? 4096 : b->cap * 2;
		if ((b->s = realloc(b->s, b->cap)) == NULL) {
			perror("gen");
			exit(1);
		}
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Decode the UTF-8 character at *s, advance *s past it. */
static uint32_t
utf8_next(const char **s)
{
	const unsigned char	*p = (const unsigned char *)*s;
	uint32_t		 c;
	int			 n, i;

	if (p[0] < 0x80) {
		*s += 1;
		return p[0];
	}
	if (p[0] >= 0xf0) {
		c = p[0] & 0x07;
		n = 3;
	} else if (p[0] >= 0xe0) {
		c = p[0] & 0x0f;
		n = 2;
	} else {
		c = p[0] & 0x1f;
		n = 1;
	}
	for (i = 1; i <= n && p[i] != '\0'; i++)
		c = (c << 6) | (p[i] & 0x3f);
	*s += i;
	return c;
}

/* Columns of one character, enough for the scripts we write. */
static int
char_width(uint32_t c)
{
	if ((c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) ||
	    (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
	    (c >= 0xff00 && c <= 0xff60))
		return 2;
	return 1;
}

/* Columns of a string. */
static int
str_width(const char *s)
{
	int	w = 0;

	while (*s != '\0')
		w += char_width(utf8_next(&s));
	return w;
}

/* Add a word to an English paragraph, starting a new line if it must. */
static void
para_word(struct para *p, const char *w)
{
	int	ww = str_width(w);

	if (p->col > 0 && p->col + 1 + ww > WRAP) {
		buf_add(&p->b, "\n", 1);
		p->col = 0;
	}
	if (p->col > 0) {
		buf_add(&p->b, " ", 1);
		p->col++;
	}
	buf_add(&p->b, w, strlen(w));
	p->col += ww;
}

/*
 * Add CJK text character by character, breaking lines anywhere but
 * letting closing punctuation hang past the margin.
 */
static void
para_cjk(struct para *p, const char *s)
{
	const char	*start;
	uint32_t	 c;
	int		 w;

	while (*s != '\0') {
		start = s;
		c = utf8_next(&s);
		w = char_width(c);
		if (p->col + w > WRAP && c != 0x3002 && c != 0xff0c &&
		    c != 0x3001 && c != 0x300d && c != 0x201d) {
			buf_add(&p->b, "\n", 1);
			p->col = 0;
		}
		buf_add(&p->b, start, (size_t)(s - start));
		p->col += w;
	}
}

/* An English sentence of about n words, maybe quoted, maybe with a name. */
static int
english_sentence(struct para *p, int n, int first)
{
	char		 w[128];
	const char	*src;
	int		 i, k, quoted, used = 0;

	if (first == 1)
		para_word(p, "LEDEBENCHFIRST");
	else if (first == 2)
		para_word(p, "zyzzyvamarker");
	else if (first == 3)
		para_word(p, "LEDEBENCHMIDDLE");
	quoted = rnd(0, 5) == 0;
	for (i = 0; i < n; i++) {
		if (rnd(0, 24) == 0 && i + 3 < n) {
			k = rnd(0, (int)NELEM(names) - 1);
			para_word(p, names[k][0]);
			para_word(p, names[k][1]);
			para_word(p, names[k][2]);
			i += 2;
			used += 3;
			continue;
		}
		src = words[rnd(0, (int)NELEM(words) - 1)];
		snprintf(w, sizeof w, "%s%s%s", quoted && i == 0 ?
		    "\u201c" : "", src, i + 1 == n ? (quoted ? ".\u201d" :
		    ".") : rnd(0, 9) == 0 ? "," : "");
		if (i == 0) {
			k = quoted ? (int)strlen("\u201c") : 0;
			if (w[k] >= 'a' && w[k] <= 'z')
				w[k] -= 'a' - 'A';
		}
		para_word(p, w);
		used++;
	}
	return used;
}

/*
 * An English paragraph of 40-120 words. kind is 1 for the first paragraph
 * (with LEDEBENCHFIRST), 2 for the last (marker and LEDEBENCHLAST), 3 for
 * the middle one (LEDEBENCHMIDDLE), else 0.
 */
static void
english_para(struct para *p, int kind)
{
	int	n, done = 0, first = kind;

	n = rnd(40, 120);
	while (done < n) {
		done += english_sentence(p, rnd(5, 20), first);
		first = 0;
	}
	if (kind == 2)
		para_word(p, "LEDEBENCHLAST");
}

/* A paragraph wholly in Chinese or Japanese. */
static void
cjk_para(struct para *p)
{
	const char *const	*pool;
	size_t			 npool;
	int			 ja, i, j, ns, nc;

	ja = rnd(0, 1);
	pool = ja ? ja_clauses : zh_clauses;
	npool = ja ? NELEM(ja_clauses) : NELEM(zh_clauses);
	ns = rnd(3, 9);
	for (i = 0; i < ns; i++) {
		nc = rnd(1, 4);
		if (rnd(0, 5) == 0)
			para_cjk(p, ja ? "\u300c" : "\u201c");
		for (j = 0; j < nc; j++) {
			para_cjk(p, pool[rnd(0, (int)npool - 1)]);
			if (j + 1 < nc)
				para_cjk(p, ja ? "\u3001" : "\uff0c");
		}
		para_cjk(p, "\u3002");
	}
}

/* An ALL-CAPS heading on one line. */
static void
heading_para(struct para *p, int number)
{
	char	num[32];
	int	i, n;

	snprintf(num, sizeof num, "PART %d:", number);
	para_word(p, num);
	n = rnd(2, 6);
	for (i = 0; i < n; i++)
		para_word(p, heading_words[rnd(0, (int)NELEM(heading_words) -
		    1)]);
}

static const char *const ru_words[] = {
	"\u0441\u044a\u0435\u0448\u044c", "\u0436\u0435", "\u0435\u0449\u0451",
	"\u044d\u0442\u0438\u0445", "\u043c\u044f\u0433\u043a\u0438\u0445",
	"\u0444\u0440\u0430\u043d\u0446\u0443\u0437\u0441\u043a\u0438\u0445",
	"\u0431\u0443\u043b\u043e\u043a,", "\u0434\u0430",
	"\u0432\u044b\u043f\u0435\u0439", "\u0447\u0430\u044e.",
	"\u0433\u043e\u0440\u043e\u0434", "\u0440\u0435\u043a\u0430",
	"\u043f\u0438\u0441\u044c\u043c\u043e"
};

/* -p: one paragraph of one kind on one line, of about target bytes. */
static int
paragraph(const char *kind, size_t target)
{
	struct buf	 b;
	const char	*w;
	char		 d[4096];
	size_t		 written = 0, i, n;
	int		 k;

	memset(&b, 0, sizeof b);
	if (strcmp(kind, "digits") == 0 || strcmp(kind, "nul") == 0) {
		for (; written < target; written += n) {
			n = target - written < sizeof d ? target - written :
			    sizeof d;
			for (i = 0; i < n; i++)
				d[i] = kind[0] == 'n' ? '\0' :
				    (char)('0' + rnd(0, 9));
			fwrite(d, 1, n, stdout);
		}
	} else if (strcmp(kind, "english") == 0 ||
	    strcmp(kind, "cyrillic") == 0) {
		k = kind[0] == 'e';
		if (k)
			buf_add(&b, "LEDEBENCHFIRST ", 15);
		while (written + b.len + 20 < target) {
			w = k ? words[rnd(0, (int)NELEM(words) - 1)] :
			    ru_words[rnd(0, (int)NELEM(ru_words) - 1)];
			buf_add(&b, w, strlen(w));
			buf_add(&b, " ", 1);
			if (b.len >= 65536) {
				fwrite(b.s, 1, b.len, stdout);
				written += b.len;
				b.len = 0;
			}
		}
		if (k)
			buf_add(&b, "LEDEBENCHLAST", 13);
		fwrite(b.s, 1, b.len, stdout);
	} else {
		fprintf(stderr, "gen: unknown kind: %s\n", kind);
		return 2;
	}
	putchar('\n');
	free(b.s);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		perror("gen: write");
		return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct para	 p;
	char		*end;
	const char	*size = argv[argc - 1];
	unsigned long	 mb;
	size_t		 target, written = 0;
	int		 count = 0, next_heading, parts = 0, middle = 0;

	if (argc != 2 && !(argc == 4 && strcmp(argv[1], "-p") == 0)) {
		fputs("usage: gen SIZE_MB > file\n"
		    "       gen -p english|cyrillic|digits|nul SIZE_MB > file\n",
		    stderr);
		return 2;
	}
	errno = 0;
	mb = strtoul(size, &end, 10);
	if (*size == '\0' || *end != '\0' || errno != 0 || mb == 0 ||
	    mb > 100000) {
		fprintf(stderr, "gen: invalid size: %s\n", size);
		return 2;
	}
	target = (size_t)mb << 20;
	if (argc == 4)
		return paragraph(argv[2], target);
	memset(&p, 0, sizeof p);
	next_heading = rnd(17, 23);
	for (;;) {
		p.b.len = 0;
		p.col = 0;
		if (count == 0)
			english_para(&p, 1);
		else if (count == next_heading) {
			heading_para(&p, ++parts);
			next_heading = count + rnd(17, 23);
		} else if (rnd(0, 6) == 0)
			cjk_para(&p);
		else if (!middle && written >= target / 2) {
			english_para(&p, 3);
			middle = 1;
		} else
			english_para(&p, 0);
		buf_add(&p.b, "\n\n", 2);
		if (written + p.b.len + LAST_RESERVE > target && count > 0)
			break;
		fwrite(p.b.s, 1, p.b.len, stdout);
		written += p.b.len;
		count++;
	}
	p.b.len = 0;
	p.col = 0;
	english_para(&p, 2);
	buf_add(&p.b, "\n", 1);
	fwrite(p.b.s, 1, p.b.len, stdout);
	free(p.b.s);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		perror("gen: write");
		return 1;
	}
	return 0;
}
