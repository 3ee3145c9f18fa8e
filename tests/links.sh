#!/bin/bash
# tests/links.sh - `rolebook links PATH` (issue 12): one line per link with
# where it leads (file and heading) or why not, a count at the end, exit
# status 1 when a link that is no URL is broken, 0 otherwise, 2 on usage
# errors.  On a tree built here with colliding names, on hostile names,
# and on the community sample ($COMMUNITY_DIR, skipped when absent).
. "$(dirname "$0")/lib.sh"

: "${COMMUNITY_DIR:=$(dirname "$UPSTREAM_DIR")/community-sample}"
R="$TEST_TMP/repo"
mkdir -p "$R/.git" "$R/sig-a" "$R/sig-b/empty" "$R/.hidden" "$R/notes dir"
printf '# Community\n\n## Chairs\n\n## Chairs\n' >"$R/README.md"
printf '# SIGs\n\n## SIG A\n' >"$R/sig-list.md"
printf '# SIG A\n\n## Leads\n' >"$R/sig-a/README.md"
printf "# The SIG's own tech lead page\n" >"$R/sig-a/technical-lead.md"
printf '# SIG B\n' >"$R/sig-b/README.md"
printf '# Notes\n' >"$R/notes dir/my notes.md"
printf '# Hidden\n\n[gone](nowhere.md)\n' >"$R/.hidden/x.md"
ln -s .. "$R/sig-b/loop"
cat >"$R/sig-a/doc.md" <<'MD'
---
title: Doc
---
# Doc

[own readme](README.md#leads) and [other readme](../sig-b/README.md)
[root](/sig-list.md#sig-a) [folder](../sig-b/) [top](/)
[named like a role](technical-lead.md)
[repeated](../README.md#chairs-1) [too many](../README.md#chairs-2)
[missing](../sig-c/README.md) [escaping](../../outside.md)
[empty folder](../sig-b/empty) [spaces](../notes%20dir/my%20notes.md)
[web](https://example.org/x) [here](#doc) [nowhere here](#nope)
MD

out=$(cd "$TEST_TMP" && "$ROLEBOOK" links repo/sig-a/doc.md)
rc=$?
check "a broken relative link: exit 1" 1 "$rc"
check "every link, in order, with its line (front matter counted)" \
'repo/sig-a/doc.md:6: README.md#leads -> sig-a/README.md, heading "Leads"
repo/sig-a/doc.md:6: ../sig-b/README.md -> sig-b/README.md
repo/sig-a/doc.md:7: /sig-list.md#sig-a -> sig-list.md, heading "SIG A"
repo/sig-a/doc.md:7: ../sig-b/ -> sig-b/README.md
repo/sig-a/doc.md:7: / -> README.md
repo/sig-a/doc.md:8: technical-lead.md -> sig-a/technical-lead.md
repo/sig-a/doc.md:9: ../README.md#chairs-1 -> README.md, heading "Chairs"
repo/sig-a/doc.md:9: ../README.md#chairs-2: broken (no heading has this anchor)
repo/sig-a/doc.md:10: ../sig-c/README.md: broken (no such file)
repo/sig-a/doc.md:10: ../../outside.md: broken (outside the repository root)
repo/sig-a/doc.md:11: ../sig-b/empty: broken (a folder without a README.md)
repo/sig-a/doc.md:11: ../notes%20dir/my%20notes.md -> notes dir/my notes.md
repo/sig-a/doc.md:12: https://example.org/x -> external, not checked
repo/sig-a/doc.md:12: #doc -> repo/sig-a/doc.md, heading "Doc"
repo/sig-a/doc.md:12: #nope: broken (no heading has this anchor)
15 links, 9 ok, 5 broken, 1 external not checked' "$out"

# a folder: every document under it, hidden folders and the loop skipped
out=$("$ROLEBOOK" links "$R" 2>&1)
rc=$?
check "a folder: exit 1" 1 "$rc"
check "a folder: the count" "15 links, 9 ok, 5 broken, 1 external not checked" \
	"$(printf '%s\n' "$out" | tail -n 1)"
lacks "hidden folders skipped" ".hidden" "$out"
lacks "symlink loops skipped" "loop/" "$out"
contains "paths from the folder given" "$R/sig-a/doc.md:8: technical-lead.md -> sig-a/technical-lead.md" "$out"

# --root: '/' starts there
out=$("$ROLEBOOK" links --root "$R/sig-a" "$R/sig-a/doc.md")
contains "--root" ':7: /sig-list.md#sig-a: broken (no such file)' "$out"
contains "--root: nothing above it" ':6: ../sig-b/README.md: broken (outside the repository root)' "$out"

# a path link lands on that file or nowhere (issue 12): a role's name at
# the top of a tree with .git is no such file, never the bundled role
printf '# Top\n\n[tl](technical-lead.md) [pm](program-manager)\n' >"$R/top.md"
out=$("$ROLEBOOK" links "$R/top.md")
contains "a role's file name: broken" ':3: technical-lead.md: broken (no such file)' "$out"
contains "a role's id: broken" ':3: program-manager: broken (no such file)' "$out"
rm "$R/top.md"

# '/' with no .git above: the content folder the document was listed from
# (-C), else broken; never the README.md beside, nor a file by its name
N="$TEST_TMP/norepo"
mkdir -p "$N/communication" "$N/gov"
printf '# Comm\n' >"$N/communication/README.md"
printf '# Beside\n' >"$N/gov/README.md"
printf '# SIGs\n' >"$N/gov/sig-list.md"
printf '# Gov\n\n[c](/communication/README.md) [s](/sig-list.md)\n' >"$N/gov/g.md"
out=$("$ROLEBOOK" links "$N/gov/g.md")
contains "no root: broken, not the README beside" \
	':3: /communication/README.md: broken (no repository root (no .git above; see --root))' "$out"
contains "no root: broken, not a file by its name" \
	':3: /sig-list.md: broken (no repository root (no .git above; see --root))' "$out"
out=$("$ROLEBOOK" -C "$N" links "$N/gov/g.md")
contains "-C: '/' is the content folder" ':3: /communication/README.md -> communication/README.md' "$out"
contains "-C: no such file there" ':3: /sig-list.md: broken (no such file)' "$out"
out=$("$ROLEBOOK" links "$N")
contains "a folder given: '/' is that folder" 'gov/g.md:3: /communication/README.md -> communication/README.md' "$out"

# all good: exit 0
mkdir -p "$TEST_TMP/good"
printf '# Good\n\n## Part\n\n[a](#part) [b](other.md) [c](https://x.org) [d](mailto:a@b.c)\n' \
	>"$TEST_TMP/good/a.md"
printf '# Other\n' >"$TEST_TMP/good/other.md"
out=$(cd "$TEST_TMP/good" && "$ROLEBOOK" links .)
rc=$?
check "all good: exit 0" 0 "$rc"
check "all good: the lines" \
'a.md:5: #part -> a.md, heading "Part"
a.md:5: other.md -> other.md
a.md:5: https://x.org -> external, not checked
a.md:5: mailto:a@b.c -> external, not checked
4 links, 2 ok, 0 broken, 2 external not checked' "$out"
out=$(cd "$TEST_TMP/good" && "$ROLEBOOK" links other.md)
check "no links at all" "0 links, 0 ok, 0 broken, 0 external not checked" "$out"

# usage errors: exit 2
"$ROLEBOOK" links >/dev/null 2>&1
check "no PATH: exit 2" 2 $?
"$ROLEBOOK" links a b >/dev/null 2>&1
check "two PATHs: exit 2" 2 $?
err=$("$ROLEBOOK" links "$TEST_TMP/none.md" 2>&1 >/dev/null)
check "no such PATH: exit 2" 2 $?
contains "no such PATH: why" "no document or folder" "$err"
"$ROLEBOOK" links --root "$TEST_TMP/none" "$TEST_TMP/good" >/dev/null 2>&1
check "--root no folder: exit 2" 2 $?

# hostile names: escape codes in targets and file names never reach the terminal
H="$TEST_TMP/hostile"
mkdir -p "$H"
esc=$(printf '\033')
printf '# H\n\n[x](&#27;[31mred.md) [y](%s[2Jz.md)\n\n[z](<a&#x9b;b.md>)\n' "$esc" >"$H/${esc}[31mdoc.md"
out=$("$ROLEBOOK" links "$H" 2>&1)
rc=$?
check "hostile: exit 1" 1 "$rc"
lacks "hostile: no ESC in the output" "$esc" "$out"
lacks "hostile: no CSI in the output" "$(printf '\302\233')" "$out"
contains "hostile: the count" "3 links, 0 ok, 3 broken, 0 external not checked" "$out"

# the community sample: a plausible count, and links known to be good
if [ -d "$COMMUNITY_DIR" ]; then
	out=$(cd "$COMMUNITY_DIR" && "$ROLEBOOK" links --root . .)
	rc=$?
	check "sample: broken links upstream (a part of the repository): exit 1" 1 "$rc"
	last=$(printf '%s\n' "$out" | tail -n 1)
	if [[ "$last" =~ ^([0-9]+)\ links,\ ([0-9]+)\ ok,\ ([0-9]+)\ broken,\ ([0-9]+)\ external\ not\ checked$ ]] &&
		[ "${BASH_REMATCH[1]}" -eq $((BASH_REMATCH[2] + BASH_REMATCH[3] + BASH_REMATCH[4])) ] &&
		[ "${BASH_REMATCH[2]}" -gt 500 ] && [ "${BASH_REMATCH[3]}" -lt "${BASH_REMATCH[2]}" ] &&
		[ "${BASH_REMATCH[4]}" -gt 1000 ]; then
		pass "sample: the count adds up and is plausible ($last)"
	else
		fail "sample: the count" "$last"
	fi
	check "sample: one line per link" "${BASH_REMATCH[1]:-x}" "$(($(printf '%s\n' "$out" | wc -l) - 1))"
	contains "sample: root-relative" "CONTRIBUTING.md:24: /sig-list.md -> sig-list.md" "$out"
	contains "sample: a folder link" \
		"contributors/guide/contributing.md:32: ./contributor-cheatsheet/ -> contributors/guide/contributor-cheatsheet/README.md" "$out"
	contains "sample: a heading" \
		'contributors/chairs-and-techleads/technical-lead.md:9: /committee-steering/governance/sig-governance.md#tech-lead -> committee-steering/governance/sig-governance.md, heading "Tech Lead"' "$out"
	contains "sample: technical-lead.md is upstream's, not the bundled role" \
		"committee-steering/governance/sig-governance.md:137: /contributors/chairs-and-techleads/technical-lead.md -> contributors/chairs-and-techleads/technical-lead.md" "$out"
	contains "sample: a README.md is the one the path names" \
		"README.md:52: contributors/guide/README.md -> contributors/guide/README.md" "$out"
else
	printf 'note: %s not found; the sample checks are skipped\n' "$COMMUNITY_DIR"
fi

finish
