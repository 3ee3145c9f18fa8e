#!/usr/bin/env bash
# crash.sh - kill -9 a writer at random moments; nothing committed is lost.
#
# Each round starts a writer on the same database (a new profile per round),
# kills it with SIGKILL after a random 20-400 ms - while it opens, sets up
# the file or commits - then checks that the database still opens (the store
# runs PRAGMA quick_check on open) and holds every change that any writer so
# far logged as committed.  The first rounds also race the file's creation.
#
# Environment: STRESS (default ./tests/store/stress), ROUNDS (default 30).

set -u

STRESS=${STRESS:-./tests/store/stress}
ROUNDS=${ROUNDS:-30}

fail() {
	echo "FAIL: crash: $*"
	echo "(files kept in $tmp)"
	exit 1
}

if [ ! -x "$STRESS" ]; then
	echo "FAIL: crash: no stress program at $STRESS (set STRESS)"
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rolebook-crash.XXXXXX") || exit 1
export HOME=$tmp XDG_STATE_HOME=$tmp/state XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config
unset ROLEBOOK_DB
db=$XDG_STATE_HOME/rolebook/rolebook.db

start=$SECONDS
pairs=()
total=0
for ((r = 1; r <= ROUNDS; r++)); do
	log=$tmp/round$r.log
	# Far more changes than fit before the kill.
	"$STRESS" "$db" write "r$r" 1000000 >"$log" 2>"$tmp/round$r.err" &
	pid=$!
	sleep "$(printf '0.%03d' $((RANDOM % 381 + 20)))"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	status=$?
	# 137 = killed by SIGKILL; anything else means the writer failed first.
	[ "$status" -eq 137 ] || fail "round $r: writer exited $status before the kill: $(cat "$tmp/round$r.err")"

	"$STRESS" "$db" check >"$tmp/check$r.out" 2>&1 ||
		fail "round $r: database does not open after the kill: $(cat "$tmp/check$r.out")"
	pairs+=("r$r" "$log")
	"$STRESS" "$db" verify-committed "${pairs[@]}" >"$tmp/verify$r.out" 2>&1 ||
		fail "round $r: $(cat "$tmp/verify$r.out")"
	n=$(grep -c '^committed ' "$log")
	total=$((total + n))
done

if command -v sqlite3 >/dev/null 2>&1; then
	check=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)
	[ "$check" = ok ] || fail "integrity_check: $check"
fi
# A run where no writer ever committed would prove nothing.
[ "$total" -gt 0 ] || fail "no writer committed anything before its kill"

echo "PASS: crash: $ROUNDS kills, $total committed changes all present ($((SECONDS - start))s)"
rm -rf "$tmp"
exit 0
