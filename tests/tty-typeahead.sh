#!/bin/sh
# tty-typeahead.sh: keys typed ahead, as a fast reader types them, land
# as if typed slowly: written at once, 50 ms and 250 ms after the start
# on a 100 MB article (while lede lays out, builds the outline and asks
# the terminal), and while it counts the matches of a search on 50 MB;
# none is lost and none is run as a command of another mode.
. "${srcdir:-.}/tests/lib.sh"
need tmux

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; tmux_stop' EXIT
gen=${abs_top_builddir:-.}/bench/gen
factor=${LEDE_TIME_FACTOR:-1}
long=$((300 * factor))		# wait_for tries of 0.1 s
row() { tmux_capture | sed -n "${1}p"; }
status() { tmux_capture | tail -n 1; }
alive() { tmux -L "$TMUX_SOCK" list-panes >/dev/null 2>&1; }

"$gen" 100 > "$tmp/big.txt" || { echo "Bail out! bench/gen failed"; exit 1; }
"$gen" 50 > "$tmp/mid.txt"

# A terminal that never answers the probe: keys written while lede waits
# for the answers (20 ms after the start) are not lost.
printf 'item\n\n%.0s' $(seq 1 400) > "$tmp/items.txt"
XDG_STATE_HOME=$tmp/s1 TERM=xterm-256color "$HELPER" ptykeys "$tmp/out" \
    20 G 1500 q -- "$LEDE" "$tmp/items.txt"
ok $? "a silent terminal: G at 20 ms, q later: exits 0"
top=$(cut -d' ' -f1 "$tmp/s1/lede/positions" 2>/dev/null)
[ "${top:-0}" -gt 1000 ]; ok $? "... and G was not lost (top at $top)"

# At once: a search typed before lede is ready, Enter 0.25 s later.
tmux_start 80 24 "$LEDE" --no-history "$tmp/big.txt"
tmux_keys -l /LEDEBENCHMIDDLE
sleep 0.25
tmux_keys Enter
wait_for "1/1" $long; ok $? "at once: /LEDEBENCHMIDDLE, Enter at 0.25 s: found ($(status))"
tmux_capture | grep -q "^ *LEDEBENCHMIDDLE"; ok $? "... and shown"
tmux_stop

# At once: t lists the sections (waiting for the outline if it must).
tmux_start 80 24 "$LEDE" --no-history "$tmp/big.txt"
tmux_keys t
wait_for "Contents" $long; ok $? "at once: t opens the contents"
tmux_keys Escape
tmux_stop

# 50 ms after the start: a search for the last paragraph.
tmux_start 80 24 "$LEDE" --no-history "$tmp/big.txt"
sleep 0.05
tmux_keys -l /zyzzyvamarker
tmux_keys Enter
wait_for "1/1" $long; ok $? "at 50 ms: /zyzzyvamarker Enter: found ($(status))"
status | grep -q '(END)\|99%\|100%'; ok $? "... at the end of the article"
tmux_stop

# 250 ms after the start: a count, then its key.
tmux_start 80 24 "$LEDE" --no-history "$tmp/big.txt"
sleep 0.25
tmux_keys 5 0 %
sleep 1
status | grep -qE ' 5[0-9]%'; ok $? "at 250 ms: 50% goes half way ($(status))"
tmux_stop

# A regex search, then at once ?Gquick: the prompt opens and takes it all.
tmux_start 80 24 "$LEDE" --no-history "$tmp/mid.txt"
sleep 0.05
tmux_keys / C-r -l 'ab.*cd'
tmux_keys Enter
tmux_keys -l '?Gquick'
wait_for "?Gquick" $long; ok $? "?Gquick after a search: typed into the prompt ($(status))"
alive; ok $? "... and q in it did not quit"
tmux_keys Escape; sleep 0.2
alive; ok $? "Esc closes the prompt, lede still runs"
tmux_stop

# While the matches of a search are counted (50 MB of "e"): / opens the
# prompt at once, and a search typed in it lands.
tmux_start 80 24 "$LEDE" --no-history "$tmp/mid.txt"
wait_for "LEDEBENCHFIRST" $long
tmux_keys / e Enter
sleep 0.1
status | grep -q '/…'; ok $? "the count of /e is under way ($(status))"
tmux_keys /
sleep 0.3
status | grep -q '^/'; ok $? "during the count, / opens the prompt ($(status))"
tmux_keys -l LEDEBENCHLAST
tmux_keys Enter
wait_for "1/1" $long; ok $? "... and /LEDEBENCHLAST lands ($(status))"
tmux_capture | grep -q "LEDEBENCHLAST"; ok $? "... shown"
tmux_stop

# A file of a million headings: every list and the prompt, asked for at
# once, opens and stays open while the outline is still being built.
yes 'A HEADING LINE' | head -n 1000000 | sed G > "$tmp/heads.txt"
for k in h = t /; do
	case $k in
	h) want="Keys";;
	=) want="Position:";;
	t) want="Contents";;
	/) want="";;
	esac
	tmux_start 80 24 "$LEDE" --no-history "$tmp/heads.txt"
	tmux_keys "$k"
	if [ "$k" = / ]; then
		tmux_keys -l 'HEADING'
		sleep 0.5
		status | grep -q '^/HEADING'
		ok $? "at once on a million headings: / opens the prompt and keeps it ($(status))"
	else
		wait_for "$want" $long
		sleep 0.5
		tmux_capture | grep -q "$want"
		ok $? "at once on a million headings: $k opens its list and keeps it"
	fi
	tmux_stop
done

done_testing
