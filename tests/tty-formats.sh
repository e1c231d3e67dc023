#!/bin/sh
# tty-formats.sh: a Markdown post and a web page as a reader sees them,
# in tmux: no markup on the screen, headings in t and ], styles, links in
# L, quote bars; a page read in reader mode (its title, no navigation), W
# for the whole page; a page piped in (as from curl) is known by its
# doctype. tests/golden/post.txt and tests/data/html/news.html are ours.
# Source code: lines as they are, known by name or by its lines. A mail's
# reply: its quotes in bars.
. "${srcdir:-.}/tests/lib.sh"
need tmux

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; tmux_stop' EXIT
row() { tmux_capture | sed -n "${1}p"; }
# wait_gone TEXT: until TEXT is off the screen (10 s, times the factor).
wait_gone() {
	_n=0
	while tmux_capture | grep -qF -- "$1" &&
	    [ "$_n" -lt $((100 * ${LEDE_TIME_FACTOR:-1})) ]; do
		sleep 0.1
		_n=$((_n + 1))
	done
}
status() { tmux_capture | tail -n 1; }
cp "$srcdir/tests/golden/post.txt" "$tmp/post.md"
cp "$srcdir/tests/data/html/news.html" "$tmp/news.html"

tmux_start 60 24 "$LEDE --no-history $tmp/post.md"
wait_for "Heading of the Post" 50; ok $? "a .md file opens"
settle
! tmux_capture | grep -Eq '\*\*|\]\(|^#|```'; ok $? "no markup on the screen"
tmux_capture -e | grep -q "$(printf '\033')\[1mstrong"
ok $? "strong text bold"
tmux_capture | grep -q 'link\[1\]'; ok $? "a link: its text, then [1]"
status | grep -q 'The Heading of the Post'
ok $? "the status line names the post ($(status))"
status | grep -q ' markdown [0-9]*% *$'
ok $? "and says what it was read as"
tmux_keys t
wait_for "Contents" 20; ok $? "t: contents"
tmux_capture | grep -q 'Lists'; ok $? "t lists the headings"
tmux_keys Escape ']'
settle
row 1 | grep -q 'Lists'; ok $? "] goes to the next heading ($(row 1))"
tmux_keys L
wait_for "Links" 20; ok $? "L: the links"
tmux_capture | grep -q 'https://example.com/a'; ok $? "L lists the targets"
tmux_keys Escape / 'nested quote' Enter
settle
tmux_capture | grep -q '│ │ nested quote'; ok $? "a quote in a quote: two bars"
# A block quote is a quote: Tab goes to it and shows it as the current
# one (reverse), the quote list has it; its “speech” is inside it.
tmux_keys g Tab
settle
tmux_capture -e | grep -q "$(printf '\033')\[7m.*A quote that is a block quote"
ok $? "Tab: the block quote is the current quote"
tmux_keys '"'
wait_for "Quotes" 20
tmux_capture | grep -q '?: A quote that is a block quote'
ok $? "the quote list has the block quote"
! tmux_capture | grep -q '(term) “speech”'
ok $? "... and not the quote inside it, as a quote of its own"
tmux_keys Escape
tmux_keys q
tmux_stop

tmux_start 60 24 "$LEDE --no-history $tmp/news.html"
wait_for "City council backs" 50; ok $? "a saved page opens"
settle
row 1 | grep -q '^ *City council backs new tram line'
ok $? "its title first ($(row 1))"
tmux_capture | grep -q 'By Jane Reporter · 2024-03-05'
ok $? "then its byline and date"
! tmux_capture | grep -Eq 'Share on|Sport'; ok $? "no navigation, no share bar"
status | grep -q 'City council'; ok $? "the status line: the title"
status | grep -q ' html [0-9]*% *$'; ok $? "... and html"
tmux_capture -e | grep -q "$(printf '\033')\[32mCritics say the money"
ok $? "a <blockquote> is drawn as a quote (green)"
tmux_keys '"'
wait_for "Quotes" 20
tmux_capture | grep -q 'Critics say the money'
ok $? "the quote list has it"
tmux_keys Escape
tmux_keys W
settle
tmux_keys g
settle
tmux_capture | grep -q 'Sport'; ok $? "W: the whole page, navigation too"
tmux_keys W
settle
! tmux_capture | grep -q 'Sport'; ok $? "W again: the article"
tmux_keys q
tmux_stop

# A long post (8 MB) is made a piece at a time: its first screen comes
# at once, G and searches reach its end, and a position kept there is
# found again when it is opened again.
awk 'BEGIN { for (i = 0; i < 40000; i++) { printf "## Part %d\n\n", i
    printf "Text of *part* %d, [a link][d], and words to fill it out", i
    printf " to a paragraph of some length, as posts have. More words,"
    printf " more words, more words, more words.\n\n" }
    print "Last words of the post.\n\n[d]: https://example.com/d" }' \
    > "$tmp/long.md"
XDG_STATE_HOME=$tmp/state
export XDG_STATE_HOME
mkdir -p "$XDG_STATE_HOME"
# Keys typed at once, before the rest is made, act on all of it.
tmux_start 60 24 "$LEDE $tmp/long.md"
tmux_keys G
wait_for "Last words of the post" $((100 * ${LEDE_TIME_FACTOR:-1}))
ok $? "G typed at once: its end"
tmux_keys g
wait_for "Part 0" 50; ok $? "g: its first screen"
settle
! tmux_capture | grep -Eq '\*part\*|\]\[d\]|^##'
ok $? "no markup, the definition at its end found"
tmux_keys q
tmux_stop
tmux_start 60 24 "$LEDE $tmp/long.md"
tmux_keys / 'Part 39999' Enter
wait_for "Text of part 39999" $((100 * ${LEDE_TIME_FACTOR:-1}))
settle
tmux_capture | grep -q '^ *Part 39999 *$'
ok $? "a search typed at once finds the last part"
tmux_keys q
tmux_stop
tmux_start 60 24 "$LEDE $tmp/long.md"
wait_for "Part 39999" $((100 * ${LEDE_TIME_FACTOR:-1}))
ok $? "opened again: where it was left"
tmux_keys q
tmux_stop
unset XDG_STATE_HOME

# A big page (1.3 MB): its first screen is made from a part of it, then
# the page whole, in idle time; keys typed while it is made see the same
# text as keys typed after it was made whole.
awk 'BEGIN { printf "<!DOCTYPE html><html><head><title>Big story</title>"
    printf "</head><body><nav><a href=/>Home</a></nav><main><article>"
    for (i = 0; i < 12000; i++) { printf "<p>Paragraph %d of the big ", i
    printf "story, with enough words in it to wrap, as the paragraphs "
    printf "of a story do.</p>\n" }
    print "<p>The end of the story.</p></article></main></body></html>" }' \
    > "$tmp/big.html"
tmux_start 60 24 "$LEDE --no-history $tmp/big.html"
wait_for "Paragraph 1" 50
# The first screen is made from the page's start; the page is made whole
# next, in idle time (150 ms here, seconds under the sanitizers): keys
# typed now move the page once it is. Wait for that.
tmux_keys Space Space Space
wait_gone "Big story"
settle
early=$(tmux_capture | grep -m1 Paragraph)
tmux_keys G
wait_for "The end of the story" $((50 * ${LEDE_TIME_FACTOR:-1}))
ok $? "a big page: G reaches its end"
tmux_keys q
tmux_stop
tmux_start 60 24 "$LEDE --no-history $tmp/big.html"
wait_for "Paragraph 1" 50
settle
sleep 1		# made whole by now, surely
tmux_keys Space Space Space
wait_gone "Big story"
settle
late=$(tmux_capture | grep -m1 Paragraph)
[ -n "$early" ] && [ "$early" = "$late" ]
ok $? "keys typed while the page is made see what keys typed later see ($early; $late)"
tmux_keys q
tmux_stop

# Piped, as curl would: known by its doctype.
tmux_start 60 24 "cat $tmp/news.html | $LEDE --no-history"
wait_for "City council backs" 50; ok $? "a page on standard input is read as a page"
! tmux_capture | grep -q 'DOCTYPE'; ok $? "no markup"
tmux_keys q
tmux_stop

# Source code, as less shows it: a shell script (ours, the golden one)
# named .sh and the same piped in, known by its lines.
cp "$srcdir/tests/golden/script.txt" "$tmp/harbour.sh"
tmux_start 40 12 "$LEDE --no-history $tmp/harbour.sh"
wait_for "harbour's prompt" 50; ok $? "a .sh file opens"
settle
row 4 | grep -q "^# set the harbour's prompt" &&
    row 5 | grep -q '^if \[ -n "\$PS1" \]; then'
ok $? "a comment, then the next line, no blank row between ($(row 4))"
row 6 | grep -q "^        PS1='quay\$ '"
ok $? "a tab kept as eight columns ($(row 6))"
row 10 | grep -q '^        tide --day="\$day" > *\\$' &&
    row 11 | grep -q '^          "tide-\$day\.txt"'
ok $? "a wide line goes on at a word, a \\ at the edge, in by 2 more"
status | grep -q ' code [0-9]*% *$'; ok $? "the status line says code ($(status))"
tmux_keys q
tmux_stop
tmux_start 40 12 "cat $tmp/harbour.sh | $LEDE --no-history"
wait_for "harbour's prompt" 50
settle
row 5 | grep -q '^if \[ -n "\$PS1" \]; then'
ok $? "piped: known as code by its lines ($(row 5))"
tmux_keys q
tmux_stop

# A reply to a mail (plain text, ours: the golden one): its quotes filled
# inside bars, a bar a depth; a search finds words across a quoted line's
# break and its '>'; the quote is one for '"'; at 20 columns no row is
# wider than the screen.
tmux_start 37 20 "$LEDE --no-history $srcdir/tests/golden/quoted.txt"
wait_for "Mira Okafor wrote" 50; ok $? "a mail's reply opens"
settle
row 10 | grep -q '^│ The ferry from the north pier did$'
ok $? "a quote: its bar, its text filled at 35 ($(row 10))"
row 17 | grep -q '^│ │ Has anyone heard whether the$'
ok $? "a quote in it: two bars ($(row 17))"
row 16 | grep -q '^│$'; ok $? "its \">\" line: a row with its bar ($(row 16))"
! tmux_capture | grep -q '^ *>'; ok $? "no '>' on the screen"
tmux_keys / 'wind had turned' Enter
settle
tmux_capture -e | grep -q "$(printf '\033')\[[0-9;]*7m[^ ]*wind\$" &&
    tmux_capture -e | grep -q "$(printf '\033')\[[0-9;]*7m[^ ]*had turned"
ok $? "a search across the quote's line break"
status | grep -q ' 1/1 '; ok $? "one match ($(status))"
tmux_keys '"'
wait_for "Quotes" 20
tmux_capture | grep -q 'Okafor: The ferry from the'
ok $? "the quote list has the mail's quote, its speaker, no '>'"
tmux_keys Escape
tmux -L "$TMUX_SOCK" resize-window -x 20 -y 20 2>/dev/null ||
    tmux -L "$TMUX_SOCK" resize-pane -x 20 -y 20
sleep 0.3
settle
tmux_keys / 'Has anyone' Enter
settle
tmux_capture | grep -q '^│ │ Has anyone' &&
    tmux_capture | grep -q '^│ │ would rather not$'
ok $? "at 20 columns, the nested quote refilled at 16 ($(tmux_capture | grep 'Has anyone'))"
# mawk counts bytes: a bar (three) as one.
[ "$(tmux_capture | sed '$d; s/│/|/g' | awk '{ n = length($0) } n > m { m = n } END { print m + 0 }')" -le 20 ]
ok $? "no row wider than 20 columns"
tmux_keys q
tmux_stop
done_testing
