/*
 * reader.c: reader mode, the article of a web page and what is said of
 * it: its title, byline, date, site and language.
 *
 * The article is found as reader views find it: every paragraph of
 * enough text scores for the elements around it (its parent fully, its
 * grandparent half, the one above a third): one point, one for each
 * comma, one for each hundred columns of text, up to three. An element's
 * own class and id add or take away (an "article-body" is likely, a
 * "share-bar" or "comments" is not), and its score is cut by the share
 * of its text that is links. The best element is the article, with
 * those of its siblings that score near it or are paragraphs of prose.
 * Navigation, asides, footers, forms, hidden nodes and whatever is named
 * like boilerplate are never looked into, unless that leaves no article
 * or a short one: then names are doubted, and tags and roles alone rule
 * out (a second look, as Readability retries). Text is measured in
 * columns, so that a Chinese paragraph weighs what its English
 * translation does.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistr.h>

#include "lede.h"
#include "html.h"

#define READER_MIN_TEXT	25	/* columns a paragraph needs to score */
#define READER_MIN_ARTICLE 140	/* columns below which names are doubted */
#define READER_LEVELS	3	/* ancestors a paragraph scores for */

struct score {
	const GumboNode	*node;
	double		 score;
};
struct scores {
	struct score	*v;
	size_t		 cap;		/* a power of two */
	size_t		 n;
};

struct textstat {
	size_t		 len;		/* columns of text */
	size_t		 links;		/* of them in links */
	size_t		 commas;
	int		 sentence;	/* has ". " or an ideographic stop */
};

/*
 * Words in class names and ids that say what an element is: unlikely
 * (never looked into, unless a likely word is there too: "ad" in
 * "non-ad-column" is not), bad (scores less) and good (scores more).
 */
static const char *const reader_unlikely[] = {
	"banner", "breadcrumb", "breadcrumbs", "comment", "comments",
	"consent", "cookie", "cookies", "disqus", "footer", "masthead",
	"menu", "modal", "nav", "navbar", "navigation", "newsletter",
	"outbrain", "pager", "pagination", "popup", "related", "share",
	"sharing", "sidebar", "signup", "skip", "social", "sponsor",
	"sponsored", "subscribe", "subscription", "taboola",
};
static const char *const reader_bad[] = {
	"ad", "ads", "advert", "advertisement", "aside", "copyright",
	"footnotes", "header", "hidden", "login", "promo", "recommended",
	"tags", "toolbar", "widget",
};
static const char *const reader_good[] = {
	"article", "body", "column", "content", "entry", "hentry", "main",
	"page", "post", "prose", "story", "text", "blog",
};
#define READER_N(a)	(sizeof a / sizeof a[0])

/* A set of elements, by address (open addressing). */
struct nodeset {
	const GumboNode	**v;
	size_t		  cap;		/* a power of two */
	size_t		  n;
};

/* Elements that hold the article (<article>, <main>, an articleBody, or
 * an ancestor of one): never taken for boilerplate. Made by
 * reader_article() for the walk after it. And the lists whose text was
 * read (reader_text), of them those mostly links: each judged once. */
static struct nodeset	reader_holders, reader_judged, reader_linky;

/* Is any word of s (split at what is not a letter or digit) in list? */
static int
reader_words(const char *s, const char *const *list, size_t n)
{
	const char	*p = s, *e;
	size_t		 i, k;

	while (s != NULL && *p != '\0') {
		while (*p != '\0' && !((*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
			p++;
		for (e = p; (*e >= 'a' && *e <= 'z') || (*e >= 'A' &&
		    *e <= 'Z') || (*e >= '0' && *e <= '9'); e++)
			;
		k = (size_t)(e - p);
		for (i = 0; k > 0 && i < n; i++)
			if (strlen(list[i]) == k && strncasecmp(p, list[i],
			    k) == 0)
				return 1;
		p = e;
	}
	return 0;
}

/* An attribute's value, or NULL. */
static const char *
reader_attr(const GumboNode *n, const char *name)
{
	GumboAttribute	*a;

	if (n->type != GUMBO_NODE_ELEMENT)
		return NULL;
	a = gumbo_get_attribute(&n->v.element.attributes, name);
	return a != NULL ? a->value : NULL;
}

/*
 * A second look, when the first found no article or a short one: names
 * do not rule elements out (a page whose every wrapper is named like
 * navigation, "blq-int-nav"); tags and roles still do.
 */
static int	reader_lenient;

/* What the element's class and id say: +25 likely, -25 not, 0. */
static int
reader_weight(const GumboNode *n)
{
	const char	*v[2];
	int		 i, w = 0;

	v[0] = reader_attr(n, "class");
	v[1] = reader_attr(n, "id");
	for (i = 0; i < 2; i++) {
		if (v[i] == NULL)
			continue;
		if (reader_words(v[i], reader_bad, READER_N(reader_bad)) ||
		    reader_words(v[i], reader_unlikely,
		    READER_N(reader_unlikely)))
			w -= 25;
		if (reader_words(v[i], reader_good, READER_N(reader_good)))
			w += 25;
	}
	return w;
}

/* Is the node not shown (hidden, aria-hidden, display:none)? */
int
reader_is_hidden(const GumboNode *n)
{
	const char	*s;

	if (n->type != GUMBO_NODE_ELEMENT)
		return 0;
	if (reader_attr(n, "hidden") != NULL)
		return 1;
	if ((s = reader_attr(n, "aria-hidden")) != NULL &&
	    strcasecmp(s, "true") == 0)
		return 1;
	if ((s = reader_attr(n, "style")) != NULL &&
	    (strstr(s, "display:none") != NULL ||
	    strstr(s, "display: none") != NULL ||
	    strstr(s, "visibility:hidden") != NULL ||
	    strstr(s, "visibility: hidden") != NULL))
		return 1;
	return 0;
}

/* The slot of n in the set. */
static size_t
reader_slot_of(const struct nodeset *set, const GumboNode *n)
{
	size_t	i = (((uintptr_t)n >> 4) * 2654435761u) & (set->cap - 1);

	while (set->v[i] != NULL && set->v[i] != n)
		i = (i + 1) & (set->cap - 1);
	return i;
}

static int
reader_in(const struct nodeset *set, const GumboNode *n)
{
	return set->cap > 0 && set->v[reader_slot_of(set, n)] == n;
}

static void
reader_add(struct nodeset *set, const GumboNode *n)
{
	const GumboNode	**old;
	size_t		  i, cap;

	if (reader_in(set, n))
		return;
	if ((set->n + 1) * 2 > set->cap) {
		old = set->v;
		cap = set->cap;
		set->cap = cap ? cap * 2 : 64;
		set->v = xcalloc(set->cap, sizeof *set->v);
		for (i = 0; i < cap; i++)
			if (old[i] != NULL)
				set->v[reader_slot_of(set, old[i])] = old[i];
		free(old);
	}
	set->v[reader_slot_of(set, n)] = n;
	set->n++;
}

static void
reader_set_free(struct nodeset *set)
{
	free(set->v);
	memset(set, 0, sizeof *set);
}

/* Does n hold the article (see reader_holders)? */
static int
reader_holds(const GumboNode *n)
{
	return reader_in(&reader_holders, n);
}

/* n is an article: it and its ancestors hold it. */
static void
reader_hold(const GumboNode *n)
{
	for (; n != NULL && !reader_holds(n); n = n->parent)
		reader_add(&reader_holders, n);
}

/*
 * Is the element never part of an article: navigation, an aside, what
 * its role or its name says is boilerplate, and holds no article? Inside
 * the article (strict), a box whose name is only a bad one ("ad-slot",
 * "promo") is left out too; around it, such a name may be a wrapper's.
 */
int
reader_is_boilerplate(const GumboNode *n, int strict)
{
	const char	*role, *v[2];
	int		 i;

	if (n->type != GUMBO_NODE_ELEMENT || reader_holds(n))
		return 0;
	switch (n->v.element.tag) {
	case GUMBO_TAG_NAV:
	case GUMBO_TAG_ASIDE:
	case GUMBO_TAG_FOOTER:
	case GUMBO_TAG_BUTTON:
	case GUMBO_TAG_SELECT:
	case GUMBO_TAG_INPUT:
	case GUMBO_TAG_TEXTAREA:
	case GUMBO_TAG_IFRAME:
	case GUMBO_TAG_HEADER:
	case GUMBO_TAG_MENU:
		return 1;
	case GUMBO_TAG_BODY:
	case GUMBO_TAG_HTML:
		return 0;
	default:
		break;
	}
	if ((role = reader_attr(n, "role")) != NULL &&
	    (strcmp(role, "navigation") == 0 || strcmp(role, "banner") == 0 ||
	    strcmp(role, "complementary") == 0 || strcmp(role, "dialog") ==
	    0 || strcmp(role, "contentinfo") == 0 || strcmp(role, "menu") ==
	    0))
		return 1;
	if (reader_lenient)
		return 0;
	v[0] = reader_attr(n, "class");
	v[1] = reader_attr(n, "id");
	for (i = 0; i < 2; i++)
		if (v[i] != NULL && (reader_words(v[i], reader_unlikely,
		    READER_N(reader_unlikely)) || (strict &&
		    reader_words(v[i], reader_bad, READER_N(reader_bad)))) &&
		    !reader_words(v[i], reader_good, READER_N(reader_good)))
			return 1;
	return 0;
}

/* Is the element's content not shown as text at all? */
static int
reader_is_void(const GumboNode *n)
{
	switch (n->v.element.tag) {
	case GUMBO_TAG_SCRIPT:
	case GUMBO_TAG_STYLE:
	case GUMBO_TAG_NOSCRIPT:
	case GUMBO_TAG_TEMPLATE:
	case GUMBO_TAG_HEAD:
	case GUMBO_TAG_SVG:
	case GUMBO_TAG_MATH:
	case GUMBO_TAG_CANVAS:
	case GUMBO_TAG_OBJECT:
	case GUMBO_TAG_VIDEO:
	case GUMBO_TAG_AUDIO:
		return 1;
	default:
		return 0;
	}
}

/* Is n a list (ul, ol, dl)? */
static int
reader_is_list(const GumboNode *n)
{
	return n->type == GUMBO_NODE_ELEMENT && (n->v.element.tag ==
	    GUMBO_TAG_UL || n->v.element.tag == GUMBO_TAG_OL ||
	    n->v.element.tag == GUMBO_TAG_DL);
}

/* Add the text of n to st (its links to st->links if in a link). */
static void
reader_text(const GumboNode *n, int link, struct textstat *st)
{
	struct textstat	 own;
	const uint8_t	*p, *end;
	ucs4_t		 uc;
	size_t		 i, w;
	int		 k;

	if (n->type == GUMBO_NODE_TEXT) {
		p = (const uint8_t *)n->v.text.text;
		end = p + strlen(n->v.text.text);
		for (w = 0; p < end; p += k) {
			k = u8_mbtouc(&uc, p, (size_t)(end - p));
			if (uc == ',' || uc == 0x3001 || uc == 0xff0c)
				st->commas++;
			if ((uc == '.' && p + 1 < end && p[1] == ' ') ||
			    uc == 0x3002)
				st->sentence = 1;
			w += uc >= 0x1100 ? (size_t)width_cp(uc) : 1;
		}
		st->len += w;
		if (link)
			st->links += w;
		return;
	}
	if (n->type != GUMBO_NODE_ELEMENT || reader_is_void(n) ||
	    reader_is_hidden(n))
		return;
	if (n->v.element.tag == GUMBO_TAG_A)
		link = 1;
	if (!link && reader_is_list(n) && !reader_in(&reader_judged, n)) {
		/* A list read for the first time: judged on its own text,
		 * and the lists in it on theirs, in this one pass. */
		memset(&own, 0, sizeof own);
		for (i = 0; i < n->v.element.children.length; i++)
			reader_text(n->v.element.children.data[i], 0, &own);
		reader_add(&reader_judged, n);
		if (own.len > 0 && own.links * 2 > own.len && own.commas < 10)
			reader_add(&reader_linky, n);
		st->len += own.len;
		st->links += own.links;
		st->commas += own.commas;
		st->sentence |= own.sentence;
		return;
	}
	for (i = 0; i < n->v.element.children.length; i++)
		reader_text(n->v.element.children.data[i], link, st);
}

/*
 * Is the element, inside an article, a list of links rather than text
 * (tags, "related stories", a share list): a list more than half links
 * and of few commas, as Readability cleans lists out. Judged as its
 * text is read (reader_text), once: nested lists cost one pass.
 */
int
reader_is_link_list(const GumboNode *n)
{
	struct textstat	 st;

	if (!reader_is_list(n))
		return 0;
	if (!reader_in(&reader_judged, n)) {
		memset(&st, 0, sizeof st);
		reader_text(n, 0, &st);
	}
	return reader_in(&reader_linky, n);
}

/* The score slot of a node (made with its tag's and name's base). */
static struct score *
reader_slot(struct scores *s, const GumboNode *n)
{
	size_t	i, h;
	double	base = 0;

	if ((s->n + 1) * 2 > s->cap) {
		struct scores	 t = { NULL, s->cap ? s->cap * 2 : 256, 0 };

		t.v = xcalloc(t.cap, sizeof *t.v);
		for (i = 0; i < s->cap; i++)
			if (s->v[i].node != NULL)
				*reader_slot(&t, s->v[i].node) = s->v[i];
		free(s->v);
		*s = t;
	}
	h = ((uintptr_t)n >> 4) * 2654435761u;
	for (i = h & (s->cap - 1); s->v[i].node != NULL && s->v[i].node != n;
	    i = (i + 1) & (s->cap - 1))
		;
	if (s->v[i].node == NULL) {
		switch (n->v.element.tag) {
		case GUMBO_TAG_DIV:
		case GUMBO_TAG_ARTICLE:
		case GUMBO_TAG_MAIN:
			base = 5;
			break;
		case GUMBO_TAG_PRE:
		case GUMBO_TAG_TD:
		case GUMBO_TAG_BLOCKQUOTE:
			base = 3;
			break;
		case GUMBO_TAG_OL:
		case GUMBO_TAG_UL:
		case GUMBO_TAG_DL:
		case GUMBO_TAG_LI:
		case GUMBO_TAG_FORM:
			base = -3;
			break;
		case GUMBO_TAG_TH:
		case GUMBO_TAG_H1:
		case GUMBO_TAG_H2:
		case GUMBO_TAG_H3:
		case GUMBO_TAG_H4:
		case GUMBO_TAG_H5:
		case GUMBO_TAG_H6:
			base = -5;
			break;
		default:
			break;
		}
		s->v[i].node = n;
		s->v[i].score = base + reader_weight(n);
		s->n++;
	}
	return &s->v[i];
}

/* Does the element hold a block (so that it is not a paragraph)? */
static int
reader_has_block(const GumboNode *n)
{
	const GumboNode	*c;
	size_t		 i;

	for (i = 0; i < n->v.element.children.length; i++) {
		c = n->v.element.children.data[i];
		if (c->type != GUMBO_NODE_ELEMENT)
			continue;
		switch (c->v.element.tag) {
		case GUMBO_TAG_P:
		case GUMBO_TAG_DIV:
		case GUMBO_TAG_TABLE:
		case GUMBO_TAG_UL:
		case GUMBO_TAG_OL:
		case GUMBO_TAG_PRE:
		case GUMBO_TAG_BLOCKQUOTE:
		case GUMBO_TAG_SECTION:
		case GUMBO_TAG_ARTICLE:
		case GUMBO_TAG_H1:
		case GUMBO_TAG_H2:
		case GUMBO_TAG_H3:
		case GUMBO_TAG_H4:
		case GUMBO_TAG_FIGURE:
			return 1;
		default:
			break;
		}
	}
	return 0;
}

/* Score the paragraphs under n for their ancestors. */
static void
reader_score(const GumboNode *n, struct scores *s)
{
	struct textstat	 st;
	const GumboNode	*a;
	double		 sc;
	size_t		 i;
	int		 level, para;

	if (n->type != GUMBO_NODE_ELEMENT || reader_is_void(n) ||
	    reader_is_hidden(n) || reader_is_boilerplate(n, 0))
		return;
	switch (n->v.element.tag) {
	case GUMBO_TAG_P:
	case GUMBO_TAG_PRE:
	case GUMBO_TAG_TD:
		para = 1;
		break;
	case GUMBO_TAG_DIV:
	case GUMBO_TAG_SECTION:
		para = !reader_has_block(n);
		break;
	default:
		para = 0;
		break;
	}
	if (para) {
		memset(&st, 0, sizeof st);
		reader_text(n, 0, &st);
		if (st.len >= READER_MIN_TEXT) {
			sc = 1 + (double)st.commas + (st.len / 100 < 3 ?
			    (double)(st.len / 100) : 3);
			for (a = n->parent, level = 0; a != NULL && level <
			    READER_LEVELS && a->type == GUMBO_NODE_ELEMENT;
			    a = a->parent, level++)
				reader_slot(s, a)->score += sc / (level == 0 ?
				    1 : level * 2);
		}
		if (n->v.element.tag != GUMBO_TAG_DIV &&
		    n->v.element.tag != GUMBO_TAG_SECTION)
			return;
	}
	for (i = 0; i < n->v.element.children.length; i++)
		reader_score(n->v.element.children.data[i], s);
}

/* The share of the element's text in links. */
static double
reader_link_density(const GumboNode *n, struct textstat *st)
{
	memset(st, 0, sizeof *st);
	reader_text(n, 0, st);
	return st->len > 0 ? (double)st->links / (double)st->len : 0;
}

/* The first element of tag under n, or NULL. */
static GumboNode *
reader_find(GumboNode *n, GumboTag tag)
{
	GumboNode	*r;
	size_t		 i;

	if (n->type != GUMBO_NODE_ELEMENT)
		return NULL;
	if (n->v.element.tag == tag)
		return n;
	for (i = 0; i < n->v.element.children.length; i++)
		if ((r = reader_find(n->v.element.children.data[i], tag)) !=
		    NULL)
			return r;
	return NULL;
}

/* Mark what holds an article (reader_holders). */
static void
reader_mark(const GumboNode *n)
{
	const char	*ip;
	size_t		 i;

	if (n->type != GUMBO_NODE_ELEMENT || reader_is_void(n))
		return;
	if (n->v.element.tag == GUMBO_TAG_ARTICLE || n->v.element.tag ==
	    GUMBO_TAG_MAIN || ((ip = reader_attr(n, "itemprop")) != NULL &&
	    strcmp(ip, "articleBody") == 0))
		reader_hold(n);
	for (i = 0; i < n->v.element.children.length; i++)
		reader_mark(n->v.element.children.data[i]);
}

/*
 * Columns of text the reader's walk (html.c) shows of n: what is hidden,
 * boilerplate inside the article or a list of links is not shown.
 */
static size_t
reader_shown(const GumboNode *n, int top)
{
	size_t	i, len = 0;

	if (n->type == GUMBO_NODE_TEXT) {
		struct textstat	 st;

		memset(&st, 0, sizeof st);
		reader_text(n, 0, &st);
		return st.len;
	}
	if (n->type != GUMBO_NODE_ELEMENT || reader_is_void(n) ||
	    reader_is_hidden(n) || (!top && (reader_is_boilerplate(n, 1) ||
	    reader_is_link_list(n))))
		return 0;
	for (i = 0; i < n->v.element.children.length; i++)
		len += reader_shown(n->v.element.children.data[i], 0);
	return len;
}

/*
 * One look for the article: the paragraphs scored, the best element and
 * those of its siblings that are article too, into pg->parts (the body
 * if nothing scored). Returns the columns of text they hold.
 */
static size_t
reader_look(GumboNode *root, struct page *pg)
{
	struct scores	 s = { NULL, 0, 0 };
	struct textstat	 st;
	const struct score *best = NULL, *sib;
	GumboNode	*top, *parent, *c;
	double		 bs = 0, f, ld, threshold;
	size_t		 i, len = 0;

	reader_score(root, &s);
	for (i = 0; i < s.cap; i++) {
		if (s.v[i].node == NULL)
			continue;
		f = s.v[i].score * (1 - reader_link_density(s.v[i].node, &st));
		s.v[i].score = f;
		if (best == NULL || f > bs)
			best = &s.v[i], bs = f;
	}
	pg->nparts = 0;
	pg->parts = xreallocarray(NULL, 1, sizeof *pg->parts);
	pg->score = 0;
	if (best == NULL || (top = (GumboNode *)best->node)->parent == NULL ||
	    top->parent->type != GUMBO_NODE_ELEMENT) {
		top = reader_find(root, GUMBO_TAG_BODY);
		pg->parts[pg->nparts++] = top != NULL ? top : root;
		free(s.v);
		return reader_shown(pg->parts[0], 1);
	}
	pg->score = (int)bs;
	/* The best, and its siblings that are article too. */
	parent = top->parent;
	threshold = bs * 0.2 > 10 ? bs * 0.2 : 10;
	for (i = 0; i < parent->v.element.children.length; i++) {
		c = parent->v.element.children.data[i];
		if (c->type != GUMBO_NODE_ELEMENT)
			continue;
		ld = reader_link_density(c, &st);
		if (c != top) {
			if (reader_is_hidden(c) || reader_is_boilerplate(c, 0))
				continue;
			sib = reader_slot(&s, c);
			if (sib->score < threshold && !(c->v.element.tag ==
			    GUMBO_TAG_P && ((st.len > 80 && ld < 0.25) ||
			    (st.len > 0 && ld == 0 && st.sentence))))
				continue;
		}
		pg->parts = xreallocarray(pg->parts, pg->nparts + 1,
		    sizeof *pg->parts);
		pg->parts[pg->nparts++] = c;
		len += reader_shown(c, 1);
	}
	free(s.v);
	return len;
}

/*
 * Find the article: page->parts. If the first look finds none, or a
 * short one, a second doubts the names (reader_lenient), and is taken
 * if it finds more than twice the text.
 */
void
reader_article(GumboNode *root, struct page *pg)
{
	GumboNode	**parts;
	size_t		  len, nparts, len2;
	int		  score;

	reader_mark(root);
	len = reader_look(root, pg);
	if (len >= READER_MIN_ARTICLE)
		return;
	parts = pg->parts;
	nparts = pg->nparts;
	score = pg->score;
	reader_lenient = 1;
	len2 = reader_look(root, pg);
	reader_lenient = 0;
	if (len2 > 2 * len) {
		free(parts);
		return;
	}
	free(pg->parts);
	pg->parts = parts;
	pg->nparts = nparts;
	pg->score = score;
}

/* The text of an element, white space collapsed; NULL if none. */
char *
reader_string(const GumboNode *n)
{
	struct { char *s; size_t n, cap; } b = { NULL, 0, 0 };
	const GumboNode	*stack[64];
	size_t		 depth = 0, i;
	const char	*p;

	if (n == NULL)
		return NULL;
	stack[depth++] = n;
	/* Depth first, children pushed in reverse. */
	while (depth > 0) {
		n = stack[--depth];
		if (n->type == GUMBO_NODE_TEXT || n->type ==
		    GUMBO_NODE_WHITESPACE) {
			for (p = n->v.text.text; *p != '\0'; p++) {
				int	sp = *p == ' ' || *p == '\n' ||
					    *p == '\t' || *p == '\r';

				if (sp && (b.n == 0 || b.s[b.n - 1] == ' '))
					continue;
				if (b.n + 2 > b.cap) {
					b.cap = b.cap ? b.cap * 2 : 64;
					b.s = xreallocarray(b.s, b.cap, 1);
				}
				b.s[b.n++] = sp ? ' ' : *p;
			}
		} else if (n->type == GUMBO_NODE_ELEMENT && !reader_is_void(n))
			for (i = n->v.element.children.length; i > 0 &&
			    depth < 64; i--)
				stack[depth++] = n->v.element.children.data[i -
				    1];
	}
	while (b.n > 0 && b.s[b.n - 1] == ' ')
		b.n--;
	if (b.n == 0) {
		free(b.s);
		return NULL;
	}
	b.s[b.n] = '\0';
	return b.s;
}

/* Set *to to a copy of s, if it has none yet and s is not empty. */
static void
reader_set(char **to, const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\n' || *s == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n'))
		n--;
	if (*to != NULL || n == 0 || n > 1000)
		return;
	*to = xmalloc(n + 1);
	memcpy(*to, s, n);
	(*to)[n] = '\0';
}

/* Append the code point uc to v (at *n) as UTF-8. */
static void
reader_utf8(char *v, size_t *n, unsigned long uc)
{
	int	k;

	if (uc == 0 || uc > 0x10ffff || (uc >= 0xd800 && uc <= 0xdfff))
		uc = 0xfffd;
	if ((k = u8_uctomb((uint8_t *)v + *n, (ucs4_t)uc, 4)) > 0)
		*n += (size_t)k;
}

/* Four hex digits at p: *uc. */
static int
reader_hex4(const char *p, unsigned long *uc)
{
	int	i;

	*uc = 0;
	for (i = 0; i < 4; i++) {
		if (p[i] >= '0' && p[i] <= '9')
			*uc = *uc * 16 + (unsigned long)(p[i] - '0');
		else if ((p[i] | 0x20) >= 'a' && (p[i] | 0x20) <= 'f')
			*uc = *uc * 16 + (unsigned long)((p[i] | 0x20) - 'a' +
			    10);
		else
			return 0;
	}
	return 1;
}

/*
 * The JSON string value after "key": in s (JSON-LD), simply read: its
 * escapes (\uXXXX, surrogate pairs too) and numeric character
 * references (&#8211;, which some sites put in JSON) decoded.
 */
static void
reader_json(const char *s, const char *key, char **to)
{
	char		 k[32], *v, *e;
	const char	*p;
	size_t		 n = 0;
	unsigned long	 uc, lo;

	snprintf(k, sizeof k, "\"%s\"", key);
	if (*to != NULL || (p = strstr(s, k)) == NULL)
		return;
	p += strlen(k);
	while (*p == ' ' || *p == ':' || *p == '\n' || *p == '\t' ||
	    *p == '{' || *p == '[')
		p++;
	if (strcmp(key, "author") == 0) {	/* {"@type": ..., "name": } */
		if ((p = strstr(p, "\"name\"")) == NULL || p - s > 4096)
			return;
		reader_json(p, "name", to);
		return;
	}
	if (*p++ != '"')
		return;
	v = xmalloc(strlen(p) * 2 + 8);
	for (; *p != '\0' && *p != '"' && n < 2000; p++) {
		if (*p == '\\' && p[1] == 'u' && reader_hex4(p + 2, &uc)) {
			p += 5;
			/* A surrogate pair: one code point. */
			if (uc >= 0xd800 && uc < 0xdc00 && p[1] == '\\' &&
			    p[2] == 'u' && reader_hex4(p + 3, &lo) &&
			    lo >= 0xdc00 && lo < 0xe000) {
				uc = 0x10000 + ((uc - 0xd800) << 10) +
				    (lo - 0xdc00);
				p += 6;
			}
			reader_utf8(v, &n, uc);
		} else if (*p == '\\' && p[1] != '\0') {
			p++;
			v[n++] = *p == 'n' || *p == 't' ? ' ' : *p;
		} else if (*p == '&' && p[1] == '#') {
			uc = p[2] == 'x' || p[2] == 'X' ?
			    strtoul(p + 3, &e, 16) : strtoul(p + 2, &e, 10);
			if (*e == ';') {
				reader_utf8(v, &n, uc);
				p = e;
			} else
				v[n++] = *p;
		} else
			v[n++] = *p;
	}
	reader_set(to, v, n);
	free(v);
}

/* A date as YYYY-MM-DD, if it starts with one. */
static void
reader_date(char **to, const char *s)
{
	/* A year before 1000 is no date a page was published: Hugo's
	 * "0001-01-01T00:00:00Z" is Go's zero time, a post with none. */
	if (s != NULL && s[0] == '0' && strlen(s) >= 5 && s[4] == '-')
		return;
	if (s != NULL && strlen(s) >= 10 && s[4] == '-' && s[7] == '-')
		reader_set(to, s, 10);
	else if (s != NULL)
		reader_set(to, s, strlen(s));
}

/* Look through the page for what says what it is. */
static void
reader_meta_walk(GumboNode *n, struct page *pg, char **title,
    char **og_title)
{
	const char	*prop, *content;
	char		*t;
	GumboNode	*c;
	size_t		 i;

	if (n->type != GUMBO_NODE_ELEMENT)
		return;
	switch (n->v.element.tag) {
	case GUMBO_TAG_TITLE:
		if (*title == NULL && (t = reader_string(n)) != NULL)
			*title = t;
		return;
	case GUMBO_TAG_META:
		if ((prop = reader_attr(n, "property")) == NULL)
			prop = reader_attr(n, "name");
		content = reader_attr(n, "content");
		if (prop == NULL || content == NULL)
			return;
		if (strcasecmp(prop, "og:title") == 0)
			reader_set(og_title, content, strlen(content));
		else if (strcasecmp(prop, "og:site_name") == 0)
			reader_set(&pg->site, content, strlen(content));
		else if ((strcasecmp(prop, "author") == 0 ||
		    strcasecmp(prop, "article:author") == 0 ||
		    strcasecmp(prop, "dc.creator") == 0 ||
		    strcasecmp(prop, "parsely-author") == 0) &&
		    strncmp(content, "http", 4) != 0)
			reader_set(&pg->byline, content, strlen(content));
		else if (strcasecmp(prop, "article:published_time") == 0 ||
		    strcasecmp(prop, "date") == 0 ||
		    strcasecmp(prop, "dc.date") == 0 ||
		    strcasecmp(prop, "pubdate") == 0)
			reader_date(&pg->date, content);
		return;
	case GUMBO_TAG_SCRIPT:
		prop = reader_attr(n, "type");
		if (prop == NULL || strcasecmp(prop, "application/ld+json") !=
		    0 || n->v.element.children.length == 0)
			return;
		c = n->v.element.children.data[0];
		if (c->type != GUMBO_NODE_TEXT)
			return;
		reader_json(c->v.text.text, "headline", og_title);
		reader_json(c->v.text.text, "author", &pg->byline);
		if (pg->date == NULL) {
			t = NULL;
			reader_json(c->v.text.text, "datePublished", &t);
			reader_date(&pg->date, t);
			free(t);
		}
		return;
	case GUMBO_TAG_TIME:
		if (pg->date == NULL)
			reader_date(&pg->date, reader_attr(n, "datetime"));
		return;
	default:
		break;
	}
	for (i = 0; i < n->v.element.children.length; i++)
		reader_meta_walk(n->v.element.children.data[i], pg, title,
		    og_title);
}

/* The page's title, byline, date, site and language. */
void
reader_meta(GumboNode *root, struct page *pg)
{
	char		*title = NULL, *og = NULL;
	const char	*lang, *dir;
	GumboNode	*c;
	size_t		 n, k, i;

	if ((lang = reader_attr(root, "lang")) != NULL)
		reader_set(&pg->lang, lang, strlen(lang));
	/* The direction: of <html>, else of <body>. */
	if ((dir = reader_attr(root, "dir")) == NULL &&
	    root->type == GUMBO_NODE_ELEMENT)
		for (i = 0; i < root->v.element.children.length; i++) {
			c = root->v.element.children.data[i];
			if (c->type == GUMBO_NODE_ELEMENT &&
			    c->v.element.tag == GUMBO_TAG_BODY)
				dir = reader_attr(c, "dir");
		}
	pg->rtl = dir != NULL && strcasecmp(dir, "rtl") == 0;
	reader_meta_walk(root, pg, &title, &og);
	if (og != NULL) {
		pg->title = og;
		free(title);
	} else if (title != NULL) {
		/* "Headline | Site", "Headline - Site": the headline. */
		n = strlen(title);
		if (pg->site != NULL && (k = strlen(pg->site)) + 3 < n &&
		    strcmp(title + n - k, pg->site) == 0 &&
		    strchr("|-:", title[n - k - 2]) != NULL)
			title[n - k - 3] = '\0';
		pg->title = title;
	} else
		pg->title = reader_string(reader_find(root, GUMBO_TAG_H1));
}

void
reader_free(struct page *pg)
{
	free(pg->title);
	free(pg->byline);
	free(pg->date);
	free(pg->site);
	free(pg->lang);
	free(pg->parts);
	memset(pg, 0, sizeof *pg);
	reader_set_free(&reader_holders);
	reader_set_free(&reader_judged);
	reader_set_free(&reader_linky);
}
