#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# make bench: throughput and memory of quorum on a ~200 MB mbox of real ASF archives, next to
# grep and CPython's email package. Prints one line per measurement.
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
out=${BENCH_DIR:-$here/out}
mb=${BENCH_MB:-200}
mkdir -p "$out"
corpus=$out/corpus-${mb}mb.mbox
[ -s "$corpus" ] || python3 "$here/make_corpus.py" "$corpus" "$mb"
bytes=$(stat -c %s "$corpus")
quorum=$here/../$build/cli/quorum
cat "$corpus" > /dev/null  # warm the page cache so every tool reads from memory

measure() {  # name, command...
  local name=$1; shift
  local t; t=$( { /usr/bin/time -f '%e %M' "$@" > "$out/$name.out"; } 2>&1 | tail -n 1 )
  local secs=${t% *} rss=${t#* }
  awk -v n="$name" -v s="$secs" -v r="$rss" -v b="$bytes" -v m="$(cat "$out/msgs")" 'BEGIN {
    if (s < 0.01) s = 0.01;
    printf "%-28s %7.2f s %8.1f MB/s %9.0f msgs/s  peak RSS %6.1f MB\n", n, s, b / s / 1e6, m / s, r / 1024 }'
}

grep -c '^From ' "$corpus" > "$out/msgs"
echo "corpus: $corpus ($((bytes / 1000000)) MB, $(cat "$out/msgs") messages)"
measure "grep -c '^From '" grep -c '^From ' "$corpus"
measure "quorum threads (1 job)" "$quorum" threads --quiet --jobs 1 "$corpus"
measure "quorum messages (1 job)" "$quorum" messages --quiet --jobs 1 "$corpus"
if [ "${BENCH_PYTHON:-1}" = 1 ]; then
  measure "python3 email (policy.default)" python3 "$here/py_email_parse.py" "$corpus"
fi
