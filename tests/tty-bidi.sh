#!/bin/sh
# tty-bidi.sh: right-to-left text in the real binary, in tmux (which does
# no bidi of its own: it shows cells as lede orders them). The screen
# shows the rows of --dump (each in display order, right-to-left ones
# flush right), paging on; a search highlights the cells of the word as
# they are shown (reversed), and Tab's current quote the whole quote.
. "${srcdir:-.}/tests/lib.sh"
need tmux

tmp=$(mktemp -d)
cleanup() {
	tmux_stop
	rm -rf "$tmp"
}
trap cleanup EXIT
f=$srcdir/tests/golden/rtl.txt
esc=$(printf '\033')

# hilite [COLOUR]: the text shown in reverse video (and that colour: 35
# a search's match, 32 the current quote), from the first row with any.
hilite() {
	_c="${esc}\[7m${esc}\[${1:-35}m"
	tmux_capture -e | head -n 19 | grep -a "$_c" | head -n 1 |
	    sed "s/^[^${esc}]*${_c}//; s/${esc}\[0m.*//; s/${esc}\[[0-9;]*m//g"
}

# --arabic-shaping: the Arabic paragraph in joined forms (U+FExx), in
# the same rows; without it, none.
"$LEDE" -d -w 37 --arabic-shaping "$f" > "$tmp/shaped"
"$LEDE" -d -w 37 "$f" > "$tmp/plain"
[ "$(grep -c "$(printf '\357\273')" "$tmp/shaped")" -ge 4 ] &&
    ! grep -q "$(printf '\357\273')" "$tmp/plain" &&
    [ "$(wc -l < "$tmp/shaped")" -eq "$(wc -l < "$tmp/plain")" ]
ok $? "--arabic-shaping: joined forms in the dump, the same rows"

tmux_start 37 20 "$LEDE" "$f"
trap cleanup EXIT
wait_for "%" || diag "no status line"
settle
tmux_capture | head -n 19 > "$tmp/got"
"$LEDE" -d -w 37 "$f" | head -n 19 > "$tmp/want"
cmp -s "$tmp/got" "$tmp/want"
ok $? "37 columns: the screen shows the rows of --dump -w 37"
bad=0 n=0
while IFS= read -r row; do
	case $row in *[א-ת]*) ;; *) continue ;; esac
	n=$((n + 1))
	# A list item's rows after its first hang 2 columns in, mirrored.
	want=37
	case $row in *three*) want=35 ;; esac
	[ "$(printf '%s' "$row" | wc -m)" -eq "$want" ] || bad=$((bad + 1))
done < "$tmp/got"
[ "$n" -ge 8 ] && [ "$bad" -eq 0 ]
ok $? "$n Hebrew rows, $bad not ending at the right margin"
tmux_keys Space
settle
tmux_capture | head -n 19 > "$tmp/got"
"$LEDE" -d -w 37 "$f" | tail -n 19 > "$tmp/want"
cmp -s "$tmp/got" "$tmp/want"
ok $? "Space: the last rows of --dump (Arabic, Persian) as well"
tmux_keys g
settle

# A search: the word's cells, in display order.
tmux_keys / "פרסם" Enter
settle
[ "$(hilite)" = "םסרפ" ]
ok $? "search: the Hebrew word's cells highlighted as shown ($(hilite))"
tmux_keys / "(4 בדצמבר" Enter
settle
[ "$(hilite)" = "4)" ]
ok $? "search: a match across a direction change, the bracket mirrored ($(hilite))"

# The prompt: Hebrew typed shows in display order, the cursor left of it
# (its end, right to left); Left and Right move as shown; Backspace
# takes the character before the cursor in the text.
tmux_keys Escape / "שלום"
settle
cx() { tmux -L "$TMUX_SOCK" display -p '#{cursor_x}'; }
tmux_capture | tail -n 1 | grep -q "^/ םולש" && [ "$(cx)" = 1 ]
ok $? "prompt: the pattern in display order, the cursor at its end, on the left ($(cx))"
tmux_keys Right
settle
a=$(cx)
tmux_keys Right Right
settle
b=$(cx)
tmux_keys Left
settle
c=$(cx)
[ "$a $b $c" = "2 4 3" ]
ok $? "prompt: Right, Right, Right, Left move the cursor as shown ($a $b $c)"
tmux_keys BSpace
settle
tmux_capture | tail -n 1 | grep -q "^/ םוש " && [ "$(cx)" = 3 ]
ok $? "prompt: Backspace takes the letter before the cursor in the text"
tmux_keys Escape

# Tab: the current quote, whole, in display order.
tmux_keys Escape g Tab
settle
[ "$(hilite 32)" = "”םינש תאז ושקיב םיארוקה„" ]
ok $? "Tab: the Hebrew quote highlighted whole ($(hilite 32))"

# Resize: the rows follow the width, still flush right.
tmux -L "$TMUX_SOCK" resize-window -x 50 -y 20 2>/dev/null ||
    tmux -L "$TMUX_SOCK" resize-pane -x 50 -y 20
tmux_keys g
settle
tmux_capture | head -n 19 > "$tmp/got"
"$LEDE" -d -w 50 "$f" | head -n 19 > "$tmp/want"
cmp -s "$tmp/got" "$tmp/want" || diff "$tmp/want" "$tmp/got" | sed 's/^/# /'
ok $? "50 columns after a resize: the rows of --dump -w 50"
tmux_stop

# The interface: a Hebrew section title in the status line and in the
# table of contents (t), in display order.
printf '# \327\236\327\221\327\225\327\220\n\n\327\251\327\225\327\250\327\224 \327\250\327\220\327\251\327\225\327\240\327\224.\n\n# \327\241\327\231\327\225\327\235 (2)\n\n\327\241\327\225\327\243.\n' > "$tmp/he.md"
tmux_start 37 20 "$LEDE" "$tmp/he.md"
trap cleanup EXIT
wait_for "%" || diag "no status line"
settle
tmux_capture | tail -n 1 | grep -q "אובמ » אובמ"
ok $? "status line: the title and the section in display order ($(tmux_capture | tail -n 1))"
tmux_keys t
settle
tmux_capture | grep -q "(2) םויס"
ok $? "t: the table of contents in display order, the bracket mirrored"
done_testing
