#!/bin/sh
# golden.sh: layouts at fixed widths compared with expected files.
#
# Each tests/golden/NAME.txt (first line: what it tests) is dumped with the
# options in NAME.opts (if any) at each width W listed there, and compared
# with tests/golden/NAME-W.dump. To regenerate on purpose:
#	GOLDEN_UPDATE=1 make check TESTS=tests/golden.sh
. "${srcdir:-.}/tests/lib.sh"

gdir=$srcdir/tests/golden
out=$(mktemp)
trap 'rm -f "$out"' EXIT

for exp in "$gdir"/*.dump; do
	base=$(basename "$exp" .dump)
	name=${base%-*}
	rest=${base#"$name"-}
	width=${rest%%.*}
	input=$gdir/$name.txt
	[ -f "$input" ] || input=$srcdir/src/$name.txt
	opts=
	[ -f "$gdir/$base.opts" ] && opts=$(cat "$gdir/$base.opts")
	# shellcheck disable=SC2086
	"$LEDE" --dump -w "$width" $opts "$input" > "$out" 2>&1
	if [ -n "${GOLDEN_UPDATE:-}" ]; then
		cp "$out" "$exp"
	fi
	if cmp -s "$exp" "$out"; then
		ok 0 "$base"
	else
		ok 1 "$base"
		diff -u "$exp" "$out" | sed 's/^/# /' | head -40
	fi
done
done_testing
