#!/bin/sh
# regen_golden.sh: regenerate tests/golden/ deliberately, after a change that
# is meant to change the small scenario's outputs. Review the diff before
# committing it. usage: tests/regen_golden.sh [FLEETSIM]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
fs=${1:-$here/../build-test/src/fleetsim}
tmp=$(mktemp -d)
"$fs" run "$here/scenarios/golden-small.lua" -o "$tmp/out" -q
mkdir -p "$here/golden/golden-small"
for f in summary.json timeseries.csv orgs.csv; do cp "$tmp/out/$f" "$here/golden/golden-small/$f"; done
rm -rf "$tmp"
echo "regenerated $here/golden/golden-small"
