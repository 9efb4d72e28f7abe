#!/bin/sh
# test_business.sh: the operations layer through the CLI (issue 13):
# ops.csv, summary.json's business block, orgs.csv's columns, make-up,
# determinism, and a bad operations block refused with file:line.
# usage: test_business.sh FLEETSIM TESTS_DIR
FS=$1
T=$2
. "$T/tap.sh"
M="$T/../models"
O="$T/scenarios/ops.lua"
run() { "$FS" run "$@" --models "$M" -q --no-report; }

run "$O" -o "$tmp/a" -n 2 -j 1 && run "$O" -o "$tmp/b" -n 2 -j 2
check $? "the operations scenario runs"
py "
import csv, json, sys
d = sys.argv[1]
rows = list(csv.DictReader(open(d + '/ops.csv')))
h = rows[0].keys()
assert 'ops_airlines' in h and 'ops_retail' in h and 'flights_lost_airlines' in h, h
for r in rows:
    for k, v in r.items():
        if k.startswith('ops_'):
            assert 0 <= float(v) <= 1, (k, v)
f = [float(r['flights_lost_airlines']) for r in rows]
assert all(b >= a - 1e-9 for a, b in zip(f, f[1:])), 'cumulative flights lost must not fall'
assert f[-1] > 0 and min(float(r['ops_airlines']) for r in rows) < 0.9
b = json.load(open(d + '/summary.json'))['business']
a = b['airlines']
assert a['unit'] == 'flights' and a['units_lost'] > 0 and a['operations_paused'] <= a['organisations_hit']
assert b['manufacturing']['makeup_share'] == 0.8 and 'unit' not in b['retail']
o = list(csv.DictReader(open(d + '/orgs.csv')))
assert 'operations_min' in o[0] and 'units_lost' in o[0]
air = [r for r in o if r['industry'] == 'airlines' and int(r['affected']) > 0]
assert air and all(float(r['operations_min']) < 1 for r in air)
assert all(r['units_lost'] == '' for r in o if r['industry'] == 'retail')
tot = sum(float(r['units_lost']) * float(r['weight']) for r in o if r['industry'] == 'airlines' and r['units_lost'])
assert abs(tot - f[-1]) <= 0.05 + 1e-6 * tot, (tot, f[-1])  # ops.csv rounds to 0.1
" "$tmp/a"
check $? "ops.csv, the business block and orgs.csv's columns hold what they say"

# At --scale, an organisation simulated through a sample of its endpoints
# is still reported as itself: the followed organisations of a 0.3 run
# have the revenue and size of the same organisations at full scale.
run "$O" -o "$tmp/s1" && run "$O" --scale 0.3 -o "$tmp/s3"
check $? "the operations scenario runs at scale 1 and 0.3"
py "
import csv, json, sys
a, b = ({x['id']: x for x in json.load(open(d + '/summary.json'))['business_organisations']} for d in sys.argv[1:3])
rows = {int(r['id']): r for r in csv.DictReader(open(sys.argv[2] + '/orgs.csv'))}
sampled = 0
for i, x in b.items():
    r = rows[i]
    assert x['endpoints'] == int(r['own_endpoints']), (x, r)
    sampled += int(r['own_endpoints']) > int(r['endpoints'])
    if i in a:
        assert abs(x['revenue_usd'] - a[i]['revenue_usd']) <= 1e-9 * a[i]['revenue_usd'], (x, a[i])
        assert x['endpoints'] == a[i]['endpoints'], (x, a[i])
assert sampled >= 1 and len(set(a) & set(b)) >= 3, (sampled, set(a) & set(b))
" "$tmp/s1" "$tmp/s3"
check $? "a sampled organisation is reported with its own revenue and size"
cmp -s "$tmp/a/ops.csv" "$tmp/b/ops.csv" && cmp -s "$tmp/a/summary.json" "$tmp/b/summary.json"
check $? "ops.csv and summary.json are the same on one thread and on two"
py "
import csv, json, sys
d = sys.argv[1]
s = json.load(open(d + '/summary.json'))
fo = s['business_organisations']
assert 0 < len(fo) <= 24, fo
# the largest of each industry first, largest first, then the others
n_ind = len({o['industry'] for o in fo})
assert len({o['industry'] for o in fo[:n_ind]}) == n_ind, fo
rev = [o['revenue_usd'] for o in fo]
assert rev[:n_ind] == sorted(rev[:n_ind], reverse=True) and rev[n_ind:] == sorted(rev[n_ind:], reverse=True), rev
rows = list(csv.DictReader(open(d + '/ops.csv')))
orgs = {r['id']: r for r in csv.DictReader(open(d + '/orgs.csv'))}
cols = [k for k in rows[0] if k.startswith('ops_org_')]
assert cols == ['ops_org_%d' % o['id'] for o in fo], (cols, fo)
for o in fo:
    lv = [float(r['ops_org_%d' % o['id']]) for r in rows]
    assert abs(min(lv) - o['operations_lowest']) < 1e-4, o
    om = orgs[str(o['id'])]
    assert om['industry'] == o['industry'] and float(om['operations_min']) <= min(lv) + 1e-4, (om, o)
    if 'unit' in o:
        u = [float(r['flights_lost_org_%d' % o['id']]) for r in rows]
        assert abs(u[-1] - o['units_lost']) <= 0.05 + 1e-9 and abs(sum(o['units_lost_by_day']) - u[-1]) < 0.5, o
a = s['business']['airlines']
assert abs(sum(a['units_lost_by_day']) - a['units_lost']) < 1 + 0.01 * a['units_lost'], a
" "$tmp/a"
check $? "the largest organisations followed: ops.csv columns, business_organisations, units lost by day"

# Make-up: manufacturing keeps 30% with IT down and makes up 80% of the
# rest at a cost of 25%, so its lost gross profit is at most 0.7 x (0.2 +
# 0.8 x 0.25) = 0.28 of the same run without the block (which also had a tail).
run "$T/scenarios/sweep.lua" -o "$tmp/c" -n 2 -j 1 && py "
import csv, sys
def bi(d):
    return sum(float(r['bi_own_usd']) + float(r['bi_dependent_usd'])
               for r in csv.DictReader(open(d + '/orgs.csv')) if r['industry'] == 'manufacturing')
a, c = bi(sys.argv[1]), bi(sys.argv[2])
assert 0 < a <= 0.28 * c * (1 + 1e-9), (a, c)
" "$tmp/a" "$tmp/c"
check $? "make-up: manufacturing's lost gross profit at most 0.28 of the run without operations"

# The report: a business impact section (a row per industry) and the chart
# of operations over time; a run without operations has neither.
"$FS" report "$tmp/a" -q && py "
import sys
d = sys.argv[1]
h = open(d + '/report.html').read()
s = h[h.index('<section id=\"business\">'):]
s = s[:s.index('</section>')]
assert 'href=\"#business\"' in h and 'Business downtime is the time' in s
for ind in ('airlines', 'retail', 'manufacturing'):
    assert '<td>%s</td>' % ind in s, ind
assert 'flights</td>' in s and 'ops_by_industry' in s
dat = [l.split() for l in open(d + '/plots/ops_by_industry.dat') if not l.startswith('#')]
assert len(dat) > 10 and all(0 <= float(x) <= 100 for r in dat for x in r[1:])
assert min(float(r[1]) for r in dat) < 90  # airlines, the first column, fell
" "$tmp/a"
check $? "report: business impact table by industry and the operations chart"
"$FS" run "$T/scenarios/sweep.lua" --models "$M" -q -n 1 -o "$tmp/noops" && py "
import os, sys
d = sys.argv[1]
h = open(d + '/report.html').read()
assert 'id=\"business\"' not in h and 'href=\"#business\"' not in h
assert not os.path.exists(d + '/plots/ops_by_industry.dat') and not os.path.exists(d + '/ops.csv')
" "$tmp/noops"
check $? "report: a run without operations has no business section and no operations chart"
# A tampered ops.csv (a level of 7) is refused naming file, line and column.
cp -r "$tmp/a" "$tmp/t" && python3 - "$tmp/t/ops.csv" <<'PYEOF'
import sys
p = sys.argv[1]
rows = open(p).read().split('\n')
f = rows[5].split(',')
f[2] = '7'
rows[5] = ','.join(f)
open(p, 'w').write('\n'.join(rows))
PYEOF
"$FS" report "$tmp/t" -q 2>"$tmp/err"
[ $? -ne 0 ] && grep -q "ops.csv:6: column 3 (ops_airlines)" "$tmp/err"
check $? "report: a tampered ops.csv level is refused with file:line and column ($(head -c 160 "$tmp/err"))"

# Systems: retail's operations follow its tills (kiosks); on its servers
# instead, the path differs.
cp "$T/scenarios/sweep.lua" "$tmp/" # what ops.lua requires
sed 's/systems = { kiosk = true }/systems = { critical = true }/' "$O" >"$tmp/ops-critical.lua"
run "$tmp/ops-critical.lua" -o "$tmp/crit" -n 2 -j 1 && py "
import csv, sys
def col(d):
    return [float(r['ops_retail']) for r in csv.DictReader(open(d + '/ops.csv'))]
a, c = col(sys.argv[1]), col(sys.argv[2])
assert min(a) < 1 and min(c) < 1 and a != c, (min(a), min(c))
# an impaired store loses operations, tills or not (without any it falls
# back to its capacity)
for r in csv.DictReader(open(sys.argv[1] + '/orgs.csv')):
    if r['industry'] == 'retail' and float(r['min_capacity']) < 0.99:
        assert float(r['operations_min']) < 1, r
" "$tmp/a" "$tmp/crit"
check $? "systems: retail on its tills and on its servers follow different paths"

# A unit's cost: each flight lost adds cost_usd of extra expense (hotels,
# meals, compensation), nothing else moves.
sed 's/unit = { name = "flights", revenue_usd = 40000 }/unit = { name = "flights", revenue_usd = 40000, cost_usd = 15000 }/' "$O" >"$tmp/ops-cost.lua"
run "$tmp/ops-cost.lua" -o "$tmp/cost" -n 2 -j 1 && py "
import csv, sys
a = {r['id']: r for r in csv.DictReader(open(sys.argv[1] + '/orgs.csv'))}
c = {r['id']: r for r in csv.DictReader(open(sys.argv[2] + '/orgs.csv'))}
assert a.keys() == c.keys()
n = 0
for k, r in c.items():
    x = a[k]
    assert r['bi_own_usd'] == x['bi_own_usd'] and r['units_lost'] == x['units_lost'], (r, x)
    want = float(x['extra_expense_usd']) + (15000 * float(x['units_lost']) if r['industry'] == 'airlines' else 0)
    assert abs(float(r['extra_expense_usd']) - want) <= 0.01 + 1e-5 * want, (k, r['extra_expense_usd'], want)
    n += r['industry'] == 'airlines' and float(x['units_lost']) > 0
assert n > 0
" "$tmp/a" "$tmp/cost"
check $? "a unit's cost_usd adds its cost per unit lost to extra expense, nothing else"

# The reference's layer: hospitals count surgeries not performed and hours
# on diversion, airlines flights cancelled; the report names diversion.
"$FS" run "$T/../scenarios/crowdstrike-2024.lua" --models "$M" -q --set operations_layer=1 \
  --set fleet_endpoints=2e6 -n 1 -o "$tmp/ref" && py "
import csv, json, sys
d = sys.argv[1]
b = json.load(open(d + '/summary.json'))['business']
h, a = b['healthcare'], b['airlines']
assert h['unit'] == 'surgeries' and h['paused_as'] == 'diversion' and a['unit'] == 'flights', (h, a)
assert 'paused_as' not in a and h['units_lost'] > 0, (h, a)
rows = [r for r in csv.DictReader(open(d + '/orgs.csv')) if r['industry'] == 'healthcare']
# hours on diversion: the paused hospitals' business downtime, summed with their weights
div = sum(float(r['downtime_hours']) * float(r['org_weight']) for r in rows)
assert abs(div - h['paused_organisation_hours']) <= 1 + 1e-3 * div, (div, h['paused_organisation_hours'])
# surgeries: lost revenue over 28,000 each, as units_lost per organisation says
u = sum(float(r['units_lost']) * float(r['weight']) for r in rows if r['units_lost'])
assert abs(u - h['units_lost']) <= 1 + 1e-3 * u, (u, h['units_lost'])
" "$tmp/ref" && grep -q "[0-9] on diversion" "$tmp/ref/report.html"
check $? "reference layer: surgeries and hours on diversion for hospitals, named in the report"

# Bad operations blocks: file:line, the field, exit 1, no results.
bad() { # bad DESCRIPTION SED WANT
  sed "$2" "$O" >"$tmp/bad.lua"
  "$FS" run "$tmp/bad.lua" --models "$M" -q --no-report -o "$tmp/bad" 2>"$tmp/err"
  [ $? -eq 1 ] && grep -q -e "$3" "$tmp/err" && [ ! -e "$tmp/bad" ]
  check $? "$1 ($(head -c 200 "$tmp/err"))"
}
bad "a make-up share of 1.5 is refused" 's/share = 0.8, cost = 0.25/share = 1.5, cost = 0.25/' \
  "bad.lua:[0-9]*: costs.industries.manufacturing.operations.makeup.share: .*\[0, 1\]"
bad "operations and operational_tail together are refused" \
  's/^costs.industries.airlines.operational_tail = nil/costs.industries.airlines.operational_tail = { hours = 1, capacity_loss = 0.1 }/' \
  "give operations or operational_tail, not both"
bad "a backlog that builds and never drains is refused" 's/drain_per_hour = 0.008/drain_per_hour = 0/' \
  "operations.backlog.drain_per_hour: must be > 0 when the backlog builds"
bad "an unknown capacity source in systems is refused" 's/systems = { kiosk = true }/systems = { kiosks = true }/' \
  "operations.systems.kiosks: unknown field (did you mean 'kiosk'?)"
bad "a negative cost per unit is refused" 's/revenue_usd = 40000 }/revenue_usd = 40000, cost_usd = -5 }/' \
  "operations.unit.cost_usd: must be in \[0, 1000000000000\] (got -5)"
bad "a paused_as that is not an identifier is refused" 's/paused_below = 0.7,/paused_below = 0.7, paused_as = "on diversion",/' \
  "operations.paused_as: "
# models/operations.lua naming an industry the costs do not have
cp -r "$M" "$tmp/mo"
sed -i 's/^  healthcare = {$/  hospitals = {/' "$tmp/mo/operations.lua"
"$FS" run "$T/../scenarios/crowdstrike-2024.lua" --models "$tmp/mo" --set operations_layer=1 -n 1 -q \
  -o "$tmp/mo-out" 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "crowdstrike-2024.lua:[0-9]*: operations.hospitals (models/operations.lua): unknown industry" "$tmp/err" &&
  [ ! -e "$tmp/mo-out" ]
check $? "an operations model naming an unknown industry is refused ($(head -c 200 "$tmp/err"))"
bad "an unknown field in operations gets did-you-mean" 's/paused_below = 0.7,/paused_belw = 0.7,/' \
  "operations.paused_belw: unknown field (did you mean 'paused_below'?)"
echo "1..$n"
[ "$fail" -eq 0 ]
