#!/bin/sh
# test_sweep_report.sh: `fleetsim report` on sweep folders (TAP): the tornado,
# Sobol and response charts, report.html's parameter and sensitivity tables,
# failed tasks escaped, no-data cases, malformed inputs named by file and
# line, no gnuplot, headless Chromium. The folders are the fixtures
# tests/fixtures/sweep-small (lhs, one-at-a-time block, a failed task) and
# sweep-saltelli (Sobol indices, no costs), from make_sweep_fixtures.py.
# usage: test_sweep_report.sh FLEETSIM TESTS_DIR
FS="$1"
T="$2"
. "$T/tap.sh"
have_gnuplot=0
command -v gnuplot >/dev/null 2>&1 && have_gnuplot=1
# fresh NAME FIXTURE: a writable copy of a fixture folder at $tmp/NAME.
fresh() { rm -rf "$tmp/$1" && cp -r "$T/fixtures/$2" "$tmp/$1" && chmod -R u+w "$tmp/$1"; }

. "$T/report_checks.sh"

# table_rows FILE CLASS: the text of each cell of the first table whose class
# contains CLASS, one row per line, cells separated by '|'.
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

# ---- sweep-small: lhs, 2 parameters, the one-at-a-time block, a failed task
fresh small sweep-small
S="$tmp/small"
sums() { (cd "$1" && ls | grep -v -e '^plots$' -e '^report.html$' | sort | xargs md5sum); }
before=$(sums "$S")
"$FS" report "$S" >"$tmp/out" 2>"$tmp/err"
check $? "fleetsim report on a sweep folder succeeds"
grep -q "charts drawn" "$tmp/out" && grep -q "report: $S/report.html" "$tmp/out"
check $? "fleetsim report says what it drew"
[ "$before" = "$(sums "$S")" ]
check $? "fleetsim report leaves the sweep's files alone"
SMALL="tornado-ground_up_loss_usd tornado-endpoint_hours_down response-ground_up_loss_usd-poll_minutes response-ground_up_loss_usd-staffing_factor"
if [ $have_gnuplot -eq 1 ]; then
  missing=""
  for c in $SMALL; do
    for ext in dat gp svg png; do [ -s "$S/plots/$c.$ext" ] || missing="$missing $c.$ext"; done
  done
  if [ -z "$missing" ]; then ok "tornado and response charts: non-empty .dat, .gp, .svg, .png"
  else nok "missing or empty:$missing"; fi
  # shellcheck disable=SC2086
  svg_ok "$S" $SMALL
  check $? "every SVG is valid XML with an <svg> root and draws something"
  ls "$S"/plots/*.log >/dev/null 2>&1
  if [ $? -ne 0 ]; then ok "gnuplot left no error logs"; else nok "gnuplot left error logs"; fi
  mkdir "$tmp/rr" && cp "$S"/plots/*.gp "$S"/plots/*.dat "$tmp/rr/"
  rr=0
  for c in $SMALL; do
    (cd "$tmp/rr" && gnuplot "$c.gp" 2>"$tmp/rr/$c.err") || { rr=1; sed 's/^/# /' "$tmp/rr/$c.err" | head -3; }
    [ -s "$tmp/rr/$c.svg" ] && [ -s "$tmp/rr/$c.png" ] || rr=1
  done
  check $rr "every .gp re-renders with 'gnuplot NAME.gp' inside plots/"
  nsvg=$(grep -c "<svg" "$S/report.html")
  [ "$nsvg" -ge 4 ] && grep -q 'id="fig-tornado-ground_up_loss_usd"' "$S/report.html" &&
    grep -q 'id="fig-response-ground_up_loss_usd-staffing_factor"' "$S/report.html"
  check $? "report.html inlines the charts ($nsvg SVGs)"
else
  for i in 1 2 3 4 5; do skip "gnuplot not installed"; done
fi
[ ! -e "$S/plots/sobol-ground_up_loss_usd.dat" ] &&
  grep -q "Sobol indices: ground-up economic loss.* left out: the design is lhs; Sobol indices need the saltelli design" "$S/report.html"
check $? "lhs design: no Sobol chart, and the report says why"
H="$S/report.html"
msg=$(report_ok "$H")
check $? "report.html: no NaN/inf, no empty tables, no scripts, nothing external ($msg)"
missing=""
for s in sweep failures sensitivity responses sensitivity-endpoint_hours_down; do
  grep -q "<section id=\"$s\">" "$H" || missing="$missing $s"
done
grep -q '<footer id="reproducibility">' "$H" || missing="$missing reproducibility"
if [ -z "$missing" ]; then ok "report.html has every section"; else nok "sections missing:$missing"; fi
rows=$(table_rows "$H" params)
if [ "$rows" = "$(printf 'poll_minutes|0 – 60|5|5|minutes\nstaffing_factor|0.5 – 2|continuous|1|multiplier')" ]; then
  ok "parameter table: name, range, step, base, unit in manifest order"
else
  nok "parameter table: name, range, step, base, unit in manifest order"
  echo "$rows" | sed 's/^/# /'
fi

# The tornado order: the larger |swing| first, which is not manifest order.
py "
import csv, sys
sw = {r['parameter']: abs(float(r['estimate'])) for r in csv.DictReader(open(sys.argv[1] + '/sensitivity.csv'))
      if r['output'] == 'ground_up_loss_usd' and r['index'] == 'oat_swing'}
assert sw['staffing_factor'] > sw['poll_minutes'], sw
" "$S"
check $? "fixture: staffing_factor swings ground-up loss more than poll_minutes (listed first)"
first=$(table_rows "$H" sens | cut -d'|' -f1 | tr '\n' ' ')
[ "$first" = "staffing_factor poll_minutes " ]
check $? "sensitivity table ranked by |swing|, largest first ($first)"
last=$(grep -v '^#' "$S/plots/tornado-ground_up_loss_usd.dat" | tail -1)
case "$last" in '"staffing_factor (0.5 → 2 multiplier)"'*) ok "tornado: the largest swing is the top bar (last row)" ;;
  *) nok "tornado: top bar is $last" ;; esac
table_rows "$H" sens | sed -n 1p | grep -q "USD 542.38 m|USD 186.15 m|USD -356.23 m|USD -361.63 m to USD -346.10 m"
check $? "sensitivity table: means at low and high end, swing and its interval, in money"
grep -q "At the base point (every parameter at its base value): USD 317.54 m (interval USD 308.24 m to USD 322.43 m), mean of 3 replications" "$H"
check $? "sensitivity: the base point's value"
grep -q "value &lt;nil&gt; for &quot;fix_minutes&quot; &amp; no default" "$H" && ! grep -q "<nil>" "$H"
check $? "failed task: its message is escaped into HTML"
table_rows "$H" failures | grep -q "^10|3|1|poll_minutes=30, staffing_factor=1.92533124|scenario hook" &&
  grep -q "1 of 33 tasks failed" "$H"
check $? "failed task: task, point, replication, parameter values; 1 of 33"
py "
import json, sys
m = json.load(open(sys.argv[1] + '/manifest.json'))
h = open(sys.argv[1] + '/report.html', encoding='utf-8').read()
foot = h[h.index('<footer'):]
assert 'How to reproduce' in foot
assert m['command'] in foot, 'command'
scen = [i for i in m['inputs'] if i['role'] == 'scenario'][0]
assert scen['hash'] in foot and m['version'] in foot and m['git'] in foot
" "$S"
check $? "footer: how to reproduce, with the command, version and scenario hash"

# ---- sweep-saltelli: Sobol indices, 3 parameters, no costs
fresh salt sweep-saltelli
A="$tmp/salt"
"$FS" report "$A" -q 2>"$tmp/err"
check $? "fleetsim report on a saltelli sweep succeeds"
SALT="tornado-endpoint_hours_down sobol-endpoint_hours_down response-endpoint_hours_down-staffing_factor response-endpoint_hours_down-crash_probability response-endpoint_hours_down-poll_minutes"
if [ $have_gnuplot -eq 1 ]; then
  # shellcheck disable=SC2086
  svg_ok "$A" $SALT
  check $? "saltelli: tornado, Sobol and three response charts drawn"
else
  skip "gnuplot not installed"
fi
! grep -q 'id="sensitivity-endpoint_hours_down"' "$A/report.html"
check $? "the primary output is endpoint_hours_down: no second tornado section"
py "
import csv, sys
d = sys.argv[1]
want = {}
for r in csv.DictReader(open(d + '/sensitivity.csv')):
    if r['output'] == 'endpoint_hours_down' and r['index'] in ('S1', 'ST'):
        want[(r['parameter'], r['index'])] = '%.3f [%.3f, %.3f]' % tuple(float(r[k]) for k in ('estimate', 'ci_low', 'ci_high'))
rows = [l.split('|') for l in sys.stdin.read().split('\n') if l]
assert len(rows) == 3, rows
for r in rows:
    assert r[-2] == want[(r[0], 'S1')] and r[-1] == want[(r[0], 'ST')], (r, want)
# the .dat of the Sobol chart: largest ST first
dat = [l.split() for l in open(d + '/plots/sobol-endpoint_hours_down.dat') if not l.startswith('#')]
st = [float(x[5]) for x in dat]
assert st == sorted(st, reverse=True), st
" "$A" <<EOF
$(table_rows "$A/report.html" sens)
EOF
check $? "saltelli: S1 and ST with their intervals as in sensitivity.csv; Sobol bars by ST"
grep -q "S1 \[interval\]" "$A/report.html" && grep -q "All 334 tasks succeeded" "$A/report.html"
check $? "saltelli: S1/ST columns; no failed task"
msg=$(report_ok "$A/report.html")
check $? "saltelli: report clean ($msg)"

# ---- no-data cases
fresh norows sweep-small
head -1 "$T/fixtures/sweep-small/sensitivity.csv" >"$tmp/norows/sensitivity.csv"
py "
import json, sys
p = sys.argv[1] + '/manifest.json'; m = json.load(open(p)); m['oat'] = False
json.dump(m, open(p, 'w'))
" "$tmp/norows"
"$FS" report "$tmp/norows" -q 2>"$tmp/err"
check $? "sensitivity.csv without rows: the report still succeeds"
[ ! -e "$tmp/norows/plots/tornado-ground_up_loss_usd.dat" ] &&
  grep -q "left out: the sweep ran without the one-at-a-time block" "$tmp/norows/report.html" &&
  grep -q "Not available: sensitivity.csv has no rows for ground_up_loss_usd" "$tmp/norows/report.html"
check $? "without sensitivity rows: no tornado, and the report says why"
if [ $have_gnuplot -eq 1 ]; then
  [ -s "$tmp/norows/plots/response-ground_up_loss_usd-staffing_factor.svg" ]
  check $? "without sensitivity rows: the response curves are still drawn"
else
  skip "gnuplot not installed"
fi
msg=$(report_ok "$tmp/norows/report.html")
check $? "without sensitivity rows: report clean ($msg)"
fresh nofiles sweep-small
rm "$tmp/nofiles/sensitivity.csv" "$tmp/nofiles/points.csv"
"$FS" report "$tmp/nofiles" -q 2>"$tmp/err" &&
  grep -q "Not available: the folder has no sensitivity.csv" "$tmp/nofiles/report.html" &&
  grep -q "left out: the folder has no points.csv" "$tmp/nofiles/report.html"
check $? "without sensitivity.csv and points.csv: the report says so"
msg=$(report_ok "$tmp/nofiles/report.html")
check $? "without sensitivity.csv and points.csv: report clean ($msg)"

# ---- malformed inputs: exit 1, the message names file and line
# broken FILE LINE OLD NEW PATTERN DESCRIPTION: replaces OLD by NEW on line
# LINE of FILE in a fresh copy; fleetsim report must exit 1 with PATTERN.
broken() {
  fresh broken sweep-small
  py "
import sys
p, line, old, new = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
ls = open(p).read().split('\n')
assert old in ls[line - 1], ls[line - 1]
ls[line - 1] = ls[line - 1].replace(old, new, 1)
open(p, 'w').write('\n'.join(ls))
" "$tmp/broken/$1" "$2" "$3" "$4"
  "$FS" report "$tmp/broken" 2>"$tmp/err" >/dev/null
  if [ $? -eq 1 ] && grep -q "$5" "$tmp/err"; then ok "$6"
  else nok "$6"; sed 's/^/# /' "$tmp/err" | head -3; fi
}
broken sensitivity.csv 3 ",oat_low,84646," ",oat_low,84x646," \
  "sensitivity.csv:3: column 4 (estimate): expected a number" "a malformed estimate: exit 1 naming sensitivity.csv, line and column"
broken sensitivity.csv 6 ",oat_low," ",oat_lo," \
  "sensitivity.csv:6: column 3 (index): unknown index \"oat_lo\"" "an unknown index: exit 1 naming the line"
broken sensitivity.csv 4 "poll_minutes" "poll_minute" \
  "sensitivity.csv:4: .*\"poll_minute\" is not a parameter of the sweep" "an unknown parameter: exit 1 naming the line"
broken sensitivity.csv 1 "ci_low" "ci_lo" \
  "sensitivity.csv: missing column ci_low" "a missing column: exit 1 naming it"
broken sensitivity.csv 2 "affected_endpoints," "affected_endpoints,\"unterminated," \
  "sensitivity.csv:2: " "an unterminated quote: exit 1 naming the line"
broken points.csv 3 ",lhs,," ",lhs_x,," \
  "points.csv:3: column 2 (kind): unknown kind" "points.csv: an unknown kind, exit 1 naming the line"
broken points.csv 4 ",55," ",5 5," \
  "points.csv:4: column 4 (poll_minutes): expected a number" "points.csv: a malformed parameter value, exit 1 naming the line"
broken manifest.json 2 '"program": "fleetsim",' '"program": "other",' \
  "not written by fleetsim" "a manifest not written by fleetsim is refused"
broken manifest.json 5 '"kind": "sweep",' '"kind": "catalog",' \
  'a "catalog" folder has no report' "a folder of another kind is refused, naming it"
broken manifest.json 5 '"kind": "sweep",' '"kind": "sweep"' \
  "manifest.json:6:[0-9]*: " "malformed manifest.json: exit 1 with line and column"

# A sweep.csv that cannot be read costs only the failed-task table.
fresh badtasks sweep-small
printf '0,0,0,"unterminated\n' >>"$tmp/badtasks/sweep.csv"
"$FS" report "$tmp/badtasks" -q 2>"$tmp/err" >/dev/null &&
  grep -q "sweep.csv could not be read to the end: .*sweep.csv:[0-9]*: " "$tmp/badtasks/report.html"
check $? "a malformed sweep.csv: the report says why the task list stops, and succeeds"

# Out of memory while the sweep's charts and page are drawn.
report_faults "$S" 40 "out of memory in a sweep report: exit 1, nothing half-written"

# ---- without gnuplot on PATH
fresh nogp sweep-small
PATH=/nonexistent "$FS" report "$tmp/nogp" 2>"$tmp/err" >/dev/null
check $? "without gnuplot: fleetsim report succeeds"
[ -s "$tmp/nogp/plots/tornado-ground_up_loss_usd.gp" ] && [ -s "$tmp/nogp/plots/tornado-ground_up_loss_usd.dat" ] &&
  [ ! -e "$tmp/nogp/plots/tornado-ground_up_loss_usd.svg" ] && grep -q "Plots were skipped" "$tmp/nogp/report.html" &&
  grep -q "plots skipped" "$tmp/err"
check $? "without gnuplot: .dat and .gp written, no pictures, the report and stderr say why"
msg=$(report_ok "$tmp/nogp/report.html")
check $? "without gnuplot: report clean ($msg)"

"$FS" report --help 2>&1 | grep -q "fleetsim sweep"
check $? "fleetsim report --help mentions sweep folders"

# ---- headless Chromium renders the page without errors
browser_check "$H" 1280,2400 "the sweep's report.html"

echo "1..$n"
[ "$fail" -eq 0 ]
