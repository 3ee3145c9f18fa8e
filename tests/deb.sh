#!/bin/bash
# tests/deb.sh - the Debian package: built from a copy of the source (so
# that dpkg-buildpackage, which writes to the parent folder, leaves the
# tree alone), checked by lintian (no errors, no warnings), installed with
# dpkg into a throwaway root (its own dpkg database), listed with dpkg -L,
# and run from there: `rolebook list` on the installed files alone.
#
# Skipped (77), saying why, when the packaging tools or the build
# dependencies are missing, and inside a package build (no recursion).
# The package is built with DEB_BUILD_OPTIONS=nocheck: `make check` is what
# runs this script, so the package's own test run would repeat it.
. "$(dirname "$0")/lib.sh"

skip() {
	echo "SKIP: $1"
	exit 77
}

[ -n "${ROLEBOOK_IN_DEB_BUILD-}" ] && skip "inside a package build (debian/rules sets ROLEBOOK_IN_DEB_BUILD)"
[ -n "${ROLEBOOK_SKIP_DEB-}" ] && skip "ROLEBOOK_SKIP_DEB is set (CI: the package was built once already)"
for tool in dpkg-buildpackage dpkg-checkbuilddeps dh lintian dpkg-deb; do
	command -v "$tool" >/dev/null 2>&1 ||
		skip "$tool is missing (apt-get install dpkg-dev debhelper lintian)"
done
[ -f "$top_srcdir/debian/control" ] || skip "no debian/ folder in $top_srcdir"
missing=$(cd "$top_srcdir" && DEB_BUILD_PROFILES=nocheck dpkg-checkbuilddeps 2>&1) ||
	skip "build dependencies missing: $missing"

# The source: the files git knows (tracked or new, not ignored) from a
# repository, else the whole folder (a release tarball holds nothing else).
src="$TEST_TMP/build/rolebook"
mkdir -p "$src"
if git -C "$top_srcdir" rev-parse --is-inside-work-tree >/dev/null 2>&1 &&
	[ "$(git -C "$top_srcdir" rev-parse --show-toplevel)" = "$(cd "$top_srcdir" && pwd -P)" ]; then
	(cd "$top_srcdir" && git ls-files -z -co --exclude-standard |
		while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
		tar --null -cf - -T -) | tar -xf - -C "$src"
else
	cp -R "$top_srcdir"/. "$src"
	chmod -R u+w "$src"
	[ -f "$src/Makefile" ] && (cd "$src" && make -s distclean >/dev/null 2>&1)
fi
before=$(ls "$top_srcdir"/.. 2>/dev/null | grep -c '^rolebook_.*\.deb$')

log="$TEST_TMP/build.log"
if (cd "$src" && ROLEBOOK_IN_DEB_BUILD=1 DEB_BUILD_OPTIONS="nocheck parallel=2" \
	dpkg-buildpackage -us -uc -b >"$log" 2>&1); then
	pass "dpkg-buildpackage -us -uc -b builds"
else
	fail "dpkg-buildpackage -us -uc -b builds" "$(tail -n 40 "$log")"
	finish
	exit 1
fi
contains "dh ran autoreconf" "dh_autoreconf" "$(cat "$log")"
deb=$(ls "$TEST_TMP"/build/rolebook_*.deb 2>/dev/null | head -n 1)
check "one rolebook_*.deb" "rolebook_$(dpkg-parsechangelog -l "$src/debian/changelog" -S Version)_$(dpkg --print-architecture).deb" \
	"$(basename "$deb")"
check "the source tree got no .deb beside it" "$before" \
	"$(ls "$top_srcdir"/.. 2>/dev/null | grep -c '^rolebook_.*\.deb$')"

# lintian: nothing at error or warning level (overrides need a reason:
# debian/rolebook.lintian-overrides says it for each)
lint=$(lintian --fail-on error,warning "$deb" 2>&1); rc=$?
check "lintian: exit 0" 0 "$rc"
check "lintian: no errors and no warnings" "" "$(printf '%s\n' "$lint" | grep -E '^[EW]: ')"
printf '%s\n' "$lint" | sed 's/^/     lintian: /'
bad=$(grep -B1 -v -E '^(#|$)' "$src/debian/rolebook.lintian-overrides" | grep -c -E '^#') || true
check "every lintian override has a reason above it" \
	"$(grep -c -v -E '^(#|$)' "$src/debian/rolebook.lintian-overrides")" "$bad"

# What the package holds
depends=$(dpkg-deb -f "$deb" Depends)
# libical3: loaded by `calendar` with dlopen, so dpkg-shlibdeps cannot see
# it; debian/control names it
for lib in libncursesw6 libcmark-gfm0 libsqlite3-0 libjansson4 libical3; do
	contains "Depends: $lib" "$lib" "$depends"
done

# Installed into a throwaway root: a dpkg database of its own, the
# system's libraries (the dependencies are checked above, not installed)
root="$TEST_TMP/root"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
: >"$root/var/lib/dpkg/status"
out=$(dpkg --root="$root" --force-depends --force-not-root --log=/dev/null -i "$deb" 2>&1)
check "dpkg -i into a throwaway root" "ii" \
	"$(dpkg --root="$root" -l rolebook 2>/dev/null | awk '/rolebook/ { print $1 }')"
files=$(dpkg --root="$root" -L rolebook)
for f in /usr/bin/rolebook /usr/share/rolebook/roles/program-manager.md \
	/usr/share/rolebook/roles/technical-lead.md /usr/share/man/man1/rolebook.1.gz \
	/usr/share/bash-completion/completions/rolebook /usr/share/doc/rolebook/copyright \
	/usr/share/doc/rolebook/examples/config; do
	contains "dpkg -L: $f" "
$f" "
$files"
done
copyright=$(cat "$root/usr/share/doc/rolebook/copyright")
contains "copyright: machine-readable (DEP-5)" \
	"Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/" "$copyright"
contains "copyright: the content's sources under Apache-2.0" "Files: content/roles/*
Copyright: 2026 rolebook maintainers
           The Kubernetes Authors (the source documents)
License: Apache-2.0" "$copyright"
contains "copyright: the code's paragraph" "Files: *" "$copyright"

# Run from the installed files only: a folder without any build tree, the
# roles of the package (the binary looks in /usr/share/rolebook/roles,
# which is in the throwaway root, not in /), no config file.
mkdir -p "$TEST_TMP/elsewhere"
out=$(cd "$TEST_TMP/elsewhere" && ROLEBOOK_CONTENT_DIR="$root/usr/share/rolebook/roles" \
	"$root/usr/bin/rolebook" list 2>&1)
# every bundled role is installed: the list is the one the source tree gives
check "the installed rolebook list" \
	"$(ROLEBOOK_CONTENT_DIR="$top_srcdir/content/roles" "$ROLEBOOK" list 2>&1)" "$out"
contains "the installed roles include the SIG Chair" "chair	SIG Chair" "$out"
check "the installed rolebook's own data folder" "/usr/share/rolebook/roles" \
	"$(strings "$root/usr/bin/rolebook" | grep -x '/usr/share/rolebook/roles' | head -n 1)"
missing=$(ldd "$root/usr/bin/rolebook" | grep 'not found')
check "every library the binary needs is found" "" "$missing"
out=$(bash -c ". /usr/share/bash-completion/bash_completion 2>/dev/null
	. '$root/usr/share/bash-completion/completions/rolebook' && complete -p rolebook")
check "the installed completion registers" "complete -F _rolebook rolebook" "$out"
if command -v man >/dev/null 2>&1; then
	out=$(MANWIDTH=80 man -l "$root/usr/share/man/man1/rolebook.1.gz" 2>/dev/null | grep -c CONFIGURATION)
	[ "$out" -gt 0 ] && pass "the installed man page reads" || fail "the installed man page reads"
fi

finish
