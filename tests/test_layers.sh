#!/bin/sh
# test_layers.sh SRC: the include rules of docs/ARCHITECTURE.md, checked on
# the sources: each module includes only the modules before it in the
# table (and itself); nothing outside cli/ includes a cli/ header; nothing
# outside scenario/ includes a Lua header; no module includes another's
# *_impl.h.
SRC="$1"
n=0
fail=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1"; fail=$((fail + 1)); }
order="util config engine fleet graph model loss scenario batch report pipeline sweep validate compare catalog calibrate bench cli"
allowed=""
for m in $order; do
  allowed="$allowed $m"
  [ -d "$SRC/$m" ] || continue
  bad=$(grep -H '^#include "[a-z]*/' "$SRC/$m"/*.[ch] | while IFS= read -r line; do
    inc=$(echo "$line" | sed 's/.*#include "\([a-z]*\)\/.*/\1/')
    case " $allowed " in *" $inc "*) ;; *) echo "$line" ;; esac
  done)
  if [ -z "$bad" ]; then ok "$m includes only:$allowed"; else nok "$m includes a later module: $(echo "$bad" | head -1)"; fi
done
bad=$(grep -rln '#include "cli/' "$SRC" | grep -v "^$SRC/cli/")
[ -z "$bad" ] && ok "no cli/ header outside cli/" || nok "cli/ headers included by $bad"
bad=$(grep -rlE '#include <(lua|lauxlib|lualib)\.h>' "$SRC" | grep -v "^$SRC/scenario/")
[ -z "$bad" ] && ok "no Lua header outside scenario/" || nok "Lua headers included by $bad"
bad=$(grep -rH '#include "[a-z]*/[a-z_]*_impl\.h"' "$SRC" | while IFS= read -r line; do
  file=${line%%:*}
  mod=$(echo "$file" | sed "s|^$SRC/\([a-z]*\)/.*|\1|")
  inc=$(echo "$line" | sed 's/.*#include "\([a-z]*\)\/.*/\1/')
  [ "$mod" = "$inc" ] || echo "$line"
done)
[ -z "$bad" ] && ok "no module includes another's *_impl.h" || nok "$bad"
echo "1..$n"
[ "$fail" -eq 0 ]
