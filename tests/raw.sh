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

# What grep --color and git write: erase-line after each colour change,
# dropped as less -R drops it; an OSC 8 hyperlink is its text,
# underlined; an unterminated or bad one is still shown.
printf '1:The \033[01;31m\033[Kcity\033[m\033[K council \033[2Kmet; see \033]8;;https://example.org/m\033\\the minutes\033]8;;\033\\ and \033]8;id=x;http://a.example/\007this\033]8;;\007.\n' > "$in.grep"
out=$("$LEDE" -d -w 200 -R "$in.grep")
[ "$out" = "1:The city council met; see the minutes and this." ]
ok $? "-R: erase-line dropped, hyperlinks shown as their text ($out)"
printf 'a \033]8;;http://x\033[1mb \033]52;c;ZXZpbA==\007 c\n' > "$in.bad"
out=$("$LEDE" -d -w 200 -R "$in.bad")
[ "$out" = "a ^[]8;;http://x^[[1mb ^[]52;c;ZXZpbA==^G c" ] || [ "$out" = "a ^[]8;;http://xb ^[]52;c;ZXZpbA==^G c" ]
ok $? "-R: an unterminated link and other OSCs still shown ($out)"
"$LEDE" -d -R "$in.grep" "$in.bad" | grep -q "$esc"; [ $? -ne 0 ]; ok $? "-R: still no ESC byte in the dump"
# git says -R to its pager in LESS ("FRX"), man-db too ("-ix8RmPm...").
out=$(LESS=FRX "$LEDE" -d -w 200 "$in.grep")
[ "$out" = "1:The city council met; see the minutes and this." ]
ok $? "LESS=FRX (git): as -R"
for l in "-ix8RmPm Manual page" "--RAW-CONTROL-CHARS" "-x4 -r"; do
	out=$(LESS="$l" "$LEDE" -d -w 200 "$in.grep")
	[ "$out" = "1:The city council met; see the minutes and this." ]
	ok $? "LESS='$l': as -R"
done
for l in "" "FX" "-i -P (press R)" "-pRed"; do
	out=$(LESS="$l" "$LEDE" -d -w 200 "$in.grep")
	[ "${out#*\^\[}" != "$out" ]
	ok $? "LESS='$l': not -R (an R in a prompt or a pattern is no option)"
done
rm -f "$in.grep" "$in.bad"

need tmux
tmux_start 60 5 "$LEDE" -R "$in"
wait_for "plain"
tmux_capture -e | head -n 1 | grep -q "${esc}\[1m${esc}\[31mred"; ok $? "-R in tmux: red bold drawn as red bold"
tmux_capture | head -n 1 | grep -q "^plain red bold back \^\[\[2Jclear"; ok $? "-R in tmux: columns as if the codes were not there"
[ "$(tmux -L "$TMUX_SOCK" display -p '#{pane_title}')" != "title" ]; ok $? "the OSC title set did nothing"
tmux_stop
printf 'see \033]8;;https://example.org/m\033\\the minutes\033]8;;\033\\ now\n' > "$in"
tmux_start 60 5 "$LEDE" -R "$in"
wait_for "minutes"
tmux_capture -e | head -n 1 | grep -q "^see ${esc}\[4mthe.*${esc}\[4mminutes${esc}\[0m.* now"
ok $? "-R in tmux: a hyperlink's text underlined ($(tmux_capture -e | head -n 1 | cat -v))"
tmux_stop

# L: the links, their text and targets; picking one goes to it.
{
	printf 'see \033]8;;https://example.org/minutes\033\\the \033[1mminutes\033[m\033]8;;\033\\ now.\n\n'
	i=0
	while [ $i -lt 30 ]; do printf 'filler paragraph %d.\n\n' $i; i=$((i + 1)); done
	printf 'and \033]8;id=2;https://example.org/survey\007the survey\033]8;;\007 at the end.\n'
} > "$in"
tmux_start 60 8 "$LEDE" -R "$in"
wait_for "minutes"
tmux_keys L
wait_for "Links" 20; ok $? "L: the list of links"
tmux_capture | grep -q '1  the minutes  <https://example.org/minutes>'
ok $? "L: a link's text, its styles left out, and its target"
tmux_capture | grep -q '2  the survey  <https://example.org/survey>'
ok $? "L: the second link"
! tmux_capture | grep -q '\^\['; ok $? "L: no escape shown"
tmux_keys Down Enter
settle
tmux_capture | grep -q 'the survey at the end'; ok $? "picking a link goes to it"
tmux_stop
tmux_start 60 8 "$LEDE" "$in"
wait_for "see"
tmux_keys L
settle
tmux_capture | tail -n 1 | grep -q 'no links (-R'; ok $? "without -R: L says how ($(tmux_capture | tail -n 1))"
done_testing
