#!/bin/bash
# tests/search.sh - `rolebook search PATTERN` (issue 12): every matching
# line of every document as path:section: line (the path in its
# folder), exit status 1 when nothing matches and 2 on an error; the index in $XDG_CACHE_HOME kept
# fresh (a file edited, added, removed, renamed) and made anew when it is
# damaged or cannot be kept at all.
. "$(dirname "$0")/lib.sh"

rb() { "$ROLEBOOK" "$@"; }
D="$TEST_TMP/docs"
mkdir -p "$D"
printf '# Alpha\n\nThe quokka fox.\n\n## Later\n\n- A lazy dog sleeps.\n' >"$D/alpha.md"
printf '# Beta\n\n\303\211mile writes the quokka notes.\n' >"$D/beta.md"
printf 'ignored\n' >"$D/notes.txt"

out=$(rb --content "$D" search quokka); rc=$?
check "search: exit 0 on a match" 0 "$rc"
check "search: path:section: line, in the catalogue's order" "alpha.md:Alpha: The quokka fox.
beta.md:Beta: Émile writes the quokka notes." "$out"
out=$(rb --content "$D" search 'lazy dog')
check "search: a list item, with its section" "alpha.md:Later: • A lazy dog sleeps." "$out"
out=$(rb --content "$D" search 'émile')
check "search: folded letters, as the reader folds them" "beta.md:Beta: Émile writes the quokka notes." "$out"
out=$(rb --content "$D" search 'ÉMILE'); rc=$?
check "search: upper case matches as typed (smart case)" "1:" "$rc:$out"
out=$(rb --content "$D" search 'zebra' 2>&1); rc=$?
check "search: nothing matches: exit 1, nothing said" "1:" "$rc:$out"
err=$(rb --content "$D" search '' 2>&1); rc=$?
check "search: an empty pattern: exit 2" 2 "$rc"
contains "search: an empty pattern: message" "the pattern is empty" "$err"
err=$(rb search 2>&1); rc=$?
check "search: no pattern: exit 2" 2 "$rc"
contains "--help: search" "search PATTERN" "$(rb --help)"
out=$(rb search 'review candidates' 2>&1); rc=$?
check "search: the bundled roles without --content" 1 "$rc"
out=$(rb search 'annual report' | head -1)
contains "search: the bundled roles" "chair.md:" "$out"
# the user's roles folder is searched too
mkdir -p "$XDG_DATA_HOME/rolebook/roles"
printf '# Mine\n\nA zanzibar note.\n' >"$XDG_DATA_HOME/rolebook/roles/mine.md"
out=$(rb search zanzibar)
check "search: the user's roles folder" "mine.md:Mine: A zanzibar note." "$out"

# a tree: each document by its path in its folder; a README.md in two
# folders is two documents
T="$TEST_TMP/tree"
mkdir -p "$T/sig-a/deep" "$T/sig-b"
printf '# SIG A\n\nA wombat lives here.\n' >"$T/sig-a/README.md"
printf '# Deep\n\nThe deepest wombat.\n' >"$T/sig-a/deep/notes.md"
printf '# SIG B\n\nNo wombat here.\n' >"$T/sig-b/README.md"
out=$(rb --content "$T" search wombat)
check "search: paths in the folder, in a tree" "sig-a/README.md:SIG A: A wombat lives here.
sig-a/deep/notes.md:Deep: The deepest wombat.
sig-b/README.md:SIG B: No wombat here." "$out"
out=$(cd "$T/sig-a" && rb --content . search deepest)
check "search: --content . keeps the path in the folder" "deep/notes.md:Deep: The deepest wombat." "$out"

# -l: each matching document's path once, as grep -l
out=$(rb --content "$T" search -l wombat)
check "search -l: the paths, once each" "sig-a/README.md
sig-a/deep/notes.md
sig-b/README.md" "$out"
out=$(rb --content "$T" search --files-with-matches deepest)
check "search --files-with-matches" "sig-a/deep/notes.md" "$out"
out=$(rb --content "$T" search -l zebra); rc=$?
check "search -l: nothing matches: exit 1" "1:" "$rc:$out"
err=$(rb --content "$T" list -l 2>&1); rc=$?
check "-l with another command: exit 2" 2 "$rc"

# never stale
IDX="$XDG_CACHE_HOME/rolebook/search.db"
test -f "$IDX" && pass "search: the index is in \$XDG_CACHE_HOME" || fail "search: no index at $IDX"
printf '# Alpha\n\nThe brown fox.\n\n## Later\n\n- A lazy dog sleeps.\n' >"$D/alpha.md"
touch -d '2001-01-01' "$D/alpha.md" # the same size, another time
out=$(rb --content "$D" search fox)
check "search: an edited file (same size)" "alpha.md:Alpha: The brown fox." "$out"
# the same size and its modification time put back (touch -r, cp -p,
# rsync -a): the status change time still says it changed
touch -r "$D/alpha.md" "$D/when"
printf '# Alpha\n\nThe brown cat.\n\n## Later\n\n- A lazy dog sleeps.\n' >"$D/alpha.md"
touch -r "$D/when" "$D/alpha.md"
rm -f "$D/when"
out=$(rb --content "$D" search 'brown cat')
check "search: an edit of the same size with its mtime put back" "alpha.md:Alpha: The brown cat." "$out"
printf '# Alpha\n\nThe brown fox.\n\n## Later\n\n- A lazy dog sleeps.\n' >"$D/alpha.md"
printf '# Gamma\n\nA tertiary fox.\n' >"$D/gamma.md"
out=$(rb --content "$D" search fox | wc -l)
check "search: an added file" 2 "$out"
mv "$D/gamma.md" "$D/delta.md"
out=$(rb --content "$D" search tertiary)
check "search: a renamed file" "delta.md:Gamma: A tertiary fox." "$out"
rm "$D/delta.md"
out=$(rb --content "$D" search tertiary); rc=$?
check "search: a removed file" "1:" "$rc:$out"

# damaged: made anew
printf 'this is no database at all, not even close to one....' >"$IDX"
out=$(rb --content "$D" search brown 2>&1); rc=$?
check "search: a damaged index is made anew" "0:alpha.md:Alpha: The brown fox." "$rc:$out"
dd if=/dev/urandom of="$IDX" bs=4096 seek=1 count=8 conv=notrunc 2>/dev/null
out=$(rb --content "$D" search brown 2>&1); rc=$?
check "search: an index with damaged pages is made anew" "0:alpha.md:Alpha: The brown fox." "$rc:$out"
# damaged where the freshness check does not read (pages only a search
# reads): found by the search, made anew, the same lines found
B="$TEST_TMP/big"
python3 - "$B" <<'PY'
import os, random, sys
random.seed(7)
words = ["quill", "lantern", "harbour", "meadow", "copper", "violet", "summit", "ember",
         "thistle", "cobalt", "falcon", "juniper", "marble", "pebble", "saffron", "willow"]
for d in range(120):
    os.makedirs(os.path.join(sys.argv[1], "f%d" % (d % 6)), exist_ok=True)
    with open(os.path.join(sys.argv[1], "f%d" % (d % 6), "doc%d.md" % d), "w") as f:
        f.write("# Document %d\n\n" % d)
        for p in range(150):
            f.write(" ".join(random.choice(words) for _ in range(14)) + ".\n\n")
PY
good=$(rb --content "$B" search saffron | sort | md5sum)
size=$(stat -c %s "$IDX")
dd if=/dev/urandom of="$IDX" bs=1024 seek=$((size / 1024 / 3)) count=$((size / 1024 / 3)) \
	conv=notrunc 2>/dev/null
out=$(rb --content "$B" search saffron 2>&1); rc=$?
check "search: an index damaged in its middle is made anew" "0:$good" "$rc:$(printf '%s\n' "$out" | sort | md5sum)"
check "search: the index is the user's alone" 600 "$(stat -c %a "$IDX")"

# -l reads a document only until its word (the first 8 KiB of its folded
# text, then the rest in pieces): the same documents as the lines' own,
# for a word near the top, one only far down (past the first pieces), one
# across the end of the first 8 KiB, and case as typed
L="$TEST_TMP/long"
python3 - "$L" <<'PY'
import os, sys
os.makedirs(sys.argv[1])
for k, at in enumerate([0, 100, 8180, 8186, 8190, 8200, 30000, 60000]):
    with open(os.path.join(sys.argv[1], "doc%d.md" % k), "w") as f:
        f.write("# Doc %d\n\n" % k)
        text = "".join("plain words here, " if i % 40 else "\n\n" for i in range(at // 18))
        f.write(text + "\n\n" + ("Farword" if k % 2 else "farword") + " at the end.\n")
PY
for p in farword Farword "words here" zqxjkw; do
	want=$(rb --content "$L" search -- "$p" | cut -d: -f1 | uniq)
	out=$(rb --content "$L" search -l -- "$p")
	check "search -l: the documents of the lines ($p)" "$want" "$out"
done
check "search -l: a word far down, in every document" 8 "$(rb --content "$L" search -l farword | wc -l)"
check "search -l: case as typed" "doc1.md doc3.md doc5.md doc7.md" "$(rb --content "$L" search -l Farword | tr '\n' ' ' | sed 's/ $//')"

# no place for it: searched all the same, in memory
printf 'a file' >"$TEST_TMP/cachefile"
out=$(XDG_CACHE_HOME="$TEST_TMP/cachefile" rb --content "$D" search brown 2>&1); rc=$?
check "search: without a cache folder" "0:alpha.md:Alpha: The brown fox." "$rc:$out"

finish
