#!/usr/bin/env bash
# install-deps.sh: install the Debian 12 packages fleetsim needs, if missing.
# usage: scripts/install-deps.sh [--with-test-tools | --with-fuzz]
# (--with-fuzz: clang and libFuzzer for fuzz/; the test tools include them)
set -euo pipefail
pkgs=(meson ninja-build pkg-config gcc libc6-dev libgsl-dev libigraph-dev liblua5.4-dev lua5.4
      gnuplot-nox libopenmpi-dev openmpi-bin)
if [ "${1:-}" = "--with-test-tools" ]; then
  pkgs+=(python3-simpy valgrind chromium)
fi
if [ "${1:-}" = "--with-test-tools" ] || [ "${1:-}" = "--with-fuzz" ]; then
  pkgs+=(clang libclang-rt-14-dev)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
