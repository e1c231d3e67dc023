#!/bin/sh
# lint-man.sh: the manual is clean mdoc.
. "${srcdir:-.}/tests/lib.sh"
need mandoc
out=$(mandoc -Tlint -Wwarning "$srcdir/man/lede.1" 2>&1)
[ -z "$out" ]; ok $? "mandoc -Tlint -Wwarning man/lede.1"
[ -z "$out" ] || diag "$out"
done_testing
