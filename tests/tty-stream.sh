#!/bin/sh
# tty-stream.sh: input that is still arriving, in tmux. A pipe is shown as
# it arrives (as less shows the first screen of "(cat f; sleep 4) | less"
# at once), keys work while it does, F follows it (and a file that grows,
# as less +F and tail -f), Ctrl-C cuts it short with exit status 1, and a
# file cut short on disk ends where it now ends: nothing past the new end
# is shown or searched.
. "${srcdir:-.}/tests/lib.sh"
need tmux

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; tmux_stop' EXIT
XDG_STATE_HOME=$tmp/state
export XDG_STATE_HOME
row() { tmux_capture | sed -n "${1}p"; }
status() { tmux_capture | tail -n 1; }
sample=$srcdir/src/sample.txt

# The writer: the sample at once, a late paragraph after 2 s, then it
# keeps the pipe open, a line at a time (and does not die of Ctrl-C: only
# lede hears it; it ends when lede is gone, at its next line).
cat > "$tmp/writer.sh" <<EOF
trap '' INT
cat "$sample"
sleep 2
printf '\\n\\nLATE PARAGRAPH arrives.\\n'
while :; do sleep 0.2; echo tick || exit 0; done
EOF

# The shell around it ignores Ctrl-C too, so that it lives to say how
# lede ended.
cat > "$tmp/run.sh" <<EOF
trap '' INT
sh "$tmp/writer.sh" | "$LEDE"
echo lede ended \$?
sleep 30
EOF
tmux_start 60 12 "sh $tmp/run.sh"
wait_for "date 2017-11-16" 10; ok $? "the first screen at once, the pipe still open"
status | grep -q '(reading)'; ok $? "the status line says it is still reading ($(status))"
tmux_keys / envoy Enter; settle
status_has '1/'; ok $? "a search while the pipe is open ($(status))"
sleep 2.5
tmux_keys G; sleep 0.2
wait_for "LATE PARAGRAPH" 40; ok $? "the late paragraph read when it comes (G)"
tmux_keys C-c; settle
status | grep -q 'input cut short'; ok $? "Ctrl-C while reading: input cut short ($(status))"
status | grep -q '(reading)'; [ $? -ne 0 ]; ok $? "... and no more reading"
tmux_keys q
wait_for "lede ended 1"; ok $? "a cut pipe: exit status 1"
tmux_stop

# +F: follow from the start; what comes later is shown without a key.
cat > "$tmp/slow.sh" <<EOF
seq 1 200 | sed 's/^/early line /'
sleep 1
echo LATE ONE
sleep 1
echo LATE TWO
sleep 60
EOF
tmux_start 60 12 "sh $tmp/slow.sh | $LEDE +F"
wait_for "Waiting for data" 20; ok $? "+F: following ($(status))"
wait_for "TWO" 60; ok $? "+F: lines shown as they arrive, at the end"
tmux_keys j; settle
status | grep -q 'Waiting'; [ $? -ne 0 ]; ok $? "a key stops following"
tmux_stop

# F on a file that grows, as tail -f.
seq 1 300 | sed 's/^/log line /' > "$tmp/log.txt"
tmux_start 60 12 "$LEDE" "$tmp/log.txt"
wait_for "log line 1"
tmux_keys F; settle
printf 'log line APPENDED\n' >> "$tmp/log.txt"
wait_for "APPENDED" 30; ok $? "F: a line appended to the file is shown"
tmux_stop

# A file cut short while shown.
seq 1 5000 | sed 's/^/numbered line /' | sed 's/$/\n/' > "$tmp/cut.txt"
tmux_start 60 12 "$LEDE" "$tmp/cut.txt"
wait_for "numbered line 1"
tmux_keys 5 0 %; settle
truncate -s 20000 "$tmp/cut.txt"
tmux_keys j; settle
status | grep -q 'cut short on disk'; ok $? "the status line says the file was cut ($(status))"
tmux_capture | grep -q '\^@'; [ $? -ne 0 ]; ok $? "no ^@ where the text was cut"
tmux_capture | grep -q 'numbered line'; ok $? "the end of what is left is shown"
# The answer waited for, not read once: a loaded machine (make check -j2)
# may draw it after the pane has been still for a while.
tmux_keys / 'numbered line 4000' Enter
status_has 'not found'; ok $? "text past the new end is not searched ($(status))"
tmux_stop

done_testing
