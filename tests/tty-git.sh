#!/bin/sh
# tty-git.sh: lede as git's pager (GIT_PAGER=lede), in tmux. git writes
# colours for its pager and says so with LESS=FRX: lede draws them as
# less -R does, and reads the log as lines: one commit field per row.
. "${srcdir:-.}/tests/lib.sh"
need tmux
need git

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; tmux_stop' EXIT
esc=$(printf '\033')
row() { tmux_capture | sed -n "${1}p"; }

# A repository of our own, two commits.
git init -q "$tmp/repo"
(
	cd "$tmp/repo" || exit 1
	git config user.name "Mira Okafor"
	git config user.email "mira@example.org"
	printf 'The harbour council met on Tuesday.\n' > story.txt
	git add story.txt
	GIT_AUTHOR_DATE="2026-11-17T09:12:44+0100" \
	GIT_COMMITTER_DATE="2026-11-17T09:12:44+0100" \
	    git commit -q -m "story: the council meets" \
	    -m "The vote on the old ferry pier is set for Tuesday evening."
	printf 'The harbour council met on Tuesday evening.\n' > story.txt
	GIT_AUTHOR_DATE="2026-11-18T10:00:00+0100" \
	GIT_COMMITTER_DATE="2026-11-18T10:00:00+0100" \
	    git commit -q -am "story: say when"
	printf 'The council voted to keep the pier open.\n' >> story.txt
	GIT_AUTHOR_DATE="2026-11-19T08:30:00+0100" \
	GIT_COMMITTER_DATE="2026-11-19T08:30:00+0100" \
	    git commit -q -am "story: the council votes to keep the old ferry pier open for the winter"
)

cat > "$tmp/run.sh" <<EOF
cd "$tmp/repo" && HOME="$tmp" GIT_PAGER="$LEDE" git -c color.ui=always "\$@"
echo git ended \$?
sleep 30
EOF

tmux_start 80 16 "sh $tmp/run.sh log"
wait_for "Author:" 50; ok $? "git log: shown in lede"
settle
row 1 | grep -q '^commit [0-9a-f]\{40\}'; ok $? "commit on a row of its own ($(row 1))"
row 2 | grep -q '^Author: Mira Okafor <mira@example.org>$'; ok $? "Author on the next ($(row 2))"
row 3 | grep -q '^Date: '; ok $? "Date on the next ($(row 3))"
! tmux_capture | grep -q '\^\['; ok $? "no ^[ on the screen: colours are styles"
tmux_capture -e | head -n 1 | grep -q "${esc}\[33mcommit"; ok $? "the commit line in git's yellow"
tmux_capture | grep -q '^    story: say when$'; ok $? "the message as git indents it"
tmux_keys q
wait_for "git ended 0" 30; ok $? "q: git ends well"
tmux_stop

# At 37 columns a subject wider than the screen wraps at its words, in by
# git's four, as its body does: one line of prose, not code to cut.
tmux_start 37 16 "sh $tmp/run.sh log -1"
wait_for "Author:" 50
settle
tmux_capture | grep -A2 '^    story: the council votes to keep$' |
    tr '\n' '|' | grep -q '|    the old ferry pier open for the|    winter|'
ok $? "a long subject wrapped at words, in by four ($(tmux_capture | grep -A2 'story:' | tr '\n' '|'))"
! tmux_capture | grep -q '\\$'; ok $? "no row cut with a \\"
tmux_keys q
wait_for "git ended 0" 30
tmux_stop

tmux_start 80 16 "sh $tmp/run.sh diff HEAD~2 HEAD~1"
wait_for "diff --git" 50; ok $? "git diff: shown in lede"
settle
tmux_capture | grep -q '^-The harbour council met on Tuesday\.$' &&
    tmux_capture | grep -q '^+The harbour council met on Tuesday evening\.$'
ok $? "a line removed and a line added, each on its row"
tmux_capture -e | grep -q "${esc}\[31m-The"; ok $? "removed in red"
tmux_keys q
wait_for "git ended 0" 30; ok $? "q: git ends well"
# git log --stat: a diffstat keeps its lines, even when the file's line
# is as wide as prose and the summary could follow it.
(
	cd "$tmp/repo" || exit 1
	seq 1 20 | sed 's/^/minute /' > harbour-council-minutes-november.txt
	git add harbour-council-minutes-november.txt
	GIT_AUTHOR_DATE="2026-11-19T10:00:00+0100" \
	GIT_COMMITTER_DATE="2026-11-19T10:00:00+0100" \
	    git commit -q -m "minutes: November"
)
tmux_start 80 16 "sh $tmp/run.sh log --stat -1"
wait_for "file changed" 50; ok $? "git log --stat: shown in lede"
settle
tmux_capture | grep -q '^ harbour-council-minutes-november\.txt | 20 +\{20\}$'
ok $? "the file's line of the diffstat on a row of its own"
tmux_capture | grep -q '^ 1 file changed, 20 insertions(+)$'
ok $? "the summary on the next ($(tmux_capture | grep 'file changed'))"
tmux_keys q
wait_for "git ended 0" 30; ok $? "q: git ends well"
tmux_stop
done_testing
