#!/bin/sh
# test_reinsurance.sh: reinsurance programmes and wording switches through
# the CLI (TAP): net = gross - recoveries per occurrence and per year in a
# run's tables, the layer table against hand-computable programmes, the
# same bytes whatever -j, catalogue RI tables, and bad programmes refused
# (file:line: column, exit 2, nothing written).
# usage: test_reinsurance.sh FLEETSIM TESTS_DIR
FS="$1"
T="$2"
. "$T/tap.sh"
R="$T/../scenarios/crowdstrike-2024.lua"
P="$T/../models/portfolios/midmarket-cyber-book.csv"

prog() { # NAME ROWS...: a programme file
  f="$tmp/$1.csv"
  shift
  printf 'layer,kind,share,attachment,limit,reinstatements,hours\n' >"$f"
  for r in "$@"; do printf '%s\n' "$r" >>"$f"; done
}
run() { # OUT PROGRAMME [more options]
  o=$1
  p=$2
  shift 2
  "$FS" run "$R" --scale 0.01 -n 4 --years 2000 --portfolio "$P" --reinsurance "$tmp/$p.csv" \
    -o "$tmp/$o" -q --no-report "$@"
}
# SummaryId of a perspective's portfolio summary
sid() { awk -F, -v p="$2" '$2 == p && $3 == "portfolio" { print $1 }' "$tmp/$1/summary_info.csv"; }

# ---- a 40 % quota share: every occurrence's net is 0.6 of its gross
prog qs 'qs,quota_share,0.4,,,,'
run qs qs -j 2
check $? "run --portfolio --reinsurance runs"
il=$(sid qs il)
ri=$(sid qs ri)
[ -n "$il" ] && [ -n "$ri" ]
check $? "summary_info.csv has the portfolio's il and ri summaries ($il, $ri)"
awk -F, -v il="$il" -v ri="$ri" 'NR > 1 && ($9 == il || $9 == ri) {
    k = $1 "," $3 "," $5 "," $6 "," $7 "," $8; if ($9 == il) g[k] = $11; else n[k] = $11 }
  END { bad = 0; m = 0; for (k in g) { m++; d = n[k] - 0.6 * g[k]; if (d < -0.02 || d > 0.02) bad++ }
        exit !(m > 0 && bad == 0) }' "$tmp/qs/splt.csv"
check $? "quota share 40 %: each occurrence's net in splt.csv is 0.6 x its gross"
awk -F, -v il="$il" -v ri="$ri" 'NR > 1 && $2 == 2 { if ($1 == il) g = $3; if ($1 == ri) n = $3 }
  END { d = n - 0.6 * g; exit !(g > 0 && d > -0.05 && d < 0.05) }' "$tmp/qs/alt.csv"
check $? "quota share: the net sample AAL is 0.6 x the gross"
awk -F, 'NR == 2 { exit !($1 == "qs" && $2 == "quota_share" && $11 > 0 && $12 == 1) }' \
  "$tmp/qs/ri_layers.csv"
check $? "ri_layers.csv: the quota share attaches in every sample"
grep -q '^as_written,' "$tmp/qs/wordings.csv" && grep -q '^system_failure_excluded,' "$tmp/qs/wordings.csv"
check $? "wordings.csv lists the wording switches"
awk -F, 'NR > 1 && $1 == "system_failure_excluded" { exit !($3 == 0) }' "$tmp/qs/wordings.csv"
check $? "a non-malicious event pays nothing with system failure excluded"

# ---- net = gross - recoveries for a whole programme, per event and per year
prog full 'qs,quota_share,0.3,,,,' 'risk,per_risk,1,300000,700000,1,' \
  'xl,cat,0.9,5000000,10000000,1,72' 'agg,aggregate,1,15000000,10000000,,'
run full full -j 2 && run full1 full -j 1
check $? "a four-layer programme runs with -j 2 and -j 1"
same=0
for f in summary.json selt.csv melt.csv splt.csv ept.csv alt.csv ri_layers.csv cover.csv wordings.csv; do
  cmp -s "$tmp/full/$f" "$tmp/full1/$f" || { same=1; echo "# $f differs"; }
done
check $same "the RI tables are the same bytes with -j 1 and -j 2"
il=$(sid full il)
ri=$(sid full ri)
python3 - "$tmp/full" "$il" "$ri" <<'PY'
import csv, json, sys
d, il, ri = sys.argv[1], sys.argv[2], sys.argv[3]
s = json.load(open(d + "/summary.json"))["loss"]["portfolio"]["reinsurance"]
lay = list(csv.DictReader(open(d + "/ri_layers.csv")))
ev = sum(float(r["EventMeanRecovery"]) for r in lay)
assert abs(s["gross_usd"] - s["net_usd"] - ev) < 0.01 * len(lay) + 0.05, (s, ev)
alt = {(r["SummaryId"], r["SampleType"]): float(r["MeanLoss"]) for r in csv.DictReader(open(d + "/alt.csv"))}
yr = sum(float(r["ExpectedLoss"]) for r in lay)
assert abs(alt[(il, "2")] - alt[(ri, "2")] - yr) < 0.05 * len(lay) + 0.05, (alt[(il, "2")], alt[(ri, "2")], yr)
for r in lay:
    assert 0 <= float(r["ProbExhaust"]) <= float(r["ProbAttach"]) <= 1, r
PY
check $? "net = gross - recoveries: the event's means and the annual means (AAL) agree with ri_layers.csv"

# ---- bad programmes: file:line: column, exit 2, nothing written
bad() { # NAME PATTERN DESCRIPTION ROWS...
  nm=$1
  pat=$2
  d=$3
  shift 3
  prog "$nm" "$@"
  run "bad_$nm" "$nm" 2>"$tmp/err"
  rc=$?
  [ $rc -eq 2 ] && grep -q -e "$pat" "$tmp/err" && [ ! -e "$tmp/bad_$nm" ]
  check $? "$d (exit $rc)"
  [ $rc -eq 2 ] || sed 's/^/# /' "$tmp/err" | head -3
}
bad share "share.csv:2: column 3 (share)" "a share above 1" 'qs,quota_share,1.5,,,,'
bad hours "hours.csv:2: .*hours" "an hours clause of zero" 'xl,cat,1,10,10,0,0'
bad neglimit "neglimit.csv:2: .*limit" "a negative limit (the layer exhausts below its attachment)" \
  'xl,cat,1,100,-50,0,72'
bad kind "kind.csv:2: column 2 (kind)" "an unknown kind" 'xl,stop,1,100,50,0,'
bad overlap "overlap.csv:3: .*overlaps" "two cat layers that overlap" 'a,cat,1,100,100,0,72' \
  'b,cat,1,150,100,0,72'
"$FS" run "$R" --scale 0.01 --reinsurance "$tmp/qs.csv" -o "$tmp/nopf" -q 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "needs --portfolio" "$tmp/err" && [ ! -e "$tmp/nopf" ]
check $? "--reinsurance without --portfolio: a usage error"

# ---- catalogue runs
"$FS" catalog build "$T/../models/catalog/default.lua" --events 12 -q -o "$tmp/cat" &&
  "$FS" catalog run "$tmp/cat" --portfolio "$P" --reinsurance "$tmp/qs.csv" --scale 0.002 \
    --years 3000 -j 2 -q --no-report -o "$tmp/cr"
check $? "catalog run --portfolio --reinsurance runs"
awk -F, 'NR == FNR { if (FNR > 1 && $1 == 4 && $2 == 2) g[$3 "," $4] = $5; next }
  FNR > 1 && $1 == 5 { d = $5 - 0.6 * g[$3 "," $4]; if (d < -0.02 || d > 0.02) bad++; m++ }
  END { exit !(m > 0 && bad == 0) }' "$tmp/cr/ept.csv" "$tmp/cr/ri_ept.csv"
check $? "catalogue: the net EP curves (summary 5) are 0.6 x the insured ones (4) under a 40 % quota share"
"$FS" catalog run "$tmp/cat" --portfolio "$P" --reinsurance "$tmp/full.csv" --scale 0.002 -q \
  -o "$tmp/cr2" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "per-risk" "$tmp/err" && [ ! -e "$tmp/cr2" ]
check $? "catalogue: a per-risk layer is refused (no per-policy losses), nothing written"
# ---- an OED portfolio in a catalogue run: the same losses as its CSV
head -301 "$P" >"$tmp/mm300.csv" && mkdir "$tmp/oed" &&
  (cd "$T/.." && lua5.4 scripts/portfolio_to_oed.lua "$tmp/mm300.csv" "$tmp/oed" >/dev/null) &&
  "$FS" catalog run "$tmp/cat" --portfolio "$tmp/mm300.csv" --scale 0.002 --years 1000 -j 2 -q \
    --no-report -o "$tmp/crc" && "$FS" catalog run "$tmp/cat" --portfolio "$tmp/oed" --scale 0.002 \
    --years 1000 -j 2 -q --no-report -o "$tmp/cro" 2>"$tmp/oerr" &&
  cmp -s "$tmp/crc/melt.csv" "$tmp/cro/melt.csv" && cmp -s "$tmp/crc/ept.csv" "$tmp/cro/ept.csv" &&
  [ "$(grep -c 'OED field' "$tmp/oerr")" -le 2 ]
check $? "catalogue: an OED folder gives the CSV's tables byte for byte, its note printed once"
echo "1..$n"
[ "$fail" -eq 0 ]
