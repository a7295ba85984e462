#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Seeds and runs the libFuzzer targets.
# Usage: tools/fuzz.sh BUILD_DIR SECONDS_PER_TARGET [TARGET...]   (default: every target)
# Seeds come from ../shared/data (read in place; corpora live in BUILD_DIR, never in the repo).
# Exits non-zero when a target finds a crash, leak, timeout or out-of-memory; the input that
# did it is left in BUILD_DIR/artifacts/.
set -euo pipefail
build=${1:?build dir}
secs=${2:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
shared=$root/../shared/data
seeds=$build/seeds
mkdir -p "$seeds" "$build/corpus" "$build/artifacts"
targets="mbox message headers thread json html votes positions site"

# The stamp names the targets it seeded: a seed tree from before a target was added is redone.
if [ "$(cat "$seeds/.done" 2>/dev/null)" != "$targets" ]; then
  rm -rf "${seeds:?}"/*
  for t in $targets; do mkdir -p "$seeds/$t"; done
  i=0
  while IFS= read -r -d '' f; do
    i=$((i + 1))
    case "$f" in
      *.mbox) head -c 262144 "$f" > "$seeds/mbox/$i" ;;
      *) head -c 262144 "$f" > "$seeds/message/$i"
         # Header values of interest, one seed each.
         grep -a -m 8 -i -E '^(subject|from|to|cc|date|message-id|references|content-type|content-disposition):' "$f" \
           | awk -v d="$seeds/headers" -v n="$i" '{ sub(/^[^:]*: ?/, ""); print > (d "/" n "-" NR) }' || true ;;
    esac
  done < <(find "$shared" -type f ! -name '*.md' ! -name '*.tsv' ! -name '*.yaml' ! -name '*.xml' -print0 | sort -z)
  cp "$seeds/headers/"* "$seeds/json/" 2>/dev/null || true
  cp "$seeds/headers/"* "$seeds/html/" 2>/dev/null || true
  cp "$seeds/message/"* "$seeds/positions/" 2>/dev/null || true
  printf 'AAAA\x81\x82\x83\x84BBBB' > "$seeds/thread/1"
  printf 'Release Foo 1.0 (take 2)\n+1 (binding)\n> -1\nhere is my +1\n[X] -0.5 if\n' > "$seeds/votes/1"
  printf 'Release Foo\n+1 : Ann, Bob and Cy\nPMC quorum: Ann\n+1 3 binding, 2 non-binding\n' > "$seeds/votes/2"
  printf '[VOTE] Release <b>x</b> 1.0\n"Ann" <script>\n<id@x>\n+1 (binding)\n<img src=x onerror=alert(1)>\n' > "$seeds/site/1"
  printf 'Re: \xe2\x80\xae\x01\n\xff\xfe\n../../etc/passwd\n-1 because javascript:alert(1)\n' > "$seeds/site/2"
  cp "$seeds/votes/"* "$seeds/site/" 2>/dev/null || true
  echo "$targets" > "$seeds/.done"
fi

shift 2 || true
run=${*:-$targets}
status=0
for t in $run; do
  case " $targets " in *" $t "*) ;; *) echo "fuzz.sh: no target '$t' (have: $targets)" >&2; exit 2 ;; esac
  corpus=$build/corpus/$t
  mkdir -p "$corpus"
  max_len=65536
  [ "$t" = mbox ] && max_len=1048576
  echo "fuzz_$t: ${secs}s"
  if ! ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
      "$build/tests/fuzz/fuzz_$t" -max_total_time="$secs" -rss_limit_mb=2560 -timeout=10 \
      -max_len="$max_len" -artifact_prefix="$build/artifacts/fuzz_$t-" -print_final_stats=1 \
      "$corpus" "$seeds/$t" > "$build/fuzz_$t.log" 2>&1; then
    echo "fuzz_$t: FAILED, see $build/fuzz_$t.log and $build/artifacts/" >&2
    tail -n 40 "$build/fuzz_$t.log" >&2
    status=1
  else
    grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "$build/fuzz_$t.log" | tail -n 1 || true
  fi
done
exit $status
