#!/bin/sh
# bench/compare.sh: what `fleetsim compare` costs against a plain run of the
# same replications (issue 15: one variant at most 2.1x), and the variance
# reduction that pairing gives on the economic loss of a 10% staffing
# change (issue 15: at least 25). Not a test: prints figures, measured in
# one run on this machine.
#
# usage: sh bench/compare.sh [FLEETSIM] [SCALE] [REPS]
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FS="${1:-$ROOT/build-release/src/fleetsim}"
SCALE="${2:-0.05}"
REPS="${3:-20}"
W=$(mktemp -d) || exit 1
trap 'rm -rf "$W"' EXIT INT TERM
SC="$ROOT/scenarios/crowdstrike-2024.lua"
export FLEETSIM_MODELS="$ROOT/models"
echo "reference scenario, scale $SCALE, $REPS replications, -j 2 (reports drawn, as a user runs them)"
t0=$(date +%s.%N)
"$FS" run "$SC" --scale "$SCALE" -n "$REPS" -j 2 -q -o "$W/run" || exit 1
t1=$(date +%s.%N)
"$FS" compare "$SC" --scale "$SCALE" -n "$REPS" -j 2 -q --variant staff=staffing_factor=1.1 \
  -o "$W/cmp" 2>/dev/null || exit 1
t2=$(date +%s.%N)
python3 - "$t0" "$t1" "$t2" "$W/cmp/compare.csv" <<'PY'
import csv, sys
t0, t1, t2 = map(float, sys.argv[1:4])
run, cmp = t1 - t0, t2 - t1
print(f"fleetsim run:               {run:7.1f} s")
print(f"fleetsim compare, 1 variant: {cmp:7.1f} s   ratio {cmp / run:.2f} (target <= 2.1)")
for r in csv.DictReader(open(sys.argv[4])):
    if r['scope'] == 'fleet' and r['metric'] in ('economic_loss_usd', 'endpoint_hours_down', 'recovery_h90'):
        print(f"staffing +10%, {r['metric']:20s} difference {float(r['difference']):+.4g} "
              f"[{float(r['diff_lo95']):+.4g}, {float(r['diff_hi95']):+.4g}], "
              f"variance reduction x{float(r['variance_reduction']):.1f}")
PY
