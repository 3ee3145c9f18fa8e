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
		INSERT INTO positions VALUES (1, 'notes', 'Part', 7, 150);
		INSERT INTO ratings VALUES (1, 'notes', '', 's1', 'Craft', 'x', 4, NULL, 170, 0)"
	err=$(rb --db "$O" -p ada checklist "$D/notes.md" 2>&1 >/dev/null)
	check "old records adopted: said on stderr" \
		"rolebook: $D/notes.md: 2 records kept under \"notes\" (this file's old id) are now this document's" "$err"
	check "old records adopted: under the full path" "2|0" \
		"$(sqlite3 "$O" "SELECT (SELECT count(*) FROM positions WHERE role = '$D/notes.md') +
			(SELECT count(*) FROM ratings WHERE role = '$D/notes.md'),
			(SELECT count(*) FROM positions WHERE role = 'notes')")"
	err=$(rb --db "$O" -p ada checklist "$D/notes.md" 2>&1 >/dev/null)
	check "old records adopted: said once" "" "$err"
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

finish
