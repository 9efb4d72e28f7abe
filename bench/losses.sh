#!/usr/bin/env bash
# losses.sh: what loss computation costs, and how long a Monte Carlo batch
# of the reference scenario takes.
#  1. the reference scenario at scale 0.1, with and without its costs table
#     (best of 3 each, alternating): wall seconds and their ratio;
#  2. 100 replications at --scale 0.05 with -j 2 (all tables written).
# usage: bench/losses.sh [FLEETSIM]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
fs=${1:-$here/../build-release/src/fleetsim}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ref=$here/../scenarios/crowdstrike-2024.lua
# The same scenario without costs: the loss layer has nothing to do.
sed 's/^  costs = costs,.*$//' "$ref" >"$tmp/nocost.lua"
field() { sed -n "s/.*\"$1\": *\([0-9.]*\).*/\1/p" "$2" | head -1; }
best() { # SCENARIO -> best wall seconds of 3
  local b=1e9
  for i in 1 2 3; do
    "$fs" run "$1" --scale 0.1 -o "$tmp/r" -q
    b=$(awk -v a="$b" -v c="$(field wall_seconds "$tmp/r/manifest.json")" 'BEGIN { print (c < a ? c : a) }')
  done
  echo "$b"
}
with=$(best "$ref")
without=$(MODELS= best "$tmp/nocost.lua")
printf 'reference at scale 0.1, one replication:\n  with costs %.3f s, without %.3f s, ratio %.3f\n' \
  "$with" "$without" "$(awk -v a="$with" -v b="$without" 'BEGIN { print a / b }')"
start=$(date +%s.%N)
"$fs" run "$ref" --scale 0.05 -n 100 -j 2 -o "$tmp/mc" -q
end=$(date +%s.%N)
printf '100 replications at scale 0.05, -j 2: %.1f s wall (manifest: %s s)\n' \
  "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" "$(field wall_seconds "$tmp/mc/manifest.json")"
