#!/bin/bash
# tests/screen/tmux.sh - the installed-style binary in a real terminal:
# tmux runs it, send-keys types, capture-pane reads the screen.
. "$(dirname "$0")/../lib.sh"

if ! command -v tmux >/dev/null; then
	echo "tmux is not installed: cannot run the terminal tests"
	exit 1
fi
SOCK="$TEST_TMP/tmux.sock"
T() { tmux -S "$SOCK" "$@"; }
trap 'T kill-server 2>/dev/null; rm -rf "$TEST_TMP"' EXIT

# start COLS ROWS ARGS...: runs rolebook in a fresh session (TERM is
# $RB_TERM when set, even to nothing)
start() {
	local cols=$1 rows=$2
	shift 2
	T kill-server 2>/dev/null
	while T has-session 2>/dev/null; do sleep 0.05; done
	printf 'set -g remain-on-exit on\nset -g status off\n' > "$TEST_TMP/tmux.conf"
	T -f "$TEST_TMP/tmux.conf" new-session -d -s rb -x "$cols" -y "$rows" \
		env HOME="$HOME" XDG_STATE_HOME="$XDG_STATE_HOME" XDG_DATA_HOME="$XDG_DATA_HOME" \
		XDG_CONFIG_HOME="$XDG_CONFIG_HOME" XDG_CACHE_HOME="$XDG_CACHE_HOME" ROLEBOOK_CONTENT_DIR="$ROLEBOOK_CONTENT_DIR" \
		LC_ALL=C.UTF-8 TERM="${RB_TERM-xterm-256color}" ${NO_COLOR:+NO_COLOR=1} \
		ASAN_OPTIONS="log_path=$TEST_TMP/asan:fast_unwind_on_malloc=0" \
		UBSAN_OPTIONS="log_path=$TEST_TMP/ubsan" \
		LSAN_OPTIONS="suppressions=$top_srcdir/tests/lsan.supp:print_suppressions=0" \
		"$ROLEBOOK" "$@"
}
screen() { T capture-pane -p -t rb; }
keys() { T send-keys -t rb "$@"; }
# wait_for TEXT: until the screen shows TEXT (5 s at most)
wait_for() {
	local i
	for i in $(seq 50); do
		case "$(screen)" in *"$1"*) return 0 ;; esac
		sleep 0.1
	done
	return 1
}
expect() { # expect NAME TEXT
	if wait_for "$2"; then pass "$1"; else fail "$1" "expected on screen: $2
--- screen:
$(screen)"; fi
}
dead() { T display -p -t rb '#{pane_dead}'; }

# --- 80x24: the home screen, a role, sections, search, links, help ---
start 80 24
expect "home screen lists the SIG chair" "SIG Chair"
expect "home screen lists the program manager" "Program Manager"
expect "home screen lists the subproject owner" "Subproject Owner"
expect "home screen lists the technical lead" "Technical Lead"
expect "footer names the keys" "?:help"
screen > "$TEST_TMP/home.txt"
keys Down Enter
expect "Enter opens the role" "│ Program Manager"
expect "the contents list the skill areas" "Skill areas"
for i in $(seq 20); do
	keys ']'
	sleep 0.05
	case "$(screen | head -1)" in *"Skill areas"*) break ;; esac
done
expect "] jumps section by section to the skill areas" "Program Manager › Skill areas"
keys '/' 'S' 't' 'r' 'a' 't' 'e' 'g' 'i' 'c' Enter
expect "search lands on the word" "match; n next, N previous"
keys n
keys '?'
expect "? shows help for the role screen" "help: reader screen"
keys q
expect "q leaves the help" "Program Manager"
keys Tab G k k
expect "Tab, G, k, k: the last section" "Program Manager › Sources"
keys G k Enter
expect "the checklist entry of the contents opens the checklist" "Program Manager › Checklist"
keys q
expect "q comes back to the role" "Program Manager › Sources"
keys q
expect "q goes back home" "4 roles"
keys Q
sleep 0.3
check "Q quits" 1 "$(dead)"

# --- following a link and coming back ---
start 80 24 program-manager
expect "a role given on the command line opens" "rolebook › Program Manager"
expect "where the reader left it" "Program Manager › Sources"
keys g
keys '/' 'T' 'e' 'c' 'h' 'n' 'i' 'c' 'a' 'l' ' ' 'L' 'e' 'a' 'd' 's' Enter
for i in $(seq 10); do
	keys l
	wait_for "Link: technical-lead.md" && break
done
keys Enter
expect "Enter follows the link to the other role" "rolebook › Technical Lead"
keys BSpace
expect "Backspace comes back" "rolebook › Program Manager"
keys Q

# --- the four roles link each other: the Technical Lead's page names the
# SIG Chair's role, whose page names the Subproject Owner's ---
start 80 24 technical-lead
expect "the technical lead opens" "rolebook › Technical Lead"
keys g
keys '/' 'C' 'h' 'a' 'i' 'r' 's' Enter
for i in $(seq 10); do
	keys l
	wait_for "Link: chair.md" && break
done
keys Enter
expect "Enter follows the link to the SIG Chair" "rolebook › SIG Chair"
keys '/' 'S' 'u' 'b' 'p' 'r' 'o' 'j' 'e' 'c' 't' ' ' 'O' 'w' 'n' 'e' 'r' 's' Enter
for i in $(seq 10); do
	keys l
	wait_for "Link: subproject-owner.md" && break
done
keys Enter
expect "and on to the Subproject Owner" "rolebook › Subproject Owner"
keys c
expect "the subproject owner's checklist opens" "Subproject Owner › Checklist"
keys q BSpace
expect "Backspace comes back to the SIG Chair" "rolebook › SIG Chair"
keys BSpace
expect "and to the Technical Lead" "rolebook › Technical Lead"
keys Q

# --- a link with any URI scheme leaves the handbook, "//" or not ---
printf '# Contacts\n\nWrite to [the chairs](mailto:chairs@example.org), call [us](tel:+1-555-0100)\nor read [nothing](nowhere.md).\n' \
	> "$TEST_TMP/contacts.md"
start 80 24 "$TEST_TMP/contacts.md"
expect "the contacts open" "rolebook › Contacts"
keys l
expect "l selects the mailto: link" "Link: mailto:chairs@example.org"
keys Enter
expect "a mailto: link is external" "External link: mailto:chairs@example.org"
keys l
expect "l selects the tel: link" "Link: tel:+1-555-0100"
keys Enter
expect "a tel: link is external" "External link: tel:+1-555-0100"
keys l
expect "l selects the missing file" "Link: nowhere.md"
keys Enter
expect "a missing file is a broken link, and why" "Broken link: nowhere.md (no such file)"
keys Q

# --- a terminal that cannot move the cursor is refused, as a pipe is ---
# (stderr to a file: a program that exits at once can lose its output to
# the pane's first resize)
cat > "$TEST_TMP/rb-err.sh" <<EOF
#!/bin/sh
"$ROLEBOOK" "\$@" 2>"$TEST_TMP/err"
echo \$? >"$TEST_TMP/rc"
EOF
chmod +x "$TEST_TMP/rb-err.sh"
for term in dumb no-such-terminal ''; do
	rm -f "$TEST_TMP/rc" "$TEST_TMP/err"
	ROLEBOOK="$TEST_TMP/rb-err.sh" RB_TERM=$term start 80 24
	for i in $(seq 50); do [ -s "$TEST_TMP/rc" ] && break; sleep 0.1; done
	check "TERM='$term': exits 1" 1 "$(cat "$TEST_TMP/rc" 2>/dev/null)"
	msg=$(cat "$TEST_TMP/err" 2>/dev/null)
	contains "TERM='$term': refused with a hint to print" "use 'rolebook print ROLE'" "$msg"
	case $term in
	dumb) contains "TERM=dumb: says why" "cannot draw the handbook: the terminal 'dumb' cannot move the cursor" "$msg" ;;
	'') contains "no TERM: says so" "cannot draw the handbook: TERM is not set" "$msg" ;;
	*) contains "unknown TERM: says so" "the terminal type 'no-such-terminal' is not known" "$msg" ;;
	esac
done
T kill-server 2>/dev/null

# --- on a terminal, a start that fails (a folder that is not there, an
# unknown role) says why on stderr, exits 1 (it crashed on a missing
# folder) and creates no database, nor changes one that is there; a file
# refused is said on stderr and at home ---
rb_err() { # rb_err NAME ARGS...: rolebook in the terminal, until it exits
	local name=$1
	shift
	rm -f "$TEST_TMP/rc" "$TEST_TMP/err"
	ROLEBOOK="$TEST_TMP/rb-err.sh" start 80 24 "$@"
	for i in $(seq 50); do [ -s "$TEST_TMP/rc" ] && break; sleep 0.1; done
	check "$name: exits 1" 1 "$(cat "$TEST_TMP/rc" 2>/dev/null)"
}
rb_err "terminal, missing --content" --db "$TEST_TMP/walk.db" --content "$TEST_TMP/no-such-folder"
check "terminal, missing --content: the folder named, once" 1 \
	"$(grep -c "^rolebook: cannot read folder $TEST_TMP/no-such-folder: No such file or directory\$" "$TEST_TMP/err")"
check "terminal, missing --content: nothing else said" 1 "$(wc -l <"$TEST_TMP/err")"
check "terminal, missing --content: no database made" no "$([ -e "$TEST_TMP/walk.db" ] && echo yes || echo no)"
rb_err "terminal, unknown role" --db "$TEST_TMP/walk.db" no-such-role
contains "terminal, unknown role: said" "unknown role 'no-such-role'" "$(cat "$TEST_TMP/err")"
check "terminal, unknown role: no database made" no "$([ -e "$TEST_TMP/walk.db" ] && echo yes || echo no)"
# a database that is there (opened beside the walk) is left as it was
"$ROLEBOOK" --db "$TEST_TMP/walk.db" check technical-lead 1 >/dev/null 2>&1
before=$(cksum <"$TEST_TMP/walk.db")
rb_err "terminal, unknown role, a database there" --db "$TEST_TMP/walk.db" no-such-role
contains "terminal, unknown role, a database there: said" "unknown role 'no-such-role'" "$(cat "$TEST_TMP/err")"
check "terminal, unknown role: the database unchanged" "$before" "$(cksum <"$TEST_TMP/walk.db")"
rb_err "terminal, missing --content, a database there" --db "$TEST_TMP/walk.db" --content "$TEST_TMP/no-such-folder"
check "terminal, missing --content, a database there: only the folder said" \
	"rolebook: cannot read folder $TEST_TMP/no-such-folder: No such file or directory" "$(cat "$TEST_TMP/err")"
mkdir -p "$TEST_TMP/walk-refused/sub"
printf '# Kept\n' >"$TEST_TMP/walk-refused/sub/kept.md"
printf '# Odd\n' >"$TEST_TMP/walk-refused/$(printf 'a\342\200\213b.md')"
rm -f "$TEST_TMP/rc" "$TEST_TMP/err"
ROLEBOOK="$TEST_TMP/rb-err.sh" start 80 24 --db "$TEST_TMP/walk.db" --content "$TEST_TMP/walk-refused"
expect "terminal, a refused file: the home screen says so" "1 role file is not listed"
keys Q
for i in $(seq 50); do [ -s "$TEST_TMP/rc" ] && break; sleep 0.1; done
check "terminal, a refused file: Q exits 0" 0 "$(cat "$TEST_TMP/rc" 2>/dev/null)"
contains "terminal, a refused file: said on stderr" "a\\u200Bb.md is not listed" "$(cat "$TEST_TMP/err")"
T kill-server 2>/dev/null

# --- keys whose escape sequences TERM does not describe: tmux sends
# ESC [ 1 ~ for Home, which xterm-256color's terminfo spells ESC O H; each
# sequence is read whole, mapped when known, dropped when not, never Esc ---
RB_TERM=xterm-256color start 80 24 technical-lead
expect "TERM=xterm-256color: the role opens" "rolebook › Technical Lead"
# seqkey NAME HEXBYTES... : sends the bytes as one write
seqkey() { T send-keys -t rb -H "$@"; }
keys End
expect "End (as tmux sends it) goes to the end" "  end"
keys Home
expect "Home (as tmux sends it) goes to the top" "  5%"
for seq in "1b 5b 34 7e:ESC [ 4 ~:end" "1b 5b 31 7e:ESC [ 1 ~:5%" "1b 5b 46:ESC [ F:end" \
	"1b 5b 48:ESC [ H:5%" "1b 4f 46:ESC O F:end" "1b 4f 48:ESC O H:5%" \
	"1b 5b 38 7e:ESC [ 8 ~:end" "1b 5b 37 7e:ESC [ 7 ~:5%"; do
	IFS=: read -r hex name want <<<"$seq"
	seqkey $hex
	expect "$name is read whole: the screen stays, at its $want" "  $want"
	check "$name: not taken for Esc (the role is still open)" 1 \
		"$(screen | head -1 | grep -c 'rolebook › Technical Lead')"
done
seqkey 1b 5b 39 39 7e
seqkey 1b 5b 32 30 30 7e
seqkey 1b 4f 5a
seqkey 1b 5b 31 3b 35 46 # Ctrl-End
seqkey 1b 5b 3c 36 34 3b 31 30 3b 35 4d # an SGR mouse wheel report
sleep 0.3
check "unknown sequences are dropped whole, not read as Esc" 1 \
	"$(screen | head -1 | grep -c 'rolebook › Technical Lead')"
lacks "unknown sequences: no stray keys (no 'No action' for ~ or Z)" "No action for key" "$(screen)"
keys j
keys F12
expect "F12 says it does nothing here" "No action for that key here"
keys Escape
sleep 0.3
expect "Esc alone still goes back" "4 roles"
keys Q

# --- Ctrl-Z suspends to the shell and fg resumes, at the new size ---
T kill-server 2>/dev/null
while T has-session 2>/dev/null; do sleep 0.05; done
printf 'set -g status off\n' > "$TEST_TMP/tmux.conf"
T -f "$TEST_TMP/tmux.conf" new-session -d -s rb -x 80 -y 24 \
	env -i PATH="$PATH" HOME="$HOME" TERM=xterm-256color PS1='sh$ ' bash --norc --noprofile -i
wait_for 'sh$'
keys "env XDG_STATE_HOME='$XDG_STATE_HOME' XDG_DATA_HOME='$XDG_DATA_HOME' LC_ALL=C.UTF-8 ROLEBOOK_CONTENT_DIR='$ROLEBOOK_CONTENT_DIR' ASAN_OPTIONS='log_path=$TEST_TMP/asan' UBSAN_OPTIONS='log_path=$TEST_TMP/ubsan' '$ROLEBOOK' technical-lead" Enter
expect "Ctrl-Z: the role opens from a shell" "rolebook › Technical Lead"
keys ']'
expect "Ctrl-Z: a section further" "Technical Lead › What the role is for"
keys C-z
expect "Ctrl-Z stops rolebook: the shell says so" "Stopped"
expect "Ctrl-Z gives the terminal back to the shell" "sh\$ "
T resize-window -t rb -x 100 -y 30
keys fg Enter
expect "fg resumes rolebook where it was" "Technical Lead › What the role is for"
expect "fg: redrawn at the new size (contents beside the text)" "│ What the role is for"
check "fg: the footer is on the last row of 30" 1 "$(screen | sed -n 30p | grep -c '?:help')"
keys q
expect "after fg the keys work" "4 roles"
keys Q
expect "after quitting, the shell is back" "sh\$ "
T kill-server 2>/dev/null

# --- narrow, resized, too small ---
start 50 20 technical-lead
expect "narrow: the role opens" "Technical Lead"
row2=$(screen | sed -n 2p)
lacks "narrow: contents above the text, not beside" "│" "$row2"
T resize-window -t rb -x 100 -y 30
expect "resize to wide: contents beside the text" "│ Technical Lead"
T resize-window -t rb -x 30 -y 8
expect "tiny terminal: a clear message" "Terminal too small"
keys q
sleep 0.3
check "tiny terminal: q does not quit (the message says Q)" 0 "$(dead)"
T resize-window -t rb -x 80 -y 24
expect "back to 80x24: the text returns" "│ Technical Lead"
T resize-window -t rb -x 30 -y 8
expect "tiny again" "Terminal too small"
keys Q
sleep 0.3
check "tiny terminal: Q quits" 1 "$(dead)"

# help at 45 columns: every description wraps under itself, none is cut
start 45 20 technical-lead
expect "narrow help: the role opens" "Technical Lead"
keys '?'
expect "narrow help: a key's description wraps" "Tab          move between the contents"
expect "narrow help: ...and goes on under itself" "                and the text"
keys Q

# --- home rows: a long title is cut before its origin tag, which stays
# whole and apart from the progress column ---
mkdir -p "$TEST_TMP/long" "$XDG_DATA_HOME/rolebook/roles"
printf '# The Very Long Title Of A Role That Goes On Beyond The Width Of Any Screen\n\n## Checklist\n\n- [ ] One thing\n' \
	> "$TEST_TMP/long/long-title.md"
sed 's/^# Technical Lead$/# Program Manager (MY ORGANISATION)/' "$ROLEBOOK_CONTENT_DIR/technical-lead.md" \
	> "$XDG_DATA_HOME/rolebook/roles/my-pm.md"
# home_row NAME WORD TAG PROGRESS: the row of WORD ends its title with an
# ellipsis, then TAG whole, then a space or more, then PROGRESS
home_row() {
	local row
	wait_for "$4"
	row=$(screen | grep -m1 "$2")
	if [[ "$row" == *"…$3 "*" $4"* ]]; then pass "$1"; else fail "$1" "expected: $2…$3 then $4 after a space
got:      $row"; fi
}
start 80 24 --content "$TEST_TMP/long"
home_row "80 columns: a long title is cut before its tag" "The Very Long" " (folder)" "0/1 "
keys Q
start 45 20
home_row "45 columns: a user role's tag is whole and apart from its progress" "Program Mana" " (yours)" "0/33 "
keys Q
rm -r "$XDG_DATA_HOME/rolebook/roles"

# --- monochrome still shows structure; the mouse wheel scrolls ---
NO_COLOR=1 start 80 24 program-manager
expect "NO_COLOR: the role opens" "rolebook › Program Manager"
T send-keys -t rb -M 2>/dev/null || true
keys Q
sleep 0.3
check "NO_COLOR: quits cleanly" 1 "$(dead)"

# --- the checklist: toggles are saved, survive a restart ---
start 80 24 technical-lead
expect "role opens for the checklist" "│ Technical Lead"
keys c
expect "c opens the checklist" "Technical Lead › Checklist"
# (items 1 and 2, the prerequisites, are steps Program Manager shares: one record)
expect "nothing done yet" "0 of 33 done"
keys Space j x j j Space
expect "three items ticked" "3 of 33 done"
bar=$(screen | head -1 | grep -o '3/33 .*')
keys e
keys -l "merged in PR 42"
keys Enter
expect "a note is saved" "Note saved"
expect "the note shows under the item" "· merged in PR 42"
keys h
expect "h hides done items" "done items hidden"
keys Q
sleep 0.3
start 80 24
expect "after a restart the home screen shows the progress" "3/33"
keys j j j Enter c
expect "after a restart the checklist is the same" "3 of 33 done"
check "the same progress bar" "$bar" "$(screen | head -1 | grep -o '3/33 .*')"
contains "the done date is shown" "done $(date -u +%Y-%m-%d)" "$(screen)"
keys Q

# --- the self-assessment: number keys rate, the chart survives a restart ---
start 80 24 program-manager
keys a
expect "a opens the self-assessment" "Program Manager › Self-assessment"
expect "the scale's labels are on screen" "1 not yet  2 learning  3 practising  4 confident  5 could teach it"
keys 4 4 3 5 4   2 2 1 2 3   3 3 4 3 3
expect "fifteen statements rated by typing" "15/15 rated"
# every rating's date at the end of its statement's row (the list scrolled
# on with the selection: back to Objectivity's first statement)
keys Up Up Up Up Up Up Up Up Up
expect "area averages show as they are given" "Objectivity  average 2.0 (5 of 5 statements rated)"
contains "each rating's date on its row" "I back each process proposal with data or written feedback.  $(date -u +%Y-%m-%d)" "$(screen)"
keys v
expect "leaving after changes records a snapshot" "Snapshot recorded"
# the org membership ticked above as a Technical Lead is the same step for
# a Program Manager (a shared step, one record): one prerequisite is left
expect "v shows the readiness summary" "Readiness: not yet: self: Objectivity 2.0 below"
expect "and says it is a guide" "not a decision"
chart=$(screen | sed -n '/Skill area/,/Strategic/p')
contains "the chart has a bar and a number per area" "Objectivity" "$chart"
keys Q
sleep 0.3
start 80 24 program-manager
keys a v
expect "after a restart: the same readiness" "self: Objectivity 2.0 below"
check "after a restart: the same chart" "$chart" "$(screen | sed -n '/Skill area/,/Strategic/p')"
keys Down Enter
expect "Enter on an area below its threshold reads its section" "Program Manager › Objectivity"
keys q
expect "q from the area's section comes back to the chart" "Program Manager › Readiness"
keys Enter
expect "and Enter reads it again" "Program Manager › Objectivity"
keys a 0
keys H
expect "H lists the snapshots" "own ratings, oldest first"
keys Q
out=$("$ROLEBOOK" assessment program-manager)
contains "assessment prints the averages" "Objectivity: average 2.0 (5 of 5 statements rated), threshold 3.0, below" "$out"
contains "assessment prints the verdict" "Readiness: not yet: self: Objectivity 2.0 below 3.0; no reviewer has rated yet" "$out"
# the clear came within the sitting of the first snapshot: it replaced it
contains "assessment prints the history" "History (1 snapshot):" "$out"
contains "a cleared rating counts as not rated" "Leadership: average 4.0 (4 of 5 statements rated)" "$out"

# --- the review side: a chair rates a candidate beside the self-rating ---
"$ROLEBOOK" --profile alice check program-manager 1 3 4 >/dev/null
start 80 24 --profile alice program-manager
expect "alice's role opens" "rolebook › Program Manager"
keys a
expect "alice rates herself" "Self-assessment"
keys 4 4 3 5 4
expect "alice's ratings are saved" "5/15 rated"
keys Q
sleep 0.3
start 80 24 --reviewer carol
expect "the home screen has an entry for the review" "Review candidates"
keys G Enter
expect "the review screen lists alice" "alice"
expect "with her self-assessment" "self:      Leadership 4.0"
expect "and her readiness" "not yet: 1 of 2 prerequisites not done; self: Objectivity not rated"
keys Enter
expect "Enter opens alice's ratings for carol" "Review of alice by carol"
expect "self and reviewer columns" "self car"
keys 2 4 3 5 4
expect "carol's average beside alice's" "Leadership  self 4.0  carol 3.6"
row=$(screen | grep -m1 "coached at least one contributor")
contains "two points apart is marked" "!" "$row"
keys q
expect "back on the review screen, with carol's averages" "reviewers: carol: Leadership 3.6"
keys s
expect "s sorts" "Sorted by role"
keys /
keys -l "nobody"
keys Enter
expect "the filter can leave nothing" "No candidate matches the filter."
keys Q

# --- review DIR: a folder of exports, read and never imported ---
mkdir -p "$TEST_TMP/exports"
"$ROLEBOOK" --profile alice export -o "$TEST_TMP/exports/alice.json" >/dev/null
printf '{"format": "rolebook-export", "version": 9}' > "$TEST_TMP/exports/future.json"
printf 'not json' > "$TEST_TMP/exports/broken.json"
XDG_STATE_HOME="$TEST_TMP/elsewhere" start 80 24 review "$TEST_TMP/exports"
expect "review DIR lists the exported candidate" "alice  Program Manager"
expect "and names every export it refused" "2 refused: broken.json"
expect "the second refused export too" "future.json (rolebook import"
keys Q
sleep 0.3
[ ! -e "$TEST_TMP/elsewhere" ] && pass "review DIR writes no database" || fail "review DIR writes no database" "$(ls -R "$TEST_TMP/elsewhere")"
# subfolders are read; a link to the terminal is refused, never opened (it
# would block); past five refused files the rest are still named
mkdir -p "$TEST_TMP/exports/sig-b"
"$ROLEBOOK" --profile alice export -o "$TEST_TMP/exports/sig-b/bea.json" >/dev/null
sed -i 's/"profile": "alice"/"profile": "bea"/' "$TEST_TMP/exports/sig-b/bea.json"
ln -s /dev/tty "$TEST_TMP/exports/tty.json"
mkfifo "$TEST_TMP/exports/fifo.json"
for n in 1 2 3 4; do printf '[' > "$TEST_TMP/exports/x$n.json"; done
XDG_STATE_HOME="$TEST_TMP/elsewhere" start 200 50 review "$TEST_TMP/exports"
expect "review DIR reads subfolders" "bea  Program Manager"
expect "a link to the terminal is refused, not opened" "tty.json"
expect "a FIFO is refused, not opened (it would block)" "fifo.json"
expect "past five refused, the rest are named too" "x3.json, x4.json (rolebook import --dry-run FILE says why)"
lacks "the refused files leave the footer's keys" "not a regular file" "$(screen)"
keys Enter
expect "the rating screen says which ratings are unverified" "Unverified (from an unsigned file): self"
keys Q
sleep 0.3

# review DIR without DIR/allowed_signers: the user's own file says whose
# keys to trust, as for import
if command -v ssh-keygen >/dev/null; then
	mkdir -p "$TEST_TMP/signed" "$XDG_CONFIG_HOME/rolebook"
	ssh-keygen -q -t ed25519 -N '' -f "$TEST_TMP/alice-key"
	"$ROLEBOOK" --profile alice export -o "$TEST_TMP/signed/alice.json" --sign "$TEST_TMP/alice-key" >/dev/null
	printf 'alice %s\n' "$(cat "$TEST_TMP/alice-key.pub")" > "$XDG_CONFIG_HOME/rolebook/allowed_signers"
	XDG_STATE_HOME="$TEST_TMP/elsewhere" start 80 24 review "$TEST_TMP/signed"
	expect "review DIR trusts the user's allowed-signers file" "signed by alice"
	lacks "and refuses nothing" "refused" "$(screen)"
	keys Q
	rm "$XDG_CONFIG_HOME/rolebook/allowed_signers"
	sleep 0.3
fi

# --- two copies at once: one sees the other's change on redraw ---
start 80 24 technical-lead
keys c
expect "first copy shows its checklist" "3 of 33 done"
"$ROLEBOOK" check technical-lead 10 >/dev/null
keys r
expect "r shows a change made by another process" "4 of 33 done"
keys Q

# --- o: no graphical session, so a link goes to the terminal's clipboard
# (OSC 52, which tmux keeps as a buffer); Enter reads a step's why ---
unset DISPLAY WAYLAND_DISPLAY BROWSER
ROLEBOOK_CONTENT_DIR="$top_srcdir/tests/data/steps" start 80 24 alpha-lead
T set -g set-clipboard on
keys c
expect "the checklist of the test role" "Alpha Lead › Checklist"
keys j j
expect "o offered for an item with a web link" "o:open link"
keys o
expect "o says what it did" "Copied to the clipboard (OSC 52): https://example.org/style"
check "the link reached the clipboard whole" "https://example.org/style" "$(T show-buffer 2>&1)"
keys j j Enter
expect "Enter reads the section the item links to" "Alpha Lead › Mailing lists"
keys q
expect "q comes back to the checklist" "Alpha Lead › Checklist"
keys Tab
expect "Tab shows the offboarding checklist" "Alpha Lead › Offboarding"
keys Q
# --- issue 16: the config file in a terminal: colours, a rebound key, problems ---
mkdir -p "$XDG_CONFIG_HOME/rolebook"
printf 'key.checklist = C\ncolor.bar = black 214\nbogus = 1\n' >"$XDG_CONFIG_HOME/rolebook/config"
start 80 24 technical-lead
expect "a config problem is said in the status line" \
	"The config file has 1 line rolebook cannot use: see them on quitting"
keys Down # the status line gives the bottom row back to the footer
expect "the footer names the rebound key" "C:checklist"
T capture-pane -p -e -t rb | head -n 1 >"$TEST_TMP/bar.txt"
contains "the bar in the configured colour 214" "48;5;214m" "$(cat "$TEST_TMP/bar.txt")"
keys C
expect "the rebound key opens the checklist" "of 33 done"
keys Q
rm "$XDG_CONFIG_HOME/rolebook/config"
sleep 0.3

# --- o where there is no clipboard (TERM=linux): the link as one line ---
RB_TERM=linux start 80 24 chair
expect "role opens for the shown link" "SIG Chair"
keys c
expect "the chair's checklist for the shown link" "SIG Chair › Checklist"
keys j o
expect "o leaves curses to show the link" "Press Enter to come back to rolebook."
lfc=https://training.linuxfoundation.org/training/inclusive-open-source-community-orientation-lfc102/
# -J joins what the terminal wrapped itself: a row split by curses stays split
check "the link is one line to select" "$lfc" "$(T capture-pane -p -J -t rb | grep -x -F "$lfc")"
keys Enter
expect "Enter comes back and the status says how it was shown" "Link shown as one line on the plain"
expect "back on the checklist" "SIG Chair › Checklist"
keys Q
sleep 0.3

# --- issue 13: links as OSC 8 hyperlinks in the reader: written over what
# curses drew, the screen (text and styles) is the same as without them ---
printf '# Links\n\nSee [the site](https://kubernetes.io/docs/) and a [wide 世界 link](https://k8s.dev/x),\n[a file](../x.md) and more words to wrap here at fifty columns.\n' \
	>"$TEST_TMP/links.md"
for size in "80 24" "50 16"; do
	for when in always never; do
		start $size --hyperlinks=$when "$TEST_TMP/links.md"
		expect "hyperlinks=$when at $size: the document" "See the site"
		keys l
		sleep 0.3
		T capture-pane -p -e -t rb >"$TEST_TMP/osc-$when.txt"
		keys Q
		sleep 0.3
	done
	if cmp -s "$TEST_TMP/osc-always.txt" "$TEST_TMP/osc-never.txt"; then
		pass "hyperlinks at $size: the same screen, styles and all"
	else
		fail "hyperlinks at $size: the same screen, styles and all" \
			"$(diff "$TEST_TMP/osc-always.txt" "$TEST_TMP/osc-never.txt")"
	fi
done

# --- issue 13: a footnote reference is a link within the text: Enter lands
# on the note (its label selected), Enter there comes back to the
# reference, and Backspace comes back as from any link followed ---
{
	printf '# Notes\n\nThe top line says more[^more] than it shows.\n\n'
	for i in $(seq 40); do printf 'Filler paragraph number %s.\n\n' "$i"; done
	printf '[^more]: The note at the end of the text.\n'
} >"$TEST_TMP/notes.md"
for size in "80 24" "50 16"; do
	start $size "$TEST_TMP/notes.md"
	expect "footnotes at $size: the document" "The top line says"
	keys l
	expect "footnotes at $size: l selects the reference" "Footnote 1  (Enter goes to it)"
	keys Enter
	expect "footnotes at $size: Enter lands on the note" "[^1] The note at the end"
	expect "footnotes at $size: the label is selected" "Footnote 1  (Enter goes back to its reference)"
	case "$(screen)" in
	*"The top line says"*) fail "footnotes at $size: the note is out of the first screen" "$(screen)" ;;
	*) pass "footnotes at $size: the note is out of the first screen" ;;
	esac
	keys Enter
	expect "footnotes at $size: Enter on the note's label comes back" "The top line says"
	keys Enter
	expect "footnotes at $size: the note again" "[^1] The note at the end"
	keys BSpace
	expect "footnotes at $size: Backspace comes back" "The top line says"
	keys Q
	sleep 0.3
done

# --- issue 12: / searches every document's text; Enter opens one at the
# match, highlighted, and n goes on inside it ---
SD="$TEST_TMP/searchdocs"
mkdir -p "$SD"
printf '# Alpha guide\n\nNothing here.\n\n## Zebra section\n\nThe zebra crossing rule.\n\nOther words.\n\nA second zebra line.\n' >"$SD/alpha.md"
printf '# Beta notes\n\nZebras are striped.\n' >"$SD/beta.md"
start 80 24 --content "$SD"
expect "search: the folder's documents on the home screen" "Alpha guide"
keys / z e b r a Enter
expect "search: the matches, counted" "4 matches in 2 documents"
expect "search: grouped by document" "  Beta notes  beta.md"
expect "search: the section and the line" "    Zebra section: The zebra crossing rule."
keys Down Down Enter
expect "search: Enter opens the document" "rolebook › Alpha guide"
hl=$(T capture-pane -p -e -t rb | grep -F 'A second' | grep -c $'\e\[7m')
check "search: the match opened is highlighted" 1 "$hl"
keys n
expect "search: n goes on inside the document" "Search wrapped to the top"
keys q
expect "search: q comes back to the matches" "4 matches in 2 documents"
keys / s t r i p e d Enter
expect "search: / on the matches searches again" "1 match in 1 document"
keys q
expect "search: and q back home" "Alpha guide"
keys q
sleep 0.3

# --- Esc while the first search of a tree builds its index: it stops
# within a moment, the home screen as it was; the next / goes on from
# what was indexed and finds every match ---
ED="$TEST_TMP/escdocs"
mkdir -p "$ED"
python3 - "$ED" <<'PY'
import sys
for i in range(2000):
    with open("%s/doc%04d.md" % (sys.argv[1], i), "w") as f:
        f.write("# Document %04d\n\n" % i)
        for k in range(50):
            f.write("## Part %d\n\nWords of part %d in document %d, and a quokka here.\n\n" % (k, k, i))
PY
start 80 24 --content "$ED"
expect "Esc while indexing: the home screen" "Document 0000"
sleep 0.3
screen | head -n 20 >"$TEST_TMP/esc-home.txt"
keys / q u o k k a Enter
if wait_for "Indexing"; then
	keys Escape
	sleep 0.4
	shown=$(screen)
	contains "Esc while indexing: stopped within a moment" "Indexing stopped" "$shown"
	lacks "Esc while indexing: no results screen" "matches in" "$shown"
	check "Esc while indexing: the home screen as it was" "$(cat "$TEST_TMP/esc-home.txt")" \
		"$(printf '%s\n' "$shown" | head -n 20)"
	keys / q u o k k a Enter
	# the rest of the index and 100,000 matches: seconds here, a minute
	# or more under the sanitizers (CI's first make check)
	for i in $(seq 1800); do
		case "$(screen)" in *"100000 matches in 2000 documents"*) break ;; esac
		sleep 0.1
	done
	expect "Esc while indexing: the next search goes on, every match found" \
		"100000 matches in 2000 documents"
else
	fail "Esc while indexing: the progress is shown" "$(screen)"
fi
keys q
sleep 0.3
keys q
sleep 0.3

# --- issue 13: a large document opens at once, laid out as it is read:
# its first screen, the end after G, a match only at its end found from
# the top, at two sizes; opened again, the saved position ---
python3 - "$TEST_TMP/big.md" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("# A big handbook\n\nIts opening words.\n\n")
    i = 0
    while f.tell() < 2_500_000:
        f.write("## Section %d\n\n" % i)
        for k in range(8):
            f.write("Words of section %d paragraph %d, long enough to wrap over more than one line.\n\n" % (i, k))
        i += 1
    f.write("## The last section\n\nOnly here: zebulon.\n")
PY
first="Its opening words."
for size in "80 24" "50 16"; do
	start $size "$TEST_TMP/big.md"
	# the second time where it was closed: the saved position, in a part
	# laid out for it
	expect "big document at $size: the first screen" "$first"
	first="Words of section 3774"
	expect "big document at $size: the footer" "?:help"
	keys G
	expect "big document at $size: G reaches the end" "Only here: zebulon."
	keys g
	expect "big document at $size: g the top again" "Its opening words."
	keys / z e b u l o n Enter
	expect "big document at $size: a match at the end found from the top" "1 line match"
	expect "big document at $size: and shown" "Only here: zebulon."
	keys Q
	sleep 0.3
done

# A sanitizer build writes its reports to files, not into a pane (where no
# test reads them, and where a pane already closed made one spin at exit).
T kill-server 2>/dev/null
sleep 0.5
reports=$(cat "$TEST_TMP"/asan.* "$TEST_TMP"/ubsan.* 2>/dev/null | head -n 40)
[ -z "$reports" ] && pass "no sanitizer reports from the binary in tmux" ||
	fail "no sanitizer reports from the binary in tmux" "$reports"
finish
