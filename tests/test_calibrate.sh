#!/bin/sh
# test_calibrate.sh: `fleetsim calibrate` (issue 19, docs/CALIBRATION.md)
# on the reference event at a tiny scale: the folder's files, history
# matching's waves and ABC-SMC's generations, byte-identical results
# across threads, shards and a resumed run, and bad input refused with
# file:line or the option, exit 2 and nothing written.
# usage: test_calibrate.sh FLEETSIM TESTS_DIR
FS=$1
T=$2
. "$T/tap.sh"
R="$T/.."
cd "$R" || exit 1
OBS=scenarios/history/crowdstrike-2024.obs.lua
SC=scenarios/crowdstrike-2024.lua
cal() {
  "$FS" calibrate "$SC" --observations "$OBS" --scale 0.002 --check 6 --no-report -q \
    --param tail_share_factor=0.25:3 --param tail_delay_hours=40:300 \
    --param staffing_factor=0.4:2.5 --exclude delta_loss --exclude delta_days \
    --exclude delta_machines "$@"
}
TABLES="runs.csv waves.csv emulators.csv posterior.csv posterior_summary.csv ppc.csv"

cal --waves 2 --points 12 -j 2 -o "$tmp/hm" >"$tmp/out" 2>"$tmp/err"
check $? "history matching runs (2 waves of 12 points)"
py "
import csv, json, sys, math
d = sys.argv[1]
m = json.load(open(d + '/manifest.json'))
assert m['kind'] == 'calibration' and m['method'] == 'history-matching', m
spec = json.load(open(d + '/calibration.json'))
assert spec['format'] == 'fleetsim-calibration/1' and len(spec['params']) == 3
assert len(spec['targets']) == 12, len(spec['targets'])
runs = list(csv.DictReader(open(d + '/runs.csv')))
assert len(runs) == 2 * 12 + 6, len(runs)
assert spec['exclude'] == ['delta_loss', 'delta_days', 'delta_machines']
assert [r['stage'] for r in runs[:12]] == ['wave-1'] * 12 and runs[-1]['stage'] == 'check'
for r in runs:
  for p in spec['params']:
    v = float(r[p['name']])
    assert p['lo'] <= v <= p['hi'], (p, v)
waves = list(csv.DictReader(open(d + '/waves.csv')))
assert [w['wave'] for w in waves] == ['1', '2'], waves
assert float(waves[0]['nonimplausible_share']) == 1.0
assert 0 <= float(waves[1]['nonimplausible_share']) <= 1
post = list(csv.DictReader(open(d + '/posterior.csv')))
assert post and abs(sum(float(r['weight']) for r in post) - 1) < 1e-9
summ = list(csv.DictReader(open(d + '/posterior_summary.csv')))
assert [s['param'] for s in summ] == [p['name'] for p in spec['params']]
for s in summ:
  assert s['verdict'] in ('pinned', 'partly', 'not pinned', 'no match'), s
  assert float(s['p05']) <= float(s['p50']) <= float(s['p95'])
ppc = list(csv.DictReader(open(d + '/ppc.csv')))
assert len(ppc) == 12 and all(r['use'] in ('fit', 'excluded', 'flat') for r in ppc)
# the Fortune 500 shares do not move with remediation parameters: set aside, not fitted
assert {r['use'] for r in ppc if r['observation'].startswith('f500')} == {'flat'}, ppc
assert {r['use'] for r in ppc if r['observation'].startswith('delta')} == {'excluded'}, ppc
for r in ppc:
  if int(r['nvalues']):
    assert float(r['sim_p05']) <= float(r['sim_p50']) <= float(r['sim_p95'])
" "$tmp/hm"
check $? "its folder: calibration.json, runs, waves, posterior (weights sum to 1), summary, ppc"

cal --waves 2 --points 12 -j 1 -o "$tmp/hm1" >/dev/null 2>&1
same=0
for f in $TABLES calibration.json; do cmp -s "$tmp/hm/$f" "$tmp/hm1/$f" || same=1; done
check $same "-j 1 and -j 2 give byte-identical tables"

# Shards: each invocation runs its shard of the current stage; every shard
# again when all have finished, until the calibration is done.
for round in 1 2 3 4; do
  for s in 1 2; do cal --waves 2 --points 12 -j 1 --shard $s/2 -o "$tmp/sh" >/dev/null 2>&1; done
done
same=0
for f in $TABLES; do cmp -s "$tmp/hm/$f" "$tmp/sh/$f" || same=1; done
check $same "two shards, run wave by wave, give the same tables"

# MPI ranks: rank 0 hands each stage's tasks out and shares the results.
if "$FS" version | grep -q "MPI yes" && command -v mpirun >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
  fi
  mpirun --oversubscribe -np 2 "$FS" calibrate "$SC" --observations "$OBS" --scale 0.002 \
    --check 6 --no-report -q --param tail_share_factor=0.25:3 --param tail_delay_hours=40:300 \
    --param staffing_factor=0.4:2.5 --exclude delta_loss --exclude delta_days \
    --exclude delta_machines --waves 2 --points 12 -o "$tmp/mpi" >/dev/null 2>&1
  same=$?
  for f in $TABLES; do cmp -s "$tmp/hm/$f" "$tmp/mpi/$f" || same=1; done
  check $same "mpirun -np 2 gives the same tables"
else
  skip "fleetsim built without MPI, or no mpirun"
fi

# A run killed in wave 2: its journal cut short, the tables gone.
cp -r "$tmp/hm" "$tmp/res"
rm -f "$tmp/res"/*.csv "$tmp/res/manifest.json"
head -n 5 "$tmp/hm/stages/wave-2/tasks.csv" >"$tmp/res/stages/wave-2/tasks.csv"
rm -rf "$tmp/res/stages/check"
cal --waves 2 --points 12 -o "$tmp/res" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "resume" "$tmp/err"
check $? "an unfinished calibration is not continued without --resume (exit 2)"
cal --waves 2 --points 12 -o "$tmp/res" --resume >/dev/null 2>&1
same=$?
for f in $TABLES; do cmp -s "$tmp/hm/$f" "$tmp/res/f" 2>/dev/null; cmp -s "$tmp/hm/$f" "$tmp/res/$f" || same=1; done
check $same "--resume finishes it with the same tables"

cal --waves 2 --points 12 --cutoff 2.5 -o "$tmp/hm" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "another calibration" "$tmp/err"
check $? "a folder of another calibration is refused (exit 2)"

cal --method abc-smc --points 12 --budget 60 -o "$tmp/abc" >/dev/null 2>"$tmp/err"
check $? "ABC-SMC runs (population 12, budget 60)"
py "
import csv, sys
d = sys.argv[1]
g = list(csv.DictReader(open(d + '/generations.csv')))
assert len(g) >= 2, g
tol = [float(r['tolerance']) if r['tolerance'] else float('inf') for r in g]
assert all(b <= a for a, b in zip(tol, tol[1:])), tol
assert all(int(r['accepted']) == 12 for r in g)
post = list(csv.DictReader(open(d + '/posterior.csv')))
assert len(post) == 12 and abs(sum(float(r['weight']) for r in post) - 1) < 1e-9
runs = list(csv.DictReader(open(d + '/runs.csv')))
assert sum(int(r['kept']) for r in runs if r['stage'] != 'check') == 12 * len(g)
" "$tmp/abc"
check $? "its generations: tolerances fall, populations whole, weights sum to 1"

# Bad input: exit 2, a message naming the file and line or the option, nothing written.
bad() { # DESC EXPECT ARGS...
  desc=$1 want=$2
  shift 2
  rm -rf "$tmp/bad"
  "$FS" calibrate "$SC" --scale 0.002 --no-report -q -o "$tmp/bad" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  [ $rc -eq 2 ] && grep -q -- "$want" "$tmp/err" && [ ! -e "$tmp/bad" ]
  check $? "$desc (exit $rc: $(head -c 300 "$tmp/err"))"
}
sed 's/output = "affected_endpoints"/output = "affected_endpointz"/' "$OBS" >"$tmp/unknown.obs.lua"
bad "an unknown output" "unknown.obs.lua:[0-9]*:.*affected_endpointz" \
  --observations "$tmp/unknown.obs.lua" --param staffing_factor=0.5:2
sed 's/at = "2024-07-25T12:00:00Z"/at = "2024-09-25T12:00:00Z"/' "$OBS" >"$tmp/late.obs.lua"
bad "a time outside the scenario" "late.obs.lua:[0-9]*:.*at" \
  --observations "$tmp/late.obs.lua" --param staffing_factor=0.5:2
sed 's/value = 8.5e6, band = { 8.0e6, 9.5e6 }/value = -8.5e6, band = { -9.0e6, 9.5e6 }/' "$OBS" \
  >"$tmp/neg.obs.lua"
bad "a negative count" "neg.obs.lua:[0-9]*:.*value" \
  --observations "$tmp/neg.obs.lua" --param staffing_factor=0.5:2
bad "a parameter the scenario does not declare" "no_such_param" \
  --observations "$OBS" --param no_such_param=0:1
bad "a range outside the declared one" "staffing_factor" \
  --observations "$OBS" --param staffing_factor=0.01:2
bad "an unknown --exclude" "nope" --observations "$OBS" --param staffing_factor=0.5:2 \
  --exclude nope
bad "no --observations" "observations" --param staffing_factor=0.5:2
bad "a degenerate range" "LO < HI" --observations "$OBS" --param staffing_factor=1:1

echo "1..$n"
[ "$fail" -eq 0 ]
