#!/bin/sh
# test_portfolio_match.sh: a portfolio is matched to the fleet, not added
# to it (issue 13, item 3): a policy that runs the incident's agent takes
# the place of a synthetic customer of its industry and region, capped at
# its size, so the fleet and the crash count keep their calibrated size
# with either shipped portfolio; one larger than its place is warned about; one that does not run the agent is simulated
# beside the fleet; a policy of the vendor where it has no customers is
# refused. The reference scenario at scale 0.01.
# usage: test_portfolio_match.sh FLEETSIM TESTS_DIR
FS=$1
T=$2
. "$T/tap.sh"
R="$T/.."
S="$R/scenarios/crowdstrike-2024.lua"
run() { "$FS" run "$S" --models "$R/models" --scale 0.01 -n 1 -j 2 -q --no-report "$@"; }
sum() { py "
import json, sys
d = json.load(open(sys.argv[1] + '/summary.json'))
print(d['fleet_endpoints'], d['affected_endpoints'])" "$1"; }

run -o "$tmp/base" && run --portfolio "$R/models/portfolios/midmarket-cyber-book.csv" -o "$tmp/mm" \
  2>"$tmp/err"
check $? "the reference scenario runs with and without the mid-market book"
py "
import json, sys
a = json.load(open(sys.argv[1] + '/summary.json'))
b = json.load(open(sys.argv[2] + '/summary.json'))
fa, fb = a['fleet_endpoints'], b['fleet_endpoints']
ca, cb = a['affected_endpoints'], b['affected_endpoints']
assert abs(fb / fa - 1) < 0.001, (fa, fb)
assert abs(cb / ca - 1) < 0.02, (ca, cb)
m = b['portfolio_match']
assert m['calibrated_fleet_endpoints'] == fa and m['policies_oversize'] == 0, m
assert m['policies_in_size_class'] > 500 and m['policies_beside'] > 2000, m
assert abs(m['replaced_endpoints'] / m['policy_endpoints_matched'] - 1) < 0.05, m
assert abs(fb - fa - m['fleet_growth_endpoints']) <= 1, (fa, fb, m)
" "$tmp/base" "$tmp/mm" && ! grep -q warning "$tmp/err"
check $? "mid-market book: the fleet keeps its endpoints (0.1 %) and crash count (2 %), no warning"

# The large-US book: its companies have more endpoints than the whole
# calibrated fleet (24.5 million); capped at their places, the fleet and
# the crash count keep their size (issue 13: 8.5 M +- 5 %).
run --portfolio "$R/models/portfolios/large-us-companies.csv" -o "$tmp/lg" 2>"$tmp/errlg"
py "
import json, sys
a = json.load(open(sys.argv[1] + '/summary.json'))
b = json.load(open(sys.argv[2] + '/summary.json'))
fa, fb = a['fleet_endpoints'], b['fleet_endpoints']
ca, cb = a['affected_endpoints'], b['affected_endpoints']
assert abs(fb / fa - 1) < 0.03 and abs(cb / ca - 1) < 0.05, (fa, fb, ca, cb)
m = b['portfolio_match']
assert m['policy_endpoints_own'] > fa and m['policy_endpoints_matched'] < 0.5 * fa, m
assert m['replaced_organisations'] == 298 and m['policies_without_place'] == 0, m
print('# large-US: fleet', fb, 'of', fa, 'crashed', cb, 'of', ca)
" "$tmp/base" "$tmp/lg" && grep -q "were capped and the fleet changed by -" "$tmp/errlg"
check $? "large-US book: the fleet keeps its endpoints (3 %) and crash count (5 %), capped policies warned"

# One agent policy far larger than any bank in us_east, one the same size
# that runs another agent (simulated beside the fleet), one ordinary, and
# more airlines in us_east than the fleet has there.
H=PolicyId,Name,Industry,Region,AnnualRevenueUSD,Endpoints,AgentVendor,WaitingPeriodHours,Deductible,Limit,SystemFailureSublimit,DependentBISublimit,Share
{
  printf '%s\n%s\n%s\n%s\n' "$H" \
    'BIG,Big Bank,banking,us_east,400000000000,3000000,crowdstrike,8,1000000,100000000,,,1' \
    'OTH,Other Bank,banking,us_east,400000000000,3000000,microsoft_defender,8,1000000,100000000,,,1' \
    'SML,Small Shop,retail,us_east,50000000,200,crowdstrike,8,10000,1000000,,,1'
  for k in $(seq 10 69); do printf 'A%s,Air %s,airlines,us_east,1000000000,500,crowdstrike,8,10000,1000000,,,1\n' $k $k; done
} >"$tmp/pf.csv"
run --portfolio "$tmp/pf.csv" -o "$tmp/big" 2>"$tmp/err"
check $? "a portfolio with a policy larger than its segment runs"
grep -q "warning: policy BIG (3000000 endpoints) took the place of an organisation of banking in us_east with [0-9]* endpoints (the largest of its segment, none is its size); it runs the agent on [0-9]*, " "$tmp/err" &&
  grep -q "so [0-9]* were capped and the fleet changed by" "$tmp/err" && ! grep -q "policy SML\|policy OTH" "$tmp/err" &&
  grep -q "policy A[0-9]* (500 endpoints): the calibrated fleet has no organisation of airlines in us_east left" "$tmp/err"
check $? "... and warns about it, naming the policy and its segment ($(head -c 200 "$tmp/err"))"
py "
import json, sys
a = json.load(open(sys.argv[1] + '/summary.json'))
b = json.load(open(sys.argv[2] + '/summary.json'))
m = b['portfolio_match']
assert m['policies_oversize'] == 1 and m['oversize'][0]['policy'] == 'BIG', m
big = m['oversize'][0]
# BIG took the largest bank of us_east, one place, and runs the agent on its size
assert big['endpoints'] == 3000000 and big['replaced'] == big['segment_largest'] == big['simulated_endpoints'], big
assert big['replaced_organisations'] == 1, big
assert m['policy_endpoints_beside'] == 3000000 and m['policies_beside'] == 1, m
# one place per policy; the airlines beyond us_east's own come on top
nwp = m['policies_without_place']
assert 0 < nwp < 60 and m['replaced_organisations'] == 62 - nwp, m
assert b['fleet_endpoints'] - a['fleet_endpoints'] == m['fleet_growth_endpoints'], m
assert abs(m['policy_endpoints_matched'] - m['replaced_endpoints'] - m['fleet_growth_endpoints']) <= 1, m
assert m['policy_endpoints_own'] == 3000000 + 200 + 60 * 500, m
# organisations: less those replaced, plus the 62 policies that run the agent
assert b['organisations'] == a['organisations'] - m['replaced_organisations'] + 62, (a['organisations'], b['organisations'], m)
# policies.csv: its own endpoints, and those it is simulated with
import csv
p = {r['PolicyId']: r for r in csv.DictReader(open(sys.argv[2] + '/policies.csv'))}
assert p['BIG']['Endpoints'] == '3000000' and int(p['BIG']['SimulatedEndpoints']) == big['replaced'], p['BIG']
assert p['OTH']['Endpoints'] == p['OTH']['SimulatedEndpoints'] == '3000000', p['OTH']
assert p['SML']['Endpoints'] == '200' and int(p['SML']['SimulatedEndpoints']) <= 200, p['SML']
" "$tmp/base" "$tmp/big"
check $? "summary.json portfolio_match: the capped policy, one place each, the ones on top, the one beside"
run --portfolio "$tmp/pf.csv" -o "$tmp/big2" 2>/dev/null && cmp -s "$tmp/big/summary.json" "$tmp/big2/summary.json"
check $? "the match is deterministic (same summary.json twice)"

# The vendor with no customers in airlines: a policy of it there is refused.
cp -r "$R/models" "$tmp/models"
sed -i 's/default = 0.20, airlines = 0.45,/default = 0.20, airlines = 0,/; s/default = 0.18, airlines = 0.08,/default = 0.18, airlines = 0.53,/' \
  "$tmp/models/vendors_endpoint.lua"
printf '%s\n%s\n' "$H" 'AIR,Air Co,airlines,us_east,1000000000,2000,crowdstrike,8,10000,1000000,,,1' >"$tmp/air.csv"
"$FS" run "$S" --models "$tmp/models" --scale 0.01 -n 1 -q --no-report --portfolio "$tmp/air.csv" \
  --set non_customers=0 -o "$tmp/air" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "air.csv:2: AgentVendor: 'crowdstrike' has no customers in airlines" "$tmp/err" &&
  [ ! -e "$tmp/air" ]
check $? "a policy of the vendor where its market share is 0 is refused with file:line ($(head -c 200 "$tmp/err"))"
# With non-customers, such a market cannot say how many airlines there are.
"$FS" run "$S" --models "$tmp/models" --scale 0.01 -n 1 -q --no-report -o "$tmp/air" 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "crowdstrike-2024.lua:[0-9]*: fleet.non_customers: the fleet has customers of 'crowdstrike' in airlines, where its market share (market_share x size_factor) is 0" "$tmp/err" &&
  [ ! -e "$tmp/air" ]
check $? "non-customers where the vendor's share is 0 but the fleet has customers: refused with file:line ($(head -c 200 "$tmp/err"))"
echo "1..$n"
[ "$fail" -eq 0 ]
