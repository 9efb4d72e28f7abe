#!/bin/sh
# test_market.sh: the vendor's customers among all organisations (issue 13
# item 2, fleet.non_customers, docs/LOSSES.md 2.3): the non-customers of
# each segment number its customers times (1 - s) / s, never crash, leave
# the customers' draws alone, and are counted in summary.json's market block.
# usage: test_market.sh FLEETSIM TESTS_DIR
FS=$1
T=$2
. "$T/tap.sh"
R="$T/.."
S="$R/scenarios/crowdstrike-2024.lua"
run() { "$FS" run "$S" --models "$R/models" -n 1 -q --no-report "$@"; }

# A small fleet at full scale: every customer is in orgs.csv with its size.
run --set fleet_endpoints=2e6 -o "$tmp/on" && run --set fleet_endpoints=2e6 --set non_customers=0 -o "$tmp/off"
check $? "the reference scenario runs with and without non-customers"

# The customers are the same: crash count, recovery, fleet and its rows.
py "
import csv, json, sys
a = json.load(open(sys.argv[1] + '/summary.json')); b = json.load(open(sys.argv[2] + '/summary.json'))
for k in ('fleet_endpoints', 'organisations', 'affected_endpoints', 'peak_down', 'recovery_hours', 'still_down_at_end'):
    assert a[k] == b[k], (k, a[k], b[k])
ra = [r for r in csv.DictReader(open(sys.argv[1] + '/orgs.csv')) if r['kind'] != 'non_customer']
rb = list(csv.DictReader(open(sys.argv[2] + '/orgs.csv')))
key = ('id', 'industry', 'region', 'endpoints', 'affected', 'recovered_hours')
assert [[r[k] for k in key] for r in ra] == [[r[k] for k in key] for r in rb]
assert 'market' in a and 'market' not in b
" "$tmp/on" "$tmp/off"
check $? "non-customers leave the customers' draws, crashes and recovery as they were"

# Counts: per industry and region, customers + the non-customers' weights
# = sum over size classes of C / s, s = min(1, market_share x size_factor).
py "
import csv, json, sys, subprocess
spec = subprocess.run(['lua5.4', '-e', '''
package.path = sys_models .. \"/?.lua;\" .. package.path
local v = require \"vendors_endpoint\"
local cs = v.list[1]
assert(cs.id == \"crowdstrike\")
local f = cs.size_factor
print(f[\"1-9\"], f[\"10-99\"], f[\"100-999\"], f[\"1000-9999\"], f[\"10000+\"])
local ids = {}
for k, x in pairs(cs.market_share) do ids[#ids + 1] = k .. \"=\" .. x end
table.sort(ids)
print(table.concat(ids, \" \"))
'''.replace('sys_models', repr(sys.argv[2]))], capture_output=True, text=True, check=True).stdout.split('\n')
fac = [float(x) for x in spec[0].split()]
ms = dict((kv.split('=')[0], float(kv.split('=')[1])) for kv in spec[1].split())
def cls(n): return 0 if n < 10 else 1 if n < 100 else 2 if n < 1000 else 3 if n < 10000 else 4
rows = list(csv.DictReader(open(sys.argv[1] + '/orgs.csv')))
want, got = {}, {}
for r in rows:
    seg = (r['industry'], r['region'])
    if r['kind'] == 'scenario' and r['customer'] == '0':
        continue                                   # a provider beside the vendor's market
    if r['customer'] == '1':
        assert r['kind'] in ('synthetic', 'scenario') and float(r['org_weight']) == 1.0, r
        s = min(1.0, ms.get(r['industry'], ms['default']) * fac[cls(int(r['endpoints']))])
        want[seg] = want.get(seg, 0) + 1 / s
        got[seg] = got.get(seg, 0) + 1
    else:
        assert r['kind'] == 'non_customer' and int(r['affected']) == 0, r  # nothing of theirs crashes
        assert int(r['endpoints']) <= 32, r        # a few endpoints carry them
        got[seg] = got.get(seg, 0) + float(r['org_weight'])
assert set(want) == set(got), set(got) ^ set(want)
for seg in want:
    assert abs(got[seg] - want[seg]) <= 1e-5 * want[seg], (seg, got[seg], want[seg])  # %.6g weights
m = json.load(open(sys.argv[1] + '/summary.json'))['market']
assert abs(m['all']['organisations'] - sum(want.values())) <= 1, (m['all'], sum(want.values()))
print('# organisations', m['all']['organisations'], 'customers', m['all']['customers'], 'hit', m['all']['organisations_hit'])
" "$tmp/on" "$R/models"
check $? "each segment holds its customers over the vendor's share there (orgs.csv weights)"

# The market block: by industry, customers <= organisations, shares in [0, 1],
# the totals are the sums; some non-customers are hit through providers.
py "
import json, sys
s = json.load(open(sys.argv[1] + '/summary.json'))
m = s['market']
assert m['vendor'] == 'crowdstrike' and m['non_customer_endpoints'] > s['fleet_endpoints']
tot = {'organisations': 0, 'customers': 0, 'organisations_hit': 0, 'customers_hit': 0}
for k, b in m['by_industry'].items():
    assert 0 < b['customers'] <= b['organisations'] and b['customers_hit'] <= b['organisations_hit'], (k, b)
    assert 0 <= b['share_hit'] <= 1 and abs(b['share_hit'] - b['organisations_hit'] / b['organisations']) <= 1 / b['organisations'], (k, b)  # counts are rounded
    for x in tot: tot[x] += b[x]
for x in tot: assert abs(tot[x] - m['all'][x]) <= len(m['by_industry']), (x, tot[x], m['all'][x])
assert abs(m['all']['customers'] - s['organisations']) <= 1, (m['all']['customers'], s['organisations'])
hit_nc = sum(b['organisations_hit'] - b['customers_hit'] for b in m['by_industry'].values())
assert hit_nc > 0, hit_nc
# large airlines are all customers (share capped at 1), small ones mostly not
assert m['by_industry']['airlines']['customers'] < m['by_industry']['airlines']['organisations']
" "$tmp/on"
check $? "summary.json market: counts by industry add up, shares in range, non-customers hit through providers"

# At --scale, customers stand for their stratum (org_weight) and the
# non-customers still total C / s per segment.
run --set fleet_endpoints=2e6 --scale 0.2 -o "$tmp/sc"
py "
import csv, json, sys, subprocess
spec = subprocess.run(['lua5.4', '-e', 'package.path = ' + repr(sys.argv[2] + '/?.lua;') + ' .. package.path; local cs = require(\"vendors_endpoint\").list[1]; local f = cs.size_factor; print(f[\"1-9\"], f[\"10-99\"], f[\"100-999\"], f[\"1000-9999\"], f[\"10000+\"]); for _, k in ipairs({\"default\", \"airlines\", \"healthcare\", \"banking\", \"retail\", \"government\", \"software_it\", \"manufacturing\", \"education\"}) do print(k, cs.market_share[k]) end'], capture_output=True, text=True, check=True).stdout.split('\n')
fac = [float(x) for x in spec[0].split()]
ms = dict((l.split()[0], float(l.split()[1])) for l in spec[1:] if l.strip())
def cls(n): return 0 if n < 10 else 1 if n < 100 else 2 if n < 1000 else 3 if n < 10000 else 4
want, got = {}, {}
for r in csv.DictReader(open(sys.argv[1] + '/orgs.csv')):
    seg = (r['industry'], r['region'])
    if r['kind'] == 'scenario' and r['customer'] == '0':
        continue
    w = float(r['org_weight'])
    if r['customer'] == '1':
        # a sample of an organisation's endpoints stands for all of them
        n = int(r['own_endpoints'])
        s = min(1.0, ms.get(r['industry'], ms['default']) * fac[cls(n)])
        want[seg] = want.get(seg, 0) + w / s
    got[seg] = got.get(seg, 0) + w
assert set(want) == set(got)
for seg in want:
    assert abs(got[seg] - want[seg]) <= 1e-4 * want[seg], (seg, got[seg], want[seg])
s = json.load(open(sys.argv[1] + '/summary.json'))
assert abs(s['market']['all']['customers'] - s['organisations']) <= 1, (s['market']['all'], s['organisations'])
" "$tmp/sc" "$R/models"
check $? "at --scale 0.2 the weights still give each segment its customers over the vendor's share"

# Without costs, providers' outages are not followed: hit means its own
# endpoints crashed, so only customers are hit.
sed 's/^  costs = .*$//' "$S" >"$tmp/nocosts.lua"
"$FS" run "$tmp/nocosts.lua" --models "$R/models" -n 1 -q --no-report --set fleet_endpoints=2e6 -o "$tmp/nc" &&
  py "
import json, sys
m = json.load(open(sys.argv[1] + '/summary.json'))['market']['all']
assert 0 < m['organisations_hit'] == m['customers_hit'] <= m['customers'] < m['organisations'], m
" "$tmp/nc"
check $? "without costs, only organisations whose own endpoints crashed count as hit"

# A portfolio policy that does not run the agent takes a non-customer's
# place: the count of organisations stays.
H=PolicyId,Name,Industry,Region,AnnualRevenueUSD,Endpoints,AgentVendor,WaitingPeriodHours,Deductible,Limit,SystemFailureSublimit,DependentBISublimit,Share
printf '%s\n%s\n' "$H" 'OTH,Other Bank,banking,us_east,400000000,500,microsoft_defender,8,10000,1000000,,,1' >"$tmp/pf.csv"
run --set fleet_endpoints=2e6 --portfolio "$tmp/pf.csv" -o "$tmp/pf" && py "
import json, sys
a = json.load(open(sys.argv[1] + '/summary.json'))['market']['by_industry']['banking']
b = json.load(open(sys.argv[2] + '/summary.json'))['market']['by_industry']['banking']
assert b['organisations'] == a['organisations'] and b['customers'] == a['customers'], (a, b)
" "$tmp/on" "$tmp/pf"
check $? "a policy that does not run the agent takes a non-customer's place (banking's count unchanged)"

# Deterministic, whatever the threads.
"$FS" run "$S" --models "$R/models" --set fleet_endpoints=2e6 -n 2 -j 1 -q --no-report -o "$tmp/j1" &&
  "$FS" run "$S" --models "$R/models" --set fleet_endpoints=2e6 -n 2 -j 2 -q --no-report -o "$tmp/j2" &&
  cmp -s "$tmp/j1/summary.json" "$tmp/j2/summary.json" && cmp -s "$tmp/j1/orgs.csv" "$tmp/j2/orgs.csv"
check $? "with non-customers, outputs are the same with 1 and 2 threads"

# The report shows the table.
"$FS" run "$S" --models "$R/models" --set fleet_endpoints=2e6 -n 1 -q -o "$tmp/rep" &&
  grep -q 'id="market"' "$tmp/rep/report.html" && grep -q "Share of the industry hit" "$tmp/rep/report.html"
check $? "report.html has the customers-and-the-rest table"

# Bad input: a size_factor without a class, or non-customers without the
# vendor's size factors, is refused with file:line and no results folder.
cp -r "$R/models" "$tmp/m1"
sed -i 's/\["10000+"\] = 3.0 },/},/' "$tmp/m1/vendors_endpoint.lua"
run --models "$tmp/m1" -o "$tmp/bad1" 2>"$tmp/err1"
[ $? -eq 1 ] && grep -q "vendors_endpoint.lua:[0-9]*: list\[1\].size_factor.10000+: missing required field" "$tmp/err1" && [ ! -e "$tmp/bad1" ]
check $? "a size_factor without a class is refused with file:line ($(head -c 200 "$tmp/err1"))"
cp -r "$R/models" "$tmp/m2"
sed -i '/size_factor = {/d' "$tmp/m2/vendors_endpoint.lua"
run --models "$tmp/m2" -o "$tmp/bad2" 2>"$tmp/err2"
[ $? -eq 1 ] && grep -q "crowdstrike-2024.lua:[0-9]*: fleet.non_customers: needs the fleet's vendor 'crowdstrike' (fleet.customers_of, or the incident's vendor) in fleet.vendors with a size_factor" "$tmp/err2" && [ ! -e "$tmp/bad2" ]
check $? "non-customers without the vendor's size factors are refused with file:line ($(head -c 200 "$tmp/err2"))"
run --models "$tmp/m2" --set non_customers=0 -o "$tmp/ok2"
check $? "without non-customers the size factors are not needed"

echo "1..$n"
