#!/usr/bin/env bash
# Transitive runtime footprint of the one dependency users add (io.automl4j:automl-core): jar count and MB.
#   benchmarks/scripts/footprint.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
tmp=$(mktemp -d)
# one reactor build (no install): automl-core's runtime dependencies, automl-api resolved from the reactor
mvn -q -B -ntp -pl automl-core -am package dependency:copy-dependencies -DskipTests -DincludeScope=runtime \
  -DoutputDirectory="$tmp" >/dev/null
cp automl-core/target/automl-core-*.jar "$tmp"/
rm -f "$tmp"/*-tests.jar "$tmp"/*-sources.jar
ls -1 "$tmp"/*.jar | grep -v -e '-sources' -e '-tests' > "$tmp/list"
n=$(wc -l < "$tmp/list")
mb=$(du -cb $(cat "$tmp/list") | tail -1 | awk '{printf "%.1f", $1/1048576}')
echo "automl-core runtime footprint: $n jars, $mb MB"
while read -r j; do printf '  %8.1f KB  %s\n' "$(echo "$(stat -c %s "$j")/1024" | bc -l)" "$(basename "$j")"; done < "$tmp/list" | sort -rn
rm -rf "$tmp"
