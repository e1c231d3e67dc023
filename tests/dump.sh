#!/bin/sh
# dump.sh: --dump of the sample at every width from 10 to 120 keeps the
# column (no row wider than the width, by the C library's wcswidth, not
# lede's own tables) and loses or reorders no character.
. "${srcdir:-.}/tests/lib.sh"

sample=$srcdir/src/sample.txt
out=$(mktemp)
trap 'rm -f "$out"' EXIT

bad_width=
bad_text=
for w in $(seq 10 120); do
	"$LEDE" --dump -w "$w" "$sample" > "$out" || bad_width="$bad_width $w(exit)"
	set -- $("$HELPER" widest "$out")
	[ "$1" -le "$w" ] || bad_width="$bad_width $w(row $2 is $1 wide)"
	"$HELPER" subseq "$sample" "$out" 2>/dev/null || bad_text="$bad_text $w"
done
[ -z "$bad_width" ]; ok $? "no row wider than the width, widths 10-120${bad_width:+:$bad_width}"
[ -z "$bad_text" ]; ok $? "every character of the sample, in order, widths 10-120${bad_text:+:$bad_text}"

# Exactly the sample's non-space characters, nothing added.
"$LEDE" --dump -w 37 "$sample" > "$out"
a=$(tr -d ' \n' < "$sample")
b=$(tr -d ' \n' < "$out")
[ "$a" = "$b" ]; ok $? "-w 37: the non-space text is the sample's, nothing added"

# Dump is automatic when standard output is not a terminal.
"$LEDE" -w 37 "$sample" | cmp -s - "$out"; ok $? "a pipe on stdout dumps"

# Standard input as a pipe, and '-'.
"$LEDE" -w 37 < "$sample" | cmp -s - "$out"; ok $? "reads a pipe on stdin"
cat "$sample" | "$LEDE" -w 37 - | cmp -s - "$out"; ok $? "reads '-' as stdin"

# The built-in sample is the shipped article.
"$LEDE" -d -w 37 < /dev/null > /dev/null; ok $? "empty stdin opens"
printf '' | "$LEDE" -d | wc -c | grep -qx 0; ok $? "empty input prints nothing"

# Errors: one line naming the file and the reason, exit status 2.
msg=$("$LEDE" -d /nonexistent/x.txt 2>&1); st=$?
[ "$st" -eq 2 ] && [ "$msg" = "lede: /nonexistent/x.txt: No such file or directory" ]
ok $? "missing file: message and exit status 2"
msg=$("$LEDE" -d "$srcdir" 2>&1); st=$?
[ "$st" -eq 2 ] && [ "$msg" = "lede: $srcdir: Is a directory" ]
ok $? "directory: message and exit status 2"
"$LEDE" -w x "$sample" >/dev/null 2>&1; [ $? -eq 2 ]; ok $? "bad width: exit status 2"
"$LEDE" --version | grep -q '^lede '; ok $? "--version"
"$LEDE" --help | grep -q -- '--dump'; ok $? "--help lists options"

# -T code: the sample, prose, shown line for line as it is in the file
# (its widest line is 293 columns; its last has no newline).
{ cat "$sample"; echo; } > "$out"
"$LEDE" --dump -T code -w 400 "$sample" | cmp -s - "$out"
ok $? "-T code: every line as it is (at 400 columns, none cut)"
"$LEDE" --dump -T code -w 37 "$sample" | grep -q '\\$'
ok $? "-T code at 37 columns: a line too wide cut with a \\"

done_testing
