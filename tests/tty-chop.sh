#!/bin/sh
# tty-chop.sh: -S (--no-reflow) and S, as less -S: every line kept as it
# is, what is wider than the terminal cut at its edge (a wide character
# never cut in two), Right and Left scrolling sideways, S setting the
# lines again.
. "${srcdir:-.}/tests/lib.sh"
need tmux
HELPER=${abs_top_builddir:-.}/tests/helper

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; tmux_stop' EXIT
row() { tmux_capture | sed -n "${1}p"; }
status() { tmux_capture | tail -n 1; }

{
	printf 'A long line that goes on past the edge of a narrow terminal, to ENDMARK.\n\n'
	printf 'the harbour\ncouncil met\n\n'
	printf 'ab港口的灯一盏盏亮了渔船回来的时候风已经停了。\n'
} > "$tmp/chop.txt"

out=$("$LEDE" -d -S "$tmp/chop.txt" | sed -n 1p)
[ "$out" = "A long line that goes on past the edge of a narrow terminal, to ENDMARK." ]
ok $? "-d -S: a line printed as it is"
[ "$("$LEDE" -d -S "$tmp/chop.txt" | sed -n 3p)" = "the harbour" ]
ok $? "-d -S: lines not joined"

tmux_start 30 8 "$LEDE" -S "$tmp/chop.txt"
wait_for "A long line" 50
settle
[ "$(row 1)" = "A long line that goes on past" ]; ok $? "-S: the row cut at the edge ($(row 1))"
[ "$(row 3)" = "the harbour" ] && [ "$(row 4)" = "council met" ]
ok $? "-S: lines kept, not joined"
tmux_capture | sed -n 6p > "$tmp/cjk"
set -- $("$HELPER" widest "$tmp/cjk")
[ "${1:-99}" -le 30 ]; ok $? "-S: a CJK row within the width, no half character (${1:-?})"
tmux_keys Right
settle
[ "$(row 1)" = "t goes on past the edge of a n" ]; ok $? "Right: half a screen on ($(row 1))"
tmux_keys Right Right
settle
row 1 | grep -q 'ENDMARK\.$'; ok $? "Right Right: the end of the line ($(row 1))"
tmux_capture | sed -n 6p > "$tmp/cjk"
set -- $("$HELPER" widest "$tmp/cjk")
[ "${1:-99}" -le 30 ]; ok $? "scrolled: the CJK row still within the width (${1:-?})"
tmux_keys Left Left Left
settle
[ "$(row 1)" = "A long line that goes on past" ]; ok $? "Left: back to the first column"
tmux_keys S
settle
row 1 | grep -q '^A long line that goes on past$' && row 2 | grep -q '^the edge'
ok $? "S: lines set to the width again ($(row 1) / $(row 2))"
tmux_capture | grep -q 'the harbour council met'; ok $? "S: the paragraph joined"
tmux_keys Right
settle
status | grep -q 'S chops'; ok $? "Right without -S says how ($(status))"
tmux_keys S
settle
[ "$(row 1)" = "A long line that goes on past" ]; ok $? "S again: chopped"
tmux_keys / ENDMARK Enter
settle
row 1 | grep -q 'ENDMARK\.' ; ok $? "a match past the edge: scrolled to it ($(row 1))"
tmux_keys g Left Left Left Left
settle
[ "$(row 1)" = "A long line that goes on past" ]; ok $? "and back"
tmux_stop

# Without -S, a verbatim line may reach the terminal's edge, past the
# 72-column measure; prose keeps to the measure.
printf 'Prose that goes on long enough to wrap at the measure of seventy-two columns, surely.\n\n    for (i = 0; i < n; i++) total += weights[i] * values[i]; /* sum all */\n' > "$tmp/code.txt"
tmux_start 80 8 "$LEDE" "$tmp/code.txt"
wait_for "Prose" 50
settle
tmux_capture | grep -q '^        for (i = 0; i < n; i++) total += weights\[i\] \* values\[i\]; /\* sum all \*/$'
ok $? "a verbatim line of 74 columns whole in 80, past the 72-column measure"
[ "$(tmux_capture | sed -n 1p | wc -c)" -le 77 ]; ok $? "prose within the measure ($(row 1))"
done_testing
