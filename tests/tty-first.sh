#!/bin/sh
# tty-first.sh: the first frame is drawn straight from terminfo before
# curses starts, and curses then takes it for what the terminal shows.
# The frame comes before curses' own setup, and once; it is, attributes
# and all, what curses draws when asked to draw everything (r), in four
# scripts, at three widths, in colour and without; after a move, what
# curses changed leaves the screen as a full redraw does; where the
# frame cannot be sure (-R), curses draws the first screen itself.
. "${srcdir:-.}/tests/lib.sh"
need tmux

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; tmux_stop' EXIT
g=$srcdir/tests/golden

# offsets PATTERN FILE: the byte offsets where PATTERN occurs in FILE.
offsets() { grep -boaF -- "$1" "$2" | cut -d: -f1; }

# --- On a terminal that answers nothing (the probe waits its 200 ms).
smkx=$(TERM=xterm-256color tput smkx)
rmcup=$(TERM=xterm-256color tput rmcup)
XDG_STATE_HOME=$tmp/state TERM=xterm-256color "$HELPER" pty "$tmp/out" 1500 \
    "$LEDE" "$g/mixed.txt"
ok $? "pty: q quits with 0"
frame=$(offsets "Asia" "$tmp/out")
keypad=$(offsets "$smkx" "$tmp/out" | head -n 1)
[ "$(printf '%s\n' "$frame" | grep -c .)" = 1 ]
ok $? "pty: the first frame is written once ($(printf '%s' "$frame" | tr '\n' ' '))"
[ -n "$frame" ] && [ -n "$keypad" ] && [ "$frame" -lt "$keypad" ]
ok $? "pty: the frame comes before curses' setup (frame at $frame, keypad at $keypad)"
last=$(offsets "$rmcup" "$tmp/out" | tail -n 1)
[ -n "$last" ] && [ "$last" -gt "$frame" ]
ok $? "pty: the alternate screen is left at the end"
# Bidi: lede orders right-to-left rows itself, so a terminal that would
# reorder them again is set to explicit mode (CSI 8 l) before the frame,
# and back to implicit (CSI 8 h) at the end, after the last frame.
explicit=$(offsets "$(printf '\033[8l')" "$tmp/out")
implicit=$(offsets "$(printf '\033[8h')" "$tmp/out")
[ "$(printf '%s\n' "$explicit" | grep -c .)" = 1 ] &&
    [ "$(printf '%s\n' "$implicit" | grep -c .)" = 1 ] &&
    [ "$explicit" -lt "$frame" ] && [ "$implicit" -gt "$frame" ]
ok $? "pty: explicit bidi mode before the frame ($explicit), implicit after it ($implicit)"

# Grapheme cluster mode (2027): a terminal that reports it off gets it
# on while lede draws, and off at the end; lede then lays a ZWJ family
# out as one 2-column glyph: in a column of 40 (columns 21 to 60 of 80),
# the family and 37 columns of text after it share the first row, the
# text from column 24, which they do not where the terminal answers the
# same positions but knows no mode 2027 (three emoji, 6 columns: the
# text goes to the next row, column 21).
fam=$(printf '\360\237\221\250\342\200\215\360\237\221\251\342\200\215\360\237\221\247')
xs=$(printf '%37s' '' | tr ' ' m)	# 37 columns of text
printf '%s %s\n' "$fam" "$xs" > "$tmp/family.txt"
answer=$(printf '\033[?2027;2$y\033[1;2R\033[1;3R\033[1;3R')
XDG_STATE_HOME=$tmp/state TERM=xterm-256color "$HELPER" ptykeys "$tmp/out" \
    5 "$answer" 1200 q -- "$LEDE" -w 40 "$tmp/family.txt"
ok $? "pty, mode 2027 reported off: q quits with 0"
on=$(offsets "$(printf '\033[?2027h')" "$tmp/out" | head -n 1)
off=$(offsets "$(printf '\033[?2027l')" "$tmp/out" | tail -n 1)
row=$(offsets "$(printf '\033[1;24H')$xs" "$tmp/out" | head -n 1)
[ -n "$on" ] && [ -n "$off" ] && [ -n "$row" ] && [ "$on" -lt "$row" ] &&
    [ "$off" -gt "$row" ]
ok $? "pty: mode 2027 set before the frame ($on), the family and its text on one row ($row), the mode reset at the end ($off)"
answer=$(printf '\033[1;2R\033[1;7R\033[1;5R')
XDG_STATE_HOME=$tmp/state TERM=xterm-256color "$HELPER" ptykeys "$tmp/out" \
    5 "$answer" 1200 q -- "$LEDE" -w 40 "$tmp/family.txt"
ok $? "pty, no mode 2027: q quits with 0"
[ -z "$(offsets "$(printf '\033[?2027h')" "$tmp/out")" ] &&
    [ -n "$(offsets "$(printf '\033[2;21H')$xs" "$tmp/out")" ]
ok $? "pty: no mode 2027 set, the family 6 columns wide, the text on the next row"

# -a wide on a terminal that draws curly quotes two columns wide (helper
# vt plays one): curses counts them one column (the C library's width),
# so lede gives it a two-column stand-in and writes each quote over it:
# the text after a quote stays where lede put it, as --dump lays it out,
# whether the first frame or curses (-R) draws the screen.
printf 'He said \342\200\234yes\342\200\235 and \342\200\230no\342\200\231 to the plan, then \342\200\234maybe\342\200\235 again.\n' > "$tmp/amb.txt"
"$LEDE" -d -a wide -w 40 "$tmp/amb.txt" > "$tmp/want"
for opt in "" -R; do
	XDG_STATE_HOME=$tmp/state TERM=xterm-256color "$HELPER" ptykeys \
	    "$tmp/out" 5 "$(printf '\033[1;2R\033[1;7R\033[1;5R')" 800 q \
	    -- "$LEDE" $opt -a wide -w 40 "$tmp/amb.txt"
	"$HELPER" vt "$tmp/out" | head -n 2 | sed 's/^ \{20\}//' > "$tmp/got"
	cmp -s "$tmp/got" "$tmp/want" || diff "$tmp/want" "$tmp/got" | sed 's/^/# /'
	ok $? "-a wide ${opt:-(first frame)}: on a terminal drawing quotes wide, no cell drifts"
done

# -R: colours are pairs curses makes as needed; curses draws the first
# screen, after its setup.
XDG_STATE_HOME=$tmp/state TERM=xterm-256color "$HELPER" pty "$tmp/out" 1500 \
    "$LEDE" -R "$g/mixed.txt"
ok $? "pty -R: q quits with 0"
frame=$(offsets "Asia" "$tmp/out" | head -n 1)
keypad=$(offsets "$smkx" "$tmp/out" | head -n 1)
[ -n "$frame" ] && [ -n "$keypad" ] && [ "$frame" -gt "$keypad" ]
ok $? "pty -R: curses draws the first screen (frame at $frame, keypad at $keypad)"
explicit=$(offsets "$(printf '\033[8l')" "$tmp/out" | head -n 1)
implicit=$(offsets "$(printf '\033[8h')" "$tmp/out" | tail -n 1)
[ -n "$explicit" ] && [ -n "$implicit" ] && [ "$explicit" -lt "$frame" ] &&
    [ "$implicit" -gt "$frame" ]
ok $? "pty -R: explicit bidi mode before curses' first screen ($explicit), implicit at the end ($implicit)"

# --- In tmux: the frame is what curses draws, and stays in step with it.
# same NAME: the screen now, as a person sees it (helper cells: each
# character and its rendition), against a full redraw.
same() {
	settle
	tmux_capture -e > "$tmp/before"
	tmux_keys r
	sleep 0.2
	settle
	tmux_capture -e > "$tmp/after"
	"$HELPER" cells "$tmp/before" > "$tmp/before.cells"
	"$HELPER" cells "$tmp/after" > "$tmp/after.cells"
	[ -s "$tmp/before.cells" ] && cmp -s "$tmp/before.cells" "$tmp/after.cells"
	_st=$?
	if [ "$_st" != 0 ]; then
		diag "$1: row:column, character, rendition; then after r:"
		diff "$tmp/before.cells" "$tmp/after.cells" | head -n 12 |
		    while IFS= read -r l; do
			diag "$l"
		done
	fi
	return "$_st"
}
for f in mixed.txt cjk.txt japanese.txt sample; do
	for w in 80 37 20; do
		if [ "$f" = sample ]; then
			file=; text="2017"
		else
			file=$g/$f; text=$(sed -n '1s/^ *\([^ ]*\).*/\1/p' "$g/$f" | cut -c1-6)
		fi
		tmux_start "$w" 12 "$LEDE $file"
		wait_for "$text" || diag "$f at $w: '$text' not shown"
		same "$f at $w"
		ok $? "$f at $w columns: the first frame is what curses draws"
		tmux_keys Space
		same "$f at $w, Space"
		ok $? "$f at $w columns: after Space, as a full redraw"
		tmux_stop
	done
done

# Without colour, and in another terminal's terms.
tmux_start 37 12 "env NO_COLOR=1 $LEDE $g/mixed.txt"
wait_for "mixed"
same "NO_COLOR"; ok $? "NO_COLOR: the first frame is what curses draws"
tmux_stop
tmux_start 37 12 "env TERM=xterm $LEDE $g/mixed.txt"
wait_for "mixed"
same "TERM=xterm"; ok $? "TERM=xterm (8 colours): the first frame is what curses draws"
tmux_stop
tmux_start 37 12 "env TERM=vt100 $LEDE $g/mixed.txt"
wait_for "mixed"
same "TERM=vt100"; ok $? "TERM=vt100 (padding, no colour): the first frame is what curses draws"
tmux_stop

done_testing
