#!/bin/sh
# bench/propagation.sh: what the dependency layer costs a run. The reference
# scenario with a 10-million-endpoint fleet of small organisations (median
# sizes divided by 20, so about 100,000 organisations) is run with and
# without a dependency graph of over 1,000,000 edges (models/vendors.lua
# plus a synthetic long tail of 5,000 SaaS providers, 8 per organisation).
# Prints wall seconds of both and their ratio (target: at most 1.2).
# usage: sh bench/propagation.sh [FLEETSIM]
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FS="${1:-$ROOT/build-release/src/fleetsim}"
W=$(mktemp -d) || exit 1
trap 'rm -rf "$W"' EXIT INT TERM
export FLEETSIM_MODELS="$ROOT/models"
# Small organisations: a copy of the industries with median sizes / 20.
cat >"$W/small_industries.lua" <<'LUA'
local ind = require "industries"
local list = {}
for i, x in ipairs(ind.list) do
  local y = {}
  for k, v in pairs(x) do y[k] = v end
  y.size = { dist = "lognormal", median = math.max(1, x.size.median / 20), sigma = x.size.sigma }
  list[i] = y
end
return { list = list }
LUA
sed -e 's|^local industries = require "industries"|local industries = require "small_industries"|' \
    -e 's|default = 22.0e6, range|default = 10.0e6, range|' \
    -e 's|^  graph = graph,|  graph = { categories = graph.categories, vendors = graph.vendors, edges = graph.edges, synthesis = { cloud_category = "cloud", provider_redundancy = 0.5, provider_weight = 0.9, long_tail = { providers = 5000, per_org = 8, weight = 0.05, delay_hours = 1 } } },|' \
    "$ROOT/scenarios/crowdstrike-2024.lua" >"$W/with.lua"
sed -e 's|^  graph = {.*|  |' "$W/with.lua" >"$W/without.lua"
for f in with without; do
  "$FS" run "$W/$f.lua" -o "$W/out_$f" -q --no-report || exit 1
  "$FS" graph "$W/$f.lua" --top 1 --no-centrality --timings >/dev/null 2>"$W/t_$f" || true
done
sec() { sed -n 's/.*"wall_seconds": *\([0-9.]*\).*/\1/p' "$W/out_$1/manifest.json"; }
orgs=$(sed -n 's/.*"simulated_organisations": *\([0-9]*\).*/\1/p' "$W/out_with/manifest.json")
edges=$(sed -n 's/.*; [0-9]* nodes, \([0-9]*\) edges/\1/p' "$W/t_with")
a=$(sec with); b=$(sec without)
echo "organisations $orgs, graph edges ${edges:-?}"
awk -v a="$a" -v b="$b" 'BEGIN { printf "run with graph %.2f s, without %.2f s, ratio %.3f\n", a, b, a / b }'
