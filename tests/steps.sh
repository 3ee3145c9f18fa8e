#!/bin/bash
# tests/steps.sh - issue 11's steps from the command line, on the roles of
# tests/data/steps: a step two roles share is one record (check, uncheck,
# checklist, profiles, report, export and import see it alike), the
# offboarding checklist (--stepping-down) with its own progress, notes set
# with check --note, and report --format issue --offboarding listing the
# leaving lead's tasks.
. "$(dirname "$0")/lib.sh"

export ROLEBOOK_CONTENT_DIR="$top_srcdir/tests/data/steps"
rb() { "$ROLEBOOK" "$@"; }
today=$(date -u +%Y-%m-%d)

# ---- shared steps ----
out=$(rb check alpha-lead 1)
contains "check ticks the step" "  1. [x] Join the leads channel on Slack" "$out"
out=$(rb checklist beta-lead)
contains "a shared step is ticked under the other role" "  1. [x] Join the leads channel on Slack" "$out"
contains "and counts there" "Beta Lead: 1 of 3 done" "$out"
contains "with the date it was done" "(done $today)" "$out"
out=$(rb uncheck beta-lead 1)
contains "unticking under the other role" "  1. [ ] Join the leads channel on Slack" "$out"
contains "unticks it under the first" "Alpha Lead: 0 of 5 done" "$(rb checklist alpha-lead)"
rb check beta-lead 2 >/dev/null
contains "ticked under beta, done under alpha" "  2. [x] Become a member of the GitHub organization  (prerequisite)" "$(rb checklist alpha-lead)"
contains "profiles count it for both roles" "alpha-lead               1/5" "$(rb profiles)"
contains "profiles count it for both roles (beta)" "beta-lead                1/3" "$(rb profiles)"
lacks "an unshared step stays apart" "[x] Write the beta roadmap" "$(rb checklist beta-lead)"

# ---- only roles share steps (issue 12 review): documents made from one
# template, with task lists but no onboarding checklist, keep their own ----
A="$TEST_TMP/reports"
mkdir -p "$A"
for y in 2022 2023; do
	printf '# %s report\n\n## Operational\n\n- [ ] README reviewed\n- [ ] Notes linked\n' "$y" >"$A/report-$y.md"
done
# a "Checklist" that is no onboarding checklist is no role either
printf '# Requirements\n\n## Checklist\n\n- [ ] README reviewed\n' >"$A/requirements.md"
rb --content "$A" check report-2022 1 >/dev/null
out=$(rb --content "$A" checklist report-2023)
contains "another document's same step: not ticked" "  1. [ ] README reviewed" "$out"
contains "and not counted" "2023 report: 0 of 2 done" "$out"
contains "the other document keeps its tick" "  1. [x] README reviewed" "$(rb --content "$A" checklist report-2022)"
contains "a Checklist section is no role: not ticked" "  1. [ ] README reviewed" \
	"$(rb --content "$A" checklist requirements)"
rb --content "$A" uncheck report-2022 1 >/dev/null

# ---- forget --role says what happens to shared steps ----
rb -p pp check alpha-lead 1 >/dev/null
err=$(rb forget pp --role beta-lead --yes 2>&1); rc=$?
check "forget --role with only a shared step kept under the other role: exit 1" 1 "$rc"
check "and says where the step it shows is kept" "rolebook: cannot forget pp: no records of its own for beta-lead; 1 shared step it shows is kept under alpha-lead (forget --role there removes it)" "$err"
contains "the step stays ticked" "  1. [x] Join the leads channel" "$(rb -p pp checklist beta-lead)"
rb -p pp check beta-lead 3 >/dev/null
check "forget --role says a shared step it shows stays" "removed every record of pp for beta-lead; 1 shared step it shows is kept under alpha-lead (forget --role there removes it)" "$(rb forget pp --role beta-lead --yes)"
rb -p qq check beta-lead 1 2 >/dev/null
check "forget --role says which shared steps go for the other role too" "removed every record of qq for beta-lead, including 2 steps shared with alpha-lead, gone there too" "$(rb forget qq --role beta-lead --yes)"
contains "and they are gone there" "Alpha Lead: 0 of 5 done" "$(rb -p qq checklist alpha-lead)"
rb -p qq check beta-lead --stepping-down 1 >/dev/null
check "an offboarding step is never counted as shared" "removed every record of qq for beta-lead" "$(rb forget qq --role beta-lead --yes)"

# ---- where to do it: each step's link under it ----
out=$(rb -p wes checklist alpha-lead)
contains "checklist prints a step's link under it" "  3. [ ] Read the style notes  #5cdbd8
      where: https://example.org/style
" "$out"
contains "an in-role link as written" "  5. [ ] Learn the mailing list duties  #18e5af
      where: #mailing-lists" "$out"
contains "a step without a link has no where line" "  1. [ ] Join the leads channel on Slack  #505c63
  2. [ ]" "$out"
out=$(rb -p wes check alpha-lead 3 --note 'read it')
contains "check echoes the link, then the note" "  3. [x] Read the style notes  (done $today)  #5cdbd8
      where: https://example.org/style
       note: read it" "$out"
rb -p wes start alpha-lead 2026-01-01 >/dev/null
out=$(rb -p wes checklist alpha-lead)
contains "under the due column too" "
                                where: https://example.org/style" "$out"
rb -p wes export -o "$TEST_TMP/wes.json" >/dev/null
lacks "the export has no where lines" "where:" "$(cat "$TEST_TMP/wes.json")"
out=$(rb --content "$top_srcdir/content/roles" -p wes start technical-lead 2026-11-01 >/dev/null
	rb --content "$top_srcdir/content/roles" -p wes agenda)
contains "agenda prints each step's link under it" "technical-lead 2. Complete the LFC102 Inclusive Open Source Community Orientation course
      where: https://training.linuxfoundation.org/training/inclusive-open-source-community-orientation-lfc102/
" "$out"

# ---- notes from the shell ----
out=$(rb check alpha-lead 3 --note 'https://example.org/pr/1
merged')
contains "check --note sets the note" "       note: https://example.org/pr/1" "$out"
contains "a note keeps its lines" "             merged" "$out"
out=$(rb uncheck alpha-lead 3 --note $'bad\e[31m red')
contains "a note is cleaned as imports clean it" "note: bad red" "$out"
out=$(rb check alpha-lead 2 --note 'org: yes')
contains "a note on a shared step shows under the other role" "note: org: yes" "$(rb checklist beta-lead)"
out=$(rb check alpha-lead 2 --note '')
lacks "an empty note removes it" "note:" "$(rb checklist alpha-lead | grep -A1 '^  2\.')"
contains "and keeps the step done" "  2. [x] Become" "$(rb checklist alpha-lead)"
err=$(rb check alpha-lead 2 --note "$(head -c 10241 /dev/zero | tr '\0' a)" 2>&1); rc=$?
check "a note too long is a usage error" 2 "$rc"
contains "and says so" "the note is too long" "$err"
err=$(rb checklist alpha-lead --note x 2>&1); rc=$?
check "checklist takes no --note" 2 "$rc"

# ---- offboarding ----
out=$(rb checklist alpha-lead --stepping-down)
contains "the offboarding checklist has its own progress" "Alpha Lead, offboarding: 0 of 3 done" "$out"
contains "grouped like onboarding" "Handover" "$out"
contains "its items" "  2. [ ] Hand over ownership of the mailing lists" "$out"
lacks "the form mark is no part of the text" "(form:" "$out"
lacks "offboarding items are not onboarding ones" "Propose a successor" "$(rb checklist alpha-lead)"
out=$(rb check alpha-lead --stepping-down 1 3)
contains "check --stepping-down ticks offboarding items" "  3. [x] Move yourself to emeritus" "$out"
contains "offboarding progress" "offboarding: 2 of 3 done" "$(rb checklist alpha-lead --stepping-down)"
contains "onboarding progress stays apart" "Alpha Lead: 1 of 5 done" "$(rb checklist alpha-lead)"
lacks "no stale progress from offboarding" "no longer matches" "$(rb checklist alpha-lead)"
out=$(rb checklist beta-lead --stepping-down)
contains "offboarding is never shared: the same step stays open under the other role" "  1. [ ] Propose a successor" "$out"
contains "and the other role's offboarding progress is its own" "Beta Lead, offboarding: 0 of 1 done" "$out"
rb check beta-lead --stepping-down 1 --note 'successor: erin' >/dev/null
out=$(rb checklist alpha-lead --stepping-down)
lacks "a note on the other role's offboarding step stays there" "successor: erin" "$out"
contains "and its progress too" "offboarding: 2 of 3 done" "$out"
rb uncheck beta-lead --stepping-down 1 >/dev/null
contains "unticking it there leaves this one done" "  1. [x] Propose a successor" "$(rb checklist alpha-lead --stepping-down)"
err=$(rb --content "$top_srcdir/tests/data" checklist constructs --stepping-down 2>&1); rc=$?
check "a role without offboarding: exit 1" 1 "$rc"
contains "and why" "has no offboarding checklist" "$err"

# ---- export and import carry both lists and shared steps ----
rb export -o "$TEST_TMP/me.json" >/dev/null
contains "the export lists the offboarding content" '"offboarding"' "$(cat "$TEST_TMP/me.json")"
rb --db "$TEST_TMP/other.db" import "$TEST_TMP/me.json" >/dev/null
check "import exits 0" 0 "$?"
contains "offboarding progress imported" "offboarding: 2 of 3 done" "$(rb --db "$TEST_TMP/other.db" checklist alpha-lead --stepping-down)"
contains "shared step imported for both roles" "  2. [x] Become a member" "$(rb --db "$TEST_TMP/other.db" checklist beta-lead)"

# ---- the issue lists the offboarding lead's tasks ----
rb --profile carol check alpha-lead 1 >/dev/null
rb --profile dave check alpha-lead --stepping-down 1 >/dev/null
out=$(rb --profile carol report --format issue --sig "SIG Alpha" --role alpha-lead --offboarding dave)
contains "the offboarding lead's tasks" "#### Offboarding: @dave

1 of 3 offboarding steps done

- [x] Propose a successor to the project
- [ ] Hand over ownership of the mailing lists
- [ ] Move yourself to emeritus in the project file" "$out"
out=$(rb --profile carol report --format issue --sig "SIG Alpha" --role alpha-lead)
lacks "no offboarding lead, no list" "#### Offboarding" "$out"

finish
