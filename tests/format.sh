#!/bin/sh
# tests/format.sh - the C style check: fails when clang-format would change
# any C file of the project (.clang-format is the style; CI runs this).
#
# Usage: tests/format.sh [FILE...]
#   Without files it checks every .c and .h under src/, tests/ and bench/.
#   CLANG_FORMAT names the program (default clang-format-14, else
#   clang-format); the style is pinned to Debian 12's clang-format 14,
#   and another version may disagree about a few constructs.
# Exit status: 0 when every file is formatted, 1 listing the files it
# would change, 77 (skipped, for automake) when clang-format is absent.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1

cf=${CLANG_FORMAT:-}
if [ -z "$cf" ]; then
	for p in clang-format-14 clang-format; do
		if command -v "$p" >/dev/null 2>&1; then
			cf=$p
			break
		fi
	done
fi
if [ -z "$cf" ] || ! command -v "$cf" >/dev/null 2>&1; then
	echo "tests/format.sh: SKIP: clang-format not found (Debian: apt-get install clang-format)"
	exit 77
fi
version=$("$cf" --version 2>/dev/null | sed -n 's/.*version \([0-9][0-9]*\)\..*/\1/p' | head -n 1)
if [ "$version" != 14 ]; then
	echo "tests/format.sh: note: $cf is version ${version:-unknown}; CI uses 14 (Debian 12)" >&2
fi

if [ $# -eq 0 ]; then
	set -- $(find src tests bench -type f \( -name '*.c' -o -name '*.h' \) 2>/dev/null | LC_ALL=C sort)
fi

checked=0
bad=""
for f in "$@"; do
	checked=$((checked + 1))
	if ! "$cf" --style=file --dry-run --Werror "$f" >/dev/null 2>&1; then
		bad="$bad $f"
	fi
done

if [ -z "$bad" ]; then
	echo "clang-format: $checked files formatted as .clang-format says"
	exit 0
fi
n=0
for f in $bad; do
	n=$((n + 1))
	echo "would change: $f"
done
echo "clang-format: $n of $checked files are not formatted as .clang-format says."
echo "See the changes:  $cf --style=file FILE | diff -u FILE -"
echo "Fix them:         $cf --style=file -i$bad"
exit 1
