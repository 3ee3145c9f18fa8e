#!/usr/bin/env bash
# concurrency.sh - two rolebook writers on one new database at once.
#
# Both start together on a file that does not exist yet, so they also race
# to create and set it up.  Each makes 300 changes (one transaction or two
# each); with BEGIN IMMEDIATE and the busy timeout neither may fail, and
# afterwards every change of both must be there.  Then, to stress that
# setup race alone, RACES rounds start four short writers on a new file.
#
# Environment: STRESS (default ./tests/store/stress), N (default 300),
# RACES (default 20).

set -u

STRESS=${STRESS:-./tests/store/stress}
N=${N:-300}
RACES=${RACES:-20}
LIMIT=50 # seconds before the writers count as hung

fail() {
	echo "FAIL: concurrency: $*"
	echo "(files kept in $tmp)"
	exit 1
}

if [ ! -x "$STRESS" ]; then
	echo "FAIL: concurrency: no stress program at $STRESS (set STRESS)"
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rolebook-concurrency.XXXXXX") || exit 1
export HOME=$tmp XDG_STATE_HOME=$tmp/state XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config
unset ROLEBOOK_DB
db=$XDG_STATE_HOME/rolebook/rolebook.db

start=$SECONDS
"$STRESS" "$db" write alice "$N" >"$tmp/alice.log" 2>"$tmp/alice.err" &
pa=$!
"$STRESS" "$db" write bob "$N" >"$tmp/bob.log" 2>"$tmp/bob.err" &
pb=$!

# A writer that hangs (a lock never given up) must fail the test, not stall it.
( sleep "$LIMIT"; kill -KILL "$pa" "$pb" 2>/dev/null ) &
watchdog=$!

wait "$pa"; ra=$?
wait "$pb"; rb=$?
kill "$watchdog" 2>/dev/null
wait "$watchdog" 2>/dev/null
elapsed=$((SECONDS - start))

[ "$ra" -eq 0 ] || fail "writer alice exited $ra: $(cat "$tmp/alice.err")"
[ "$rb" -eq 0 ] || fail "writer bob exited $rb: $(cat "$tmp/bob.err")"
for who in alice bob; do
	lines=$(grep -c '^committed ' "$tmp/$who.log")
	[ "$lines" -eq "$N" ] || fail "writer $who logged $lines commits, expected $N"
	"$STRESS" "$db" verify "$who" "$N" >"$tmp/verify-$who.out" 2>&1 ||
		fail "verify $who: $(cat "$tmp/verify-$who.out")"
done

# Did the two writers really run at the same time?  (Each logs when it
# started and finished writing.)  If not, the run proved little: say so.
stamp() { sed -n "s/^$2 //p" "$tmp/$1.log"; }
sa=$(stamp alice started) fa=$(stamp alice finished)
sb=$(stamp bob started) fb=$(stamp bob finished)
if [ "$sa" -lt "$fb" ] && [ "$sb" -lt "$fa" ]; then
	lo=$((sa > sb ? sa : sb)) hi=$((fa < fb ? fa : fb))
	overlap="writing overlapped for $((hi - lo)) ms"
else
	overlap="NOTE: the writers did not overlap this time"
fi

# Four writers of 5 changes each on a new file, many times over: opening
# must never fail while another process creates, migrates or switches the
# file to WAL.
for ((r = 1; r <= RACES; r++)); do
	race=$tmp/race$r/rolebook.db
	pids=()
	for who in w1 w2 w3 w4; do
		"$STRESS" "$race" write "$who" 5 >"$tmp/race$r-$who.log" 2>"$tmp/race$r-$who.err" &
		pids+=($!)
	done
	i=0
	for who in w1 w2 w3 w4; do
		wait "${pids[$i]}" || fail "setup race $r: writer $who: $(cat "$tmp/race$r-$who.err")"
		i=$((i + 1))
		"$STRESS" "$race" verify "$who" 5 >/dev/null 2>"$tmp/race$r-$who.verify" ||
			fail "setup race $r: $(cat "$tmp/race$r-$who.verify")"
	done
done

echo "PASS: concurrency: 2 writers x $N changes, all present; $overlap;" \
	"$RACES setup races of 4 writers (${elapsed}s + $((SECONDS - start - elapsed))s)"
rm -rf "$tmp"
exit 0
