#!/bin/sh
# test_catalog_report.sh: `fleetsim report` on catalogue run folders (TAP):
# the EP, contribution, heat-map and top-event charts, report.html's
# sections and tables, names escaped, a run without bootstrap, missing
# files, tampered files refused with file and line (report.html kept as it
# was), no gnuplot, out of memory. The folder is a tiny run of the shipped
# catalogue with a portfolio (summaries 1 to 4), made here in a few seconds.
# usage: test_catalog_report.sh FLEETSIM TESTS_DIR
FS="$1"
T="$2"
. "$T/tap.sh"
M="$T/../models"
have_gnuplot=0
command -v gnuplot >/dev/null 2>&1 && have_gnuplot=1
. "$T/report_checks.sh"

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

# ---- a tiny catalogue run
"$FS" catalog build "$M/catalog/default.lua" --events 24 --seed 3 -q -o "$tmp/cat" 2>"$tmp/err" &&
  "$FS" catalog run "$tmp/cat" --scale 0.002 --portfolio "$M/portfolios/midmarket-cyber-book.csv" \
    --years 5000 --bootstrap 5 -j 2 -q -o "$tmp/base" 2>>"$tmp/err"
if [ $? -ne 0 ]; then
  nok "a tiny catalogue run"
  sed 's/^/# /' "$tmp/err" | head -5
  echo "1..$n"
  exit 1
fi
rm -f "$tmp/base/report.html"
rm -rf "$tmp/base/plots"
ok "a tiny catalogue run"
# fresh NAME: a copy of the run at $tmp/NAME.
fresh() { rm -rf "$tmp/$1" && cp -r "$tmp/base" "$tmp/$1"; }

fresh r
R="$tmp/r"
H="$R/report.html"
"$FS" report "$R" >"$tmp/out" 2>"$tmp/err"
check $? "fleetsim report on a catalogue run folder succeeds"
grep -q "charts drawn" "$tmp/out" && grep -q "report: $R/report.html" "$tmp/out" && [ -s "$H" ]
check $? "fleetsim report says what it drew and writes report.html"
CHARTS="ep-1 ep-2 ep-3 ep-4 contrib-family contrib-vendor heatmap top-events"
if [ $have_gnuplot -eq 1 ]; then
  missing=""
  for c in $CHARTS; do
    for ext in dat gp svg png; do [ -s "$R/plots/$c.$ext" ] || missing="$missing $c.$ext"; done
  done
  if [ -z "$missing" ]; then ok "every chart: non-empty .dat, .gp, .svg, .png"
  else nok "missing or empty:$missing"; fi
  # shellcheck disable=SC2086
  svg_ok "$R" $CHARTS
  check $? "every SVG is valid XML with an <svg> root and draws something"
  ls "$R"/plots/*.log >/dev/null 2>&1
  if [ $? -ne 0 ]; then ok "gnuplot left no error logs"; else nok "gnuplot left error logs"; fi
  mkdir "$tmp/rr" && cp "$R"/plots/*.gp "$R"/plots/*.dat "$tmp/rr/"
  rr=0
  for c in $CHARTS; do
    (cd "$tmp/rr" && gnuplot "$c.gp" 2>"$tmp/rr/$c.err") || { rr=1; sed 's/^/# /' "$tmp/rr/$c.err" | head -3; }
    [ -s "$tmp/rr/$c.svg" ] || rr=1
  done
  check $rr "every .gp re-renders with 'gnuplot NAME.gp' inside plots/"
  missing=""
  for c in $CHARTS; do grep -q "<figure id=\"fig-$c\">" "$H" || missing="$missing $c"; done
  nsvg=$(grep -c "<svg" "$H")
  [ -z "$missing" ] && [ "$nsvg" -ge 8 ]
  check $? "report.html inlines every chart ($nsvg SVGs; missing:$missing)"
  grep -q "filledcurves" "$R/plots/ep-1.gp"
  check $? "EP chart: the bootstrap band is drawn (filledcurves)"
else
  for i in 1 2 3 4 5 6; do skip "gnuplot not installed"; done
fi
msg=$(report_ok "$H")
check $? "report.html: no NaN/inf, no empty tables, no scripts, nothing external ($msg)"
missing=""
for s in headline ep accumulation heatmap rds top; do
  grep -q "<section id=\"$s\">" "$H" || missing="$missing $s"
done
grep -q '<footer id="reproducibility">' "$H" || missing="$missing reproducibility"
if [ -z "$missing" ]; then ok "report.html has every section"; else nok "sections missing:$missing"; fi

# The headline row of each summary: its name and AAL as ep_intervals.csv says.
py "
import csv, json, sys
d = sys.argv[1]
def money(x):
    a = abs(x)
    for lim, u in ((1e12, 'tn'), (1e9, 'bn'), (1e6, 'm')):
        if a >= lim: return 'USD %.2f %s' % (x / lim, u)
    return 'USD {:,.0f}'.format(x)
names = {s['SummaryId']: s['name'] for s in json.load(open(d + '/manifest.json'))['summaries']}
aal = {int(r['SummaryId']): r for r in csv.DictReader(open(d + '/ep_intervals.csv')) if r['figure'] == 'aal'}
rows = [l.split('|') for l in sys.stdin.read().split('\n') if l]
assert len(rows) == len(names) == 4, rows
for (sid, name), row in zip(sorted(names.items()), rows):
    r = aal[sid]
    want = '%s (%s to %s)' % (money(float(r['estimate'])), money(float(r['lo90'])), money(float(r['hi90'])))
    assert row[0] == name and row[1] == want, (row, want)
" "$R" <<EOF
$(table_rows "$H" headline)
EOF
check $? "headline table: each summary's AAL with its 90 % interval from ep_intervals.csv"
nrds=$(($(wc -l <"$R/rds.csv") - 1))
nrows=$(table_rows "$H" rds | wc -l)
[ "$nrds" -gt 0 ] && [ "$nrds" -eq "$nrows" ] && table_rows "$H" rds | grep -q "|fleet ground-up|USD .*|1 in [0-9.]* years$"
check $? "disaster scenario table: one row per rds.csv row ($nrows of $nrds), with the return period on the OEP"
ntop=$(table_rows "$H" top | wc -l)
[ "$ntop" -eq $(($(wc -l <"$R/top_events.csv") - 1)) ] && table_rows "$H" top | head -1 | grep -q "^1|"
check $? "top events table: every row of top_events.csv, rank 1 first"
table_rows "$H" acc | grep -q "^family|" && table_rows "$H" acc | grep -q "^vendor|"
check $? "accumulation table: family and vendor rows"
py "
import json, sys
m = json.load(open(sys.argv[1] + '/manifest.json'))
h = open(sys.argv[1] + '/report.html', encoding='utf-8').read()
foot = h[h.index('<footer'):]
assert 'How to reproduce' in foot and m['command'] in foot and m['seed'] in foot
for i in m['inputs']: assert i['path'] in foot, i
" "$R"
check $? "footer: how to reproduce, with the command, seed and inputs"

# ---- names from the folder are escaped
fresh esc
line=$(grep -n '^family,[^,]*,1,' "$tmp/esc/accumulation.csv" | head -1 | cut -d: -f1)
edit_field "$tmp/esc/accumulation.csv" "$line" 2 "<b>x</b>"
"$FS" report "$tmp/esc" -q 2>"$tmp/err" && grep -q "&lt;b&gt;x&lt;/b&gt;" "$tmp/esc/report.html" &&
  ! grep -q "<b>x</b>" "$tmp/esc/report.html"
check $? "a group named <b>x</b> comes out escaped"

# ---- a run without bootstrap: lines without band, no nan in the page
"$FS" catalog run "$tmp/cat" --scale 0.002 --years 2000 --bootstrap 0 -j 2 -q -o "$tmp/noboot" 2>"$tmp/err"
"$FS" report "$tmp/noboot" -q 2>>"$tmp/err" &&
  grep -q "The run had no bootstrap" "$tmp/noboot/report.html" && grep -q ",nan," "$tmp/noboot/ep_intervals.csv"
check $? "--bootstrap 0: the report succeeds and says there are no intervals"
msg=$(report_ok "$tmp/noboot/report.html")
check $? "--bootstrap 0: report clean ($msg)"
if [ $have_gnuplot -eq 1 ]; then
  [ -s "$tmp/noboot/plots/ep-1.svg" ] && ! grep -q filledcurves "$tmp/noboot/plots/ep-1.gp"
  check $? "--bootstrap 0: EP lines drawn without a band"
else
  skip "gnuplot not installed"
fi

# ---- missing files cost their charts and tables, not the report
fresh gone
rm "$tmp/gone/vendor_industry.csv" "$tmp/gone/rds.csv"
"$FS" report "$tmp/gone" -q 2>"$tmp/err" &&
  grep -q "left out: the folder has no vendor_industry.csv" "$tmp/gone/report.html" &&
  grep -q "Not available: the folder has no rds.csv" "$tmp/gone/report.html"
check $? "without vendor_industry.csv and rds.csv: the report says so"
msg=$(report_ok "$tmp/gone/report.html")
check $? "without vendor_industry.csv and rds.csv: report clean ($msg)"

# ---- tampered files: exit 1 naming file and line; report.html kept
fresh good
"$FS" report "$tmp/good" -q 2>/dev/null
# refused DESCRIPTION PATTERN: fleetsim report on $tmp/bad exits 1 with
# PATTERN on stderr, leaves its old report.html and no temporary file.
refused() {
  "$FS" report "$tmp/bad" 2>"$tmp/err" >/dev/null
  rc=$?
  left=$(find "$tmp/bad" -name '*.tmp*' | head -1)
  if [ $rc -eq 1 ] && grep -q "$2" "$tmp/err" && [ -z "$left" ] &&
    cmp -s "$tmp/good/report.html" "$tmp/bad/report.html"; then ok "$1"
  else
    nok "$1 (exit $rc)"
    sed 's/^/# /' "$tmp/err" | head -3
  fi
}
# edited FILE LINE COLUMN VALUE: a copy of the good folder with one field changed.
edited() { rm -rf "$tmp/bad" && cp -r "$tmp/good" "$tmp/bad" && edit_field "$tmp/bad/$1" "$2" "$3" "$4"; }
edited ep_intervals.csv 3 3 "4.5e9x"
refused "ep_intervals.csv: a non-number, exit 1 naming the line and column" \
  "ep_intervals.csv:3: column 3 (estimate): expected a number"
edited ep_intervals.csv 4 2 "oep_x"
refused "ep_intervals.csv: an unknown figure, exit 1 naming the line" \
  "ep_intervals.csv:4: column 2 (figure): unknown figure \"oep_x\""
edited vendor_industry.csv 1 2 "sector"
refused "vendor_industry.csv: another column layout, exit 1 naming the missing column" \
  "vendor_industry.csv:1: missing column industry"
edited accumulation.csv 5 3 "9"
refused "accumulation.csv: an unknown SummaryId, exit 1 naming the line" \
  "accumulation.csv:5: column 3 (SummaryId): unknown SummaryId 9 (manifest.json lists 1, 2, 3, 4)"
edited accumulation.csv 2 1 "team"
refused "accumulation.csv: an unknown grouping, exit 1 naming the line" \
  "accumulation.csv:2: column 1 (by): unknown grouping \"team\""
edited rds.csv 3 6 "lots"
refused "rds.csv: a non-number, exit 1 naming the line and column" \
  "rds.csv:3: column 6 (mean_loss): expected a number"
edited top_events.csv 2 1 "1.5"
refused "top_events.csv: a rank that is not whole, exit 1 naming the line" \
  "top_events.csv:2: column 1 (rank): "
rm -rf "$tmp/bad" && cp -r "$tmp/good" "$tmp/bad" && mv "$tmp/bad/top_events.csv" "$tmp/top_events.csv" &&
  ln -s "$tmp/top_events.csv" "$tmp/bad/top_events.csv"
refused "a symlinked top_events.csv is refused" "top_events.csv: not a regular file"
# bad_manifest PY: a copy of the good folder with manifest.json changed by
# the Python statement PY on m.
bad_manifest() {
  rm -rf "$tmp/bad" && cp -r "$tmp/good" "$tmp/bad"
  py "
import json, sys
p = sys.argv[1] + '/manifest.json'; m = json.load(open(p))
$1
json.dump(m, open(p, 'w'), indent=1)
" "$tmp/bad"
}
bad_manifest "m['summaries'][1]['SummaryId'] = 'two'"
refused "manifest.json: a SummaryId that is not a number is refused, naming the item" \
  'manifest.json: "summaries" item 2: "SummaryId": expected a whole number'
bad_manifest "m['summaries'] = {}"
refused "manifest.json: summaries not a list is refused" \
  'manifest.json: "summaries": expected a non-empty list'
bad_manifest "m['summaries'][2]['SummaryId'] = 1"
refused "manifest.json: a SummaryId listed twice is refused" \
  'manifest.json: "summaries" item 3: SummaryId 1 listed twice'
bad_manifest "m['summaries'] = m['summaries'][:3]"
refused "manifest.json without summary 4: the tables' rows of summary 4 are refused by line" \
  "ep_intervals.csv:[0-9]*: column 1 (SummaryId): unknown SummaryId 4"
rm -rf "$tmp/bad" && cp -r "$tmp/good" "$tmp/bad" && rm "$tmp/bad/report.html"
edit_field "$tmp/bad/ep_intervals.csv" 3 3 "nan"
"$FS" report "$tmp/bad" 2>"$tmp/err" >/dev/null
[ $? -eq 1 ] && [ ! -e "$tmp/bad/report.html" ] && grep -q "ep_intervals.csv:3: column 3 (estimate)" "$tmp/err"
check $? "a failure with no earlier report leaves none"

# Out of memory while the catalogue's charts and page are drawn.
report_faults "$tmp/good" 30 "out of memory in a catalogue report: exit 1, nothing half-written"

# ---- without gnuplot on PATH
fresh nogp
PATH=/nonexistent "$FS" report "$tmp/nogp" 2>"$tmp/err" >/dev/null
check $? "without gnuplot: fleetsim report succeeds"
[ -s "$tmp/nogp/plots/heatmap.gp" ] && [ -s "$tmp/nogp/plots/heatmap.dat" ] &&
  [ ! -e "$tmp/nogp/plots/heatmap.svg" ] && grep -q "Plots were skipped" "$tmp/nogp/report.html"
check $? "without gnuplot: .dat and .gp written, no pictures, the report says why"

# ---- headless Chromium renders the page without errors
browser_check "$H" 1280,2400 "the catalogue run's report.html"

echo "1..$n"
[ "$fail" -eq 0 ]
