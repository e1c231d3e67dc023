#!/bin/sh
# tty-cmd.sh: the command as a reader lives with it, in tmux: a pipe is
# paged with keys from the terminal, NO_COLOR and --color=never draw no
# colour, h and = open their lists, marks, :n and :p between files (one
# missing), positions resumed across runs, the last article reopened with
# no argument, --no-history keeping nothing, and the mouse.
. "${srcdir:-.}/tests/lib.sh"
need tmux

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; tmux_stop' EXIT
XDG_STATE_HOME=$tmp/state
export XDG_STATE_HOME
esc=$(printf '\033')
row() { tmux_capture | sed -n "${1}p"; }
status() { tmux_capture | tail -n 1; }
# Colour SGR: foreground or background other than the defaults (39, 49).
colours() { tmux_capture -e | grep -cE "${esc}\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]"; }
cp "$srcdir/src/sample.txt" "$tmp/story.txt"
cp "$srcdir/tests/data/structure.txt" "$tmp/parts.txt"

# A pipe is paged; keys come from the terminal.
tmux_start 40 10 "sh -c 'printf \"alpha\\n\\n\"; seq 1 40 | sed G; printf \"omega\\n\"' | $LEDE"
wait_for "alpha"; ok $? "a pipe is paged"
status | grep -q "standard input"; ok $? "status names standard input"
tmux_keys j j; settle
[ "$(row 1)" = "1" ]; ok $? "j scrolls the piped text"
tmux_keys G; settle
tmux_capture | grep -q "^omega"; ok $? "G: the end of the piped text"
tmux_keys q; sleep 0.3
tmux -L "$TMUX_SOCK" has-session 2>/dev/null; [ $? -ne 0 ]; ok $? "q quits"
tmux_stop

# A file name too long for the status line keeps its end, from a
# directory separator: the file's own name is what tells.
long="$tmp/a-rather-long-directory-name/and-another-long-one"
mkdir -p "$long"
cp "$srcdir/src/sample.txt" "$long/story.txt"
tmux_start 40 8 "$LEDE" "$long/story.txt"
wait_for "date 2017-11-16"
status | grep -q "^ …/and-another-long-one/story\.txt  "
ok $? "40 columns: the status line keeps the end of a long name"
tmux -L "$TMUX_SOCK" resize-window -x 20 -y 8; sleep 0.3; settle
status | grep -q "^ …/story\.txt  "; ok $? "20 columns: still the file's own name"
tmux_stop

# A pipe that goes quiet: what came is paged at once, the status line
# says it is still being read, and what comes later is read on.
tmux_start 60 8 "sh -c 'seq 1 800; sleep 2; echo late' | $LEDE"
wait_for "(standard input) (reading)" 15
ok $? "a silent pipe: paged at once, still reading"
row 1 | grep -q "^1 2 3 "; ok $? "and the text is paged from its start"
wait_for "(standard input)  " 40
! tmux_capture | grep -q "(reading)"
ok $? "(reading) is gone once the pipe ends"
tmux_keys G; settle
tmux_capture | grep -q "late"; ok $? "what came late is there"
tmux_stop

# Ctrl-C while the pipe is silent: what came is paged, and said to be cut;
# after q, the exit status is 1. (The shell around lede gets the Ctrl-C
# too: it catches it, so that it lives to tell the status.)
cat > "$tmp/cut.sh" <<EOS
trap : INT
sh -c 'trap "" INT; seq 1 800; sleep 30' | "$LEDE" "\$@"
echo "exit status \$?"
exec sleep 60
EOS
tmux_start 60 8 sh "$tmp/cut.sh"
wait_for "(reading)" 15
tmux_keys C-c
wait_for "input cut short" 30; ok $? "Ctrl-C: the message says the input was cut"
row 1 | grep -q "^1 2 3 "; ok $? "Ctrl-C: what came is paged"
tmux_keys q
wait_for "exit status" 400
tmux_capture | grep -q "^exit status 1$"
ok $? "Ctrl-C: after q, exit status 1"
tmux_stop
# The same with another file first: the pipe, reached with :n, is cut
# there; back at the first file, q still says it was cut.
printf 'first file\n' > "$tmp/first.txt"
tmux_start 60 8 sh "$tmp/cut.sh" "$tmp/first.txt" -
wait_for "first file" 15
tmux_keys : n
wait_for "(reading)" 30
tmux_keys C-c
wait_for "input cut short" 30
tmux_keys : p
wait_for "first file" 30
tmux_keys q
wait_for "exit status" 400
tmux_capture | grep -q "^exit status 1$"
ok $? "Ctrl-C: exit status 1 after going back to another file"
tmux_stop
# And with --dump: what came is printed, with a note; exit status 1.
# (Here the writer dies of the Ctrl-C, as most do.)
sed 's/trap "" INT; //' "$tmp/cut.sh" > "$tmp/cutd.sh"
tmux_start 60 8 sh "$tmp/cutd.sh" -d -w 60
sleep 0.5
tmux_keys C-c
wait_for "exit status" 30
tmux_capture -S - | grep -q "^lede: (standard input): input cut short$" &&
    tmux_capture | grep -q "^exit status 1$"
ok $? "Ctrl-C with --dump: the note, exit status 1"
tmux_stop

# Colours: on by default, off with NO_COLOR (not empty) or --color=never.
tmux_start 50 12 "$LEDE" "$tmp/parts.txt"
wait_for "Markdown Title"
[ "$(colours)" -gt 0 ]; ok $? "colours by default (the heading)"
tmux_stop
tmux_start 50 12 NO_COLOR=1 "$LEDE" "$tmp/parts.txt"
wait_for "Markdown Title"
[ "$(colours)" -eq 0 ]; ok $? "NO_COLOR: no colour SGR in the pane"
tmux_capture -e | grep -q "${esc}\[1m"; ok $? "NO_COLOR: headings still bold"
tmux_stop
# no-color.org: NO_COLOR set but empty does not turn colours off.
tmux_start 50 12 NO_COLOR= "$LEDE" "$tmp/parts.txt"
wait_for "Markdown Title"
[ "$(colours)" -gt 0 ]; ok $? "NO_COLOR empty: colours"
tmux_stop
tmux_start 50 12 "$LEDE" --color=never "$tmp/parts.txt"
wait_for "Markdown Title"
[ "$(colours)" -eq 0 ]; ok $? "--color=never: no colour SGR"
tmux_stop
tmux_start 50 12 NO_COLOR=1 "$LEDE" --color=always "$tmp/parts.txt"
wait_for "Markdown Title"
[ "$(colours)" -gt 0 ]; ok $? "--color=always overrides NO_COLOR"
tmux_stop

# h and =.
tmux_start 70 40 "$LEDE" --no-history "$tmp/story.txt"
wait_for "date 2017"
tmux_keys h; settle
tmux_capture | grep -q "next or previous file"; ok $? "h: the help lists :n, :p"
tmux_capture | grep -q "go to a mark"; ok $? "h: the help lists the marks"
tmux_keys Escape =; settle
tmux_capture | grep -q "File: *$tmp/story.txt"; ok $? "=: the file"
tmux_capture | grep -q "Reading: *about"; ok $? "=: reading time"
tmux_keys Escape; settle

# Marks: m a, move, ' a returns; '' goes back to before the jump.
tmux_keys Space; settle
marked=$(row 1)
tmux_keys m a; settle
status | grep -q "mark a set"; ok $? "m a: mark set"
tmux_keys g; settle
[ "$(row 1)" != "$marked" ]; ok $? "g moves away"
tmux_keys "'" a; settle
[ "$(row 1)" = "$marked" ]; ok $? "' a returns to the mark"
tmux_keys "'" "'"; settle
row 1 | grep -q "^date 2017"; ok $? "'' returns to before the jump"
tmux_keys "'" b; settle
status | grep -q "mark b is not set"; ok $? "' b: not set"
tmux_stop

# :n and :p between files, with a missing one skipped.
tmux_start 100 12 sh -c "'$LEDE $tmp/story.txt $tmp/gone.txt $tmp/parts.txt \
    2>$tmp/err; echo \$? >$tmp/status'"
wait_for "date 2017"
status | grep -q "story.txt (file 1 of 3)"; ok $? "status: (file 1 of 3)"
tmux_keys d; settle
top1=$(row 1)
tmux_keys : n; settle
status | grep -q "gone.txt: No such file or directory"
ok $? ":n: the missing file is reported"
tmux_keys j; settle
status | grep -q "parts.txt (file 3 of 3)"; ok $? ":n: skipped to file 3 of 3"
tmux_keys : n; settle
status | grep -q "no next file"; ok $? ":n at the last file"
tmux_keys : p; settle
status | grep -q "gone.txt: No such file"; ok $? ":p: the missing file is reported again"
tmux_keys r; settle
status | grep -q "story.txt (file 1 of 3)"; ok $? ":p: back to file 1"
[ "$(row 1)" = "$top1" ]; ok $? ":p: file 1 where it was left"
tmux_keys q; sleep 0.5
[ "$(cat "$tmp/status" 2>/dev/null)" = 1 ]; ok $? "exit status 1 after a missing file"
[ "$(cat "$tmp/err")" = "lede: $tmp/gone.txt: No such file or directory" ]
ok $? "the missing file on stderr after the screen"
tmux_stop

# Resume: open, move, q; open again.
rm -rf "$XDG_STATE_HOME"
tmux_start 37 20 "$LEDE" "$tmp/story.txt"
wait_for "date 2017"
tmux_keys Space Space; settle
top=$(row 1)
tmux_keys q; sleep 0.3
tmux_stop
[ -f "$XDG_STATE_HOME/lede/positions" ]; ok $? "positions file written"
grep -q "	$tmp/story.txt\$" "$XDG_STATE_HOME/lede/positions"
ok $? "keyed by the real path"
tmux_start 37 20 "$LEDE" "$tmp/story.txt"
wait_for "resumed at"
pc=$(status | grep -o 'resumed at [0-9]*%')
[ -n "$pc" ]; ok $? "reopened: $pc"
[ "$(row 1)" = "$top" ]; ok $? "reopened: the same top row"
tmux_keys q; sleep 0.3
tmux_stop

# No argument: the article read last.
tmux_start 100 20 "$LEDE"
wait_for "resumed at"
status | grep -q "resumed"; ok $? "no argument: the last article resumed"
tmux_keys j; settle
status | grep -q "story.txt"; ok $? "no argument: it is story.txt"
tmux_keys q; sleep 0.3
tmux_stop

# An edited file is not resumed at a stale offset.
printf '\n' >> "$tmp/story.txt"
tmux_start 37 20 "$LEDE" "$tmp/story.txt"
wait_for "date 2017"; ok $? "an edited file opens at its start"
status | grep -q "resumed"; [ $? -ne 0 ]; ok $? "an edited file is not resumed"
tmux_stop

# --no-history keeps nothing.
XDG_STATE_HOME=$tmp/state2
tmux_start 37 20 "$LEDE" --no-history "$tmp/story.txt"
wait_for "date 2017"
tmux_keys Space q; sleep 0.3
tmux_stop
[ ! -e "$XDG_STATE_HOME/lede/positions" ]; ok $? "--no-history: no positions file"

# Empty and binary files say so.
: > "$tmp/empty.txt"
printf 'bin\000ary\n' > "$tmp/bin.dat"
tmux_start 100 10 "$LEDE" "$tmp/empty.txt"
sleep 0.3; settle
status | grep -q "(empty)"; ok $? "an empty file: status says (empty)"
tmux_stop
tmux_start 100 10 "$LEDE" "$tmp/bin.dat"
wait_for "bin^@ary"; ok $? "a NUL is shown as ^@"
status | grep -q "(binary)"; ok $? "a binary file: status says (binary)"
tmux_stop

# The mouse is left to the terminal, as less leaves it, so that text can
# be selected; --mouse takes it: the wheel scrolls three rows, a click in
# a list picks. (TERM=screen-256color: X10 mouse reports, ESC [ M b x y.)
tmux_start 50 12 "$LEDE" --no-history "$tmp/story.txt"
wait_for "date 2017"
[ "$(tmux -L "$TMUX_SOCK" display -p '#{mouse_any_flag}')" = 0 ]
ok $? "by default the mouse is left to the terminal"
tmux_stop
tmux_start 50 12 sh -c "'$LEDE --mouse --no-history $tmp/story.txt; echo lede ended; sleep 30'"
wait_for "date 2017"
[ "$(tmux -L "$TMUX_SOCK" display -p '#{mouse_any_flag}')" = 1 ]
ok $? "--mouse: the mouse is asked for"
fourth=$(row 4)
tmux_keys -l "${esc}[Ma!!"; settle
[ "$(row 1)" = "$fourth" ]; ok $? "wheel down: three rows"
tmux_keys -l "${esc}[M\`!!"; settle
row 1 | grep -q "^date 2017"; ok $? "wheel up: back three rows"
tmux_keys q; wait_for "lede ended"
[ "$(tmux -L "$TMUX_SOCK" display -p '#{mouse_any_flag}')" = 0 ]
ok $? "q: mouse reporting is off again"
tmux_stop
tmux_start 50 12 "$LEDE" --mouse --no-history "$tmp/parts.txt"
wait_for "Markdown Title"
tmux_keys t; settle
y=$(tmux_capture | grep -n "2  Setext Heading" | cut -d: -f1)
cy=$(printf "\\$(printf %o $((32 + y)))")
tmux_keys -l "${esc}[M 5${cy}"; tmux_keys -l "${esc}[M#5${cy}"; settle
row 1 | grep -q "^Setext Heading"; ok $? "a click in the contents picks the section"
tmux_stop
tmux_start 50 12 "$LEDE" --mouse --no-mouse --no-history "$tmp/story.txt"
wait_for "date 2017"
[ "$(tmux -L "$TMUX_SOCK" display -p '#{mouse_any_flag}')" = 0 ]
ok $? "--no-mouse after --mouse: the mouse is left to the terminal"
tmux_stop
tmux_start 50 12 LEDE=--mouse "$LEDE" --no-history "$tmp/story.txt"
wait_for "date 2017"
[ "$(tmux -L "$TMUX_SOCK" display -p '#{mouse_any_flag}')" = 1 ]
ok $? "LEDE=--mouse in the environment"
tmux_stop

# A gzip file, as /usr/share/doc has them: its text, paged; its name.
gzip -c "$srcdir/src/sample.txt" > "$tmp/story.txt.gz"
tmux_start 37 12 "$LEDE" --no-history "$tmp/story.txt.gz"
wait_for "date 2017-11-16"; ok $? "a gzip file: its text on the screen"
status | grep -q "story.txt.gz"; ok $? "a gzip file: the status line names it"
tmux_keys /Beijing Enter; settle
status_has "1/"; ok $? "a gzip file: search finds in its text ($(status))"
tmux_stop
head -c 1500 "$tmp/story.txt.gz" > "$tmp/cut.gz"
tmux_start 37 12 "$LEDE" --no-history "$tmp/cut.gz"
wait_for "date 2017-11-16"
status_has "gzip data bad or cut short"
ok $? "a gzip file cut short: its text, and the status line says so"
tmux_stop

done_testing
