#!/bin/sh
# cmd.sh: the command without a screen: options and $LEDE, errors and exit
# statuses, several files, binary and empty input, Ctrl-C while reading a
# pipe, the TERM=dumb fallback (in a pseudo-terminal made by script(1)),
# make install and uninstall with DESTDIR, and the bash completion.
. "${srcdir:-.}/tests/lib.sh"
need script
need bash

sample=$srcdir/src/sample.txt
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
XDG_STATE_HOME=$tmp/state
export XDG_STATE_HOME
bin=$LEDE

# Options.
"$bin" --help > "$tmp/help"
for o in --color=auto --raw-control --no-mouse --no-history; do
	grep -q -- "$o" "$tmp/help"; ok $? "--help lists $o"
done
msg=$("$bin" --color=pink -d "$sample" 2>&1 >/dev/null); st=$?
[ "$st" -eq 2 ] &&
    [ "$msg" = "lede: invalid --color: pink (auto, always or never)" ]
ok $? "--color=pink: message and exit status 2"
for o in --color=auto --color=always --color=never -R --raw-control \
    --no-mouse; do
	"$bin" "$o" -d -w 37 "$sample" | cmp -s - "$srcdir/tests/golden/sample-37.dump"
	ok $? "$o is accepted and prints the same"
done
"$bin" --bogus "$sample" > /dev/null 2>&1; [ $? -eq 2 ]
ok $? "an unknown option: exit status 2"
# getopt_long's complaints, in lede's words (the C library's are off).
for c in "--bogus=1|unrecognized option '--bogus=1'" \
    "--no|option '--no' is ambiguous" \
    "--dump=yes|option '--dump' doesn't allow an argument" \
    "--wid|option '--width' requires an argument" \
    "-w|option requires an argument -- 'w'" \
    "-dZ|invalid option -- 'Z'"; do
	o=${c%%|*}
	"$bin" "$o" > /dev/null 2> "$tmp/err"; st=$?
	[ "$st" -eq 2 ] && [ "$(head -n 1 "$tmp/err")" = "lede: ${c#*|}" ] &&
	    [ "$(sed -n 2p "$tmp/err" | cut -c 1-7)" = "usage: " ]
	ok $? "$o: lede's message, usage, exit status 2"
done

# -w 0 takes COLUMNS, at most 10000 as -w: a justified paragraph of 30000
# words has no row wider.
awk 'BEGIN { for (i = 0; i < 30000; i++) printf "word%d ", i; print "" }' \
    > "$tmp/para.txt"
for c in 100000 99999999999999999999; do
	set -- $(COLUMNS=$c "$bin" -d -w 0 --justify "$tmp/para.txt" |
	    "$HELPER" widest /dev/stdin)
	[ "${1:-0}" -gt 9900 ] && [ "$1" -le 10000 ]
	ok $? "COLUMNS=$c: rows of at most 10000 columns (${1:-none})"
done
set -- $(COLUMNS=50 "$bin" -d -w 0 "$tmp/para.txt" | "$HELPER" widest /dev/stdin)
[ "$1" -le 50 ] && [ "$1" -gt 40 ]; ok $? "COLUMNS=50: rows of at most 50 ($1)"

# $LEDE: default options before the command line's.
LEDE='-d -w 37' "$bin" "$sample" | cmp -s - "$srcdir/tests/golden/sample-37.dump"
ok $? "LEDE='-d -w 37' sets the options"
LEDE='-d -w 20' "$bin" -w 37 "$sample" | cmp -s - "$srcdir/tests/golden/sample-37.dump"
ok $? "the command line overrides LEDE"
msg=$(LEDE="-s 'no such  thing'" "$bin" -d "$sample" 2>&1); st=$?
[ "$st" -eq 2 ] && [ "$msg" = "lede: no such  thing: no such section" ]
ok $? "LEDE: single quotes make one word"
msg=$(LEDE='-s "a \"b\""' "$bin" -d "$sample" 2>&1)
[ "$msg" = 'lede: a "b": no such section' ]
ok $? "LEDE: double quotes with escaped quotes"
msg=$(LEDE="-w 'x" "$bin" -d "$sample" 2>&1); st=$?
[ "$st" -eq 2 ] && [ "$msg" = "lede: in LEDE: unterminated quote" ]
ok $? "LEDE: an unterminated quote is an error (exit status 2)"
# An error in LEDE says so.
msg=$(LEDE='-d --bogus' "$bin" "$sample" 2>&1 >/dev/null); st=$?
[ "$st" -eq 2 ] &&
    [ "$(echo "$msg" | head -n 1)" = "lede: in LEDE: unrecognized option '--bogus'" ]
ok $? "LEDE: an unknown option is reported as LEDE's (exit $st)"
msg=$(LEDE='-w x' "$bin" -d "$sample" 2>&1 >/dev/null); st=$?
[ "$st" -eq 2 ] && [ "$msg" = "lede: in LEDE: invalid width: x" ]
ok $? "LEDE: a bad value is reported as LEDE's"
msg=$(LEDE='--color pink' "$bin" -d "$sample" 2>&1 >/dev/null)
[ "$msg" = "lede: in LEDE: invalid --color: pink (auto, always or never)" ]
ok $? "LEDE: a bad --color is reported as LEDE's"
msg=$(LEDE='-d -w' "$bin" "$sample" 2>&1 >/dev/null); st=$?
[ "$st" -eq 2 ] &&
    [ "$(echo "$msg" | head -n 1)" = "lede: in LEDE: option requires an argument -- 'w'" ]
ok $? "LEDE: -w with nothing after it in LEDE is LEDE's error"
msg=$(LEDE='-d' "$bin" -w x "$sample" 2>&1 >/dev/null); st=$?
[ "$st" -eq 2 ] && [ "$msg" = "lede: invalid width: x" ]
ok $? "LEDE set, a bad value on the command line: not LEDE's"
msg=$(LEDE='-w 37' "$bin" -d --bogus "$sample" 2>&1 >/dev/null)
[ "$(echo "$msg" | head -n 1)" = "lede: unrecognized option '--bogus'" ]
ok $? "LEDE set, an unknown option on the command line: not LEDE's"
printf 'from LEDE\n' > "$tmp/env1.txt"
printf 'from the command line\n' > "$tmp/env2.txt"
out=$(LEDE="$tmp/env1.txt" "$bin" -d "$tmp/env2.txt" 2>&1)
[ "$out" = "from LEDE
from the command line" ]; ok $? "LEDE: its files come before the command line's"
LEDE='-s none +/none' "$bin" -d -s 1 +/Trump "$sample" > /dev/null 2>&1
ok $? "LEDE: -s and +/ on the command line override LEDE's"
# Reading state makes nothing: a dump leaves no state directory behind.
XDG_STATE_HOME=$tmp/fresh "$bin" -d "$sample" > /dev/null
[ ! -e "$tmp/fresh" ]; ok $? "a dump makes no state directory"
# Words of LEDE that getopt moves (a file, +/pattern) are freed whole.
msg=$(LEDE="$sample +/Trump -w 37" "$bin" -d 2>&1 >/dev/null); st=$?
[ "$st" -eq 0 ] && [ -z "$msg" ]
ok $? "LEDE with a file and +/pattern: no error (exit $st${msg:+: $msg})"

# Errors: one line naming the file and the reason.
msg=$("$bin" -d "$tmp/x.txt" 2>&1); st=$?
[ "$st" -eq 2 ] && [ "$msg" = "lede: $tmp/x.txt: No such file or directory" ]
ok $? "missing file: message and exit status 2"
msg=$("$bin" -d "$tmp" 2>&1); st=$?
[ "$st" -eq 2 ] && [ "$msg" = "lede: $tmp: Is a directory" ]
ok $? "directory: message and exit status 2"
printf 'secret\n' > "$tmp/locked.txt"
chmod 000 "$tmp/locked.txt"
# Root reads everything: run lede as nobody for this case.
asuser=
if [ "$(id -u)" -eq 0 ]; then
	need setpriv
	chmod 755 "$tmp"
	asuser="setpriv --reuid=65534 --regid=65534 --clear-groups --"
fi
msg=$($asuser "$bin" -d "$tmp/locked.txt" 2>&1); st=$?
[ "$st" -eq 2 ] && [ "$msg" = "lede: $tmp/locked.txt: Permission denied" ]
ok $? "unreadable file: message and exit status 2"

# Several files: printed in turn; one missing is reported, exit status 1.
printf 'first file\n' > "$tmp/a.txt"
printf 'second file\n' > "$tmp/b.txt"
out=$("$bin" -d "$tmp/a.txt" "$tmp/b.txt" 2>&1); st=$?
[ "$st" -eq 0 ] && [ "$out" = "first file
second file" ]
ok $? "two files are printed one after the other"
"$bin" -d "$tmp/a.txt" "$tmp/none.txt" "$tmp/b.txt" > "$tmp/out" \
    2> "$tmp/err"; st=$?
[ "$st" -eq 1 ] && [ "$(cat "$tmp/err")" = \
    "lede: $tmp/none.txt: No such file or directory" ] &&
    [ "$(cat "$tmp/out")" = "first file
second file" ]
ok $? "a missing file among others: reported, skipped, exit status 1"
"$bin" -d "$tmp/none.txt" "$tmp/none2.txt" > /dev/null 2>&1; [ $? -eq 2 ]
ok $? "no file can be read: exit status 2"

# Empty and binary input.
: > "$tmp/empty.txt"
out=$("$bin" -d "$tmp/empty.txt" 2>&1); st=$?
[ "$st" -eq 0 ] && [ -z "$out" ]; ok $? "an empty file prints nothing, exit 0"
printf 'bin\000ary\n' > "$tmp/bin.dat"
"$bin" -d "$tmp/bin.dat" > "$tmp/out" 2> "$tmp/err"; st=$?
[ "$st" -eq 0 ] && [ "$(cat "$tmp/out")" = 'bin^@ary' ]
ok $? "a NUL byte is shown as ^@"
[ "$(cat "$tmp/err")" = "lede: $tmp/bin.dat: binary file (NUL bytes shown as ^@)" ]
ok $? "binary input is flagged on stderr"
# Only the first 64 KB are looked at for NUL bytes.
{ head -c 65535 /dev/zero | tr '\0' 'a'; printf '\000\n'; } > "$tmp/late1.dat"
{ head -c 65536 /dev/zero | tr '\0' 'a'; printf '\000\n'; } > "$tmp/late2.dat"
"$bin" -d -w 80 "$tmp/late1.dat" 2> "$tmp/err1" | tail -n 1 | grep -q '\^@$' &&
    grep -q "binary file" "$tmp/err1" &&
    "$bin" -d -w 80 "$tmp/late2.dat" 2> "$tmp/err2" | tail -n 1 | grep -q '\^@$' &&
    [ ! -s "$tmp/err2" ]
ok $? "a NUL at byte 65535 makes a binary file, at 65536 not (but is shown)"
head -c 300000 /dev/zero > "$tmp/zeros"
"$bin" -d -w 40 "$tmp/zeros" > /dev/null 2>&1; ok $? "300 KB of NULs: no crash"

# Standard input: '-' among files; Ctrl-C while reading keeps what arrived.
out=$(printf 'from a pipe\n' | "$bin" -d "$tmp/a.txt" - 2>&1)
[ "$out" = "first file
from a pipe" ]; ok $? "'-' among files reads standard input"
{ printf 'arrived\n'; sleep 3; } | "$bin" -d > "$tmp/out" 2> "$tmp/err" &
pid=$!
sleep 0.5
kill -INT "$pid"
wait "$pid"; st=$?
[ "$st" -eq 1 ] && [ "$(cat "$tmp/out")" = arrived ] &&
    [ "$(cat "$tmp/err")" = "lede: (standard input): input cut short" ]
ok $? "Ctrl-C while reading a pipe: what arrived is printed, exit status 1"

# A FIFO or a device named on the command line is read as a pipe is: whole,
# or until Ctrl-C (source.c holds what is read to at most 1 GiB: t-source).
mkfifo "$tmp/fifo"
printf 'through a FIFO\n' > "$tmp/fifo" &
out=$("$bin" -d "$tmp/fifo" 2>&1); st=$?
wait
[ "$st" -eq 0 ] && [ "$out" = "through a FIFO" ]; ok $? "a FIFO is read whole"
{ printf 'arrived\n'; sleep 3; } > "$tmp/fifo" &
writer=$!
"$bin" -d "$tmp/fifo" > "$tmp/out" 2> "$tmp/err" &
pid=$!
sleep 0.5
kill -INT "$pid"
wait "$pid"; st=$?
[ "$st" -eq 1 ] && [ "$(cat "$tmp/out")" = arrived ] &&
    [ "$(cat "$tmp/err")" = "lede: $tmp/fifo: input cut short" ]
ok $? "Ctrl-C while reading a FIFO: what arrived is printed, exit status 1"
kill "$writer" 2>/dev/null
wait

# A gzip file (most of /usr/share/doc) is read inflated: the same rows as
# the text; cut short or bad, what came before and a message, status 1.
gzip -c "$srcdir/src/sample.txt" > "$tmp/sample.txt.gz"
"$bin" -d -w 37 "$srcdir/src/sample.txt" > "$tmp/plain"
"$bin" -d -w 37 "$tmp/sample.txt.gz" > "$tmp/out" 2> "$tmp/err"; st=$?
[ "$st" -eq 0 ] && cmp -s "$tmp/plain" "$tmp/out" && [ ! -s "$tmp/err" ]
ok $? "a gzip file: the rows of its text, no message"
head -c 1500 "$tmp/sample.txt.gz" > "$tmp/cut.gz"
"$bin" -d -w 37 "$tmp/cut.gz" > "$tmp/out" 2> "$tmp/err"; st=$?
[ "$st" -eq 1 ] && [ -s "$tmp/out" ] && head -n 3 "$tmp/plain" |
    cmp -s - "$(head -n 3 "$tmp/out" > "$tmp/out3"; echo "$tmp/out3")" &&
    [ "$(cat "$tmp/err")" = "lede: $tmp/cut.gz: gzip data bad or cut short, shown up to there" ]
ok $? "a gzip file cut short: its first rows, a message, exit status 1"
# Named by what it holds: page.html.gz is a web page, NEWS.md.gz Markdown.
gzip -c "$srcdir/tests/data/html/news.html" > "$tmp/news.html.gz"
printf '# Harbour news\n\nThe *lamps* were lit at `six`.\n' > "$tmp/NEWS.md"
gzip -c "$tmp/NEWS.md" > "$tmp/NEWS.md.gz"
"$bin" -d -w 50 "$tmp/news.html.gz" > "$tmp/out" 2>&1 &&
    "$bin" -d -w 50 "$srcdir/tests/data/html/news.html" |
    cmp -s - "$tmp/out" && "$bin" -d -w 50 "$tmp/NEWS.md.gz" > "$tmp/out" &&
    "$bin" -d -w 50 "$tmp/NEWS.md" | cmp -s - "$tmp/out" &&
    grep -qx 'The lamps were lit at six.' "$tmp/out"
ok $? "x.html.gz and x.md.gz: a web page and Markdown, as x.html and x.md"

# A terminal that cannot page: printed instead, with a note.
for t in dumb unset nosuchterminal; do
	if [ "$t" = unset ]; then
		envcmd="env -u TERM"
		note="lede: TERM is not set; printing instead"
	elif [ "$t" = dumb ]; then
		envcmd="env TERM=dumb"
		note="lede: terminal 'dumb' cannot page; printing instead"
	else
		envcmd="env TERM=$t"
		note="lede: terminal '$t' is unknown; printing instead"
	fi
	script -qec "$envcmd $bin -w 30 $tmp/a.txt 2>$tmp/err" /dev/null \
	    > "$tmp/out" < /dev/null; st=$?
	[ "$st" -eq 0 ] && [ "$(cat "$tmp/err")" = "$note" ] &&
	    grep -q 'first file' "$tmp/out"
	ok $? "TERM $t: the article is printed after the note"
done
# A hostile TERM is named in its visible form.
cat > "$tmp/term.sh" <<EOS
TERM=\$(printf 'x\\033]2;PWNED\\007\\302\\233\\377') exec "$bin" -w 30 \
    "$tmp/a.txt" 2> "$tmp/err"
EOS
script -qec "sh $tmp/term.sh" /dev/null > "$tmp/out" < /dev/null
printf 'x\033]2;PWNED\007\302\233\377' > "$tmp/raw"
"$HELPER" shown "$tmp/raw" "$tmp/err" &&
    [ "$(cat "$tmp/err")" = "lede: terminal 'x^[]2;PWNED^G<U+009B><FF>' is unknown; printing instead" ]
ok $? "a hostile TERM: the note shows it visibly"

# make install puts the binary, the page and the completion in place, and
# make uninstall takes them away.
if [ -n "${abs_top_builddir:-}" ] && [ -f "$abs_top_builddir/Makefile" ]; then
	dest=$tmp/dest
	(unset MAKEFLAGS MFLAGS MAKELEVEL; make -s -C "$abs_top_builddir" \
	    install DESTDIR="$dest") > "$tmp/make.log" 2>&1
	ok $? "make install DESTDIR=..."
	bin_i=$(find "$dest" -path '*/bin/lede' -type f)
	page=$(find "$dest" -path '*/man1/lede.1' -type f)
	comp=$(find "$dest" -path '*/bash-completion/completions/lede' -type f)
	[ -x "$bin_i" ] && "$bin_i" --version | grep -q '^lede '
	ok $? "the installed binary runs ($bin_i)"
	[ -n "$comp" ]; ok $? "the completion is installed ($comp)"
	if command -v man > /dev/null 2>&1 && [ -n "$page" ]; then
		mandir=$(dirname "$(dirname "$page")")
		man -M "$mandir" -w lede 2>/dev/null | grep -q "lede.1"
		ok $? "man finds the installed page ($page)"
	else
		[ -n "$page" ]; ok $? "the page is installed ($page)"
	fi
	(unset MAKEFLAGS MFLAGS MAKELEVEL; make -s -C "$abs_top_builddir" \
	    uninstall DESTDIR="$dest") >> "$tmp/make.log" 2>&1
	ok $? "make uninstall DESTDIR=..."
	left=$(find "$dest" -type f)
	[ -z "$left" ]; ok $? "make uninstall removes every file${left:+: $left}"
elif [ -n "${LEDE_NO_SKIP:-}" ]; then
	ok 1 "make install: no build directory (run under make check)"
else
	ok 0 "make install # SKIP no build directory"
fi

# Bash completion.
comp=$srcdir/completions/lede
r=$(bash -c '. "$1" && COMP_WORDS=(lede --wi) && COMP_CWORD=1 ; _lede;
    echo "${COMPREPLY[*]}"' sh "$comp")
[ "$r" = "--width=" ]; ok $? "completion: --wi completes to --width= ($r)"
r=$(bash -c '. "$1" && COMP_WORDS=(lede --color = al) && COMP_CWORD=3 &&
    _lede; echo "${COMPREPLY[*]}"' sh "$comp")
[ "$r" = "always" ]; ok $? "completion: --color=al completes to always"
r=$(cd "$tmp" && bash -c '. "$1" && COMP_WORDS=(lede a.t) && COMP_CWORD=1 &&
    _lede; echo "${COMPREPLY[*]}"' sh "$comp")
[ "$r" = "a.txt" ]; ok $? "completion: file names"
bash -c '. "$1" && complete -p lede' sh "$comp" | grep -q '_lede'
ok $? "completion: registered for lede"
# Every long option of --help is offered.
missing=
for o in $("$LEDE" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
	grep -q -- "$o" "$comp" || missing="$missing $o"
done
[ -z "$missing" ]; ok $? "completion: offers every long option of --help${missing:+ but$missing}"

done_testing
