#!/bin/bash
# tests/cli.sh - the command line as a user types it: list, print, errors,
# help and version, pipes and widths, hostile content.
. "$(dirname "$0")/lib.sh"

rb() { "$ROLEBOOK" "$@"; }

# --help and --version
out=$(rb --help); rc=$?
check "--help exits 0" 0 "$rc"
contains "--help shows usage" "Usage: rolebook [OPTIONS] [ROLE|FILE.md|DIR]" "$out"
for word in list print --content --no-color --width --version; do
	contains "--help mentions $word" "$word" "$out"
done
# -C: a later folder's file of the same path is listed too (issue 12
# review); identity by path shares records across runs, and says so
lacks "--help: -C is no 'first wins'" "first wins" "$out"
contains "--help: -C lists a later folder's twin" "one has is listed too, by its full path)" "$out"
contains "--help: identity by path across runs" "the same path under another folder, in another run," "$out"
# --help is made from the tables of commands and options: every row's
# description starts in one column, continuation lines under it
help=$out
contains "--help: -r's description is apart from its argument" "  -r, --reviewer NAME   rate the profile as this reviewer (a SIG chair), apart
                        from its own self-assessment" "$help"
contains "--help: a long-only option lines up" "      --db PATH         the database (default: \$ROLEBOOK_DB, else" "$help"
contains "--help: a command too long for its column goes on below" "  check ROLE N|ID...    mark items done" "$help"
bad=$(printf '%s\n' "$help" | sed -n '/^Commands:/,/^Roles come/p' | grep -E '^  ' |
	awk '{ d = substr($0, 1, 24); r = substr($0, 25, 1) }
	     d ~ /^ +$/ { next }                     # a continuation line
	     $0 !~ /[^ ]  +[^ ]/ { next }           # a long option alone, its text below
	     substr($0, 23, 2) != "  " || r == " " || r == "" { print }')
check "--help: every description starts at column 25" "" "$bad"
over=$(printf '%s\n' "$help" | awk 'length($0) > 79')
check "--help: no line over 79 columns" "" "$over"
for cmd in list print checklist check uncheck assessment profiles report export import review; do
	contains "--help: the usage of $cmd" "rolebook [OPTIONS] $cmd" "$help"
	contains "--help: $cmd in the list of commands" "
  $cmd" "$help"
done
# usage errors come from the table too
err=$(rb list extra 2>&1); rc=$?
check "list with an argument: exit 2" 2 "$rc"
contains "list with an argument: message" "rolebook: list takes no arguments" "$err"
err=$(rb checklist 2>&1); rc=$?
check "checklist without a role: exit 2" 2 "$rc"
contains "checklist without a role: message" "rolebook: checklist needs one role" "$err"
contains "checklist without a role: hint" "Try 'rolebook --help'." "$err"
err=$(rb --format json 2>&1 </dev/null); rc=$?
check "--format without report: exit 2" 2 "$rc"
contains "--format without report: says where it goes" "the handbook does not take --format: --role, --format, --all, --sig, --discussion, --offboarding, --stepping-down, --note, --output, --as, --sign, --reviews, --allowed-signers, --accept-unsigned, --dry-run, --undo, --yes and --files-with-matches go with checklist, check, uncheck, calendar, report, export, import, forget, search and review" "$err"
err=$(rb technical-lead extra 2>&1 </dev/null); rc=$?
check "the handbook with two arguments: exit 2" 2 "$rc"
contains "the handbook with two arguments: message" "unexpected argument 'extra'" "$err"

# --version in the GNU format: name and version, copyright, license (issue 16)
version=$(sed -n 's/^AC_INIT(\[rolebook\], \[\([^]]*\)\].*/\1/p' "$top_srcdir/configure.ac")
out=$(rb --version)
check "--version: name and version first" "rolebook $version" "$(printf '%s\n' "$out" | sed -n 1p)"
check "--version: the copyright" "Copyright (C) 2026 rolebook maintainers" "$(printf '%s\n' "$out" | sed -n 2p)"
# no "see COPYING": the Debian package ships /usr/share/doc/rolebook/copyright
check "--version: a license line" "License: Apache-2.0 <https://www.apache.org/licenses/LICENSE-2.0>" \
	"$(printf '%s\n' "$out" | sed -n 3p)"
check "--version: free software" "This is free software: you are free to change and redistribute it." \
	"$(printf '%s\n' "$out" | sed -n 4p)"
check "--version: no warranty" "There is NO WARRANTY, to the extent permitted by law." \
	"$(printf '%s\n' "$out" | sed -n 5p)"
check "--version: five lines" "5" "$(printf '%s\n' "$out" | wc -l | tr -d ' ')"

# --color=never on a terminal: no escape code at all, print's plain text as
# in a pipe; NO_COLOR drops the colours but keeps bold and underline
if command -v script >/dev/null; then
	plain=$(rb print --width 80 technical-lead)
	for opt in --color=never --no-color; do
		out=$(script -qec "$ROLEBOOK $opt print --width 80 technical-lead" /dev/null </dev/null | tr -d '\r')
		check "$opt on a terminal: plain text" "$plain" "$out"
	done
	out=$(NO_COLOR=1 script -qec "$ROLEBOOK print --width 80 technical-lead" /dev/null </dev/null | tr -d '\r' | head -1)
	check "NO_COLOR on a terminal: bold and underline" $'\e[0;1;4mTechnical Lead\e[0m' "$out"
fi

# list
out=$(rb list)
# the package's description names every bundled role, and their number
desc=$(sed -n '/^Description:/,/^$/p' "$top_srcdir/debian/control" | tr -s ' \n' '  ')
while IFS= read -r title; do
	contains "debian/control's description names $title" "$title" "$desc"
done < <(printf '%s\n' "$out" | cut -f2)
n=$(printf '%s\n' "$out" | wc -l | tr -d ' ')
words="zero one two three four five six seven eight nine"
word=$(echo "$words" | cut -d' ' -f$((n + 1)))
contains "debian/control's description counts $n roles" "${word^} roles" "$desc"
contains "list shows the program manager" "program-manager	Program Manager	" "$out"
contains "list shows the technical lead" "technical-lead	Technical Lead	" "$out"
check "list has four bundled roles" 4 "$(printf '%s\n' "$out" | wc -l)"

# print, plain in a pipe
out=$(rb print program-manager)
contains "print renders the title" "Program Manager
═══════════════" "$out"
lacks "print in a pipe has no escape codes" $'\033' "$out"
lacks "print shows no raw heading markers" "## " "$out"
contains "print lists the checklist as tasks" "☐ " "$out"
# the widest line, but for reference lines, which pass the width to hold a whole URL
width_of() { grep -v '^\[[0-9]*\] [^ ]*$' | LC_ALL=C.UTF-8 wc -L | tr -d ' '; }
width=$(printf '%s\n' "$out" | width_of)
[ "$width" -le 80 ] && pass "print wraps at 80 columns in a pipe" || fail "print wraps at 80" "widest line: $width"
out=$(rb print --width 40 technical-lead)
width=$(printf '%s\n' "$out" | width_of)
[ "$width" -le 40 ] && pass "--width 40 is respected" || fail "--width 40" "widest line: $width"
contains "print of a role lists link references" "References" "$(rb print program-manager)"

# print a file, the upstream way
if [ -d "$UPSTREAM_DIR" ]; then
	n=0
	for f in "$UPSTREAM_DIR"/*.md; do
		if ! rb print "$f" >/dev/null 2>"$TEST_TMP/err"; then
			fail "print $(basename "$f")" "$(cat "$TEST_TMP/err")"
		else
			n=$((n + 1))
		fi
	done
	check "every upstream file prints" "$(ls "$UPSTREAM_DIR"/*.md | wc -l)" "$n"
	out=$(rb print "$UPSTREAM_DIR/technical-lead.md")
	contains "upstream technical lead renders its skill list" "• Leadership – Coaching team members" "$out"
	lacks "upstream front matter is skipped" "title:" "$(rb print "$UPSTREAM_DIR/liaisons.md")"
	# a title only in front matter heads the print, as it heads the screen
	out=$(rb print "$UPSTREAM_DIR/nco-lead-handbook.md")
	check "a front-matter title heads the print" "NCO Lead Handbook" "$(printf '%s\n' "$out" | head -n 1)"
	# in an ASCII locale print writes ASCII, as the screen shows it
	out=$(LC_ALL=C rb print "$UPSTREAM_DIR/liaisons.md")
	if printf '%s' "$out" | LC_ALL=C grep -q '[^[:print:][:space:]]'; then
		fail "print in the C locale is ASCII" "$(printf '%s' "$out" | LC_ALL=C grep -n '[^[:print:][:space:]]' | head -3)"
	else
		pass "print in the C locale is ASCII"
	fi
	contains "ASCII print keeps quotes readable" "It's important" "$out"
else
	echo "note: no upstream corpus at $UPSTREAM_DIR; skipping those checks"
fi

# errors: a message on stderr with the program's name, a non-zero exit
err=$(rb print no-such-role 2>&1 >/dev/null); rc=$?
check "unknown role exits 1" 1 "$rc"
contains "unknown role is named" "rolebook: unknown role 'no-such-role'" "$err"
contains "unknown role lists the known ones" "known roles: chair program-manager subproject-owner technical-lead" "$err"
err=$(rb print 2>&1); rc=$?
check "print without a role is a usage error" 2 "$rc"
err=$(rb --bogus 2>&1); rc=$?
check "unknown option is a usage error" 2 "$rc"
contains "unknown option hints at --help" "Try 'rolebook --help'." "$err"
contains "unknown option: our prefix, not argv[0]'s" "rolebook: unknown option '--bogus'" "$err"
err=$(rb print x --width 2>&1); rc=$?
check "a missing option argument is a usage error" 2 "$rc"
contains "a missing argument is named" "rolebook: option '--width' needs an argument" "$err"
out=$(XDG_DATA_HOME=/elsewhere/data ROLEBOOK_DB=/elsewhere/my.db rb --help)
contains "--help names the roles folder in use" "your roles: /elsewhere/data/rolebook/roles" "$out"
contains "--help names the database in use" "database:   /elsewhere/my.db" "$out"
contains "--help names the --db given" "database:   /x/given.db" "$(rb --db /x/given.db --help)"
err=$(rb print --width 5 program-manager 2>&1); rc=$?
check "a silly width is refused" 2 "$rc"
err=$(rb print /nonexistent/file.md 2>&1); rc=$?
check "a missing file exits 1" 1 "$rc"
contains "a missing file is named" "rolebook: cannot open /nonexistent/file.md" "$err"
printf 'bin\0ary' > "$TEST_TMP/binary.md"
err=$(rb print "$TEST_TMP/binary.md" 2>&1); rc=$?
check "a binary file exits 1" 1 "$rc"
contains "a binary file is refused" "is not a text file" "$err"
err=$(rb 2>&1 </dev/null); rc=$?
check "no terminal: exit 1" 1 "$rc"
contains "no terminal: points to print" "rolebook print ROLE" "$err"
# the role is checked first: a typo is named wherever rolebook runs
err=$(rb frob 2>&1 </dev/null); rc=$?
check "no terminal, unknown role: exit 1" 1 "$rc"
contains "no terminal, unknown role: the role is named" "rolebook: unknown role 'frob'" "$err"
contains "no terminal, unknown role: the known ones listed" "known roles: chair program-manager subproject-owner technical-lead" "$err"
lacks "no terminal, unknown role: not the terminal message" "needs a terminal" "$err"
err=$(XDG_STATE_HOME="$TEST_TMP/nostate" rb technical-lead 2>&1 </dev/null); rc=$?
check "no terminal, known role: exit 1" 1 "$rc"
contains "no terminal, known role: points to print" "rolebook print ROLE" "$err"
[ ! -e "$TEST_TMP/nostate" ] && pass "no terminal: no database is made" || fail "no terminal: no database is made" "$(ls -R "$TEST_TMP/nostate")"
err=$(rb --content /nonexistent list 2>&1); rc=$?
check "a missing --content folder is an error" 1 "$rc"

# hostile content: escape sequences never reach the output
printf '# Evil\x1b]0;pwned\x07\n\nText \x1b[31mred\x1b[0m and \x1b]52;c;Zm9v\x07clip \xc2\x9b2J and \xff bytes.\n' > "$TEST_TMP/evil.md"
out=$(rb print "$TEST_TMP/evil.md")
lacks "no ESC in the output" $'\033' "$out"
lacks "no BEL in the output" $'\007' "$out"
lacks "no 8-bit CSI in the output" $'\xc2\x9b' "$out"
contains "text around escapes survives" "Text red and clip and � bytes." "$out"

# hostile names: file, folder and path names reach stderr cleaned as
# content is (an OSC 52 in a file name would write the clipboard)
osc=$'\033]52;c;ZmlsZQ==\007'
err=$(rb print "$TEST_TMP/missing${osc}.md" 2>&1); rc=$?
check "a missing hostile file exits 1" 1 "$rc"
lacks "a missing file's name: no ESC" $'\033' "$err"
lacks "a missing file's name: no BEL" $'\007' "$err"
contains "a missing file's name is still named" "cannot open $TEST_TMP/missing.md" "$err"
err=$(rb -C $'/tmp/\033[2J' list 2>&1)
lacks "a missing --content folder's name: no ESC" $'\033' "$err"
contains "a missing --content folder is named" "cannot read folder /tmp/: " "$err"
# the handbook itself (no command) on a folder that is not there: said,
# exit 1 (it crashed on the exit status, a NULL command name)
err=$(rb --content "$TEST_TMP/no-such-folder" </dev/null 2>&1); rc=$?
check "the handbook on a missing --content folder exits 1" 1 "$rc"
check "the handbook on a missing --content folder: said" \
	"rolebook: cannot read folder $TEST_TMP/no-such-folder: No such file or directory" "$err"
mkdir -p "$TEST_TMP/dir${osc}.md"
err=$(rb print "$TEST_TMP/dir${osc}.md" 2>&1)
lacks "not a regular file: no ESC" $'\033' "$err"
contains "not a regular file is said" "is not a regular file" "$err"
out=$(XDG_DATA_HOME="/tmp/x${osc}" ROLEBOOK_DB=$'/tmp/\033[2Jdb' rb --help)
lacks "--help paths: no ESC" $'\033' "$out"
lacks "--help paths: no BEL" $'\007' "$out"
contains "--help names the cleaned roles folder" "your roles: /tmp/x/rolebook/roles" "$out"
err=$(rb --profile $'eve\033[2J' checklist technical-lead 2>&1); rc=$?
check "a hostile --profile is refused (the import's rule): exit 2" 2 "$rc"
lacks "a hostile --profile is printed cleaned" $'\033' "$err"
contains "a hostile --profile is refused, said cleanly" "invalid profile name 'eve': a name must not hold control or format characters (U+001B)" "$err"

# dates: stored in UTC, read in the reader's time zone.  An item done at
# 17:59 in Los Angeles (01:59 UTC the next day) was done that day there.
rb check program-manager 1 2 >/dev/null
rb export -o "$TEST_TMP/la.json" >/dev/null
sed -E 's/"done_at": [1-9][0-9]+/"done_at": 1772503140/' "$TEST_TMP/la.json" > "$TEST_TMP/la-evening.json"
rb import "$TEST_TMP/la-evening.json" --as la >/dev/null
out=$(TZ=America/Los_Angeles rb --profile la checklist program-manager)
contains "TZ=America/Los_Angeles: done that evening is done that day" "  1. [x] Confirm you are a Kubernetes GitHub org member, or request membership  (prerequisite)  (done 2026-03-02)" "$out"
out=$(TZ=UTC rb --profile la checklist program-manager)
contains "TZ=UTC: the same record, the UTC day" "(done 2026-03-03)" "$out"
out=$(TZ=America/Los_Angeles rb --profile la export)
contains "the export keeps UTC" '"done_at": 1772503140' "$out"
# check prints today in the local zone, as checklist does
out=$(TZ=America/Los_Angeles rb --profile la2 check program-manager 3)
contains "check: the item as checklist prints it" "  3. [x] " "$out"
contains "check: today in Los Angeles" "(done $(TZ=America/Los_Angeles date +%Y-%m-%d))" "$out"
check "check: the same line as checklist" "$(printf '%s\n' "$out" | head -1)" \
	"$(TZ=America/Los_Angeles rb --profile la2 checklist program-manager | grep -m1 '^  3\. ')"

# --content and user roles
mkdir -p "$TEST_TMP/more" "$XDG_DATA_HOME/rolebook/roles"
printf -- '---\nsummary: Hosts the weekly meeting\n---\n# Meeting Host\n\nText.\n' > "$TEST_TMP/more/meeting-host.md"
printf '# Release Shadow\n\nLearns the release by doing it.\n' > "$XDG_DATA_HOME/rolebook/roles/release-shadow.md"
out=$(rb --content "$TEST_TMP/more" list)
contains "--content adds roles" "meeting-host	Meeting Host	Hosts the weekly meeting" "$out"
contains "user roles are found" "release-shadow	Release Shadow	Learns the release by doing it." "$out"

# Reading is not progress: a reading position (saved by the role screen for
# any file read, `rolebook notes.md` too) makes no role of a profile, and a
# profile that only read is no candidate; an export still carries it.
if command -v sqlite3 >/dev/null; then
	D="$TEST_TMP/read.db"
	rb --db "$D" -p alice check program-manager 1 >/dev/null
	sqlite3 "$D" "INSERT INTO positions SELECT id, 'notes', NULL, 3, 100 FROM profiles
		WHERE name = 'alice';
		INSERT INTO profiles (name, created_at) VALUES ('bob', 100);
		INSERT INTO positions SELECT id, 'notes', NULL, 0, 100 FROM profiles
		WHERE name = 'bob';"
	check "a file only read is no role in profiles" "alice
  program-manager          1/29" "$(rb --db "$D" profiles)"
	out=$(rb --db "$D" -p alice report)
	lacks "a file only read is not reported" "notes: not in the handbook" "$out"
	lacks "a file only read is not reported as skipped" "Not reported" "$out"
	lacks "a profile that only read is not reported as skipped" "Not reported" \
		"$(rb --db "$D" -p bob report)"
	contains "the export keeps the position of a file read" '"id": "notes"' \
		"$(rb --db "$D" -p alice export)"
else
	fail "sqlite3 is needed to test positions in an existing database"
fi

# report: a mistyped profile is an error naming the known ones; --all
# covers every profile, or every candidate for --role; --format issue
R="$TEST_TMP/report.db"
rb --db "$R" -p alice check program-manager 1 3 >/dev/null
rb --db "$R" -p bob check technical-lead 1 >/dev/null
err=$(rb --db "$R" -p alcie report 2>&1); rc=$?
check "report of an unknown profile: exit 1" 1 "$rc"
check "report of an unknown profile: names the known ones" \
	"rolebook: cannot make the report: no profile 'alcie' in the database; known profiles: alice, bob" "$err"
out=$(rb --db "$R" report --all); rc=$?
check "report --all: exit 0" 0 "$rc"
contains "report --all: alice" "Readiness report for alice" "$out"
contains "report --all: bob" "Readiness report for bob" "$out"
contains "report: the prerequisites counted apart" "Prerequisites: 1 of 2 done; onboarding tasks: 1 of 27 done" "$out"
contains "report: the prerequisites marked" "
  1. [x] Confirm you are a Kubernetes GitHub org member, or request membership  (prerequisite)  (done " "$out"
out=$(rb --db "$R" report --all --role technical-lead)
lacks "report --all --role: only its candidates" "alice" "$out"
contains "report --all --role: its candidate" "Readiness report for bob" "$out"
err=$(rb --db "$R" report --format issue 2>&1); rc=$?
check "report --format issue without --sig: exit 2" 2 "$rc"
contains "report --format issue without --sig: message" "--format issue needs --sig NAME" "$err"
err=$(rb --db "$R" report --sig "SIG Node" 2>&1); rc=$?
check "report --sig without --format issue: exit 2" 2 "$rc"
rb --db "$R" -p alice check program-manager 8 >/dev/null # the Slack channel: a form task
out=$(rb --db "$R" -p alice report --format issue --sig "SIG Node" --offboarding "@old-lead" \
	--discussion "https://groups.google.com/g/dev/c/a_b#c"); rc=$?
check "report --format issue: exit 0" 0 "$rc"
contains "report --format issue: the form's fields" "### SIG/WG name:

SIG Node

### Onboarding Lead(s):

@alice

### Offboarding Lead(s):

@old-lead

### Link to discussion:

<https://groups.google.com/g/dev/c/a_b#c>

### Prerequisites for new leads:

- [x] Member of the Kubernetes GitHub organization
- [ ] LFC102 inclusive open source community course completed

### Onboarding / Offboarding tasks:

- [ ] sigs.yaml and its generated files updated; leaving leads listed as emeritus
- [ ] OWNERS\\_ALIASES in kubernetes/org updated
- [ ] Milestone maintainers team in kubernetes/org updated
- [ ] Other kubernetes/org teams checked and updated
- [ ] OWNERS\\_ALIASES in kubernetes/enhancements updated
- [ ] OWNERS\\_ALIASES in kubernetes/k8s.io updated
- [ ] Feature approvers in kubernetes/kubernetes OWNERS\\_ALIASES updated, if they apply
- [ ] Membership of the leads mailing list updated (groups.yaml)
- [ ] Membership of other mailing lists and groups updated
- [x] In the \\#chairs-and-techleads Slack channel
- [ ] Owners of the group's leads mailing list updated
- [ ] Owners of the group's mailing list updated
- [ ] Owners of the group's calendar updated
- [ ] 1Password access and teams updated (through the ContribEx leads)
- [ ] YouTube playlist permissions updated (through the YouTube moderators)

### Additional information:" "$out"
contains "report --format issue: the verdict" "**Readiness:** not yet: 1 of 2 prerequisites not done; self: Leadership not rated, Objectivity not rated, Strategic thinking not rated; no reviewer has rated yet" "$out"
err=$(rb --db "$R" -p alice report --format issue --sig "SIG Node" --offboarding "a b!" 2>&1); rc=$?
check "report --format issue with a bad handle: exit 1" 1 "$rc"
contains "report --format issue with a bad handle: message" "'b!' is not a GitHub handle" "$err"

# ---- issue 16: --color, the config file, honest metadata ----
lacks "--help names no issue tracker that does not exist" "github.com/rolebook" "$(rb --help)"
lacks "the man page names no issue tracker that does not exist" "github.com/rolebook" \
	"$(cat "$top_srcdir/man/rolebook.1")"
esc=$(printf '\033')
out=$(rb print technical-lead | head -n 1)
check "print in a pipe: plain by default" "Technical Lead" "$out"
out=$(rb --color=always print technical-lead | head -n 1)
check "--color=always: print styles a pipe (for less -R)" "${esc}[0;1;36mTechnical Lead${esc}[0m" "$out"
out=$(rb --color print technical-lead | head -n 1)
check "--color alone is always" "${esc}[0;1;36mTechnical Lead${esc}[0m" "$out"
out=$(NO_COLOR=1 rb --color=always print technical-lead | head -n 1)
check "--color=always wins over NO_COLOR" "${esc}[0;1;36mTechnical Lead${esc}[0m" "$out"
out=$(rb --color=always --no-color print technical-lead | head -n 1)
check "--no-color after --color=always: the last wins (never)" "Technical Lead" "$out"
out=$(rb --no-color --color=always print technical-lead | head -n 1)
check "--color=always after --no-color: the last wins" "${esc}[0;1;36mTechnical Lead${esc}[0m" "$out"
out=$(rb --color=never print technical-lead | head -n 1)
check "--color=never in a pipe: plain" "Technical Lead" "$out"
out=$(rb --color=auto print technical-lead | head -n 1)
check "--color=auto in a pipe: plain" "Technical Lead" "$out"
err=$(rb --color=sometimes list 2>&1); rc=$?
check "--color=sometimes: exit 2" 2 "$rc"
contains "--color=sometimes: message" "rolebook: invalid --color 'sometimes' (auto, always or never)" "$err"

# ---- issue 13: links as OSC 8 hyperlinks, only where asked or known ----
printf '# Links\n\nSee [the site](https://example.com/a?b=1) and [a file](../x.md).\n' \
	>"$TEST_TMP/links.md"
osc="${esc}]8;;https://example.com/a?b=1${esc}\\"
out=$(rb --hyperlinks=always --color=always print "$TEST_TMP/links.md")
contains "--hyperlinks=always: the link opens a hyperlink" "${osc}${esc}[0;4;34mthe site${esc}[0m${esc}]8;;${esc}\\" "$out"
contains "--hyperlinks=always: the reference's URL is one too" "${osc}${esc}[0;4;34mhttps://example.com/a?b=1" "$out"
lacks "--hyperlinks=always: a relative link is none" "]8;;../x.md" "$out"
lacks "--hyperlinks=always: a link to no file is no hyperlink" "]8;;file:" "$out"
# a relative link to a file that is there: its file:// URI, with this
# machine's name (OSC 8 asks for one), spaces %20, the anchor left off
mkdir -p "$TEST_TMP/osc dir"
printf '# Other\n' >"$TEST_TMP/osc dir/other doc.md"
printf '# Here\n\nSee [the other](other%%20doc.md#other).\n' >"$TEST_TMP/osc dir/here.md"
out=$(rb --hyperlinks=always --color=always print "$TEST_TMP/osc dir/here.md")
real=$(cd "$TEST_TMP/osc dir" && pwd -P)
contains "--hyperlinks=always: a relative link to a file is a file:// hyperlink" \
	"${esc}]8;;file://$(hostname)${real// /%20}/other%20doc.md${esc}\\${esc}[0;4;34mthe other" "$out"
out=$(TERM=xterm-kitty TERM_PROGRAM=iTerm.app rb --color=always print "$TEST_TMP/links.md")
lacks "hyperlinks: none in a pipe by default, whatever the terminal" "]8;;" "$out"
out=$(rb --hyperlinks=always print "$TEST_TMP/links.md")
lacks "--hyperlinks=always: none in plain text (a pipe)" "$esc" "$out"
out=$(rb --hyperlinks=always --color=never print "$TEST_TMP/links.md")
lacks "--hyperlinks=always --color=never: no escape code at all" "$esc" "$out"
out=$(rb --hyperlinks=always --hyperlinks=never --color=always print "$TEST_TMP/links.md")
lacks "--hyperlinks=never: the last wins" "]8;;" "$out"
err=$(rb --hyperlinks=maybe list 2>&1); rc=$?
check "--hyperlinks=maybe: exit 2" 2 "$rc"
contains "--hyperlinks=maybe: message" "rolebook: invalid --hyperlinks 'maybe' (auto, always or never)" "$err"
# on a terminal (script(1) gives print one): by default only a known one
if command -v script >/dev/null 2>&1; then
	on_tty() { # on_tty TERM [OPTION...]: print's bytes on a terminal of that TERM
		term=$1
		shift
		rm -f "$TEST_TMP/typescript"
		script -q -c "env -u TMUX -u STY -u TERM_PROGRAM -u VTE_VERSION -u KONSOLE_VERSION \
-u WT_SESSION -u KITTY_WINDOW_ID TERM=$term '$ROLEBOOK' $* print '$TEST_TMP/links.md'" \
			"$TEST_TMP/typescript" >"$TEST_TMP/script.out" 2>&1 </dev/null
		cat "$TEST_TMP/typescript"
	}
	contains "a known terminal (kitty): hyperlinks" "$osc" "$(on_tty xterm-kitty)"
	lacks "an unknown terminal: none" "]8;;" "$(on_tty xterm-256color)"
	lacks "the Linux console: none" "]8;;" "$(on_tty linux)"
	contains "--hyperlinks=always on an unknown terminal: hyperlinks" "$osc" \
		"$(on_tty xterm-256color --hyperlinks=always)"
	lacks "--hyperlinks=never on a known terminal: none" "]8;;" \
		"$(on_tty xterm-kitty --hyperlinks=never)"
	lacks "--color=never on a known terminal: none" "]8;;" "$(on_tty xterm-kitty --color=never)"
else
	echo "note: script(1) is missing: hyperlinks on a terminal not checked"
fi

cfg="$XDG_CONFIG_HOME/rolebook/config"
err=$(rb list 2>&1 >/dev/null)
check "no config file: no message" "" "$err"
contains "--help names the config file" "  config:     $XDG_CONFIG_HOME/rolebook/config (absent)" "$(rb --help)"
contains "--help names the --config given" "  config:     (none)" "$(rb --config= --help)"
[ -e "$cfg" ] && fail "rolebook created the config file" || pass "rolebook created no config file"
mkdir -p "$(dirname "$cfg")"
printf 'width = 40\nbogus = 1\ncolor.heading = purple\nprofile = carol\n' >"$cfg"
cp "$cfg" "$TEST_TMP/config.before"
out=$(rb print technical-lead 2>"$TEST_TMP/err")
check "config: print's width" 40 "$(printf '%s\n' "$out" | width_of)"
check "config: a message naming file, line and setting for each bad line" \
	"rolebook: $cfg:2: bogus: unknown setting (color.STYLE, key.ACTION, profile, reviewer or width); ignored
rolebook: $cfg:3: color.heading: 'purple' is neither a colour (default, black, red, green, yellow, blue, magenta, cyan, white or 0-255, foreground then background) nor an attribute (bold, underline, reverse, italic, dim); the default is used" \
	"$(cat "$TEST_TMP/err")"
check "config: --width wins over the file" 60 "$(rb --width 60 print technical-lead 2>/dev/null | width_of)"
check "config: ROLEBOOK_CONFIG= turns it off" 80 \
	"$(ROLEBOOK_CONFIG= rb print technical-lead 2>&1 | width_of)"
check "config: --config= turns it off" 80 "$(rb --config= print technical-lead 2>&1 | width_of)"
printf 'width = 50\n' >"$TEST_TMP/other"
check "config: --config FILE" 50 "$(rb --config "$TEST_TMP/other" print technical-lead 2>&1 | width_of)"
check "config: ROLEBOOK_CONFIG=FILE" 50 \
	"$(ROLEBOOK_CONFIG="$TEST_TMP/other" rb print technical-lead 2>&1 | width_of)"
err=$(rb --config "$TEST_TMP/none" list 2>&1 >/dev/null); rc=$?
check "config: a missing --config FILE is said, and rolebook goes on" 0 "$rc"
check "config: a missing --config FILE: message" \
	"rolebook: $TEST_TMP/none: No such file or directory; the defaults are used" "$err"
CDB="$TEST_TMP/conf.db"
rb --db "$CDB" check technical-lead 1 >/dev/null 2>&1
check "config: the default profile" "carol" "$(rb --db "$CDB" profiles 2>/dev/null | sed -n 1p)"
cmp -s "$cfg" "$TEST_TMP/config.before" && pass "the config file is never written" ||
	fail "the config file changed"
rm -f "$cfg"

finish
