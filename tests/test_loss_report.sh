#!/bin/sh
# test_loss_report.sh: `fleetsim report DIR --kind loss` (TAP): loss_report.html
# and loss_report.pdf of a small run with a portfolio and a reinsurance
# programme (every section; numbers against summary.json and the CSVs;
# names escaped; the charts), of a tiny catalogue run (EP gross and net);
# folders without a portfolio, tampered tables (FILE:LINE: column N (NAME),
# the old page kept), no PDF converter on PATH, out of memory, Chromium.
# usage: test_loss_report.sh FLEETSIM TESTS_DIR
FS="$1"
T="$2"
. "$T/tap.sh"
M="$T/../models"
S="$T/../scenarios"
have_gnuplot=0
command -v gnuplot >/dev/null 2>&1 && have_gnuplot=1
have_chromium=0
command -v chromium >/dev/null 2>&1 && have_chromium=1
. "$T/report_checks.sh"
# A PATH with gnuplot and nothing else: no PDF converter.
mkdir "$tmp/bin"
[ $have_gnuplot -eq 1 ] && ln -s "$(command -v gnuplot)" "$tmp/bin/gnuplot"

# table_rows FILE CLASS: the cells of each row of the first table whose
# class holds CLASS, '|'-separated, one row per line.
table_rows() {
  py "
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.on = self.done = False; self.rows = []; self.cell = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'table' and not self.done and sys.argv[2] in (a.get('class') or '').split(): self.on = True
        if self.on and tag == 'tr': self.rows.append([])
        if self.on and tag == 'td': self.cell = ''
    def handle_endtag(self, tag):
        if self.on and tag == 'td': self.rows[-1].append(self.cell); self.cell = None
        if self.on and tag == 'table': self.on = False; self.done = True
    def handle_data(self, d):
        if self.cell is not None: self.cell += d
p = P(); p.feed(open(sys.argv[1], encoding='utf-8').read())
for r in p.rows:
    if r: print('|'.join(r))
" "$1" "$2"
}

# The report's money format (fs_html__fmt_money), for the checks below.
MONEY='
def money(x):
    a = abs(x)
    for lim, div, unit in ((1e12, 1e12, "tn"), (1e9, 1e9, "bn"), (1e6, 1e6, "m")):
        if a >= lim: return "USD %.2f %s" % (x / div, unit)
    s = "%.0f" % x
    neg = s.startswith("-")
    d = s.lstrip("-")
    g = ",".join([d[max(0, i - 3):i] for i in range(len(d), 0, -3)][::-1])
    return "USD " + ("-" if neg and d != "0" else "") + g
'

# ---- a small run with a portfolio (its file named to be escaped) and a programme
mkdir "$tmp/pf"
PF="$tmp/pf/mid<book>&co.csv"
cp "$M/portfolios/midmarket-cyber-book.csv" "$PF"
"$FS" run "$S/crowdstrike-2024.lua" --scale 0.01 -n 3 -j 2 --portfolio "$PF" \
  --reinsurance "$M/reinsurance/midmarket-cyber-book.csv" --no-report -q -o "$tmp/run" 2>"$tmp/err"
if [ $? -ne 0 ]; then
  nok "a small run with a portfolio and a programme"
  sed 's/^/# /' "$tmp/err" | head -5
  echo "1..$n"
  exit 1
fi
ok "a small run with a portfolio and a programme"
# One policy's name made hostile, where the page shows it: the largest insured.
py "
import csv, sys
p = sys.argv[1]
rows = list(csv.reader(open(p, newline='')))
h = rows[0]; il = h.index('MeanInsuredUSD'); nm = h.index('Name')
best = max(range(1, len(rows)), key=lambda i: float(rows[i][il]))
rows[best][nm] = '<script>alert(1)</script> & Sons'
csv.writer(open(p, 'w', newline=''), lineterminator='\n').writerows(rows)
" "$tmp/run/policies.csv"
cp -r "$tmp/run" "$tmp/base"
fresh() { rm -rf "$tmp/$1" && cp -r "$tmp/base" "$tmp/$1"; }

R="$tmp/run"
H="$R/loss_report.html"
"$FS" report "$R" --kind loss >"$tmp/out" 2>"$tmp/err"
check $? "fleetsim report --kind loss on a run folder succeeds"
grep -q "loss report: $R/loss_report.html" "$tmp/out" && [ -s "$H" ]
check $? "it says what it wrote and writes loss_report.html"
[ ! -e "$R/report.html" ]
check $? "it does not write report.html (the default kind's page)"
if [ $have_chromium -eq 1 ]; then
  [ "$(head -c 5 "$R/loss_report.pdf")" = "%PDF-" ] && tail -c 64 "$R/loss_report.pdf" | grep -q "%%EOF"
  check $? "loss_report.pdf is a whole PDF (chromium)"
  grep -q "loss_report.pdf (chromium)" "$tmp/out"
  check $? "it names the converter"
else
  skip "no PDF converter (chromium) installed"
  skip "no PDF converter (chromium) installed"
fi
ls -a "$R" | grep -q 'tmp' && nok "temporary files left" || ok "no temporary file left"
report_ok "$H"
check $? "the page: no NaN, no empty table, no script, nothing fetched"

# Sections.
missing=""
for id in headline lines groups largest bands wordings reinsurance ep assumptions reproducibility; do
  grep -q "id=\"$id\"" "$H" || missing="$missing $id"
done
for h in "Headline: gross and net" "By line of cover" "By industry and region" \
  "The 20 largest insureds" "Policies by loss band" "Wording switches" \
  "Reinsurance recoveries by layer" "Exceedance probability: gross and net" \
  "Assumptions and sources" "Reproducibility"; do
  grep -q "<h2>$h</h2>" "$H" || missing="$missing '$h'"
done
if [ -z "$missing" ]; then ok "every section and heading"; else nok "missing:$missing"; fi

# Numbers against the files.
py "$MONEY
import json, sys
s = json.load(open(sys.argv[1]))['loss']['portfolio']
rows = [l.split('|') for l in sys.stdin.read().splitlines()]
byname = {r[0]: r for r in rows}
assert byname['Gross (insured)'][1] == money(s['insured_usd']['mean']), (byname['Gross (insured)'], s['insured_usd']['mean'])
assert byname['Ground-up'][1] == money(s['ground_up_usd']['mean'])
assert byname['Net of reinsurance'][1] == money(s['reinsurance']['net_usd'])
assert byname['Gross (insured)'][2] == money(s['insured_usd']['quantiles']['5']['value'])
" "$R/summary.json" <<EOF
$(table_rows "$H" headline)
EOF
check $? "headline: ground-up, gross and net means (and the gross 5 %) as in summary.json"
py "$MONEY
import csv, sys
rows = [l.split('|') for l in sys.stdin.read().splitlines()]
cov = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == len(cov), (len(rows), len(cov))
for r, c in zip(rows, cov):
    assert r[1] == money(float(c['GroundUpMean'])) and r[2] == money(float(c['InsuredMean'])), (r, c)
" "$R/cover.csv" <<EOF
$(table_rows "$H" lines)
EOF
check $? "by line of cover: one row per line of cover.csv with its means"
py "$MONEY
import csv, sys
rows = [l.split('|') for l in sys.stdin.read().splitlines()]
pol = list(csv.DictReader(open(sys.argv[1])))
top = sorted(pol, key=lambda p: -float(p['MeanInsuredUSD']))[0]
assert rows[0][0] == top['PolicyId'], (rows[0], top['PolicyId'])
assert rows[0][1] == top['Name'], rows[0]
assert rows[0][6] == money(float(top['MeanInsuredUSD'])), rows[0]
assert len(rows) == min(20, sum(1 for p in pol if float(p['MeanInsuredUSD']) > 0))
" "$R/policies.csv" <<EOF
$(table_rows "$H" policies)
EOF
check $? "the largest insureds: policies.csv's largest first, its name and mean insured"
py "
import csv, sys
rows = [l.split('|') for l in sys.stdin.read().splitlines()]
n = len(list(csv.DictReader(open(sys.argv[1]))))
assert sum(int(r[1].replace(',', '')) for r in rows) == n, rows
" "$R/policies.csv" <<EOF
$(table_rows "$H" bands)
EOF
check $? "loss bands: the counts sum to the policies"
py "
import csv, sys
rows = [l.split('|') for l in sys.stdin.read().splitlines()]
w = [r['Wording'] for r in csv.DictReader(open(sys.argv[1]))]
assert [r[0] for r in rows] == w, ([r[0] for r in rows], w)
" "$R/wordings.csv" <<EOF
$(table_rows "$H" wordings)
EOF
check $? "wording switches: every wording of wordings.csv, in order"
py "
import csv, sys
rows = [l.split('|') for l in sys.stdin.read().splitlines()]
layers = [r['Layer'] for r in csv.DictReader(open(sys.argv[1]))]
assert [r[0] for r in rows] == layers, (rows, layers)
" "$R/ri_layers.csv" <<EOF
$(table_rows "$H" layers)
EOF
check $? "reinsurance: every layer of ri_layers.csv"
grep -q "models/reinsurance/midmarket-cyber-book.csv" "$H"
check $? "the programme file is named"
grep -q "docs/LOSSES.md" "$H" && grep -q "20240719" "$H"
check $? "assumptions: the pointer to docs/LOSSES.md and the seed"

# Escaping.
grep -q "<script" "$H"
[ $? -ne 0 ] && grep -q "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Sons" "$H"
check $? "a policy name with <script> is escaped"
grep -q "mid&lt;book&gt;&amp;co: loss report</h1>" "$H" && ! grep -q "<book>" "$H"
check $? "the portfolio's name (from its file name) is escaped"

# Charts.
if [ $have_gnuplot -eq 1 ]; then
  CH="loss-by_line loss-industry loss-wordings loss-layers loss-ep"
  # shellcheck disable=SC2086
  svg_ok "$R" $CH
  check $? "the loss charts: valid SVG that draws something"
  grep -q 'id="fig-loss-ep"' "$H" && grep -q 'id="fig-loss-wordings"' "$H"
  check $? "the charts are inlined in the page"
  [ -s "$R/plots/down_by_industry.svg" ] && [ -s "$R/plots/ep_portfolio.svg" ]
  check $? "plots/ keeps the run report's charts beside the loss charts"
else
  skip "no gnuplot"
  skip "no gnuplot"
  skip "no gnuplot"
fi

# The default kind is as it was.
"$FS" report "$R" -q 2>"$tmp/err"
[ $? -eq 0 ] && [ -s "$R/report.html" ]
check $? "fleetsim report DIR (no --kind) writes report.html as before"
"$FS" report "$R" --kind nonsense -q 2>"$tmp/err"
[ $? -eq 2 ] && grep -q -- "--kind" "$tmp/err"
check $? "--kind nonsense is a usage error naming the option"

# ---- no PDF converter on PATH
fresh noconv
cp "$R/loss_report.pdf" "$tmp/noconv/" 2>/dev/null
PATH="$tmp/bin" "$FS" report "$tmp/noconv" --kind loss -q 2>"$tmp/err" >/dev/null
rc=$?
[ $rc -eq 0 ] && [ -s "$tmp/noconv/loss_report.html" ] && [ ! -e "$tmp/noconv/loss_report.pdf" ]
check $? "no converter on PATH: exit 0, the page written, no (stale) PDF left"
[ "$(grep -c "PDF skipped" "$tmp/err")" -eq 1 ] && grep -q "chromium" "$tmp/err"
check $? "one warning saying the PDF was skipped and which package gives it"

# ---- bad input: nothing written, the old page kept
# tampered NAME FILE LINE COLUMN VALUE PATTERN: the message names file,
# line and column, exit 1, loss_report.html as it was, no temporary left.
tampered() {
  fresh "$1"
  echo "old page" >"$tmp/$1/loss_report.html"
  edit_field "$tmp/$1/$2" "$3" "$4" "$5"
  PATH="$tmp/bin" "$FS" report "$tmp/$1" --kind loss -q 2>"$tmp/err" >/dev/null
  rc=$?
  left=$(ls -a "$tmp/$1" | grep tmp)
  if [ $rc -eq 1 ] && grep -q "$6" "$tmp/err" && [ "$(cat "$tmp/$1/loss_report.html")" = "old page" ] &&
    [ -z "$left" ]; then
    ok "$2 tampered: '$(head -1 "$tmp/err")', old page kept"
  else
    nok "$2 tampered (exit $rc): $(head -1 "$tmp/err")"
  fi
}
tampered t1 policies.csv 3 11 "12x" "policies.csv:3: column 11 (MeanInsuredUSD): expected"
tampered t2 wordings.csv 1 5 "Change" "wordings.csv:1: missing column ChangeUSD"
tampered t3 ri_layers.csv 3 8 "-5" "ri_layers.csv:3: column 8 (ExpectedLoss): expected"
tampered t4 cover.csv 2 3 "nan" "cover.csv:2: column 3 (InsuredMean): expected"
tampered t5 summary_info.csv 2 2 "net" "summary_info.csv:2: column 2 (Perspective): unknown"
tampered t6 melt.csv 2 6 "1e999" "melt.csv:2: column 6 (MeanLoss)"

# A run without a portfolio.
"$FS" run "$S/crowdstrike-2024.lua" --scale 0.005 -n 1 --no-report -q -o "$tmp/nopf" 2>/dev/null
"$FS" report "$tmp/nopf" --kind loss -q 2>"$tmp/err" >/dev/null
rc=$?
[ $rc -eq 1 ] && grep -q "no portfolio" "$tmp/err" && [ ! -e "$tmp/nopf/loss_report.html" ] &&
  [ ! -e "$tmp/nopf/plots" ]
check $? "a run without a portfolio: exit 1, 'no portfolio', nothing written"
fresh nopol
rm "$tmp/nopol/policies.csv"
"$FS" report "$tmp/nopol" --kind loss -q 2>"$tmp/err" >/dev/null
[ $? -eq 1 ] && grep -q "no policies.csv" "$tmp/err" && [ ! -e "$tmp/nopol/loss_report.html" ]
check $? "a run folder without policies.csv: exit 1, nothing written"
cp -r "$T/fixtures/sweep-small" "$tmp/sweep"
"$FS" report "$tmp/sweep" --kind loss -q 2>"$tmp/err" >/dev/null
[ $? -eq 1 ] && grep -q "has no loss report" "$tmp/err"
check $? "a sweep folder has no loss report: exit 1"

# Out of memory: exit 1, the old page kept, no temporary left.
fresh faults0
total=$(FLEETSIM_ALLOC_REPORT=1 PATH="$tmp/bin" "$FS" report "$tmp/faults0" --kind loss -q 2>&1 \
  >/dev/null | sed -n 's/^fleetsim: \([0-9]*\) allocations$/\1/p' | tail -1)
if [ -z "$total" ]; then
  skip "out of memory: no fault injection in this build"
else
  # 15 allocations spread over the whole report (the JSON, the tables, the
  # charts) and the last 15 (the page).
  picks=$(py "
t = int('$total')
print(' '.join(str(i) for i in sorted(set([1 + k * (t - 1) // 15 for k in range(15)] + list(range(max(1, t - 14), t + 1))))))")
  bad=""
  for i in $picks; do
    fresh faults
    echo "old page" >"$tmp/faults/loss_report.html"
    FLEETSIM_FAIL_ALLOC=$i PATH="$tmp/bin" "$FS" report "$tmp/faults" --kind loss -q \
      >/dev/null 2>"$tmp/faults.err"
    rc=$?
    left=$(find "$tmp/faults" -name '*.tmp*' | head -1)
    if [ $rc -ne 1 ] || ! grep -q "out of memory" "$tmp/faults.err" || [ -n "$left" ] ||
      [ "$(cat "$tmp/faults/loss_report.html")" != "old page" ]; then
      bad="$bad $i"
      sed 's/^/# /' "$tmp/faults.err" | head -2
    fi
  done
  if [ -z "$bad" ]; then ok "out of memory at 30 allocations of $total: exit 1, old page kept"
  else nok "out of memory: allocations$bad"; fi
fi

browser_check "$H" 1280,2400 "loss_report.html"

# ---- a tiny catalogue run with a portfolio and a programme: EP gross and net
"$FS" catalog build "$M/catalog/default.lua" --events 24 --seed 3 -q -o "$tmp/cat" 2>"$tmp/err" &&
  "$FS" catalog run "$tmp/cat" --scale 0.002 --portfolio "$M/portfolios/midmarket-cyber-book.csv" \
    --reinsurance "$M/reinsurance/midmarket-cyber-book.csv" --years 2000 --bootstrap 0 -j 2 -q \
    --no-report -o "$tmp/crun" 2>>"$tmp/err"
if [ $? -ne 0 ]; then
  nok "a tiny catalogue run with a portfolio and a programme"
  sed 's/^/# /' "$tmp/err" | head -5
else
  ok "a tiny catalogue run with a portfolio and a programme"
  C="$tmp/crun/loss_report.html"
  "$FS" report "$tmp/crun" --kind loss -q 2>"$tmp/err" >/dev/null
  check $? "fleetsim report --kind loss on a catalogue run folder succeeds"
  missing=""
  for id in headline reinsurance ep accumulation assumptions reproducibility; do
    grep -q "id=\"$id\"" "$C" || missing="$missing $id"
  done
  grep -q "<h2>Exceedance probability: gross and net</h2>" "$C" || missing="$missing ep-heading"
  if [ -z "$missing" ]; then ok "catalogue: every section"; else nok "catalogue: missing$missing"; fi
  report_ok "$C"
  check $? "catalogue page: no NaN, no empty table, no script"
  py "$MONEY
import csv, sys
rows = {l.split('|')[0]: l.split('|') for l in sys.stdin.read().splitlines()}
def ep(path, sid, typ, rp):
    for r in csv.DictReader(open(path)):
        if r['SummaryId'] == str(sid) and r['EPCalc'] == '2' and r['EPType'] == str(typ) and float(r['ReturnPeriod']) == rp:
            return float(r['Loss'])
d = sys.argv[1]
assert rows['Gross (insured)'][5] == money(ep(d + '/ept.csv', 4, 3, 200)), rows
assert rows['Net of reinsurance'][5] == money(ep(d + '/ri_ept.csv', 5, 3, 200)), rows
assert rows['Net of reinsurance'][2] == money(ep(d + '/ri_ept.csv', 5, 1, 100)), rows
" "$tmp/crun" <<EOF
$(table_rows "$C" headline)
EOF
  check $? "catalogue headline: gross AEP 1 in 200 from ept.csv, net from ri_ept.csv"
  table_rows "$C" ep | head -1 | grep -q "|.*|.*|"
  check $? "catalogue: the EP table gross and net"
  if [ $have_gnuplot -eq 1 ]; then
    svg_ok "$tmp/crun" loss-ep-1 loss-layers-1
    check $? "catalogue: the EP and layer charts"
  else
    skip "no gnuplot"
  fi
  "$FS" catalog run "$tmp/cat" --scale 0.002 --years 200 --bootstrap 0 -j 2 -q --no-report \
    -o "$tmp/crun0" 2>/dev/null
  "$FS" report "$tmp/crun0" --kind loss -q 2>"$tmp/err" >/dev/null
  [ $? -eq 1 ] && grep -q "no portfolio" "$tmp/err" && [ ! -e "$tmp/crun0/loss_report.html" ]
  check $? "a catalogue run without a portfolio: exit 1, nothing written"
fi

echo "1..$n"
[ "$fail" -eq 0 ]
