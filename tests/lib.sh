# tests/lib.sh - shared set-up for the shell tests (sourced).
#
# A hermetic environment: HOME and XDG_* in a temporary folder, TZ=UTC, a
# UTF-8 locale, the source tree's bundled roles.  check/fail print what
# was expected and what came; finish prints "N passed, N failed" and sets
# the exit status.

set -u
: "${top_srcdir:=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${ROLEBOOK:=$top_builddir/rolebook}"
: "${UPSTREAM_DIR:=$top_srcdir/../shared/upstream-roles}"
export ROLEBOOK_CONTENT_DIR="${ROLEBOOK_CONTENT_DIR:-$top_srcdir/content/roles}"

TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/rolebook-test.XXXXXX")
trap 'rm -rf "$TEST_TMP"' EXIT
export HOME="$TEST_TMP/home" XDG_STATE_HOME="$TEST_TMP/state" XDG_DATA_HOME="$TEST_TMP/data" \
	XDG_CONFIG_HOME="$TEST_TMP/config" XDG_CACHE_HOME="$TEST_TMP/cache" TZ=UTC LC_ALL=C.UTF-8
unset ROLEBOOK_DB NO_COLOR ROLEBOOK_CONFIG
mkdir -p "$HOME"

passed=0
failed=0

pass() { passed=$((passed + 1)); printf 'ok   %s\n' "$1"; }
fail() { failed=$((failed + 1)); printf 'FAIL %s\n' "$1"; [ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/     /'; return 0; }

# check NAME EXPECTED ACTUAL
check() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "expected: $2
got:      $3"; fi
}

# contains NAME NEEDLE HAYSTACK
contains() {
	case "$3" in
	*"$2"*) pass "$1" ;;
	*) fail "$1" "expected to find: $2
in:
$3" ;;
	esac
}

# lacks NAME NEEDLE HAYSTACK
lacks() {
	case "$3" in
	*"$2"*) fail "$1" "did not expect: $2
in:
$3" ;;
	*) pass "$1" ;;
	esac
}

finish() {
	printf '%d passed, %d failed\n' "$passed" "$failed"
	[ "$failed" -eq 0 ]
}
