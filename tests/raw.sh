#!/bin/sh
# raw.sh: -R turns SGR sequences into styles and nothing else; without it
# every escape is shown. No ESC byte ever reaches the output.
. "${srcdir:-.}/tests/lib.sh"

in=$(mktemp)
trap 'rm -f "$in"; tmux_stop' EXIT
printf 'plain \033[1;31mred bold\033[0m back \033[2Jclear \033]0;title\007 end \033[38;5;208mx\033[m\n' > "$in"
esc=$(printf '\033')

out=$("$LEDE" -d -w 200 -R "$in")
[ "$out" = "plain red bold back ^[[2Jclear ^[]0;title^G end x" ]
ok $? "-R: SGR sequences take no column; other escapes still shown"
"$LEDE" -d -R "$in" | grep -q "$esc"; [ $? -ne 0 ]; ok $? "-R: no ESC byte in the dump"
out=$("$LEDE" -d -w 200 "$in")
[ "$out" = "plain ^[[1;31mred bold^[[0m back ^[[2Jclear ^[]0;title^G end ^[[38;5;208mx^[[m" ]
ok $? "without -R every escape is shown"

need tmux
tmux_start 60 5 "$LEDE" -R "$in"
wait_for "plain"
tmux_capture -e | head -n 1 | grep -q "${esc}\[1m${esc}\[31mred"; ok $? "-R in tmux: red bold drawn as red bold"
tmux_capture | head -n 1 | grep -q "^plain red bold back \^\[\[2Jclear"; ok $? "-R in tmux: columns as if the codes were not there"
[ "$(tmux -L "$TMUX_SOCK" display -p '#{pane_title}')" != "title" ]; ok $? "the OSC title set did nothing"
done_testing
