# lib.sh: shared helpers for lede's shell tests (TAP).
#
# Tests run under make check with $LEDE (the binary), $srcdir and LC_ALL
# set. A test that cannot run for lack of a tool skips, unless
# LEDE_NO_SKIP is set (as .ci/run does): then the skip is a failure.

: "${srcdir:=.}"
: "${LEDE:=./src/lede}"
# $LEDE is the binary here, but to lede it holds default options: keep it
# a shell variable, out of the environment of what the tests run.
_lede_bin=$LEDE
unset LEDE
LEDE=$_lede_bin
HELPER=${HELPER:-$(dirname "$LEDE")/../tests/helper}
LC_ALL=C.UTF-8
export LC_ALL
unset LEDE_OPTS

tap_n=0
tap_failed=0

# ok CONDITION-EXIT-STATUS DESCRIPTION
ok() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

# diag TEXT: print a TAP comment, line by line.
diag() {
	printf '%s\n' "$@" | sed 's/^/# /'
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
	exit $?
}

# need TOOL: skip the whole test without it (fail under LEDE_NO_SKIP).
need() {
	if ! command -v "$1" >/dev/null 2>&1; then
		if [ -n "${LEDE_NO_SKIP:-}" ]; then
			echo "Bail out! $1 is required (LEDE_NO_SKIP is set)"
			exit 1
		fi
		echo "1..0 # SKIP $1 not installed"
		exit 0
	fi
}

# A private tmux server per session (a new socket each time, so that a
# server still shutting down is never reused), torn down on exit.
# Without XDG_STATE_HOME, each session gets a fresh state directory of its
# own: lede keeps positions there and reopens the last article, so nothing
# may leak from one session to the next. A test that wants state to carry
# over sets XDG_STATE_HOME itself.
tmux_n=0
TMUX_SOCK=lede-test-$$-0
tmux_state=
tmux_start() {	# COLS ROWS COMMAND...
	cols=$1
	rows=$2
	shift 2
	tmux_n=$((tmux_n + 1))
	TMUX_SOCK=lede-test-$$-$tmux_n
	if [ -z "${XDG_STATE_HOME:-}" ]; then
		[ -z "$tmux_state" ] || rm -rf "$tmux_state"
		tmux_state=$(mktemp -d)
	fi
	tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -x "$cols" -y "$rows" \
	    "env LC_ALL=C.UTF-8 TERM=screen-256color XDG_STATE_HOME=\"${XDG_STATE_HOME:-$tmux_state}\" $*"
	trap 'tmux -L "$TMUX_SOCK" kill-server 2>/dev/null; [ -z "$tmux_state" ] || rm -rf "$tmux_state"' EXIT INT TERM
	tmux -L "$TMUX_SOCK" set-option -g status off >/dev/null
	# The pane's process group: all that its command started.
	tmux_pgids="$tmux_pgids $(tmux -L "$TMUX_SOCK" display -p '#{pane_pid}')"
}
tmux_keys() {
	tmux -L "$TMUX_SOCK" send-keys "$@"
}
tmux_capture() {
	tmux -L "$TMUX_SOCK" capture-pane -p "$@"
}
# tmux_stop: end the server; what ran in its panes gets SIGHUP and must
# be gone within 3 s. A process that is not (it happened twice, a lede
# built with AddressSanitizer spinning in its leak check at exit) is
# reported and killed, so that it cannot slow the tests that follow.
tmux_pgids=
tmux_stop() {
	tmux -L "$TMUX_SOCK" kill-server 2>/dev/null
	for _pg in $tmux_pgids; do
		_li=0
		while kill -0 "-$_pg" 2>/dev/null && [ "$_li" -lt 30 ]; do
			sleep 0.1
			_li=$((_li + 1))
		done
		if kill -0 "-$_pg" 2>/dev/null; then
			diag "still running 3 s after its terminal went:" \
			    "$(ps -o pid=,stat=,args= -g "$_pg" 2>/dev/null)"
			kill -KILL "-$_pg" 2>/dev/null
		fi
	done
	tmux_pgids=
}
# wait_for TEXT [TRIES]: wait until the pane shows TEXT.
wait_for() {
	_li=0
	while [ "$_li" -lt "${2:-50}" ]; do
		if tmux_capture | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.1
		_li=$((_li + 1))
	done
	return 1
}
# status_has PATTERN: wait until the last row matches PATTERN (grep).
# The match counter is worked out in idle time, after the screen that
# shows the match: wait for it rather than read it once.
status_has() {
	_li=0
	while [ "$_li" -lt 50 ]; do
		if tmux_capture | tail -n 1 | grep -q -- "$1"; then
			return 0
		fi
		sleep 0.1
		_li=$((_li + 1))
	done
	return 1
}
# settle: wait until the pane stops changing.
settle() {
	prev=
	_li=0
	while [ "$_li" -lt 50 ]; do
		cur=$(tmux_capture -e)
		[ -n "$prev" ] && [ "$cur" = "$prev" ] && return 0
		prev=$cur
		sleep 0.05
		_li=$((_li + 1))
	done
}
