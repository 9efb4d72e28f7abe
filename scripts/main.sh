#!/usr/bin/env bash
# main.sh: install what is missing, build (release), and run the main job.
# The main job is the engine benchmark until the reference scenario lands;
# its table goes to stdout and to results/phold-bench.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --with-test-tools
[ -d build-release ] || meson setup build-release --buildtype=release >/dev/null
ninja -C build-release >/dev/null
mkdir -p results
bash bench/phold.sh build-release/src/fleetsim | tee results/phold-bench.txt.tmp
mv results/phold-bench.txt.tmp results/phold-bench.txt
echo "main: wrote results/phold-bench.txt"
