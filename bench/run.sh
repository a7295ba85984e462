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
    printf "%-30s %6.2f s cpu (%6.2f s wall) %8.1f MB/s %9.0f msgs/s  peak RSS %6.1f MiB\n",
           n, c, w, b / c / 1e6, m / c, r / 1024 }'
}

grep -c '^From ' "$corpus" > "$out/msgs"
echo "corpus: $corpus ($((bytes / 1000000)) MB, $(cat "$out/msgs") messages)"
measure "grep -c '^From '" grep -c '^From ' "$corpus"
measure "quorum threads (1 job)" "$quorum" threads --quiet --jobs 1 "$corpus"
measure "quorum messages (1 job)" "$quorum" messages --quiet --jobs 1 "$corpus"
# positions = the same parse (bodies and own text) + position analysis of every thread.
measure "quorum positions (1 job)" "$quorum" positions --quiet --jobs 1 "$corpus"
# report = parse + votes + positions + HTML pages, report.json, votes.csv and quorum.sqlite.
rm -rf "$out/site"
measure "quorum report (1 job)" "$quorum" report --quiet --jobs 1 --out "$out/site" "$corpus"
if [ "${BENCH_PYTHON:-1}" = 1 ]; then
  measure "python3 email (policy.default)" python3 "$here/py_email_parse.py" "$corpus"
fi

# Stage scaling: CPU time of each stage at n and 8n (linear ~8, quadratic ~64; must be <= 12).
echo
echo "stage scaling (bench/scaling.cc, CPU time):"
"$here/../$build/bench/quorum_scaling" || echo "(a stage is over the bound: bench/scaling.cc; the run goes on)"

# Both cores: the same archives as one file per archive and copy (like a directory of month
# files), each command with 1 and 2 jobs. Files are parsed in parallel, discussions analysed in
# parallel; the report is timed as a nightly re-run (its site already written once), since a
# first run spends much of its time creating ~1,000 files. Wall times need both cores free.
split_mb=${BENCH_SPLIT_MB:-200}
split=$out/split-${split_mb}mb
[ -d "$split" ] || python3 "$here/make_corpus.py" --split "$split" "$split_mb"
bytes=$(cat "$split"/* | wc -c)
cat "$split"/* | grep -c '^From ' > "$out/msgs"
cat "$split"/* > /dev/null
echo
echo "split corpus: $split ($(ls "$split" | wc -l) files, $((bytes / 1000000)) MB, $(cat "$out/msgs") messages)"
rm -rf "$out/split-site"
"$quorum" report --quiet --out "$out/split-site" "$split"
for cmd in threads messages positions report; do
  for j in 1 2; do
    args=("$cmd" --quiet --jobs "$j")
    [ "$cmd" = report ] && args+=(--out "$out/split-site")
    measure "quorum $cmd ($j job$([ "$j" = 1 ] || echo s), split)" "$quorum" "${args[@]}" "$split"
  done
done
rm -rf "$out/split-site"

# BENCH_BIG=1: peak memory against file size. A ~2 GB mbox (ids rewritten per copy) through
# `quorum threads` and `quorum report`, next to the 200 MB one: RSS should grow with the
# message count (per-message metadata), not with bytes; message texts are spilled to a temp
# file (docs/scale.md). Then one 1 GiB message, which must be cut, not loaded. Needs ~3.5 GB
# of free disk (plus ~0.5 GB for the report); the big files are deleted afterwards.
if [ "${BENCH_BIG:-0}" = 1 ]; then
  echo
  big=$out/corpus-2000mb.mbox
  [ -s "$big" ] || python3 "$here/make_corpus.py" "$big" 2000
  for cmd in threads report; do
    for f in "$corpus" "$big"; do
      b=$(stat -c %s "$f")
      n=$(grep -c '^From ' "$f")
      args=("$cmd" --quiet --jobs 1)
      if [ "$cmd" = report ]; then rm -rf "$out/big-site"; args+=(--out "$out/big-site"); fi
      t=$( { /usr/bin/time -f '%e %U %S %M' "$quorum" "${args[@]}" "$f" > /dev/null; } 2>&1 | tail -n 1 )
      read -r wall user sys rss <<< "$t"
      awk -v c="$cmd" -v f="$(basename "$f")" -v b="$b" -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" 'BEGIN {
        printf "quorum %-7s %-22s %6.0f MB %8d msgs %7.2f s cpu (%7.2f s wall) peak RSS %7.1f MiB = %6.0f bytes/msg\n",
               c, f, b / 1e6, n, u + s, w, r / 1024, r * 1024 / n }'
    done
  done
  rm -rf "$big" "$out/big-site"
  one=$out/one-1gib-message.mbox
  python3 - "$one" <<'PY'
import sys
with open(sys.argv[1], "wb") as f:
    f.write(b"From a@example.org Mon Jan  1 00:00:00 2024\nFrom: a@example.org\n"
            b"Message-ID: <huge@example.org>\nDate: Mon, 1 Jan 2024 00:00:00 +0000\n"
            b"Subject: one 1 GiB message\n\n")
    line = b"a" * 99 + b"\n"
    block = line * 10486
    for _ in range(1024):
        f.write(block)
    f.write(b"\nFrom a@example.org Mon Jan  1 00:00:01 2024\nFrom: a@example.org\n"
            b"Message-ID: <after@example.org>\nDate: Mon, 1 Jan 2024 00:00:01 +0000\n\nafter\n")
PY
  for cmd in messages threads; do
    t=$( { /usr/bin/time -f '%e %U %S %M' "$quorum" "$cmd" --quiet --jobs 1 "$one" > "$out/one.$cmd.out"; } 2>&1 | tail -n 1 )
    read -r wall user sys rss <<< "$t"
    awk -v c="$cmd" -v b="$(stat -c %s "$one")" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" \
        -v d="$(grep -c message-truncated "$out/one.$cmd.out" || true)" 'BEGIN {
      printf "quorum %-8s one %d MiB message: %6.2f s cpu (%6.2f s wall) peak RSS %6.1f MiB%s\n",
             c, b / 1048576, u + s, w, r / 1024,
             c == "messages" ? sprintf(", message-truncated diagnostics: %d", d) : "" }'
  done
  rm -f "$one"
fi
