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
  # Throughput is computed on CPU time (user + sys), which a busy machine disturbs far less than
  # wall time; both are printed.
  local name=$1; shift
  local t; t=$( { /usr/bin/time -f '%e %U %S %M' "$@" > "$out/$name.out"; } 2>&1 | tail -n 1 )
  read -r wall user sys rss <<< "$t"
  awk -v n="$name" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v b="$bytes" \
      -v m="$(cat "$out/msgs")" 'BEGIN {
    c = u + s; if (c < 0.01) c = 0.01;
    printf "%-30s %6.2f s cpu (%6.2f s wall) %8.1f MB/s %9.0f msgs/s  peak RSS %6.1f MB\n",
           n, c, w, b / c / 1e6, m / c, r / 1024 }'
}

grep -c '^From ' "$corpus" > "$out/msgs"
echo "corpus: $corpus ($((bytes / 1000000)) MB, $(cat "$out/msgs") messages)"
measure "grep -c '^From '" grep -c '^From ' "$corpus"
measure "quorum threads (1 job)" "$quorum" threads --quiet --jobs 1 "$corpus"
measure "quorum messages (1 job)" "$quorum" messages --quiet --jobs 1 "$corpus"
# positions = the same parse (bodies and own text) + position analysis of every thread.
measure "quorum positions (1 job)" "$quorum" positions --quiet --jobs 1 "$corpus"
if [ "${BENCH_PYTHON:-1}" = 1 ]; then
  measure "python3 email (policy.default)" python3 "$here/py_email_parse.py" "$corpus"
fi
