# tap.sh: sourced by the shell tests (". "$T/tap.sh"" after FS and T are
# set): TAP counters and reporters, a scratch folder $tmp removed at exit,
# and py for inline checks with the system Python.
n=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A description is one TAP line: line breaks in it (a quoted message) become " / ".
oneline() { printf '%s' "$1" | tr '\n' '\036' | sed 's/\x1e/ \/ /g'; }
ok() { n=$((n + 1)); echo "ok $n - $(oneline "$1")"; }
nok() { n=$((n + 1)); echo "not ok $n - $(oneline "$1")"; fail=$((fail + 1)); }
skip() { n=$((n + 1)); echo "ok $n # SKIP $1"; }
check() { if [ "$1" -eq 0 ]; then ok "$2"; else nok "$2"; fi; }
py() { /usr/bin/python3 -c "$@"; }
