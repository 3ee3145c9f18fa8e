#!/bin/bash
# tests/completion.sh - the bash completion (completion/rolebook) driven as
# bash drives it: bash-completion and the script sourced, COMP_WORDS and
# COMP_CWORD set, the completion function called, COMPREPLY checked.
# Skipped (77) without bash-completion.
. "$(dirname "$0")/lib.sh"

bc=/usr/share/bash-completion/bash_completion
if [ ! -r "$bc" ]; then
	echo "SKIP: bash-completion is not installed ($bc)"
	exit 77
fi
# bash-completion's own functions (_init_completion, _filedir, _parse_help)
# under the strictness of this script would fail on its unset variables
set +u
. "$bc"
. "$top_srcdir/completion/rolebook"
# `rolebook` as the completion runs it: the one under test
PATH="$(dirname "$ROLEBOOK"):$PATH"
[ "$(command -v rolebook)" = "$ROLEBOOK" ] || PATH="$TEST_TMP/bin:$PATH"
mkdir -p "$TEST_TMP/bin" && ln -sf "$ROLEBOOK" "$TEST_TMP/bin/rolebook"
export ROLEBOOK_CONFIG=
# an empty folder: file names must not mix in
mkdir -p "$TEST_TMP/cwd" && cd "$TEST_TMP/cwd" || exit 1

# complete WORD... : the candidates for the last word, sorted, one a line.
# The words as bash splits the line: "--color=a" is --color = a.
complete_words() {
	local w
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE=""
	for w in "$@"; do
		case "$w" in
		=) COMP_LINE+="=" ;;
		*) [[ -n "$COMP_LINE" && "$COMP_LINE" != *= ]] && COMP_LINE+=" "
		   COMP_LINE+="$w" ;;
		esac
	done
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_rolebook rolebook "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
	printf '%s\n' "${COMPREPLY[@]}" | sort
}

check "complete -F _rolebook is registered" "complete -F _rolebook rolebook" "$(complete -p rolebook)"

# commands and, for the handbook, role ids
check "the first word: commands and roles" "agenda
assessment
calendar
chair
check
checklist
export
forget
import
imports
links
list
print
profiles
program-manager
report
review
search
start
subproject-owner
technical-lead
uncheck" "$(complete_words rolebook "")"
# every command --help names is offered: the list is not a second copy
for c in $("$ROLEBOOK" --help | sed -n 's/^ *\(Usage:\)\{0,1\} *rolebook \[OPTIONS\] \([a-z][a-z]*\).*/\2/p'); do
	contains "the first word offers $c" "$c" "$(complete_words rolebook "")"
done
check "start ROLE: role ids" "technical-lead" "$(complete_words rolebook start t)"
check "a command's prefix" "print
profiles
program-manager" "$(complete_words rolebook pr)"
check "imp: import and imports" "import
imports" "$(complete_words rolebook imp)"

# options, from rolebook --help
check "--co: the options of that prefix" "--color
--config
--content" "$(complete_words rolebook --co)"
all=$(complete_words rolebook --)
for opt in --width --no-color --profile --reviewer --format --db --help --version; do
	contains "-- offers $opt" "$opt" "$all"
done

# role ids from `rolebook list`
check "print: role ids" "chair
program-manager
subproject-owner
technical-lead" "$(complete_words rolebook print "")"
check "checklist t: the technical lead" "technical-lead" "$(complete_words rolebook checklist t)"
check "check after options" "program-manager" "$(complete_words rolebook -p alice check pro)"
check "check ROLE: no second role" "" "$(complete_words rolebook check technical-lead "")"
check "report --role: role ids" "program-manager" "$(complete_words rolebook report --role p)"
mkdir -p "$TEST_TMP/more"
printf '# Meeting Host\n\nRuns the meeting.\n' >"$TEST_TMP/more/meeting-host.md"
check "--content DIR typed before: its roles too" "meeting-host" \
	"$(complete_words rolebook --content "$TEST_TMP/more" print m)"

# report formats and --color's values
check "report --format" "issue
json
markdown
text" "$(complete_words rolebook report --format "")"
check "--format m" "markdown" "$(complete_words rolebook report --format m)"
check "--color=" "always
auto
never" "$(complete_words rolebook --color = "")"
check "--color=a" "always
auto" "$(complete_words rolebook --color = a)"
# --color's argument is optional: after "--color " comes the next word
contains "--color then a space: commands, not values" "list" "$(complete_words rolebook --color "")"
lacks "--color then a space: no value" "always" "$(complete_words rolebook --color "")"

# profile names from `rolebook profiles`, never creating the database
check "--profile without a database: nothing" "" "$(complete_words rolebook --profile "")"
if [ -e "$XDG_STATE_HOME/rolebook/rolebook.db" ]; then
	fail "completing a profile created the database"
else
	pass "completing a profile created no database"
fi
"$ROLEBOOK" -p alice check technical-lead 1 >/dev/null
"$ROLEBOOK" -p "bob" check program-manager 1 >/dev/null
check "--profile: the profiles" "alice
bob" "$(complete_words rolebook --profile "")"
check "-p a" "alice" "$(complete_words rolebook -p a)"
check "forget: the profiles" "alice
bob" "$(complete_words rolebook forget "")"
check "import --as b" "bob" "$(complete_words rolebook import --as b)"
check "--db FILE typed before: that database's profiles" "" \
	"$(complete_words rolebook --db "$TEST_TMP/none.db" --profile "")"

# commands that take no arguments
check "list: nothing more" "" "$(complete_words rolebook list "")"

finish
