#!/usr/bin/env bash
# main.sh: install what is missing, build (release), and run the main job:
# the reference scenario (19 July 2024), full scale, one replication, with
# its results folder in results/crowdstrike-2024/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
[ -d build-release ] || meson setup build-release --buildtype=release >/dev/null
ninja -C build-release >/dev/null
build-release/src/fleetsim run scenarios/crowdstrike-2024.lua -o results/crowdstrike-2024 "$@"
