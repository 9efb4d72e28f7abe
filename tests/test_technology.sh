#!/bin/sh
# test_technology.sh: technology dependencies per insured (issue 18,
# docs/LOSSES.md 2.5): a policy's CloudRegions, IdentityProvider and MSP
# name its providers in the dependency graph instead of the drawn ones. A
# cloud region outage costs the policy on the failing region and not the
# one on another region; a redundant pair is one group; every other pick
# of the graph stays where it was (common random numbers); the counts of
# given and drawn technology in summary.json and the terminal; unknown and
# wrong-category ids refused with file:line:column, exit 2 and nothing
# written; a portfolio without the columns gives the same bytes as one
# with them empty.
# usage: test_technology.sh FLEETSIM TESTS_DIR
FS=$1
T=$2
. "$T/tap.sh"
R=$(cd "$T/.." && pwd)
S="$R/scenarios/cloud-region-outage.lua" # aws-us-east-1 down for 10 hours
RUN="--scale 0.01 -n 2 --no-report"

# East and West differ only in their cloud region; Pair runs active-active
# in two regions and draws the rest; Drawn names nothing.
H=PolicyId,Name,Industry,Region,AnnualRevenueUSD,Endpoints,AgentVendor,WaitingPeriodHours
H=$H,Deductible,Limit,SystemFailureSublimit,DependentBISublimit,Share
cat >"$tmp/tech.csv" <<EOF
$H,CloudRegions,IdentityProvider,MSP
P1,East,retail,us_east,500000000,2000,microsoft_defender,0,0,,,,1,aws-us-east-1,google-identity,msp-global-b
P2,West,retail,us_east,500000000,2000,microsoft_defender,0,0,,,,1,aws-eu-west-1,google-identity,msp-global-b
P3,Pair,retail,us_east,500000000,2000,,0,0,,,,1,aws-us-east-1;aws-us-west-2,,
P4,Drawn,retail,us_east,500000000,2000,,0,0,,,,1,,,
EOF
# The same policies without the columns, and with them empty.
cut -d, -f1-13 "$tmp/tech.csv" >"$tmp/none.csv"
sed '1!s/,[^,]*,[^,]*,[^,]*$/,,,/' "$tmp/tech.csv" >"$tmp/empty.csv"

"$FS" run "$S" $RUN --portfolio "$tmp/tech.csv" -o "$tmp/tech" >"$tmp/tech.out" 2>"$tmp/err"
check $? "a portfolio naming cloud regions, an identity provider and an MSP runs"
py "
import csv, json, sys
d = sys.argv[1]
pol = {r['PolicyId']: r for r in csv.DictReader(open(d + '/policies.csv'))}
east, west, pair = (pol[k] for k in ('P1', 'P2', 'P3'))
assert float(east['ChanceOfLoss']) == 1 and float(east['MeanGroundUpUSD']) > 0, east
assert abs(float(east['MeanDowntimeHours']) - 10) < 0.5, east  # the region's outage
assert float(west['MeanGroundUpUSD']) == 0 and float(west['ChanceOfLoss']) == 0, west
assert float(pair['MeanGroundUpUSD']) < float(east['MeanGroundUpUSD']), pair
s = json.load(open(d + '/summary.json'))
t = s['loss']['portfolio']['technology']
want = {'agent': (2, 2), 'cloud': (3, 1), 'identity': (2, 2), 'msp': (2, 2)}
assert {k: (v['given'], v['drawn']) for k, v in t.items()} == want, t
" "$tmp/tech" 2>"$tmp/err"
check $? "the policy on the failing region loses for the outage's length, the one on another region nothing, the pair less; summary.json counts given and drawn per column"
sed 's/^/# /' "$tmp/err" | tail -2
grep -q "technology given/drawn *agent 2/2, cloud 3/1, identity 2/2, msp 2/2" "$tmp/tech.out"
check $? "the terminal summary counts them: $(grep technology "$tmp/tech.out")"

# The graph: named providers in place of the drawn ones, nothing else moved.
"$FS" graph "$S" --scale 0.01 --portfolio "$tmp/tech.csv" --export "$tmp/tech.graphml" \
  --no-centrality >/dev/null &&
  "$FS" graph "$S" --scale 0.01 --portfolio "$tmp/empty.csv" --export "$tmp/empty.graphml" \
    --no-centrality >/dev/null
check $? "fleetsim graph exports the graphs with and without the named providers"
py "
import sys, xml.etree.ElementTree as ET
G = '{http://graphml.graphdrawing.org/xmlns}'
def load(path):
    root = ET.parse(path).getroot()
    cat, pol, out = {}, {}, {}
    for n in root.iter(G + 'node'):
        d = {x.get('key'): x.text for x in n}
        cat[n.get('id')] = d.get('v_category')
        if int(d.get('v_policy') or -1) >= 0:
            pol[int(d['v_policy'])] = n.get('id')
    for e in root.iter(G + 'edge'):
        d = {x.get('key'): x.text for x in e}
        out.setdefault(e.get('source'), []).append((e.get('target'), d['e_kind'], d['e_group']))
    return cat, pol, out
cat, pol, a = load(sys.argv[1])
_, pol_b, b = load(sys.argv[2])
assert pol == pol_b and len(pol) == 4, pol
named = ('cloud', 'saas_identity', 'msp')
def of(edges, c): return sorted((p, k) for p, k, g in edges if cat[p] == c)
east, west, pair, drawn = (a[pol[i]] for i in range(4))
assert of(east, 'cloud') == [('aws-us-east-1', 'hard')], east
assert of(west, 'cloud') == [('aws-eu-west-1', 'hard')], west
assert of(east, 'saas_identity') == [('google-identity', 'hard')], east
assert of(west, 'msp') == [('msp-global-b', 'hard')], west
groups = {g for p, k, g in pair if cat[p] == 'cloud'}
assert of(pair, 'cloud') == [('aws-us-east-1', 'redundant'), ('aws-us-west-2', 'redundant')] \
    and len(groups) == 1, pair
# The draws happened all the same: other organisations keep every
# provider, the named ones theirs in the other categories.
rest = lambda edges: sorted((p, k) for p, k, g in edges if cat[p] not in named)
for v in set(a) | set(b):
    if v in (pol[0], pol[1], pol[2]):
        assert rest(a[v]) == rest(b[v]), v
    else:
        assert sorted(a.get(v, [])) == sorted(b.get(v, [])), v
" "$tmp/tech.graphml" "$tmp/empty.graphml" 2>"$tmp/err"
check $? "named regions, identity provider and MSP replace the drawn; two regions are one redundant group; every other pick is the same as without names"
sed 's/^/# /' "$tmp/err" | tail -2

# Without the columns: the bytes of the columns left empty.
"$FS" run "$S" $RUN -q --portfolio "$tmp/none.csv" -o "$tmp/none" &&
  "$FS" run "$S" $RUN -q --portfolio "$tmp/empty.csv" -o "$tmp/empty"
check $? "the portfolio without the columns and with them empty run"
for f in selt.csv policies.csv orgs.csv; do
  cmp -s "$tmp/none/$f" "$tmp/empty/$f"
  check $? "no columns and empty columns: the same $f"
done
py "
import json, sys
t = json.load(open(sys.argv[1] + '/summary.json'))['loss']['portfolio']['technology']
assert t['agent'] == {'given': 2, 'drawn': 2} and t['cloud'] == {'given': 0, 'drawn': 4}, t
" "$tmp/none" 2>"$tmp/err"
check $? "without the columns every cloud region, identity provider and MSP is drawn"

# Bad ids: PATH:LINE: column N (NAME), exit 2, nothing written.
bad() { # NAME LINE COLUMN VALUE PATTERN [SCENARIO]
  awk -F, -v OFS=, -v l="$2" -v c="$3" -v v="$4" 'NR == l { $c = v } { print }' \
    "$tmp/tech.csv" >"$tmp/$1.csv"
  "$FS" run "${6:-$S}" $RUN -q --portfolio "$tmp/$1.csv" -o "$tmp/out-$1" 2>"$tmp/$1.err"
  rc=$?
  if [ $rc -eq 2 ] && grep -qF "$1.csv:$5" "$tmp/$1.err" && [ ! -e "$tmp/out-$1" ] &&
    [ -z "$(ls -A "$tmp" | grep "^\.out-$1")" ]; then
    ok "$1: exit 2, nothing written: $(cat "$tmp/$1.err")"
  else
    nok "$1: exit $rc: $(cat "$tmp/$1.err")"
  fi
}
bad unknown 3 14 aws-us-east-9 \
  "3: column 14 (CloudRegions): 'aws-us-east-9' is not a cloud region of the scenario's graph; did you mean 'aws-us-east-1'?"
bad category 4 14 'aws-us-east-1;okta' \
  "4: column 14 (CloudRegions): 'okta' is not a cloud region of the scenario's graph (it is a provider of category saas_identity)"
bad idp 2 15 aws-us-east-1 \
  "2: column 15 (IdentityProvider): 'aws-us-east-1' is not an identity provider"
bad msp 5 16 nobody \
  "5: column 16 (MSP): 'nobody' is not an MSP of the scenario's graph; valid: msp-global-a,"
# A scenario whose graph has no MSPs: a named one has no place.
sed 's/^local vendors = require "vendors"$/&\
do local keep = {}\
  for _, c in ipairs(vendors.categories) do if c.id ~= "msp" then keep[#keep + 1] = c end end\
  local v = {}\
  for _, x in ipairs(vendors.vendors) do if x.category ~= "msp" then v[#v + 1] = x end end\
  local e = {}\
  for _, x in ipairs(vendors.edges) do if not x.dependent:match("^msp") then e[#e + 1] = x end end\
  vendors = {categories = keep, vendors = v, edges = e, synthesis = vendors.synthesis} end/' \
  "$S" >"$tmp/nomsp.lua"
"$FS" run "$tmp/nomsp.lua" --models "$R/models" $RUN -q --portfolio "$tmp/empty.csv" -o "$tmp/nomsp"
check $? "a scenario without MSPs runs a portfolio that names none"
bad nocat 2 16 msp-global-b \
  "2: column 16 (MSP): 'msp-global-b' has no place: the scenario's dependency graph has no category 'msp'" \
  "$tmp/nomsp.lua"

# The catalogue refuses the portfolio before its run folder, as run does.
"$FS" catalog build "$R/models/catalog/default.lua" --events 20 --seed 5 -q -o "$tmp/cat"
"$FS" catalog run "$tmp/cat" --portfolio "$tmp/unknown.csv" -o "$tmp/cat-run" -q --no-report \
  2>"$tmp/cat.err"
rc=$?
if [ $rc -eq 2 ] && grep -q "unknown.csv:3: column 14 (CloudRegions)" "$tmp/cat.err" &&
  [ ! -e "$tmp/cat-run" ]; then ok "catalog run: an unknown cloud region refused, nothing written"
else nok "catalog run: exit $rc: $(cat "$tmp/cat.err")"; fi

echo "1..$n"
[ "$fail" -eq 0 ]
