#!/bin/sh
# tty-sample.sh: the real binary in tmux at 37x20 pages through the
# built-in sample: every non-space character appears, in order, the CJK
# names are intact, no row is wider than the column, keys move as they
# should, and q restores the terminal.
. "${srcdir:-.}/tests/lib.sh"
need tmux

sample=$srcdir/src/sample.txt
pages=$(mktemp)
page=$(mktemp)
trap 'rm -f "$pages" "$page"; tmux_stop' EXIT

tmux_start 37 20 "$LEDE"
wait_for "date 2017-11-16"; ok $? "no argument: the built-in sample opens"
tmux_capture | tail -n 1 | grep -q "sample article"; ok $? "status line names the sample"

# Page with Space until the status line says (END).
: > "$pages"
n=0
while [ "$n" -lt 40 ]; do
	settle
	tmux_capture > "$page"
	head -n 19 "$page" >> "$pages"
	tail -n 1 "$page" | grep -q "(END)" && break
	tmux_keys Space
	n=$((n + 1))
done
tail -n 1 "$page" | grep -q "100%"; ok $? "paging reaches the end (100%) in $n pages"
"$HELPER" subseq "$sample" "$pages"; ok $? "every non-space character seen, in order"
for name in 習近平 宋濤 劉振民 王棟; do
	grep -q "($name)" "$pages"; ok $? "$name intact on one row"
done
set -- $("$HELPER" widest "$pages")
[ "$1" -le 37 ]; ok $? "no row wider than 37 columns (widest $1)"

# g goes back to the top, G to the end, k/j move one row.
tmux_keys g; settle
tmux_capture | head -n 1 | grep -q "^date 2017-11-16"; ok $? "g: top"
tmux_keys j; settle
tmux_capture | head -n 1 | grep -q "^ *$"; ok $? "j: one row down (the gap row on top)"
tmux_keys k; settle
tmux_capture | head -n 1 | grep -q "^date"; ok $? "k: one row up"
tmux_keys G; settle
tmux_capture | sed -n 18,19p | grep -q "traction\."; ok $? "G: the last row above the status line"
tmux_keys d; settle
tmux_capture | sed -n 19p | grep -q "traction\."; ok $? "d at the end stays at the end"
tmux_keys u; settle
tmux_capture | grep -q "traction\."; [ $? -ne 0 ]; ok $? "u: half a screen back"

# Resize: reflows, and the top row's text stays on top.
tmux_keys g; settle
tmux_keys Space; settle
top=$(tmux_capture | head -n 1 | awk '{print $1}')
[ -n "$top" ]; ok $? "a word on the top row before the resize ($top)"
tmux -L "$TMUX_SOCK" resize-window -x 60 -y 20 2>/dev/null ||
    tmux -L "$TMUX_SOCK" resize-pane -x 60 -y 20
settle
tmux_capture | head -n 1 | grep -q "^ *$top"; ok $? "resize to 60: '$top' still starts the top row"
tmux_capture > "$page"
set -- $("$HELPER" widest "$page")
[ "$1" -le 60 ]; ok $? "after resize no row is wider than the terminal"

tmux_keys q
sleep 0.3
tmux -L "$TMUX_SOCK" list-panes >/dev/null 2>&1; [ $? -ne 0 ]; ok $? "q quits"
done_testing
