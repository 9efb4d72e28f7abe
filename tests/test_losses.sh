#!/bin/sh
# test_losses.sh: losses through the CLI (TAP): portfolio errors, replications
# identical whatever -j, loss tables present and consistent.
# usage: test_losses.sh FLEETSIM TESTS_DIR
FS="$1"
T="$2"
. "$T/tap.sh"
R="$T/../scenarios/crowdstrike-2024.lua"
FX="$T/loss/fixtures"

# Portfolio errors: exit 2 (a bad input file given by option), file:line: column N (Name), no results folder.
bad() { # FIXTURE PATTERN DESCRIPTION
  "$FS" run "$R" --scale 0.01 --portfolio "$FX/$1" -o "$tmp/bad" -q 2>"$tmp/err"
  rc=$?
  if [ $rc -eq 2 ] && grep -q -e "$2" "$tmp/err" && [ ! -e "$tmp/bad" ] &&
     [ -z "$(ls -A "$tmp" | grep '^\.bad')" ]; then ok "$3"
  else nok "$3 (exit $rc)"; sed 's/^/# /' "$tmp/err" | head -3; fi
}
bad missing_column.csv "missing_column.csv:1: missing required column \"Share\"" "missing column names the column"
bad unknown_industry.csv "unknown_industry.csv:[0-9]*: column [0-9]* (Industry)" "unknown industry: line and column"
bad negative_amount.csv "negative_amount.csv:[0-9]*: column [0-9]* (" "negative amount: line and column"
bad non_numeric.csv "non_numeric.csv:[0-9]*: column [0-9]* (" "non-numeric amount: line and column"
bad empty.csv "empty.csv" "empty file is refused"
bad unterminated.csv "unterminated.csv:[0-9]*" "unterminated quote is refused"
"$FS" run "$R" --scale 0.01 --portfolio "$tmp/nope.csv" -o "$tmp/bad" -q 2>"$tmp/err"
if [ $? -ne 0 ] && [ ! -e "$tmp/bad" ]; then ok "missing portfolio file is refused"; else nok "missing portfolio file is refused"; fi

# Quoted fields with commas, doubled quotes, CRLF and BOM are read.
"$FS" run "$R" --scale 0.01 -n 2 --portfolio "$FX/good.csv" -o "$tmp/good" -q
check $? "portfolio with quoted fields, commas and extra columns runs"
"$FS" run "$R" --scale 0.01 -n 2 --portfolio "$FX/crlf_bom.csv" -o "$tmp/crlf" -q
check $? "portfolio with CRLF line ends and a BOM runs"
grep -q '"Acme, Inc."' "$tmp/good/policies.csv"; check $? "a name with a comma comes back quoted"

# Replications: the same bytes with -j 1 and -j 2.
P="$T/../models/portfolios/midmarket-cyber-book.csv"
"$FS" run "$R" --scale 0.01 -n 6 -j 1 --years 2000 --portfolio "$P" -o "$tmp/j1" -q
"$FS" run "$R" --scale 0.01 -n 6 -j 2 --years 2000 --portfolio "$P" -o "$tmp/j2" -q
for f in summary.json selt.csv melt.csv splt.csv ept.csv alt.csv quantiles.csv summary_info.csv \
         policies.csv timeseries.csv orgs.csv; do
  cmp -s "$tmp/j1/$f" "$tmp/j2/$f"; check $? "$f identical with -j 1 and -j 2"
done
"$FS" run "$R" --scale 0.01 -n 6 -j 2 --seed 5 --years 2000 --portfolio "$P" -o "$tmp/s5" -q
if cmp -s "$tmp/j1/selt.csv" "$tmp/s5/selt.csv"; then nok "another seed gives other losses"; else ok "another seed gives other losses"; fi

# Consistency of the tables.
py "
import csv, json, sys
d = json.load(open('$tmp/j1/summary.json'))
L = d['loss']
assert L['replications'] == 6 and L['economic_total_usd'] > 0
assert abs(sum(L['by_industry_usd'].values()) - L['economic_total_usd']) <= 1e-6 * L['economic_total_usd'] + 20
p = L['portfolio']
assert p['policies'] == 3000 and 0 < p['insured_usd']['mean'] <= p['ground_up_usd']['mean']
for q in ('5', '50', '95', '99'):
    x = p['ground_up_usd']['quantiles'][q]
    assert x['ci_low'] <= x['value'] <= x['ci_high']
" 2>"$tmp/err"; check $? "summary.json loss object: totals, industries, insured <= ground-up, CIs bracket quantiles"
py "
import csv
rows = list(csv.DictReader(open('$tmp/j1/policies.csv')))
assert len(rows) == 3000
assert all(float(r['MeanInsuredUSD']) <= float(r['MeanGroundUpUSD']) + 0.01 for r in rows)
assert any(float(r['MeanInsuredUSD']) > 0 for r in rows)
" 2>>"$tmp/err"; check $? "policies.csv: every policy, insured never above ground-up"
py "
import csv
info = {r['SummaryId']: r for r in csv.DictReader(open('$tmp/j1/summary_info.csv'))}
ept = list(csv.DictReader(open('$tmp/j1/ept.csv')))
assert list(ept[0].keys()) == ['SummaryId','EPCalc','EPType','ReturnPeriod','Loss']
for sid in ('1',):
    for t in ('1','3'):
        c = sorted(((float(r['ReturnPeriod']), float(r['Loss'])) for r in ept if r['SummaryId']==sid and r['EPType']==t and r['EPCalc']=='2'))
        assert all(c[i][1] <= c[i+1][1] + 1e-6 for i in range(len(c)-1)), c
        assert [rp for rp, _ in c] == [2,5,10,25,50,100,200,250,500,1000]
    oep = {float(r['ReturnPeriod']): float(r['Loss']) for r in ept if r['SummaryId']=='1' and r['EPType']=='1' and r['EPCalc']=='2'}
    aep = {float(r['ReturnPeriod']): float(r['Loss']) for r in ept if r['SummaryId']=='1' and r['EPType']=='3' and r['EPCalc']=='2'}
    assert all(aep[k] >= oep[k] - 1e-6 for k in oep)
alt = list(csv.DictReader(open('$tmp/j1/alt.csv')))
assert list(alt[0].keys()) == ['SummaryId','SampleType','MeanLoss','SDLoss']
selt = list(csv.DictReader(open('$tmp/j1/selt.csv')))
assert list(selt[0].keys()) == ['EventId','SummaryId','SampleId','Loss','ImpactedExposure']
splt = open('$tmp/j1/splt.csv').readline().strip()
assert splt == 'Period,PeriodWeight,EventId,Year,Month,Day,Hour,Minute,SummaryId,SampleId,Loss,ImpactedExposure'
melt = open('$tmp/j1/melt.csv').readline().strip()
assert melt.startswith('EventId,SummaryId,SampleType,EventRate,ChanceOfLoss,MeanLoss,SDLoss,MaxLoss')
levels = {r['Level'] for r in info.values()}
assert {'fleet','industry','portfolio','policy'} <= levels
assert {r['Perspective'] for r in info.values()} == {'gul','il'}
" 2>>"$tmp/err"; check $? "ORD columns, EP curves rise with the return period, AEP >= OEP, summary levels"
sed 's/^/# /' "$tmp/err" | head -5

# No annual_rate: no period tables; no costs: no loss tables at all.
"$FS" run "$R" --scale 0.01 --set annual_rate=0 -o "$tmp/r0" -q
check $? "annual_rate 0 runs"
"$FS" run "$T/scenarios/golden-small.lua" -o "$tmp/nocost" -q
if [ ! -e "$tmp/nocost/selt.csv" ] && ! grep -q '"loss"' "$tmp/nocost/summary.json"; then ok "a scenario without costs writes no loss tables"; else nok "a scenario without costs writes no loss tables"; fi
"$FS" run "$T/scenarios/golden-small.lua" --portfolio "$FX/good.csv" -o "$tmp/pc" -q 2>"$tmp/err"
if [ $? -eq 2 ] && grep -q "needs a scenario with costs" "$tmp/err"; then ok "--portfolio without costs is refused"; else nok "--portfolio without costs is refused"; fi
# Ctrl-C: exit 130; the finished replications are kept in a folder marked
# partial (or, if none finished yet, no folder at all).
"$FS" run "$R" --scale 0.05 -n 500 -j 2 -o "$tmp/intr" -q 2>"$tmp/err" &
pid=$!
sleep 3
kill -INT $pid
wait $pid
rc=$?
if [ $rc -eq 130 ] && { [ ! -e "$tmp/intr" ] ||
     { grep -q '"partial": true' "$tmp/intr/manifest.json" && ! grep -q '"replications": 500' "$tmp/intr/manifest.json"; }; }; then
  ok "Ctrl-C: exit 130, finished replications kept and marked partial"
else nok "Ctrl-C: exit 130, finished replications kept and marked partial (exit $rc)"; fi
echo "1..$n"
[ "$fail" -eq 0 ]
