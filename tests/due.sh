#!/bin/bash
# tests/due.sh - time from the command line: start (appointment dates),
# the due column of checklist, agenda (and its exit status), calendar
# (iCalendar; parsed back in the unit tests), and the dates carried by
# export, import and its undo.  Due marks come from a test role
# (tests/data/due), dates relative to today (date(1), TZ=UTC).
. "$(dirname "$0")/lib.sh"

rb() { "$ROLEBOOK" --content "$top_srcdir/tests/data/due" "$@"; }
day() { date -d "$1" +%Y-%m-%d; }
today=$(day today)

# no start date: nothing shown, nothing breaks
out=$(rb -p ada agenda); rc=$?
check "agenda with no role started: exit 0" 0 "$rc"
contains "agenda says how to start" "no role started (rolebook start ROLE [YYYY-MM-DD])" "$out"
out=$(rb -p ada checklist due-lead)
check "checklist without a start date: no due column" \
	"  2. [ ] Read the charter  #e8d44a" "$(printf '%s\n' "$out" | grep 'Read the charter')"

# agenda: 1 says overdue, so an error says 2 (as grep)
echo garbage >"$TEST_TMP/garbage.db"
err=$(rb --db "$TEST_TMP/garbage.db" -p ada agenda 2>&1); rc=$?
check "agenda with an unusable --db: exit 2" 2 "$rc"
contains "agenda with an unusable --db: says so" "cannot use the database" "$err"
err=$("$ROLEBOOK" --content "$TEST_TMP/no-such-folder" -p ada agenda 2>&1); rc=$?
check "agenda with a missing --content: exit 2" 2 "$rc"
contains "agenda with a missing --content: says so" "cannot read folder" "$err"

# start refuses dates that are not calendar dates, and changes nothing
for bad in 2026-02-30 2026-02-29 2026-13-01 2026-1-5 tomorrow 26-11-01; do
	err=$(rb -p ada start due-lead "$bad" 2>&1); rc=$?
	check "start $bad: exit 2" 2 "$rc"
	contains "start $bad: says why" "not a calendar date: '$bad'" "$err"
done
# one rule (due.c) for how far ahead a start date may be: 366 days
for far in 9999-12-31 "$(day '+367 days')"; do
	err=$(rb -p ada start due-lead "$far" 2>&1); rc=$?
	check "start $far: exit 2" 2 "$rc"
	check "start $far: says why" \
		"rolebook: start date $far refused: it is more than 366 days after today" "$err"
done
out=$(rb -p ada agenda)
contains "a refused date records nothing" "no role started" "$out"
err=$(rb -p ada start no-such-role 2>&1); rc=$?
check "start of an unknown role: exit 1" 1 "$rc"
contains "start of an unknown role: says so" "unknown role 'no-such-role'" "$err"

# start with no date: today
out=$(rb -p bo start due-lead)
check "start: today by default" "Due Lead: started $today (profile bo)" "$out"
out=$(rb -p bo agenda); rc=$?
check "started today: the 0-day item is due today, not overdue: exit 0" 0 "$rc"
contains "started today: the 0-day item is due today" "  $today  today          due-lead 1. Join the organization" "$out"

# ten days ago: two items late
start=$(day '-10 days')
out=$(rb -p ada start due-lead "$start")
check "start with a date" "Due Lead: started $start (profile ada)" "$out"
out=$(rb -p ada agenda); rc=$?
check "agenda exits 1 when something is overdue" 1 "$rc"
contains "agenda header" "Agenda of ada on $today: 2 overdue, 0 due soon, 3 later" "$out"
check "agenda lists overdue first, marked" \
	"! $start  10 days late   due-lead 1. Join the organization" \
	"$(printf '%s\n' "$out" | sed -n 2p)"
check "agenda: the group's mark (7 days)" \
	"! $(day "$start +7 days")  3 days late    due-lead 2. Read the charter" \
	"$(printf '%s\n' "$out" | sed -n 3p)"
check "agenda: the item's own mark (30 days)" \
	"  $(day "$start +30 days")  in 20 days     due-lead 3. Take the course" \
	"$(printf '%s\n' "$out" | sed -n 4p)"
contains "agenda: months" "  $(day "$start +3 months")  " "$out"
check "agenda: an open item without a due mark comes last" \
	"              no due date    due-lead 6. Say hello" "$(printf '%s\n' "$out" | tail -1)"
contains "agenda header counts the undated" "3 later, 1 without a due date" "$out"

# a step two roles share (same text: one record) is one agenda line, on
# its earliest due day, naming both roles; and one calendar task
rbs() { rb --content "$top_srcdir/tests/data/due-shared" "$@"; }
rbs -p sam start due-lead "$(day '-2 days')" >/dev/null
rbs -p sam start due-deputy "$(day '-20 days')" >/dev/null
out=$(rbs -p sam agenda)
check "agenda: a shared step once" 1 "$(printf '%s\n' "$out" | grep -c 'Join the organization')"
check "agenda: a shared step on its earliest day, naming both roles" \
	"! $(day '-6 days')  6 days late    due-deputy 1., due-lead 1. Join the organization" \
	"$(printf '%s\n' "$out" | grep 'Join the organization')"
contains "agenda: a shared step counted once" "Agenda of sam on $today: 2 overdue," "$out"
out=$(rbs -p sam calendar)
check "calendar: a shared step is one task" 1 "$(printf '%s\n' "$out" | grep -c '^SUMMARY:Join the organization')"
check "calendar: one VTODO per step" 6 "$(printf '%s\n' "$out" | grep -c '^BEGIN:VTODO')"

# the MM-DD items of a group are one yearly cycle: each on or after the
# one before it in the group (the first: on or after the start)
rbc() { "$ROLEBOOK" --content "$top_srcdir/tests/data/due-cycle" "$@"; }
rbc -p cyc start due-cycle 2026-02-01 >/dev/null
out=$(rbc -p cyc agenda)
due_of() { printf '%s\n' "$out" | grep "$1" | cut -c3-12; }
check "MM-DD cycle: the first on or after the start" 2026-03-01 "$(due_of 'Ask for the numbers')"
check "MM-DD cycle: the next on or after the one before" 2027-01-10 "$(due_of 'Draft the report')"
check "MM-DD cycle: never before the one before it" 2027-06-01 "$(due_of 'Present the report')"
check "MM-DD cycle: another group starts its own" 2026-06-01 "$(due_of 'Book the room')"
# the bundled Chair: appointed 2026-03-02, the whole report cycle is 2027's
"$ROLEBOOK" -p chr start chair 2026-03-02 >/dev/null
out=$("$ROLEBOOK" -p chr agenda)
check "Chair: the report questions in January" 2027-01-15 "$(due_of 'Split the annual report')"
check "Chair: the report merged by March 1" 2027-03-01 "$(due_of 'merge the annual report')"
check "Chair: the March meeting after it, not 268 days late" 2027-03-14 \
	"$(due_of 'follow-ups to the March')"

# the checklist's due column
out=$(rb -p ada checklist due-lead)
contains "checklist header with the start date" \
	"Due Lead: 0 of 6 done (profile ada), started $start: 2 overdue, 0 due soon" "$out"
check "checklist: the due column" \
	"$(day "$start +7 days") 3 days late      2. [ ] Read the charter  #e8d44a" \
	"$(printf '%s\n' "$out" | grep 'Read the charter')"
check "checklist: an undated item has a blank due cell" \
	"                            6. [ ] Say hello  #3b311b" \
	"$(printf '%s\n' "$out" | grep 'Say hello')"

# ticking the late ones: exit 0
rb -p ada check due-lead 1 2 >/dev/null
out=$(rb -p ada agenda); rc=$?
check "nothing overdue: agenda exits 0" 0 "$rc"
contains "done items leave the agenda" "0 overdue, 0 due soon, 3 later" "$out"
out=$(rb -p ada checklist due-lead)
check "checklist: a done item has no due cell" \
	"                            2. [x] Read the charter  (done $today)  #e8d44a" \
	"$(printf '%s\n' "$out" | grep 'Read the charter')"

# changing and clearing
out=$(rb -p ada start due-lead 2026-01-31)
check "start again: says what it was" "Due Lead: started 2026-01-31, was $start (profile ada)" "$out"
out=$(rb -p ada agenda)
contains "month-end clamping on the command line" "2026-04-30" "$out"
out=$(rb -p ada start due-lead clear)
check "start ROLE clear" "Due Lead: start date cleared (profile ada)" "$out"
out=$(rb -p ada start due-lead clear)
check "clear again" "ada had no start date for due-lead" "$out"
contains "cleared: agenda has no role" "no role started" "$(rb -p ada agenda)"

# calendar: standard output or -o FILE (0600), one UID per item, stable across runs
rb -p cy start due-lead 2026-11-01 >/dev/null
rb -p cy check due-lead 1 >/dev/null
out=$(rb -p cy calendar); rc=$?
check "calendar exits 0" 0 "$rc"
check "calendar: a VCALENDAR" "BEGIN:VCALENDAR" "$(printf '%s\n' "$out" | head -1 | tr -d '\r')"
check "calendar: one VTODO per dated item" 5 "$(printf '%s\n' "$out" | grep -c '^BEGIN:VTODO')"
contains "calendar: DUE as a date" "DUE;VALUE=DATE:20261108" "$out"
contains "calendar: a done item is completed" "STATUS:COMPLETED" "$out"
contains "calendar: lines end in CRLF" $'VERSION:2.0\r' "$out"
uids1=$(printf '%s\n' "$out" | grep '^UID:')
out=$(rb -p cy -o "$TEST_TMP/cy.ics" calendar); rc=$?
check "calendar -o: exit 0" 0 "$rc"
check "calendar -o: says what it wrote" "wrote 5 tasks to $TEST_TMP/cy.ics" "$out"
check "calendar -o: mode 0600" 600 "$(stat -c %a "$TEST_TMP/cy.ics" 2>/dev/null)"
check "calendar: UIDs stable across runs" "$uids1" "$(grep '^UID:' "$TEST_TMP/cy.ics")"
check "calendar: UIDs are distinct" 5 "$(printf '%s\n' "$uids1" | sort -u | wc -l)"
err=$(rb -p cy -o "$TEST_TMP/no/such/dir/x.ics" calendar 2>&1); rc=$?
check "calendar -o into a missing folder: exit 1" 1 "$rc"
contains "calendar -o into a missing folder: says so" "cannot write the calendar" "$err"
out=$(rb -p cy -o - calendar)
check "calendar -o -: standard output" "BEGIN:VCALENDAR" "$(printf '%s\n' "$out" | head -1 | tr -d '\r')"

# libical is loaded by calendar alone (dlopen): no other command pays for
# it, and without it calendar says what to install, exit 1, no file
if command -v ldd >/dev/null && ! ldd "$ROLEBOOK" 2>&1 | grep -q 'not a dynamic'; then
	check "the program is not linked to libical (calendar loads it)" "" \
		"$(ldd "$ROLEBOOK" | grep -o 'libical[^ ]*')"
fi
mkdir -p "$TEST_TMP/noical"
: >"$TEST_TMP/noical/libical.so.3" # not a library: dlopen fails as if it were missing
err=$(LD_LIBRARY_PATH="$TEST_TMP/noical" rb -p cy -o "$TEST_TMP/noical.ics" calendar 2>&1); rc=$?
check "calendar without libical: exit 1" 1 "$rc"
contains "calendar without libical: says what to install" "apt-get install libical3" "$err"
test -e "$TEST_TMP/noical.ics" && fail "calendar without libical: no file written" ||
	pass "calendar without libical: no file written"
out=$(LD_LIBRARY_PATH="$TEST_TMP/noical" rb -p cy agenda); rc=$?
contains "agenda without libical: works" "Agenda of cy" "$out"

# calendar -o follows export -o's one rule (cli_output.h): never the
# database or its companions, a FIFO or a descriptor is written into, not replaced
db="$TEST_TMP/cal.db"
rb --db "$db" -p cy start due-lead 2026-11-01 >/dev/null
for f in "$db" "$db-wal" "$db-shm"; do
	err=$(rb --db "$db" -p cy -o "$f" calendar 2>&1); rc=$?
	check "calendar -o ${f##*/}: refused, exit 1" 1 "$rc"
	contains "calendar -o ${f##*/}: says why" "cannot write the calendar to $f: it is the database" "$err"
done
check "calendar -o the database: the database is intact" "Due Lead: started 2026-11-01 (profile cy)" \
	"$(rb --db "$db" -p cy start due-lead 2026-11-01 | sed 's/, was.*/ (profile cy)/')"
err=$(rb --db "$db" -p cy -o "$TEST_TMP" calendar 2>&1); rc=$?
check "calendar -o a folder: exit 1" 1 "$rc"
contains "calendar -o a folder: says so" "it is a folder (name a file in it)" "$err"
mkfifo "$TEST_TMP/cal.fifo"
timeout 10 cat "$TEST_TMP/cal.fifo" >"$TEST_TMP/cal.fifo.out" &
reader=$!
rb --db "$db" -p cy -o "$TEST_TMP/cal.fifo" calendar >/dev/null 2>&1
wait "$reader"
check "calendar -o FIFO: still a FIFO" yes "$([ -p "$TEST_TMP/cal.fifo" ] && echo yes || echo no)"
check "calendar -o FIFO: the calendar went through it" "BEGIN:VCALENDAR" \
	"$(head -1 "$TEST_TMP/cal.fifo.out" | tr -d '\r')"
out=$(rb --db "$db" -p cy -o /dev/fd/1 calendar 2>&1); rc=$?
check "calendar -o /dev/fd/1: exit 0" 0 "$rc"
check "calendar -o /dev/fd/1: written to the descriptor" "BEGIN:VCALENDAR" \
	"$(printf '%s\n' "$out" | head -1 | tr -d '\r')"
ln -s "$TEST_TMP/cal-real.ics" "$TEST_TMP/cal-link.ics"
: >"$TEST_TMP/cal-real.ics"
rb --db "$db" -p cy -o "$TEST_TMP/cal-link.ics" calendar >/dev/null
check "calendar -o a symbolic link: the link stays" yes "$([ -L "$TEST_TMP/cal-link.ics" ] && echo yes)"
contains "calendar -o a symbolic link: its file gets the calendar" "BEGIN:VCALENDAR" \
	"$(cat "$TEST_TMP/cal-real.ics")"

# export carries the start date; import takes the newer one, and its undo puts the older back
rb --db "$TEST_TMP/b.db" -p cy start due-lead 2026-10-01 >/dev/null
sleep 1
rb -p cy start due-lead 2026-11-01 >/dev/null
rb -p cy -o "$TEST_TMP/cy.json" export >/dev/null
contains "export: the appointment" '"day": "2026-11-01"' "$(cat "$TEST_TMP/cy.json")"
rb --db "$TEST_TMP/c.db" import "$TEST_TMP/cy.json" >/dev/null
contains "import: the appointment" "started 2026-11-01" \
	"$(rb --db "$TEST_TMP/c.db" -p cy checklist due-lead)"
# a start date from an unsigned file is marked, as its checklist lines are
contains "unsigned import: the checklist header marks the start date" \
	"started 2026-11-01 (unverified): " "$(rb --db "$TEST_TMP/c.db" -p cy checklist due-lead)"
contains "unsigned import: the text report marks it" "Started: 2026-11-01 (unverified); " \
	"$(rb --db "$TEST_TMP/c.db" -p cy report --role due-lead)"
contains "unsigned import: the Markdown report marks it" "**Started:** 2026-11-01 (unverified); " \
	"$(rb --db "$TEST_TMP/c.db" -p cy report --role due-lead --format markdown)"
contains "unsigned import: the JSON report marks it" '"unverified": true' \
	"$(rb --db "$TEST_TMP/c.db" -p cy report --role due-lead --format json | grep -A3 '"started"')"
rb --db "$TEST_TMP/b.db" import "$TEST_TMP/cy.json" >/dev/null
contains "import: a newer date replaces an older one" "started 2026-11-01" \
	"$(rb --db "$TEST_TMP/b.db" -p cy checklist due-lead)"
rb --db "$TEST_TMP/b.db" import --undo 1 >/dev/null
contains "undoing the import puts the earlier date back" "started 2026-10-01" \
	"$(rb --db "$TEST_TMP/b.db" -p cy checklist due-lead)"
sleep 1
rb --db "$TEST_TMP/c.db" -p cy start due-lead 2026-09-01 >/dev/null
rb --db "$TEST_TMP/c.db" import "$TEST_TMP/cy.json" >/dev/null
contains "import keeps a newer local date" "started 2026-09-01" \
	"$(rb --db "$TEST_TMP/c.db" -p cy checklist due-lead)"
bad=$(sed 's/"day": "2026-11-01"/"day": "2026-02-30"/' "$TEST_TMP/cy.json")
err=$(printf '%s\n' "$bad" | rb --db "$TEST_TMP/d.db" import - 2>&1); rc=$?
check "import refuses a date that is not one: exit 1" 1 "$rc"
contains "import says where" "appointment.day" "$err"

far=$(sed 's/"day": "2026-11-01"/"day": "9999-12-31"/' "$TEST_TMP/cy.json")
err=$(printf '%s\n' "$far" | rb --db "$TEST_TMP/far.db" import - 2>&1); rc=$?
check "import refuses a start date years ahead: exit 1" 1 "$rc"
contains "import says which and why" \
	"roles[0].appointment.day: 9999-12-31 is more than 366 days after today; nothing was changed" "$err"
check "import of a far start date: nothing recorded" "" \
	"$(rb --db "$TEST_TMP/far.db" profiles 2>/dev/null | grep cy)"

# the marks never reach the text: print and checklist leave them out
out=$(rb print due-lead)
contains "print: the item without its mark" "Take the course" "$out"
check "print: no item keeps a due mark" "" "$(printf '%s\n' "$out" | grep -E '(☐|\[ \]).*\(due:')"
check "checklist: no due mark in the text" "" "$(rb -p ada checklist due-lead | grep '(due:')"
# nor does a group heading, in any bundled role (print shows the contents'
# titles too)
for r in chair program-manager subproject-owner technical-lead; do
	check "print $r: no heading keeps a due mark" "" "$(rb print "$r" | grep '(due:')"
done

# today is the local day: agenda on both sides of the date line
rb -p tz start due-lead 2026-11-01 >/dev/null
for zone in Pacific/Kiritimati Pacific/Pago_Pago America/Los_Angeles Asia/Tokyo; do
	d=$(TZ=$zone date +%Y-%m-%d)
	late=$(( ($(date -u -d "$d" +%s) - $(date -u -d 2026-11-08 +%s)) / 86400 ))
	out=$(TZ=$zone rb -p tz agenda)
	contains "agenda in $zone: today is $d there" "Agenda of tz on $d:" "$out"
	contains "agenda in $zone: the due day stays, the lateness follows" \
		"! 2026-11-08  $late days late" "$out"
done

# a start date alone is a record: exported, and listed by profiles
rb -p dee start due-lead 2026-11-01 >/dev/null
contains "a start date alone is exported" '"day": "2026-11-01"' "$(rb -p dee export)"
contains "profiles lists a profile with only a start date" "dee" "$(rb profiles)"

# a started role the handbook no longer has: named, not fatal
out=$("$ROLEBOOK" -p dee agenda); rc=$?
check "agenda with a started role not found: exit 0" 0 "$rc"
contains "agenda names the missing role" "(started due-lead, which is not among the roles found)" "$out"

# forget takes the start date with the role's records
rb forget dee --role due-lead --yes >/dev/null
contains "forget --role removes the start date" "no role started" "$(rb -p dee agenda)"

finish
