#!/usr/bin/env bash
# Puts the table the reliability suite rendered on its last run (bootstrap/target/reliability/table.md)
# into docs/RELIABILITY.md, between the generated-table markers. Run after
#   ./mvnw -pl bootstrap -am verify -Dgroups=reliability -Dsurefire.failIfNoSpecifiedTests=false
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
table="$root/bootstrap/target/reliability/table.md"
doc="$root/docs/RELIABILITY.md"
[ -f "$table" ] || { echo "no $table: run the reliability suite first" >&2; exit 1; }
grep -q '<!-- reliability-table:begin -->' "$doc" && grep -q '<!-- reliability-table:end -->' "$doc" \
  || { echo "$doc lacks the reliability-table markers" >&2; exit 1; }
tmp=$(mktemp "$doc.XXXX")
awk -v table="$table" '
  /<!-- reliability-table:begin -->/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
  /<!-- reliability-table:end -->/ { skip = 0 }
  !skip { print }
' "$doc" > "$tmp"
mv "$tmp" "$doc"
echo "docs/RELIABILITY.md: table updated from $table" >&2
