#!/usr/bin/env bash
# Holdout and test score of every leaderboard entry (no refit), on the shared splits (not part of `mvn verify`).
#
#   benchmarks/scripts/entry-scores.sh [BUDGET_SECONDS] [DATASET...]
#
# Writes target/entry-scores-<budget>s/<dataset>.txt. Metric per task as in e2e-tabular.sh. BENCH_JAR=... runs a
# copy of benchmarks.jar (so a rebuild during the run does not change it).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${SHARED:-$root/../shared}"
budget="${1:-60}"
shift || true
jar="${BENCH_JAR:-$root/benchmarks/target/benchmarks.jar}"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -ntp -pl benchmarks -am package -DskipTests)
splits="$root/target/splits"
out="$root/target/entry-scores-${budget}s"
mkdir -p "$out"
[ -f "$splits/tasks.tsv" ] || python3 "$shared/bench/split.py" "$shared/datasets" "$splits" >/dev/null
while IFS=$'\t' read -r name task target origin ntrain ntest; do
  if [ "$#" -gt 0 ] && ! printf '%s\n' "$@" | grep -qx "$name"; then continue; fi
  case "$task" in binary) metric=AUC;; multiclass) metric=LOG_LOSS;; *) metric=RMSE;; esac
  java -cp "$jar" io.automl4j.benchmarks.EntryScores "$splits/$name/train.csv" "$splits/$name/test.csv" "$target" \
    "$metric" "$budget" > "$out/$name.txt"
  echo "$name: $out/$name.txt"
done < "$splits/tasks.tsv"
