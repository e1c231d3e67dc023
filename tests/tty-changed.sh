#!/bin/sh
# tty-changed.sh: the file lede shows is truncated under it; G, j, k and g
# then go where pages past the new end were. lede must stay alive (no
# SIGBUS), show the file as it now is, and say in the status line that it
# changed on disk.
. "${srcdir:-.}/tests/lib.sh"
need tmux

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; tmux_stop' EXIT
f=$tmp/article.txt
i=0
while [ "$i" -lt 3000 ]; do
	echo "Paragraph $i of an article that is about to lose its tail, with"
	echo "enough words in it to fill a few rows at any width."
	echo
	i=$((i + 1))
done > "$f"

# A wrapper keeps lede's exit status.
printf '#!/bin/sh\n"$@"\necho $? > %s/status\nsleep 30\n' "$tmp" > "$tmp/wrap"
chmod +x "$tmp/wrap"
tmux_start 80 24 "$tmp/wrap" "$LEDE" "$f"
wait_for "Paragraph 0 of"; ok $? "the file opens"
: > "$f"
printf 'short now\n' > "$f"
for k in G k k j g G; do
	tmux_keys "$k"
	settle
done
[ ! -e "$tmp/status" ]; ok $? "alive after G, k, j, g on the truncated file"
tmux_capture | tail -n 1 | grep -q "changed on disk"; ok $? "the status line says the file changed ($(tmux_capture | tail -n 1))"
tmux_capture | grep -q "^ *short now"; ok $? "the file is shown as it now is"
tmux_keys j; settle
tmux_capture | tail -n 1 | grep -q "changed on disk"; ok $? "and keeps saying it"
tmux_keys q
n=0
while [ "$n" -lt 50 ] && [ ! -s "$tmp/status" ]; do
	sleep 0.1
	n=$((n + 1))
done
status=$(cat "$tmp/status" 2>/dev/null)
[ "$status" = 0 ]; ok $? "q quits with status 0 (got $status)"
done_testing
