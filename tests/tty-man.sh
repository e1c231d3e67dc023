#!/bin/sh
# tty-man.sh: lede as man's pager (MANPAGER=lede), in tmux. The page
# comes through a pipe with overstrike (N\bN bold, _\bx underline): it is
# shown bold and underlined with no ^H, at the terminal's full width with
# man's own lines (the header on one row), its sections in t, ] and the
# status line, its name (MAN_PN) on the status line; q goes back to man.
# First a page of our own (tests/data/man/frob.1), then man's ls(1).
. "${srcdir:-.}/tests/lib.sh"
need tmux
need man

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; tmux_stop' EXIT
row() { tmux_capture | sed -n "${1}p"; }
status() { tmux_capture | tail -n 1; }

cat > "$tmp/run.sh" <<EOF
MANPAGER="$LEDE" man "\$@"
echo man ended \$?
sleep 30
EOF

tmux_start 80 20 "sh $tmp/run.sh -l $srcdir/tests/data/man/frob.1"
wait_for "User Commands" 50; ok $? "man -l: the page shows in lede"
settle
row 1 | grep -Eq '^FROB\(1\) +User Commands +FROB\(1\)$'
ok $? "the header on one row, as man made it ($(row 1))"
! tmux_capture | grep -q '\^H'; ok $? "no ^H on the screen"
tmux_capture | grep -q '^       frob - turn a feed of articles into a reading list$'
ok $? "man's indent kept"
row 3 | grep -q '^NAME$' && row 4 | grep -q '^       frob'
ok $? "no blank row the page has not (NAME, then its text)"
tmux_capture -e | grep -q "$(printf '\033')\[1mNAME"
ok $? "NAME bold"
tmux_capture -e | grep -q "$(printf '\033')\[4mlist"
ok $? "an argument underlined"
status | grep -q 'frob\.1'; ok $? "the status line names the page ($(status))"
tmux_keys t
wait_for "Contents" 20; ok $? "t: contents"
tmux_capture | grep -q '│ *4    Options' && tmux_capture | grep -q '│ *7  SEE ALSO'
ok $? "t lists .SH sections, .SS indented under them"
tmux_keys Escape ']' ']'
settle
row 1 | grep -q '^SYNOPSIS$'; ok $? "] ] goes to SYNOPSIS ($(row 1))"
status | grep -q 'SYNOPSIS'; ok $? "the status line names the section"
tmux_keys / 'reads' Enter
settle
! status | grep -q 'not found'; ok $? "/reads finds a word that was overstruck"
tmux_capture | grep -q 'frob  reads'; ok $? "the view shows the match"
tmux_keys q
wait_for "man ended 0" 30; ok $? "q: back to man, which ends well"
tmux_stop

# The real thing: man's own ls(1).
if man -w ls >/dev/null 2>&1; then
	tmux_start 80 20 "sh $tmp/run.sh ls"
	wait_for "User Commands" 50; ok $? "man ls: the page shows in lede"
	settle
	row 1 | grep -Eq '^LS\(1\) +User Commands +LS\(1\)$'
	ok $? "man ls: the header on one row ($(row 1))"
	! tmux_capture | grep -q '\^H'; ok $? "man ls: no ^H"
	status | grep -q 'ls(1)'; ok $? "man ls: the status line names ls(1) ($(status))"
	tmux_keys t
	wait_for "DESCRIPTION" 20
	tmux_capture | grep -q '│ *[0-9]*  SEE ALSO'
	ok $? "man ls: t lists its sections"
	tmux_keys Escape q
	wait_for "man ended 0" 30; ok $? "man ls: q back to man"
elif [ -n "${LEDE_NO_SKIP:-}" ]; then
	ok 1 "man ls: no ls(1) page installed"
else
	diag "no ls(1) page installed: man ls not tried"
fi
done_testing
