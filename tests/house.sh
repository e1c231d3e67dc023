#!/bin/sh
# house.sh: the shape of src/, as HACKING draws it.
#  - No circle of files calling each other: from the built objects (nm),
#    each file's calls into the others are listed (in house.log) and
#    tsort(1) is asked for an order; a circle is a loop it reports.
#  - curses is included by at most three files, all of the terminal
#    layer (term.c, tdraw.c).
#  - No source file is over 1000 lines.
#  - HACKING names every source file.
. "${srcdir:-.}/tests/lib.sh"
need nm
need tsort

build=${abs_top_builddir:-.}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# What each object defines and what it calls, by file stem.
: > "$tmp/defs"
: > "$tmp/uses"
missing=0
for c in "$srcdir"/src/*.c; do
	stem=$(basename "$c" .c)
	o=$build/src/$stem.o
	[ -f "$o" ] || o=$build/src/libledecore_a-$stem.o
	[ -f "$o" ] || o=$build/src/lede-$stem.o
	if [ ! -f "$o" ]; then
		missing=$((missing + 1))
		diag "no object for $stem.c"
		continue
	fi
	nm "$o" | awk -v f="$stem" '$2 ~ /^[TDBR]$/ { print $3, f }' >> "$tmp/defs"
	nm -u "$o" | awk -v f="$stem" '{ print $2, f }' >> "$tmp/uses"
done
[ "$missing" -eq 0 ]; ok $? "every source file has its object"
sort -u "$tmp/defs" > "$tmp/defs.s"
sort -u "$tmp/uses" > "$tmp/uses.s"
# caller callee, once per pair of different files.
join "$tmp/uses.s" "$tmp/defs.s" | awk '$2 != $3 { print $2, $3 }' |
    sort -u > "$tmp/edges"
diag "calls between files (caller callee):"
awk '{ a[$1] = a[$1] " " $2 } END { for (f in a) print f ":" a[f] }' \
    "$tmp/edges" | sort | while read -r line; do diag "  $line"; done
n=$(wc -l < "$tmp/edges")
[ "$n" -gt 20 ]; ok $? "the calls between files were found ($n)"
tsort "$tmp/edges" > /dev/null 2> "$tmp/loops"
[ ! -s "$tmp/loops" ]; ok $? "no circle of files calling each other"
[ -s "$tmp/loops" ] && diag "$(cat "$tmp/loops")"

curses=$(grep -l '#include <curses.h>\|#include <ncurses' "$srcdir"/src/*.c \
    "$srcdir"/src/*.h | xargs -n 1 basename | sort | tr '\n' ' ')
[ "$curses" = "tdraw.c term.c " ]
ok $? "curses only in term.c and tdraw.c ($curses)"

long=
for f in "$srcdir"/src/*.c "$srcdir"/src/*.h; do
	n=$(wc -l < "$f")
	[ "$n" -le 1000 ] || long="$long $(basename "$f") ($n)"
done
[ -z "$long" ]; ok $? "no source file over 1000 lines${long:+:$long}"

unnamed=
for f in "$srcdir"/src/*.c "$srcdir"/src/*.h; do
	b=$(basename "$f")
	grep -q "$b" "$srcdir/HACKING" || unnamed="$unnamed $b"
done
[ -z "$unnamed" ]; ok $? "HACKING names every source file${unnamed:+ but$unnamed}"

done_testing
