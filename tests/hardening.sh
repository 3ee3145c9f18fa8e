#!/bin/bash
# tests/hardening.sh - the faults of issue 14 with the real binary: where
# `export -o` may write (never over the database, into a terminal or pipe
# the user named, no temporary files left by a killed export); the
# database on a full disk, locked by another program, torn by a power
# loss, or replaced by odd files; names from the file system.  Each check
# failed before the fix that it covers.
. "$(dirname "$0")/lib.sh"

cd "$TEST_TMP" || exit 1
DB="$XDG_STATE_HOME/rolebook/rolebook.db"
rb() { "$ROLEBOOK" "$@"; }
sum() { cat "$@" 2>/dev/null | cksum; }

# ---- export -o never writes over the database ----
rb -p alice check program-manager 1 2 >/dev/null
before=$(sum "$DB")
out=$(rb -p alice export -o "$DB" 2>&1); rc=$?
check "export -o the database: refused" "1 rolebook: cannot export to $DB: it is the database (choose another file)" "$rc $out"
check "export -o the database: the database is unchanged" "$before" "$(sum "$DB")"
contains "export -o the database: progress still there" "[x]" "$(rb -p alice checklist program-manager)"
for s in wal shm; do
	out=$(rb -p alice export -o "$DB-$s" 2>&1); rc=$?
	contains "export -o the database's -$s: refused" "cannot export to $DB-$s: it is the database's" "$rc $out"
done
ln -s "$DB" to-db
out=$(rb -p alice export -o to-db 2>&1); rc=$?
check "export -o a link to the database: refused" "1 rolebook: cannot export to to-db: it is the database (choose another file)" "$rc $out"
out=$(cd "$XDG_STATE_HOME/rolebook" && rb -p alice export -o ../rolebook/./rolebook.db-wal 2>&1); rc=$?
contains "export -o the -wal by another name: refused" "it is the database's write-ahead log" "$rc $out"
check "export -o refusals: the database is unchanged" "$before" "$(sum "$DB")"

# ---- terminals and pipes named by the user are written into ----
# (a database of their own, so that each part fails on its own)
export ROLEBOOK_DB="$TEST_TMP/b.db"
rb -p alice check program-manager 1 2 >/dev/null
rb -p alice export >plain.json
# /dev/fd/1 first: a rolebook that replaces the named file fails there
# (no file can be made in /proc), where as root it would replace the
# system's /dev/stdout; only a rolebook that passes it is given that.
rb -p alice export -o /dev/fd/1 >dev-fd-1.json; rc=$?
check "export -o /dev/fd/1 exits 0" 0 "$rc"
check "export -o /dev/fd/1 writes standard output" "$(grep -v exported_at plain.json)" "$(grep -v exported_at dev-fd-1.json)"
check "export -o /proc/self/fd/1 into a pipe" "$(grep -c . plain.json)" "$(rb -p alice export -o /proc/self/fd/1 | grep -c .)"
if [ "$rc" = 0 ] && [ -s dev-fd-1.json ] && [ -L /dev/stdout ]; then
	rb -p alice export -o /dev/stdout >dev-stdout.json; rc=$?
	check "export -o /dev/stdout exits 0" 0 "$rc"
	check "export -o /dev/stdout writes standard output" "$(grep -v exported_at plain.json)" "$(grep -v exported_at dev-stdout.json)"
	check "export -o /dev/stdout into a pipe" "$(grep -c . plain.json)" "$(rb -p alice export -o /dev/stdout | grep -c .)"
	check "/dev/stdout is still a link" "yes" "$([ -L /dev/stdout ] && echo yes)"
else
	fail "export -o /dev/stdout not tried: -o /dev/fd/1 does not write standard output"
fi
mkfifo fifo
cat fifo >from-fifo.json &
reader=$!
rb -p alice export -o fifo; rc=$?
for i in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$reader" 2>/dev/null && sleep 0.2; done
kill "$reader" 2>/dev/null
wait "$reader" 2>/dev/null
check "export -o FIFO exits 0" 0 "$rc"
check "export -o FIFO: the reader gets the export" "$(grep -v exported_at plain.json)" "$(grep -v exported_at from-fifo.json)"
check "export -o FIFO: still a FIFO" "fifo" "$(stat -c %F fifo | sed 's/.*fifo.*/fifo/')"
if mknod nodev c 1 3 2>/dev/null; then
	out=$(rb -p alice export -o nodev 2>&1); rc=$?
	check "export -o a device that is no terminal: refused" "1 rolebook: cannot export to nodev: it is a device, not a terminal or a pipe" "$rc $out"
	check "export -o a device: the device stays" "character special file" "$(stat -c %F nodev)"
fi
mkdir folder
out=$(rb -p alice export -o folder 2>&1); rc=$?
check "export -o a folder: refused" "1 rolebook: cannot export to folder: it is a folder (name a file in it)" "$rc $out"
ln -s nowhere dangling
out=$(rb -p alice export -o dangling 2>&1); rc=$?
check "export -o a dangling link: refused" "1 rolebook: cannot export to dangling: it is a symbolic link to a file that does not exist" "$rc $out"
echo old >target.json
ln -s target.json link.json
rb -p alice export -o link.json >/dev/null
check "export -o a link to a file: the link stays, its file replaced" "link $(grep -c . plain.json)" \
	"$([ -L link.json ] && echo link) $(grep -c . target.json)"

# ---- a killed export leaves no temporary file ----
# An export of 100 kB, killed by the file size limit (SIGXFSZ) half way.
note=$(head -c 10000 /dev/zero | tr '\0' x)
items=""
for i in 0 1 2 3 4 5 6 7 8 9; do
	items="$items${items:+,}{\"done\":true,\"done_at\":1795392000,\"item_id\":\"00000000000$i\",\"note\":\"$note\",\"text\":\"Step $i\",\"updated_at\":1795392000}"
done
printf '{"exported_at":"2026-12-03T00:00:00Z","format":"rolebook-export","profile":"big","roles":[{"checklist":[%s],"content":{"items":[],"statements":[]},"id":"demo","ratings":[],"snapshots":[],"title":"Demo"}],"version":2}\n' "$items" >big.json
rb import big.json >/dev/null
mkdir out
for i in 1 2 3; do
	{ (ulimit -f 60; exec "$ROLEBOOK" -p big export -o out/big.json); rc=$?; } 2>/dev/null
done
check "a killed export: killed by the size limit" 153 "$rc"
check "a killed export leaves no file behind" "" "$(ls -A out)"
rb -p big export -o out/big.json >/dev/null
check "the next export: only the export" "big.json" "$(ls -A out)"
# ---- a full disk: the progress can be read and exported elsewhere ----
# A real full disk: a tmpfs of 512 kB, filled up (needs root, as in CI).
unset ROLEBOOK_DB
MNT="$TEST_TMP/small"
mkdir "$MNT"
if mount -t tmpfs -o size=512k tmpfs "$MNT" 2>/dev/null; then
	trap 'umount "$MNT" 2>/dev/null; rm -rf "$TEST_TMP"' EXIT
	F="$MNT/rolebook.db"
	rb --db "$F" -p alice check program-manager 1 2 >/dev/null
	rb --db "$F" -p alice export >before-full.json
	dd if=/dev/zero of="$MNT/fill" bs=1k count=1024 2>/dev/null
	out=$(rb --db "$F" -p alice checklist program-manager 2>&1); rc=$?
	check "full disk: checklist exits 0" 0 "$rc"
	check "full disk: checklist shows the progress" 2 "$(printf '%s\n' "$out" | grep -c '\[x\]')"
	out=$(rb --db "$F" -p alice export -o "$TEST_TMP/from-full.json" 2>&1); rc=$?
	check "full disk: export -o another disk exits 0" "0 exported profile alice to $TEST_TMP/from-full.json" "$rc $out"
	check "full disk: the export holds every record" "$(grep -v exported_at before-full.json)" "$(grep -v exported_at "$TEST_TMP/from-full.json" 2>/dev/null)"
	out=$(rb --db "$F" -p alice check program-manager 3 2>&1); rc=$?
	check "full disk: a change is refused, saying why" "1 rolebook: the disk is full, the database cannot be written; nothing was changed" "$rc $out"
	if command -v tmux >/dev/null; then
		T="tmux -L rb-hardening-full-$$"
		$T new -d -s h -x 80 -y 24 "env TERM=xterm-256color '$ROLEBOOK' --db '$F' -p alice" 2>/dev/null
		sleep 1
		contains "full disk: the handbook says the disk is full" "Disk full: the database cannot be written; progress will not be saved" "$($T capture-pane -p -t h)"
		$T kill-server 2>/dev/null
	fi
	out=$(rb --db "$F" -p alice export -o "$MNT/x.json" 2>&1); rc=$?
	contains "full disk: export -o the full disk fails, saying why" "No space left on device" "$rc $out"
	rm -f "$MNT/fill"
	out=$(rb --db "$F" -p alice check program-manager 3 2>&1); rc=$?
	check "full disk, freed: changes are saved again" "0 1" "$rc $(printf '%s\n' "$out" | grep -c '\[x\]')"
	umount "$MNT"
else
	echo "skip full disk: cannot mount a tmpfs here (needs root)"
fi

# ---- a lock held by another program ----
L="$TEST_TMP/locked.db"
rb --db "$L" -p alice check program-manager 1 >/dev/null
(echo "BEGIN IMMEDIATE;"; echo "UPDATE profiles SET created_at = created_at;"; sleep 5; echo "COMMIT;") |
	sqlite3 "$L" &
holder=$!
sleep 0.5
out=$(rb --db "$L" -p alice checklist program-manager 2>&1); rc=$?
check "locked: reading works while another program writes" "0 1" "$rc $(printf '%s\n' "$out" | grep -c '\[x\]')"
out=$(rb --db "$L" -p alice check program-manager 2 2>&1); rc=$?
check "locked: a change says who holds it" "1 rolebook: nothing was changed: the database is locked by another program; try again" "$rc $out"
wait "$holder"
rb --db "$L" -p alice check program-manager 2 >/dev/null; rc=$?
check "locked, released: the change is saved" "0 2" "$rc $(rb --db "$L" -p alice checklist program-manager | grep -c '\[x\]')"
# The handbook, meanwhile, stays responsive: a change made while another
# program holds the lock waits in a queue, the footer says so, keys act at
# once, and the change lands when the lock goes.  (It froze for 3 s per
# change, then for up to a minute with the keys held back until the end.)
# The lock is held by sqlite3 reading a fifo, released when the test says.
if command -v tmux >/dev/null && mkfifo "$TEST_TMP/lockctl"; then
	T="tmux -L rb-hardening-$$"
	pane() { $T capture-pane -p -t h "$@"; }
	# the number of the selected row (the checklist draws it reversed)
	selected() { pane -e | tail -n +2 | sed -n 's/.*\x1b\[[0-9;]*7m *\([0-9][0-9]*\).*/\1/p' | head -n 1; }
	# until TEXT shows (or, with !, is gone), 10 s at most
	await() {
		local i
		for i in $(seq 1 100); do
			case "$(pane)" in *"$2"*) [ "$1" = has ] && return 0 ;; *) [ "$1" = gone ] && return 0 ;; esac
			sleep 0.1
		done
		return 1
	}
	lock() {
		sqlite3 "$L" <"$TEST_TMP/lockctl" >/dev/null 2>&1 &
		holder=$!
		exec 3>"$TEST_TMP/lockctl"
		echo "BEGIN IMMEDIATE; UPDATE profiles SET created_at = created_at;" >&3
		# held once a writer of our own gives up at once
		for i in $(seq 1 50); do
			sqlite3 "$L" "PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1 || break
			sleep 0.1
		done
	}
	unlock() { echo "COMMIT;" >&3; exec 3>&-; wait "$holder"; }
	run() {
		rm -f "$TEST_TMP/ui.rc" "$TEST_TMP/ui.err"
		$T new -d -s h -x 80 -y 24 "env TERM=xterm-256color '$ROLEBOOK' --db '$L' -p alice program-manager 2>'$TEST_TMP/ui.err'; echo \$? >'$TEST_TMP/ui.rc'; sleep 60" 2>/dev/null
		await has "Program Manager"
		$T send-keys -t h c
		await has "of 29 done"
	}
	ticked() { rb --db "$L" -p alice checklist program-manager | grep -c '\[x\]'; }
	run
	lock
	$T send-keys -t h j j Space
	await has "Waiting for the database"
	contains "locked: the footer says the change waits, and who has the database" \
		" Waiting for the database (another program has it): 1 change unsaved" "$(pane | tail -n 1)"
	# the screen shows the tick that waits, marked (it kept the old box)
	check "locked: the waiting tick is shown ticked, marked, 'unsaved'" "1 1" \
		"$(pane | grep -c '^ *[0-9]*\*☑') $(pane | grep -c '^ *unsaved')"
	check "locked: the header counts it" "3 of 29 done" "$(pane | sed -n 2p | grep -o '[0-9]* of 29 done')"
	# Space again on it: unticked on the screen, still one change waiting
	$T send-keys -t h Space
	await has "*☐"
	contains "locked: Space again unticks it on the screen, one change waiting" \
		": 1 change unsaved" "$(pane | tail -n 1)"
	check "locked: ... shown unticked, marked" 1 "$(pane | grep -c '^ *[0-9]*\*☐')"
	$T send-keys -t h Space
	await has "*☑"
	before=$(selected)
	$T send-keys -t h j
	for i in $(seq 1 20); do [ "$(selected)" = "$((before + 1))" ] && break; sleep 0.1; done
	check "locked: a key pressed while the change waits moves the cursor at once" "$((before + 1))" "$(selected)"
	$T send-keys -t h '?'
	await has "help: checklist screen"
	contains "locked: ? opens the help while the lock is still held" "rolebook › help: checklist screen" "$(pane)"
	check "locked: nothing was saved while the lock is held" 2 "$(ticked)"
	check "locked: the lock is still held by then" "alive" "$(kill -0 "$holder" 2>/dev/null && echo alive)"
	unlock
	await gone "Waiting for the database"
	lacks "locked, released: the footer no longer waits" "Waiting for the database" "$(pane)"
	lacks "locked, released: nothing said 'Not saved'" "Not saved" "$(pane)"
	check "locked, released: the change landed" 3 "$(ticked)"
	# Q while a change waits: a few more tries, saying so, then it quits and
	# tells what was not saved (stderr, exit status 1); Q twice, at once
	$T send-keys -t h q
	await gone "help: checklist screen"
	lock
	$T send-keys -t h j Space
	await has "Waiting for the database"
	$T send-keys -t h Q
	await has "Saving before quitting"
	contains "locked, quitting: the footer says it saves first, and how to quit now" \
		"Saving before quitting (another program has the database) · Q: quit unsaved" "$(pane | tail -n 1)"
	for i in $(seq 1 150); do [ -s "$TEST_TMP/ui.rc" ] && break; sleep 0.1; done
	check "locked, quitting: it quit within 15 s, the lock still held, exit status 1" "1 alive" \
		"$(cat "$TEST_TMP/ui.rc" 2>/dev/null) $(kill -0 "$holder" 2>/dev/null && echo alive)"
	# the tick, and the reading position of the role screen closed on
	# quitting (it was lost without a word)
	contains "locked, quitting: what was not saved is said on stderr, the reading position too" \
		"rolebook: Not saved: 1 change (tick '" "$(cat "$TEST_TMP/ui.err")"
	contains "locked, quitting: ... the position apart, not counted as a change (one count)" \
		"') and the reading position: the database is locked" "$(cat "$TEST_TMP/ui.err")"
	contains "locked, quitting: ... and why" "position: the database is locked by another program" "$(cat "$TEST_TMP/ui.err")"
	unlock
	check "locked, quitting: the change was not saved, as said" 3 "$(ticked)"
	$T kill-server 2>/dev/null
	sleep 0.2
	run
	lock
	$T send-keys -t h j j j j Space
	await has "Waiting for the database"
	$T send-keys -t h Q Q
	for i in $(seq 1 50); do [ -s "$TEST_TMP/ui.rc" ] && break; sleep 0.1; done
	check "locked: Q twice quits at once, the lock still held" "1 alive" \
		"$(cat "$TEST_TMP/ui.rc" 2>/dev/null) $(kill -0 "$holder" 2>/dev/null && echo alive)"
	unlock
	$T kill-server 2>/dev/null
	sleep 0.2
	# the lock goes while quitting: the change is saved, exit status 0
	run
	lock
	$T send-keys -t h j j j j j Space
	await has "Waiting for the database"
	$T send-keys -t h Q
	await has "Saving before quitting"
	unlock
	for i in $(seq 1 150); do [ -s "$TEST_TMP/ui.rc" ] && break; sleep 0.1; done
	check "locked, released while quitting: saved, then quit with status 0" "0 4" \
		"$(cat "$TEST_TMP/ui.rc" 2>/dev/null) $(ticked)"
	$T kill-server 2>/dev/null
fi

# ---- odd files in place of the database and the folders ----
ln -s "$TEST_TMP/nowhere/x.db" dangling.db
out=$(rb --db dangling.db -p alice checklist program-manager 2>&1); rc=$?
contains "a dangling link as the database: says so" "dangling.db is a symbolic link to $TEST_TMP/nowhere/x.db, which does not exist" "$rc $out"
check "a dangling link as the database: nothing created" "" "$(ls -A "$TEST_TMP/nowhere" 2>/dev/null)"
O="$TEST_TMP/old.db"
rb --db "$O" -p alice check program-manager 1 >/dev/null
chmod 644 "$O"
rb --db "$O" -p alice checklist program-manager >/dev/null
check "a database of mode 0644 is made private" 600 "$(stat -c %a "$O")"
echo "not a folder" >xdg-file
out=$(XDG_DATA_HOME="$TEST_TMP/xdg-file" rb list 2>&1 >/dev/null); rc=$?
check "XDG_DATA_HOME a file: said, and the rest works" "0 rolebook: your roles folder $TEST_TMP/xdg-file/rolebook/roles cannot exist: part of its path is a file (XDG_DATA_HOME?); your own roles are not read" "$rc $out"

# ---- role files whose names make no clean id ----
# (listed raw: "a<U+200B>b" looked like "ab", which check then refused)
mkdir odd-roles
for n in "a$(printf '\u200b')b" "$(printf '\001\002')" x.md good; do
	cp "$ROLEBOOK_CONTENT_DIR/program-manager.md" "odd-roles/$n.md"
done
out=$(rb -C odd-roles list 2>&1 >list.out); rc=$?
check "odd role file names: each said once, escaped, why" "0 rolebook: the role file odd-roles/\u0001\u0002.md is not listed: a name must not hold control or format characters (U+0001)
rolebook: the role file odd-roles/a\u200Bb.md is not listed: a name must not hold invisible or format characters (U+200B)
rolebook: the role file odd-roles/x.md.md is not listed: its id would end in .md, and be taken for a file" "$rc $out"
check "odd role file names: not listed, the clean one is" "good" "$(cut -f1 list.out | grep -v -x -F -f <(ls "$ROLEBOOK_CONTENT_DIR" | sed 's/\.md$//'))"
if command -v tmux >/dev/null; then
	T="tmux -L rb-hardening-odd-$$"
	$T new -d -s h -x 80 -y 24 "env TERM=xterm-256color '$ROLEBOOK' --db '$TEST_TMP/odd.db' -C odd-roles -p alice" 2>/dev/null
	sleep 1
	contains "odd role file names: the home screen says so" "3 role files are not listed (names that are no clean ids): see why on quitting" "$($T capture-pane -p -t h)"
	$T kill-server 2>/dev/null
fi

# ---- stored numbers out of the range import takes ----
# (they opened, showed "(done ----------)" and were exported, and import
# then refused rolebook's own export)
R="$TEST_TMP/range.db"
rb --db "$R" -p alice check program-manager 1 >/dev/null
sqlite3 "$R" "UPDATE items SET done_at = 9223372036854775807, updated_at = -9223372036854775808"
before=$(sum "$R")
out=$(rb --db "$R" -p alice checklist program-manager 2>&1); rc=$?
contains "a time out of range: the database is damaged" "1 row of items breaks its rule (typeof(done_at) = 'integer' AND done_at BETWEEN 0 AND 253402300799)" "$rc $out"
check "a time out of range: exits 1" 1 "$rc"
out=$(rb --db "$R" -p alice export 2>&1); rc=$?
check "a time out of range: not exported" 1 "$rc"
check "a time out of range: the database is left as it is" "$before" "$(sum "$R")"
R2="$TEST_TMP/range2.db"
rb --db "$R2" -p alice check program-manager 1 >/dev/null
sqlite3 "$R2" "INSERT INTO positions VALUES (1, 'program-manager', NULL, 9223372036854775807, 0)"
out=$(rb --db "$R2" -p alice checklist program-manager 2>&1); rc=$?
contains "a line out of range: the database is damaged" "1 row of positions breaks its rule (typeof(line) = 'integer' AND line BETWEEN 0 AND 2147483647)" "$rc $out"

# ---- a power loss: the last write of the WAL torn ----
# Five commits stay in the -wal while another program keeps the database
# open (so nothing is checkpointed); a copy of the files is what a power
# loss leaves.  Cut the -wal at offsets (the frame edges and random ones)
# or garble its last frame: rolebook must open the copy at the last
# commit that was written whole (synchronous=FULL, WAL checksums).
mkdir wal && cd wal || exit 1
rb --db w.db -p alice check program-manager 1 >/dev/null
{ echo "SELECT count(*) FROM items;"; sleep 6; } | sqlite3 w.db >/dev/null &
holder=$!
sleep 0.3
for i in 2 3 4 5 6; do rb --db w.db -p alice check program-manager $i >/dev/null; done
cp w.db s.db && cp w.db-wal s.db-wal
wait "$holder"
u32() { od -A n -t u4 --endian=big -j "$2" -N 4 "$1" | tr -d ' '; }
size=$(stat -c %s s.db-wal)
page=$(u32 s.db-wal 8)
frame=$((24 + page))
frames=$(((size - 32) / frame))
commits=0
for ((f = 0; f < frames; f++)); do [ "$(u32 s.db-wal $((32 + f * frame + 4)))" != 0 ] && commits=$((commits + 1)); done
check "torn WAL: five commits in the -wal" 5 "$commits"
# done items after a -wal of n bytes: the one in the file, and one per
# commit whose frames are all within the n bytes
expect() {
	local n=$1 c=0 f
	for ((f = 0; f < frames && 32 + (f + 1) * frame <= n; f++)); do
		[ "$(u32 s.db-wal $((32 + f * frame + 4)))" != 0 ] && c=$((c + 1))
	done
	echo $((1 + c))
}
offsets="0 31 32 $((32 + frame - 1)) $((32 + frame)) $((32 + 2 * frame + 24)) $((size - 1)) $size"
seed=${RANDOM}
RANDOM=$seed
for i in 1 2 3 4 5 6; do offsets="$offsets $((RANDOM * 32768 % size + RANDOM % size))"; done
bad=""
for n in $offsets; do
	n=$((n % (size + 1)))
	rm -f t.db*
	cp s.db t.db && head -c "$n" s.db-wal >t.db-wal
	got=$(rb --db t.db -p alice checklist program-manager 2>&1 | grep -c '\[x\]')
	[ "$got" = "$(expect "$n")" ] || bad="$bad $n:$got/$(expect "$n")"
done
check "torn WAL: cut at any offset, the last whole commit (random seed $seed)" "" "$bad"
rm -f t.db*
cp s.db t.db && cp s.db-wal t.db-wal
printf '%*s' 100 '' | dd of=t.db-wal bs=1 seek=$((size - 100)) conv=notrunc 2>/dev/null
check "torn WAL: a garbled last frame, the commit before it" 5 \
	"$(rb --db t.db -p alice checklist program-manager 2>&1 | grep -c '\[x\]')"
cd "$TEST_TMP" || exit 1

finish
