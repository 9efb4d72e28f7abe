#!/bin/sh
# test_report.sh: plots and report.html through the CLI (TAP): valid SVG, .gp
# files that re-render, every report section, no NaN/inf or empty tables, runs
# without gnuplot, `fleetsim report`, usage errors, escaping, headless Chromium.
# usage: test_report.sh FLEETSIM TESTS_DIR
FS="$1"
T="$2"
. "$T/tap.sh"
R="$T/../scenarios/crowdstrike-2024.lua"
P="$T/../models/portfolios/midmarket-cyber-book.csv"
have_gnuplot=0
command -v gnuplot >/dev/null 2>&1 && have_gnuplot=1

CHARTS="down_by_industry recovery down_by_region loss_by_industry loss_distribution ep_fleet ep_portfolio"

. "$T/report_checks.sh"

# ---- the reference scenario with a portfolio
"$FS" run "$R" --scale 0.01 -n 5 --portfolio "$P" -o "$tmp/ref" -q 2>"$tmp/err"
check $? "reference run with a portfolio succeeds"
REF="$tmp/ref"
if [ $have_gnuplot -eq 1 ]; then
  missing=""
  for c in $CHARTS; do
    for ext in dat gp svg png; do [ -s "$REF/plots/$c.$ext" ] || missing="$missing $c.$ext"; done
  done
  if [ -z "$missing" ]; then ok "every chart has a non-empty .dat, .gp, .svg and .png"
  else nok "missing or empty:$missing"; fi
  # shellcheck disable=SC2086
  svg_ok "$REF" $CHARTS
  check $? "every SVG is valid XML with an <svg> root and draws something"
  ls "$REF"/plots/*.log >/dev/null 2>&1
  if [ $? -ne 0 ]; then ok "gnuplot left no error logs"; else nok "gnuplot left error logs"; fi

  # The .gp files re-render with plain gnuplot inside plots/ (relative paths).
  mkdir "$tmp/rr" && cp "$REF"/plots/*.gp "$REF"/plots/*.dat "$tmp/rr/"
  rr=0
  for c in $CHARTS; do
    (cd "$tmp/rr" && gnuplot "$c.gp" 2>"$tmp/rr/$c.err") || { rr=1; sed 's/^/# /' "$tmp/rr/$c.err" | head -3; }
    [ -s "$tmp/rr/$c.svg" ] && [ -s "$tmp/rr/$c.png" ] || rr=1
  done
  check $rr "every .gp re-renders its SVG and PNG with 'gnuplot NAME.gp' inside plots/"
  mkdir -p "$tmp/rr2/plots" && cp "$tmp/rr"/*.svg "$tmp/rr2/plots/"
  # shellcheck disable=SC2086
  svg_ok "$tmp/rr2" $CHARTS
  check $? "the re-rendered SVGs are valid"
  grep -q "noenhanced" "$REF/plots/down_by_industry.gp" && grep -q "professional_services" "$REF/plots/down_by_industry.svg"
  check $? "names with underscores print as written (noenhanced)"
  grep -q "set logscale x" "$REF/plots/ep_fleet.gp" && grep -q "1 in 100" "$REF/plots/ep_fleet.svg" &&
    grep -q "1 in 200" "$REF/plots/ep_fleet.svg"
  check $? "EP chart: log return-period axis, 1-in-100 and 1-in-200 marked"
else
  for i in 1 2 3 4 5 6 7; do skip "gnuplot not installed"; done
fi

H="$REF/report.html"
[ -s "$H" ]
check $? "report.html is written"
missing=""
for s in scenario headline timelines industries regions losses portfolio spof; do
  grep -q "<section id=\"$s\">" "$H" || missing="$missing $s"
done
grep -q '<footer id="reproducibility">' "$H" || missing="$missing reproducibility"
if [ -z "$missing" ]; then ok "report.html has every section"; else nok "sections missing:$missing"; fi
msg=$(report_ok "$H")
check $? "report.html: no NaN/inf, no empty tables, no scripts, nothing external ($msg)"
if [ $have_gnuplot -eq 1 ]; then
  nsvg=$(grep -c "<svg" "$H")
  [ "$nsvg" -ge 7 ]
  check $? "report.html inlines the charts ($nsvg SVGs)"
  ! grep -q "Plots were skipped" "$H"
  check $? "report.html does not claim plots were skipped"
else
  skip "gnuplot not installed"
  skip "gnuplot not installed"
fi
py "
import json, sys
m = json.load(open(sys.argv[1] + '/manifest.json'))
h = open(sys.argv[1] + '/report.html', encoding='utf-8').read()
foot = h[h.index('<footer'):]
scen = [i for i in m['inputs'] if i['role'] == 'scenario'][0]
assert m['version'] in foot and scen['hash'] in foot and scen['path'] in foot, 'version, scenario'
assert m['kind'] == 'run' and m['program'] == 'fleetsim'
assert isinstance(m['seed'], str) and m['seed'] in foot, 'seed'
pf = [i for i in m['inputs'] if i['role'] == 'portfolio'][0]
assert pf['hash'].startswith('fnv1a64:') and pf['path'] in foot, 'portfolio'
assert 'fleetsim run' in foot and '--portfolio' in foot, 'command'
for p in m['params']:
    assert p in h, p
    assert m['params'][p]['source'][:30].replace('\'', '&#39;') in h, 'source of ' + p
assert 'Top 20 policies by mean insured loss' in h
" "$REF"
check $? "footer: version, seed, command, scenario hash; parameters with sources; top-20 policies"

# ---- without gnuplot on PATH: the run succeeds, the report says why
PATH=/nonexistent "$FS" run "$R" --scale 0.01 -n 2 -o "$tmp/nogp" 2>"$tmp/err" >/dev/null
check $? "a run without gnuplot on PATH succeeds"
[ -s "$tmp/nogp/summary.json" ] && [ -s "$tmp/nogp/plots/down_by_industry.gp" ] &&
  [ -s "$tmp/nogp/plots/down_by_industry.dat" ] && [ ! -e "$tmp/nogp/plots/down_by_industry.svg" ]
check $? "without gnuplot: results, .dat and .gp written, no pictures"
grep -q "Plots were skipped" "$tmp/nogp/report.html" && grep -q "gnuplot was not found on PATH" "$tmp/nogp/report.html"
check $? "without gnuplot: the report says plots were skipped and why"
grep -q "plots skipped" "$tmp/err"
check $? "without gnuplot: the run says so on stderr"
msg=$(report_ok "$tmp/nogp/report.html")
check $? "without gnuplot: report still clean ($msg)"

# ---- fleetsim report re-renders an existing folder
if [ $have_gnuplot -eq 1 ]; then
  "$FS" report "$tmp/nogp" --format html,svg,png,pdf -q
  check $? "fleetsim report re-renders a folder"
  [ -s "$tmp/nogp/plots/down_by_industry.svg" ] && [ -s "$tmp/nogp/plots/recovery.pdf" ] &&
    [ -s "$tmp/nogp/plots/loss_by_industry.png" ] && ! grep -q "Plots were skipped" "$tmp/nogp/report.html" &&
    grep -q "<svg" "$tmp/nogp/report.html"
  check $? "fleetsim report: SVG, PNG and PDF drawn, report inlines them"
else
  skip "gnuplot not installed"
  skip "gnuplot not installed"
fi
sums() { (cd "$1" && ls | grep -v -e '^plots$' -e '^report.html$' | sort | xargs md5sum); }
before=$(sums "$tmp/nogp")
"$FS" report "$tmp/nogp" --format html -q
after=$(sums "$tmp/nogp")
[ -n "$before" ] && [ "$before" = "$after" ]
check $? "fleetsim report leaves the result files alone"

# A scenario without costs: the loss sections say why they are empty.
"$FS" run "$T/scenarios/tiny.lua" -o "$tmp/tiny" -q
check $? "a scenario without costs runs"
grep -q "no costs table" "$tmp/tiny/report.html" && grep -q "no portfolio" "$tmp/tiny/report.html"
check $? "without costs: the report says why losses and portfolio are absent"
msg=$(report_ok "$tmp/tiny/report.html")
check $? "without costs: report clean ($msg)"

# --no-report
"$FS" run "$T/scenarios/tiny.lua" -o "$tmp/norep" --no-report -q
[ $? -eq 0 ] && [ ! -e "$tmp/norep/report.html" ] && [ ! -e "$tmp/norep/plots" ]
check $? "--no-report: no plots, no report.html"

# graph.json from the dependency-graph analysis: chart, table, escaping.
cp -r "$tmp/tiny" "$tmp/graph"
cat >"$tmp/graph/graph.json" <<'EOF'
{"scenario": "tiny", "single_points_of_failure": [
 {"vendor": "agent_vendor", "category": "endpoint_security", "dependents": 1200, "endpoints": 850000, "revenue_usd": 2.5e11},
 {"vendor": "<i>cloud</i> & \"co\"", "category": "cloud", "dependents": 900, "endpoints": 1250000, "revenue_usd": null},
 {"vendor": "idp_\u00e9", "category": "identity", "dependents": 30, "endpoints": 4000, "revenue_usd": 1e9}
]}
EOF
"$FS" report "$tmp/graph" -q
check $? "fleetsim report with a graph.json"
grep -q "&lt;i&gt;cloud&lt;/i&gt; &amp; &quot;co&quot;" "$tmp/graph/report.html" &&
  ! grep -q "<i>cloud</i>" "$tmp/graph/report.html" && grep -q "idp_é" "$tmp/graph/report.html"
check $? "single points of failure: vendor names escaped into HTML"
if [ $have_gnuplot -eq 1 ]; then
  svg_ok "$tmp/graph" blast_radius && grep -q 'id="fig-blast_radius"' "$tmp/graph/report.html"
  check $? "blast-radius chart drawn and inlined"
else
  skip "gnuplot not installed"
fi
msg=$(report_ok "$tmp/graph/report.html")
check $? "with graph.json: report clean ($msg)"

# ---- usage and input errors
"$FS" report "$REF" --format html,gif 2>"$tmp/err"
[ $? -eq 2 ] && grep -q -- "--format" "$tmp/err" && grep -q "gif" "$tmp/err"
check $? "an unknown format is a usage error naming --format (exit 2)"
"$FS" report 2>"$tmp/err"
check $([ $? -eq 2 ] && echo 0 || echo 1) "a missing DIR is a usage error (exit 2)"
"$FS" report "$REF" --frobnicate 2>"$tmp/err"
[ $? -eq 2 ] && grep -q -- "--frobnicate" "$tmp/err"
check $? "an unknown option is a usage error naming it (exit 2)"
"$FS" report "$REF" "$REF" 2>"$tmp/err"
check $([ $? -eq 2 ] && echo 0 || echo 1) "two folders are a usage error (exit 2)"
"$FS" report "$REF" --format 2>"$tmp/err"
[ $? -eq 2 ] && grep -q -- "--format" "$tmp/err"
check $? "--format without a value is a usage error (exit 2)"
mkdir "$tmp/empty"
"$FS" report "$tmp/empty" 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "not a fleetsim results folder" "$tmp/err"
check $? "a folder that is not a results folder: exit 1 with a clear message"
"$FS" report "$tmp/nope" 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "no such folder" "$tmp/err"
check $? "a missing folder: exit 1"
# Malformed JSON in a results folder: exit 1, file:line:column.
broken() { # CONTENT DESCRIPTION
  rm -rf "$tmp/broken" && cp -r "$tmp/tiny" "$tmp/broken" && printf '%s' "$1" >"$tmp/broken/summary.json"
  "$FS" report "$tmp/broken" 2>"$tmp/err"
  if [ $? -eq 1 ] && grep -q "summary.json:[0-9]*:[0-9]*: " "$tmp/err"; then ok "$2"
  else nok "$2"; sed 's/^/# /' "$tmp/err" | head -3; fi
}
broken '{"scenario": "x", "a": [1, 2' "truncated summary.json: exit 1 with line and column"
broken '{"scenario": "\q"}' "bad escape in summary.json: exit 1 with line and column"
broken '{"a": 1,}' "trailing comma in summary.json: exit 1 with line and column"
broken "$(py "print('[' * 100000)")" "deeply nested summary.json is refused"
broken '{"a": 01}' "a leading zero is not JSON: refused"
broken '{"a": 1} x' "text after the value is refused"

# ---- failures the report must not hide: malformed files named by file and
# line, paths too long, out of memory. A failed report leaves no temporary
# file and the previous report.html as it was.
# failed_report DIR PATTERN DESCRIPTION (without gnuplot, which the
# failures do not need and which takes a while)
failed_report() {
  cp "$1/report.html" "$tmp/before.html"
  PATH=/nonexistent "$FS" report "$1" -q 2>"$tmp/err" >/dev/null
  if [ $? -eq 1 ] && grep -q "$2" "$tmp/err" && cmp -s "$tmp/before.html" "$1/report.html" &&
    [ -z "$(find "$1" -name '*.tmp*')" ]; then ok "$3"
  else nok "$3"; sed 's/^/# /' "$tmp/err" | head -3; fi
}
rm -rf "$tmp/bad" && cp -r "$REF" "$tmp/bad"
edit_field "$tmp/bad/policies.csv" 3 8 "0.5x"
failed_report "$tmp/bad" "policies.csv:3: column 8 (ChanceOfLoss): expected a non-negative number" \
  "a malformed policies.csv fails the report, naming file, line and column"
rm -rf "$tmp/bad" && cp -r "$REF" "$tmp/bad"
line=$(grep -n ',gul,portfolio,' "$tmp/bad/summary_info.csv" | cut -d: -f1)
edit_field "$tmp/bad/summary_info.csv" "$line" 1 "x"
failed_report "$tmp/bad" "summary_info.csv:$line: column 1 (SummaryId)" \
  "a malformed summary_info.csv fails the report (it read as 'no portfolio')"
rm -rf "$tmp/bad" && cp -r "$tmp/tiny" "$tmp/bad"
edit_field "$tmp/bad/timeseries.csv" 2 1 "19 July 2024"
failed_report "$tmp/bad" "timeseries.csv:2: column 1 (time_utc)" \
  "a start time that is not ISO 8601 UTC fails the report"
# A folder whose chart paths pass PATH_MAX (4095 bytes): an error naming
# the path, never a shorter path that writes another file.
long=$(py "
import sys
p = sys.argv[1]
while 4075 - len(p) > 201: p += '/' + 'd' * 200
print(p + '/' + 'e' * (4075 - len(p) - 1))" "$tmp")
mkdir -p "$long" && for f in manifest.json summary.json timeseries.csv recovery_band.csv; do
  cp "$tmp/tiny/$f" "$long/"; done
"$FS" report "$long" -q 2>"$tmp/err" >/dev/null
[ $? -eq 1 ] && grep -q "path too long" "$tmp/err" && [ -z "$(find "$long" -name '*.tmp*')" ]
check $? "chart paths longer than PATH_MAX: exit 1, 'path too long'"
report_faults "$tmp/graph" 30 "out of memory while the report is drawn: exit 1, nothing half-written"
# fleetsim run: a report that cannot be written costs not the results; the
# run keeps them and fails.
total=$(alloc_count "$FS" run "$T/scenarios/tiny.lua" -j 1 -o "$tmp/fr0" -q)
if [ -n "$total" ]; then
  FLEETSIM_FAIL_ALLOC=$((total - 3)) "$FS" run "$T/scenarios/tiny.lua" -j 1 -o "$tmp/fr" -q 2>"$tmp/err"
  [ $? -eq 1 ] && grep -q "no report: .*out of memory" "$tmp/err" &&
    grep -q "are complete but their report is not" "$tmp/err" &&
    [ -s "$tmp/fr/summary.json" ] && [ ! -e "$tmp/fr/report.html" ] && [ -z "$(find "$tmp/fr" -name '*.tmp*')" ]
  check $? "fleetsim run out of memory in its report: results kept, exit 1 saying so"
else
  skip "no fault injection in this build"
fi

# ---- headless Chromium renders the page without errors
browser_check "$H" 1280,2000 report.html

echo "1..$n"
[ "$fail" -eq 0 ]
