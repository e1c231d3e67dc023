#!/bin/sh
# tty-quotes.sh: quotes in tmux: their own style, Tab and Shift-Tab move
# the reverse-video quote, and the quote list names the speakers.
. "${srcdir:-.}/tests/lib.sh"
need tmux

esc=$(printf '\033')
status() { tmux_capture | tail -n 1; }
# The text of the rows drawn in reverse video (the current quote).
current() { tmux_capture -e | grep "${esc}\[7m" | sed "s/${esc}\[[0-9;]*m//g"; }

tmux_start 60 30 "$LEDE"
wait_for "date 2017-11-16"
tmux_capture -e | grep "time is quickly" | grep -Eq "${esc}\[(3|32)m.?.?.?time"
ok $? "quoted speech has a style of its own (green or italic)"
tmux_capture -e | grep "state media said" | grep -Eq "${esc}\[(3|32)m"; [ $? -ne 0 ]
ok $? "plain text does not"
tmux_keys Tab; settle
current | grep -q "time is quickly running out"; ok $? "Tab: the first quote in reverse video"
tmux_keys Tab; settle
current | grep -q "consensus"; ok $? "Tab: the next quote"
tmux_keys Tab; settle
current | grep -q "China is now actively"; ok $? "Tab: the next, scrolled into view"
tmux_keys Tab; settle
current | grep -q "envoy.s visit"; ok $? "Tab: a quote over two rows, whole on the screen"
n=$(current | wc -l)
[ "$n" -ge 2 ]; ok $? "every row of it is reverse ($n rows)"
tmux_keys BTab; settle
current | grep -q "China is now actively"; ok $? "Shift-Tab: back one quote"
tmux_keys '"'; settle
tmux_capture | grep -q 'Quotes'; ok $? '" opens the quote list'
tmux_capture | grep -q 'Wang: “China is now'; ok $? "the list attributes “China is now…” to Wang"
tmux_capture | grep -q 'Wang: “The envoy'; ok $? "and “The envoy’s visit…” to Wang"
tmux_capture | grep -q 'Trump: “China can fix'; ok $? "and “China can fix…” to Trump"
tmux_capture | grep -q '(term) “consensus”'; ok $? "“consensus” is a term"
tmux_capture | grep -q '(term) “dual-track”'; ok $? "“dual-track” is a term"
tmux_capture | grep -q '…'; ok $? "long quotes are cut with …"
tmux_keys G Enter; settle
current | grep -q "dual-track"; ok $? "G, Enter in the list jumps to the last quote"
tmux_stop

# The same at 37 columns: every quote is still reachable and whole.
tmux_start 37 20 "$LEDE"
wait_for "date"
i=0; seen=
while [ "$i" -lt 8 ]; do
	tmux_keys Tab; settle
	seen="$seen$(current | head -n 1)|"
	i=$((i + 1))
done
tmux_keys Tab; settle
status | grep -q 'no next quote'; ok $? "Tab after the last quote says so"
echo "$seen" | grep -q 'upping the sanctions'; ok $? "Tab visits the last sentence quote at 37 columns"
tmux_stop
done_testing
