#!/bin/sh
# tty-find.sh: searching as a reader meets it, in tmux: typographic quotes
# and dashes found by their ASCII forms, accents ignored (Ctrl-T in the
# prompt, --ignore-accents), a bad regular expression reported with the
# compiler's message, one that would backtrack without end giving up
# with a message instead of hanging, and a long search showing how far
# it got and stopping on Ctrl-C; -s finds a heading the way a search does.
. "${srcdir:-.}/tests/lib.sh"
need tmux

tmp=$(mktemp -d)
XDG_STATE_HOME=$tmp/state
export XDG_STATE_HOME
trap 'rm -rf "$tmp"; tmux_stop' EXIT
status() { tmux_capture | tail -n 1; }
row() { tmux_capture | sed -n "${1}p"; }
sample=$srcdir/src/sample.txt

# Typographic equivalents: ' finds ’, " finds “ ”.
tmux_start 60 20 "$LEDE" --no-history "$sample"
wait_for "date 2017-11-16"
tmux_keys / "China's" Enter; settle
status_has ' 1/[0-9]'; ok $? "' finds ’: China's finds China’s ($(status))"
tmux_keys / '"consensus"' Enter; settle
status_has ' 1/1'; ok $? '" finds “ and ”: "consensus" ('"$(status)"')'
tmux_keys / 'DUAL-TRACK' Enter; settle
status_has ' 1/'; ok $? "- finds -: DUAL-TRACK ($(status))"
tmux_stop

# Accents: Ctrl-T in the prompt, and --ignore-accents.
printf 'A naive reader.\n\nA Naïve one.\n\nA nai\314\210ve third, decomposed.\n\nA cafe and a café.\n' > "$tmp/accents.txt"
tmux_start 60 12 "$LEDE" --no-history "$tmp/accents.txt"
wait_for "naive reader"
tmux_keys / naive Enter; settle
status_has ' 1/1'; ok $? "with accents: naive finds only naive ($(status))"
tmux_keys / C-t; settle
status | grep -q 'Any accent'; ok $? "Ctrl-T: the prompt says Any accent ($(status))"
tmux_keys naive Enter; settle
status_has ' 1/3'; ok $? "Ctrl-T: naive finds naive, Naïve and the decomposed one ($(status))"
tmux_stop
tmux_start 60 12 "$LEDE" --no-history --ignore-accents "$tmp/accents.txt"
wait_for "naive reader"
tmux_keys / cafe Enter; settle
status_has ' 1/2'; ok $? "--ignore-accents: cafe finds cafe and café ($(status))"
tmux_stop

# A bad regular expression: the compiler's message, not "not found".
tmux_start 60 12 "$LEDE" --no-history "$sample"
wait_for "date 2017-11-16"
tmux_keys / C-r
tmux_keys -l 'envoy (to'
settle
status | grep -q 'missing closing parenthesis'
ok $? "a bad regex: the compiler's message in the prompt ($(status))"
tmux_keys Enter; settle
status | grep -q '^ *Regex: missing closing parenthesis'
ok $? "Enter: Regex: and the message ($(status))"
tmux_stop

# A pattern that backtracks without end gives up, and says so. (A z in
# each paragraph, so that the matcher cannot rule the pattern out at once.)
{
	i=0
	while [ $i -lt 3 ]; do
		printf z
		head -c 2000 /dev/zero | tr '\0' 'a'
		printf '\n\n'
		i=$((i + 1))
	done
} > "$tmp/aaa.txt"
tmux_start 60 12 "$LEDE" --no-history "$tmp/aaa.txt"
wait_for "aaaa"
tmux_keys / C-r
tmux_keys -l '(.+)+\1z'
tmux_keys Enter
wait_for "gave up" 100; ok $? "(.+)+\\1z gives up with a message ($(status))"
tmux_keys j; settle
tmux_capture | grep -q aaaa; ok $? "... and lede goes on"
tmux_stop

# A long search shows how far it got, and Ctrl-C stops it.
"${abs_top_builddir:-.}/bench/gen" 100 > "$tmp/big.txt"
tmux_start 80 12 "$LEDE" --no-history "$tmp/big.txt"
wait_for "LEDEBENCHFIRST"
tmux_keys / C-r
# A back reference: no match, and about 1.5 s to find none here (a plain
# pattern took 0.4 s, and the progress shows from 0.3 s on: under load
# the search could end before Ctrl-C came).
tmux_keys -l '([a-z]+) (?:[a-z]+ ){3}\1 [0-9]{7}qq'
tmux_keys Enter
wait_for "Searching" 100; r=$?
# Ctrl-C at once: under load the rest of the search can be quicker than
# a round trip through tmux (the status is read once, before it).
st=$(status)
tmux_keys C-c
ok $r "a long search shows its progress ($st)"
pc=$(printf '%s\n' "$st" | sed -n 's/.*Searching \([0-9]*\)%.*/\1/p')
[ -n "$pc" ] && [ "$pc" -le 100 ]; ok $? "... as a figure up to 100% ($st)"
wait_for "Search interrupted" 100; ok $? "Ctrl-C stops it ($(status))"
tmux_keys j; settle
status | grep -q 'interrupted'; [ $? -ne 0 ]; ok $? "... and the next key works"
tmux_stop

# -s finds a heading as a search finds text: any case, ' for ’.
printf 'Intro.\n\nWHAT\342\200\231S NEXT\n\nText after it.\n' > "$tmp/heading.txt"
out=$("$LEDE" -d -s "what's" "$tmp/heading.txt" | grep -v '^$' | head -n 1)
[ "$out" = "WHAT’S NEXT" ]; ok $? "-s \"what's\" finds WHAT’S NEXT ($out)"

done_testing
