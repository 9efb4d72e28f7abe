#!/bin/sh
# test_nowcast.sh: `fleetsim nowcast` (issue 19, docs/CALIBRATION.md) at a
# small scale: the folder's files and ordered quantiles, bytes that do not
# depend on repetition or -j, a longer observed file reusing the ensemble,
# and bad input refused with file:line or the option, exit 2 and nothing
# written.
# usage: test_nowcast.sh FLEETSIM TESTS_DIR
FS=$1
T=$2
. "$T/tap.sh"
cd "$T/.." || exit 1
S=scenarios/crowdstrike-2024.lua
P="--param staffing_factor=0.5:2 --param tail_share_factor=0.5:2 --param tail_delay_hours=60:200"
nc() { "$FS" nowcast "$S" --scale 0.005 --samples 40 $P "$@"; }

cat >"$tmp/obs6.csv" <<'CSV'
time,output,value,industry,sd
2024-07-19T05:00Z,crashed_endpoints,2500000,,
2024-07-19T06:00Z,crashed_endpoints,5200000,,
2024-07-19T06:00Z,down_endpoints,5000000,,0.2
8,orgs_impaired,9000,,
CSV
cp "$tmp/obs6.csv" "$tmp/obs12.csv"
cat >>"$tmp/obs12.csv" <<'CSV'
2024-07-19T10:00Z,down_endpoints,3800000,,
2024-07-19T12:00Z,down_endpoints,3000000,,
2024-07-19T16:00Z,down_endpoints,2200000,,
CSV

nc --observed "$tmp/obs6.csv" -j 2 -o "$tmp/a" >"$tmp/out" 2>"$tmp/err"
check $? "a nowcast runs"
for f in forecast.csv weights.csv nowcast.json manifest.json ensemble/sweep.json ensemble/tasks.csv; do
  [ -f "$tmp/a/$f" ] || { nok "the folder has $f"; continue; }
  ok "the folder has $f"
done
py "
import csv, json, sys
d = sys.argv[1]
rows = list(csv.DictReader(open(d + '/forecast.csv')))
assert rows[0]['target'] == 'loss_total', rows[0]
for r in rows:
    v = [float(r[k]) for k in ('prior_p05', 'prior_p50', 'prior_p95', 'p05', 'p50', 'p95')]
    assert v[0] <= v[1] <= v[2] and v[3] <= v[4] <= v[5], r
w = [float(r['weight']) for r in csv.DictReader(open(d + '/weights.csv'))]
assert len(w) == 40 and abs(sum(w) - 1) < 1e-9, sum(w)
j = json.load(open(d + '/nowcast.json'))
assert len(j['observations']) == 4 and j['ess'] > 0 and j['degenerate'] == (j['ess'] < 10), j['ess']
m = json.load(open(d + '/manifest.json'))
assert m['kind'] == 'nowcast' and any(i['role'] == 'observed' for i in m['inputs']), m
" "$tmp/a"
check $? "forecast quantiles ordered, weights sum to 1, ESS and the manifest"
grep -q 'effective sample size' "$tmp/out" && grep -q 'loss_total' "$tmp/out"
check $? "it prints the ESS and the fleet's forecast"

nc --observed "$tmp/obs6.csv" -j 2 -o "$tmp/b" >/dev/null 2>&1 && cmp -s "$tmp/a/forecast.csv" "$tmp/b/forecast.csv"
check $? "the same command twice: byte-identical forecast.csv"
nc --observed "$tmp/obs6.csv" -j 1 -o "$tmp/c" >/dev/null 2>&1 && cmp -s "$tmp/a/forecast.csv" "$tmp/c/forecast.csv" &&
  cmp -s "$tmp/a/weights.csv" "$tmp/c/weights.csv"
check $? "-j 1 and -j 2: byte-identical forecast.csv and weights.csv"

lines=$(wc -l <"$tmp/a/ensemble/tasks.csv")
nc --observed "$tmp/obs12.csv" -o "$tmp/a" >"$tmp/out12" 2>&1
check $? "a longer observed file runs in the same folder"
[ "$(wc -l <"$tmp/a/ensemble/tasks.csv")" -eq "$lines" ] && grep -q ' 0 simulations run' "$tmp/out12"
check $? "it reuses the ensemble (no new simulations: the journal keeps $lines lines)"
! cmp -s "$tmp/a/forecast.csv" "$tmp/b/forecast.csv" && py "
import json, sys
assert len(json.load(open(sys.argv[1] + '/nowcast.json'))['observations']) == 7
" "$tmp/a"
check $? "the forecast changes with the new counts"

# Bad input: exit 2, the file's line or the option named, no folder.
bad() { # NAME PATTERN ARGS...
  name=$1 pat=$2
  shift 2
  rm -rf "$tmp/bad"
  "$FS" nowcast "$S" --scale 0.005 --samples 40 -o "$tmp/bad" "$@" >/dev/null 2>"$tmp/berr"
  rc=$?
  if [ "$rc" -eq 2 ] && grep -q -- "$pat" "$tmp/berr" && [ ! -e "$tmp/bad" ]; then
    ok "$name: exit 2, '$pat', nothing written"
  else
    nok "$name: exit $rc, $(cat "$tmp/berr")"
  fi
}
printf 'time,output,value\n6,crashed_endpoints,1000\n7,crashd_endpoints,2000\n' >"$tmp/o1.csv"
bad "unknown output" "o1.csv:3:.*did you mean \"crashed_endpoints\"" $P --observed "$tmp/o1.csv"
printf 'time,output,value\n2024-08-10T00:00Z,crashed_endpoints,1000\n' >"$tmp/o2.csv"
bad "time outside the scenario" "o2.csv:2:.*outside the scenario" $P --observed "$tmp/o2.csv"
printf 'time,output,value\n2024-07-25T00:00Z,crashed_endpoints,1000\n' >"$tmp/o7.csv"
bad "time after the nowcast's window" "o7.csv:2:.*first 48 h" $P --observed "$tmp/o7.csv"
printf 'time,output,value\n6,crashed_endpoints,-5\n' >"$tmp/o3.csv"
bad "negative count" "o3.csv:2:.*non-negative" $P --observed "$tmp/o3.csv"
printf 'time,output,value,industry\n6,orgs_impaired,5,airline\n' >"$tmp/o4.csv"
bad "unknown industry" "o4.csv:2:.*did you mean \"airlines\"" $P --observed "$tmp/o4.csv"
printf 'time,output,value\n6,flights_cancelled,5\n' >"$tmp/o5.csv"
bad "flights without an operations layer" "o5.csv:2:.*operations layer" $P --observed "$tmp/o5.csv"
printf 'time,output,value\n6,down_endpoints,5\n6,down_endpoints,7\n' >"$tmp/o6.csv"
bad "a repeated count" "o6.csv:3:.*also on line 2" $P --observed "$tmp/o6.csv"
bad "undeclared --param" "staffing_factr" --param staffing_factr=0.5:2 --observed "$tmp/obs6.csv"
bad "range outside the declared one" "staffing_factor" --param staffing_factor=0.01:2 --observed "$tmp/obs6.csv"
bad "missing observed file" "nope.csv" $P --observed "$tmp/nope.csv"
bad "neither --observed nor --coverage" "--observed" $P

echo "1..$n"
[ "$fail" -eq 0 ]
