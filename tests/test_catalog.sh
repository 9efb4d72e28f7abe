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
allrows = list(csv.DictReader(open(d + '/events.csv')))
rows = [r for r in allrows if not r['rds']]
rds = [r for r in allrows if r['rds']]
cat = json.load(open(d + '/catalog.json'))
assert len(rds) >= 4 and all(float(r['annual_rate']) == 0 for r in rds), rds
assert [r['rds'] for r in rds if r['family'] == 'agent_update'] == ['crowdstrike-2024']
cs = [r for r in rds if r['rds'] == 'crowdstrike-2024'][0]
assert cs['vendor_or_provider'] == 'crowdstrike' and float(cs['pull_minutes']) == 78, cs
assert len(rows) >= 2000 and [int(r['EventId']) for r in rows] == list(range(1, len(rows) + 1))
fams = {f['name']: f for f in cat['families']}
assert len(fams) >= 6, fams.keys()
for name, f in fams.items():
    mine = [r for r in rows if r['family'] == name]
    assert len([r for r in allrows if r['family'] == name]) == f['events'] and len(mine) > 0
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
            elif k not in ('EventId', 'family', 'vendor_or_provider', 'annual_rate', 'rds'):
                assert v == '', (name, k, v)
ag = [r for r in rows if r['family'] == 'agent_update']
assert all(10 <= float(r['pull_minutes']) <= 1440 and 0.02 <= float(r['crash_probability']) <= 1 for r in ag)
assert all(float(r['vendor']) == int(float(r['vendor'])) for r in ag)
m = json.load(open(d + '/manifest.json'))
assert m['kind'] == 'catalog' and m['events'] == len(allrows)
" "$tmp/a"
check $? "events split over families and vendors, each family's rate and each vendor's share kept, parameters in their ranges; the realistic disaster scenarios at rate 0"

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
badrds() { # NAME WHAT-IT-SAYS RDS-BODY
  cat >"$tmp/$1.lua" <<EOC
return {
  name = "t", description = "test",
  families = {
    cdn = { description = "d", scenario = "$S", annual_rate = 0.5, rate_source = "s",
      pick = { param = "provider", shares = { cloudflare = 1 }, source = "s" },
      params = { outage_hours = { dist = "uniform", lo = 1, hi = 2, source = "s" } } },
  },
  rds = {
    big = { description = "d", source = "s",
$3
    },
  },
}
EOC
  "$FS" catalog build "$tmp/$1.lua" -q -o "$tmp/out-$1" 2>"$tmp/$1.err"
  rc=$?
  if [ $rc -eq 2 ] && grep -q "$2" "$tmp/$1.err" && grep -q "$1.lua:[0-9]*: rds.big" "$tmp/$1.err" &&
    [ ! -e "$tmp/out-$1" ]; then
    ok "rds $1: exit 2, file:line, nothing written: $(cat "$tmp/$1.err")"
  else
    nok "rds $1: exit $rc: $(cat "$tmp/$1.err")"
  fi
}
badrds rds-family "no family 'cdm'" '      family = "cdm", set = { outage_hours = 5 },'
badrds rds-param "not a parameter that family cdn varies" '      family = "cdn", set = { start_hour = 5 },'
badrds rds-range "outside the declared range" '      family = "cdn", set = { outage_hours = 500 },'
badrds rds-pick "'cloudflair' is not a vendor or provider" '      family = "cdn", pick = "cloudflair", set = { outage_hours = 5 },'
"$FS" catalog build "$tmp/none.lua" -q -o "$tmp/out-none" 2>/dev/null
[ $? -ne 0 ] && [ ! -e "$tmp/out-none" ]
check $? "a missing catalogue file: an error, nothing written"
"$FS" catalog build "$R/models/catalog/default.lua" --events 0 -q -o "$tmp/out-zero" 2>/dev/null
[ $? -eq 2 ] && [ ! -e "$tmp/out-zero" ]
check $? "--events 0: exit 2, nothing written"
"$FS" catalog frobnicate 2>/dev/null
[ $? -eq 2 ]
check $? "an unknown catalog subcommand: exit 2"


# ---- catalog run
# Two events with fixed parameters (one replication each, so each event's
# loss is one number): the year loss table's AAL against the analytic
# rate x loss, and the OEP at each return period against the analytic one
# (where it is not within 25 % of a step).
cat >"$tmp/two.lua" <<EOC
return {
  name = "two", description = "two events",
  families = {
    cdn = { description = "d", scenario = "$R/scenarios/catalog/cdn-dns.lua",
      annual_rate = 0.1, rate_source = "test",
      pick = { param = "provider", shares = { cloudflare = 1 }, source = "test" },
      params = { outage_hours = { dist = "fixed", value = 2, source = "test" },
                 start_hour = { dist = "fixed", value = 14, source = "test" } } },
    idp = { description = "d", scenario = "$R/scenarios/catalog/identity.lua",
      annual_rate = 0.03, rate_source = "test",
      params = { outage_hours = { dist = "fixed", value = 8, source = "test" },
                 start_hour = { dist = "fixed", value = 14, source = "test" } } },
  },
}
EOC
"$FS" catalog build "$tmp/two.lua" --events 2 -q -o "$tmp/two"
RUN="--scale 0.002 --years 200000 --bootstrap 10 -q"
"$FS" catalog run "$tmp/two" $RUN -j 1 -o "$tmp/r1"
check $? "catalog run of a two-event catalogue"
py "
import csv, math, sys
d = sys.argv[1]
melt = {int(r['EventId']): r for r in csv.DictReader(open(d + '/melt.csv')) if r['SummaryId'] == '1'}
lam = {e: float(r['EventRate']) for e, r in melt.items()}
L = {e: float(r['MeanLoss']) for e, r in melt.items()}
assert len(L) == 2 and all(v > 0 for v in L.values()), L
aal = sum(lam[e] * L[e] for e in L)
se = math.sqrt(sum(lam[e] * L[e] ** 2 for e in L) / 200000)
alt = {r['SampleType']: float(r['MeanLoss']) for r in csv.DictReader(open(d + '/alt.csv')) if r['SummaryId'] == '1'}
assert abs(alt['1'] - aal) < 1e-6 * aal + 0.01, (alt, aal)
assert abs(alt['2'] - aal) < 4 * se, (alt['2'], aal, se)
big, small = sorted(L, key=lambda e: -L[e])
p_big = 1 - math.exp(-lam[big]); p_any = 1 - math.exp(-lam[big] - lam[small])
checked = 0
for r in csv.DictReader(open(d + '/ept.csv')):
    if r['SummaryId'] != '1' or r['EPCalc'] != '2' or r['EPType'] != '1': continue
    q = 1 / float(r['ReturnPeriod'])
    want = L[big] if q < p_big / 1.25 else L[small] if p_big * 1.25 < q < p_any / 1.25 else 0 if q > p_any * 1.25 else None
    if want is None: continue
    assert abs(float(r['Loss']) - want) < 0.01 + 1e-9 * want, (r, want)
    checked += 1
assert checked >= 6, checked
" "$tmp/r1"
check $? "two events: the AAL within sampling error of rate x loss, the OEP at each return period the analytic one"

"$FS" catalog run "$tmp/two" $RUN -j 2 -o "$tmp/r2"
tables="melt.csv selt.csv splt.csv ept.csv alt.csv accumulation.csv ep_intervals.csv top_events.csv events.csv"
same_tables() { for f in $tables; do cmp -s "$1/$f" "$2/$f" || return 1; done; }
same_tables "$tmp/r1" "$tmp/r2"
check $? "-j 1 and -j 2: the same tables, byte for byte"
"$FS" catalog run "$tmp/two" $RUN -j 1 --seed 99 -o "$tmp/r3"
! cmp -s "$tmp/r1/splt.csv" "$tmp/r3/splt.csv"
check $? "another seed draws other years"

# A bigger catalogue: shards gathered, and a run killed and resumed.
"$FS" catalog build "$R/models/catalog/default.lua" --events 24 --seed 3 -q -o "$tmp/c24"
B="--scale 0.002 --years 20000 --bootstrap 5 -q"
"$FS" catalog run "$tmp/c24" $B -j 2 -o "$tmp/serial"
check $? "a 24-event catalogue runs"
py "
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1] + '/rds.csv')))
names = sorted({r['rds'] for r in rows})
assert names == ['crowdstrike-2024', 'entra-id-one-day', 'kaseya-style-rmm', 'us-east-1-four-days'], names
assert all(float(r['mean_loss']) > 0 for r in rows if r['SummaryId'] == '1'), rows
melt = {r['EventId']: r for r in csv.DictReader(open(sys.argv[1] + '/melt.csv')) if r['SummaryId'] == '1'}
for r in rows:
    if r['SummaryId'] != '1': continue
    assert abs(float(melt[r['EventId']]['MeanLoss']) - float(r['mean_loss'])) < 0.01 and float(melt[r['EventId']]['EventRate']) == 0
" "$tmp/serial"
check $? "rds.csv: each realistic disaster scenario's loss (rate 0 in the event loss table)"
# Several portfolios: a pass over the catalogue each; the second's
# summaries (5, 6) are those of a run with it alone (3, 4).
P1="$R/models/portfolios/midmarket-cyber-book.csv"
P2="$R/models/portfolios/large-us-companies.csv"
"$FS" catalog run "$tmp/c24" $B -j 2 --portfolio "$P1" --portfolio "$P2" -o "$tmp/two-pf" &&
  "$FS" catalog run "$tmp/c24" $B -j 2 --portfolio "$P2" -o "$tmp/one-pf" &&
  [ -d "$tmp/two-pf/families-2" ] && py "
import csv, json, sys
two, one = sys.argv[1], sys.argv[2]
a = {(r['EventId'], int(r['SummaryId'])): r for r in csv.DictReader(open(two + '/melt.csv'))}
b = {(r['EventId'], int(r['SummaryId'])): r for r in csv.DictReader(open(one + '/melt.csv'))}
assert {s for _, s in a} == {1, 2, 3, 4, 5, 6}, sorted({s for _, s in a})
n = 0
for (e, s), r in b.items():
    if s >= 3:
        assert a[(e, s + 2)]['MeanLoss'] == r['MeanLoss'], (e, s)
        n += float(r['MeanLoss']) > 0
assert n > 0
names = [x['name'] for x in json.load(open(two + '/manifest.json'))['summaries']]
assert names[4].startswith('portfolio ground-up: ') and names[4].endswith('large-us-companies.csv'), names
assert names[3].startswith('portfolio insured: ') and names[3].endswith('midmarket-cyber-book.csv'), names
" "$tmp/two-pf" "$tmp/one-pf"
check $? "two portfolios: summaries 3-6, the second's losses those of a run with it alone"
"$FS" catalog run "$tmp/c24" $B --portfolio "$P1" --portfolio "$P1" -o "$tmp/pf-twice" 2>"$tmp/pf.err"
[ $? -eq 2 ] && grep -q "given twice" "$tmp/pf.err" && [ ! -e "$tmp/pf-twice" ]
check $? "the same portfolio twice: exit 2, nothing written"
head -3 "$P1" | sed '3s/,broadcom_symantec,/,acme_av,/' >"$tmp/pf-acme.csv"
"$FS" catalog run "$tmp/c24" $B --portfolio "$P1" --portfolio "$tmp/pf-acme.csv" -o "$tmp/pf-acme" 2>"$tmp/acme.err"
[ $? -eq 2 ] && grep -q "pf-acme.csv:3: AgentVendor 'acme_av'" "$tmp/acme.err" && [ ! -e "$tmp/pf-acme" ]
check $? "a portfolio naming an unknown vendor: file:line, exit 2, nothing written"
"$FS" catalog run "$tmp/c24" $B -j 1 --shard 1/2 -o "$tmp/sh" &&
  "$FS" catalog run "$tmp/c24" $B -j 1 --shard 2/2 --resume -o "$tmp/sh" &&
  [ ! -e "$tmp/sh/melt.csv" ] &&
  "$FS" catalog run "$tmp/c24" $B -j 1 --resume -o "$tmp/sh"
check $? "two shards, then the command without --shard gathers them"
same_tables "$tmp/serial" "$tmp/sh"
check $? "gathered shards: the same tables as one run"
"$FS" catalog run "$tmp/c24" $B -j 1 -o "$tmp/killed" &
pid=$!
i=0
rows() { cat "$tmp"/killed/families/*/tasks.csv 2>/dev/null | grep -vc '^task,'; }
while [ "$(rows)" -lt 6 ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
before=$(rows)
[ ! -e "$tmp/killed/melt.csv" ] && [ "$before" -ge 6 ]
check $? "killed run: $before tasks in its journals, no tables"
"$FS" catalog run "$tmp/c24" $B -j 1 -o "$tmp/killed" 2>"$tmp/again.err"
[ $? -eq 2 ] && grep -q "resume" "$tmp/again.err"
check $? "the same command without --resume is refused: $(cat "$tmp/again.err")"
"$FS" catalog run "$tmp/c24" $B -j 1 --resume -o "$tmp/killed"
check $? "--resume continues the killed run"
same_tables "$tmp/serial" "$tmp/killed"
check $? "resumed run: the same tables as an uninterrupted one (no finished event lost)"
"$FS" catalog run "$tmp/c24" --scale 0.003 --years 20000 -q --resume -o "$tmp/killed" 2>"$tmp/other.err"
[ $? -eq 2 ] && grep -q "another catalogue run" "$tmp/other.err"
check $? "--resume with other options is refused: $(cat "$tmp/other.err")"

cat >"$tmp/rds1.lua" <<EOC
return {
  name = "rds1", description = "one family, one disaster scenario",
  families = {
    cdn = { description = "d", scenario = "$R/scenarios/catalog/cdn-dns.lua",
      annual_rate = 0.5, rate_source = "test",
      pick = { param = "provider", shares = { cloudflare = 1, akamai = 1 }, source = "test" },
      params = { outage_hours = { dist = "uniform", lo = 0.5, hi = 2, source = "test" } } },
  },
  rds = { long = { family = "cdn", pick = "fastly", set = { outage_hours = 12 },
                   description = "d", source = "test" } },
}
EOC
"$FS" catalog run "$tmp/rds1.lua" --events 4 $B -o "$tmp/rds1" && grep -q "^long," "$tmp/rds1/rds.csv"
check $? "a catalogue file with a disaster scenario runs directly (no folder first)"
"$FS" catalog build "$tmp/rds1.lua" --events 4 -q -o "$tmp/c-rds1"
mkdir -p "$tmp/link/elsewhere" "$tmp/link/run" &&
  cp "$tmp/rds1/run.json" "$tmp/rds1/events.csv" "$tmp/rds1/catalog.json" "$tmp/link/run/" &&
  ln -s "$tmp/link/elsewhere" "$tmp/link/run/families"
"$FS" catalog run "$tmp/rds1.lua" --events 4 $B --resume -o "$tmp/link/run" 2>"$tmp/link.err"
[ $? -eq 2 ] && [ -z "$(ls "$tmp/link/elsewhere")" ] && grep -q "symbolic link" "$tmp/link.err"
check $? "a run folder whose families/ is a link out of it is refused, nothing written there"
mkdir -p "$tmp/full" && echo x >"$tmp/full/notes.txt"
"$FS" catalog run "$tmp/rds1.lua" --events 4 $B -o "$tmp/full" 2>/dev/null
[ $? -eq 2 ] && [ ! -e "$tmp/full/run.json" ]
check $? "a folder holding something else is not made a run folder"
cp "$tmp/rds1.lua" "$tmp/rds2.lua" && "$FS" catalog build "$tmp/rds2.lua" --events 4 -q -o "$tmp/c-rds2" &&
  echo "-- edited" >>"$tmp/rds2.lua"
"$FS" catalog run "$tmp/c-rds2" $B -o "$tmp/r-rds2" 2>"$tmp/chg.err"
[ $? -eq 2 ] && grep -q "has changed" "$tmp/chg.err" && [ ! -e "$tmp/r-rds2" ]
check $? "a catalogue edited since its folder was built is refused: $(cat "$tmp/chg.err")"
cat >"$tmp/still.lua" <<EOC
return {
  name = "still", description = "d",
  families = { cdn = { description = "d", scenario = "$R/scenarios/catalog/cdn-dns.lua",
                       annual_rate = 0.5, rate_source = "test" } },
}
EOC
"$FS" catalog build "$tmp/still.lua" -q -o "$tmp/out-still" 2>"$tmp/still.err"
[ $? -eq 2 ] && grep -q "varies nothing" "$tmp/still.err" && [ ! -e "$tmp/out-still" ]
check $? "a family that varies nothing is refused at build: $(cat "$tmp/still.err")"


# A tampered events.csv: file:line:column, exit 2, no run folder.
badev() { # NAME WHAT-IT-SAYS SED-EXPRESSION
  mkdir -p "$tmp/ev-$1" && cp "$tmp/c24/catalog.json" "$tmp/ev-$1/" &&
    sed "$3" "$tmp/c24/events.csv" >"$tmp/ev-$1/events.csv"
  "$FS" catalog run "$tmp/ev-$1" $B -o "$tmp/out-ev-$1" 2>"$tmp/ev-$1.err"
  rc=$?
  if [ $rc -eq 2 ] && grep -q "$2" "$tmp/ev-$1.err" && grep -q "events.csv:[0-9]" "$tmp/ev-$1.err" &&
    [ ! -e "$tmp/out-ev-$1" ]; then
    ok "events.csv $1: exit 2, file:line, nothing written: $(cat "$tmp/ev-$1.err")"
  else
    nok "events.csv $1: exit $rc: $(cat "$tmp/ev-$1.err")"
  fi
}
badev duplicate-id "EventId 2 again" '4s/^3,/2,/'
badev missing-id "EventId 3 is missing" '4d'
badev unknown-family "no family 'cdn_dnss'" '0,/,cdn_dns,/s/,cdn_dns,/,cdn_dnss,/'
badev negative-rate "annual_rate" '2s/^\([0-9]*,[a-z_]*,[a-z0-9_-]*,\)[^,]*/\1-0.5/'
badev nan-rate "annual_rate" '2s/^\([0-9]*,[a-z_]*,[a-z0-9_-]*,\)[^,]*/\1nan/'
badev unknown-vendor "not one of family" '2s/^\([0-9]*,[a-z_]*,\)[a-z0-9_-]*/\1acme/'
# Tampered with in Python: FOLDER NAME WHAT-IT-SAYS PYTHON (rows: the list of dicts to change)
badpy() {
  mkdir -p "$tmp/ev-$2" && cp "$1/catalog.json" "$tmp/ev-$2/" &&
    py "
import csv, sys
src, dst = sys.argv[1], sys.argv[2]
rd = csv.DictReader(open(src)); rows = list(rd)
$4
w = csv.DictWriter(open(dst, 'w', newline=''), fieldnames=rd.fieldnames, lineterminator='\n')
w.writeheader(); w.writerows(rows)
" "$1/events.csv" "$tmp/ev-$2/events.csv"
  "$FS" catalog run "$tmp/ev-$2" $B -o "$tmp/out-ev-$2" 2>"$tmp/ev-$2.err"
  rc=$?
  if [ $rc -eq 2 ] && grep -q "$3" "$tmp/ev-$2.err" && grep -q "events.csv:[0-9]" "$tmp/ev-$2.err" &&
    [ ! -e "$tmp/out-ev-$2" ]; then
    ok "events.csv $2: exit 2, file:line, nothing written: $(cat "$tmp/ev-$2.err")"
  else
    nok "events.csv $2: exit $rc: $(cat "$tmp/ev-$2.err")"
  fi
}
badpy "$tmp/c24" rds-with-rate "has rate 0" "rows[-1]['annual_rate'] = '0.5'"
badpy "$tmp/c24" rds-twice "again (EventId" "
a = [r for r in rows if r['rds']]; b = [r for r in rows if r['family'] == a[0]['family'] and not r['rds']][0]
b['rds'] = a[0]['rds']; b['annual_rate'] = '0'"
badpy "$tmp/c24" other-family-cell "does not vary" "rows[0]['outage_hours'] = '7'"
badpy "$tmp/c-rds1" vendor-without-share "has no share" "
r = [r for r in rows if not r['rds']][0]; r['vendor_or_provider'] = 'fastly'; r['provider'] = '4'"

echo "1..$n"
[ "$fail" -eq 0 ]
