#!/bin/sh
# test_validate.sh: `fleetsim validate` (issue 14, docs/VALIDATION.md) on a
# fast subset of the history library: the folder's files and the printed
# scoreboard, calibration figures kept out of the score, determinism
# across -j, --strict, and bad event and observation files refused with
# file:line and nothing written.
# usage: test_validate.sh FLEETSIM TESTS_DIR
FS=$1
T=$2
. "$T/tap.sh"
R="$T/.."
H="$R/scenarios/history"
val() { "$FS" validate --models "$R/models" --scale 0.002 -n 2 "$@"; }

"$FS" validate --list-outputs >"$tmp/outputs" && grep -q '^  orgs_hit_own ' "$tmp/outputs" &&
  grep -q '^  recovered_share ' "$tmp/outputs"
check $? "--list-outputs names the outputs an observation may compare with"

val --library "$H" -j 2 -o "$tmp/v" crowdstrike-2024 kaseya-vsa-2021 >"$tmp/out" 2>"$tmp/err"
check $? "validate runs two events of the library"
grep -q '^Scoreboard' "$tmp/out" && grep -q '^  all events ' "$tmp/out" &&
  grep -q '^  kaseya-vsa-2021 ' "$tmp/out"
check $? "it prints the scoreboard, per event and overall"

py "
import csv, json, sys
d = sys.argv[1]
m = json.load(open(d + '/manifest.json'))
assert m['program'] == 'fleetsim' and m['kind'] == 'validation', m
rows = list(csv.DictReader(open(d + '/validation.csv')))
j = json.load(open(d + '/validation.json'))
assert [e['event'] for e in j['events']] == ['crowdstrike-2024', 'kaseya-vsa-2021']
n = sum(len(e['observations']) for e in j['events'])
assert len(rows) == n > 0, (len(rows), n)
val = [r for r in rows if r['use'] == 'validation']
cal = [r for r in rows if r['use'] == 'calibration']
assert j['validation']['observations'] == len(val) and j['calibration']['observations'] == len(cal)
assert j['validation']['in_band'] == sum(int(r['in_band']) for r in val)
# the figures the reference was calibrated on are not evidence
use = {(r['event'], r['observation']): r['use'] for r in rows}
for o in ('devices_crashed', 'recovered_25jul', 'recovered_29jul'):
    assert use[('crowdstrike-2024', o)] == 'calibration', o
assert use[('crowdstrike-2024', 'f500_disrupted')] == 'validation'
for r in rows:
    assert r['source'] and r['figure'], r
    if r['simulated_mean'] == '':   # no replication had a value: out of band
        assert r['in_band'] == '0' and r['replications_with_value'] == '0', r
        continue
    lo, hi, mean = float(r['band_lo']), float(r['band_hi']), float(r['simulated_mean'])
    assert int(r['in_band']) == (lo <= mean <= hi and r['replications_with_value'] == '2'), r
    assert abs(float(r['ratio']) - mean / float(r['public_value'])) < 1e-4 * abs(float(r['ratio'])), r
    assert float(r['simulated_p05']) <= float(r['simulated_p95']), r
assert any(r['size'] == '10000+' and r['industry'] == 'airlines' for r in rows)
for e in ('crowdstrike-2024', 'kaseya-vsa-2021'):
    s = json.load(open(d + '/events/' + e + '/summary.json'))
    assert json.load(open(d + '/events/' + e + '/manifest.json'))['kind'] == 'run'
html = open(d + '/validation.html').read()
assert '<svg' in html and 'kaseya-vsa-2021' in html and 'Scoreboard' in html
" "$tmp/v"
check $? "validation.csv, .json and .html agree; calibration rows are not in the score; each event has its results folder"

val --library "$H" -j 1 -o "$tmp/v1" -q kaseya-vsa-2021 && val --library "$H" -j 2 -o "$tmp/v2" -q kaseya-vsa-2021 &&
  cmp -s "$tmp/v1/validation.csv" "$tmp/v2/validation.csv" &&
  cmp -s "$tmp/v1/events/kaseya-vsa-2021/summary.json" "$tmp/v2/events/kaseya-vsa-2021/summary.json"
check $? "the same inputs give byte-identical results with -j 1 and -j 2"

val --library "$H" -o "$tmp/v" -q kaseya-vsa-2021 && [ "$(ls "$tmp/v/events")" = kaseya-vsa-2021 ]
check $? "a rerun replaces its validation folder whole"

# A library of one event whose figure cannot be met.
mkdir -p "$tmp/lib"
cp "$H/kaseya-vsa-2021.lua" "$H/kaseya-vsa-2021.obs.lua" "$tmp/lib/"
sed 's/band = { 800, 1560 }, value = 1100/band = { 1e9, 2e9 }/' "$H/kaseya-vsa-2021.obs.lua" \
  >"$tmp/lib/kaseya-vsa-2021.obs.lua"
val --library "$tmp/lib" -o "$tmp/s0" -q
s0=$?
val --library "$tmp/lib" -o "$tmp/s1" -q --strict
s1=$?
[ $s0 -eq 0 ] && [ $s1 -eq 4 ]
check $? "a figure out of band: exit 0, and 4 with --strict (got $s0, $s1)"

# Bad input: exit 2, file:line: field in the message, nothing written.
bad() { # DESCRIPTION PATTERN SED-EXPRESSION FILE
  rm -rf "$tmp/bad" "$tmp/bo"
  mkdir -p "$tmp/bad"
  cp "$H/kaseya-vsa-2021.lua" "$H/kaseya-vsa-2021.obs.lua" "$tmp/bad/"
  sed "$3" "$H/$4" >"$tmp/bad/$4"
  val --library "$tmp/bad" -o "$tmp/bo" -q 2>"$tmp/berr"
  rc=$?
  [ $rc -eq 2 ] && grep -q -- "$2" "$tmp/berr" && [ ! -e "$tmp/bo" ]
  check $? "$1 (exit $rc: $(cat "$tmp/berr"))"
}
bad "an unknown output" 'kaseya-vsa-2021.obs.lua:[0-9]*: observations\[1\].output: unknown output' \
  's/output = "orgs_hit_own"/output = "orgs_hitt"/' kaseya-vsa-2021.obs.lua
bad "a band with lo > hi" 'obs.lua:[0-9]*: observations\[1\].band: lo > hi' \
  's/band = { 800, 1560 }, value = 1100/band = { 1560, 800 }/' kaseya-vsa-2021.obs.lua
bad "a missing source" 'obs.lua:[0-9]*: observations\[2\].source: missing required field' \
  '/Coop supermarkets in Sweden reopen/d' kaseya-vsa-2021.obs.lua
bad "an observation without use" 'observations\[1\].calibration: missing required field' \
  '0,/calibration = false,/{/calibration = false,/d}' kaseya-vsa-2021.obs.lua
bad "a parameter not marked as a documented fact" \
  'kaseya-vsa-2021.lua:[0-9]*: params.reach: not marked as a documented fact' \
  's/^local sc = base.supply_chain$/local sc = { reach = params { reach = { default = 0.6, range = { 0, 1 }, unit = "share", description = "d" } }.reach, reimage_factor = 4 }/' \
  kaseya-vsa-2021.lua
bad "an event file of another event" 'obs.lua:[0-9]*: event: must be .kaseya-vsa-2021.' \
  's/event = "kaseya-vsa-2021"/event = "other"/' kaseya-vsa-2021.obs.lua
bad "recovered_share without at" 'obs.lua:[0-9]*: observations\[2\].at: .recovered_share. needs at' \
  's/, at = "2021-07-06T12:00:00Z"//' kaseya-vsa-2021.obs.lua
bad "an at after the simulated span" 'obs.lua:[0-9]*: observations\[3\].at: must lie within' \
  's/at = "2021-07-10T12:00:00Z"/at = "2021-08-30T12:00:00Z"/' kaseya-vsa-2021.obs.lua
bad "a band and a tolerance" 'observations\[1\].tolerance: give a band or a value' \
  's/band = { 800, 1560 }, value = 1100/band = { 800, 1560 }, value = 1100, tolerance = 2/' kaseya-vsa-2021.obs.lua

bad "an unknown size class" 'obs.lua:[0-9]*: observations\[1\].size: ' \
  's/output = "orgs_hit_own",/output = "orgs_hit", size = "huge",/' kaseya-vsa-2021.obs.lua
bad "a size class on an output without one" 'observations\[1\].size: .orgs_hit_own. takes no size class' \
  's/output = "orgs_hit_own",/output = "orgs_hit_own", size = "10000+",/' kaseya-vsa-2021.obs.lua
bad "a company output without a portfolio" 'observations\[1\].policy: .company_loss_usd. needs policy' \
  's/output = "orgs_hit_own",/output = "company_loss_usd", policy = "DL",/' kaseya-vsa-2021.obs.lua

# A company output reads the event portfolio's policy; an unknown PolicyId is refused.
rm -rf "$tmp/cs" && mkdir -p "$tmp/cs" && cp "$H"/crowdstrike-2024.* "$tmp/cs/"
sed -i 's/policy = "DL"/policy = "DAL"/' "$tmp/cs/crowdstrike-2024.obs.lua"
val --library "$tmp/cs" -o "$tmp/bo" 2>"$tmp/berr"
rc=$?
[ $rc -eq 2 ] && grep -q "crowdstrike-2024.obs.lua:[0-9]*: observations\[[0-9]*\].policy: 'company_loss_usd' needs policy = a PolicyId" "$tmp/berr" && [ ! -e "$tmp/bo" ]
check $? "a company output naming a policy the portfolio lacks is refused (exit $rc)"
val --library "$H" -o "$tmp/vc" -q crowdstrike-2024 && grep -q '^crowdstrike-2024,delta_loss,calibration,company_loss_usd,,,"USD",5.5e+08,.*,2,' "$tmp/vc/validation.csv"
check $? "a company of the event's portfolio has its loss in every replication"
grep -q '^crowdstrike-2024,delta_machines,calibration,company_hit_endpoints,,,"endpoints",37000,.*,2,' "$tmp/vc/validation.csv"
check $? "and its endpoints hit"

# A provider outage on the economy: the provider's direct dependents hit.
val --library "$H" -o "$tmp/vf" -q fastly-2021 && py "
import csv, sys
r = list(csv.DictReader(open(sys.argv[1] + '/validation.csv')))
assert len(r) == 1 and r[0]['output'] == 'provider_dependents_hit_share', r
x = float(r[0]['simulated_mean'])
assert 0 < x <= 1 and r[0]['replications_with_value'] == '2', r
" "$tmp/vf"
check $? "provider_dependents_hit_share is a share of the provider's dependents"

# A loss over revenue, of one size class: a share of a year's revenue.
val --library "$H" -o "$tmp/vs" -q aws-s3-2017 && py "
import csv, sys
r = {x['observation']: x for x in csv.DictReader(open(sys.argv[1] + '/validation.csv'))}
x = r['sp500_loss_share']
assert x['output'] == 'loss_revenue_share' and x['size'] == '10000+', x
assert x['replications_with_value'] == '2' and 0 < float(x['simulated_mean']) < 1e-2, x
" "$tmp/vs"
check $? "loss_revenue_share is a loss over the revenue of a size class's organisations"

# The worm (incident kind "worm"): it enters the portfolio's companies,
# crosses shared links with cross_probability, and never reboots back.
NP="$H/notpetya-2017.lua"
wrun() { "$FS" run "$NP" --models "$R/models" --scale 0.002 -n 1 -q --no-report "$@"; }
wrun --portfolio "$H/notpetya-2017.portfolio.csv" -o "$tmp/w1" &&
  sed 's/cross_probability = base.worm.cross_probability/cross_probability = 0/' "$NP" >"$tmp/np0.lua" &&
  "$FS" run "$tmp/np0.lua" --models "$R/models" --scale 0.002 -n 1 -q --no-report \
    --portfolio "$H/notpetya-2017.portfolio.csv" -o "$tmp/w0" &&
  py "
import csv, json, sys
for d, cross in ((sys.argv[1], 0), (sys.argv[2], 1)):
    rows = list(csv.DictReader(open(d + '/orgs.csv')))
    hit = [r for r in rows if int(r['affected']) > 0]
    pol = [r for r in rows if r['kind'] == 'policy']
    npf = sum(1 for _ in csv.DictReader(open(sys.argv[3])))
    assert len(pol) == npf and all(int(r['affected']) > 0 for r in pol), (npf, pol)
    if not cross:
        assert all(r['kind'] == 'policy' for r in hit), [r['kind'] for r in hit]
    s = json.load(open(d + '/summary.json'))
    assert s['fixed_by']['reboot'] == 0 and s['fixed_by']['tool'] == 0, s['fixed_by']
" "$tmp/w0" "$tmp/w1" "$H/notpetya-2017.portfolio.csv"
check $? "a worm enters the portfolio's companies only (cross_probability 0), and nothing reboots back"
# refused DESCRIPTION PATTERN SCENARIO [OPTIONS]: `fleetsim run` exits 1
# with PATTERN in its message and writes nothing.
refused() {
  d=$1 pat=$2 sc=$3
  shift 3
  rm -rf "$tmp/wr"
  "$FS" run "$sc" --models "$R/models" --scale 0.002 -q --no-report -o "$tmp/wr" "$@" 2>"$tmp/werr"
  rc=$?
  [ $rc -eq 1 ] && grep -q -- "$pat" "$tmp/werr" && [ ! -e "$tmp/wr" ]
  check $? "$d (exit $rc: $(head -c 200 "$tmp/werr"))"
}
refused "a worm entering through the portfolio without one is refused" \
  "incident.entry: a worm entering through the portfolio needs --portfolio" "$NP"
sed 's/entry = "portfolio",/entry = "provider",/' "$NP" >"$tmp/np1.lua"
refused "a worm entering through a provider names one" \
  "np1.lua:[0-9]*: incident.provider: missing required field" "$tmp/np1.lua"
sed 's/^  graph = graph,$//' "$NP" >"$tmp/np2.lua"
refused "a worm that crosses links needs the graph" \
  "np2.lua:[0-9]*: incident.cross_probability: a worm crosses the dependency graph" "$tmp/np2.lua" \
  --portfolio "$H/notpetya-2017.portfolio.csv"
sed 's/kind = "supply_chain",/kind = "supply_chain", cross_probability = 0.5,/' \
  "$R/scenarios/msp-supply-chain.lua" >"$tmp/sc.lua"
refused "a worm's field on another kind is refused" \
  'sc.lua:[0-9]*: incident.cross_probability: only for kind = "worm"' "$tmp/sc.lua"
sed 's/non_customers = P.non_customers == 1,/non_customers = P.non_customers == 1, customers_of = "sophos",/' \
  "$R/scenarios/crowdstrike-2024.lua" >"$tmp/cs.lua"
refused "a faulty update's fleet of another vendor's customers is refused" \
  "cs.lua:[0-9]*: fleet.customers_of: a faulty update's fleet is its vendor's customers" "$tmp/cs.lua"
rm -rf "$tmp/wl" && mkdir -p "$tmp/wl" && cp "$H/notpetya-2017.lua" "$H/notpetya-2017.obs.lua" "$tmp/wl/"
val --library "$tmp/wl" -o "$tmp/bo" 2>"$tmp/werr"
rc=$?
[ $rc -eq 2 ] && grep -q "notpetya-2017.lua:[0-9]*: incident.entry: a worm entering through the portfolio needs the event's notpetya-2017.portfolio.csv" "$tmp/werr" && [ ! -e "$tmp/bo" ]
check $? "validate refuses a worm event without its portfolio before running anything (exit $rc)"

val --library "$H" -o "$tmp/bo" nosuch-event 2>"$tmp/berr"
rc=$?
[ $rc -eq 2 ] && grep -q 'no observation file' "$tmp/berr" && [ ! -e "$tmp/bo" ]
check $? "an unknown event is refused (exit $rc)"

mkdir -p "$tmp/mine" && echo keep >"$tmp/mine/notes.txt"
val --library "$H" -o "$tmp/mine" -q kaseya-vsa-2021 2>/dev/null
rc=$?
[ $rc -ne 0 ] && [ "$(cat "$tmp/mine/notes.txt")" = keep ]
check $? "a folder fleetsim did not write is never replaced (exit $rc)"

echo "1..$n"
exit $((fail > 0))
