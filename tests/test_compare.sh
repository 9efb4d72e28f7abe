#!/bin/sh
# test_compare.sh: `fleetsim compare` and interventions (issue 15,
# docs/WHATIF.md): the base against itself, pairing that leaves the base as
# a plain run, a variant that touches some organisations leaving the others'
# rows alone, the staged rollout halting at the right ring, the folder's
# files, and bad variants refused with nothing written.
# usage: test_compare.sh FLEETSIM TESTS_DIR
FS=$1
T=$2
. "$T/tap.sh"
R="$T/.."
W="$T/scenarios/whatif-small.lua"
fcmp() { "$FS" compare "$W" -n 3 -j 2 -q "$@"; }

# The base against itself: zero difference, a zero-width interval, a warning.
fcmp --variant same=staffing=1 -o "$tmp/c0" 2>"$tmp/c0.err"
check $? "compare runs a variant"
grep -q "variant same changes nothing" "$tmp/c0.err"
check $? "a variant that changes nothing is warned about"
py "
import csv, json, sys
d = sys.argv[1]
rows = [r for r in csv.DictReader(open(d + '/compare.csv')) if r['replications'] != '0']
assert rows and all(float(r['difference']) == 0 and float(r['diff_lo95']) == 0 and float(r['diff_hi95']) == 0 for r in rows), rows[:2]
assert all(r['unchanged'] == '1' for r in rows)
j = json.load(open(d + '/compare.json'))
assert j['variants'][0]['unchanged'] is True and j['variants'][0]['fleet_reused'] is True
assert 'changes nothing' in open(d + '/compare.html').read()
m = json.load(open(d + '/manifest.json'))
assert m['kind'] == 'compare' and m['program'] == 'fleetsim', m
" "$tmp/c0"
check $? "the base against itself: zero differences with zero-width intervals, flagged in csv, json and html"

# Pairing leaves the base as a plain run at the same seed.
"$FS" run "$W" -n 3 -j 2 -q --no-report -o "$tmp/run"
for f in summary.json timeseries.csv orgs.csv; do
  cmp -s "$tmp/c0/base/$f" "$tmp/run/$f" || { nok "the compare base's $f equals a plain run's"; continue; }
  ok "the compare base's $f equals a plain run's"
done

# A variant that gives a few organisations boot media changes their rows
# only: the others' draws are their own (common random numbers).
fcmp --variant media=media=0.05 -o "$tmp/c1" --no-report
py "
import csv, sys
d = sys.argv[1]
base = list(csv.DictReader(open(d + '/base/orgs.csv')))
var = list(csv.DictReader(open(d + '/variants/media/orgs.csv')))
assert len(base) == len(var)
changed = [(b, v) for b, v in zip(base, var) if {k: b[k] for k in b if k != 'levers'} != {k: v[k] for k in v if k != 'levers'}]
assert changed, 'no organisation changed'
assert all(v['levers'] == 'media' for b, v in changed), [(v['id'], v['levers']) for b, v in changed]
have = [v for v in var if v['levers']]
assert len(have) < len(var) / 4, len(have)
" "$tmp/c1"
check $? "a variant that changes some organisations leaves every other organisation's orgs.csv row as it was"

# Contractors: none free (an empty pool) changes no outcome; a pool
# shortens the recovery of the organisations that hold a contract.
fcmp --variant empty=contract=1,pool=0 --variant surge=contract=1,pool=2 -o "$tmp/c2" --no-report
py "
import csv, sys
r = {(x['variant'], x['metric'], x['scope']): x for x in csv.DictReader(open(sys.argv[1] + '/compare.csv'))}
assert float(r['empty', 'endpoint_hours_down', 'fleet']['difference']) == 0, r['empty', 'endpoint_hours_down', 'fleet']
s = r['surge', 'endpoint_hours_down', 'fleet']
assert float(s['difference']) < 0 and float(s['diff_hi95']) < 0, s
" "$tmp/c2"
check $? "contractors: an empty pool changes nothing, a pool shortens the endpoint-hours down"

# The staged rollout halts at the right ring, and says when and why.
"$FS" run "$W" -q --no-report -o "$tmp/r1" --set rollout=1 &&
  "$FS" run "$W" -q --no-report -o "$tmp/r2" --set rollout=1 --set crash=0.5 --set halt_share=0.6 --set bake=0.5
py "
import json, sys
a = json.load(open(sys.argv[1] + '/summary.json'))
r = a['rollout']
assert r['rings'] == 3 and r['rings_released'] == 1 and r['halted'] is True, r
# detected within ring 1's bake (1 h from 04:00), before ring 2's release
assert 4.0 < r['detected_hours'] < 5.0 and r['halted_hours'] < 5.0, r
assert r['silent_hosts_seen'] >= max(5, 0.05 * r['fetched_hosts_seen']), r
assert r['crashed_endpoints'] == a['affected_endpoints'] > 0
b = json.load(open(sys.argv[2] + '/summary.json'))['rollout']
assert b['halted'] is False and b['rings_released'] == 3 and b['halted_at'] is None, b
" "$tmp/r1" "$tmp/r2"
check $? "a staged rollout halts after ring 1 when the silent share is reached, and never when it cannot be"
"$FS" run "$W" --no-report -o "$tmp/r3" --set rollout=1 2>/dev/null | grep -q "staged rollout  *halted at 2024-07-19T04:"
check $? "the run's summary says when the rollout halted and why"

# Bad input: exit 2, nothing written.
bad() {
  d=$1 pat=$2
  shift 2
  rm -rf "$tmp/bad"
  "$FS" compare "$@" -n 1 -q -o "$tmp/bad" >"$tmp/bout" 2>"$tmp/berr"
  rc=$?
  [ $rc -eq 2 ] && grep -q -- "$pat" "$tmp/berr" && [ ! -e "$tmp/bad" ]
  check $? "$d (exit $rc: $(head -c 300 "$tmp/berr"))"
}
bad "an unknown parameter names the nearest one, with the usage line" "did you mean 'staffing'" \
  "$W" --variant x=stafing=2
grep -q "^usage: fleetsim compare" "$tmp/berr"
check $? "and prints the usage line"
bad "a variant without PARAM=VALUE" "expected NAME=PARAM=VALUE" "$W" --variant x
bad "a value out of its range" "staffing" "$W" --variant x=staffing=50
bad "no variant at all" "no variant" "$W"
bad "two variants of one name" "two variants are named" "$W" --variant a=pin=0.1 --variant a=pin=0.2
cat >"$tmp/v.lua" <<'LUA'
return {
  name = "v",
  description = "bad",
  set = { pinn = 0.5 },
  source = "test",
}
LUA
bad "a variant file with an unknown parameter: file:line and the nearest name" "v.lua:4: set.pinn: not a parameter of whatif-small (did you mean 'pin'?)" "$W" "$tmp/v.lua"
sed 's/halt_share = { default = 0.05, range = { 0, 1 }/halt_share = { default = 1.5, range = { 0, 2 }/' "$W" >"$tmp/w2.lua"
"$FS" run "$tmp/w2.lua" -q --no-report -o "$tmp/r4" --set rollout=1 2>"$tmp/r4.err"
rc=$?
[ $rc -ne 0 ] && grep -q "detect_share" "$tmp/r4.err" && [ ! -e "$tmp/r4" ]
check $? "a halt threshold outside [0, 1] is refused (exit $rc)"
sed 's/{ assign = "customers", share = 0.3, bake_hours = P.bake },/{ assign = "customers", share = 0.2, bake_hours = P.bake },/' "$W" >"$tmp/w3.lua"
"$FS" run "$tmp/w3.lua" -q --no-report -o "$tmp/r5" --set rollout=1 2>"$tmp/r5.err"
rc=$?
[ $rc -ne 0 ] && grep -q "must sum to 1" "$tmp/r5.err" && grep -q "w3.lua:[0-9]*: interventions.rollout.rings" "$tmp/r5.err"
check $? "rings whose shares do not sum to 1 are refused with file:line (exit $rc: $(head -c 200 "$tmp/r5.err"))"

# The what-if library's variant files load against the reference.
for v in "$R"/scenarios/whatif/*.lua; do
  "$FS" compare "$R/scenarios/crowdstrike-2024.lua" --models "$R/models" "$v" --list-params >/dev/null 2>&1 || { nok "$(basename "$v") loads"; continue; }
done
ok "every scenarios/whatif/ file is a variant of the reference"

echo "1..$n"
exit $((fail > 0))
