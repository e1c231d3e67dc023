#!/bin/sh
# tty-structure.sh: sections by keystroke in tmux: ] and [ put the heading
# on the top row and in the status line, t lists every section and jumps,
# -s opens at a section; headings are bold.
. "${srcdir:-.}/tests/lib.sh"
need tmux

row() { tmux_capture | sed -n "${1}p"; }

tmux_start 37 20 "$LEDE"
wait_for "date 2017-11-16"
tmux_keys ']'; settle
row 1 | grep -q '^UNITED STANCE'; ok $? "]: first heading on the top row"
row 20 | grep -q 'UNITED STANCE'; ok $? "]: the status line names the section"
esc=$(printf '\033')
tmux_capture -e | sed -n 1p | grep -q "${esc}\\[1m"; ok $? "the heading is bold"
tmux_keys ']'; settle
row 1 | grep -q 'DUAL-TRACK. APPROACH'; ok $? "]: the next heading on the top row"
row 20 | grep -q 'DUAL-TRACK'; ok $? "]: status names it"
tmux_keys ']'; settle
row 20 | grep -q 'no next section'; ok $? "] at the last section says so"
tmux_keys '['; settle
row 1 | grep -q '^UNITED STANCE'; ok $? "[: previous heading on top"
tmux_keys j j j; settle
tmux_keys '['; settle
row 1 | grep -q '^UNITED STANCE'; ok $? "[ inside a section: back to its heading"
tmux_keys '['; settle
row 20 | grep -q 'no previous section'; ok $? "[ before the first section says so"
tmux_keys t; settle
tmux_capture | grep -q 'Contents'; ok $? "t opens the table of contents"
tmux_capture | grep -q '1  UNITED STANCE'; ok $? "t lists section 1"
tmux_capture | grep -q '2  .DUAL-TRACK. APPROACH'; ok $? "t lists section 2"
tmux_capture | grep -q '> 1  UNITED'; ok $? "t marks the current section"
tmux_keys 2 Enter; settle
row 1 | grep -q 'DUAL-TRACK'; ok $? "t, 2, Enter jumps to section 2"
tmux_keys t; settle
tmux_keys Escape; settle
tmux_capture | grep -q 'Contents'; [ $? -ne 0 ]; ok $? "Esc closes the table of contents"
row 1 | grep -q 'DUAL-TRACK'; ok $? "Esc leaves the position alone"
tmux_keys t k Enter; settle
row 1 | grep -q '^UNITED STANCE'; ok $? "t, k, Enter picks the entry above"
tmux_stop

tmux_start 37 20 "$LEDE" -s dual
wait_for "APPROACH"
row 1 | grep -q 'DUAL-TRACK'; ok $? "-s dual opens at the section by title prefix"
tmux_stop
tmux_start 37 20 "$LEDE" --section=1
wait_for "STANCE"
row 1 | grep -q '^UNITED STANCE'; ok $? "--section=1 opens at the first section"
tmux_stop

"$LEDE" -s nosuch "$srcdir/src/sample.txt" > /dev/null 2>&1; st=$?
msg=$("$LEDE" -s nosuch "$srcdir/src/sample.txt" 2>&1 >/dev/null)
[ "$st" -eq 2 ] && [ "$msg" = "lede: nosuch: no such section" ]
ok $? "-s with an unknown section: message and status 2"

# A fixture with Markdown and CJK headings.
tmux_start 40 12 "$LEDE" "$srcdir/tests/data/structure.txt"
wait_for "Markdown Title"
tmux_keys t; settle
n=$(tmux_capture | grep -cE '│..[1-5]  ')
[ "$n" -eq 5 ]; ok $? "t lists all five headings of the fixture ($n)"
tmux_keys 3 Enter; settle
row 1 | grep -q '中文标题'; ok $? "the Chinese heading on top"
row 12 | grep -q '中文标题'; ok $? "status names the Chinese section"
tmux_stop

# Titles centred by spaces: in the middle of the column, at any width,
# wrapped at words; a centred line in capitals is a section.
tmux_start 37 20 "$LEDE" "$srcdir/tests/golden/centred.txt"
wait_for "Revision 2"
tmux_capture | grep -qx ' THE HARBOUR LIGHTS SOCIETY CHARTER'
ok $? "37 columns: the title in the middle"
tmux_capture | grep -qx '    Revision 2, 14 September 2019'
ok $? "37 columns: its second line in the middle"
tmux_capture | grep -qx '              Preamble'; ok $? "37 columns: Preamble"
tmux_keys ']'; settle
row 1 | grep -qx '         TERMS OF MEMBERSHIP'
ok $? "]: the centred heading on the top row, in the middle"
row 20 | grep -q 'TERMS OF MEMBERSHIP'; ok $? "]: the status line names it"
tmux -L "$TMUX_SOCK" resize-window -x 20 -y 20 2>/dev/null ||
    tmux -L "$TMUX_SOCK" resize-pane -x 20 -y 20
tmux_keys g; settle
tmux_capture | grep -qx ' THE HARBOUR LIGHTS' &&
    tmux_capture | grep -qx '  SOCIETY CHARTER'
ok $? "20 columns: the title wrapped at words, each row in the middle"
tmux_stop
done_testing
