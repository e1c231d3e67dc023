#!/bin/sh
#
# run.sh: generate the benchmark articles and time lede against less on
# each. Called by "make bench", which passes the paths below; by hand:
#	LEDE_BIN=src/lede GEN=bench/gen DRIVE=bench/drive sh bench/run.sh
#
# BENCH_SIZES	article sizes in MB (default "1 10 100")
# BENCH_RUNS	runs of each measurement per program (default 5)
# BENCH_TIMEOUT	seconds before a measurement counts as a timeout (60)
# BENCH_OUT	where the articles are kept (default bench/out)
# BENCH_PARA_MB	size in MB of the one-line paragraph (default 200; 0: none)

set -eu

: "${LEDE_BIN:=src/lede}"
# $LEDE holds lede's default options: none may change what is measured.
unset LEDE
: "${GEN:=bench/gen}"
: "${DRIVE:=bench/drive}"
: "${BENCH_OUT:=bench/out}"
: "${BENCH_SIZES:=1 10 100}"
: "${BENCH_PARA_MB:=200}"

for p in "$LEDE_BIN" "$GEN" "$DRIVE"; do
	if [ ! -x "$p" ]; then
		echo "run.sh: $p: not built (try: make bench)" >&2
		exit 1
	fi
done
for p in less fold fmt grep; do
	if ! command -v "$p" >/dev/null 2>&1; then
		echo "run.sh: $p: not found" >&2
		exit 1
	fi
done

mkdir -p "$BENCH_OUT"

# Articles are cached: made again only if missing or older than gen.
for s in $BENCH_SIZES; do
	f="$BENCH_OUT/article-$s.txt"
	if [ ! -s "$f" ] || [ "$GEN" -nt "$f" ]; then
		echo "generating $f"
		"$GEN" "$s" > "$f.tmp"
		mv "$f.tmp" "$f"
	fi
	for tok in LEDEBENCHFIRST LEDEBENCHMIDDLE zyzzyvamarker LEDEBENCHLAST; do
		n=$(grep -c "$tok" "$f" || :)
		if [ "$n" != 1 ]; then
			echo "run.sh: $f: $tok on $n lines, not 1" >&2
			exit 1
		fi
	done
done

# One paragraph on one line: 1 MB of each kind, and a huge one.
paras=
for k in english cyrillic digits nul; do
	paras="$paras $k:1"
done
if [ "$BENCH_PARA_MB" -gt 0 ]; then
	paras="$paras english:$BENCH_PARA_MB"
fi
for p in $paras; do
	f="$BENCH_OUT/para-${p%:*}-${p#*:}.txt"
	if [ ! -s "$f" ] || [ "$GEN" -nt "$f" ]; then
		echo "generating $f"
		"$GEN" -p "${p%:*}" "${p#*:}" > "$f.tmp"
		mv "$f.tmp" "$f"
	fi
done

# A 1 MB Markdown post and a 2 MB web page made of the 1 MB article:
# its paragraphs, a heading every 20, some strong text; the page with
# navigation around an <article>, as a saved page has. A 100 MB post
# too, if the 100 MB article is made: opened without being made whole.
post() {	# article post
	if [ ! -s "$2" ] || [ "$1" -nt "$2" ]; then
		echo "generating $2"
		awk 'BEGIN { RS = "" } { n++; if (n % 20 == 0)
		    print "## Section " n "\n"; if (n % 7 == 0)
		    sub(/ the /, " **the** "); print $0 "\n" }' "$1" \
		    > "$2.tmp"
		mv "$2.tmp" "$2"
	fi
}
[ ! -s "$BENCH_OUT/article-100.txt" ] ||
	post "$BENCH_OUT/article-100.txt" "$BENCH_OUT/post-100.md"
a="$BENCH_OUT/article-1.txt"
if [ -s "$a" ]; then
	post "$a" "$BENCH_OUT/post-1.md"
	if [ ! -s "$BENCH_OUT/page-2.html" ] || [ "$a" -nt "$BENCH_OUT/page-2.html" ]; then
		echo "generating $BENCH_OUT/page-2.html"
		awk 'BEGIN { RS = ""; print "<!DOCTYPE html><html><head>" \
		    "<title>Bench</title></head><body><nav><ul><li>" \
		    "<a href=\"/\">Home</a></li></ul></nav><main><article>" }
		    { n++; gsub(/&/, "\\&amp;"); gsub(/</, "\\&lt;");
		    if (n % 20 == 0) print "<h2>Section " n "</h2>";
		    print "<p>" $0 "</p>" }
		    END { print "</article></main><footer>f</footer>" \
		    "</body></html>" }' "$a" "$a" > "$BENCH_OUT/page-2.html"
	fi
fi

echo "lede: $("$LEDE_BIN" --version 2>/dev/null || echo '?')," \
    "less: $(less --version 2>/dev/null | sed 1q)"
for s in $BENCH_SIZES; do
	echo
	"$DRIVE" "$LEDE_BIN" "$BENCH_OUT/article-$s.txt"
done

# Markdown and a web page: a post made 64 KB before the first screen,
# the rest in idle time (G makes what is left); a page whole before it
# (reader mode must see all of it).
for f in "$BENCH_OUT/post-1.md" "$BENCH_OUT/page-2.html" \
    "$BENCH_OUT/post-100.md"; do
	[ -s "$f" ] || continue
	echo
	"$DRIVE" "$LEDE_BIN" "$f"
done

# The dump of 1 MB paragraphs against English; a huge paragraph opened.
echo
"$DRIVE" -d "$LEDE_BIN" "$BENCH_OUT/para-english-1.txt" \
    "$BENCH_OUT/para-cyrillic-1.txt" "$BENCH_OUT/para-digits-1.txt" \
    "$BENCH_OUT/para-nul-1.txt"
if [ "$BENCH_PARA_MB" -gt 0 ]; then
	echo
	"$DRIVE" -p "$LEDE_BIN" "$BENCH_OUT/para-english-$BENCH_PARA_MB.txt"
fi

# Total fit against greedy filling (bench/fit.sh): on the 1 MB article;
# give it real prose by hand: sh bench/fit.sh FILE.
if [ -s "$BENCH_OUT/article-1.txt" ]; then
	echo
	LEDE_BIN=$LEDE_BIN sh "$(dirname "$0")/fit.sh" "$BENCH_OUT/article-1.txt"
fi
