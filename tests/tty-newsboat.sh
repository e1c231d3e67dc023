#!/bin/sh
# tty-newsboat.sh: lede as newsboat's pager (pager "lede %f"), in tmux,
# on a local feed of our own. The article's header lines (Feed:, Title:,
# Author:, Date:, Link:) stay one per row, the status line names the
# article's title rather than newsboat's temporary file, = shows title
# and author, the list and the Links: list at the end keep their lines,
# and q goes back to newsboat.
. "${srcdir:-.}/tests/lib.sh"
need tmux
need newsboat

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; tmux_stop' EXIT
row() { tmux_capture | sed -n "${1}p"; }
status() { tmux_capture | tail -n 1; }

cat > "$tmp/feed.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour News</title>
<link>http://news.example/</link><description>Local news</description>
<item><title>Council votes to keep the old pier closed</title>
<link>http://news.example/pier</link>
<author>mira@example.org (Mira Okafor)</author>
<pubDate>Tue, 17 Nov 2026 09:12:44 +0100</pubDate>
<description><![CDATA[<p>The harbour council voted on Tuesday to keep the old ferry pier closed until a survey is done, and the ferries will use the north quay until then.</p><p>“We listened to the fishermen,” the mayor, Angela Okafor, said in a statement. See <a href="http://news.example/survey">the survey</a>.</p><ul><li>Ferries use the north quay.</li><li>The survey is due in January.</li></ul>]]></description></item>
</channel></rss>
EOF
printf '"exec:cat %s/feed.xml"\n' "$tmp" > "$tmp/urls"
cat > "$tmp/config" <<EOF
pager "$LEDE %f"
refresh-on-startup yes
EOF

tmux_start 80 20 "env HOME=$tmp newsboat -u $tmp/urls -C $tmp/config -c $tmp/cache.db"
wait_for "Harbour News" 100; ok $? "newsboat shows the feed"
tmux_keys Enter
wait_for "Council votes" 50; ok $? "... and its article"
tmux_keys Enter
wait_for "Feed: Harbour News" 50; ok $? "Enter: the article in lede"
settle
row 1 | grep -q '^ *Feed: Harbour News$'; ok $? "Feed: on a row of its own ($(row 1))"
row 2 | grep -q '^ *Title: Council votes to keep the old pier closed$'
ok $? "the title on a row of its own ($(row 2))"
row 3 | grep -q '^ *Author: Mira Okafor$'; ok $? "the author on the next"
status | grep -q 'Council votes to keep the old pier closed'
ok $? "the status line names the article ($(status))"
! status | grep -q 'newsboat-article'; ok $? "... not newsboat's temporary file"
tmux_capture | grep -q '^ *\* Ferries use the north quay\.$' &&
    tmux_capture | grep -q '^ *\* The survey is due in January\.$'
ok $? "the list: an item per row"
tmux_capture | grep -q '^ *\[1\]: http://news.example/survey (link)$'
ok $? "Links: kept as a list"
tmux_keys =
wait_for "Author:   Mira Okafor" 20; ok $? "=: the title and the author"
tmux_capture | grep -q 'Title:    Council votes'; ok $? "=: Title"
tmux_keys Escape q
wait_for "Articles in feed" 50; ok $? "q: back to newsboat"
tmux_keys q q
done_testing
