#!/bin/sh
#
# fit.sh: total fit against greedy filling, on a file of prose (paragraphs
# between blank lines): for each width, the sum of the squared slack of
# every row but a paragraph's last, the rows, the largest gap between
# words in --justify rows, and the time of each dump. Widths are counted
# in characters, right for prose in one column a character (Latin,
# Cyrillic); run it on such text.
#	sh bench/fit.sh FILE [WIDTH...]	(default widths: 37 60 72)
#	LEDE_BIN=src/lede (default)

set -eu
: "${LEDE_BIN:=src/lede}"
unset LEDE
[ $# -ge 1 ] || { echo "usage: fit.sh file [width...]" >&2; exit 2; }
f=$1
shift
[ $# -gt 0 ] || set -- 37 60 72
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The sum of squared slack of non-last rows, and the rows.
slack() {	# width dumpfile
	LC_ALL=C.UTF-8 awk -v w="$1" '
	function flush() { for (i = 1; i < n; i++) ss += (w - len[i]) ^ 2
		rows += n; n = 0 }
	/^$/ { flush(); next }
	{ sub(/ +$/, ""); len[++n] = length($0) }
	END { flush(); printf "%d %d\n", ss, rows }' "$2"
}

# The widest run of spaces inside a justified row.
gap() {		# dumpfile
	LC_ALL=C.UTF-8 awk '{ sub(/^ +/, ""); sub(/ +$/, "")
	    while (match($0, / +/)) { if (RLENGTH > g) g = RLENGTH
	    $0 = substr($0, RSTART + RLENGTH) } } END { print g + 0 }' "$1"
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

printf '%-6s %14s %14s %7s %8s %6s %6s %8s %8s\n' width "greedy ss" \
    "fit ss" ratio "rows +%" "gap g" "gap f" "greedy s" "fit s"
for w in "$@"; do
	"$LEDE_BIN" -d -w "$w" --greedy "$f" > "$tmp/g"
	"$LEDE_BIN" -d -w "$w" "$f" > "$tmp/t"
	"$LEDE_BIN" -d -w "$w" --greedy --justify "$f" > "$tmp/gj"
	"$LEDE_BIN" -d -w "$w" --justify "$f" > "$tmp/tj"
	set -- $(slack "$w" "$tmp/g") $(slack "$w" "$tmp/t")
	printf '%-6s %14s %14s %7.3f %8.2f %6s %6s %8s %8s\n' "$w" "$1" "$3" \
	    "$(echo "$3 $1" | awk '{ print $2 ? $1 / $2 : 1 }')" \
	    "$(echo "$4 $2" | awk '{ print $2 ? ($1 - $2) * 100 / $2 : 0 }')" \
	    "$(gap "$tmp/gj")" "$(gap "$tmp/tj")" \
	    "$(secs "$w" --greedy)" "$(secs "$w")"
done
