#!/bin/bash
# tests/export.sh - report, export and import with the real binary: a
# fixture export (tests/data/export/alice.json, made by the unit tests'
# store fixture) is imported, reported in three formats against the
# expected files beside it, exported again and compared; refusals exit
# non-zero with a clear message and change nothing.
. "$(dirname "$0")/lib.sh"

DATA="$top_srcdir/tests/data/export"
ROLES="$DATA/roles"
rb() { "$ROLEBOOK" --content "$ROLES" "$@"; }
# an export without its exported_at line, to compare two exports
records() { grep -v '"exported_at": ' "$1"; }
cd "$TEST_TMP" || exit 1

# ---- from progress made on the command line to a file ----
A="$TEST_TMP/a.db"
rb --db "$A" -p alice check demo 1 3 >/dev/null
umask 022
out=$(rb --db "$A" -p alice export -o out.json); rc=$?
check "export -o exits 0" 0 "$rc"
check "export -o says where" "exported profile alice to out.json" "$out"
check "the export file is 0600 whatever the umask" 600 "$(stat -c %a out.json)"
contains "the export names its format" '"format": "rolebook-export"' "$(cat out.json)"
contains "the export has a version" '"version": 2' "$(cat out.json)"
contains "exported_at is ISO 8601 UTC" "\"exported_at\": \"$(date -u +%Y-%m-%d)T" "$(cat out.json)"
contains "the export holds the checked item" '"text": "Attend a meeting",' "$(cat out.json)"
check "no temporary file is left" "out.json" "$(ls -A "$TEST_TMP" | grep -v '\.db' | grep out)"
rb --db "$A" -p alice export >stdout.json
check "export without -o writes the same records to stdout" "$(records out.json)" "$(records stdout.json)"
echo old >old.json; chmod 644 old.json
rb --db "$A" -p alice export -o old.json >/dev/null
check "-o replaces a file, now 0600" "600 $(records out.json)" "$(stat -c %a old.json) $(records old.json)"
umask 077

# ---- import, --as, idempotence ----
B="$TEST_TMP/b.db"
out=$(rb --db "$B" import "$DATA/alice.json" --as dana --accept-unsigned); rc=$?
check "import exits 0" 0 "$rc"
check "import summary" "imported profile dana (unsigned: unverified): 2 roles, 5 items, 9 ratings, 3 snapshots (19 new, 0 updated)
  logged as import 1 (rolebook imports)" "$out"
out=$(rb --db "$B" import "$DATA/alice.json" --as dana --accept-unsigned)
check "importing again changes nothing" "imported profile dana (unsigned: unverified): 2 roles, 5 items, 9 ratings, 3 snapshots (nothing new)
  logged as import 2 (rolebook imports)" "$out"
contains "--as names the profile" "dana" "$(rb --db "$B" profiles)"
lacks "--as does not add the file's profile" "alice" "$(rb --db "$B" profiles)"
contains "imported progress shows in checklist" "Demo Lead: 2 of 3 done (profile dana)" "$(rb --db "$B" -p dana checklist demo)"
rb --db "$B" -p dana export -o dana.json >/dev/null
check "export after import --as: the same records under the new name" \
	"$(records "$DATA/alice.json" | sed 's/"profile": "alice"/"profile": "dana"/')" "$(records dana.json)"

# ---- round trip through a fresh database, and the reports ----
C="$TEST_TMP/c.db"
rb --db "$C" import --accept-unsigned "$DATA/alice.json" >/dev/null
rb --db "$C" -p alice export -o again.json >/dev/null
check "round trip: export, import, export gives the same records" "$(records "$DATA/alice.json")" "$(records again.json)"
rb --db "$C" -p alice import --accept-unsigned again.json >/dev/null
check "round trip: the re-exported file imports too" "$(records "$DATA/alice.json")" "$(rb --db "$C" -p alice export | grep -v exported_at)"

# checklist prints items as the report does: a note's lines under its
# first, and earlier progress with the date it was done
out=$(rb --db "$C" -p alice checklist demo)
contains "checklist: a note's second line under its first" "       note: Next meeting:
             1 December." "$out"
contains "checklist: earlier progress keeps its date" "[x] Subscribe to the old mailing list  (done 2026-10-24)  (unverified)  (id 0123456789ab)" "$out"

rb --db "$C" -p alice report >report.txt; rc=$?
check "report exits 0" 0 "$rc"
# records from an unsigned file are marked where the report shows them;
# apart from the marks the report is the unit tests' (local records)
contains "report (text): imported progress marked unverified" "[x] Read the charter  (done 2026-11-23)  (unverified)" "$(cat report.txt)"
# strips the marks of records from an unsigned file
plain() { sed -e '/^Unverified  /d' -e '/^| Unverified |/d' -e 's/, [0-9]* unverified//g' -e 's/  (unverified)//' -e 's/ (unverified)//' -e 's/, unverified:/:/' -e 's/"unverified": true/"unverified": false/' \
	-e 's/"unverified": [0-9][0-9]*/"unverified": 0/' -e 's/ ([0-9]* of the records it rests on are unverified, from unsigned files)//'; }
contains "report (text): imported ratings marked unverified" "bob (3), 2026-11-26, unverified: Solid reviews" "$(cat report.txt)"
contains "report (text): each rater's unverified ratings counted under the scores" "Unverified    3 of 3      3 of 3      2 of 2" "$(cat report.txt)"
contains "report (text): the checklist counts its unverified items" "Checklist: 2 of 3 done, 2 unverified" "$(cat report.txt)"
check "report (text) as expected" "$(cat "$DATA/report.txt")" "$(plain <report.txt)"
check "report --format markdown as expected" "$(cat "$DATA/report.md")" "$(rb --db "$C" -p alice report --format markdown | plain)"
out=$(rb --db "$C" -p alice report --format json)
contains "report (json): imported records say they are unverified" '"unverified": true' "$out"
check "report --format json as expected" "$(cat "$DATA/report.json")" "$(printf '%s\n' "$out" | plain)"
out=$(rb --db "$C" -p alice report --role demo --format md)
contains "--role: that role" "## Demo Lead (demo)" "$out"
lacks "--role: no other role" "Not reported" "$out"
out=$(rb --db "$C" -p nobody report 2>&1); rc=$?
check "a profile the database does not hold: exit 1" 1 "$rc"
contains "a profile the database does not hold: the known ones" "no profile 'nobody' in the database; known profiles: alice" "$out"
if command -v python3 >/dev/null; then
	python3 -m json.tool <again.json >/dev/null && pass "the export is valid JSON" || fail "export is JSON"
	rb --db "$C" -p alice report --format json | python3 -m json.tool >/dev/null &&
		pass "the JSON report is valid JSON" || fail "JSON report is JSON"
fi

# ---- refusals: exit 1, a clear message, nothing changed ----
before=$(rb --db "$C" -p alice export | grep -v exported_at)
profiles=$(rb --db "$C" profiles)
unchanged() {
	check "$1: nothing changed" "$before" "$(rb --db "$C" -p alice export | grep -v exported_at)"
	check "$1: no profile added" "$profiles" "$(rb --db "$C" profiles)"
}
refuse() { # NAME FILE EXPECTED-MESSAGE [IMPORT-OPTIONS]
	local err rc
	err=$(rb --db "$C" import "$2" "${@:4}" 2>&1 >/dev/null); rc=$?
	check "$1: exit 1" 1 "$rc"
	contains "$1: message" "$3" "$err"
	contains "$1: says nothing changed" "nothing was changed" "$err"
	unchanged "$1"
}
sed 's/"version": 2$/"version": 3/' "$DATA/alice.json" >newer.json
refuse "newer format version" newer.json \
	"rolebook: cannot import newer.json: made by a newer rolebook (format version 3); this one reads version 2"
sed '0,/"value": 4/s//"value": "4"/' "$DATA/alice.json" >string-value.json
refuse "a value as a string" string-value.json \
	"cannot import string-value.json: roles[0].ratings[1].value: must be an integer from 0 to 5"
sed '0,/"done": true/s//"done": 1/' "$DATA/alice.json" >int-done.json
refuse "done as a number" int-done.json "roles[0].checklist[0].done: must be true or false" --as eve
sed '0,/"updated_at": 1795395600/s//"changed_at": 1795395600/' "$DATA/alice.json" >missing.json
refuse "a missing field" missing.json "roles[0].checklist[2].updated_at: missing"
head -c 2000 "$DATA/alice.json" >truncated.json
refuse "truncated JSON" truncated.json "not valid JSON: line "
sed 's/"rolebook-export"/"rolebook-report"/' "$DATA/alice.json" >report-format.json
refuse "a report is not an export" report-format.json "a report cannot be imported"
refuse "a report file" "$DATA/report.json" "not a rolebook export"
printf '[%.0s' $(seq 1000) >deep.json
refuse "nesting 1000 deep" deep.json "line 1, column 33: nested deeper than 32 levels"
truncate -s 17M big.json
refuse "a file over 16 MiB" big.json "larger than the 16777216 bytes (16 MiB) an export may have"
err=$(head -c 17000000 /dev/zero | rb --db "$C" import - 2>&1); rc=$?
check "over 16 MiB through a pipe: exit 1" 1 "$rc"
contains "over 16 MiB through a pipe: message" "larger than the 16777216 bytes" "$err"
sed 's/"rater": "bob"/"rater": "bob\\u001b[2J"/' "$DATA/alice.json" >rater.json
refuse "a reviewer name with an escape" rater.json "roles[0].ratings[4].rater: a name must not hold control or format characters (U+001B)"
sed '0,/Read it twice/s//Read\\u0000it twice/' "$DATA/alice.json" >nul.json
refuse "NUL in a string" nul.json "NUL"
err=$(rb --db "$C" import no-such.json 2>&1); rc=$?
check "a missing file: exit 1" 1 "$rc"
contains "a missing file: message" "cannot import no-such.json: cannot open no-such.json: No such file or directory" "$err"
err=$(rb --db "$C" import "$TEST_TMP" 2>&1); rc=$?
check "a folder: exit 1" 1 "$rc"
contains "a folder: message" "is a folder" "$err"
unchanged "after every refusal"

# usage errors: exit 2
err=$(rb --db "$C" import 2>&1); rc=$?
check "import without FILE: exit 2" 2 "$rc"
contains "import without FILE: message" "import needs one FILE" "$err"
err=$(rb --db "$C" report --format html 2>&1); rc=$?
check "an unknown report format: exit 2" 2 "$rc"
contains "an unknown report format: message" "unknown report format 'html' (text, markdown, json or issue)" "$err"
err=$(rb --db "$C" report --as x 2>&1); rc=$?
check "--as with report: exit 2" 2 "$rc"
contains "--as with report: message" "report does not take --as" "$err"
err=$(rb --db "$C" export --format json 2>&1); rc=$?
check "--format with export: exit 2" 2 "$rc"
err=$(rb --db "$C" list --format json 2>&1); rc=$?
check "--format with list: exit 2" 2 "$rc"
contains "--format with list: message" "go with checklist, check, uncheck, calendar, report, export, import, forget, search and review" "$err"
err=$(rb --db "$C" report --role no-such-role 2>&1); rc=$?
check "report --role of an unknown role: exit 1" 1 "$rc"
contains "report --role of an unknown role: message" "unknown role 'no-such-role'" "$err"
err=$(rb --db "$C" -p nobody export 2>&1); rc=$?
check "export of an unknown profile: exit 1" 1 "$rc"
contains "export of an unknown profile: message" "no profile 'nobody' in the database" "$err"
err=$(rb --db "$C" -p alice export -o "$TEST_TMP/no/such/dir/x.json" 2>&1); rc=$?
check "export to a missing folder: exit 1" 1 "$rc"
contains "export to a missing folder: message" "cannot create" "$err"

# ---- hostile text: sanitised on import, escaped in Markdown ----
H="$TEST_TMP/h.db"
sed -e 's/Read it twice; the voting rules matter\./\\u001b[31mRed\\u001b[0m \\u001b]52;c;ZXZpbA==\\u0007copy \\u202eevil\\u202c/' \
	-e 's/Roadmap updated in October\./| x | y |\\n# Heading `code` <img src=x onerror=alert(1)> [a](javascript:x)/' \
	-e 's/"rater": "carol"/"rater": "carol | z"/' \
	"$DATA/alice.json" >hostile.json
out=$(rb --db "$H" import --accept-unsigned hostile.json); rc=$?
check "hostile text imports (sanitised)" 0 "$rc"
out=$(rb --db "$H" -p alice report)
lacks "no ESC reaches the text report" $'\033' "$out"
lacks "no BEL reaches the text report" $'\007' "$out"
lacks "no bidi override reaches the text report" $'\u202e' "$out"
contains "the note's text survives" "note: Red copy evil" "$out"
md=$(rb --db "$H" -p alice report --format markdown)
contains "a pipe in a reviewer name is escaped" "| Skill area | Self | bob | carol \\| z | Threshold |" "$md"
contains "a note cannot inject a heading, code, HTML or a link" \
	'  - self, 2026-11-03, unverified: \| x \| y \| \# Heading \`code\` \<img src=x onerror=alert(1)\> \[a\](javascript:x)' "$md"
lacks "no line starts with the note's #" $'\n# Heading' "$md"
if command -v cmark-gfm >/dev/null; then
	html=$(printf '%s\n' "$md" | cmark-gfm -e table -e tasklist -e autolink)
	check "rendered: one table" 1 "$(grep -c '<table>' <<<"$html")"
	check "rendered: the table keeps five columns" 5 "$(sed -n '/<thead>/,/<\/thead>/p' <<<"$html" | grep -c '<th[ >]')"
	lacks "rendered: no injected heading" "<h1>Heading" "$html"
	lacks "rendered: no injected HTML" "<img" "$html"
	lacks "rendered: no injected link" "<a href=\"javascript" "$html"
	lacks "rendered: no injected code" "<code>" "$html"
else
	echo "note: cmark-gfm not installed; the rendered Markdown checks are skipped"
fi

# ---- who wrote what: signed exports (ssh-keygen -Y), what a file may carry ----
if command -v ssh-keygen >/dev/null; then
	mkdir -p keys sig
	for who in alice bob mallory; do
		ssh-keygen -q -t ed25519 -N '' -C "$who" -f "keys/$who" || fail "ssh-keygen $who"
	done
	{ printf 'alice %s\n' "$(cat keys/alice.pub)"; printf 'bob %s\n' "$(cat keys/bob.pub)"; } >allowed
	S="$TEST_TMP/s.db"   # alice's own database: her records and two chairs' ratings
	rb --db "$S" import --accept-unsigned "$DATA/alice.json" >/dev/null
	# the chairs' ratings as if typed here (rolebook has no shell command
	# to rate): a review export passes on only those (see below)
	sqlite3 "$S" "UPDATE ratings SET origin = 0 WHERE rater <> ''"
	err=$(rb --db "$S" -p alice export --sign keys/alice 2>&1); rc=$?
	check "--sign without -o: exit 1" 1 "$rc"
	check "--sign without -o: says why" "rolebook: cannot export: --sign needs -o FILE (the signature is written to FILE.sig)" "$err"
	out=$(rb --db "$S" -p alice export -o sig/alice.json --sign keys/alice); rc=$?
	check "export --sign: exit 0" 0 "$rc"
	check "export --sign: says so" "exported profile alice to sig/alice.json (signed: sig/alice.json.sig)" "$out"
	contains "export --sign: an SSH signature beside it" "BEGIN SSH SIGNATURE" "$(cat sig/alice.json.sig)"
	out=$(rb --db "$S" -p alice export -o -dash.json --sign keys/alice); rc=$?
	check "--sign a file named like an option: exit 0" 0 "$rc"
	[ -s ./-dash.json.sig ] && pass "--sign a file named like an option: signed" || fail "-dash.json.sig"
	err=$(rb --db "$S" -p alice export -o sig/nokey.json --sign keys/no-such-key 2>&1); rc=$?
	check "--sign with a missing key: exit 1" 1 "$rc"
	contains "--sign with a missing key: says so" "exported sig/nokey.json, but cannot sign it: ssh-keygen could not sign with keys/no-such-key" "$err"
	[ ! -e sig/nokey.json.sig ] && pass "--sign with a missing key: no signature" || fail "--sign with a missing key: no signature"
	# signed by alice: her own records are taken, bob's and carol's ratings are not
	V="$TEST_TMP/v.db"
	out=$(rb --db "$V" import sig/alice.json --allowed-signers allowed); rc=$?
	check "signed import: exit 0" 0 "$rc"
	check "signed import: the signer's records only" "imported profile alice, signed by alice: 2 roles, 5 items, 9 ratings, 3 snapshots (13 new, 0 updated)
  6 refused: attributed to someone other than the signer alice
  logged as import 1 (rolebook imports)" "$out"
	lacks "signed import: no rating by bob" '"rater": "bob"' "$(rb --db "$V" -p alice export)"
	contains "imports lists it, with its signer" "sig/alice.json  profile alice, signed by alice: 13 new, 0 updated, 0 kept, 6 refused" "$(rb --db "$V" imports)"
	# the same file with its allowed-signers file from XDG_CONFIG_HOME
	mkdir -p cfg/rolebook && cp allowed cfg/rolebook/allowed_signers
	out=$(XDG_CONFIG_HOME="$TEST_TMP/cfg" rb --db "$TEST_TMP/x.db" import sig/alice.json); rc=$?
	check "allowed-signers from \$XDG_CONFIG_HOME/rolebook: exit 0" 0 "$rc"
	# refused whole: edited after signing, signed by an unknown key, no allowed-signers
	sigrefuse() { # NAME FILE EXPECTED [OPTIONS]
		local err rc before
		before=$(rb --db "$V" -p alice export | grep -v exported_at)
		err=$(rb --db "$V" import "$2" "${@:4}" 2>&1 >/dev/null); rc=$?
		check "$1: exit 1" 1 "$rc"
		contains "$1: message" "$3" "$err"
		contains "$1: says nothing changed" "nothing was changed" "$err"
		check "$1: nothing changed" "$before" "$(rb --db "$V" -p alice export | grep -v exported_at)"
	}
	sed '0,/"value": 4/s//"value": 5/' sig/alice.json >sig/tampered.json
	cmp -s sig/alice.json sig/tampered.json && fail "the tampered copy differs"
	cp sig/alice.json.sig sig/tampered.json.sig
	sigrefuse "edited after signing" sig/tampered.json "the signature does not verify: made with the key of alice, but not of these bytes: the file was changed after it was signed, or FILE.sig is another file's (ssh-keygen: Signature verification failed: incorrect signature; Could not verify signature); nothing was changed" --allowed-signers allowed
	cp sig/alice.json sig/garbled.json
	echo garbage > sig/garbled.json.sig
	sigrefuse "a .sig that is no signature" sig/garbled.json "the .sig file is not an SSH signature" --allowed-signers allowed
	cp sig/alice.json sig/mallory.json
	ssh-keygen -q -Y sign -f keys/mallory -n rolebook sig/mallory.json </dev/null
	sigrefuse "signed by an unknown key" sig/mallory.json "the signer is not in the allowed-signers file" --allowed-signers allowed
	sigrefuse "signed, no allowed-signers file" sig/alice.json "no allowed-signers file says whose keys to trust"
	cp sig/alice.json sig/git.json
	ssh-keygen -q -Y sign -f keys/alice -n git sig/git.json </dev/null
	sigrefuse "signed for another namespace (git)" sig/git.json "the signature does not verify: made with the key of alice, but for another use than rolebook's (ssh-keygen -Y sign -n rolebook; ssh-keygen:" --allowed-signers allowed

	# a chair's review: only bob's ratings, signed by bob, taken as bob's
	err=$(rb --db "$S" -p alice export --reviews 2>&1); rc=$?
	check "export --reviews without --reviewer: exit 2" 2 "$rc"
	out=$(rb --db "$S" -p alice --reviewer bob export --reviews -o sig/bob.json --sign keys/bob); rc=$?
	check "export --reviews --sign: exit 0" 0 "$rc"
	check "export --reviews: says so" "exported the reviews of alice to sig/bob.json (signed: sig/bob.json.sig)" "$out"
	lacks "export --reviews: no other rater" '"rater": "carol"' "$(cat sig/bob.json)"
	lacks "export --reviews: no self-rating" '"rater": ""' "$(cat sig/bob.json)"
	contains "export --reviews: no checklist" '"checklist": []' "$(cat sig/bob.json)"
	contains "export --reviews: names the reviewer" '"reviews": "bob"' "$(cat sig/bob.json)"
	out=$(rb --db "$V" import sig/bob.json --allowed-signers allowed)
	contains "a signed review: bob's ratings are taken" "signed by bob" "$out"
	contains "a signed review: bob's ratings are in" '"rater": "bob"' "$(rb --db "$V" -p alice export)"
	# the same file unsigned, its notes changed and dated later: the signed
	# records stay, and the summary says why
	sed -e 's/"note": "Read it twice;/"note": "Forged;/' -e 's/"updated_at": 1795395600/"updated_at": 1795999999/' \
		"$DATA/alice.json" > unsigned-later.json
	out=$(rb --db "$V" import unsigned-later.json)
	contains "unsigned over signed: kept, and why" "1 kept: signed in this database; an unsigned file does not replace them" "$out"
	lacks "unsigned over signed: not 'newer in this database'" "newer in this database" "$out"

	# the other way: bob's ratings forged in an unsigned file, dated later
	# and taken with --accept-unsigned, give way to bob's signed review
	F="$TEST_TMP/forged.db"
	sed -e 's/"note": "Solid reviews/"note": "Forged reviews/' -e 's/1795651200/1795999999/g' \
		"$DATA/alice.json" > forged-bob.json
	rb --db "$F" import forged-bob.json --accept-unsigned >/dev/null
	contains "forged, unsigned: taken, unverified" "bob (3), 2026-11-30, unverified: Forged reviews" "$(rb --db "$F" -p alice report)"
	out=$(rb --db "$F" import sig/bob.json --allowed-signers allowed)
	contains "bob's signed review replaces the forged ratings" "signed by bob: 1 role, 0 items, 3 ratings, 1 snapshot (1 new, 3 updated)" "$out"
	contains "bob's own words are back, verified" "bob (3), 2026-11-26: Solid reviews" "$(rb --db "$F" -p alice report)"

	# every candidate bob rated: one signed file each in a folder
	rb --db "$S" import --accept-unsigned "$DATA/alice.json" --as dana >/dev/null
	# a review passes on only the reviewer's own ratings, not those an
	# unsigned file brought in their name (signing would make them look proven)
	err=$(rb --db "$S" -p dana --reviewer bob export --reviews -o sig/laundered.json --sign keys/bob 2>&1); rc=$?
	check "export --reviews of ratings an unsigned file brought: exit 1" 1 "$rc"
	contains "export --reviews of ratings an unsigned file brought: none to sign" "bob has not rated dana in this database (ratings in bob's name from unsigned files are not bob's to pass on)" "$err"
	sqlite3 "$S" "UPDATE ratings SET origin = 0 WHERE rater <> ''"
	mkdir -p bobdir
	out=$(rb --db "$S" --reviewer bob export --reviews -o bobdir --sign keys/bob); rc=$?
	check "export --reviews for every candidate: exit 0" 0 "$rc"
	check "export --reviews for every candidate: one file each" "alice.reviews-by-bob.json
alice.reviews-by-bob.json.sig
dana.reviews-by-bob.json
dana.reviews-by-bob.json.sig" "$(ls bobdir)"
	err=$(rb --db "$S" --reviewer bob export --reviews 2>&1); rc=$?
	check "export --reviews for every candidate without a folder: exit 1" 1 "$rc"
	contains "export --reviews for every candidate without a folder: says why" "needs -o FOLDER" "$err"
	err=$(rb --db "$S" --reviewer bob export --reviews -o bob.json 2>&1); rc=$?
	check "export --reviews without -p to a file: exit 2" 2 "$rc"
	contains "export --reviews without -p to a file: says -o must be a folder" "-o must be an existing folder, and bob.json is not (or give -p NAME for one file)" "$err"
	err=$(rb --db "$S" --reviewer zed export --reviews -o bobdir 2>&1); rc=$?
	check "export --reviews by someone who rated no one: exit 1" 1 "$rc"
	contains "export --reviews by someone who rated no one: says so" "zed has rated no one" "$err"

	# review DIR: subfolders, DIR/allowed_signers, a tampered file named
	mkdir -p team/sig-a && cp sig/alice.json sig/alice.json.sig sig/bob.json sig/bob.json.sig team/sig-a/
	cp sig/tampered.json sig/tampered.json.sig team/
	cp allowed team/allowed_signers
	# an allowed-signers file given that cannot be read: said once, plainly
	err=$(rb --db "$V" import sig/alice.json --allowed-signers no-such-file 2>&1); rc=$?
	check "import, unreadable --allowed-signers: exit 1" 1 "$rc"
	check "import, unreadable --allowed-signers: said once" "rolebook: cannot import sig/alice.json: cannot read the allowed-signers file no-such-file: No such file or directory; nothing was changed" "$err"
	err=$(rb --db "$V" review team --allowed-signers no-such-file 2>&1 </dev/null); rc=$?
	check "review DIR, unreadable --allowed-signers: exit 1" 1 "$rc"
	check "review DIR, unreadable --allowed-signers: said once, not per file" "rolebook: cannot read the allowed-signers file no-such-file: No such file or directory" "$err"
else
	echo "note: ssh-keygen not installed; the signature checks are skipped"
fi

# ---- unsigned files: the profile's own records only, marked unverified ----
U="$TEST_TMP/u.db"
out=$(rb --db "$U" import "$DATA/alice-v1.json"); rc=$?
check "a version-1 export imports (unsigned rules)" 0 "$rc"
check "unsigned: reviewer ratings refused without --accept-unsigned" "imported profile alice (unsigned: unverified): 2 roles, 5 items, 9 ratings, 3 snapshots (13 new, 0 updated)
  6 refused: reviewer ratings in an unsigned file (--accept-unsigned takes them, marked unverified)
  logged as import 1 (rolebook imports)" "$out"
contains "unsigned: the checklist marks them unverified" "[x] Read the charter  (done 2026-11-23)  (unverified)" "$(TZ=UTC rb --db "$U" -p alice checklist demo)"
contains "unsigned: the assessment marks them unverified" "[4] I review designs.  (unverified)" "$(rb --db "$U" -p alice assessment demo)"
if command -v ssh-keygen >/dev/null; then
	lacks "signed: not marked unverified" "(unverified)" "$(rb --db "$V" -p alice checklist demo)"
fi

# ---- dry run, forget ----
before=$(rb --db "$U" -p alice export | grep -v exported_at)
out=$(rb --db "$U" import --dry-run --accept-unsigned "$DATA/alice.json")
check "--dry-run lists what would change, record by record" "would import profile alice (unsigned: unverified): 2 roles, 5 items, 9 ratings, 3 snapshots (6 new, 0 updated)
  add: demo, rating by bob 11c4e7b58c6c: I review designs.
  add: demo, rating by bob 4ae628f32ad4: I welcome newcomers.
  add: demo, rating by bob 6ad1b8194c5f: I answer questions in the channel.
  add: demo, rating by carol 11c4e7b58c6c: I review designs.
  add: demo, rating by carol 4ae628f32ad4: I welcome newcomers.
  add: demo, snapshot by bob, 2026-11-26 00:00
  (dry run: nothing was written)" "$out"
out=$(rb --db "$U" import --dry-run "$DATA/alice.json")
contains "--dry-run lists what would be refused" "refuse (a reviewer's, unsigned): demo, rating by bob 11c4e7b58c6c: I review designs." "$out"
check "--dry-run lists every refusal it counts, the snapshot's too" "6" "$(printf '%s\n' "$out" | grep -c '^  refuse ')"
# into an empty database: the profile, the snapshots and the reading
# position are new too, and listed (the count said 19, the list showed 14)
out=$(rb --db "$TEST_TMP/dry-fresh.db" import --dry-run --accept-unsigned "$DATA/alice.json")
contains "--dry-run into an empty database: counts 19 new" "(19 new, 0 updated)" "$out"
check "--dry-run lists each new record it counts" "19" "$(printf '%s\n' "$out" | grep -c '^  add: ')"
contains "--dry-run lists the profile it would create" "
  add: profile alice
" "$out"
rb --db "$TEST_TMP/dry-start.db" -p zed start chair 2026-11-01 >/dev/null
rb --db "$TEST_TMP/dry-start.db" -p zed export -o "$TEST_TMP/zed.json" >/dev/null
check "--dry-run lists the appointment it counts" "would import profile zed (unsigned: unverified): 1 role, 0 items, 0 ratings, 0 snapshots (2 new, 0 updated)
  add: profile zed
  add: chair, appointment: 2026-11-01
  (dry run: nothing was written)" "$(rb --db "$TEST_TMP/dry-start2.db" import --dry-run "$TEST_TMP/zed.json")"
contains "--dry-run lists the snapshots and the position" "  add: demo, snapshot by self, 2026-11-24 00:00
  add: demo, snapshot by self, 2026-11-25 00:00
  add: demo, snapshot by bob, 2026-11-26 00:00
  add: demo, reading position
" "$out"
check "--dry-run writes nothing" "$before" "$(rb --db "$U" -p alice export | grep -v exported_at)"
check "--dry-run is not logged" 1 "$(rb --db "$U" imports | wc -l)"
err=$(rb --db "$U" forget alice 2>&1 </dev/null); rc=$?
check "forget without a terminal or --yes: exit 1" 1 "$rc"
contains "forget without a terminal or --yes: says why" "add --yes" "$err"
if command -v script >/dev/null; then # a terminal, to be asked on
	out=$(printf 'n\n' | script -qec "$ROLEBOOK --content '$ROLES' --db '$U' forget alice" /dev/null | tr -d '\r')
	contains "forget on a terminal asks" "Remove the profile alice and every record of it? [y/N]" "$out"
	contains "forget on a terminal: no removes nothing" "nothing was removed" "$out"
	contains "forget on a terminal: alice is still there" "alice" "$(rb --db "$U" profiles)"
fi
out=$(rb --db "$U" forget alice --role demo --yes)
check "forget --role" "removed every record of alice for demo" "$out"
lacks "forget --role: that role is gone" '"id": "demo"' "$(rb --db "$U" -p alice export)"
out=$(rb --db "$U" forget alice --yes)
check "forget a profile" "removed the profile alice and every record of it" "$out"
lacks "forget: the profile is gone" "alice" "$(rb --db "$U" profiles)"

# ---- the import log and undo ----
W="$TEST_TMP/w.db"
rb --db "$W" -p alice check demo 1 >/dev/null
before=$(rb --db "$W" -p alice export | grep -v exported_at)
rb --db "$W" import --accept-unsigned "$DATA/alice.json" >/dev/null
rb --db "$W" import --accept-unsigned "$DATA/alice.json" --as dana >/dev/null
out=$(rb --db "$W" import --undo 1); rc=$?
check "import --undo: exit 0" 0 "$rc"
check "import --undo: says what" "undid import 1: 17 records put back as they were" "$out"
check "import --undo: the database as before the import" "$before" "$(rb --db "$W" -p alice export | grep -v exported_at)"
contains "import --undo: the other import stays" "dana" "$(rb --db "$W" profiles)"
contains "imports marks it undone" "(undone)" "$(rb --db "$W" imports | head -1)"
err=$(rb --db "$W" import --undo 1 2>&1); rc=$?
check "undo twice: exit 1" 1 "$rc"
contains "undo twice: says so" "cannot undo import 1: it was undone already" "$err"
err=$(rb --db "$W" import --undo 9 2>&1); rc=$?
check "undo of no such import: exit 1" 1 "$rc"
contains "undo of no such import: says so" "no such import" "$err"
rb --db "$W" -p dana uncheck demo 2 >/dev/null
out=$(rb --db "$W" import --undo 2)
check "undo leaves what was changed since" "undid import 2: 17 records put back as they were; 1 changed since, left as it is" "$out"
contains "undo leaves what was changed since: the local change" "[ ] Join the channel" "$(rb --db "$W" -p dana checklist demo)"
err=$(rb --db "$W" import 2>&1); rc=$?
check "import with neither FILE nor --undo: exit 2" 2 "$rc"

# ---- time and names ----
F="$TEST_TMP/f.db"
frefuse() { # NAME FILE EXPECTED
	local err rc
	err=$(rb --db "$F" import --accept-unsigned "$2" 2>&1 >/dev/null); rc=$?
	check "$1: exit 1" 1 "$rc"
	contains "$1: message" "$3" "$err"
	check "$1: nothing imported" "" "$(rb --db "$F" profiles 2>/dev/null | grep alice)"
}
sed '0,/"updated_at": 1795395600/s//"updated_at": 253402300799/' "$DATA/alice.json" >future.json
frefuse "a date in the year 9999" future.json "a time more than a day in the future"
sed 's/"profile": "alice"/"profile": "ali\\u200bce"/' "$DATA/alice.json" >zw.json
frefuse "a zero-width space in a name" zw.json "profile: a name must not hold invisible or format characters (U+200B)"
sed 's/"rater": "bob"/"rater": "bob\\u00a0"/' "$DATA/alice.json" >nbsp.json
frefuse "a no-break space in a rater" nbsp.json "a name must not hold invisible or format characters (U+00A0)"
sed 's/"profile": "alice"/"profile": "ali\\u0441e"/' "$DATA/alice.json" >cyr.json
frefuse "a Cyrillic letter in a Latin name" cyr.json "profile: a name must not mix scripts in one word (U+0441)"
err=$(rb --db "$F" -p $'lead\e]0;x\a' checklist demo 2>&1); rc=$?
check "-p with an escape: exit 2" 2 "$rc"
contains "-p with an escape: refused" "invalid profile name" "$err"
err=$(rb --db "$F" --reviewer $'l\u0435ad' profiles 2>&1); rc=$?
check "--reviewer with a Cyrillic letter: exit 2" 2 "$rc"
contains "--reviewer with a Cyrillic letter: the import's rule" "a name must not mix scripts in one word" "$err"

# ---- a database that cannot be written ----
if [ "$(id -u)" != 0 ]; then
	mkdir ro && rb --db ro/r.db -p alice check demo 1 >/dev/null && chmod 0500 ro
	err=$(rb --db ro/r.db import "$DATA/alice.json" 2>&1); rc=$?
	check "read-only database: import fails" 1 "$rc"
	contains "read-only database: says so" "read-only" "$err"
	chmod 0700 ro
else
	echo "note: running as root; the read-only import is checked in the unit tests"
fi

finish
