#!/bin/sh
# tty-signals.sh: signals at any moment leave the terminal as lede found
# it. On a pseudo-terminal that never answers the probe (so lede waits
# its full 0.2 s for the answers with echo and canonical input off),
# SIGTERM and SIGHUP in that window quit with 128 + the signal, SIGINT is
# a key that does not quit, and the modes are given back every time; in
# tmux, with --mouse, two SIGTERMs at once (the second taking the
# emergency exit) still turn mouse reporting off; and a terminal closed
# while a long search runs ends lede.
. "${srcdir:-.}/tests/lib.sh"
need tmux

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; tmux_stop' EXIT
XDG_STATE_HOME=$tmp/state
export XDG_STATE_HOME

for s in TERM:143 HUP:129; do
	sig=${s%:*}
	want=${s#*:}
	out=$(TERM=xterm-256color "$HELPER" ptymodes "$tmp/out" 60 "!$sig" \
	    -- "$LEDE" "$srcdir/tests/data/structure.txt")
	echo "$out" | grep -q "^exit $want\$"
	ok $? "SIG$sig during the probe: exit $want ($(echo $out))"
	echo "$out" | grep -q "^echo 1 icanon 1\$"
	ok $? "SIG$sig during the probe: echo and canonical input given back"
done
out=$(TERM=xterm-256color "$HELPER" ptymodes "$tmp/out" 60 "!INT" 700 q \
    -- "$LEDE" "$srcdir/tests/data/structure.txt")
echo "$out" | grep -q "^exit 0\$"
ok $? "SIGINT during the probe does not quit; q does ($(echo $out))"
echo "$out" | grep -q "^echo 1 icanon 1\$"
ok $? "SIGINT during the probe: the modes given back at the end"

# Two SIGTERMs at once: the second may take the emergency exit, which
# must also turn the mouse off.
tmux_start 60 10 sh -c "'$LEDE --mouse --no-history $srcdir/tests/data/structure.txt; echo lede ended \$?; sleep 30'"
wait_for "Markdown Title"
[ "$(tmux -L "$TMUX_SOCK" display -p '#{mouse_any_flag}')" = 1 ]
ok $? "--mouse: mouse reporting on"
pid=$(pgrep -P "$(tmux -L "$TMUX_SOCK" display -p '#{pane_pid}')" -x lede)
kill -STOP "$pid"
kill -TERM "$pid"
kill -CONT "$pid"
kill -TERM "$pid"
wait_for "lede ended 143"; ok $? "two SIGTERMs: exit 143"
[ "$(tmux -L "$TMUX_SOCK" display -p '#{mouse_any_flag}')" = 0 ]
ok $? "two SIGTERMs: mouse reporting off"
tmux_stop

# The terminal closes while a long search runs: lede hears SIGHUP, the
# search stops, and lede is gone at once, not left running.
"${abs_top_builddir:-.}/bench/gen" 50 > "$tmp/big.txt"
tmux_start 80 12 "$LEDE" --no-history "$tmp/big.txt"
wait_for "LEDEBENCHFIRST"
pid=$(pgrep -P "$(tmux -L "$TMUX_SOCK" display -p '#{pane_pid}')" -x lede ||
    tmux -L "$TMUX_SOCK" display -p '#{pane_pid}')
tmux_keys / C-r
tmux_keys -l '(?:[a-z]+ ){9}[0-9]{7}qq'
tmux_keys Enter
wait_for "Searching" 100
tmux -L "$TMUX_SOCK" kill-server
n=0
while kill -0 "$pid" 2>/dev/null && [ $n -lt 30 ]; do
	sleep 0.1
	n=$((n + 1))
done
kill -0 "$pid" 2>/dev/null; [ $? -ne 0 ]
ok $? "the terminal closed during a long search: lede is gone ($((n * 100)) ms)"
kill -KILL "$pid" 2>/dev/null
tmux_stop

done_testing
