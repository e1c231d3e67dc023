#!/bin/sh
#
# fit.sh: total fit (and with --hyphenate) against greedy filling, on a
# file of English prose (paragraphs between blank lines): for each width,
# the sum of the squared slack of every row but a paragraph's last, the
# rows, the largest gap between words in --justify rows and the share of
# rows with one over 3 columns, the time of each dump, and the dump's
# throughput against fold -s. Widths are counted in characters, right
# for prose in one column a character (Latin, Cyrillic); run it on such
# text.
#	sh bench/fit.sh FILE [WIDTH...]	(default widths: 37 60 72)
#	LEDE_BIN=src/lede (default)

set -eu
: "${LEDE_BIN:=src/lede}"
unset LEDE
[ $# -ge 1 ] || { echo "usage: fit.sh file [width...]" >&2; exit 2; }
f=$1
shift
[ $# -gt 0 ] || set -- 37 60 72
widths=$*
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# One byte a character (each UTF-8 sequence as "x"), since awk (mawk,
# Debian's default) counts bytes.
chars() {	# dumpfile
	LC_ALL=C sed 's/[\xc0-\xf7][\x80-\xbf]*/x/g' "$1"
}

# The sum of squared slack of non-last rows, and the rows.
slack() {	# width dumpfile
	chars "$2" | awk -v w="$1" '
	function flush() { for (i = 1; i < n; i++) ss += (w - len[i]) ^ 2
		rows += n; n = 0 }
	/^$/ { flush(); next }
	{ sub(/ +$/, ""); len[++n] = length($0) }
	END { flush(); printf "%d %d\n", ss, rows }'
}

# The widest run of spaces inside a justified row, and the share of
# rows (of more than one word) with a gap over 3 columns, in percent.
gap() {		# dumpfile
	chars "$1" | awk '{ sub(/^ +/, ""); sub(/ +$/, ""); r = 0
	    if (index($0, " ")) n++
	    while (match($0, / +/)) { if (RLENGTH > g) g = RLENGTH
	    if (RLENGTH > 3) r = 1; $0 = substr($0, RSTART + RLENGTH) }
	    wide += r } END { printf "%d/%.1f%%\n", g, n ? 100 * wide / n : 0 }'
}

# Seconds of one dump.
secs() {	# width options...
	_w=$1
	shift
	_s=$(date +%s.%N)
	"$LEDE_BIN" -d -w "$_w" "$@" "$f" > /dev/null
	_e=$(date +%s.%N)
	echo "$_s $_e" | awk '{ printf "%.3f", $2 - $1 }'
}

# The best of five runs of a command, in seconds.
best5() {
	_b=
	for _r in 1 2 3 4 5; do
		_s=$(date +%s.%N)
		"$@" > /dev/null
		_e=$(date +%s.%N)
		_b=$(echo "$_s $_e ${_b:-999}" | awk '{ t = $2 - $1
		    print t < $3 ? t : $3 }')
	done
	echo "$_b"
}

# Columns: squared slack of greedy rows, of total fit's (ratio, rows),
# of total fit's with --hyphenate (ratio, rows); with --justify, the
# widest gap and the share of rows with a gap over 3, for each of the
# three; the seconds of each dump.
printf '%-5s %10s %10s %6s %6s %10s %6s %6s %12s %12s %12s %6s %6s %6s\n' \
    width "greedy ss" "fit ss" ratio "rows%" "hyph ss" ratio "rows%" \
    "gap g" "gap f" "gap h" "s g" "s f" "s h"
for w in "$@"; do
	"$LEDE_BIN" -d -w "$w" --greedy "$f" > "$tmp/g"
	"$LEDE_BIN" -d -w "$w" "$f" > "$tmp/t"
	"$LEDE_BIN" -d -w "$w" --hyphenate -L en_US "$f" > "$tmp/h"
	"$LEDE_BIN" -d -w "$w" --greedy --justify "$f" > "$tmp/gj"
	"$LEDE_BIN" -d -w "$w" --justify "$f" > "$tmp/tj"
	"$LEDE_BIN" -d -w "$w" --justify --hyphenate -L en_US "$f" > "$tmp/hj"
	set -- $(slack "$w" "$tmp/g") $(slack "$w" "$tmp/t") \
	    $(slack "$w" "$tmp/h")
	printf '%-5s %10s %10s %6.3f %6.2f %10s %6.3f %6.2f %12s %12s %12s %6s %6s %6s\n' \
	    "$w" "$1" "$3" \
	    "$(echo "$3 $1" | awk '{ print $2 ? $1 / $2 : 1 }')" \
	    "$(echo "$4 $2" | awk '{ print $2 ? ($1 - $2) * 100 / $2 : 0 }')" \
	    "$5" "$(echo "$5 $1" | awk '{ print $2 ? $1 / $2 : 1 }')" \
	    "$(echo "$6 $2" | awk '{ print $2 ? ($1 - $2) * 100 / $2 : 0 }')" \
	    "$(gap "$tmp/gj")" "$(gap "$tmp/tj")" "$(gap "$tmp/hj")" \
	    "$(secs "$w" --greedy)" "$(secs "$w")" \
	    "$(secs "$w" --hyphenate -L en_US)"
done

# The dump's throughput against fold -s, on the file repeated to at least
# 32 MB (so that starting a process is not what is timed).
n=$(wc -c < "$f")
if [ "$n" -gt 0 ]; then
	: > "$tmp/big"
	k=0
	while [ "$k" -lt 33554432 ]; do
		cat "$f" >> "$tmp/big"
		k=$((k + n))
	done
	sync	# none of it still to be written out while timed
	"$LEDE_BIN" -d -w 80 "$tmp/big" > /dev/null	# and all of it cached
	for w in $widths; do
		tl=$(best5 "$LEDE_BIN" -d -w "$w" "$tmp/big")
		tf=$(best5 fold -s -w "$w" "$tmp/big")
		echo "$k $tl $tf $w" | awk '{ printf "dump -w %d of %.0f MB " \
		    "(best of 5): lede %.0f MB/s, fold -s %.0f MB/s: %.2fx\n", \
		    $4, $1 / 1e6, $1 / 1e6 / $2, $1 / 1e6 / $3, $3 / $2 }'
	done
fi
