/*
 * cells.c: a block's display text (builder.c) cut into cells, one per
 * grapheme cluster, each measured by the one width function: what
 * layout.c sets in rows. A cluster wider than the row (a long emoji ZWJ
 * sequence at a narrow width) is the one thing cut into several cells, at
 * code points.
 *
 * Speed: this looks at every byte of a dump, so the common cases have
 * fast paths that give the same answers as the general ones, each checked
 * against them by the tests: runs of printable ASCII are a cell a byte,
 * four at a time; code points that are a cluster alone are a cell each
 * in a tight loop; runs of narrow cells (ASCII, and code points of a
 * column such as é and ’) are kept as spans, where total fit finds its
 * opportunities sixteen bytes at a time; libunistring is asked about
 * clusters only for runs of code points that are not plain, where the
 * cells reach them (bounds_cluster_at). As the cells are made, what the
 * rest of layout needs to know of them is gathered (struct cellinfo): the
 * wide ones, whether any may be right to left, how many ideographs follow
 * one.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "lede.h"

#include "builder.h"

/* The runs of narrow cells the cells were made of (cells_spans). */
static _Thread_local struct spans {
	struct span	*v;
	size_t		 n;
	size_t		 cap;
} spans;

/*
 * The end of the cell that starts at text[a] in a cluster ending at end:
 * the whole cluster, or, if it is wider than maxw columns (a long emoji
 * ZWJ sequence at a narrow width) or longer than a cell can hold, its
 * longest prefix of whole code points that fits, so that no cell is wider
 * than a row. *wp is set to the cell's width, as width_cluster counts it:
 * what the terminal joins (a code point after a ZWJ, a skin tone, see
 * probe.c) adds nothing.
 */
static size_t
cells_cluster_end(const uint8_t *t, size_t a, size_t end, int maxw, int *wp)
{
	size_t	p = a, q = a;
	ucs4_t	uc, prev = 0;
	int	w = 0, cw, k;

	while (p < end) {
		k = u8_mbtouc(&uc, t + p, end - p);
		/* What uc adds after the code point at q: the one rule. */
		cw = p == a ? width_lead(uc) :
		    width_cluster(t + q, p + (size_t)k - q) - width_cp(prev);
		if (p > a && (w + cw > maxw || p + (size_t)k - a > UINT16_MAX))
			break;
		w += cw;
		q = p;
		prev = uc;
		p += (size_t)k;
	}
	*wp = w;
	return p;
}


/*
 * The cells of printable ASCII t[a, r), a byte a cell, into c: text
 * offset i, source offset s0 + step * i, one byte, one column, a space
 * CELL_SPACE, all with flags vf. Returns how many (r - a). A run of
 * prose is most of what a dump lays out: four cells (48 bytes) at a
 * time where the machine allows.
 */
static size_t
cells_ascii(struct cell *c, const uint8_t *t, size_t a, size_t r,
    uint32_t s0, uint32_t step, uint8_t vf)
{
	_Static_assert(sizeof *c == 12 && CELL_SPACE == 1,
	    "three words a cell: text, src, then len 1, width 1, flags");
	size_t		i = a;
	uint32_t	m = 1u | 1u << 16 | (uint32_t)vf << 24;
#ifdef __SSE2__
	if (r - a < 8)		/* a word or less: the vectors cost more */
		goto rest;
	const __m128i	four = _mm_set1_epi32(4), blank = _mm_set1_epi8(' '),
			one = _mm_set1_epi32(1), zero = _mm_setzero_si128();
	__m128i		ti, si, mm, sp, x, y;
	uint32_t	w;

	ti = _mm_add_epi32(_mm_set1_epi32((int)a), _mm_set_epi32(3, 2, 1,
	    0));
	si = _mm_add_epi32(_mm_set1_epi32((int)(s0 + step * (uint32_t)a)),
	    _mm_set_epi32((int)(3 * step), (int)(2 * step), (int)step, 0));
	for (; i + 4 <= r; i += 4, c += 4) {
		__m128i	*v = (__m128i *)(void *)c;

		memcpy(&w, t + i, 4);
		/* The four bytes' dwords: 1 for a space, else 0. */
		sp = _mm_cmpeq_epi8(_mm_cvtsi32_si128((int)w), blank);
		sp = _mm_unpacklo_epi16(_mm_unpacklo_epi8(sp, zero), zero);
		mm = _mm_or_si128(_mm_set1_epi32((int)m),
		    _mm_slli_epi32(_mm_and_si128(sp, one), 24));
		/* (t0 s0 m0 t1) (s1 m1 t2 s2) (m2 t3 s3 m3) */
		x = _mm_unpacklo_epi32(ti, si);
		y = _mm_unpacklo_epi32(mm, ti);
		_mm_storeu_si128(v, _mm_castps_si128(
		    _mm_shuffle_ps(_mm_castsi128_ps(x), _mm_castsi128_ps(y),
		    _MM_SHUFFLE(3, 0, 1, 0))));
		x = _mm_unpacklo_epi32(si, mm);
		y = _mm_unpackhi_epi32(ti, si);
		_mm_storeu_si128(v + 1, _mm_castps_si128(
		    _mm_shuffle_ps(_mm_castsi128_ps(x), _mm_castsi128_ps(y),
		    _MM_SHUFFLE(1, 0, 3, 2))));
		x = _mm_unpackhi_epi32(mm, ti);
		y = _mm_unpackhi_epi32(si, mm);
		_mm_storeu_si128(v + 2, _mm_castps_si128(
		    _mm_shuffle_ps(_mm_castsi128_ps(x), _mm_castsi128_ps(y),
		    _MM_SHUFFLE(3, 2, 3, 0))));
		ti = _mm_add_epi32(ti, four);
		si = _mm_add_epi32(si, _mm_set1_epi32((int)(4 * step)));
	}
rest:
#endif
	for (; i < r; i++, c++)
		*c = (struct cell){ (uint32_t)i, s0 + step * (uint32_t)i, 1, 1,
		    (uint8_t)((t[i] == ' ' ? CELL_SPACE : 0) | vf) };
	return r - a;
}

/*
 * bounds_cluster_at(), its answers for ASCII and plain code points (all
 * but a few) without the call. *len is set to the length of the code
 * point at p if it decoded one that is plain (*uc), else to 0.
 */
static inline int
cells_gb(const uint8_t *t, size_t n, char *g, size_t *known, size_t p,
    ucs4_t *uc, int *len)
{
	*len = 0;
	if (p < *known)
		return g[p];
	if (t[p] < 0x80)
		return bounds_plain_break(t, p);
	if ((t[p] & 0xc0) != 0x80) {
		*len = bounds_decode(t + p, t + n, uc);
		if (uprop(*uc) & UP_PLAIN)
			return 1;
		*len = 0;
	}
	return bounds_cluster_at(t, n, g, known, p);
}

/*
 * The end of the run of ASCII in t[a, e), display text outside a visible
 * control and a kept line break, where every byte below 0x80 is printable
 * (sanitize_text_run let it through): the first byte from 0x80 up, or e.
 * Sixteen bytes at a time, then eight, where the machine allows.
 */
static inline size_t
cells_ascii_end(const uint8_t *t, size_t a, size_t e)
{
#ifdef __SSE2__
	unsigned	m;

	for (; a + 16 <= e; a += 16)
		if ((m = (unsigned)_mm_movemask_epi8(_mm_loadu_si128(
		    (const __m128i *)(const void *)(t + a)))) != 0)
			return a + (size_t)__builtin_ctz(m);
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t	w;

	for (; a + 8 <= e; a += 8) {
		memcpy(&w, t + a, 8);
		if ((w &= 0x8080808080808080u) != 0)
			return a + (size_t)__builtin_ctzll(w) / 8;
	}
#endif
	while (a < e && t[a] < 0x80)
		a++;
	return a;
}

/*
 * Keep the span of narrow cells [cell, cell + cells), text [text, text +
 * n): with the last, if right after it (as the next line is after the
 * space that joins two).
 */
static inline void
cells_span(size_t text, size_t cell, size_t n, size_t cells)
{
	struct span	*l = spans.n > 0 ? &spans.v[spans.n - 1] : NULL;

	if (l != NULL && l->text + l->n == text && l->cell + l->cells ==
	    cell) {
		l->n += n;
		l->cells += cells;
		return;
	}
	if (spans.n == spans.cap) {
		spans.cap = spans.cap ? 2 * spans.cap : 64;
		spans.v = xreallocarray(spans.v, spans.cap, sizeof *spans.v);
	}
	spans.v[spans.n++] = (struct span){ text, cell, n, cells };
}

/*
 * Cut the builder's display text into cells (room for one a byte), for
 * rows at most width columns wide; *ci says what they hold. Returns how
 * many. The spans of narrow cells are kept for cells_spans().
 */
size_t
cells_make(struct builder *bp, struct cell *cells, int width,
    struct cellinfo *ci)
{
	const uint8_t	*t = (const uint8_t *)bp->t;
	char		*gbrk = bp->gbrk;
	ucs4_t		 uc, guc;	/* guc, glen: GB()'s, not kept */
	size_t		 i, a, k, e, nc;
	size_t		 wlo = SIZE_MAX, whi = 0;	/* the wide cells */
	size_t		 gknown;	/* gbrk is right before it */
	size_t		 ideo2 = 0;	/* ideographs after one */
	int		 w, id, previd = 0, mayrtl = 0, glen;

	/* The cluster boundary before text position p (cells_gb). */
#define GB(p)	cells_gb(t, bp->n, gbrk, &gknown, (p), &guc, &glen)
	/*
	 * Clusters are asked about as the cells are made (GB() below), but
	 * where a visible control or a kept line break is: each byte of the
	 * one is a cell of its own, and so is the other; nothing joins a
	 * cluster across either.
	 */
	gknown = 0;
	if (bp->any & (TB_VISIBLE | TB_HARD)) {
		bounds_clusters(t, bp->n, gbrk);
		gknown = bp->n;
	}
	for (k = 0; (bp->any & (TB_VISIBLE | TB_HARD)) && k < bp->nsegs; k++) {
		if (!(bp->segs[k].fl & (TB_VISIBLE | TB_HARD)))
			continue;
		e = builder_seg_end(bp, k);
		memset(gbrk + bp->segs[k].text, 1, e - bp->segs[k].text);
		if (e < bp->n)
			gbrk[e] = 1;
	}

	spans.n = 0;
	for (a = 0, k = 0, nc = 0; a < bp->n; a = i) {
		const struct seg	*sg;
		struct cell		*c;
		uint8_t			 vf;

		while (k + 1 < bp->nsegs && bp->segs[k + 1].text <= a)
			k++;
		/* Where a run of others starts, it is asked about. */
		if (a >= gknown && t[a] >= 0x80)
			(void)GB(a);
		sg = &bp->segs[k];
		e = builder_seg_end(bp, k);
		vf = (sg->fl & TB_VERBATIM) ? CELL_VERBATIM :
		    (sg->fl & TB_KEPT) ? CELL_KEPT : 0;
		/*
		 * Printable ASCII: each a cluster of its own, but for the last
		 * of a run, which a mark after it may join (UAX #29 has a
		 * boundary between two ASCII characters but in CR LF).
		 */
		i = a;
		if (!(sg->fl & (TB_HARD | TB_VISIBLE))) {
			uint32_t	s0 = sg->src, step = sg->copy;
			size_t		n0 = nc, r, sa = a, sc = nc, p;
			size_t		nat = SIZE_MAX;	/* nuc is there */
			ucs4_t		nuc = 0;
			int		len, nlen = 0;

			s0 -= step * sg->text;	/* doc of byte i: s0 + i */
			/*
			 * Runs of printable ASCII, and code points that are a
			 * cluster alone (letters, ideographs) between them, a
			 * cell each in a tight loop. Those of one column are
			 * narrow cells, as ASCII is: runs of them are spans.
			 */
			for (;;) {
				r = i < e && t[i] < 0x80 ? cells_ascii_end(t, i,
				    e) : i;
				if (r > i && r < bp->n && !GB(r))
					r--;
				if (r > i) {
					nc += cells_ascii(cells + nc, t, i, r,
					    s0, step, vf);
					i = r;
					previd = 0;
				}
				if (i >= e && i < bp->n && !(bp->segs[k + 1].fl &
				    (TB_HARD | TB_VISIBLE))) {
					/* On into the next segment (the space
					 * that joins two lines, the next). */
					sg = &bp->segs[++k];
					e = builder_seg_end(bp, k);
					step = sg->copy;
					s0 = sg->src - step * sg->text;
					vf = (sg->fl & TB_VERBATIM) ?
					    CELL_VERBATIM : (sg->fl & TB_KEPT) ?
					    CELL_KEPT : 0;
					continue;
				}
				if (i >= e || t[i] < 0x80)
					break;
				/* The code point here, if not decoded already
				 * as the one after the last; and whether a
				 * cluster ends after it, as GB() says, keeping
				 * the next code point if it is plain. */
				if (i == nat) {
					uc = nuc;
					len = nlen;
				} else
					len = bounds_decode(t + i, t + bp->n,
					    &uc);
				if ((p = i + (size_t)len) > e || (p < bp->n &&
				    !cells_gb(t, bp->n, gbrk, &gknown, p, &nuc,
				    &nlen)))
					break;		/* a cluster of more */
				if (p < bp->n && nlen > 0)
					nat = p;
				w = width_lead(uc);
				mayrtl |= cells_rtl(t, i, bp->n);
				cells[nc++] = (struct cell){ (uint32_t)i, s0 +
				    step * (uint32_t)i, (uint16_t)len,
				    (uint8_t)w, vf };
				if (w != 1) {
					/* Not narrow: a span ends before it. */
					if (i > sa)
						cells_span(sa, sc, i - sa,
						    nc - 1 - sc);
					sa = i + (size_t)len;
					sc = nc;
					/* An ideograph after one: a break
					 * between. */
					id = uprop_ideo(uc);
					ideo2 += (size_t)(id & previd);
					previd = id;
					if (w >= 2) {
						wlo = wlo < nc ? wlo : nc - 1;
						whi = nc;
					}
				} else
					previd = 0;
				i += (size_t)len;
			}
			if (i > sa)
				cells_span(sa, sc, i - sa, nc - sc);
			if (nc > n0)
				continue;
		}
		/* Any other cluster. */
		previd = 0;
		for (i = a + 1; i < bp->n && !GB(i); i++)
			;
		w = 0;
		if (!(sg->fl & (TB_HARD | TB_VISIBLE))) {
			mayrtl |= cells_rtl(t, a, bp->n);
			/* One code point, as cells_cluster_end counts it. */
			if (a + (size_t)bounds_decode(t + a, t + bp->n,
			    &uc) == i)
				w = width_lead(uc);
			else
				i = cells_cluster_end(t, a, i,
				    width < 255 ? width : 255, &w);
		}
		c = &cells[nc++];
		c->text = (uint32_t)a;
		c->src = sg->copy ? sg->src + (uint32_t)(a - sg->text) :
		    sg->src;
		c->len = (uint16_t)(i - a);
		c->flags = vf;
		if (sg->fl & TB_HARD) {
			c->width = 0;
			c->flags |= CELL_BREAK;
		} else if (sg->fl & TB_VISIBLE) {
			c->width = 1;
			c->flags |= CELL_VISIBLE;
		} else {
			c->width = (uint8_t)w;
			if (w >= 2) {
				wlo = wlo < nc ? wlo : nc - 1;
				whi = nc;
			}
			if (i - a == 1 && bp->t[a] == ' ')
				c->flags |= CELL_SPACE;
		}
	}

	ci->wlo = wlo;
	ci->whi = whi;
	ci->mayrtl = mayrtl;
	ci->ideo2 = ideo2;
	return nc;
#undef GB
}

/*
 * What cells_count() asks of each code point, kept for the BMP (for each
 * width of the ambiguous, as width.c keeps its widths): a cluster alone
 * before what it takes (UP_PLAIN, or a Hangul syllable, which no jamo or
 * mark follows there), of one column or two; wide; an ideograph.
 */
#define CM_KNOWN	0x80
#define CM_ALONE	0x01
#define CM_WIDE		0x02
#define CM_IDEO		0x04
static _Atomic unsigned char	cells_memo[2][0x10000];

static unsigned
cells_judge(ucs4_t uc)
{
	unsigned	v = CM_KNOWN;
	int		w;

	if (((uprop(uc) & UP_PLAIN) || (uc >= 0xac00 && uc <= 0xd7a3)) &&
	    ((w = width_lead(uc)) == 1 || w == 2))
		v |= CM_ALONE | (w == 2 ? CM_WIDE | (uprop_ideo(uc) ? CM_IDEO :
		    0) : 0);
	/* Threads of a dump may fill an entry at once, with one answer. */
	if (uc < 0x10000)
		atomic_store_explicit(&cells_memo[width_wide][uc],
		    (unsigned char)v, memory_order_relaxed);
	return v;
}

/*
 * How many cells cells_make() would make of the builder's display text,
 * if each is a code point alone, of one column or two, none right to
 * left, without making them; else 0. The spans of narrow ones are kept
 * (cells_spans) and *ci is filled, as cells_make() keeps and fills them;
 * the columns of each code point from 0x80 up are kept in bp->gbrk, at its
 * first byte (cells_cols).
 * A dump sets such a paragraph by its bytes (layout_fit_text).
 */
size_t
cells_count(struct builder *bp, struct cellinfo *ci)
{
	const uint8_t	*t = (const uint8_t *)bp->t;
	size_t		 i = 0, nc = 0, r, sa = 0, sc = 0;
	ucs4_t		 uc;
	unsigned	 v;
	int		 len, id, previd = 0;

	memset(ci, 0, sizeof *ci);
	ci->wlo = SIZE_MAX;
	spans.n = 0;
	if (bp->any & (TB_VISIBLE | TB_HARD | TB_VERBATIM | TB_KEPT))
		return 0;
	while (i < bp->n) {
		if (t[i] < 0x80) {
			r = cells_ascii_end(t, i, bp->n);
			nc += r - i;
			previd = 0;
			if ((i = r) >= bp->n)
				break;
		}
		len = bounds_decode(t + i, t + bp->n, &uc);
		v = uc < 0x10000 ? atomic_load_explicit(
		    &cells_memo[width_wide][uc], memory_order_relaxed) : 0;
		if (v == 0)
			v = cells_judge(uc);
		if (!(v & CM_ALONE) || cells_rtl(t, i, bp->n))
			return 0;
		bp->gbrk[i] = (char)(v & CM_WIDE ? 2 : 1);
		if (v & CM_WIDE) {
			/* A span ends before it (cells_make). */
			if (i > sa)
				cells_span(sa, sc, i - sa, nc - sc);
			sa = i + (size_t)len;
			sc = nc + 1;
			id = (v & CM_IDEO) != 0;
			ci->ideo2 += (size_t)(id & previd);
			previd = id;
			ci->wlo = ci->wlo < nc ? ci->wlo : nc;
			ci->whi = nc + 1;
		} else
			previd = 0;
		nc++;
		i += (size_t)len;
	}
	if (i > sa)
		cells_span(sa, sc, i - sa, nc - sc);
	return nc;
}

/* The spans of narrow cells of the last cells_make() on this thread. */
const struct span *
cells_spans(size_t *n)
{
	*n = spans.n;
	return spans.v;
}

/* Give back the calling thread's spans. */
void
cells_release(void)
{
	free(spans.v);
	memset(&spans, 0, sizeof spans);
}
