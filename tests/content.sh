#!/bin/bash
# tests/content.sh - the bundled roles against the upstream documents.
#
# Every link in content/roles must lead somewhere that exists upstream: a
# relative link to another bundled role; a kubernetes/community address
# (github.com/kubernetes/community/blob|tree/master|main/PATH or
# git.k8s.io/community/PATH) to a file of the community sample or of
# $UPSTREAM_DIR (mapped through its SOURCES.md), a heading of it when the
# link names one, or else a path an upstream document links to; any other
# address only when an upstream document links to exactly it.  The
# upstream documents are $UPSTREAM_DIR and $COMMUNITY_DIR (by default
# ../shared/upstream-roles and ../shared/community-sample); without them
# the link checks are skipped with a note.  Also checked: the steps shared
# by the roles have the same text everywhere, and the checklists' marks.
. "$(dirname "$0")/lib.sh"

: "${COMMUNITY_DIR:=$(dirname "$UPSTREAM_DIR")/community-sample}"
ROLES="$top_srcdir/content/roles"

# Prints "REPO-PATH<TAB>FILE" for every upstream document.
upstream_files() {
	if [ -d "$COMMUNITY_DIR" ]; then
		(cd "$COMMUNITY_DIR" && find . -type f \( -name '*.md' -o -name '*.yml' -o -name '*.yaml' \)) |
			sed 's|^\./||' | while read -r p; do printf '%s\t%s\n' "$p" "$COMMUNITY_DIR/$p"; done
	fi
	if [ -f "$UPSTREAM_DIR/SOURCES.md" ]; then
		# | file | upstream path ... | commit | license |
		awk -F'|' 'NF >= 5 && $2 ~ /\.(md|yml)/ {
			f = $2; p = $3; gsub(/^ +| +$/, "", f); split(p, w, " "); p = w[1]
			if (p != "" && p != "upstream") print p "\t" f }' "$UPSTREAM_DIR/SOURCES.md" |
			while IFS=$'\t' read -r p f; do printf '%s\t%s\n' "$p" "$UPSTREAM_DIR/$f"; done
	fi
}

# Link targets in a Markdown or YAML file, one a line: inline links,
# reference definitions and bare addresses.
links_of() {
	grep -o -E '\]\([^) ]+\)|^ *\[[^]]+\]: *[^ ]+|https?://[^] )>"`'"'"']+' "$1" |
		sed -E 's/^\]\((.*)\)$/\1/; s/^ *\[[^]]+\]: *//'
}

# Normalises link targets, one "FROM<TAB>TARGET" a line on standard input,
# where FROM is the repo path of the document the link is in (empty for a
# bundled role): community addresses become "community:PATH[#frag]", other
# addresses stay as they are.
norm_all() {
	awk -F'\t' '{
		from = $1; t = $2
		if (t ~ /^https?:\/\/github\.com\/kubernetes\/community\/(blob|tree)\/(master|main)\//) {
			sub(/^https?:\/\/github\.com\/kubernetes\/community\/(blob|tree)\/(master|main)\//, "", t)
		} else if (t ~ /^https?:\/\/git\.k8s\.io\/community\//) {
			sub(/^https?:\/\/git\.k8s\.io\/community\//, "", t)
		} else if (t ~ /^[a-z]+:/ || from == "") {
			print t; next
		} else if (t ~ /^\//) {
			t = substr(t, 2)
		} else if (t ~ /^#/) {
			t = from t
		} else {
			d = from; sub(/[^\/]*$/, "", d); t = d t
		}
		frag = ""
		if ((i = index(t, "#")) > 0) { frag = substr(t, i); t = substr(t, 1, i - 1) }
		n = split(t, part, "/"); m = 0
		for (k = 1; k <= n; k++) {
			if (part[k] == "" || part[k] == ".") continue
			if (part[k] == "..") { if (m > 0) m--; continue }
			out[++m] = part[k]
		}
		p = ""
		for (k = 1; k <= m; k++) p = p (k > 1 ? "/" : "") out[k]
		print "community:" p frag
	}'
}

norm() { printf '%s\t%s\n' "$2" "$1" | norm_all; }

# GitHub's anchors for the headings of a Markdown file.
anchors_of() {
	grep -E '^#{1,6} ' "$1" | sed -E 's/^#+ +//; s/ +#* *$//' |
		awk '{ s = tolower($0); gsub(/[^a-z0-9 _-]/, "", s); gsub(/ /, "-", s); print "#" s }'
}

# check_link TARGET: prints nothing when TARGET (from a bundled role) leads
# somewhere that exists upstream, else why not.
check_link() {
	local t n p frag f
	t=$1
	case $t in
	*://* | mailto:*) ;;
	*.md)
		[ -f "$ROLES/$t" ] || echo "no bundled role $t"
		return ;;
	*) echo "not a role and not an address: $t"; return ;;
	esac
	n=$(norm "$t" "")
	case $n in
	community:*)
		p=${n#community:}; frag=""
		case $p in *'#'*) frag="#${p#*#}"; p=${p%%#*} ;; esac
		f=$(awk -F'\t' -v p="$p" '$1 == p { print $2; exit }' "$TEST_TMP/files")
		if [ -n "$f" ]; then
			if [ -n "$frag" ] && ! anchors_of "$f" | grep -qixF -- "$frag"; then
				echo "no heading $frag in $p"
			fi
		elif ! grep -qxF -- "$n" "$TEST_TMP/linked"; then
			echo "community path not upstream: $p$frag"
		fi ;;
	*) grep -qxF -- "$n" "$TEST_TMP/linked" || echo "no upstream document links to $n" ;;
	esac
}

if [ -d "$COMMUNITY_DIR" ] && [ -d "$UPSTREAM_DIR" ]; then
	upstream_files >"$TEST_TMP/files"
	while IFS=$'\t' read -r p f; do
		links_of "$f" | sed "s|^|$p\t|"
	done <"$TEST_TMP/files" | norm_all | sort -u >"$TEST_TMP/linked"
	check "upstream documents found" yes \
		"$([ "$(wc -l <"$TEST_TMP/files")" -gt 150 ] && [ "$(wc -l <"$TEST_TMP/linked")" -gt 1000 ] && echo yes)"

	# the checker itself: what must pass and what must fail
	check "checker: a sample file" "" "$(check_link https://github.com/kubernetes/community/blob/master/sig-list.md)"
	check "checker: a heading of a sample file" "" \
		"$(check_link https://github.com/kubernetes/community/blob/master/community-membership.md#member)"
	check "checker: an address the form links" "" "$(check_link https://git.k8s.io/org/OWNERS_ALIASES)"
	check "checker: a path upstream links to" "" \
		"$(check_link https://github.com/kubernetes/community/blob/master/communication/zoom-guidelines.md)"
	check "checker: no such file" "community path not upstream: no-such.md" \
		"$(check_link https://github.com/kubernetes/community/blob/master/no-such.md)"
	check "checker: no such heading" "no heading #no-such-part in community-membership.md" \
		"$(check_link https://git.k8s.io/community/community-membership.md#no-such-part)"
	check "checker: an address nobody links" "no upstream document links to https://git.k8s.io/org/NOPE" \
		"$(check_link https://git.k8s.io/org/NOPE)"
	check "checker: no such role" "no bundled role nobody.md" "$(check_link nobody.md)"

	total=0
	bad=""
	for role in "$ROLES"/*.md; do
		while read -r t; do
			total=$((total + 1))
			why=$(check_link "$t")
			[ -n "$why" ] && bad="$bad$(basename "$role"): $why
"
		done < <(links_of "$role" | sort -u)
	done
	check "every link in the bundled roles exists upstream" "" "$bad"
	check "the bundled roles have links" yes "$([ "$total" -gt 100 ] && echo yes)"
else
	echo "note: no upstream documents at $UPSTREAM_DIR and $COMMUNITY_DIR; link checks skipped"
fi

# ---- the roles' own structure -------------------------------------------

ids="chair program-manager subproject-owner technical-lead"
check "four bundled roles" "$ids" "$(cd "$ROLES" && ls ./*.md | sed 's|^\./||; s/\.md$//' | tr '\n' ' ' | sed 's/ $//')"

# A role's checklist lines (onboarding and offboarding).
items() { sed -n '/^## Onboarding checklist/,/^## Self-assessment/p' "$ROLES/$1.md" | grep -E '^- \[ \] '; }

for id in $ids; do
	f="$ROLES/$id.md"
	check "$id: sections in order" "## What the role is for|## How the role is chosen and what it can do|## Responsibilities|## Expectations|## Examples of the work|## Skill areas|## Onboarding checklist|## Offboarding checklist|## Self-assessment|## Sources" \
		"$(grep -E '^## ' "$f" | tr '\n' '|' | sed 's/|$//')"
	check "$id: groups" "### Before appointment (due: 0 days)|### First week (due: 7 days)|### First 30 days (due: 30 days)|### First quarter (due: 3 months)" \
		"$(sed -n '/^## Onboarding checklist/,/^## Offboarding/p' "$f" | grep -E '^### ' | grep -v '^### Yearly calendar$' | tr '\n' '|' | sed 's/|$//')"
	n=$(sed -n '/^## Onboarding checklist/,/^## Offboarding/p' "$f" | grep -c '^- \[ \] ')
	check "$id: at least 12 onboarding steps" yes "$([ "$n" -ge 12 ] && echo yes)"
	n=$(sed -n '/^## Offboarding checklist/,/^## Self-assessment/p' "$f" | grep -c '^- \[ \] ')
	check "$id: at least 6 offboarding steps" yes "$([ "$n" -ge 6 ] && echo yes)"
	# marks: due marks in the documented forms, before (form:) and (required)
	check "$id: due marks well formed" "" \
		"$(grep -o '(due:[^)]*)' "$f" | grep -v -x -E '\(due: ([0-9]+ (days|weeks|months)|(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]))\)')"
	check "$id: due marks come first" "" "$(grep -E '\((required|form:[^)]*)\) \(due:' "$f")"
	check "$id: no due marks in offboarding" "" "$(sed -n '/^## Offboarding checklist/,/^## Self-assessment/p' "$f" | grep '(due:')"
	# every step before the appointment, in the first week and for the form says where
	check "$id: steps that are done somewhere link there" "" \
		"$(sed -n '/^### Before appointment/,/^### First 30 days/p' "$f" | grep '^- \[ \] ' | grep -v -E '\]\(|\]\[')$(items "$id" | grep '(form:' | grep -v -E '\]\(|\]\[')"
	check "$id: sources name the commit" yes "$(grep -q 24e7d8f5409c1a0121394a613746e524f781e044 "$f" && echo yes)"
done

# Every checklist step links to where it is done, except these, which
# have no place of their own: decisions, notes the person keeps where the
# SIG chooses, and talks and handovers between people.
unlinked_ok="Tell the other SIG leads you plan to step down, and who could follow you
Name a contributor who could chair one day and hand them a task
Collect feedback on that change after a few weeks and report it
Choose one delivery metric and record it before and after the change
Hand one recurring task, such as triage, to a contributor
Hand your recurring tasks, such as the project board and triage, to named people
Write down the subproject's direction and priorities for the next milestone
Hand your open reviews and assigned issues to another owner or reviewer
Write down the SIG's technical vision, or revisit the existing one"
for id in $ids; do
	check "$id: every other step has a link" "" \
		"$(items "$id" | grep -v -E '\]\(|\]\[' | sed -E 's/^- \[ \] //; s/ \((due|form|required)[^)]*\)//g' |
			grep -v -x -F -- "$unlinked_ok")"
done
# Tech Lead: kubernetes/test-infra is linked where the CI jobs are checked.
contains "technical-lead: test-infra linked" "CI jobs in [kubernetes/test-infra][test-infra]" \
	"$(cat "$ROLES/technical-lead.md")"

# The Chair's yearly steps are in calendar order, so that chaining each to
# the one before gives one cycle, and the role says they recur.
dues=$(sed -n '/^### Yearly calendar/,/^## /p' "$ROLES/chair.md" | grep -o '(due: [0-9][0-9]-[0-9][0-9])' | tr -dc '0-9\n')
check "chair: yearly steps in calendar order" "$(sort <<<"$dues")" "$dues"
check "chair: six yearly steps" 6 "$(wc -l <<<"$dues")"
contains "chair: the yearly steps recur" "come back every year" \
	"$(sed -n '/^### Yearly calendar/,/^- \[/p' "$ROLES/chair.md" | tr '\n' ' ')"
# The Chair role says what needs the Steering Committee's approval.
contains "chair: duties changed only with Steering approval" \
	"adding duties to the Chair or Tech Lead roles or taking some away needs the Steering Committee's approval" \
	"$(sed -n '/^## How the role is chosen/,/^## Responsibilities/p' "$ROLES/chair.md" | tr '\n' ' ' | tr -s ' ')"

# Steps the roles share are written the same way everywhere.
# "N|STEP": the step begins so in N roles, with one text.  Subproject
# owners are not on the leads list nor in the SIG leads' Slack channel.
while IFS='|' read -r n step; do
	check "one text for \"$step\"" 1 "$(cat "$ROLES"/*.md | grep -F -- "- [ ] $step" | sort -u | wc -l)"
	check "$n roles have \"$step\"" "$n" "$(grep -l -F -- "- [ ] $step" "$ROLES"/*.md | wc -l)"
done <<'EOF'
4|Confirm you are a Kubernetes GitHub org member
4|Complete the [LFC102
4|Read the SIG's latest
4|Add the SIG's meetings to your
4|Tell the other SIG leads you plan to step down
4|Check that your nominee is
3|Join the [#chairs-and-techleads]
3|Get added to [leads@kubernetes.io]
3|Get the [Zoom][zoom] host key
3|Attend a [monthly meeting for chairs and tech leads]
3|Email the SIG list and [dev@kubernetes.io]
2|Regenerate the SIG README and OWNERS_ALIASES
2|Move yourself to emeritus in [sigs.yaml]
2|Ask the [ContribEx leads][contribex] to move
EOF

# The skill areas of the Chair and the Subproject Owner are the handbook's
# own grouping, and the roles say so.
for id in chair subproject-owner; do
	contains "$id: the skill areas are the handbook's own" "this handbook's own grouping" \
		"$(sed -n '/^## Skill areas/,/^### /p' "$ROLES/$id.md" | tr '\n' ' ')"
done

# The Chair's duties on the yearly calendar are dated: the annual report's
# review draft and merge, the March meeting after it.
for due in "draft ready for review in a pull request (due: 02-14)" \
	"merge the annual report (due: 03-01)" "meeting][monthly-meeting] (due: 03-14)"; do
	contains "chair: dated step \"$due\"" "$due" "$(cat "$ROLES/chair.md")"
done

# The README's screens count each role's onboarding steps as rolebook does
# (offboarding is tracked apart), and its --note example names the PR step.
readme="$top_srcdir/README.md"
while read -r id; do
	title=$("$ROLEBOOK" list | awk -F'\t' -v id="$id" '$1 == id { print $2 }')
	n=$("$ROLEBOOK" checklist "$id" | sed -n '1s/.* of \([0-9]*\) done.*/\1/p')
	check "README: home screen counts $id" "0/$n" \
		"$(grep -E "^[ ▶] $title +0/" "$readme" | grep -o '0/[0-9]*' | sort -u | tr '\n' ' ' | sed 's/ $//')"
done <<<"$(tr ' ' '\n' <<<"$ids")"
check "README: the role screen's count" "0/$("$ROLEBOOK" checklist chair | sed -n '1s/.* of \([0-9]*\) done.*/\1/p')" \
	"$(grep -E '^ rolebook › SIG Chair +0/' "$readme" | grep -o '0/[0-9]*')"
note_item=$(grep -o 'check technical-lead [0-9]* --note' "$readme" | grep -o '[0-9][0-9]*')
contains "README: the --note example checks the sigs.yaml PR" "$note_item. [ ] Open a PR adding you" \
	"$("$ROLEBOOK" checklist technical-lead)"

# Every bundled role is installed.
for f in "$ROLES"/*.md; do
	contains "$(basename "$f") is installed" "content/roles/$(basename "$f")" \
		"$(sed -n '/^dist_roles_DATA/,/[^\\]$/p' "$top_srcdir/Makefile.am")"
done

# The roles link each other both ways.
for a in $ids; do
	for b in $ids; do
		[ "$a" = "$b" ] && continue
		case "$a>$b" in
		# a Program Manager is optional: the Subproject Owner need not name one
		"subproject-owner>program-manager") continue ;;
		esac
		check "$a links to $b" yes "$(grep -q "]($b.md)" "$ROLES/$a.md" && echo yes)"
	done
done

finish
