#!/bin/sh
# tty-typo.sh: typography in the real binary, in tmux.
#
# The sample and every fixture of tests/golden (Chinese, Japanese, Korean,
# emoji, mixed, ambiguous) paged with Space at 20, 37 and 80 columns:
# nothing lost or reordered, no row wider than the window, no word split
# that fits on a row, no CJK closing punctuation starting a row nor opening
# bracket ending one. Resizing keeps the top row's first character on top.
# The + and - keys change the text column and J justifies, exactly as
# --dump lays the text out. The ambiguous-width probe (-a auto) leaves no
# trace, and -a wide lays curly quotes out as two columns.
. "${srcdir:-.}/tests/lib.sh"
need tmux

gdir=$srcdir/tests/golden
tmp=$(mktemp -d)
cleanup() {
	tmux_stop
	rm -rf "$tmp"
}
trap cleanup EXIT

# start COLS ROWS COMMAND: a fresh tmux server (the last one stopped).
start() {
	tmux_stop
	tmux_start "$@"
	trap cleanup EXIT
}

# wait_status: wait until lede has drawn its status line (a percentage).
wait_status() {
	_n=0
	while [ "$_n" -lt 50 ]; do
		tmux_capture | tail -n 1 | grep -q '%' && break
		sleep 0.1
		_n=$((_n + 1))
	done
	settle
}

# screen FILE: the text rows (all but the status line) into FILE.
screen() {
	tmux_capture | head -n 19 > "$1"
}

# page FILE: press Space until the status line shows (END), appending the
# text rows of every screen to FILE. Returns 1 if the end is not reached.
page() {
	: > "$1"
	_n=0
	while [ "$_n" -lt 80 ]; do
		settle
		tmux_capture > "$tmp/page"
		head -n 19 "$tmp/page" >> "$1"
		tail -n 1 "$tmp/page" | grep -q "(END)" && return 0
		tmux_keys Space
		_n=$((_n + 1))
	done
	return 1
}

# kinsoku FILE: rows that start with closing CJK punctuation or end with
# an opening bracket, except where the row before ends with the
# continuation mark (a verbatim line cut at the margin, by design).
kinsoku() {
	awk 'prev !~ /\\$/ && /^(。|，|、|」|』|）|！|？)/ { print; bad = 1 }
	    /(「|『|（)$/ { print; bad = 1 }
	    { prev = $0 } END { exit bad }' "$1"
}

# joined FILE: FILE without what tmux joins to the code point before it
# (a ZWJ and the code point after it): tmux 3.3a draws a ZWJ sequence in
# one 2-column cell (and the probe, -a auto, tells lede so) but keeps only
# 21 bytes of a cell.
joined() {
	sed 's/\xe2\x80\x8d.//g' "$1"
}

# dumprows W FIRST LAST [OPTION...]: rows FIRST to LAST of the sample as
# --dump lays it out at width W.
dumprows() {
	_w=$1 _f=$2 _l=$3
	shift 3
	"$LEDE" --dump -w "$_w" "$@" "$srcdir/src/sample.txt" |
	    sed -n "${_f},${_l}p"
}

# --- Paging: every fixture at 20, 37 and 80 columns.
for input in "$srcdir/src/sample.txt" "$gdir"/cjk.txt "$gdir"/japanese.txt \
    "$gdir"/korean.txt "$gdir"/emoji.txt "$gdir"/mixed.txt \
    "$gdir"/ambiguous.txt; do
	name=$(basename "$input" .txt)
	# A family of four is 7 code points, more than a curses cell holds
	# (CCHARW_MAX is 5): the screen draws it member by member while the
	# terminal joins it (a known bug). Page families of three instead.
	if [ "$name" = emoji ]; then
		sed 's/\xe2\x80\x8d\xf0\x9f\x91\xa6//g' "$input" > "$tmp/emoji.txt"
		input=$tmp/emoji.txt
	fi
	for w in 20 37 80; do
		start "$w" 20 "$LEDE -w $w '$input'"
		wait_status
		page "$tmp/rows"; ok $? "$name at $w: paging reaches (END)"
		joined "$input" > "$tmp/want"
		joined "$tmp/rows" > "$tmp/seen"
		"$HELPER" subseq "$tmp/want" "$tmp/seen"
		ok $? "$name at $w: every character seen, in order"
		set -- $("$HELPER" widest "$tmp/seen")
		[ "$1" -le "$w" ]
		ok $? "$name at $w: no row wider than $w (widest $1, row $2)"
		"$HELPER" words "$input" "$tmp/rows" "$w"
		ok $? "$name at $w: every word narrower than the row is whole"
		kinsoku "$tmp/rows"
		ok $? "$name at $w: no closing punctuation starts a row," \
		    "no opening bracket ends one"
	done
done

# --- Resize: the first character of the top row stays on the top row.
for input in "$srcdir/src/sample.txt" "$gdir"/cjk.txt "$gdir"/japanese.txt \
    "$gdir"/korean.txt "$gdir"/emoji.txt "$gdir"/mixed.txt \
    "$gdir"/ambiguous.txt; do
	name=$(basename "$input" .txt)
	[ "$name" = emoji ] && input=$tmp/emoji.txt
	start 37 20 "$LEDE -w 0 '$input'"
	wait_status
	# A few rows down (the fixtures are two screens or less), then on to
	# a row with text.
	case $name in
	sample)	tmux_keys Space Space Space ;;
	*)	tmux_keys j j j j j j ;;
	esac
	settle
	_n=0
	while [ "$_n" -lt 5 ] && tmux_capture | head -n 1 | grep -q '^ *$'; do
		tmux_keys j
		settle
		_n=$((_n + 1))
	done
	word=$(tmux_capture | head -n 1 | awk '{ print $1 }')
	first=$(printf '%s\n' "$word" | grep -o '^.')
	[ -n "$first" ]; ok $? "$name: a word on the top row at 37 ($word)"
	for w in 20 80 50 37; do
		top=$(tmux_capture | head -n 1 | sed 's/^ *//' | grep -o '^.')
		tmux -L "$TMUX_SOCK" resize-window -x "$w" -y 20
		# Wait for lede to redraw at the new width (the pane can look
		# settled before SIGWINCH has arrived, and tmux wraps or cuts
		# the old rows itself): its status line then ends with the
		# position's '%' in the next to last column.
		_n=0
		while [ "$_n" -lt 50 ]; do
			settle
			tmux_capture | tail -n 1 | sed 's/ *$//' > "$tmp/status"
			set -- $("$HELPER" widest "$tmp/status")
			[ "$1" -eq "$((w - 1))" ] &&
			    grep -q '%$' "$tmp/status" && break
			sleep 0.1
			_n=$((_n + 1))
		done
		tmux_capture | head -n 1 > "$tmp/top"
		grep -qF -- "$top" "$tmp/top"
		ok $? "$name: resize to $w keeps '$top' on the top row ($(cat "$tmp/top"))"
		screen "$tmp/page"
		joined "$tmp/page" > "$tmp/seen"
		set -- $("$HELPER" widest "$tmp/seen")
		[ "$1" -le "$w" ]; ok $? "$name: at $w no row wider than $w"
	done
done

# --- + and - change the text column, J justifies: the screen shows the
# rows --dump makes, centred in the window.
start 80 20 "$LEDE -a narrow -w 60"
wait_status
# strip W: the screen's text rows without the centring margin.
strip() {
	screen "$tmp/raw"
	sed "s/^ \{$(((80 - $1) / 2))\}//" "$tmp/raw"
}
strip 60 > "$tmp/got"; dumprows 60 1 19 > "$tmp/want"
cmp -s "$tmp/got" "$tmp/want"; ok $? "-w 60: the rows of --dump -w 60"
set -- $("$HELPER" widest "$tmp/got"); w60=$1
tmux_keys +; settle
tmux_capture | tail -n 1 | grep -q "width: 62"; ok $? "+: status shows width: 62"
strip 62 > "$tmp/got"; dumprows 62 1 19 > "$tmp/want"
cmp -s "$tmp/got" "$tmp/want"; ok $? "+: the rows of --dump -w 62"
set -- $("$HELPER" widest "$tmp/got")
[ "$1" -gt "$w60" ] && [ "$1" -le 62 ]; ok $? "+: rows wider ($w60 -> $1)"
tmux_keys - - -; settle
tmux_capture | tail -n 1 | grep -q "width: 56"; ok $? "- (3 times): width: 56"
strip 56 > "$tmp/got"; dumprows 56 1 19 > "$tmp/want"
cmp -s "$tmp/got" "$tmp/want"; ok $? "-: the rows of --dump -w 56"
set -- $("$HELPER" widest "$tmp/got")
[ "$1" -lt "$w60" ] && [ "$1" -le 56 ]; ok $? "-: rows narrower ($w60 -> $1)"
tmux_keys J; settle
tmux_capture | tail -n 1 | grep -q "justify: on"; ok $? "J: justify: on"
strip 56 > "$tmp/got"; dumprows 56 1 19 --justify > "$tmp/want"
cmp -s "$tmp/got" "$tmp/want"; ok $? "J: the rows of --dump --justify -w 56"
# Every row followed by a row of the same paragraph ends at column 56.
awk 'NR > 1 && prev != "" && $0 != "" { print prev } { prev = $0 }' \
    "$tmp/got" > "$tmp/inner"
bad=0
while IFS= read -r row; do
	printf '%s\n' "$row" > "$tmp/row"
	set -- $("$HELPER" widest "$tmp/row")
	[ "$1" -eq 56 ] || { diag "short: $row"; bad=1; }
done < "$tmp/inner"
[ -s "$tmp/inner" ] && [ "$bad" -eq 0 ]
ok $? "J: rows before a paragraph's last all end at column 56"
tmux_keys J; settle
tmux_capture | tail -n 1 | grep -q "justify: off"; ok $? "J again: justify: off"
strip 56 > "$tmp/got"; dumprows 56 1 19 > "$tmp/want"
cmp -s "$tmp/got" "$tmp/want"; ok $? "J again: ragged rows again"

# --- Ambiguous width. tmux draws a curly quote in one column: the probe
# (-a auto, the default) finds it narrow and leaves nothing on the screen.
start 37 20 "sh -c '$LEDE; echo lede-exited; sleep 30'"
wait_for "date 2017-11-16"; ok $? "-a auto: the sample opens after the probe"
wait_status
screen "$tmp/got"; dumprows 37 1 19 > "$tmp/want"
cmp -s "$tmp/got" "$tmp/want"
ok $? "-a auto: the first screen is the article's first 19 rows, narrow"
head -n 1 "$tmp/got" | grep -q "^date 2017-11-16"
ok $? "-a auto: the first row is the article's first row"
tmux_capture > "$tmp/page"
grep -q '👨\|👍\|🏽' "$tmp/page"
[ $? -ne 0 ]; ok $? "-a auto: no probe emoji on the screen"
tmux_keys q
wait_for lede-exited; ok $? "-a auto: q quits"
tmux_capture > "$tmp/page"
grep -q '“\|👨\|👍\|🏽' "$tmp/page"
[ $? -ne 0 ]; ok $? "-a auto: nothing of the probe left after quitting"

# -a narrow and -a wide on the second screen, where quotes change the
# breaks: wide draws each curly quote in two columns (tmux shows the
# quote and a blank), so the rows are those of --dump -a wide with a
# space after each quote.
start 37 20 "$LEDE -a narrow"
wait_status
tmux_keys Space; settle
screen "$tmp/narrow"; dumprows 37 20 38 > "$tmp/want"
cmp -s "$tmp/narrow" "$tmp/want"; ok $? "-a narrow: rows of --dump, quotes one column"
start 37 20 "$LEDE -a wide"
wait_status
tmux_keys Space; settle
screen "$tmp/wide"
dumprows 37 20 38 -a wide | sed "s/\([‘’“”]\)/\1 /g; s/ *$//" > "$tmp/want"
cmp -s "$tmp/wide" "$tmp/want"
ok $? "-a wide: rows of --dump -a wide, quotes two columns"
cmp -s "$tmp/wide" "$tmp/narrow"; [ $? -ne 0 ]
ok $? "-a wide: the rows differ from -a narrow"
set -- $("$HELPER" widest "$tmp/wide")
[ "$1" -le 37 ]; ok $? "-a wide: no row past column 37 (widest $1)"
# --- J on Chinese and Japanese: rows without spaces reach the width too,
# stretched between characters (never before closing punctuation), as
# --dump --justify makes them.
for name in cjk japanese; do
	start 37 40 "$LEDE -a narrow --justify $gdir/$name.txt"
	wait_status
	screen "$tmp/raw"
	"$LEDE" -a narrow --dump --justify -w 37 "$gdir/$name.txt" |
	    sed -n "1,$(wc -l < "$tmp/raw")p" > "$tmp/want"
	cmp -s "$tmp/raw" "$tmp/want"; ok $? "$name: J: the rows of --dump --justify"
	awk 'NR > 1 && prev != "" && $0 != "" { print prev } { prev = $0 }' \
	    "$tmp/raw" > "$tmp/inner"
	bad=0 n=0
	while IFS= read -r row; do
		printf '%s\n' "$row" > "$tmp/row"
		set -- $("$HELPER" widest "$tmp/row")
		n=$((n + 1))
		[ "$1" -eq 37 ] || { diag "short ($1): $row"; bad=$((bad + 1)); }
	done < "$tmp/inner"
	[ "$n" -gt 10 ] && [ "$bad" -eq 0 ]
	ok $? "$name: J: $bad of $n rows before a paragraph's last short of 37"
	# Spaces before closing punctuation: only those of the text.
	a=$(grep -o ' [。，、」）！？]' "$tmp/raw" | wc -l)
	b=$("$LEDE" -a narrow --dump -w 37 "$gdir/$name.txt" |
	    sed -n "1,$(wc -l < "$tmp/raw")p" | grep -o ' [。，、」）！？]' |
	    wc -l)
	[ "$a" -eq "$b" ]
	ok $? "$name: J: no space put before closing punctuation ($a, $b)"
done
# --- Y hyphenates (total fit may break a word, a hyphen shown), as
# --dump --hyphenate does; a search still finds the word whole.
start 37 20 "$LEDE -a narrow --no-history $srcdir/src/sample.txt"
wait_status
tmux_keys Y
settle
tmux_capture | tail -n 1 | grep -q "hyphenation: on (en_US)"
ok $? "Y: hyphenation: on ($(tmux_capture | tail -n 1))"
screen "$tmp/raw"
"$LEDE" -a narrow --dump --hyphenate -w 37 "$srcdir/src/sample.txt" |
    sed -n "1,$(wc -l < "$tmp/raw")p" > "$tmp/want"
cmp -s "$tmp/raw" "$tmp/want"; ok $? "Y: the rows of --dump --hyphenate"
grep -q 'diplo-$' "$tmp/raw"; ok $? "Y: a word hyphenated at the margin (diplo-)"
tmux_keys / diplomatic Enter
settle
tmux_capture | tail -n 1 | grep -q ' 1/[0-9]'
ok $? "Y: a search finds the hyphenated word whole ($(tmux_capture | tail -n 1))"
tmux_keys Escape Y
settle
tmux_capture | tail -n 1 | grep -q "hyphenation: off"; ok $? "Y again: off"
! tmux_capture | grep -q -- '-$'; ok $? "Y again: no row ends in a hyphen"
done_testing
