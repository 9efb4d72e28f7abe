#!/bin/sh
# bench/graph.sh: time `fleetsim graph` on a generated graph of about
# 100,000 organisations and over 1,000,000 edges (not a test: prints figures).
#
# usage: sh bench/graph.sh [FLEETSIM] [ENDPOINTS] [TAIL_PROVIDERS] [TAIL_PER_ORG]
# The scenario is tests/scenarios/graph.lua with its fleet enlarged to
# ENDPOINTS (default 6e7, about 100,000 organisations) and a synthetic
# long tail of SaaS providers (default 5,000, 4 per organisation).
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FS="${1:-$ROOT/build-rel/src/fleetsim}"
EP="${2:-6e7}"
TAIL="${3:-5000}"
PER="${4:-4}"
W=$(mktemp -d) || exit 1
trap 'rm -rf "$W"' EXIT INT TERM
export FLEETSIM_MODELS="$ROOT/models"
sed -e "s|^    endpoints = 20000,|    endpoints = $EP,|" \
    -e "s|^  graph = vendors,|  graph = { categories = vendors.categories, vendors = vendors.vendors, edges = vendors.edges, synthesis = { cloud_category = \"cloud\", provider_redundancy = 0.5, provider_weight = 0.9, long_tail = { providers = $TAIL, per_org = $PER, weight = 0.05, delay_hours = 1 } } },|" \
    "$ROOT/tests/scenarios/graph.lua" >"$W/bench.lua"
echo "fleetsim graph: $EP endpoints, $TAIL long-tail providers x $PER per organisation"
for opt in "" "--no-centrality"; do
  /usr/bin/time -f "wall %e s, peak RSS %M KiB" "$FS" graph "$W/bench.lua" --top 5 --timings $opt \
    --export "$W/g.graphml" -o "$W/graph.json" >"$W/out" 2>"$W/err"
  rc=$?
  echo "options: ${opt:-(all analyses)}, exit $rc"
  grep -E '^timings|^wall' "$W/err"
  sed -n 1,1p "$W/out"
  ls -l "$W/g.graphml" | awk '{printf "GraphML export: %.1f MB\n", $5 / 1e6}'
done
