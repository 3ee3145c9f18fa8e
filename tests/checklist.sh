#!/bin/bash
# tests/checklist.sh - onboarding progress from the command line and the
# database's refusals: check, uncheck, checklist, profiles, --db,
# ROLEBOOK_DB, --profile; corrupt, foreign, newer, locked and read-only
# databases.  Nothing may be changed by a command that fails.
. "$(dirname "$0")/lib.sh"

rb() { "$ROLEBOOK" "$@"; }
today=$(date -u +%Y-%m-%d)
DB="$XDG_STATE_HOME/rolebook/rolebook.db"

out=$(rb check program-manager 1 3)
check "check exits 0" 0 "$?"
contains "check reports the item as checklist does" "  1. [x] " "$out"
[ -f "$DB" ] && pass "the database is created under XDG_STATE_HOME" || fail "database created" "no $DB"
check "the database folder is 0700" 700 "$(stat -c %a "$(dirname "$DB")")"
check "the database file is 0600" 600 "$(stat -c %a "$DB")"

out=$(rb checklist program-manager)
contains "checklist counts progress" "Program Manager: 2 of 29 done" "$out"
contains "checklist shows done items with their date" "  1. [x] " "$out"
contains "the done date is today" "(done $today)" "$out"
contains "checklist shows open items" "  2. [ ] " "$out"
contains "checklist groups items" "First week" "$out"

# an id works as well as a number: the short one `checklist` prints
id=$(rb checklist program-manager | grep -m1 '^  3\. ' | grep -o '#[0-9a-f]*$')
out=$(rb uncheck program-manager "$id")
contains "uncheck by the id checklist prints" "  3. [ ] " "$out"
rb uncheck program-manager 1 3 >/dev/null
out=$(rb checklist program-manager)
contains "uncheck clears progress" "0 of 29 done" "$out"

# all or nothing
before=$(rb checklist program-manager)
err=$(rb check program-manager 2 99 2>&1); rc=$?
check "an unknown item number fails" 1 "$rc"
contains "the error names the valid items" "items are numbered 1-29" "$err"
check "a failed check changes nothing" "$before" "$(rb checklist program-manager)"
err=$(rb check program-manager 2>&1); rc=$?
check "check without items is a usage error" 2 "$rc"
err=$(rb check no-such-role 1 2>&1); rc=$?
check "check of an unknown role fails" 1 "$rc"
contains "the error lists the roles" "known roles:" "$err"

# profiles keep people apart
rb --profile alice check technical-lead 1 2 3 >/dev/null
rb --profile bob check technical-lead 1 >/dev/null
contains "alice's progress" "3 of 33 done" "$(rb --profile alice checklist technical-lead)"
contains "bob's progress" "1 of 33 done" "$(rb --profile bob checklist technical-lead)"
out=$(rb profiles)
contains "profiles lists alice" "alice" "$out"
contains "profiles lists bob's progress" "technical-lead           1/33" "$out"

# --db and ROLEBOOK_DB
rb --db "$TEST_TMP/other/x.db" check program-manager 4 >/dev/null
[ -f "$TEST_TMP/other/x.db" ] && pass "--db creates its database" || fail "--db"
contains "ROLEBOOK_DB selects the database" "1 of 29 done" "$(ROLEBOOK_DB="$TEST_TMP/other/x.db" rb checklist program-manager)"

# a reworded item keeps its record, shown as stale
mkdir -p "$TEST_TMP/roles"
printf '# Tiny\n\n## Onboarding checklist\n\n- [ ] Read the charter\n- [ ] Join the list\n' > "$TEST_TMP/roles/tiny.md"
rb --content "$TEST_TMP/roles" check tiny 1 2 >/dev/null
printf '# Tiny\n\n## Onboarding checklist\n\n- [ ] Join the list\n- [ ] Read the whole charter twice\n- [ ] New step\n' > "$TEST_TMP/roles/tiny.md"
out=$(rb --content "$TEST_TMP/roles" checklist tiny)
contains "reordered items keep their progress" "  1. [x] Join the list" "$out"
contains "a reworded item starts afresh" "  2. [ ] Read the whole charter twice" "$out"
contains "earlier progress is kept and shown" "Earlier progress that no longer matches the content:" "$out"
contains "with its old text" "[x] Read the charter" "$out"

# refusals: the file is never modified
printf 'this is not a database, just text that is long enough to matter\n%.0s' $(seq 100) > "$TEST_TMP/corrupt.db"
sum=$(md5sum < "$TEST_TMP/corrupt.db")
err=$(rb --db "$TEST_TMP/corrupt.db" checklist program-manager 2>&1); rc=$?
check "a corrupt database: exit 1" 1 "$rc"
contains "a corrupt database: a clear message" "cannot use the database" "$err"
check "a corrupt database is left untouched" "$sum" "$(md5sum < "$TEST_TMP/corrupt.db")"
if command -v sqlite3 >/dev/null; then
	sqlite3 "$TEST_TMP/foreign.db" "create table notes(x); insert into notes values (1);"
	sum=$(md5sum < "$TEST_TMP/foreign.db")
	err=$(rb --db "$TEST_TMP/foreign.db" check program-manager 1 2>&1); rc=$?
	check "a foreign database: exit 1" 1 "$rc"
	contains "a foreign database: a clear message" "not a rolebook database" "$err"
	check "a foreign database is left untouched" "$sum" "$(md5sum < "$TEST_TMP/foreign.db")"
	cp "$DB" "$TEST_TMP/newer.db"
	sqlite3 "$TEST_TMP/newer.db" "pragma user_version = 99;"
	sum=$(md5sum < "$TEST_TMP/newer.db")
	err=$(rb --db "$TEST_TMP/newer.db" checklist program-manager 2>&1); rc=$?
	check "a newer database: exit 1" 1 "$rc"
	contains "a newer database: a clear message" "newer" "$err"
	check "a newer database is left untouched" "$sum" "$(md5sum < "$TEST_TMP/newer.db")"
	# locked for long: a message, not a hang
	sqlite3 "$DB" "begin exclusive;" ".shell sleep 6" "rollback;" &
	sleep 0.5
	start=$(date +%s)
	err=$(rb check program-manager 7 2>&1); rc=$?
	took=$(( $(date +%s) - start ))
	check "a locked database: exit 1" 1 "$rc"
	contains "a locked database: a clear message" "locked" "$err"
	[ "$took" -le 5 ] && pass "a locked database does not hang (${took}s)" || fail "locked: no hang" "took ${took}s"
	wait
else
	echo "note: sqlite3 not installed; foreign, newer and locked checks skipped"
fi

# read-only: a folder that cannot be written opens read-only
if [ "$(id -u)" != 0 ]; then
	chmod 0500 "$(dirname "$DB")"
	err=$(rb check program-manager 8 2>&1); rc=$?
	check "read-only: check fails" 1 "$rc"
	contains "read-only: says so" "read-only" "$err"
	contains "read-only: reading still works" "of 29 done" "$(rb checklist program-manager)"
	chmod 0700 "$(dirname "$DB")"
else
	echo "note: running as root, which can write anywhere; the read-only folder check is in the unit tests"
fi

finish
