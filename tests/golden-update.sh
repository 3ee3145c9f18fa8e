#!/bin/sh
# tests/golden-update.sh - rewrites the golden screens in tests/data/screens
# after a deliberate change to what a screen shows, then lists what
# changed.  Review that diff as you review code, and commit it with the
# change that caused it (see tests/data/screens/README).
#
# Usage: tests/golden-update.sh [SCENE-SUBSTRING]
#   Run from the top of a configured tree (the source tree, or a build
#   folder: top_builddir=DIR tests/golden-update.sh).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
build=${top_builddir:-$top}

make -C "$build" tests/golden/golden >/dev/null
GOLDEN_UPDATE=1 "$build/tests/golden/golden" "$@"
if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
	echo
	git -C "$top" status --short -- tests/data/screens
	git -C "$top" --no-pager diff --stat -- tests/data/screens
fi
