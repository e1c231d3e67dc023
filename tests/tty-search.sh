#!/bin/sh
# tty-search.sh: search by keystroke in tmux, as a reader sees it.
. "${srcdir:-.}/tests/lib.sh"
need tmux

XDG_STATE_HOME=$(mktemp -d)
export XDG_STATE_HOME
trap 'rm -rf "$XDG_STATE_HOME"; tmux_stop' EXIT
esc=$(printf '\033')
row() { tmux_capture | sed -n "${1}p"; }
status() { tmux_capture | tail -n 1; }
# Rows (with attributes) that show reverse video (the current match).
reverse_rows() { tmux_capture -e | grep -c "${esc}\[7m"; }

tmux_start 37 20 "$LEDE"
wait_for "date 2017-11-16"
tmux_keys /; settle
status | grep -q '^/'; ok $? "/ opens the prompt on the status row"
tmux_keys 習近平; settle
tmux_capture -e | grep "習近平" | grep -q "${esc}\[7m"; ok $? "incremental: 習近平 highlighted while typing"
tmux_keys Enter; settle
status_has '1/1'; ok $? "Enter keeps it; the counter says 1/1"
tmux_keys Escape; settle

# n wraps, with the counter right.
tmux_keys / said Enter; settle
status_has '1/7'; ok $? "/said: first of 7"
tmux_keys n; settle
status_has '2/7'; ok $? "n: 2/7"
tmux_keys N N; settle
status_has 'wrapped to bottom\|7/7'; ok $? "N past the first wraps to the bottom"
tmux_keys n; settle
status | grep -q 'wrapped to top'; ok $? "n past the last says it wrapped to the top"
status_has '1/7\|wrapped'; ok $? "counter after wrapping"

# Smart case.
tmux_keys / CHINA Enter; settle
status | grep -q 'not found'; ok $? "smart case: CHINA (upper case) is case-sensitive: not found"
tmux_keys / china Enter; settle
status_has '[0-9]/1[0-9]'; ok $? "smart case: china matches China ($(status | grep -oE '[0-9]+/[0-9]+'))"

# Esc restores the view.
tmux_keys g; settle
before=$(row 1)
tmux_keys / traction; settle
row 1 | grep -q "^$before\$"; [ $? -ne 0 ]; ok $? "incremental search moved the view"
tmux_keys Escape; settle
[ "$(row 1)" = "$before" ]; ok $? "Esc returns to where the search started"

# History: Up brings back an earlier pattern.
tmux_keys / Up; settle
status | grep -q '^/china'; ok $? "Up walks the history"
tmux_keys Up; settle
status | grep -q '^/CHINA'; ok $? "Up again: the one before"
tmux_keys C-u; settle
status | grep -q '^/ *$'; ok $? "Ctrl-U clears the pattern"
tmux_keys Escape; settle
tmux_stop

# A phrase that wraps over two rows at 30 columns is highlighted on both.
tmux_start 30 20 "$LEDE" -w 30
wait_for "date"
tmux_keys / "special envoy, Song" Enter; settle
n=$(tmux_capture -e | grep -c "${esc}\[7m")
[ "$n" -ge 2 ]; ok $? "a match over two rows is highlighted on each ($n rows)"
tmux_stop

# Full-width and half-width forms.
tmux_start 60 10 "$LEDE" "$srcdir/tests/data/fold.txt"
wait_for "katakana"
tmux_keys / abc Enter; settle
status_has '1/2'; ok $? "abc matches ＡＢＣ and ABC (2 matches)"
tmux_keys / カタカナ Enter; settle
status_has '1/2'; ok $? "カタカナ matches ｶﾀｶﾅ too (2 matches)"
tmux_keys / strasse Enter; settle
status_has '1/3'; ok $? "strasse matches Straße, STRASSE, strasse"
tmux_keys / café Enter; settle
status_has '1/2'; ok $? "café matches both spellings"
tmux_keys / 'caf(e|x)' C-r Enter; settle
status_has '1/'; ok $? "Ctrl-R: regular expression"
tmux_stop

# -p and +/ open at the first match; history survives the run.
tmux_start 37 20 "$LEDE" -p traction "$srcdir/src/sample.txt"
wait_for "traction"
status_has '1/1'; ok $? "-p opens at the match with the counter"
tmux_stop
tmux_start 37 20 "$LEDE" +/Pyongyang "$srcdir/src/sample.txt"
wait_for "Pyongyang"
tmux_capture -e | grep "Pyongyang" | grep -q "${esc}\[7m"; ok $? "+/Pyongyang: the match highlighted"
tmux_keys / Up; settle
status | grep -q '^/Pyongyang'; ok $? "+/Pyongyang is in the history"
tmux_keys Up; settle
status | grep -q '^/caf'; ok $? "history kept across runs"
tmux_keys Escape
tmux_stop
grep -qx 'said' "$XDG_STATE_HOME/lede/history"; ok $? "history file in XDG_STATE_HOME"

tmux_start 37 20 "$LEDE" --no-history
wait_for "date"
tmux_keys / newpattern Enter; settle
tmux_stop
grep -q 'newpattern' "$XDG_STATE_HOME/lede/history"; [ $? -ne 0 ]; ok $? "--no-history keeps nothing"
done_testing
