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

set -eu

: "${LEDE_BIN:=src/lede}"
# $LEDE holds lede's default options: none may change what is measured.
unset LEDE
: "${GEN:=bench/gen}"
: "${DRIVE:=bench/drive}"
: "${BENCH_OUT:=bench/out}"
: "${BENCH_SIZES:=1 10 100}"

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

echo "lede: $("$LEDE_BIN" --version 2>/dev/null || echo '?')," \
    "less: $(less --version 2>/dev/null | sed 1q)"
for s in $BENCH_SIZES; do
	echo
	"$DRIVE" "$LEDE_BIN" "$BENCH_OUT/article-$s.txt"
done
