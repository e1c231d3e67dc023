#!/bin/sh
# tty-keys.sh: less's habits in tmux: counts before keys, +command,
# n and Tab from what is shown, the match counter as an ordinal, an
# empty pattern, help that runs a key, :q, and the small things (the
# contents' numbers, reading time in hours, a combining mark typed).
. "${srcdir:-.}/tests/lib.sh"
need tmux

tmp=$(mktemp -d)
XDG_STATE_HOME=$tmp/state
export XDG_STATE_HOME
trap 'rm -rf "$tmp"; tmux_stop' EXIT
row() { tmux_capture | sed -n "${1}p"; }
status() { tmux_capture | tail -n 1; }

# Numbered paragraphs: "item N" on line 2N-1 of the file.
i=1
while [ $i -le 300 ]; do
	printf 'item %d has the license word.\n\n' $i
	i=$((i + 1))
done > "$tmp/items.txt"

# Counts: 10j, 3Space, Esc dropping a count.
tmux_start 37 20 "$LEDE" "$tmp/items.txt"
wait_for "item 1 has"
tmux_keys 1 0 j; settle
row 1 | grep -q "^item 6 has"; ok $? "10j: ten rows down (item 6 on top: $(row 1))"
tmux_keys 4 Space; settle
row 1 | grep -q "^item 8 has"; ok $? "4Space: four rows, as in less ($(row 1))"
tmux_keys 5; settle
status | grep -q ' 5 '; ok $? "the count typed is on the status line"
tmux_keys Escape j j; settle
row 1 | grep -q "^item 9 has"; ok $? "Esc drops the count: j is one row ($(row 1))"
# 7g: line 7 of the file, item 4.
tmux_keys 7 g; settle
row 1 | grep -q "^item 4 has"; ok $? "7g: line 7 of the file on top ($(row 1))"
tmux_keys 2 0 1 G; settle
row 1 | grep -q "^item 101 has"; ok $? "201G: line 201 ($(row 1))"
tmux_keys 5 0 %; settle
row 1 | grep -q "^item 15[0-9] has"; ok $? "50%: half way ($(row 1))"
tmux_keys g 5 0 p; settle
row 1 | grep -q "^item 15[0-9] has"; ok $? "50p: the same ($(row 1))"
tmux_keys 0 %; settle
row 1 | grep -q "^item 1 has"; ok $? "0%: the beginning"

# The match counter is the ordinal of the match shown.
tmux_keys / license Enter; settle
status_has ' 1/300 '; ok $? "/license: 1/300 ($(status))"
tmux_keys 1 6 Space; settle
top=$(row 1 | sed -n 's/^item \([0-9]*\) .*/\1/p')
tmux_keys n; settle
status_has " $top/300 "
ok $? "after scrolling, n shows the ordinal of the match shown (top item $top: $(status))"
tmux_keys 3 n; settle
status_has " $((top + 3))/300 "; ok $? "3n: three matches on ($(status))"
tmux_keys N; settle
n1=$(status | grep -oE '[0-9]+/300' | cut -d/ -f1)
tmux_keys n; settle
n2=$(status | grep -oE '[0-9]+/300' | cut -d/ -f1)
[ "$n2" -eq $((n1 + 1)) ]; ok $? "N then n: ordinals step by one ($n1, $n2)"
# / with an empty pattern repeats the last search forward.
tmux_keys g; settle
tmux_keys / Enter; settle
status_has ' 1/300 '; ok $? "/ Enter from the top: the first match ($(status))"
tmux_keys / Enter; settle
status_has ' 2/300 '; ok $? "/ Enter again: the next match, as in less ($(status))"
tmux_keys '?' Enter; settle
status_has ' 1/300 '; ok $? "? Enter: the previous one ($(status))"
tmux_keys : q
sleep 0.5
tmux -L "$TMUX_SOCK" list-panes >/dev/null 2>&1; [ $? -ne 0 ]
ok $? ":q quits"
tmux_stop

# An empty pattern in a new run: the newest of the history.
tmux_start 37 20 "$LEDE" "$tmp/items.txt"
wait_for "item 1 has"
tmux_keys / Enter; settle
status_has '/300'; ok $? "/ Enter in a new run: the history's newest ($(status))"
tmux_stop

# +command: keys before the first.
tmux_start 37 20 "$LEDE" +G "$tmp/items.txt"
wait_for "item 300"
status | grep -q '(END)'; ok $? "+G opens at the end"
tmux_stop
tmux_start 37 20 "$LEDE" +7g "$tmp/items.txt"
wait_for "item 4 has"
row 1 | grep -q "^item 4 has"; ok $? "+7g opens at line 7"
tmux_stop
tmux_start 37 20 "$LEDE" +50% "$tmp/items.txt"
wait_for "item 15"
row 1 | grep -q "^item 15[0-9] has"; ok $? "+50% opens half way"
tmux_stop

# Help: Enter on an entry runs its key.
tmux_start 70 40 "$LEDE" "$tmp/items.txt"
wait_for "item 1 has"
tmux_keys h; settle
tmux_capture | grep -q 'Ctrl-F'; ok $? "help names Ctrl-F"
tmux_capture | grep -q 'Ctrl-G'; ok $? "help names Ctrl-G"
tmux_keys 8 Enter; settle
status | grep -q '(END)'; ok $? "help: Enter on 'G, >, End' goes to the end"
tmux_stop

# Tab and Shift-Tab go on from the screen, not from the last quote.
tmux_start 37 20 "$LEDE" --no-history
wait_for "date 2017-11-16"
tmux_keys Tab Tab; settle
tmux_keys G; settle
tmux_keys BTab; settle
status | grep -q '(END)\|9[0-9]%'; ok $? "Shift-Tab after G: a quote near the end, not the second ($(status))"
tmux_keys g; settle
tmux_keys Tab; settle
tmux_capture -e | grep "time is quickly" | grep -q "$(printf '\033')\[7m"
ok $? "Tab from the top: the first quote of the article"
tmux_stop

# The contents' numbers are right-aligned; reading time over an hour.
{
	i=1
	while [ $i -le 12 ]; do
		printf 'SECTION NUMBER %d\n\n' $i
		j=0
		while [ $j -lt 150 ]; do
			printf 'words and more words and more words and more words here\n'
			j=$((j + 1))
		done
		printf '\n'
		i=$((i + 1))
	done
} > "$tmp/long.txt"
tmux_start 60 24 "$LEDE" "$tmp/long.txt"
wait_for "SECTION NUMBER 1"
tmux_keys t; settle
c1=$(tmux_capture | grep 'SECTION NUMBER 1 ' | head -1 | awk '{ print index($0, "SECTION") }')
c12=$(tmux_capture | grep 'SECTION NUMBER 12' | head -1 | awk '{ print index($0, "SECTION") }')
[ -n "$c1" ] && [ "$c1" = "$c12" ]
ok $? "contents: the numbers right-aligned, the titles in one column ($c1, $c12)"
tmux_keys Escape =; settle
tmux_capture | grep -q 'Reading:  about 1 h [0-9]* min'
ok $? "reading time over an hour in hours and minutes ($(tmux_capture | grep Reading))"
tmux_stop

# A combining mark typed in the prompt joins its base.
tmux_start 37 20 "$LEDE" --no-history
wait_for "date 2017-11-16"
tmux_keys /
tmux_keys -l "$(printf 'cafe\314\201')"; settle
status | grep -q "^/caf$(printf 'e\314\201')"; ok $? "prompt: e and a combining acute in one cell ($(status))"
tmux_keys Escape
tmux_stop

done_testing
