#!/bin/sh
# test_catalog.sh: `fleetsim catalog build` (issue 17, docs/CATALOG.md):
# the shipped catalogue builds; the same file, N and seed give the same
# bytes and another seed other values; events split over families by
# weight and over vendors by share, rates summing to each family's; bad
# catalogues refused with file:line and nothing written.
# usage: test_catalog.sh FLEETSIM TESTS_DIR
FS=$1
T=$2
. "$T/tap.sh"
R=$(cd "$T/.." && pwd)

"$FS" catalog build "$R/models/catalog/default.lua" --events 2000 --seed 5 -q -o "$tmp/a"
check $? "the shipped catalogue builds"
"$FS" catalog build "$R/models/catalog/default.lua" --events 2000 --seed 5 -q -o "$tmp/b"
cmp -s "$tmp/a/events.csv" "$tmp/b/events.csv" && cmp -s "$tmp/a/catalog.json" "$tmp/b/catalog.json"
check $? "same file, events and seed: the same events.csv and catalog.json"
"$FS" catalog build "$R/models/catalog/default.lua" --events 2000 --seed 6 -q -o "$tmp/c"
! cmp -s "$tmp/a/events.csv" "$tmp/c/events.csv"
check $? "another seed draws other values"
py "
import csv, json, sys, math
d = sys.argv[1]
rows = list(csv.DictReader(open(d + '/events.csv')))
cat = json.load(open(d + '/catalog.json'))
assert len(rows) >= 2000 and [int(r['EventId']) for r in rows] == list(range(1, len(rows) + 1))
fams = {f['name']: f for f in cat['families']}
assert len(fams) >= 6, fams.keys()
for name, f in fams.items():
    mine = [r for r in rows if r['family'] == name]
    assert len(mine) == f['events'] and len(mine) > 0
    rate = sum(float(r['annual_rate']) for r in mine)
    assert abs(rate - f['annual_rate']) < 1e-9 * max(1, f['annual_rate']), (name, rate)
    if f['picks']:
        tot = sum(p['share'] for p in f['picks'])
        for p in f['picks']:
            pr = sum(float(r['annual_rate']) for r in mine if r['vendor_or_provider'] == p['name'])
            assert abs(pr - f['annual_rate'] * p['share'] / tot) < 1e-9, (name, p)
    for r in mine:
        for k, v in r.items():
            if k in f['params']:
                assert v != '', (name, k)
            elif k not in ('EventId', 'family', 'vendor_or_provider', 'annual_rate'):
                assert v == '', (name, k, v)
ag = [r for r in rows if r['family'] == 'agent_update']
assert all(10 <= float(r['pull_minutes']) <= 1440 and 0.02 <= float(r['crash_probability']) <= 1 for r in ag)
assert all(float(r['vendor']) == int(float(r['vendor'])) for r in ag)
m = json.load(open(d + '/manifest.json'))
assert m['kind'] == 'catalog' and m['events'] == len(rows)
" "$tmp/a"
check $? "events split over families and vendors, each family's rate and each vendor's share kept, parameters in their ranges"

# Bad catalogues: a message naming file:line and field, exit 2, no folder.
S="$R/scenarios/catalog/cdn-dns.lua"
bad() { # bad NAME WHAT-IT-SAYS FAMILY-BODY
  name=$1 want=$2
  cat >"$tmp/$name.lua" <<EOC
return {
  name = "t", description = "test",
  families = {
    cdn = {
      description = "d", scenario = "$S",
$3
    },
  },
}
EOC
  "$FS" catalog build "$tmp/$name.lua" -q -o "$tmp/out-$name" 2>"$tmp/$name.err"
  rc=$?
  if [ $rc -eq 2 ] && grep -q "$want" "$tmp/$name.err" && grep -q "$name.lua:[0-9]" "$tmp/$name.err" &&
    [ ! -e "$tmp/out-$name" ]; then
    ok "$name: exit 2, file:line, nothing written: $(cat "$tmp/$name.err")"
  else
    nok "$name: exit $rc: $(cat "$tmp/$name.err")"
  fi
}
GOOD='      annual_rate = 0.5, rate_source = "s",'
DIST='      params = { outage_hours = { dist = "uniform", lo = 1, hi = 2, source = "s" } },'
bad negative-rate "families.cdn.annual_rate" '      annual_rate = -1, rate_source = "s",'
bad nan-rate "families.cdn.annual_rate" '      annual_rate = 0/0, rate_source = "s",'
bad no-frequency "families.cdn.annual_rate: missing" '      rate_source = "s",'
bad no-rate-source "rate_source" '      annual_rate = 0.5, rate_source = "",'
bad unknown-vendor "families.cdn.pick.shares.cloudflar" "$GOOD
      pick = { param = \"provider\", shares = { cloudflar = 1 }, source = \"s\" },"
bad unknown-param "has no parameter 'outage_hour'" "$GOOD
      params = { outage_hour = { dist = \"uniform\", lo = 1, hi = 2, source = \"s\" } },"
bad out-of-range "reaches outside the range" "$GOOD
      params = { outage_hours = { dist = \"uniform\", lo = 1, hi = 100, source = \"s\" } },"
bad bad-dist "families.cdn.params.outage_hours.dist" "$GOOD
      params = { outage_hours = { dist = \"normal\", lo = 1, hi = 2, source = \"s\" } },"
bad no-source "families.cdn.params.outage_hours.source" "$GOOD
      params = { outage_hours = { dist = \"uniform\", lo = 1, hi = 2 } },"
bad pick-not-integer "must be an integer parameter" "$GOOD
      pick = { param = \"outage_hours\", shares = { cloudflare = 1 }, source = \"s\" },"
bad zero-shares "no share is above 0" "$GOOD
      pick = { param = \"provider\", shares = { cloudflare = 0 }, source = \"s\" },"
"$FS" catalog build "$tmp/none.lua" -q -o "$tmp/out-none" 2>/dev/null
[ $? -ne 0 ] && [ ! -e "$tmp/out-none" ]
check $? "a missing catalogue file: an error, nothing written"
"$FS" catalog build "$R/models/catalog/default.lua" --events 0 -q -o "$tmp/out-zero" 2>/dev/null
[ $? -eq 2 ] && [ ! -e "$tmp/out-zero" ]
check $? "--events 0: exit 2, nothing written"
"$FS" catalog frobnicate 2>/dev/null
[ $? -eq 2 ]
check $? "an unknown catalog subcommand: exit 2"

echo "1..$n"
[ "$fail" -eq 0 ]
