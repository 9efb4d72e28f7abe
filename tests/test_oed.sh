#!/bin/sh
# test_oed.sh: OED portfolios (issue 18, docs/LOSSES.md 2.4). A slice of
# the mid-market book converted to OED by scripts/portfolio_to_oed.lua, as
# account + location files and as an account file alone, runs to the same
# ground-up and insured losses, policy by policy, as the CSV; so does a
# small book with every wording extension; the ignored fields are named
# once per file; *acc*.csv and *loc*.csv names are found; bad folders
# (missing required column, unknown occupancy, unknown country, negative
# limit, share above 1, orphan location, no account file) are refused with
# file:line: column N (NAME), exit 2 and no results folder.
# usage: test_oed.sh FLEETSIM TESTS_DIR
FS=$1
T=$2
. "$T/tap.sh"
R=$(cd "$T/.." && pwd)
S="$R/scenarios/crowdstrike-2024.lua"
RUN="--scale 0.002 -n 2 --no-report -q"

if ! command -v lua5.4 >/dev/null 2>&1; then
  skip "lua5.4 not found: scripts/portfolio_to_oed.lua cannot run"
  echo "1..$n"
  exit 0
fi

# The first 300 policies, as CSV and as OED both ways.
head -n 301 "$R/models/portfolios/midmarket-cyber-book.csv" >"$tmp/book.csv"
mkdir "$tmp/book" "$tmp/cyber"
(cd "$R" && lua5.4 scripts/portfolio_to_oed.lua "$tmp/book.csv" "$tmp/book" &&
  lua5.4 scripts/portfolio_to_oed.lua "$tmp/book.csv" "$tmp/cyber" --account-only) >"$tmp/conv.out"
check $? "portfolio_to_oed.lua writes both folders: $(tr '\n' ' ' <"$tmp/conv.out")"

# Same losses: summary.json's portfolio block and policies.csv (the OED id
# is AccNumber/PolNumber, the converter's PolNumber is 1).
same() { # A B DESCRIPTION
  py "
import csv, json, sys
a, b = sys.argv[1], sys.argv[2]
pa = json.load(open(a + '/summary.json'))['loss']['portfolio']
pb = json.load(open(b + '/summary.json'))['loss']['portfolio']
assert pa['insured_usd']['mean'] > 0 and pa['ground_up_usd']['mean'] > 0, pa
for k in ('policies', 'insured_usd', 'ground_up_usd'):
    assert pa[k] == pb[k], (k, pa[k], pb[k])
ra = list(csv.DictReader(open(a + '/policies.csv')))
rb = list(csv.DictReader(open(b + '/policies.csv')))
assert len(ra) == len(rb) > 0
for x, y in zip(ra, rb):
    assert y.pop('PolicyId') == x.pop('PolicyId') + '/1' and x == y, (x, y)
" "$1" "$2" 2>"$tmp/err"
  if [ $? -eq 0 ]; then ok "$3"; else nok "$3"; sed 's/^/# /' "$tmp/err" | tail -3; fi
}
"$FS" run "$S" $RUN --portfolio "$tmp/book.csv" -o "$tmp/r-csv" 2>"$tmp/csv.err"
check $? "the CSV slice runs"
"$FS" run "$S" $RUN --portfolio "$tmp/book" -o "$tmp/r-oed" 2>"$tmp/oed.err"
check $? "the OED folder (account + location) runs"
same "$tmp/r-csv" "$tmp/r-oed" "OED with locations: the CSV's ground-up and insured losses, policy by policy"
"$FS" run "$S" $RUN --portfolio "$tmp/cyber" -o "$tmp/r-cyber" 2>"$tmp/cyber.err"
check $? "the OED account file alone runs"
same "$tmp/r-csv" "$tmp/r-cyber" "OED account only: the CSV's ground-up and insured losses, policy by policy"

# The ignored fields, once per file.
grep -qx "fleetsim: note: $tmp/book/account.csv: 1 OED field ignored: PolPerilsCovered" "$tmp/oed.err" &&
  grep -qx "fleetsim: note: $tmp/book/location.csv: 1 OED field ignored: LocCurrency" "$tmp/oed.err" &&
  [ "$(grep -c 'note:' "$tmp/oed.err")" -eq 2 ] && [ "$(grep -c 'note:' "$tmp/cyber.err")" -eq 1 ]
check $? "one note per file names the ignored fields: $(head -1 "$tmp/oed.err")"
py "
import json, sys
m = json.load(open(sys.argv[1] + '/manifest.json'))
assert any(sys.argv[1].replace('r-oed', 'book') in json.dumps(v) for v in m.values()), m
" "$tmp/r-oed" 2>"$tmp/err"
check $? "manifest.json names the folder"

# Any *acc*.csv and *loc*.csv, in any case; two candidates refused.
mkdir "$tmp/named"
cp "$tmp/book/account.csv" "$tmp/named/Book_ACC.csv"
cp "$tmp/book/location.csv" "$tmp/named/book-Locations.CSV"
"$FS" run "$S" $RUN --portfolio "$tmp/named" -o "$tmp/r-named" 2>/dev/null
check $? "Book_ACC.csv and book-Locations.CSV are found"
same "$tmp/r-csv" "$tmp/r-named" "... and give the same losses"
cp "$tmp/book/account.csv" "$tmp/named/old_acc.csv"
"$FS" run "$S" $RUN --portfolio "$tmp/named" -o "$tmp/r-two" 2>"$tmp/err"
if [ $? -ne 0 ] && grep -q "two account files" "$tmp/err" && [ ! -e "$tmp/r-two" ]; then
  ok "two account files refused: $(cat "$tmp/err")"
else nok "two account files refused: $(cat "$tmp/err")"; fi

# Every wording extension: a small book on the cloud outage scenario.
H=PolicyId,Name,Industry,Region,AnnualRevenueUSD,Endpoints,AgentVendor,WaitingPeriodHours
H=$H,Deductible,Limit,SystemFailureSublimit,DependentBISublimit,Share,SystemFailureCover
H=$H,DependentBIWaitingHours,NamedProviders,NamedDependentBISublimit,ExtraExpenseSublimit
H=$H,DataRestorationSublimit,Coinsurance,WidespreadEventThreshold,WidespreadEventSublimit
H=$H,InfrastructureExclusion,CloudRegions,IdentityProvider,MSP
cat >"$tmp/wording.csv" <<EOF
$H
W1,"Named, Inc.",retail,us_east,500000000,2000,microsoft_defender,8,50000,5000000,,0,1,Y,6,aws-us-east-1,2000000,,300000,0.1,,,N,aws-us-east-1,google-identity,msp-global-b
W2,Unnamed,banking,us_pacific,300000000,,,10,25000,0,,1000000,0.5,N,,,,0,,,0.2,100000,Y,aws-us-east-1;aws-us-west-2,,
W3,Media,media,uk_ireland,80000000,400,,12,10000,2000000,500000,,0.25,,,,,,0,0.2,,,,aws-us-east-1,,
W4,Shared,airlines,canada,900000000,5000,,24,100000,10000000,2500000,2000000,1,,30,,,400000,600000,,0.5,0,,aws-us-east-1,,
EOF
mkdir "$tmp/wording" "$tmp/wording-acc"
(cd "$R" && lua5.4 scripts/portfolio_to_oed.lua "$tmp/wording.csv" "$tmp/wording" &&
  lua5.4 scripts/portfolio_to_oed.lua "$tmp/wording.csv" "$tmp/wording-acc" --account-only) >/dev/null
C="$R/scenarios/cloud-region-outage.lua"
"$FS" run "$C" --scale 0.01 -n 2 --no-report -q --portfolio "$tmp/wording.csv" -o "$tmp/w-csv" 2>"$tmp/err"
check $? "the wording book runs as CSV$(head -c 300 "$tmp/err")"
"$FS" run "$C" --scale 0.01 -n 2 --no-report -q --portfolio "$tmp/wording" -o "$tmp/w-oed" 2>"$tmp/err"
check $? "... and as OED$(grep -v note: "$tmp/err" | head -c 300)"
same "$tmp/w-csv" "$tmp/w-oed" "every wording extension: the CSV's losses, policy by policy"
"$FS" run "$C" --scale 0.01 -n 2 --no-report -q --portfolio "$tmp/wording-acc" -o "$tmp/w-acc" 2>/dev/null
same "$tmp/w-csv" "$tmp/w-acc" "... and as an account file alone"

# Bad folders: exit 2, FILE:LINE[: column N (NAME)], nothing written.
bad() { # NAME FILE PYTHON-EDIT WANT
  cp -r "$tmp/book" "$tmp/$1"
  py "
import sys
p = sys.argv[1]
lines = open(p).read().split('\n')
$3
open(p, 'w').write('\n'.join(lines))
" "$tmp/$1/$2"
  "$FS" run "$S" $RUN --portfolio "$tmp/$1" -o "$tmp/out-$1" 2>"$tmp/$1.err"
  rc=$?
  if [ $rc -eq 2 ] && grep -q -e "$tmp/$1/$2:$4" "$tmp/$1.err" && [ ! -e "$tmp/out-$1" ] &&
    [ -z "$(ls -A "$tmp" | grep '^\.out-')" ]; then
    ok "$1: exit 2, nothing written: $(cat "$tmp/$1.err")"
  else
    nok "$1: exit $rc: $(cat "$tmp/$1.err")"
  fi
}
bad missing account.csv "lines[0] = lines[0].replace('AnnualRevenue,', 'Revenue,')" \
  '1: missing required column "AnnualRevenue"'
bad occupancy location.csv "lines[4] = lines[4].replace(',1000,', ',9999,')" \
  '5: column 7 (OccupancyCode): unknown OED occupancy code (got "9999")'
bad country location.csv "lines[2] = lines[2].replace(',GB,', ',ZZ,')" \
  '3: column 5 (CountryCode): unknown OED country code (got "ZZ")'
bad limit account.csv "lines[5] = lines[5].replace(',2000000,', ',-2000000,', 1)" \
  '6: column 13 (LayerLimit): expected a non-negative number (got "-2000000")'
bad share account.csv "lines[7] = lines[7].replace(',1.00,', ',1.25,')" \
  '8: column 14 (LayerParticipation): .*(got "1.25")'
bad orphan location.csv "lines.insert(-1, 'midmarket-cyber-book,MM-99999,1,USD,US,NY,1104,')" \
  '302: column 2 (AccNumber): no account row .*(got "MM-99999"'
bad state location.csv "lines[1] = lines[1].replace(',US,CA,', ',US,,')" \
  '2: column 5 (CountryCode): country "US" needs an AreaCode'
bad currency account.csv "lines[2] = lines[2].replace(',USD,1,', ',EUR,1,')" \
  '3: column 4 (AccCurrency): USD expected'
mkdir "$tmp/empty"
"$FS" run "$S" $RUN --portfolio "$tmp/empty" -o "$tmp/out-empty" 2>"$tmp/err"
if [ $? -eq 2 ] && grep -q "no OED account file" "$tmp/err" && [ ! -e "$tmp/out-empty" ]; then
  ok "a folder without an account file: exit 2: $(cat "$tmp/err")"
else nok "a folder without an account file: $(cat "$tmp/err")"; fi

echo "1..$n"
[ "$fail" -eq 0 ]
