#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Golden outputs: runs the quorum binary on one case and compares every output byte for byte.
# Usage: golden.sh QUORUM_BINARY SOURCE_DIR SHARED_DIR CASE
#   CASE sample: data/sample (from SOURCE_DIR, with its roster)
#   CASE maven:  one real Maven month (from SHARED_DIR/data/ponymail-unit-tests)
# UPDATE_GOLDEN=1 writes the outputs into tests/golden/CASE/ instead of comparing
# (tools/update-golden.sh does that for every case). See tests/golden/README.md.
# Exit codes: 0 same, 1 differs or failed, 77 skipped (shared data absent and CI unset).
set -eu
quorum=$1
src=$2
shared=$3
case_name=$4
golden=$src/tests/golden/$case_name

# Each case runs from a fixed directory with relative input paths, so no output names this
# machine's paths. pages: the report pages kept as golden files (paths under --out).
case "$case_name" in
  sample)
    cwd=$src
    inputs=data/sample
    roster=data/sample/roster.json
    pages="p/RFC-42.html p/github-example-1234-c3897c17a1.html"
    gz_over= ;;
  maven)
    cwd=$shared/data/ponymail-unit-tests
    inputs=maven-dev-2017-12-listsao.mbox
    roster=
    # Javadoc Plugin 3.0.0 (take 3): a release vote that passed, with its result mail.
    pages="p/op.zaoxmso5kdkhrr-desktop-2khsk44.mshome.net-bbaf275119.html"
    # Its outputs hold every message text of the month: those over 64 KiB are stored gzipped.
    gz_over=65536 ;;
  *) echo "golden.sh: unknown case '$case_name'" >&2; exit 2 ;;
esac

if [ ! -d "$cwd" ]; then
  if [ -n "${CI:-}" ] || [ -d "$shared" ]; then
    echo "FAIL: shared test data missing: $cwd (CI is set or the shared dir exists, so this is an error)" >&2
    exit 1
  fi
  echo "SKIP: shared test data missing: $cwd (put the shared data at ../shared to run this)"
  exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/quorum-golden-XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
out=$tmp/out
mkdir "$out"

# run NAME ARGS...: quorum ARGS > $out/NAME; a failing run fails the test with its stderr.
run() {
  name=$1
  shift
  if ! (cd "$cwd" && "$quorum" "$@" >"$out/$name" 2>"$tmp/stderr"); then
    echo "FAIL: quorum $* (in $cwd) exited non-zero:" >&2
    head -n 20 "$tmp/stderr" >&2
    exit 1
  fi
}

roster_arg() { if [ -n "$roster" ]; then printf '%s\n' --roster "$roster"; fi; }

run messages.jsonl messages --quiet $inputs
run threads.json threads --quiet --format json $inputs
# shellcheck disable=SC2046 # roster_arg prints zero or two words without spaces
run votes.json votes --quiet --format json $(roster_arg) $inputs
run positions.json positions --quiet --format json $inputs
# shellcheck disable=SC2046
run report.log report --quiet --out "$tmp/site" $(roster_arg) $inputs
rm -f "$out/report.log"
cp "$tmp/site/report.json" "$out/report.json"
for page in $pages; do
  if [ ! -f "$tmp/site/$page" ]; then
    echo "FAIL: the report has no page $page; pick another in tests/golden/golden.sh. Pages:" >&2
    # shellcheck disable=SC2012 # our own page names, for reading
    (cd "$tmp/site" && ls p | head -n 40) >&2
    exit 1
  fi
  mkdir -p "$out/$(dirname "$page")"
  cp "$tmp/site/$page" "$out/$page"
done

# No output may name a machine-specific directory.
for dir in "$src" "$shared" "$tmp" "$(cd "$cwd" && pwd -P)"; do
  if grep -rlF -- "$dir" "$out" >/dev/null 2>&1; then
    echo "FAIL: outputs name the machine path $dir:" >&2
    grep -rlF -- "$dir" "$out" >&2
    exit 1
  fi
done

# Files larger than gz_over (if set) are stored gzip-compressed (gzip -9n: no name or time, so
# the stored bytes change only when the output does); they are compared decompressed.
files=$(cd "$out" && find . -type f | sed 's|^\./||' | LC_ALL=C sort)

if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
  rm -rf "$golden"
  mkdir -p "$golden"
  for f in $files; do
    mkdir -p "$golden/$(dirname "$f")"
    if [ -n "$gz_over" ] && [ "$(wc -c <"$out/$f")" -gt "$gz_over" ]; then
      gzip -9n <"$out/$f" >"$golden/$f.gz"
    else
      cp "$out/$f" "$golden/$f"
    fi
  done
  echo "golden $case_name: updated $golden"
  exit 0
fi

if [ ! -d "$golden" ]; then
  echo "FAIL: no golden outputs in $golden (run tools/update-golden.sh)" >&2
  exit 1
fi
status=0
for f in $files; do
  if [ -f "$golden/$f.gz" ]; then
    gzip -dc "$golden/$f.gz" >"$tmp/expected"
  elif [ -f "$golden/$f" ]; then
    cp "$golden/$f" "$tmp/expected"
  else
    echo "FAIL: no golden file for $f (run tools/update-golden.sh)" >&2
    status=1
    continue
  fi
  if ! cmp -s "$tmp/expected" "$out/$f"; then
    echo "FAIL: $case_name/$f differs from the golden output (first lines of the diff):"
    diff -u --label "golden/$case_name/$f" --label "quorum output" "$tmp/expected" "$out/$f" |
      head -n 40 || true
    status=1
  fi
done
# A golden file that no output matches any more is stale.
for g in $(cd "$golden" && find . -type f | sed 's|^\./||; s|\.gz$||' | LC_ALL=C sort); do
  [ -f "$out/$g" ] || { echo "FAIL: golden file $g has no output any more" >&2; status=1; }
done
if [ "$status" -ne 0 ]; then
  echo "If the change is intended: tools/update-golden.sh, then review and commit tests/golden/."
fi
exit "$status"
