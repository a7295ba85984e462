#!/usr/bin/env bash
# Installs the Debian 12 packages quorum needs, and only those that are missing.
# Idempotent: when everything is present it runs no apt-get at all.
# Usage: tools/install-deps.sh [build|test|fuzz|bench]
set -euo pipefail
profile=${1:-build}
pkgs=(cmake make g++ pkg-config libcurl4-openssl-dev libmimetic-dev libre2-dev nlohmann-json3-dev
      catch2 libsqlite3-dev libssl-dev zlib1g-dev libcli11-dev libtomlplusplus-dev libkainjow-mustache-dev
      libstemmer-dev libjemalloc-dev)
case "$profile" in
  test)  pkgs+=(python3 time clang libclang-rt-14-dev libfuzzer-14-dev chromium) ;;
  fuzz)  pkgs+=(clang libfuzzer-14-dev libclang-rt-14-dev) ;;
  # bench/run.sh: the corpus script and CPython baseline, /usr/bin/time, and GMime for its peer.
  bench) pkgs+=(python3 time gcc libgmime-3.0-dev) ;;
  build) ;;
  *) echo "install-deps: unknown profile '$profile'" >&2; exit 2 ;;
esac
missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "install-deps: missing ${missing[*]}; run this as root (or install sudo) to install them" >&2
    exit 1
  fi
  sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
