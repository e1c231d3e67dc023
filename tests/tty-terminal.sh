#!/bin/sh
# tty-terminal.sh: hard conditions for the terminal. Resizes down to 1x1
# and back and 200 in a burst end on the same screen as a fresh start;
# Ctrl-C does not quit; SIGTERM, SIGHUP and a killed session
# restore the terminal and exit 128+sig, leaving no process behind;
# Ctrl-Z suspends with the terminal restored and fg redraws; terminals
# with 8 colours, none, or no cursor addressing start without a crash.
. "${srcdir:-.}/tests/lib.sh"
need tmux
need pgrep

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; tmux_stop' EXIT
T() { tmux -L "$TMUX_SOCK" "$@"; }
resize() { T resize-window -x "$1" -y "$2" 2>/dev/null; }
# lede_pid: the lede process under the pane's shell.
lede_pid() { pgrep -P "$(T display -p '#{pane_pid}')" lede | head -n 1; }
# gone PID: wait up to 3 s for the process to go away.
gone() {
	_i=0
	while kill -0 "$1" 2>/dev/null && [ "$_i" -lt 30 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	! kill -0 "$1" 2>/dev/null
}

# --- Resizes: the end screen is a fresh start's screen at that size.
tmux_start 60 20 "$LEDE"
wait_for "date 2017-11-16"; ok $? "sample opens at 60x20"
for s in "1 1" "2 2" "1 5" "5 1" "60 20"; do
	resize $s
	sleep 0.1
done
settle
sleep 0.3
settle
tmux_capture > "$tmp/tiny"
i=0
while [ "$i" -lt 200 ]; do
	resize $((20 + i % 70)) $((3 + i % 30))
	i=$((i + 1))
done
resize 60 20
settle
sleep 0.3
settle
tmux_capture > "$tmp/after"
alive=$(T display -p '#{pane_current_command}')
[ "$alive" = lede ]; ok $? "alive after 1x1 and 200 resizes ($alive)"
tmux_stop
tmux_start 60 20 "$LEDE"
wait_for "date 2017-11-16"
settle
tmux_capture > "$tmp/fresh"
cmp -s "$tmp/tiny" "$tmp/fresh"; r=$?
ok $r "back from 1x1: same screen as a fresh start"
[ $r -eq 0 ] || diag "$(diff "$tmp/fresh" "$tmp/tiny")"
cmp -s "$tmp/after" "$tmp/fresh"; ok $? "after 200 resizes: same screen as a fresh start"
[ -s "$tmp/fresh" ] && ! cmp -s "$tmp/after" "$tmp/fresh" &&
    diff "$tmp/fresh" "$tmp/after" | head -n 20 | while read -r l; do diag "$l"; done

# --- Ctrl-C does not quit the pager; SIGTERM restores and exits 143.
tmux_keys C-c
sleep 0.3
tmux_keys j
settle
[ "$(T display -p '#{pane_current_command}')" = lede ]; ok $? "Ctrl-C does not quit"
tmux_keys / x y z
wait_for "/xyz"
tmux_keys C-c
settle
! tmux_capture | tail -n 1 | grep -q "/xyz"; ok $? "Ctrl-C cancels the search prompt"
[ "$(T display -p '#{pane_current_command}')" = lede ]; ok $? "and lede is still there"
tmux_stop

tmux_start 60 20 "sh -c '\"$LEDE\"; echo EXIT=\$?; exec sleep 60'"
wait_for "date 2017-11-16"
T display -p '#{alternate_on}' | grep -q 1; ok $? "lede uses the alternate screen"
pid=$(lede_pid)
kill -TERM "$pid"
wait_for "EXIT=143"; ok $? "SIGTERM: exit status 143"
T display -p '#{alternate_on} #{cursor_flag} #{keypad_cursor_flag}' > "$tmp/modes"
grep -qx "0 1 0" "$tmp/modes"; ok $? "SIGTERM: alternate screen left, cursor shown, keypad reset ($(cat "$tmp/modes"))"
tmux_stop

# --- The terminal's modes after lede are those it had before (stty -g),
# after q and after SIGTERM: the terminal probe turns echo off while curses
# starts, and curses must be told the modes lede found, not those.
for how in q TERM; do
	rm -f "$tmp/before" "$tmp/after"
	tmux_start 60 20 "sh -c 'stty -g > $tmp/before; \"$LEDE\"; stty -g > $tmp/after; echo DONE; exec sleep 60'"
	wait_for "date 2017-11-16"
	if [ "$how" = q ]; then tmux_keys q; else kill -TERM "$(lede_pid)"; fi
	wait_for "DONE"
	[ -s "$tmp/before" ] && cmp -s "$tmp/before" "$tmp/after"
	ok $? "$how: the terminal's modes are those before lede (stty -g)"
	tmux_stop
done

tmux_start 60 20 "sh -c '\"$LEDE\"; echo EXIT=\$?; exec sleep 60'"
wait_for "date 2017-11-16"
pid=$(lede_pid)
kill -HUP "$pid"
wait_for "EXIT=129"; ok $? "SIGHUP: exit status 129"
gone "$pid"; ok $? "SIGHUP: the process is gone"
tmux_stop

# A killed session: the terminal goes away under lede.
tmux_start 60 20 "$LEDE"
wait_for "date 2017-11-16"
pid=$(pgrep -P "$(T display -p '#{pane_pid}')" lede || T display -p '#{pane_pid}')
T kill-session
gone "$pid"; ok $? "session killed: no lede process remains"
tmux_stop

# --- Ctrl-Z from an interactive shell, then fg.
tmux_start 60 20 "env PS1='prompt\$ ' sh -i"
wait_for "prompt\$"
tmux_keys "\"$LEDE\"" Enter
wait_for "date 2017-11-16"; ok $? "lede runs from an interactive sh"
tmux_keys C-z
sleep 0.5
wait_for "prompt\$" 30
tmux_capture | grep -v '^$' | tail -n 1 | grep -qF 'prompt$'; ok $? "Ctrl-Z: the shell prompt is back"
T display -p '#{alternate_on}' | grep -qx 0; ok $? "Ctrl-Z: the alternate screen is left"
tmux_keys fg Enter
wait_for "date 2017-11-16"; ok $? "fg: the page is redrawn"
tmux_capture | tail -n 1 | grep -q "sample article"; ok $? "fg: the status line is back"
tmux_keys q
wait_for "prompt\$"
tmux_stop

# --- The probe's answers, come late (a slow link: after lede stopped
# waiting), are no keys: curses would make of ESC [ 1 ; 2 R a shifted F3
# and of ESC [ 12 ; 9 R an ESC and keys. No bell, nothing moves; ESC and
# keys after it still work. lede's window is in the background, so that
# a bell would flag it.
tmux_start 80 20 "$LEDE"
T new-window -d 'exec sleep 60'
T select-window -t :1
for _i in 1 2 3 4 5 6 7 8 9 10; do
	T capture-pane -p -t :0 | grep -q "date 2017-11-16" && break
	sleep 0.2
done
sleep 0.3
T capture-pane -p -t :0 > "$tmp/before"
T send-keys -t :0 -l "$(printf '\033[1;2R')"
T send-keys -t :0 -l "$(printf '\033[12;9R')"
T send-keys -t :0 -l "$(printf '\033[5;13R')"
sleep 0.5
T display -p -t :0 '#{window_bell_flag}' | grep -qx 0
ok $? "late cursor position reports: no bell"
T capture-pane -p -t :0 | cmp -s - "$tmp/before"
ok $? "late cursor position reports: the screen is as it was"
T send-keys -t :0 -l "$(printf '\033j')"
sleep 0.4
T capture-pane -p -t :0 | sed -n 2p | grep -q "^ *China will send"
ok $? "ESC then j: j still scrolls"
T send-keys -t :0 /
sleep 0.2
T send-keys -t :0 Escape
sleep 0.4
T capture-pane -p -t :0 | tail -n 1 | grep -q "sample article"
ok $? "ESC alone still cancels the search prompt"
tmux_stop

# --- Terminals with 8 colours, none, and no cursor addressing.
for t in xterm vt100 dumb; do
	tmux_start 60 20 "sh -c 'TERM=$t \"$LEDE\"; echo EXIT=\$?; exec sleep 60'"
	if [ "$t" = dumb ]; then
		sleep 1
		tmux_keys q
		wait_for "EXIT=" 30
		st=$(tmux_capture | sed -n 's/.*EXIT=\([0-9]*\).*/\1/p' | tail -n 1)
		[ -n "$st" ] && [ "$st" -lt 128 ]; ok $? "TERM=dumb: no crash (exit $st)"
	else
		wait_for "date 2017-11-16"; ok $? "TERM=$t: the page is shown"
		tmux_keys G; settle
		tmux_keys q
		wait_for "EXIT=0"; ok $? "TERM=$t: q quits with 0"
	fi
	tmux_stop
done
done_testing
