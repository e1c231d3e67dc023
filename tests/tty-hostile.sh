#!/bin/sh
# tty-hostile.sh: tests/data/hostile.txt on a real terminal (tmux). Its
# title-setting escapes leave the pane title alone, its clear-screen and
# cursor moves do not disturb the page (the text before and after them is
# where it belongs), its bells ring nothing; and G on a 20 MB one-line
# paragraph and a 1 MB word is fast. LEDE_TIME_FACTOR scales the limits.
# A file with a hostile name that :n cannot open is reported on the status
# line and, after quitting, on the terminal: visibly both times.
. "${srcdir:-.}/tests/lib.sh"
need tmux

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; tmux_stop' EXIT
T() { tmux -L "$TMUX_SOCK" "$@"; }
factor=${LEDE_TIME_FACTOR:-1}

tmux_start 80 40 "$LEDE" "$srcdir/tests/data/hostile.txt"
# lede's window is left in the background, so that a bell would flag it.
T new-window -d 'exec sleep 120'
T select-window -t :1
title=$(T display -p -t :0 '#{pane_title}')
wait_for "OMEGA" 50 || true
settle
T capture-pane -p -t :0 > "$tmp/screen"
T capture-pane -p -t :0 -e > "$tmp/screen-e"
head -n 1 "$tmp/screen" | grep -q "^ *Before the escapes: ALPHA\.$"; ok $? "the first row is the first line"
grep -q "After the escapes: OMEGA\." "$tmp/screen"; ok $? "the text after the escapes is shown"
n_alpha=$(grep -n ALPHA "$tmp/screen" | cut -d: -f1)
n_omega=$(grep -n OMEGA "$tmp/screen" | cut -d: -f1)
[ "${n_alpha:-0}" -eq 1 ] && [ "${n_omega:-0}" -gt 10 ]; ok $? "ALPHA on row 1, OMEGA below ($n_omega)"
grep -q '\^\[\[2J' "$tmp/screen"; ok $? "ESC [2J is shown as ^[[2J"
grep -q '<U+009B>2J' "$tmp/screen"; ok $? "8-bit CSI is shown as <U+009B>"
grep -q 'PWNED-TITLE-BEL' "$tmp/screen"; ok $? "the title text is shown, not set"
[ "$(T display -p -t :0 '#{pane_title}')" = "$title" ]; ok $? "pane title unchanged ($title)"
T display -p -t :0 '#{window_bell_flag}' | grep -qx 0; ok $? "no bell"
tail -n 1 "$tmp/screen" | grep -q "hostile.txt"; r=$?
ok $r "the status line is on the last row"
[ $r -eq 0 ] || diag "the screen was:" "$(cat "$tmp/screen")"
T select-window -t :0
tmux_keys G; settle
tmux_capture | grep -q "<F0><9F><98>"; ok $? "G: the cut sequence at the end is shown"
[ "$(T display -p -t :0 '#{pane_current_command}')" = lede ]; ok $? "lede is still running"
tmux_stop

# G on long lines: the time to the (END) on the status line.
awk 'BEGIN { w[0] = "alpha"; w[1] = "beta,"; w[2] = "gamma"; w[3] = "delta.";
    s = ""; for (i = 0; i < 2000; i++) s = s w[i % 4] " ";
    for (i = 0; i < 1600; i++) printf "%s", s; printf "end-of-paragraph\n" }' \
    > "$tmp/long"
awk 'BEGIN { s = "x"; while (length(s) < 1048576) s = s s; print s "y" }' > "$tmp/word"
for f in long word; do
	tmux_start 80 24 "$LEDE" "$tmp/$f"
	wait_for "$f" 100
	settle
	s=$(date +%s%N)
	tmux_keys G
	wait_for "(END)" $((40 * factor)) 
	r=$?
	ms=$(( ($(date +%s%N) - s) / 1000000 ))
	ok $r "$f: G reaches the end in ${ms} ms (limit $((4 * factor)) s)"
	case $f in
	long)	tmux_capture | grep -q "end-of-paragraph"; ok $? "$f: the last word is on the screen" ;;
	word)	tmux_capture | grep -q "xy$"; ok $? "$f: the end of the word is on the screen" ;;
	esac
	tmux_stop
done

# :n to an unreadable file with a hostile name (an OSC title, BEL, a CSI
# clear, an 8-bit CSI, an invalid byte, a bidi override), then q: the
# message after the screen reaches the terminal in its visible form, and
# the title is not set. (lede * keeps the name out
# of tmux's command line. Root reads everything: lede runs as nobody.)
hn=$(printf 'evil\033]2;PWNED\007\033[2J\302\233\377\342\200\256x')
vis='evil^[]2;PWNED^G^[[2J<U+009B><FF><U+202E>x'
mkdir "$tmp/names"
printf 'first article\n' > "$tmp/names/1.txt"
printf 'secret\n' > "$tmp/names/2$hn"
chmod 000 "$tmp/names/2$hn"
asuser=
if [ "$(id -u)" -eq 0 ]; then
	need setpriv
	chmod 755 "$tmp" "$tmp/names"
	asuser="setpriv --reuid=65534 --regid=65534 --clear-groups --"
fi
cat > "$tmp/run.sh" <<EOS
cd "$tmp/names" && $asuser "$LEDE" --no-history *
echo "exit status \$?"
exec sleep 60
EOS
tmux_start 100 12 sh "$tmp/run.sh"
title=$(T display -p '#{pane_title}')
wait_for "first article"
tmux_keys : n; settle
tmux_capture | tail -n 1 | grep -qF -- "$vis"
ok $? ":n: the status line shows the hostile name visibly"
tmux_keys q
wait_for "exit status"
tmux_capture > "$tmp/screen"
grep -q "^exit status 1$" "$tmp/screen"
ok $? "exit status 1 after a file that could not be read"
grep -qxF -- "lede: 2$vis: Permission denied" "$tmp/screen"
ok $? "after quitting: the message shows the name visibly"
[ "$(T display -p '#{pane_title}')" = "$title" ]
ok $? "after quitting: the pane title is unchanged ($title)"
tmux_stop

# A FIFO with the same hostile name, its writer silent after a while: the
# progress line names it visibly, Ctrl-C pages what came and says so, q
# ends with exit status 1; the title is left alone throughout.
mkdir "$tmp/fifo"
mkfifo "$tmp/fifo/$hn"
cat > "$tmp/fifo.sh" <<EOS
trap : INT
cd "$tmp/fifo" || exit
for f in *; do { seq 1 800; sleep 30; } > "\$f" & done
"$LEDE" --no-history *
echo "exit status \$?"
exec sleep 60
EOS
tmux_start 100 12 sh "$tmp/fifo.sh"
title=$(T display -p '#{pane_title}')
wait_for "reading " 30
tmux_capture | grep -qF -- "reading $vis: 3 KB (Ctrl-C pages what came)"
ok $? "a FIFO: the progress line names it visibly"
tmux_keys C-c
wait_for "input cut short" 30; ok $? "a FIFO: Ctrl-C, and the status line says so"
tmux_capture | head -n 1 | grep -q "^ *1 2 3 "; ok $? "a FIFO: what came is paged"
tmux_keys q
wait_for "exit status" 30
tmux_capture | grep -q "^exit status 1$"; ok $? "a FIFO cut short: exit status 1"
[ "$(T display -p '#{pane_title}')" = "$title" ]
ok $? "a FIFO: the pane title is unchanged ($title)"
tmux_stop
done_testing
