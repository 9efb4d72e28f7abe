#!/usr/bin/env bash
# scale.sh: the reference scenario at scales 0.01, 0.1 and 1, one replication
# each. Prints simulated endpoints, events, wall seconds, events per second,
# peak RSS and bytes per endpoint (peak RSS / simulated endpoints).
# usage: bench/scale.sh [FLEETSIM] [SCALES...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
fs=${1:-$here/../build-release/src/fleetsim}
shift || true
scales=("$@")
[ ${#scales[@]} -gt 0 ] || scales=(0.01 0.1 1)
[ -x "$fs" ] || { echo "scale.sh: no fleetsim binary at $fs (build first)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
field() { sed -n "s/.*\"$1\": *\([0-9.]*\).*/\1/p" "$2" | head -1; }
printf '%-6s %12s %12s %9s %12s %10s %10s\n' scale endpoints events seconds events/s peak_MiB B/endpoint
for s in "${scales[@]}"; do
  "$fs" run "$here/../scenarios/crowdstrike-2024.lua" --scale "$s" -o "$tmp/r" -q
  m="$tmp/r/manifest.json"
  eps=$(field simulated_endpoints "$m"); ev=$(field events "$m")
  sec=$(field wall_seconds "$m"); rss=$(field peak_rss_kb "$m")
  awk -v s="$s" -v e="$eps" -v v="$ev" -v t="$sec" -v r="$rss" 'BEGIN {
    printf "%-6s %12d %12d %9.2f %12.0f %10.1f %10.1f\n", s, e, v, t, v / t, r / 1024, r * 1024 / e }'
done
