/*
 * speaker.c: who said a quote, and whether it is a term. No UI here.
 *
 * Terms. A closed quote of one to three words (tokens of letters and
 * digits, joined by inner apostrophes and hyphens), with no speech verb
 * among the four words before it or the four after it in its sentence
 * (twelve if it ends with a comma: “…,” Tom Becker, president of ...,
 * told reporters),
 * is a term (“consensus”, “dual-track”): flag QUOTE_TERM, set when the
 * quote closes. Unclosed and continued quotes are never terms.
 *
 * Speakers (speaker_name). Speech verbs: say, said, says, told, tells,
 * added, asked, warned, stated, explained, noted, insisted, replied,
 * declared, announced, wrote, argued, claimed, stressed, tweeted, ...,
 * their -ing forms, and "according to". Looked for, in this order:
 *  1. after the quote, within its first twelve words, in the sentence:
 *     “…,” Wang said. / “…,” said Wang Dong. / “…,” he said.
 *  2. before the quote in its sentence, the nearest verb: Trump said “…”,
 *     Trump said Xi stated that “…” (Xi);
 *  3. in the next sentence of the same paragraph.
 * The first verb found decides. Its speaker is the name just before it
 * (a run of up to five capitalised words, skipping auxiliaries and -ly
 * adverbs like "has", "also", "merely", a parenthesis: "Wang Dong (王棟)
 * said", and an apposition between commas: "Trump, in Tokyo, said"),
 * else a name just after it ("said Wang Dong") when the
 * verb follows the quote or the name is followed by punctuation. For an
 * -ing verb with neither (", saying “…”"), the speaker is the subject of
 * the sentence: its first capitalised name followed by a lower-case
 * word in -ed or -s ("Xi repeated his plea ..., saying “…”"). If none of
 * this finds a name, there is no speaker (NULL): "the US leader ...,
 * warning that “…”" gives NULL, not a guess.
 * A pronoun (he, she, they) stands for the last person named before the
 * quote: the last name attributed to a speech verb (as above, pronouns
 * excepted) in the 64 KB before the quote. A name is given in the short
 * form the article uses: titles and leading all-capital words are dropped
 * ("US President Donald Trump"), then the last word of the name that
 * also appears alone near the quote ("Wang Dong" -> "Wang" when the
 * article says "Wang said"), else the name's last word. Capitalised words
 * that are not names (The, It, On, days, months, ...) are never names.
 * Names are looked for in scripts with case only.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "lede.h"

/*
 * Words and punctuation, for the speaker and term heuristics.
 */

#define TOK_WORD	0
#define TOK_PUNCT	1
#define TOK_PARA	2	/* a blank line */

struct tok {
	size_t		 off;
	size_t		 len;
	int		 kind;
	ucs4_t		 cp;	/* first code point */
};

struct toks {
	const uint8_t	*d;
	struct tok	*t;
	size_t		 n;
	size_t		 cap;
};

/* Append a token. */
static void
speaker_tok_add(struct toks *tk, size_t off, size_t len, int kind, ucs4_t cp)
{
	if (tk->n == tk->cap) {
		tk->cap = tk->cap == 0 ? 64 : tk->cap * 2;
		tk->t = xreallocarray(tk->t, tk->cap, sizeof(*tk->t));
	}
	tk->t[tk->n].off = off;
	tk->t[tk->n].len = len;
	tk->t[tk->n].kind = kind;
	tk->t[tk->n].cp = cp;
	tk->n++;
}

/* Is uc an apostrophe or hyphen that may join two parts of a word? */
static int
speaker_joiner(ucs4_t uc)
{
	return uc == '\'' || uc == 0x2019 || uc == '-' || uc == 0x2010 ||
	    uc == 0x2011;
}

/* Split [from, to) into tokens. */
static void
speaker_tokenize(struct toks *tk, const uint8_t *d, size_t from, size_t to)
{
	size_t	i = from, j, l;
	int	nl;
	ucs4_t	uc, uc2;

	tk->d = d;
	tk->n = 0;
	while (i < to) {
		if (text_is_eol(d[i]) || text_is_hspace(d[i])) {
			for (j = i, nl = 0; j < to &&
			    (text_is_eol(d[j]) || text_is_hspace(d[j])); j++)
				if (d[j] == '\n' ||
				    (d[j] == '\r' && (j + 1 >= to ||
				    d[j + 1] != '\n')))
					nl++;
			if (nl >= 2)
				speaker_tok_add(tk, i, j - i, TOK_PARA, '\n');
			i = j;
			continue;
		}
		if (d[i] < 0x80) {
			uc = d[i];
			l = 1;
		} else
			l = (size_t)u8_mbtouc(&uc, d + i, to - i);
		if (text_is_space(uc)) {
			i += l;
			continue;
		}
		if (!text_is_word(uc)) {
			speaker_tok_add(tk, i, l, TOK_PUNCT, uc);
			i += l;
			continue;
		}
		j = i + l;
		while (j < to) {
			if (d[j] < 0x80) {
				uc2 = d[j];
				l = 1;
			} else
				l = (size_t)u8_mbtouc(&uc2, d + j, to - j);
			if (text_is_word(uc2))
				j += l;
			else if (speaker_joiner(uc2) &&
			    text_is_word(text_next_cp(d, j + l, to)))
				j += l;
			else
				break;
		}
		speaker_tok_add(tk, i, j - i, TOK_WORD, uc);
		i = j;
	}
}

/* Is the token the word w? */
static int
speaker_tok_is(const struct toks *tk, size_t i, const char *w)
{
	const struct tok	*t = &tk->t[i];

	return t->kind == TOK_WORD && t->len == strlen(w) &&
	    memcmp(tk->d + t->off, w, t->len) == 0;
}

/* Is the token one of the words of the NULL-terminated list? */
static int
speaker_tok_in(const struct toks *tk, size_t i, const char *const *list)
{
	uint8_t	c = tk->d[tk->t[i].off];

	if (tk->t[i].kind != TOK_WORD)
		return 0;
	for (; *list != NULL; list++)
		if ((uint8_t)(*list)[0] == c && speaker_tok_is(tk, i, *list))
			return 1;
	return 0;
}

/* Speech verbs (and "according", which must be followed by "to"). */
static const char *const speaker_verbs[] = {
	"said", "says", "say", "told", "tells", "added", "adds", "asked",
	"asks", "warned", "warns", "stated", "explained", "explains",
	"noted", "notes", "insisted", "insists", "replied", "replies",
	"declared", "declares", "announced", "wrote", "writes", "argued",
	"argues", "claimed", "stressed", "stresses", "tweeted", "tweets",
	"recalled", "recalls", "remarked", "admitted", "acknowledged",
	"responded", "answered", "according", "According", "saying", "adding", "warning",
	"telling", "noting", "insisting", "arguing", "explaining", "stating",
	"asking", "declaring", "claiming", "stressing", "replying", "spoke",
	"speaks",
	/* German, French, Spanish: the forms news uses most. */
	"sagte", "sagt", "sagten", "erkl\303\244rte", "betonte", "meinte",
	"dit", "d\303\251clar\303\251", "affirm\303\251", "expliqu\303\251",
	"ajout\303\251", "d\303\251clare", "affirme", "explique", "ajoute",
	"dijo", "afirm\303\263", "explic\303\263", "declar\303\263",
	"a\303\261adi\303\263", "asegur\303\263", "se\303\261al\303\263",
	NULL
};

/* Words skipped between a subject and its verb ("Trump also said"). */
static const char *const speaker_aux[] = {
	"also", "has", "had", "have", "was", "were", "is", "are", "would",
	"will", "did", "does", "then", "later", "again", "once", "had",
	"not", "further", "still", NULL
};

/* Auxiliaries before a verb that comes before its subject ("a dit
 * Claire Martin", "hat gesagt"): not counted as words after a quote. */
static const char *const speaker_aux_inverted[] = {
	"a", "hat", "ha", NULL
};

/* Capitalised words that are not names. */
static const char *const speaker_stop[] = {
	"The", "A", "An", "It", "Its", "This", "That", "These", "Those",
	"There", "Here", "We", "I", "You", "But", "And", "Or", "So", "If",
	"As", "At", "On", "In", "For", "Of", "To", "By", "With", "From",
	"After", "Before", "When", "While", "Since", "Yet", "Asked", "Then",
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	"Sunday", "January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December",
	"Der", "Die", "Das", "Le", "La", "Les", "El", "Los", "Las",
	"He", "She", "They", "His", "Her", "Their", "MPs", "MP", "MEPs",
	"Asked", NULL
};

/* Last words of the names of bodies, kept whole (not "Office" for the
 * Home Office), and never what a pronoun stands for. */
static const char *const speaker_bodies[] = {
	"Office", "Association", "Concern", "Party", "Committee", "Council",
	"Ministry", "Department", "Commission", "Authority", "Agency",
	"Union", "Group", "Bank", "Court", "Police", "Service", "Institute",
	"Foundation", "Federation", "Organisation", "Organization",
	"Government", "Parliament", "Assembly", "Board", "News", "Times",
	"Post", "Press", "Prison", "University", "College", "School",
	"Company", "Corporation", "Inc", "Ltd", "Trust", "Fund", "Executive",
	"Watch", "Network", NULL
};

/* Titles dropped from the front of a name. */
static const char *const speaker_titles[] = {
	"Mr", "Mrs", "Ms", "Dr", "Prof", "President", "Vice", "Prime",
	"Minister", "Foreign", "Secretary", "General", "Chancellor",
	"Premier", "Senator", "Governor", "Mayor", "Ambassador", "Chairman",
	"Chairwoman", "King", "Queen", "Prince", "Princess", "Pope", "Sir",
	"Lord", "Lady", "Judge", "Justice", "Rep", "Sen", "Gen", "Gov",
	"Captain", "Chief", "Deputy", "Envoy", "Spokesman", "Spokeswoman",
	"Director", "Professor", "Leader", "Supreme", "State", "Shadow",
	"Home", "Culture", "Health", "Education", "Defence", "Trade",
	"Chancellor", "Lib", "Dem", "Tory", "Labour", "Conservative",
	"Liberal", "Democrat", "Democratic", "Republican", NULL
};

/* Pronouns that stand for the last person named. */
static const char *const speaker_pronouns[] = {
	"he", "she", "they", "He", "She", "They", NULL
};

/* Is the token a speech verb? */
static int
speaker_tok_verb(const struct toks *tk, size_t i)
{
	if (!speaker_tok_in(tk, i, speaker_verbs))
		return 0;
	if (speaker_tok_is(tk, i, "according") ||
	    speaker_tok_is(tk, i, "According"))
		return i + 1 < tk->n && speaker_tok_is(tk, i + 1, "to");
	return 1;
}

/* Does the token end a sentence (. ! ? not after an abbreviation)? */
static int
speaker_tok_stop(const struct toks *tk, size_t i)
{
	const struct tok	*t = &tk->t[i];
	static const char *const abbr[] = {
		"Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Gen", "Gov", "Sen",
		"Rep", "Prof", "Lt", "Col", "No", "vs", NULL
	};

	if (t->kind == TOK_PARA)
		return 1;
	if (t->kind != TOK_PUNCT || (t->cp != '.' && t->cp != '!' &&
	    t->cp != '?' && t->cp != 0x2026))
		return 0;
	if (t->cp == '.' && i > 0 && tk->t[i - 1].kind == TOK_WORD &&
	    tk->t[i - 1].off + tk->t[i - 1].len == t->off &&
	    (tk->t[i - 1].len == 1 || speaker_tok_in(tk, i - 1, abbr)))
		return 0;
	return 1;
}

/* Does the word start with a capital (and is not a possessive)? */
static int
speaker_tok_cap(const struct toks *tk, size_t i)
{
	const struct tok	*t = &tk->t[i];
	const uint8_t		*s = tk->d + t->off;

	if (t->kind != TOK_WORD || !(uc_is_property_uppercase(t->cp) ||
	    uc_is_property_titlecase(t->cp)))
		return 0;
	if (t->len >= 2 && s[t->len - 1] == 's' && s[t->len - 2] == '\'')
		return 0;
	if (t->len >= 4 && s[t->len - 1] == 's' &&
	    text_is_rsquo(s, t->len - 4, t->len))
		return 0;
	return 1;
}

/* Is the word all capitals ("US", "CCP")? */
static int
speaker_tok_allcaps(const struct toks *tk, size_t i)
{
	const struct tok	*t = &tk->t[i];
	size_t			 k;

	for (k = 0; k < t->len; k++)
		if (tk->d[t->off + k] < 'A' || tk->d[t->off + k] > 'Z')
			return 0;
	return 1;
}

/* The words [a, b] joined by spaces, titles and stop words dropped. */
static char *
speaker_words(const struct toks *tk, size_t a, size_t b)
{
	char	*s, *p;
	size_t	 k, n = 0;

	while (a <= b && (speaker_tok_in(tk, a, speaker_titles) ||
	    speaker_tok_in(tk, a, speaker_stop) || (a < b &&
	    speaker_tok_allcaps(tk, a))))
		a++;
	if (a > b)
		return NULL;
	for (k = a; k <= b; k++) {
		if (speaker_tok_in(tk, k, speaker_stop))
			return NULL;
		n += tk->t[k].len + 1;
	}
	p = s = xmalloc(n);
	for (k = a; k <= b; k++) {
		if (k > a)
			*p++ = ' ';
		memcpy(p, tk->d + tk->t[k].off, tk->t[k].len);
		p += tk->t[k].len;
	}
	*p = '\0';
	return s;
}

/* Is the token a -ly adverb ("merely")? */
static int
speaker_tok_adverb(const struct toks *tk, size_t i)
{
	const struct tok	*t = &tk->t[i];

	return t->kind == TOK_WORD && t->len > 3 && !speaker_tok_cap(tk, i) &&
	    memcmp(tk->d + t->off + t->len - 2, "ly", 2) == 0;
}

/*
 * An apposition [as, ae) that is a name alone: "The mayor, Angela
 * Okafor, said". NULL if it is not (or there is none).
 */
static char *
speaker_apposition(const struct toks *tk, size_t as, size_t ae)
{
	size_t	k;

	if (ae <= as || ae - as > 5)
		return NULL;
	for (k = as; k < ae; k++)
		if (!speaker_tok_cap(tk, k))
			return NULL;
	return speaker_words(tk, as, ae - 1);
}

/*
 * The subject just before the verb at v, not before token lo: a name, or
 * a pronoun (*pron set).
 */
static char *
speaker_name_before(const struct toks *tk, size_t lo, size_t v, int *pron)
{
	size_t	i = v, j, k, as = 0, ae = 0;
	int	depth;

	*pron = 0;
	while (i > lo && (speaker_tok_in(tk, i - 1, speaker_aux) ||
	    speaker_tok_adverb(tk, i - 1)))
		i--;
	/* An apposition: "Trump, speaking in Tokyo, said". */
	if (i > lo + 1 && tk->t[i - 1].kind == TOK_PUNCT &&
	    tk->t[i - 1].cp == ',') {
		for (k = i - 1; k > lo && i - k < 16; k--) {
			if (tk->t[k - 1].kind == TOK_PUNCT &&
			    tk->t[k - 1].cp == ',')
				break;
			if (tk->t[k - 1].kind == TOK_PARA ||
			    speaker_tok_stop(tk, k - 1) ||
			    uc_is_general_category_withtable(tk->t[k - 1].cp,
			    UC_CATEGORY_MASK_Pi | UC_CATEGORY_MASK_Pf) ||
			    tk->t[k - 1].cp == '"')
				return NULL;
		}
		if (k == lo || i - k >= 16)
			return NULL;
		as = k;			/* the apposition: [as, ae) */
		ae = i - 1;
		i = k - 1;
	}
	if (i > lo && tk->t[i - 1].kind == TOK_PUNCT && tk->t[i - 1].cp == ')') {
		for (depth = 0; i > lo; i--) {
			if (tk->t[i - 1].kind != TOK_PUNCT)
				continue;
			if (tk->t[i - 1].cp == ')')
				depth++;
			else if (tk->t[i - 1].cp == '(' && --depth == 0)
				break;
		}
		if (i == lo)
			return NULL;
		i--;
	}
	if (i == lo || tk->t[i - 1].kind != TOK_WORD)
		return speaker_apposition(tk, as, ae);
	if (speaker_tok_in(tk, i - 1, speaker_pronouns)) {
		*pron = 1;
		return xstrdup("he");
	}
	for (j = i; j > lo && i - j < 5 && speaker_tok_cap(tk, j - 1); j--)
		continue;
	if (j == i)
		return speaker_apposition(tk, as, ae);
	return speaker_words(tk, j, i - 1);
}

/*
 * The name just after the verb at v, before token hi. Strict: the name
 * must be followed by punctuation or nothing ("said Wang Dong (王棟),").
 */
static char *
speaker_name_after(const struct toks *tk, size_t v, size_t hi, int strict,
    int *pron)
{
	size_t	i = v + 1, j;

	*pron = 0;
	if (speaker_tok_is(tk, v, "according") ||
	    speaker_tok_is(tk, v, "According"))
		i++;
	/* "He told MPs": after told, the ones told. */
	if (i >= hi || speaker_tok_is(tk, v, "told") || speaker_tok_is(tk, v,
	    "tells") || speaker_tok_is(tk, v, "telling"))
		return NULL;
	if (!strict && speaker_tok_in(tk, i, speaker_pronouns)) {
		*pron = 1;
		return xstrdup("he");
	}
	for (j = i; j < hi && j - i < 5 && speaker_tok_cap(tk, j); j++)
		continue;
	if (j == i || (strict && j < hi && tk->t[j].kind == TOK_WORD))
		return NULL;
	return speaker_words(tk, i, j - 1);
}

/*
 * The subject of the sentence [lo, v): its first name followed by a
 * lower-case word in -ed or -s, or by a speech verb.
 */
static char *
speaker_subject(const struct toks *tk, size_t lo, size_t v)
{
	const struct tok	*t;
	size_t			 i, j;
	char			*s;

	for (i = lo; i < v; i = j + 1) {
		for (j = i; j < v && j - i < 5 && speaker_tok_cap(tk, j) &&
		    !speaker_tok_in(tk, j, speaker_stop); j++)
			continue;
		if (j == i || j >= v)
			continue;
		t = &tk->t[j];
		if (t->kind != TOK_WORD || speaker_tok_cap(tk, j))
			continue;
		if (speaker_tok_verb(tk, j) || (t->len > 3 &&
		    (memcmp(tk->d + t->off + t->len - 2, "ed", 2) == 0 ||
		    tk->d[t->off + t->len - 1] == 's'))) {
			if ((s = speaker_words(tk, i, j - 1)) != NULL)
				return s;
		}
	}
	return NULL;
}

/*
 * The subject of the sentence that ends at token hs, in the paragraph:
 * its first name followed by a verb (speaker_subject); NULL if none.
 */
static char *
speaker_before_sentence(const struct toks *tk, size_t hs)
{
	size_t	 ps;
	char	*s;

	if (hs == 0 || tk->t[hs - 1].kind == TOK_PARA)
		return NULL;

	for (ps = hs - 1; ps > 0 && !speaker_tok_stop(tk, ps - 1) &&
	    tk->t[ps - 1].kind != TOK_PARA; ps--)
		continue;
	/* A person: two words at least (not "China", "The council"). */
	if ((s = speaker_subject(tk, ps, hs - 1)) != NULL &&
	    strchr(s, ' ') == NULL) {
		free(s);
		s = NULL;
	}
	return s;
}

/*
 * Is the quote Chinese or Japanese speech, which has no words to count:
 * more than six CJK characters, or ending a sentence inside (。！？), or
 * after a colon (表示：“…”), or before the quotative と (「…」と述べた)?
 */
static int
speaker_cjk_speech(const uint8_t *d, size_t lo, size_t hi,
    const struct quote *q)
{
	size_t	i = q->start, nw = 0;
	ucs4_t	uc, last = 0, prev;
	int	n;

	while (i < q->end) {
		if ((n = u8_mbtouc(&uc, d + i, q->end - i)) < 1)
			n = 1;
		if (uc >= 0x2e80 && (uprop(uc) & UP_NOSPACE)) {
			nw++;
			if (uc_is_general_category(uc, UC_CATEGORY_L))
				last = uc;
			else if (uc == 0x3002 || uc == 0xff01 || uc == 0xff1f)
				last = uc;
		}
		i += (size_t)n;
	}
	if (nw == 0)
		return 0;
	/* Six characters, and the marks (wide too). */
	if (nw > 8 || last == 0x3002 || last == 0xff01 || last == 0xff1f)
		return 1;
	for (i = q->start; i > lo && text_is_hspace(d[i - 1]); i--)
		continue;
	prev = text_prev_cp(d, lo, i);
	if (prev == 0xff1a || prev == ':')
		return 1;
	for (i = q->end; i < hi && text_is_hspace(d[i]); i++)
		continue;
	return text_next_cp(d, i, hi) == 0x3068;	/* と */
}

/* Is the quote a term (see the top comment)? Looks only in [lo, hi). */
int
speaker_is_term(const uint8_t *d, size_t lo, size_t hi, const struct quote *q)
{
	struct toks	 tk;
	size_t		 i, words, after;
	int		 term = 0;

	if (q->flags & (QUOTE_UNCLOSED | QUOTE_CONTINUED) ||
	    q->end - q->start > 256 || speaker_cjk_speech(d, lo, hi, q))
		return 0;
	/* Quick reject: four space-separated runs with a letter or digit. */
	for (i = q->start, words = 0; i < q->end; ) {
		while (i < q->end && (text_is_hspace(d[i]) ||
		    text_is_eol(d[i])))
			i++;
		for (term = 0; i < q->end && !text_is_hspace(d[i]) &&
		    !text_is_eol(d[i]); i++)
			if (d[i] < 0x80 && text_is_word(d[i]))
				term = 1;
		if (term && ++words > 3)
			return 0;
	}
	term = 0;
	memset(&tk, 0, sizeof(tk));
	speaker_tokenize(&tk, d, q->start, q->end);
	for (i = words = 0; i < tk.n; i++)
		if (tk.t[i].kind == TOK_WORD)
			words++;
	if (words < 1 || words > 3)
		goto out;
	speaker_tokenize(&tk, d, text_window_lo(d, lo, q->start, 96),
	    q->start);
	for (i = tk.n, words = 0; i > 0 && words < 4; i--) {
		if (speaker_tok_stop(&tk, i - 1))
			break;
		if (tk.t[i - 1].kind != TOK_WORD)
			continue;
		words++;
		if (speaker_tok_verb(&tk, i - 1))
			goto out;
	}
	/* After it: four words, or, after a comma inside it (“…,” Tom
	 * Becker, president of ..., told reporters), twelve. */
	for (i = q->end - 1; i > q->start && (d[i] & 0xc0) == 0x80; i--)
		continue;
	after = text_prev_cp(d, q->start, i) == ',' ? 12 : 4;
	speaker_tokenize(&tk, d, q->end, text_window_hi(d, hi, q->end, 256));
	for (i = words = 0; i < tk.n && words < after; i++) {
		if (speaker_tok_stop(&tk, i))
			break;
		if (tk.t[i].kind != TOK_WORD)
			continue;
		words++;
		if (speaker_tok_verb(&tk, i))
			goto out;
	}
	term = 1;
out:
	free(tk.t);
	return term;
}

/* Is the name that of a body (its last word: Office, Council, ...)? */
static int
speaker_is_body(const char *name)
{
	const char	*w = strrchr(name, ' ');
	size_t		 i;

	w = w != NULL ? w + 1 : name;
	for (i = 0; speaker_bodies[i] != NULL; i++)
		if (strcmp(w, speaker_bodies[i]) == 0)
			return 1;
	return 0;
}

/*
 * The last person named before p: the last non-pronoun name attributed
 * to a speech verb in the 64 KB before it.
 */
static char *
speaker_last_person(const struct doc *doc, size_t p)
{
	struct toks	 tk;
	char		*best = NULL, *s;
	size_t		 i, at = 0, where;
	int		 pron;

	memset(&tk, 0, sizeof(tk));
	speaker_tokenize(&tk, doc->data, text_window_lo(doc->data, 0, p,
	    65536), p);
	for (i = 0; i < tk.n; i++) {
		if (!speaker_tok_verb(&tk, i))
			continue;
		where = tk.t[i].off;
		s = speaker_name_before(&tk, 0, i, &pron);
		if (s == NULL || pron) {
			free(s);
			s = speaker_name_after(&tk, i, tk.n, 1, &pron);
			where = tk.t[i].off + 1;
		}
		if (s == NULL || pron || speaker_is_body(s)) {
			free(s);
			continue;
		}
		if (best == NULL || where >= at) {
			free(best);
			best = s;
			at = where;
		} else
			free(s);
	}
	free(tk.t);
	return best;
}

/* Does the word w[0, n) occur near p on its own, not as part of name? */
static int
speaker_alone(const struct doc *doc, size_t p, const char *name,
    const char *w, size_t n)
{
	const uint8_t	*d = doc->data;
	size_t		 lo = text_window_lo(d, 0, p, 65536);
	size_t		 hi = text_window_hi(d, doc->len, p, 65536);
	const uint8_t	*s;
	size_t		 i, wo = (size_t)(w - name), nl = strlen(name);

	for (i = lo; i + n <= hi; i = (size_t)(s - d) + 1) {
		s = memmem(d + i, hi - i, w, n);
		if (s == NULL)
			return 0;
		if (text_is_word(text_prev_cp(d, lo, (size_t)(s - d))) ||
		    text_is_word(text_next_cp(d, (size_t)(s - d) + n, hi)))
			continue;
		/* Part of another name ("Sir John Bourn" for John)? */
		if ((size_t)(s - d) + n + 1 < hi && s[n] == ' ' &&
		    uc_is_property_uppercase(text_next_cp(d, (size_t)(s - d) +
		    n + 1, hi)))
			continue;
		/* Part of the full name? */
		if ((size_t)(s - d) >= lo + wo && (size_t)(s - d) - wo + nl <= hi &&
		    memcmp(s - wo, name, nl) == 0)
			continue;
		return 1;
	}
	return 0;
}

/* The short form of a name that the article uses near p. */
static char *
speaker_short(const struct doc *doc, size_t p, char *name)
{
	char	*w, *e, *r;
	size_t	 n;

	if (strchr(name, ' ') == NULL || speaker_is_body(name))
		return name;
	/* The last word used alone, else the last word. */
	e = name + strlen(name);
	for (;;) {
		for (w = e; w > name && w[-1] != ' '; w--)
			continue;
		if (speaker_alone(doc, p, name, w, (size_t)(e - w)))
			break;
		if (w == name) {
			e = name + strlen(name);
			w = strrchr(name, ' ') + 1;
			break;
		}
		e = w - 1;
	}
	n = (size_t)(e - w);
	r = xmalloc(n + 1);
	memcpy(r, w, n);
	r[n] = '\0';
	free(name);
	return r;
}

/* Who said the quote; see the top comment and lede.h. */
char *
speaker_name(const struct doc *doc, const struct quote *q, int *term)
{
	struct toks	 head, tail;
	const uint8_t	*d = doc->data;
	size_t		 i, hs, te, ns, ne, words;
	ucs4_t		 last;
	char		*name = NULL;
	int		 found = 0, pron = 0, ended;

	if (term != NULL)
		*term = 0;
	if ((q->flags & QUOTE_TERM) || speaker_is_term(d, 0, doc->len, q)) {
		if (term != NULL)
			*term = 1;
		return NULL;
	}
	memset(&head, 0, sizeof(head));
	memset(&tail, 0, sizeof(tail));
	speaker_tokenize(&head, d, text_window_lo(d, 0, q->start, 4096),
	    q->start);
	speaker_tokenize(&tail, d, q->end, text_window_hi(d, doc->len, q->end,
	    4096));
	for (i = 0; i < tail.n; i++)
		if (tail.t[i].kind == TOK_PARA)
			break;
	tail.n = i;
	for (hs = head.n; hs > 0 && !speaker_tok_stop(&head, hs - 1); hs--)
		continue;

	/* Did the quote end its sentence (“… out.” New sentence)? */
	last = TEXT_NONE;
	if (!(q->flags & QUOTE_UNCLOSED) && q->end > q->start + 1) {
		for (i = q->end - 1; i > q->start && (d[i] & 0xc0) == 0x80; i--)
			continue;
		last = text_prev_cp(d, q->start, i);
	}
	ended = (last == '.' || last == '!' || last == '?' ||
	    last == 0x2026) && (tail.n == 0 || speaker_tok_cap(&tail, 0) ||
	    tail.t[0].kind == TOK_PUNCT);
	if (ended)
		te = 0;
	else
		for (te = 0; te < tail.n && !speaker_tok_stop(&tail, te); te++)
			continue;

	/* 1. A verb just after the quote (auxiliaries not counted: "a
	 * dit Claire Martin"). */
	for (i = words = 0; i < te && words < 12 && !found; i++) {
		if (tail.t[i].kind != TOK_WORD || speaker_tok_in(&tail, i,
		    speaker_aux_inverted))
			continue;
		if (speaker_tok_verb(&tail, i)) {
			found = 1;
			if (words == 0)
				name = speaker_name_after(&tail, i, te, 0, &pron);
			else
				name = speaker_name_before(&tail, 0, i, &pron);
		}
		words++;
	}
	/* 2. The nearest verb before it in its sentence. */
	for (i = head.n; i > hs && !found; i--) {
		if (!speaker_tok_verb(&head, i - 1))
			continue;
		found = 1;
		name = speaker_name_before(&head, hs, i - 1, &pron);
		if (name == NULL)
			name = speaker_name_after(&head, i - 1, head.n, 1, &pron);
		if (name == NULL && head.t[i - 1].len > 3 &&
		    memcmp(d + head.t[i - 1].off + head.t[i - 1].len - 3,
		    "ing", 3) == 0)
			name = speaker_subject(&head, hs, i - 1);
	}
	/* 3. The next sentence. */
	ns = ended ? 0 : te + 1;
	for (ne = ns; ne < tail.n && !speaker_tok_stop(&tail, ne); ne++)
		continue;
	for (i = ns; i < ne && !found; i++) {
		if (!speaker_tok_verb(&tail, i))
			continue;
		found = 1;
		name = speaker_name_before(&tail, ns, i, &pron);
		if (name == NULL)
			name = speaker_name_after(&tail, i, ne, 1, &pron);
	}
	/* A pronoun: the person the sentence before is about ("Senator
	 * Warren pressed him. “…,” she said."), else the last named with a
	 * speech verb. */
	if (name != NULL && pron) {
		free(name);
		name = speaker_before_sentence(&head, hs);
		if (name == NULL)
			name = speaker_last_person(doc, q->start);
	}
	free(head.t);
	free(tail.t);
	if (name != NULL)
		name = speaker_short(doc, q->start, name);
	return name;
}
