#!/bin/sh
# tty-state.sh: a state file lede does not use is said on the first
# screen's status line, and the session goes on: a state directory others
# may write to (nothing written to it), a FIFO as the positions file
# (replaced by a regular one when leaving), a history file that is not
# one, even when the article is resumed.
. "${srcdir:-.}/tests/lib.sh"
need tmux

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; tmux_stop' EXIT
row() { tmux_capture | sed -n "${1}p"; }
# quit KEYS...: send the keys, the last one q, and wait for lede to end.
quit() {
	tmux_keys "$@"
	_qi=0
	while tmux -L "$TMUX_SOCK" has-session 2>/dev/null && [ "$_qi" -lt 50 ]
	do
		sleep 0.1
		_qi=$((_qi + 1))
	done
	tmux_stop
}
cp "$srcdir/src/sample.txt" "$tmp/story.txt"

# A state directory others may write to: refused, said, nothing written.
XDG_STATE_HOME=$tmp/open
export XDG_STATE_HOME
mkdir -p "$XDG_STATE_HOME/lede"
chmod 777 "$XDG_STATE_HOME/lede"
tmux_start 60 12 "$LEDE" "$tmp/story.txt"
wait_for "state directory is writable by others; no state kept"
ok $? "an open state directory: the status line says it is refused"
tmux_capture | grep -q "date 2017"; ok $? "... and the article is shown"
quit Space / s a i d Enter q
[ -z "$(ls -A "$XDG_STATE_HOME/lede")" ]; ok $? "... nothing is written in it"

# A FIFO as the positions file: no hang, a message, then replaced.
XDG_STATE_HOME=$tmp/fifo
mkdir -p "$XDG_STATE_HOME/lede"
mkfifo "$XDG_STATE_HOME/lede/positions"
tmux_start 60 12 "$LEDE" "$tmp/story.txt"
wait_for "positions file is not a regular file; not used"
ok $? "a FIFO as the positions file: no hang, and the status line says so"
tmux_capture | grep -q "date 2017"; ok $? "... and the article is shown"
quit Space q
[ -f "$XDG_STATE_HOME/lede/positions" ]; ok $? "... replaced by a regular file"

# The history not a file: said, even though the article is resumed.
XDG_STATE_HOME=$tmp/history
tmux_start 60 12 "$LEDE" "$tmp/story.txt"
wait_for "date 2017"
first=$(row 1)
quit Space Space q
mkdir "$XDG_STATE_HOME/lede/history"
tmux_start 60 12 "$LEDE" "$tmp/story.txt"
wait_for "history file is not a regular file; not used"
ok $? "a directory as the history: the status line says it is not used"
[ "$(row 1)" != "$first" ]; ok $? "... though the article is resumed"
tmux_stop

done_testing
