/*
 * lede.h: the one internal header of lede, a terminal pager for articles.
 *
 * Data flows one way, and this header lists the modules in that order:
 *
 *	source (load a file, a pipe or the built-in sample; never copied)
 *	  -> doc      (the document a front end makes of it: its text)
 *	  -> block    (find paragraphs by byte offset, locally, in O(block))
 *	  -> sanitize (bytes -> display units: text, visible controls, bad bytes)
 *	  -> parse    (what a block is: header line, heading, paragraph, verbatim)
 *	  -> quote    (quoted speech and speakers, by byte offset)
 *	  -> layout   (a block -> cells and rows at a width; UAX #14, clusters)
 *	  -> view     (a window of rows over the document; layout cache)
 *	  -> draw (ui.h; curses only in term.c, tdraw.c) | dump (plain text)
 *
 * Every position in the document is a byte offset into its text (for
 * plain text, the input's own bytes). Nothing here knows about curses.
 */

#ifndef LEDE_H
#define LEDE_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <sys/types.h>

#define LEDE_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define LEDE_NORETURN __attribute__((noreturn))

/* xmalloc.c */
void		*xmalloc(size_t);
void		*xcalloc(size_t, size_t);
void		*xreallocarray(void *, size_t, size_t);
char		*xstrdup(const char *);
int		 xasprintf(char **, const char *, ...) LEDE_PRINTF(2, 3);
void		 fatal(const char *, ...) LEDE_PRINTF(1, 2) LEDE_NORETURN;
void		 fatalx(const char *, ...) LEDE_PRINTF(1, 2) LEDE_NORETURN;
void		 fatal_set_cleanup(void (*)(void));

/* source.c: the article's bytes, owned here, read-only for everyone else;
 * a gzip file's inflated. A mapped file that shrinks under us reads as
 * zeros past its new end (a SIGBUS guard); source_changed() then says so. */
struct stat;
struct source {
	char		*name;		/* shown in the status line */
	char		*path;		/* NULL for stdin and the sample */
	const uint8_t	*data;
	size_t		 len;
	int		 kind;
#define SOURCE_FILE	0	/* mapped (or read) regular file */
#define SOURCE_PIPE	1	/* read whole from a pipe */
#define SOURCE_MEMORY	2	/* built-in, not owned */
	int		 mapped;	/* data is an mmap(2) of maplen bytes */
	size_t		 maplen;	/* len, unless the file was cut since */
	int		 binary;	/* NUL bytes in the first 64 KB */
	int		 cut;		/* reading was stopped: */
#define SOURCE_CUT_STOP	1	/* by progress (Ctrl-C) */
#define SOURCE_CUT_MAX	2	/* at source_read_max() bytes */
#define SOURCE_CUT_GZIP	3	/* where its gzip data is bad or ends */
	int		 guard;		/* SIGBUS guard slot + 1, or 0 */
	int		 altered;	/* changed on disk since it was read */
	struct stat	*opened;	/* the file as it was at open, or NULL */
	int		 fd;		/* still being read from, or -1 */
	int		 owns_fd;	/* close fd at the end */
	size_t		 cap;		/* bytes of the buffer being read into */
	struct source_gz *gz;		/* a gzip file, inflated, or NULL */
};
#define SOURCE_BINARY_SCAN	(64 * 1024)
int		 source_open_file(struct source *, const char *, char **);
void		 source_release(struct source *, size_t, size_t);
void		 source_drop_pages(const void *, size_t, size_t);
int		 source_open(struct source *, const char *,
		     int (*)(void *, size_t), void *, char **);
void		 source_open_stream(struct source *, int, const char *, int);
ssize_t		 source_more(struct source *, size_t, int, char **);
int		 source_finish(struct source *, int (*)(void *, size_t), void *,
		     char **);
int		 source_reading(const struct source *);
int		 source_reload(struct source *, size_t *);
#define SOURCE_SAME		0
#define SOURCE_GREW		1
#define SOURCE_CUT		2	/* truncated: it ends sooner */
#define SOURCE_REWRITTEN	3	/* same size, other bytes maybe */
void		 source_stop(struct source *);
size_t		 source_read_max(void);
void		 source_set_read_max(size_t);
void		 source_cut_why(const struct source *, char *, size_t);
int		 source_open_fd(struct source *, int, const char *,
		     int (*)(void *, size_t), void *, char **);
void		 source_open_memory(struct source *, const char *,
		     const void *, size_t);
void		 source_free(struct source *);
int		 source_changed(const struct source *);

/*
 * doc.c: the document the rest of lede reads, made from an input by a
 * front end (a format): its text, in which every position is a byte
 * offset. Plain text is the input's own bytes, zero-copy; a front end
 * that converts its input (Markdown, HTML) makes the text once. Layout,
 * view, search, outline and dump read only documents.
 */
struct docfmt;
/*
 * The structure a front end gives its text: blocks in order, none empty,
 * none overlapping (the text between them is blank), each with where it
 * starts in the input, so that a position kept between runs is kept as
 * an offset of the input (doc_to_src, doc_from_src).
 */
struct docblock {
	size_t		 start;		/* [start, end) of the text */
	size_t		 end;
	size_t		 src;		/* where it starts in the input */
	uint8_t		 kind;		/* BLOCK_* (parse.c) */
	uint8_t		 level;		/* a heading's level, from 1 */
	uint8_t		 gap;		/* blank rows above it (not the
					   first block's) */
	uint8_t		 indent;	/* columns every row is set in by
					   (nesting: lists, block quotes) */
	uint8_t		 hang;		/* an item's: its rows after the
					   first, in by its marker */
	uint8_t		 bars;		/* block quotes it is in: a bar in
					   each 2 columns of the indent */
	uint8_t		 dir;		/* its direction as the input says
					   (HTML's dir): BIDI_LTR, BIDI_RTL,
					   BIDI_AUTO + 1, or 0 if it says
					   nothing */
};
struct docstyle {			/* from this byte of the text on */
	size_t		 at;
	unsigned	 attrs;		/* SGR_* */
	int		 fg;		/* a colour (0-255), -1 for none */
};
struct link {			/* a front end's link, or -R's OSC 8 */
	size_t		 start;		/* its text: [start, end) */
	size_t		 end;
	size_t		 uri;		/* its target: [uri, uri_end) of the
					   text, or of doc->uris */
	size_t		 uri_end;
};
struct doc {
	const uint8_t	*data;		/* the text */
	size_t		 len;
	struct source	*src;		/* the input it was made from */
	const struct docfmt *fmt;	/* the front end that made it */
	struct docblock	*blocks;	/* its blocks; NULL: block.c and
					   parse.c find them in the text */
	size_t		 nblocks;
	struct docstyle	*styles;	/* style changes, in order, or NULL */
	size_t		 nstyles;
	struct link	*links;		/* a front end's links, in order */
	size_t		 nlinks;
	char		*uris;		/* their targets */
	char		*title;		/* for the status line, or NULL */
	char		*lang;		/* its language ("en", "de-DE"), if
					   it says, or NULL */
	int		 rtl;		/* it says it reads right to left
					   (<html dir=rtl>) */
	int		 lines;		/* code: every block is kept lines,
					   every line verbatim (code.c) */
	void		*own;		/* what the front end made, or NULL */
	const struct docbuf *buf;	/* where a front end's text is */
	int		 owns_src;	/* src is freed with the document */
	int		 pending;	/* the front end has more of its input
					   to make (doc_step, doc_finish): */
#define DOC_MORE	1		/* text to add at the end */
#define DOC_REMAKE	2		/* the text to make again, whole */
};
struct docfmt {
	const char	*name;		/* "plain", ... (-T, the status line) */
	int		 full_width;	/* made for the terminal's width:
					   shown at it, whatever -w says */
	/* Is the input (its first bytes) in this format? NULL: only if
	 * asked for by name. */
	int		 (*detect)(const struct source *);
	/* Make d from d->src; 0, or -1 with *cause allocated. */
	int		 (*make)(struct doc *, char **);
	/* The input grew, or (all) changed: the text follows it. A long
	 * input may be made a piece at a time: make() and sync() set
	 * doc->pending while some is left, and sync(d, 0) makes more. */
	void		 (*sync)(struct doc *, int);
	void		 (*free)(struct doc *);
};
int		 doc_open(struct doc *, struct source *, const char *, char **);
void		 doc_sync(struct doc *, int);
size_t		 doc_to_src(const struct doc *, size_t);
size_t		 doc_from_src(const struct doc *, size_t);
const char	*doc_format_names(void);
const struct docfmt *doc_format(const char *);

/* docbuf.c: a front end's document, made as it goes. */
struct docbuf {
	char		*text;		/* the document's text */
	size_t		 cap;
	int		 mapped;	/* the text is in a file (docbuf.c), */
	int		 fd;		/* this one; else on the heap */
	size_t		 bcap;		/* of doc->blocks */
	size_t		 scap;		/* of doc->styles */
	size_t		 lcap;		/* of doc->links */
	size_t		 nuris;		/* of doc->uris */
	size_t		 ucap;
	unsigned	 attrs;		/* the style in effect */
	int		 fg;
};
void		 docbuf_reset(struct doc *, struct docbuf *);
void		 docbuf_free(struct docbuf *);
void		 docbuf_release(const struct docbuf *, size_t, size_t);
void		 docbuf_style(struct doc *, struct docbuf *, unsigned, int);
void		 docbuf_put(struct doc *, struct docbuf *, const void *, size_t);
void		 docbuf_puts(struct doc *, struct docbuf *, const char *);
struct docblock	*docbuf_block(struct doc *, struct docbuf *, size_t);
void		 docbuf_link(struct doc *, struct docbuf *, size_t,
		     const char *, size_t);
void		 docbuf_truncate(struct doc *, struct docbuf *, size_t);
struct doccell {		/* a table's cell, as read */
	char		*s;		/* its text, plain */
	size_t		 n;
	size_t		 cap;
	int		 row;		/* 0 for the header */
	int		 align;
#define DOCCELL_LEFT	0
#define DOCCELL_CENTER	1
#define DOCCELL_RIGHT	2
};
void		 doccell_put(struct doccell *, const char *, size_t);
void		 docbuf_table(struct doc *, struct docbuf *, struct doccell *,
		     size_t);
extern int	 docbuf_measure;
extern size_t	 docbuf_spill;
int		 docbuf_named(const struct source *, const char *const *,
		     size_t);

/* md.c: Markdown, with md4c. */
extern const struct docfmt md_format;

/* html.c: web pages, with gumbo; their article (reader mode) or all. */
extern const struct docfmt html_format;
const char	*html_entity(const char *);
void		 html_fragment(struct doc *, struct docbuf *, const char *,
		     size_t, size_t, int);
extern int	 html_full;

/* man.c: manual pages as man(1) writes them for a pager. */
extern const struct docfmt man_format;

/* code.c: source code and configuration, every line kept. */
extern const struct docfmt code_format;
void		 doc_free(struct doc *);
void		 doc_step(struct doc *);
void		 doc_finish(struct doc *);
int		 doc_reading(const struct doc *);
void		 doc_release(const struct doc *, size_t, size_t);
void		 doc_done(const struct doc *, size_t, size_t);
size_t		 doc_cut(const struct doc *, size_t, size_t);
void		 doc_copy(const struct doc *, size_t, size_t, char *, size_t);
size_t		 doc_line(const struct doc *, size_t);
void		 doc_open_memory(struct doc *, const char *, const void *,
		     size_t);

/* sample.c (generated from src/sample.txt) */
extern const unsigned char	sample_text[];
extern const size_t		sample_size;

/* block.c: blocks are runs of non-blank lines; blank lines separate them. */
struct block {
	size_t		 start;	/* first byte of the first line */
	size_t		 end;	/* end of the last line, before its newline */
};
int		 block_first(const struct doc *, struct block *);
int		 block_last(const struct doc *, struct block *);
int		 block_next(const struct doc *, const struct block *,
		     struct block *);
int		 block_prev(const struct doc *, const struct block *,
		     struct block *);
int		 block_at(const struct doc *, size_t, struct block *);
int		 block_is_first(const struct doc *, const struct block *);
const struct docblock *block_table_at(const struct doc *, size_t);
size_t		 block_line_end(const uint8_t *, size_t, size_t, size_t *);
size_t		 block_line_next(const uint8_t *, size_t, size_t);
size_t		 block_line_start(const uint8_t *, size_t, size_t);
int		 block_line_is_atx(const uint8_t *, size_t, size_t);
int		 block_line_heading(const uint8_t *, size_t, size_t, size_t);
size_t		 block_line_item(const uint8_t *, size_t, size_t);
int		 block_line_is_sig(const uint8_t *, size_t, size_t);
int		 block_line_quote(const uint8_t *, size_t, size_t, size_t *);
int		 block_quote_depth(const struct doc *, const struct block *);
int		 block_quote_above(const struct doc *, size_t, int *);

/* sanitize.c: one display unit at a time from raw bytes. */
struct unit {
	int		 kind;
#define UNIT_CHAR	0	/* a printable code point: cp, len bytes */
#define UNIT_VISIBLE	1	/* shown as text[]: a control or a bad byte */
#define UNIT_NEWLINE	2	/* LF, CRLF or a lone CR */
#define UNIT_TAB	3
#define UNIT_SKIP	4	/* consumed, shows nothing (a BOM) */
#define UNIT_SGR	5	/* -R: an SGR sequence, a style change */
#define UNIT_LINK	6	/* -R: an OSC 8 hyperlink starts (cp 1) or
				   ends (cp 0): its text is underlined */
	uint32_t	 cp;
	size_t		 len;	/* source bytes consumed */
	char		 text[12];	/* UNIT_VISIBLE: what to show */
};
void		 sanitize_next(const uint8_t *, size_t, size_t, struct unit *);
void		 sanitize_set_raw(int);
int		 sanitize_get_raw(void);
size_t		 sanitize_link(const uint8_t *, size_t, size_t, uint32_t *,
		     size_t *, size_t *);
int		 sanitize_printable(uint32_t);
const uint8_t	*sanitize_ascii_run(const uint8_t *, const uint8_t *);
size_t		 sanitize_text_run(const uint8_t *, size_t, size_t);
size_t		 sanitize_message(char *, size_t, const char *);
void		 sanitize_warnx(const char *, ...) LEDE_PRINTF(1, 2);

/* sgr.c: SGR colour sequences as styles (-R). */
struct sgr {
	int		 fg;		/* 0-255, -1 for the default */
	int		 bg;
	unsigned	 attrs;
#define SGR_BOLD	0x01
#define SGR_DIM		0x02
#define SGR_ITALIC	0x04
#define SGR_UNDERLINE	0x08
#define SGR_BLINK	0x10
#define SGR_REVERSE	0x20
};
void		 sgr_reset(struct sgr *);
void		 sgr_apply(struct sgr *, const uint8_t *, size_t);
size_t		 sgr_match(const uint8_t *, size_t, size_t);
int		 sgr_equal(const struct sgr *, const struct sgr *);

#include "uprop.h"

/* width.c: the one width function. */
#define AMBIGUOUS_NARROW 0
#define AMBIGUOUS_WIDE	 1
void		 width_set_ambiguous(int);
int		 width_get_ambiguous(void);
void		 width_set_joins(int, int);
void		 width_set_clusters(int);
int		 width_slow(uint32_t);
extern struct cpmemo	 width_memo[2];
extern int		 width_wide;

/* Width of one printable code point: 0, 1 or 2 (width.c); the memo's
 * answer without a call where it has one. */
static inline int
width_cp(uint32_t cp)
{
	unsigned	w;

	if (cp >= 0x20 && cp < 0x7f)
		return 1;
	w = cpmemo_known(&width_memo[width_wide], cp);
	return w != 0 ? (int)w - 1 : width_slow(cp);
}
/*
 * The columns a cluster that starts with uc gets for it in a layout: its
 * width, and one more for a mark of no width, which is drawn on a space
 * when alone (tdraw.c). A spacing mark (Kannada's vowel signs) takes its
 * own width.
 */
static inline int
width_lead(uint32_t uc)
{
	int	w = width_cp(uc);

	return w == 0 && uc >= 0x80 && (uprop(uc) & UP_MARK) ? 1 : w;
}
int		 width_cluster(const uint8_t *, size_t);
int		 width_string(const char *);
int		 width_unit(const struct unit *);

/* probe.c: how the terminal draws what the tables disagree on. */
struct probe_result {
	int		 ambiguous;	/* AMBIGUOUS_* */
	int		 zwj_joins;	/* a ZWJ sequence is one glyph */
	int		 modifier_joins; /* a skin tone joins its base */
	int		 clusters;	/* grapheme cluster mode 2027: 0 not
					   known, 1 set, 2 reset (lede sets
					   it), 3 always set */
#define PROBE_TYPED	64
	char		 typed[PROBE_TYPED]; /* keys read among the answers */
	size_t		 ntyped;
};
struct probe;
struct probe	*probe_ask(int);
int		 probe_answer(struct probe *, struct probe_result *);

/* parse.c: what kind of block this is. */
#define BLOCK_PARAGRAPH	0
#define BLOCK_HEADER	1	/* "date YYYY-MM-DD SOURCE, DATELINE" */
#define BLOCK_HEADING	2
#define BLOCK_LINES	3	/* lines kept as they are */
#define BLOCK_ITEM	4	/* a list item: a paragraph, its marker
				   hanging (plain text's) */
int		 parse_block(const struct doc *, const struct block *);
void		 parse_heading_text(const struct doc *, const struct block *,
		     size_t *, size_t *);
int		 parse_line_is_verbatim(const uint8_t *, size_t);
int		 parse_line_is_code_indent(const uint8_t *, size_t);
/* lines.c: line-based text or prose. */
#define PARSE_WIDTH_MAX	4096	/* columns of a line measured, at most */
long		 parse_columns(const uint8_t *, const uint8_t *, int *);
long		 parse_columns_eol(const uint8_t *, const uint8_t *, int *,
		     const uint8_t **);
int		 parse_is_lines(const uint8_t *, const struct block *, int);
int		 parse_doc_is_lines(const struct doc *);
int		 parse_header(const struct doc *, const struct block *,
		     size_t[3][2]);
int		 parse_field_value(const struct doc *, const struct block *,
		     const char *, size_t *, size_t *);
char		*parse_title(const struct doc *);
void		 parse_item_indents(const struct doc *, const struct block *,
		     int, int *, int *);
int		 parse_tab_columns(int);
int		 parse_is_stanza(const uint8_t *, const struct block *);
int		 parse_after_text(const uint8_t *, size_t);
int		 parse_gap(const struct doc *, const struct block *, int, int,
		    int *);
int		 parse_is_centred(const struct doc *, const struct block *);

/* prose.c: indented prose, filled though in by four. */
int		 parse_prose_indent(const struct doc *, const struct block *,
		    int *);

/* outline.c: the sections of the article. */
struct section {
	size_t		 start;		/* the heading's block */
	size_t		 title;		/* the title's bytes */
	size_t		 title_end;
	int		 level;		/* 1, or a front end's subsection's */
};
struct outline {
	struct section	*v;
	size_t		 n;
	size_t		 cap;
	size_t		 scanned;	/* bytes looked at so far */
	int		 done;
	struct quote	*q;		/* quotes of the scanned part */
	size_t		 nq;
	struct link	*links;		/* -R: OSC 8 links of the scanned
					   part */
	size_t		 nlinks;
	size_t		 clinks;
	int		 qcarry;
	size_t		 qblock;	/* the block quote going on: its
					   index in q + 1, or 0 */
};
void		 outline_init(struct outline *);
void		 outline_free(struct outline *);
int		 outline_step(struct outline *, const struct doc *, size_t);
int		 outline_busy(const struct outline *, const struct doc *);
void		 outline_doc_changed(struct outline *, size_t);
int		 outline_find(const struct outline *, size_t);
int		 outline_lookup(const struct outline *, const struct doc *,
		     const char *);
void		 outline_words(const struct doc *, size_t *, size_t *);
size_t		 outline_quotes(const struct outline *, const struct doc *,
		     const struct block *, const struct block *, struct quote **,
		     int *);
/*
 * quote.c: quoted speech and its speakers (the rules are in quote.c).
 * Offsets are bytes into the source; quotes are in order of start.
 */
struct quote {
	size_t		 start;	/* offset of the opening mark */
	size_t		 end;	/* just after the closing mark, or the
				   paragraph end if unclosed */
	int		 depth;	/* 0 outermost, 1 nested in it, ... */
	int		 flags;
#define QUOTE_UNCLOSED	0x01	/* no closing mark: ends at a paragraph end
				   (or just before the mark closing an outer
				   quote) */
#define QUOTE_CONTINUED	0x02	/* runs over several paragraphs */
#define QUOTE_TERM	0x04	/* one to three words, no speech verb near */
#define QUOTE_BLOCK	0x08	/* a block quote of a front end's (blocks
				   with bars), its marks' quotes inside it */
	uint32_t	 mark;	/* the opening mark: U+201C, U+2018, '"', ... */
};
/*
 * Quotes of the paragraph [start, end) of data, appended to *q, *n (*q
 * NULL and *n 0 at first, or an array grown by earlier calls; the caller
 * frees *q). *carry is 0 at first and carries an open quotation from one
 * paragraph to the next: with the same *q, *n, a continued quotation
 * stays one quote (its end and flags are updated in place); in a new
 * array it is a new quote flagged QUOTE_CONTINUED. Looks at no byte
 * outside [start, end).
 */
void		 quote_scan(const uint8_t *, size_t, size_t, int *,
		     struct quote **, size_t *);
struct quote	*quote_append(struct quote **, size_t *);
/* Every quote of the document, in one pass; *q is allocated (or NULL). */
size_t		 quote_scan_all(const struct doc *, struct quote **);

/* speaker.c: who said a quote (an allocated short name, or NULL; *term
 * set for a term), and whether a quote is a term. */
char		*speaker_name(const struct doc *, const struct quote *, int *);
int		 speaker_is_term(const uint8_t *, size_t, size_t,
		     const struct quote *);

/* text.c: UTF-8 text within bounds, for quote.c and speaker.c. */
#define TEXT_NONE	((uint32_t)-1)	/* no code point: outside the bounds */
int		 text_is_hspace(uint8_t);
int		 text_is_eol(uint8_t);
int		 text_is_word(uint32_t);
int		 text_is_space(uint32_t);
int		 text_is_rsquo(const uint8_t *, size_t, size_t);
uint32_t	 text_prev_cp(const uint8_t *, size_t, size_t);
uint32_t	 text_next_cp(const uint8_t *, size_t, size_t);
size_t		 text_window_lo(const uint8_t *, size_t, size_t, size_t);
size_t		 text_window_hi(const uint8_t *, size_t, size_t, size_t);

/*
 * bounds.c: line break opportunities (UAX #14, tailored) and grapheme
 * cluster boundaries (UAX #29), asked of libunistring only where needed.
 */
struct bounds_counts {		/* bytes, by this thread, for the tests */
	uint64_t	 lbrk;	/* asked of u8_possible_linebreaks */
	uint64_t	 scan;	/* looked at for an anchor */
	uint64_t	 gbrk;	/* asked of u8_grapheme_breaks */
};
extern _Thread_local struct bounds_counts bounds_counts;
extern size_t	 bounds_run_min;
void		 bounds_lines(const uint8_t *, size_t, char *);
void		 bounds_lines_range(const uint8_t *, size_t, size_t, size_t,
		     char *);
size_t		 bounds_lines_at(const uint8_t *, size_t, size_t, size_t,
		     char *, int);
void		 bounds_tailor(const uint8_t *, size_t, size_t, size_t, char *);
void		 bounds_words(const uint8_t *, size_t, size_t, size_t, char *);

/* thai.c: Thai words (libthai), for bounds_words. */
void		 thai_breaks(const uint8_t *, size_t, size_t, size_t, char *);
void		 thai_release(void);
int		 bounds_is_anchor(const uint8_t *, size_t, size_t);
size_t		 bounds_anchor_before(const uint8_t *, size_t, size_t, size_t,
		     size_t);
int		 bounds_ascii_word(const uint8_t *, size_t, size_t);
void		 bounds_clusters(const uint8_t *, size_t, char *);
int		 bounds_cluster_at(const uint8_t *, size_t, char *, size_t *,
		     size_t);
int		 bounds_mbtouc(uint32_t *, const uint8_t *, size_t);
/*
 * The grapheme cluster boundary before t[p], where it and the code point
 * before it are ASCII or plain (a class Other of UAX #29): everywhere but
 * inside CR LF (GB3).
 */
static inline int
bounds_plain_break(const uint8_t *t, size_t p)
{
	return t[p] != '\n' || p == 0 || t[p - 1] != '\r';
}

/* Decode the code point at p, before end, of display text (valid UTF-8,
 * as sanitize.c passes it): its length; *uc is set. */
static inline int
bounds_decode(const uint8_t *p, const uint8_t *end, uint32_t *uc)
{
	if (p[0] < 0x80) {
		*uc = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] < 0xe0 && end - p >= 2 &&
	    (p[1] & 0xc0) == 0x80) {
		*uc = (uint32_t)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
		return 2;
	}
	if (p[0] >= 0xe0 && p[0] < 0xf0 && end - p >= 3) {
		*uc = (uint32_t)(p[0] & 0x0f) << 12 | (uint32_t)(p[1] & 0x3f) << 6 |
		    (p[2] & 0x3f);
		return 3;
	}
	return bounds_mbtouc(uc, p, (size_t)(end - p));
}

/* layout.c: one block laid out at one width. */
struct cell {
	uint32_t	 text;	/* offset of the cluster's bytes in lay->text */
	uint32_t	 src;	/* source offset, relative to the block start */
	uint16_t	 len;	/* bytes in lay->text */
	uint8_t		 width;	/* display columns */
	uint8_t		 flags;
#define CELL_SPACE	0x01	/* white space (stretchable when justified) */
#define CELL_VISIBLE	0x02	/* a shown control or bad byte */
#define CELL_BREAK	0x04	/* a kept line break (never drawn) */
#define CELL_VERBATIM	0x08	/* from a verbatim line */
#define CELL_KEPT	0x10	/* from a kept line (wrapped at words) */
#define CELL_SLOT	0x20	/* text without spaces may be stretched
				   before it (--justify): a break
				   opportunity between two cells, one of
				   them wide (CJK) */
};
struct row {
	uint32_t	 first;	/* first cell (byte of text: lay->bytes) */
	uint32_t	 count;	/* cells on this row (trailing spaces excluded) */
	uint16_t	 width;	/* natural width of those cells */
	uint16_t	 indent;
	uint8_t		 bars;	/* quote bars drawn in the indent */
	uint8_t		 flags;
#define ROW_GAP		0x01	/* blank row between blocks */
#define ROW_LAST	0x02	/* last row of a paragraph (never justified) */
#define ROW_HARD	0x04	/* ends at a hard line break */
#define ROW_CONT	0x08	/* verbatim line continues: draw the mark */
#define ROW_HYPHEN	0x40	/* ends in a word: a hyphen after (in width) */
#define ROW_PIECE	0x10	/* last row of a piece that the paragraph
				   goes on from (never justified) */
#define ROW_CENTRED	0x20	/* set in the middle of the width (a title
				   centred in plain text; never justified) */
#define ROW_RTL		0x80	/* its paragraph is right to left (bidi.c) */
};
#define QUOTE_BAR	"\xe2\x94\x82"	/* a block quote's bar */
#define QUOTE_BAR_CP	0x2502
struct sgr_run {
	uint32_t	 text;	/* from this byte of the display text on */
	struct sgr	 style;
};
/*
 * A block longer than LAYOUT_HUGE bytes is laid out in pieces of about
 * LAYOUT_PIECE bytes (the last up to LAYOUT_HUGE), found from any offset
 * (piece_at); no row goes across two. The width is at most
 * LAYOUT_WIDTH_MAX (struct row).
 */
#define LAYOUT_PIECE	 (1u << 20)
#define LAYOUT_HUGE	 (LAYOUT_PIECE + LAYOUT_PIECE / 2)
#define LAYOUT_WIDTH_MAX UINT16_MAX
struct layout {
	size_t		 start;	/* what is laid out: the block or a piece */
	size_t		 end;
	struct block	 block;	/* the block */
	int		 type;	/* BLOCK_* */
	int		 width;
	int		 wide;	/* of verbatim and kept rows (>= width) */
	char		*text;	/* display text of all cells */
	size_t		 ntext;
	struct cell	*cells;
	size_t		 ncells;
	struct row	*rows;
	size_t		 nrows;
	size_t		 textcap;	/* what text, cells and rows hold */
	size_t		 cellcap;
	size_t		 rowcap;
	size_t		 gap;	/* leading ROW_GAP rows */
	struct sgr_run	*sgr;	/* -R: style changes, in text order */
	size_t		 nsgr;
	uint8_t		*levels;	/* bidi.c: each cell's level, or NULL
					   (all left to right) */
	uint32_t	*order;		/* each row's cells from the left */
	int		 bytes;		/* rows of text, no cells (a dump's) */
	uint32_t	*shaped;	/* --arabic-shaping: each cell's
					   joined form, 0 if none, or NULL */
	int		 rtl;		/* its (first) paragraph reads right to
					   left; a kept line break starts
					   another (ROW_RTL) */
};
struct layout_stats {	/* work done by one thread, counted for the tests */
	uint64_t	 text;	/* display text bytes made */
	uint64_t	 lbrk;	/* bytes asked of u8_possible_linebreaks */
	uint64_t	 scan;	/* bytes looked at for an anchor */
	uint64_t	 gbrk;	/* bytes asked of u8_grapheme_breaks */
	uint64_t	 fit;	/* cells total fit looked at */
	uint64_t	 bytes;	/* layouts of rows of text (layout_set_bytes) */
};
struct layout	*layout_create(const struct doc *, const struct block *,
		     int);
struct layout	*layout_create_piece(const struct doc *,
		     const struct block *, const struct block *, int);
struct layout	*layout_create_wide(const struct doc *, const struct block *,
		     const struct block *, int, int);
void		 piece_at(const struct doc *, const struct block *,
		     size_t, struct block *);
void		 layout_destroy(struct layout *);
void		 layout_recycle(struct layout *);
void		 layout_release(void);
void		 layout_set_chop(int);
int		 layout_get_chop(void);
void		 layout_set_slots(int);
void		 layout_set_bytes(int);
int		 layout_get_slots(void);
void		 layout_stats(struct layout_stats *);
int		 layout_nospace(uint32_t);
size_t		 layout_line_start(const uint8_t *, size_t, size_t, int *);
int		 layout_verbatim(const uint8_t *, const struct block *, size_t,
		     size_t, int);
size_t		 layout_row_of(const struct layout *, size_t);
size_t		 layout_row_start(const struct layout *, size_t);

/* bidi.c: right-to-left rows (UAX #9, by FriBidi), reordered after
 * layout; a line of the interface in display order. */
#define BIDI_AUTO	0	/* the first strong character's, else LTR */
#define BIDI_AUTO_RTL	1	/* the same, else RTL */
#define BIDI_LTR	2
#define BIDI_RTL	3
#define BIDI_GLYPH_MAX	32	/* bytes of a cluster drawn otherwise
				   (mirrored, shaped) at most */
extern int	 bidi_shaping;
int		 bidi_order(const uint32_t *, size_t, int, const size_t *,
		     size_t, uint8_t *, uint32_t *);
int		 bidi_lang_rtl(const char *);
void		 bidi_layout(struct layout *, int, int);
int		 bidi_lead_rtl(const uint8_t *, size_t, size_t);
int		 bidi_row_rtl(const struct layout *, const struct row *);
size_t		 bidi_cell_at(const struct layout *, const struct row *,
		     size_t, size_t *);
size_t		 bidi_glyph(const struct layout *, const struct row *, size_t,
		     char *);
char		*bidi_visual(const char *, size_t);
int		 bidi_visual_col(const char *, size_t, size_t);
size_t		 bidi_visual_step(const char *, size_t, size_t, int);
void		 bidi_release(void);

/* hyph.c: hyphenation (libhyphen), for total fit. */
extern int	 hyph_on;
int		 hyph_load(const char *);
const char	*hyph_language(void);
size_t		 hyph_word(const uint8_t *, size_t, uint8_t *);
void		 hyph_cells(const struct layout *, const uint8_t *, uint8_t *);

/* fit.c: total-fit line breaking (rows of least squared slack). */
#define FIT_MAX		(64u << 10)	/* cells of a paragraph at most;
					   past it, greedy filling */
#define FIT_HYPHEN	2		/* may[k]: a hyphenation point */
#define FIT_DENSE	3		/* cells an opportunity, at least, or
					   greedy (CJK fills its rows) */
#define FIT_WIDOW	3		/* a lone last word this short: widow */
struct fit_cand {
	uint32_t	 cell;	/* a row may start at this cell */
	uint32_t	 at;	/* columns before it */
	uint32_t	 trail;	/* columns of blanks just before it */
	uint32_t	 hy;	/* 1: a hyphenation point */
};
extern int	 fit_greedy;
struct fit_cand	*fit_table(size_t);
size_t		 fit_rows(const struct fit_cand *, size_t, size_t, int, int,
		     size_t **);
void		 fit_release(void);

/*
 * search.c: find a pattern in the raw bytes (smart case, NFKC folding).
 * search_next() and search_prev() return SEARCH_FOUND, SEARCH_NONE,
 * SEARCH_GAVEUP (a limit on a regular expression's work was reached:
 * search_error() says which) or, for regular expressions, SEARCH_MORE:
 * the call spent its time (RX_BUDGET_NS in search.c) or, forward,
 * SEARCH_SPAN start positions, and says where to go on (*ms).
 */
struct search;
#define SEARCH_REGEX	0x1	/* PCRE2 regular expression */
#define SEARCH_NOACCENT	0x2	/* accents ignored (not with SEARCH_REGEX) */
#define SEARCH_FOUND	1
#define SEARCH_NONE	0
#define SEARCH_GAVEUP	(-1)
#define SEARCH_MORE	2
#define SEARCH_SPAN	(1u << 20)	/* regex starts looked at per call */
#define SEARCH_LONGEST	(16u << 10)	/* a longer regex match may be cut
					   (4 KB with back-references) */
struct search	*search_create(const char *, int, char **);
void		 search_destroy(struct search *);
int		 search_is_icase(const struct search *);
const char	*search_error(const struct search *);
int		 search_next(const struct search *, const uint8_t *, size_t,
		     size_t, size_t, size_t *, size_t *);
int		 search_prev(const struct search *, const uint8_t *, size_t,
		     size_t, size_t, size_t *, size_t *);

/* regex.c: regular expressions for search.c (PCRE2), bounded per call. */
struct regex;
struct regex	*regex_create(const char *, int *, char *, size_t);
void		 regex_free(struct regex *);
int		 regex_next(struct regex *, const uint8_t *, size_t, size_t,
		     size_t, size_t *, size_t *);
int		 regex_prev(struct regex *, const uint8_t *, size_t, size_t,
		     size_t, size_t *, size_t *);
const char	*regex_error(const struct regex *);

/* find.c: the reader's search over search.c. */
struct find {
	struct search	*s;
	char		*pattern;
	int		 flags;		/* SEARCH_* */
	int		 dir;		/* 1 forward (/), -1 backward (?) */
	int		 have;		/* a current match */
	size_t		 ms, me;	/* the current match */
	int		 count_done;
	int		 count_gaveup;	/* done, but the search gave up */
	size_t		 count_pos;	/* counted up to here */
	size_t		 total;
	size_t		*marks;		/* matches before each FIND_MARK */
	size_t		 nmarks;
	size_t		 capmarks;
	size_t		 before;	/* matches before the current one */
	int		 index_known;	/* before is known */
};
#define FIND_GAVEUP	(-2)	/* find_scan(), find_go(): see search_error() */
void		 find_init(struct find *);
void		 find_clear(struct find *);
void		 find_free(struct find *);
int		 find_set(struct find *, const char *, int, int, char **);
int		 find_scan(const struct find *, const struct doc *, size_t,
		     int, int (*)(void *, size_t, size_t), void *, size_t *,
		     size_t *);
int		 find_go(struct find *, const struct doc *, size_t, int,
		     int (*)(void *, size_t, size_t), void *);
int		 find_count_step(struct find *, const struct doc *);
int		 find_busy(const struct find *, const struct doc *);
void		 find_doc_changed(struct find *, const struct doc *,
		     size_t);
void		 find_matches(const struct find *, const struct doc *,
		     size_t, size_t, size_t **, size_t *);

/*
 * state.c: lede's state directory ($XDG_STATE_HOME/lede/): checked before
 * use, files read only if regular and at most STATE_FILE_MAX bytes,
 * written under a lock to a new file renamed over the old one.
 */
#define STATE_FILE_MAX	(16 << 20)	/* bytes; see state.c */
struct state_file {
	int		 dir;		/* the checked directory, or -1 */
	int		 lock;		/* lede/lock while held, or -1 */
	char		*name;		/* the file's name in it */
	const char	*what;		/* "positions", "history" */
};
extern unsigned long state_work;	/* entries touched: for tests */
char		*state_path(const char *);
int		 state_open(struct state_file *, const char *, const char *,
		     int, char **);
int		 state_lock(struct state_file *, char **);
int		 state_read(struct state_file *, char **, size_t *, char **);
int		 state_replace(struct state_file *, const char *, size_t,
		     char **);
void		 state_close(struct state_file *);

/* history.c: search patterns kept across runs. */
#define HISTORY_MAX	100	/* patterns remembered */
struct history {
	char		**v;		/* oldest first */
	size_t		  n;
	char		**added;	/* added here since the last save */
	size_t		  nadded;
	char		 *path;		/* NULL: keep nothing */
};
int		 history_load(struct history *, const char *, char **);
int		 history_add(struct history *, const char *, char **);
void		 history_free(struct history *);

/* position.c: the reader's place in each article, across runs. */
#define POSITION_MAX	1000	/* articles remembered */
#define POSITION_MARKS	52	/* a-z, A-Z */
struct position {
	char		*path;		/* real path; NULL: not a file */
	size_t		 top;		/* offset of the top row */
	size_t		 size;		/* the file when it was read */
	long long	 mtime;
	long		 mtime_nsec;
	long long	 when;		/* when it was put; 0: unknown */
	long		 when_nsec;
	size_t		 marks[POSITION_MARKS];
	uint64_t	 markset;
};
struct positions {
	struct position	*v;		/* oldest first */
	size_t		 n;
	char		*path;		/* NULL: keep nothing */
};
int		 position_mark_index(int);
int		 positions_load(struct positions *, const char *, char **);
struct position	*positions_find(struct positions *, const char *);
void		 positions_put(struct positions *, const struct position *);
int		 positions_save(struct positions *, char **);
void		 positions_free(struct positions *);

/* view.c: a window of rows over the document. */
struct view;
struct view_row {
	const struct layout	*lay;	/* NULL past the end */
	size_t			 row;
};
struct view	*view_create(const struct doc *, int, int);
void		 view_destroy(struct view *);
void		 view_resize(struct view *, int, int);
int		 view_width(const struct view *);
void		 view_set_wide(struct view *, int);
int		 view_height(const struct view *);
int		 view_scroll(struct view *, long);
void		 view_top(struct view *);
void		 view_bottom(struct view *);
void		 view_warm_end(struct view *);
void		 view_doc_changed(struct view *, size_t, int);
int		 view_end_ready(const struct view *);
unsigned long	 view_layouts_made(const struct view *);
int		 view_at_end(struct view *);
size_t		 view_top_offset(const struct view *);
void		 view_visible(struct view *, size_t *, size_t *);
void		 view_goto_offset(struct view *, size_t);
int		 view_rows(struct view *, struct view_row *, int);
int		 view_percent(struct view *);

/* dump.c */
#define ROW_CONT_MARK	"\\"
struct justify {		/* how a row is stretched (--justify) */
	int		 spaces;	/* its spaces */
	int		 slots;		/* its CELL_SLOTs */
	int		 to_spaces;	/* columns they get, in all */
	int		 to_slots;
	int		 ks, kc;	/* spaces and slots passed so far */
};
void		 dump_justify_plan(const struct layout *, size_t,
		     struct justify *);
int		 dump_justify_at(struct justify *, const struct cell *, int);
int		 dump_row_justified(const struct layout *, size_t);
void		 dump_row(const struct layout *, size_t, int, char **, size_t *);
extern size_t	 dump_gone_times;
int		 dump_doc(const struct doc *, size_t, int, int);
int		 dump_links(const struct doc *, FILE *);
int		 dump_doc_jobs(const struct doc *, size_t, int, int, FILE *,
		     int, size_t);

/* pager.c: the session: its files, the view, the search (ui.h reads it). */
struct pager_file {
	char		*name;		/* a path, "-" (stdin), NULL (sample) */
	int		 seen;		/* shown before: pos.top is where */
	struct position	 pos;		/* top, marks; pos.path if a file */
	size_t		 last;		/* the top before the last jump */
	int		 have_last;
};
struct menu;
struct prompt;
struct pager {
	struct source	*src;		/* the input shown */
	struct source	 srcbuf;	/* src, unless it is stdin_src */
	struct doc	 doc;		/* what is made of it, and read */
	struct source	*stdin_src;	/* standard input, read once */
	struct pager_file *files;
	size_t		 nfiles;
	size_t		 cur;
	struct positions positions;
	int		 color;
#define COLOR_AUTO	0	/* if the terminal has them, and no NO_COLOR */
#define COLOR_ALWAYS	1	/* if the terminal has them */
#define COLOR_NEVER	2
	int		 raw_control;	/* -R: SGR sequences become styles */
	int		 mouse;		/* --mouse: wheel and clicks */
	int		 status;	/* exit status so far */
	char		*errors;	/* for stderr after the screen, a line each */
	int		(*reading)(void *, size_t); /* progress of a file read
					   whole (source_open), or NULL */
	void		*reading_arg;
	struct view	*view;
	int		 measure;	/* requested width (-w), 0 = terminal */
	int		 justify;
	char		*lang;		/* -L: the text's language, or NULL */
	int		 lines_doc;	/* the text is mostly lines: full width */
	const char	*format;	/* -T: the input's format, or NULL */
	int		 ambiguous_auto; /* probe the terminal at start */
	struct outline	 outline;
	long		 quote;		/* current quote (Tab), -1 for none */
	struct find	 find;
	int		 search_flags;	/* SEARCH_* of new searches (accents) */
	struct history	 history;
	int		 no_history;
	const char	*start_pattern;	/* -p, +/ */
	const char	*start_section;	/* -s */
	char		**start_keys;	/* +cmd: keys run before the first */
	size_t		 nstart_keys;
	int		 quit;
	int		 refit;		/* width or justification changed */
	int		 follow;	/* F: the view stays at the end */
	int		 hscroll;	/* -S: the first column shown */
	int		 cols;		/* terminal size */
	int		 lines;
	char		 message[256];	/* one-shot status message */
	/* The reader's modes (ui.h): what the keys go to. */
	int		 mode;
	long		 count;		/* a number typed before a key, or 0 */
	struct menu	*menu;
	struct prompt	*prompt;
	const char	*ask;		/* the one-key question */
	void		(*ask_done)(struct pager *, int);
};
int		 pager_measure(const struct pager *, int);
int		 pager_wide(const struct pager *, int);
int		 pager_load(struct pager *, size_t, struct source *, char **);
void		 pager_install(struct pager *, size_t, struct source *);
void		 pager_enter(struct pager *, int);
void		 pager_leave(struct pager *);
int		 pager_switch(struct pager *, int);
void		 pager_error(struct pager *, const char *);
void		 pager_jumped(struct pager *, size_t);
void		 pager_show_match(struct pager *);
int		 pager_more(struct pager *);
int		 pager_step(struct pager *);
void		 pager_finish(struct pager *);
void		 pager_check_source(struct pager *);
void		 pager_source_changed(struct pager *, size_t, int);
int		 pager_search(struct pager *, int, long,
		     int (*)(void *, size_t, size_t), void *);
void		 pager_message(struct pager *, const char *, ...)
		     LEDE_PRINTF(2, 3);

#endif
