#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Rewrites the golden outputs (tests/golden/<case>/) from the current quorum binary, on purpose.
# Usage: tools/update-golden.sh [BUILD_DIR]   (default: build). Review `git diff tests/golden`
# before committing: every change there is a change in what quorum prints.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
[ -f "$build/CMakeCache.txt" ] || cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target quorum
cd "$build"
UPDATE_GOLDEN=1 ctest -R '^golden:' --output-on-failure
git -C "$root" status --short -- tests/golden
