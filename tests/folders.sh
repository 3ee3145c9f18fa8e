#!/bin/bash
# tests/folders.sh - folders read at any depth and a document's identity
# (issue 12): `--content DIR` and `rolebook DIR` walk every folder (hidden
# folders, FIFOs and symbolic link loops skipped), `list` prints each
# document's path in its folder as its id, a role is named by that path,
# two README.md files keep two records.  (--root for every link: the
# unit suite "catalog".)
. "$(dirname "$0")/lib.sh"

rb() { "$ROLEBOOK" "$@"; }

T="$TEST_TMP/tree"
mkdir -p "$T/sig-a/deep" "$T/sig-b" "$T/.git" "$T/sig-a/.drafts"
printf '# Top\n\nThe top page.\n' >"$T/README.md"
printf '# SIG A\n\nAbout A.\n\n## Onboarding checklist\n\n- [ ] Join A\n' >"$T/sig-a/README.md"
printf '# Deep\n\nDown there.\n' >"$T/sig-a/deep/notes.md"
printf '# SIG B\n\nAbout B.\n\n## Onboarding checklist\n\n- [ ] Join B\n' >"$T/sig-b/README.md"
printf '# Hidden\n' >"$T/.git/x.md"
printf '# Draft\n' >"$T/sig-a/.drafts/draft.md"
mkfifo "$T/sig-b/pipe.md"
ln -s .. "$T/sig-a/loop"
ln -s ../sig-b "$T/sig-a/to-b"

out=$(rb --content "$T" list | cut -f1 | grep -v -x -e chair -e program-manager \
	-e subproject-owner -e technical-lead)
check "list: every document by its path in the folder, nothing hidden, no FIFO, no loop" \
"README
sig-a/README
sig-a/deep/notes
sig-b/README" "$out"

out=$(rb --content "$T" list | awk -F'\t' '$1 == "sig-a/deep/notes" { print $2 "|" $3 }')
check "list: title and summary of a nested document" "Deep|Down there." "$out"

# a role named by its path in the folder, with or without .md
out=$(rb --content "$T" print sig-b/README 2>&1)
contains "print by id: the nested document" "SIG B" "$out"
out=$(cd "$TEST_TMP" && rb --content "$T" print sig-a/README.md 2>&1)
contains "print by path in the folder (no such file here)" "SIG A" "$out"

# two README.md files, two records
DB="$TEST_TMP/f.db"
rb --db "$DB" --content "$T" check sig-a/README 1 >/dev/null
check "check a nested README: exit 0" 0 $?
out=$(rb --db "$DB" --content "$T" checklist sig-b/README)
contains "the other README's checklist is untouched" "[ ] Join B" "$out"
out=$(rb --db "$DB" --content "$T" checklist sig-a/README)
contains "the checked one is kept" "[x] Join A" "$out"
# opened directly, a file a folder lists is that folder's document
out=$(rb --db "$DB" --content "$T" checklist "$T/sig-a/README.md")
contains "a path to a listed file: its records" "[x] Join A" "$out"
# (a file no folder lists is keyed by its full path: the unit suite
# "catalog"; with an onboarding checklist it is a role, whose steps are
# shared by wording, as any role's; steps.sh: only roles share)

# two --content folders both holding README.md and sig-a/README.md: every
# document listed, the later folder's twins by their full paths
T2="$TEST_TMP/tree2"
mkdir -p "$T2/sig-a"
printf '# Top two\n' >"$T2/README.md"
printf '# SIG A two\n' >"$T2/sig-a/README.md"
R2=$(cd "$T2" && pwd -P)
out=$(rb --content "$T" --content "$T2" list | cut -f1,2 | grep -v -e '^chair' -e '^program-manager' \
	-e '^subproject-owner' -e '^technical-lead')
check "two folders, the same paths: every document listed" "README	Top
sig-a/README	SIG A
sig-a/deep/notes	Deep
sig-b/README	SIG B
$R2/README.md	Top two
$R2/sig-a/README.md	SIG A two" "$out"
out=$(rb --content "$T" --content "$T" list | grep -c README)
check "one folder given twice: each document once" 3 "$out"

# a database of before folders: ~/x.md opened directly was keyed "x"; the
# file, keyed by its full path now, adopts those records once and says so
if command -v sqlite3 >/dev/null; then
	O="$TEST_TMP/old.db"
	D="$TEST_TMP/direct"
	mkdir -p "$D"
	printf '# Notes\n\n## Onboarding checklist\n\n- [ ] Read\n' >"$D/notes.md"
	rb --db "$O" -p ada checklist chair >/dev/null
	# schema 4 (what an older rolebook wrote): schema 5 without legacy_ids
	sqlite3 "$O" "DROP TABLE legacy_ids; PRAGMA user_version = 4;
		INSERT OR IGNORE INTO profiles VALUES (1, 'ada', 100);
		INSERT INTO positions VALUES (1, 'notes', 'Part', 7, 150);
		INSERT INTO ratings VALUES (1, 'notes', '', 's1', 'Craft', 'x', 4, NULL, 170, 0)"
	err=$(rb --db "$O" -p ada checklist "$D/notes.md" 2>&1 >/dev/null)
	check "old records adopted: said on stderr" \
		"rolebook: $D/notes.md: 2 records kept under \"notes\" (this file's old id) are now this document's too" "$err"
	check "old records adopted: under the full path, a copy kept under the old id" "2|1" \
		"$(sqlite3 "$O" "SELECT (SELECT count(*) FROM positions WHERE role = '$D/notes.md') +
			(SELECT count(*) FROM ratings WHERE role = '$D/notes.md'),
			(SELECT count(*) FROM positions WHERE role = 'notes')")"
	err=$(rb --db "$O" -p ada checklist "$D/notes.md" 2>&1 >/dev/null)
	check "old records adopted: said once" "" "$err"

	# a document that is no role: its steps' ids hold its id now; ticks
	# the old version kept under the words alone (5eadb40270db: "Read
	# the contributor guide", 7828642's content_item_id) are on their
	# steps, not "earlier progress" (a folder's document, and a file
	# opened directly after adopting)
	O2="$TEST_TMP/old-steps.db"
	S="$TEST_TMP/old-steps"
	mkdir -p "$S/c"
	printf '# Guide\n\n- [ ] Read the contributor guide\n- [ ] Ask\n' | tee "$S/c/guide.md" >"$S/memo.md"
	rb --db "$O2" -p ada checklist chair >/dev/null
	sqlite3 "$O2" "DROP TABLE legacy_ids; PRAGMA user_version = 4;
		INSERT INTO profiles VALUES (1, 'ada', 100);
		INSERT INTO items VALUES (1, 'guide', '5eadb40270db', 'Read the contributor guide',
			1, 150, NULL, 160, 0);
		INSERT INTO items VALUES (1, 'memo', '5eadb40270db', 'Read the contributor guide',
			1, 150, NULL, 160, 0)"
	out=$(rb --db "$O2" -p ada --content "$S/c" checklist guide)
	contains "old step records: ticked on the step" "1. [x] Read the contributor guide" "$out"
	lacks "old step records: no earlier progress" "Earlier progress" "$out"
	out=$(rb --db "$O2" -p ada checklist "$S/memo.md" 2>/dev/null)
	contains "old step records of a file opened directly: ticked on the step" \
		"1. [x] Read the contributor guide" "$out"
	lacks "old step records of a file opened directly: no earlier progress" "Earlier progress" "$out"
fi

# records this rolebook wrote for a folder's README.md (id "README") are
# never adopted by a README.md opened directly: only an older rolebook's
X="$TEST_TMP/adopt-x"
Z="$TEST_TMP/adopt-z"
mkdir -p "$X" "$Z"
printf '# X\n\n## Onboarding checklist\n\n- [ ] Read X\n' >"$X/README.md"
printf '# Z\n\n## Onboarding checklist\n\n- [ ] Read Z\n' >"$Z/README.md"
N="$TEST_TMP/new.db"
rb --db "$N" -p ada --content "$X" check README 1 >/dev/null
err=$(rb --db "$N" -p ada checklist "$Z/README.md" 2>&1 >/dev/null)
check "a new database: nothing adopted" "" "$err"
out=$(rb --db "$N" -p ada checklist "$Z/README.md")
contains "z's README: its own checklist" "[ ] Read Z" "$out"
out=$(rb --db "$N" -p ada --content "$X" checklist README)
contains "x's README keeps its record" "[x] Read X" "$out"

# identity is the path in the folder: another run's folder with the same
# path shares the records (two checkouts of one repository), as documented
C1="$TEST_TMP/checkout-1"
C2="$TEST_TMP/checkout-2"
mkdir -p "$C1" "$C2"
printf '# Same\n\n## Onboarding checklist\n\n- [ ] Join\n' | tee "$C1/README.md" >"$C2/README.md"
rb --db "$N" -p ada --content "$C1" check README 1 >/dev/null
out=$(rb --db "$N" -p ada --content "$C2" checklist README)
contains "another run's folder, the same path: the same records" "[x] Join" "$out"

# the documents say what the id is now (issue 12 review): the path in the
# folder, not the file name
man=$(cat "$top_srcdir/man/rolebook.1")
lacks "man page: no id by file name" "Its id is the file name without" "$man"
contains "man page: the id is the path in the folder" "Its id is its path in the folder it was found in" "$man"
contains "man page: identity across runs" "and share its records." "$man"
lacks "content/README.md: no id by file name" "the file name without" "$(cat "$top_srcdir/content/README.md")"

# `rolebook DIR`: the folder is read (the handbook then wants a terminal)
err=$(rb "$T" </dev/null 2>&1); rc=$?
check "rolebook DIR in a pipe: exit 1" 1 "$rc"
contains "rolebook DIR: read as a folder, then the terminal is asked for" \
	"the handbook needs a terminal" "$err"

# --- files added and removed while the home screen is open (issue 12):
# `/` reads the folders again, finds the new file, Enter opens it; a file
# removed is gone from the results; the home list shows the new file when
# it is shown again; `r` reads the folders again; a document open whose
# file vanished goes on ---
if command -v tmux >/dev/null; then
	SOCK="$TEST_TMP/fresh.sock"
	TM() { tmux -S "$SOCK" "$@"; }
	F="$TEST_TMP/fresh"
	mkdir -p "$F/sub"
	printf '# Kept doc\n\nA quokka here.\n' >"$F/kept.md"
	printf '# Doomed doc\n\nA quokka there.\n' >"$F/sub/doomed.md"
	printf 'set -g remain-on-exit on\nset -g status off\n' >"$TEST_TMP/fresh.conf"
	fstart() { # fstart DB FOLDER: the handbook on FOLDER, at 80x24
		TM kill-server 2>/dev/null
		while TM has-session 2>/dev/null; do sleep 0.05; done
		TM -f "$TEST_TMP/fresh.conf" new-session -d -s rb -x 80 -y 24 \
			env HOME="$HOME" XDG_STATE_HOME="$XDG_STATE_HOME" \
			XDG_DATA_HOME="$XDG_DATA_HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME" \
			XDG_CACHE_HOME="$XDG_CACHE_HOME" ROLEBOOK_CONTENT_DIR="$ROLEBOOK_CONTENT_DIR" \
			LC_ALL=C.UTF-8 TERM=xterm-256color ASAN_OPTIONS="log_path=$TEST_TMP/asan" \
			"$ROLEBOOK" --db "$1" --content "$2"
	}
	fstart "$TEST_TMP/fresh.db" "$F"
	fscreen() { TM capture-pane -p -t rb; }
	fwait() { # fwait NAME TEXT: until the screen shows TEXT
		local i
		for i in $(seq 50); do
			case "$(fscreen)" in *"$2"*) pass "$1"; return 0 ;; esac
			sleep 0.1
		done
		fail "$1" "expected on screen: $2
--- screen:
$(fscreen)"
	}
	fwait "fresh: the home screen" "Kept doc"
	printf '# Newcomer doc\n\nA quokka everywhere.\n' >"$F/sub/newcomer.md"
	rm "$F/sub/doomed.md"
	TM send-keys -t rb / q u o k k a Enter
	fwait "fresh: / finds a file added while the home screen is open" "Newcomer doc"
	out=$(fscreen)
	lacks "fresh: a file removed is not in the results" "Doomed doc" "$out"
	contains "fresh: the matches counted as the folder is now" "2 matches in 2 documents" "$out"
	TM send-keys -t rb Down Down Down Enter
	fwait "fresh: Enter opens the file added" "rolebook › Newcomer doc"
	# the file open vanishes: the document stays on screen, back works
	rm "$F/sub/newcomer.md"
	TM send-keys -t rb j k q q
	sleep 0.3
	out=$(fscreen)
	contains "fresh: back home after the open file vanished" "Kept doc" "$out"
	lacks "fresh: the vanished file is not listed at home" "Newcomer doc" "$out"
	check "fresh: still running" 0 "$(TM display -p -t rb '#{pane_dead}')"
	# added while home shows: r reads the folders again, the tree shows
	# it, and the document selected stays selected (rows before it moved)
	TM send-keys -t rb g
	sleep 0.2
	sel=$(fscreen | grep -c '^▶ Kept doc')
	check "fresh: Kept doc selected" 1 "$sel"
	printf '# Latecomer doc\n\nNo match.\n' >"$F/latecomer.md"
	printf '# Aardvark doc\n\nNo match.\n' >"$F/aardvark.md"
	TM send-keys -t rb r
	fwait "fresh: r reads the folders again" "Latecomer doc"
	fwait "fresh: r says what changed" "Reloaded: 2 documents added, 0 removed"
	sel=$(fscreen | grep -c '^▶ Kept doc')
	check "fresh: the selection stays on its document" 1 "$sel"
	# / on the results screen searches the folders as they are then
	TM send-keys -t rb / q u o k k a Enter
	fwait "fresh: search again" "1 match in 1 document"
	printf '# Third doc\n\nA quokka again.\n' >"$F/sub/third.md"
	TM send-keys -t rb / q u o k k a Enter
	fwait "fresh: / on the results finds a file added meanwhile" "Third doc"
	TM send-keys -t rb q
	fwait "fresh: home lists it" "Aardvark doc"
	# an open folder stays open when the folders are read again
	TM send-keys -t rb g Enter
	fwait "fresh: the folder opens" "Third doc"
	printf '# Fourth doc\n\nNo match.\n' >"$F/sub/fourth.md"
	TM send-keys -t rb r
	fwait "fresh: the open folder shows the file added" "Fourth doc"
	sel=$(fscreen | grep -c '^▶ ▾ sub/ (2)')
	check "fresh: the folder stays open and selected, its count new" 1 "$sel"
	TM send-keys -t rb Q
	sleep 0.3
	# a link to a file added since the folders were read, followed from
	# a document opened from search results: listed under its id in the
	# folder (not its full path), and the results below still right
	G="$TEST_TMP/fresh-links"
	mkdir -p "$G"
	printf '# Linking doc\n\nA wombat, and [the late one](late.md).\n' >"$G/linking.md"
	printf '# Other doc\n\nA wombat too.\n' >"$G/other.md"
	fstart "$TEST_TMP/fresh2.db" "$G"
	fwait "fresh links: home" "Linking doc"
	TM send-keys -t rb / w o m b a t Enter
	fwait "fresh links: results" "2 matches in 2 documents"
	printf '# Late doc\n\nArrived late.\n' >"$G/aaa-late-first.md"
	printf '# Late one\n\nThe target.\n' >"$G/late.md"
	TM send-keys -t rb Enter
	fwait "fresh links: the linking document" "rolebook › Linking doc"
	TM send-keys -t rb l Enter
	fwait "fresh links: the link to a file added opens it" "rolebook › Late one"
	TM send-keys -t rb q q
	fwait "fresh links: the results as they were" "2 matches in 2 documents"
	TM send-keys -t rb Down Enter
	fwait "fresh links: a result opens its own document" "rolebook › Other doc"
	TM send-keys -t rb q q Q
	sleep 0.5
	check "fresh links: the file added keeps its id in the folder" "late" \
		"$(sqlite3 "$TEST_TMP/fresh2.db" "SELECT role FROM positions WHERE role LIKE '%late%'")"
	ls "$TEST_TMP"/asan* >/dev/null 2>&1 && fail "fresh: sanitizer report" "$(cat "$TEST_TMP"/asan*)"
	TM kill-server 2>/dev/null
fi

finish
