#!/bin/sh
# hostile.sh: malformed and extreme input through --dump. The escapes of
# tests/data/hostile.txt come out visible and harmless (no ESC, no C1,
# only valid UTF-8) with every input byte accounted for, in order; a file
# without a final newline, one of blank lines only, an empty one, a 20 MB
# paragraph on one line and a 1 MB word open and dump correctly and fast.
# Hostile file names, arguments and LEDE values reach stderr only in their
# visible form, whatever the message: no ESC, C1, BEL or invalid UTF-8.
# LEDE_TIME_FACTOR scales the time limits (slow builds: sanitizers).
. "${srcdir:-.}/tests/lib.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
factor=${LEDE_TIME_FACTOR:-1}

# seconds COMMAND...: run it; its CPU time (user + system, in whole
# seconds: a loaded machine stretches the wall time) goes to $tmp/time.
seconds() {
	(
		"$@"
		_r=$?
		times > "$tmp/times"
		awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/);
		    printf "%d\n", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' \
		    "$tmp/times" > "$tmp/time"
		exit $_r
	)
}

for w in 20 72 200; do
	"$LEDE" --dump -w "$w" "$srcdir/tests/data/hostile.txt" > "$tmp/h.$w"
	ok $? "hostile.txt dumps at width $w"
	"$HELPER" shown "$srcdir/tests/data/hostile.txt" "$tmp/h.$w"
	ok $? "width $w: clean output, every byte shown in order"
done
grep -q "ALPHA" "$tmp/h.72" && grep -q "OMEGA" "$tmp/h.72"
ok $? "the text before and after the escapes is there"
tail -n 1 "$tmp/h.72" | grep -q "<F0><9F><98>$"; ok $? "a sequence cut by the end of the file shows as bytes"

printf 'one\n\ntwo without newline' > "$tmp/nonl"
"$LEDE" --dump "$tmp/nonl" > "$tmp/out"; ok $? "no final newline: dumps"
printf 'one\n\ntwo without newline\n' | cmp -s - "$tmp/out"; ok $? "no final newline: the last line is kept"

printf '\n\n\n   \n\t\n\n' > "$tmp/blank"
"$LEDE" --dump "$tmp/blank" > "$tmp/out"; ok $? "blank lines only: dumps"
[ "$(tr -d ' \t\n' < "$tmp/out" | wc -c)" -eq 0 ]; ok $? "blank lines only: nothing but blanks"

: > "$tmp/empty"
"$LEDE" --dump "$tmp/empty" > "$tmp/out"; ok $? "empty file: dumps"
[ ! -s "$tmp/out" ]; ok $? "empty file: empty output"

# A 20 MB paragraph on one line.
awk 'BEGIN { w[0] = "alpha"; w[1] = "beta,"; w[2] = "gamma"; w[3] = "delta.";
    s = ""; for (i = 0; i < 2000; i++) s = s w[i % 4] " ";
    for (i = 0; i < 1600; i++) printf "%s", s; printf "end-of-paragraph\n" }' \
    > "$tmp/long"
size=$(wc -c < "$tmp/long")
[ "$size" -gt 20000000 ]; ok $? "a paragraph of $size bytes on one line"
seconds "$LEDE" --dump -w 72 "$tmp/long" > "$tmp/out"; ok $? "20 MB line: dumps"
t=$(cat "$tmp/time")
[ "$t" -lt $((5 * factor)) ]; ok $? "20 MB line: in ${t}s of CPU (limit $((5 * factor)))"
tail -n 1 "$tmp/out" | grep -q "end-of-paragraph$"; ok $? "20 MB line: the last word is there"
set -- $("$HELPER" widest "$tmp/out")
[ "$1" -le 72 ]; ok $? "20 MB line: no row wider than 72 ($1)"

# A 1 MB word with no break opportunity.
awk 'BEGIN { s = "x"; while (length(s) < 1048576) s = s s; print s }' > "$tmp/word"
seconds "$LEDE" --dump -w 72 "$tmp/word" > "$tmp/out"; ok $? "1 MB word: dumps"
t=$(cat "$tmp/time")
[ "$t" -lt $((3 * factor)) ]; ok $? "1 MB word: in ${t}s of CPU (limit $((3 * factor)))"
[ "$(tr -cd x < "$tmp/out" | wc -c)" -eq 1048576 ]; ok $? "1 MB word: every character shown"
set -- $("$HELPER" widest "$tmp/out")
[ "$1" -le 72 ]; ok $? "1 MB word: no row wider than 72 ($1)"

# Hostile names and arguments: every message shows them visibly. The name
# holds an OSC title, BEL, a CSI clear, an 8-bit CSI, an invalid byte and
# a bidi override; it must show as ^[]2;PWNED^G^[[2J<U+009B><FF><U+202E>.
hn=$(printf 'evil\033]2;PWNED\007\033[2J\302\233\377\342\200\256x')
vis='evil^[]2;PWNED^G^[[2J<U+009B><FF><U+202E>x'
printf '%s' "$hn" > "$tmp/hn.raw"
# clean FILE WHAT: FILE (lede's stderr) is clean and shows the name.
clean() {
	"$HELPER" shown "$tmp/hn.raw" "$1" 2> "$tmp/why" &&
	    grep -qF -- "$vis" "$1"
	_r=$?
	ok $_r "$2"
	[ $_r -eq 0 ] || diag "$(cat "$tmp/why")" "stderr: $(cat -v "$1")"
}
"$LEDE" -d "$tmp/$hn" > /dev/null 2> "$tmp/err"; st=$?
clean "$tmp/err" "a missing file: the name shows visibly"
[ "$st" -eq 2 ]; ok $? "a missing file: exit status 2"
mkdir "$tmp/$hn"
"$LEDE" -d "$tmp/$hn" > /dev/null 2> "$tmp/err"
clean "$tmp/err" "a directory: the name shows visibly"
rmdir "$tmp/$hn"
printf 'bin\000ary\n' > "$tmp/$hn"
"$LEDE" -d "$tmp/$hn" > "$tmp/out" 2> "$tmp/err"; st=$?
clean "$tmp/err" "a binary file: the note shows the name visibly"
[ "$st" -eq 0 ] && [ "$(cat "$tmp/out")" = 'bin^@ary' ]
ok $? "a binary file: printed, exit status 0"
rm "$tmp/$hn"

# lede * in a directory of hostile names: a directory, a binary file and
# an article; each message names one visibly, nothing raw on either stream.
mkdir "$tmp/names" "$tmp/names/1$hn"
printf 'bin\000ary\n' > "$tmp/names/2$hn"
printf 'plain words\n' > "$tmp/names/3$hn"
(cd "$tmp/names" && "$LEDE" -d -- *) > "$tmp/out" 2> "$tmp/err"; st=$?
[ "$(grep -c "$(printf '\033')" "$tmp/err")" -eq 0 ] &&
    [ "$(grep -cF -- "$vis" "$tmp/err")" -eq 2 ]
ok $? "lede *: two messages, each with the name visible"
clean "$tmp/err" "lede *: stderr is clean"
"$HELPER" shown /dev/null "$tmp/out" && grep -q "plain words" "$tmp/out"
ok $? "lede *: stdout is clean and has the article"
[ "$st" -eq 1 ]; ok $? "lede *: a directory among them, exit status 1"

# Options: an unknown one, bad values, on the command line and in LEDE.
"$LEDE" "--$hn" > /dev/null 2> "$tmp/err"; st=$?
clean "$tmp/err" "an unknown long option: shown visibly"
[ "$st" -eq 2 ] && grep -q "^lede: unrecognized option '--evil^\[" "$tmp/err" &&
    grep -q "^usage: " "$tmp/err"
ok $? "an unknown long option: lede's own message, usage, exit status 2"
LEDE="--$hn" "$LEDE" -d /dev/null > /dev/null 2> "$tmp/err"; st=$?
clean "$tmp/err" "an unknown long option in LEDE: shown visibly"
[ "$st" -eq 2 ]; ok $? "an unknown long option in LEDE: exit status 2"
for o in -w -s --color -a; do
	"$LEDE" -d "$o" "$hn" "$srcdir/src/sample.txt" > /dev/null \
	    2> "$tmp/err"; st=$?
	clean "$tmp/err" "a bad value of $o: shown visibly"
	[ "$st" -eq 2 ]; ok $? "a bad value of $o: exit status 2"
	printf '%s' "$o '$hn'" > "$tmp/env"
	LEDE=$(cat "$tmp/env") "$LEDE" -d "$srcdir/src/sample.txt" \
	    > /dev/null 2> "$tmp/err"
	clean "$tmp/err" "a bad value of $o in LEDE: shown visibly"
done
done_testing
