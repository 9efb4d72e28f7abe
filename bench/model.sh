#!/usr/bin/env bash
# bench/model.sh: the outage model against the engine (issue 16), in one run:
# - PHOLD at 1,048,576 LPs (ladder) and the reference scenario at full scale,
#   one replication: events per second of each and their ratio;
# - peak RSS per simulated endpoint of that run;
# - scales 0.01, 0.1 and 1: simulated endpoints, wall seconds and their
#   ratio to the full run; then, for each seed of SEEDS (default: the
#   scenario's own, 2 and 3), 10 replications at 0.01 and at full scale,
#   the economic loss and crashed count of 0.01 against the full run's;
# - -n 20 at -j 1 and -j 2 at scale 0.05: the speed-up, and whether the
#   folders are byte-identical;
# - with BIG=1, the 200-million-endpoint fleet (--set fleet_endpoints=2e8):
#   wall seconds, peak RSS, and the wall ratio to 22 M times 2e8 / 22 M;
# - with BASE=an older fleetsim binary, before and after: its full run's
#   events and wall time (the same work's rate against PHOLD), and for
#   each seed the crashed count, loss and recovery quantiles of both.
# Not a test: prints figures. Machines are shared and noisy: compare the
# ratios, measured in the same run.
# usage: bench/model.sh [FLEETSIM]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
fs=${1:-$here/../build-release/src/fleetsim}
sc=$here/../scenarios/crowdstrike-2024.lua
[ -x "$fs" ] || { echo "model.sh: no fleetsim binary at $fs (build first)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
field() { sed -n "s/.*\"$1\": *\([0-9.e+-]*\).*/\1/p" "$2" | head -1; }
seeds=${SEEDS:-default 2 3}
seedarg() { [ "$1" = default ] || printf -- '--seed %s' "$1"; }
run() { # run NAME ARGS...: one run, wall seconds and peak KiB into $tmp/NAME.time
  local name=$1
  shift
  /usr/bin/time -f "%e %M" -o "$tmp/$name.time" "$fs" run "$sc" -q --no-report -o "$tmp/$name" "$@"
}

j=$("$fs" bench phold --lps 1048576 --end 12.4 --queue ladder --json)
phold=$(echo "$j" | sed -n 's/.*"events_per_second":\([^,}]*\).*/\1/p')
run full --scale 1
read -r wall kib <"$tmp/full.time"
ev=$(field events "$tmp/full/manifest.json")
eps=$(field simulated_endpoints "$tmp/full/manifest.json")
sim=$(field wall_seconds "$tmp/full/manifest.json")
awk -v p="$phold" -v e="$ev" -v s="$sim" -v k="$kib" -v n="$eps" 'BEGIN {
  printf "PHOLD 1,048,576 LPs (ladder): %.0f events/s\n", p
  printf "reference, full scale, 1 replication: %d events in %.2f s (run, without loading): %.0f events/s, ratio %.2f (target >= 0.8)\n", e, s, e / s, e / s / p
  printf "peak RSS %.1f MiB over %d simulated endpoints: %.1f bytes per endpoint (target <= 25)\n", k / 1024, n, k * 1024 / n }'

printf '\n%-6s %12s %9s %9s\n' scale endpoints seconds of_full
for s in 0.01 0.1; do
  run "s$s" --scale "$s"
  read -r w _ <"$tmp/s$s.time"
  awk -v s="$s" -v n="$(field simulated_endpoints "$tmp/s$s/manifest.json")" -v w="$w" -v f="$wall" -v N="$eps" \
    'BEGIN { printf "%-6s %12d (%4.1f%%) %7.2f %8.1f%%\n", s, n, 100 * n / N, w, 100 * w / f }'
done
awk -v n="$eps" -v w="$wall" 'BEGIN { printf "%-6s %12d (100.0%%) %7.2f   100.0%%\n", 1, n, w }'

printf '\n10 replications each (mean), scale 0.01 against the full scale (targets: loss within 5 %%, crashed within 2 %%):\n'
for sd in $seeds; do
  # shellcheck disable=SC2046 # seedarg is empty or two words
  run "f10-$sd" --scale 1 -n 10 -j 2 $(seedarg "$sd")
  # shellcheck disable=SC2046
  run "s10-$sd" --scale 0.01 -n 10 -j 2 $(seedarg "$sd")
  python3 - "$tmp/f10-$sd/summary.json" "$tmp/s10-$sd/summary.json" "$sd" <<'PY'
import json, sys
f, s = (json.load(open(p)) for p in sys.argv[1:3])
def loss(x): return x['loss']['economic_total']['mean']
def crashed(x): return x['replications_stats']['affected_endpoints']['mean']
print(f"  seed {sys.argv[3]:>8}: loss full {loss(f)/1e9:.3f}B, 0.01 {loss(s)/1e9:.3f}B ({100*(loss(s)/loss(f)-1):+.1f}%); "
      f"crashed full {crashed(f):,.0f}, 0.01 {crashed(s):,.0f} ({100*(crashed(s)/crashed(f)-1):+.2f}%)")
PY
done

printf '\nreplications: -n 20 at scale 0.05\n'
/usr/bin/time -f "%e" -o "$tmp/j1.time" "$fs" run "$sc" --scale 0.05 -n 20 -j 1 -q --no-report -o "$tmp/j1"
/usr/bin/time -f "%e" -o "$tmp/j2.time" "$fs" run "$sc" --scale 0.05 -n 20 -j 2 -q --no-report -o "$tmp/j2"
same=yes
for f in summary.json timeseries.csv orgs.csv selt.csv; do cmp -s "$tmp/j1/$f" "$tmp/j2/$f" || same=no; done
awk -v a="$(cat "$tmp/j1.time")" -v b="$(cat "$tmp/j2.time")" -v same="$same" \
  'BEGIN { printf "  -j 1 %.1f s, -j 2 %.1f s: %.2fx (target >= 1.8), identical bytes: %s\n", a, b, a / b, same }'

if [ "${BIG:-0}" = 1 ]; then
  run big --scale 1 --set fleet_endpoints=2e8
  read -r bw bk <"$tmp/big.time"
  awk -v w="$bw" -v k="$bk" -v f="$wall" -v n="$eps" 'BEGIN {
    printf "\n200 M endpoints: %.1f s, peak RSS %.2f GiB (target <= 8), wall %.2fx linear from the full run (target <= 1.2)\n", w, k / 1048576, w / (f * 2e8 / n) }'
fi

if [ -n "${BASE:-}" ]; then
  printf '\nbefore (%s) and after, full scale, 1 replication:\n' "$BASE"
  /usr/bin/time -f "%e %M" -o "$tmp/base.time" "$BASE" run "$sc" -q --no-report -o "$tmp/base"
  awk -v p="$phold" -v e="$(field events "$tmp/base/manifest.json")" -v s="$(field wall_seconds "$tmp/base/manifest.json")" \
    -v k="$(cut -d' ' -f2 "$tmp/base.time")" -v n="$(field simulated_endpoints "$tmp/base/manifest.json")" -v now="$sim" 'BEGIN {
    printf "  before: %d events in %.2f s: %.0f events/s, ratio %.2f; %.1f bytes per endpoint\n", e, s, e / s, e / s / p, k * 1024 / n
    printf "  the same work (its %d events) in this run'"'"'s %.2f s: ratio %.2f\n", e, now, e / now / p }'
  for sd in $seeds; do
    for b in base new; do
      bin=$fs
      [ "$b" = base ] && bin=$BASE
      # shellcheck disable=SC2046
      "$bin" run "$sc" -q --no-report $(seedarg "$sd") -o "$tmp/ba-$b-$sd"
    done
    python3 - "$tmp/ba-base-$sd/summary.json" "$tmp/ba-new-$sd/summary.json" "$sd" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
def row(x): return (x['affected_endpoints'], round(x['loss']['economic_total']['mean']), tuple(x['recovery_hours'][q] for q in ('50', '90', '97', '99')))
same = {k: v for k, v in a.items() if k != 'events'} == {k: v for k, v in b.items() if k != 'events'}
for name, x in (('before', a), ('after', b)):
    c, l, q = row(x)
    print(f"  seed {sys.argv[3]:>8} {name:>6}: crashed {c:,.0f}, loss {l/1e9:.4f}B, recovery p50/p90/p97/p99 {q[0]}/{q[1]}/{q[2]}/{q[3]} h, events {x['events']:,}")
print(f"  seed {sys.argv[3]:>8}: summary.json identical but for the event count: {'yes' if same else 'no'}")
PY
  done
fi
