#!/usr/bin/env bash
# End-to-end comparison with H2O AutoML on the fixed shared splits (not part of `mvn verify`).
#
#   benchmarks/scripts/e2e-tabular.sh [BUDGET_SECONDS] [DATASET...]
#
# Builds the CLI jar if needed, makes the 80/20 splits with ../shared/bench/split.py (stratified, seed 1), runs
# `automl4j train --max-runtime ${BUDGET}s --seed 1 --test test.csv` per dataset as a fresh JVM, and writes
# target/e2e-<budget>s/results.tsv plus a markdown table beside H2O's reference numbers
# (../shared/bench/h2o-3.44.0.1-60s.tsv). Metric per task: AUC (binary), LogLoss (multiclass), RMSE (regression).
# Extra `train` options can be passed in AUTOML4J_ARGS (e.g. AUTOML4J_ARGS=--refit-full); OUT_SUFFIX names the run;
# BENCH_JAR=... runs a copy of the CLI jar (so a rebuild during the run does not change it).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${SHARED:-$root/../shared}"
budget="${1:-60}"
shift || true
jar="${BENCH_JAR:-$root/cli/target/automl4j.jar}"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -ntp -pl cli -am package -DskipTests)
out="$root/target/e2e-${budget}s${OUT_SUFFIX:-}"
splits="$root/target/splits"
mkdir -p "$out"
[ -f "$splits/tasks.tsv" ] || python3 "$shared/bench/split.py" "$shared/datasets" "$splits" >/dev/null
h2o="$shared/bench/h2o-3.44.0.1-60s.tsv"
printf 'dataset\ttask\tmetric\tautoml4j\tautoml4j_wall_s\th2o_60s\th2o_wall_s\tbest\n' > "$out/results.tsv"
while IFS=$'\t' read -r name task target origin ntrain ntest; do
  if [ "$#" -gt 0 ] && ! printf '%s\n' "$@" | grep -qx "$name"; then continue; fi
  case "$task" in binary) metric=AUC; key=AUC;; multiclass) metric=LOG_LOSS; key=LogLoss;; *) metric=RMSE; key=RMSE;; esac
  start=$(date +%s.%N)
  if java -jar "$jar" train --data "$splits/$name/train.csv" --test "$splits/$name/test.csv" --target "$target" \
      --metric "$metric" --max-runtime "${budget}s" --seed 1 ${AUTOML4J_ARGS:-} --out "$out/$name" > "$out/$name.log" 2>&1; then
    end=$(date +%s.%N)
    wall=$(python3 -c "print(f'{$end-$start:.1f}')")
    read -r value best < <(python3 -c "import json;r=json.load(open('$out/$name/result.json'));print(f\"{r['test']['metrics']['$key']:.6f}\", r['best']['candidate'].split('-')[-1])")
  else
    end=$(date +%s.%N); wall=$(python3 -c "print(f'{$end-$start:.1f}')"); value=FAILED; best=-
  fi
  ref=$(awk -F'\t' -v n="$name" '$1==n {print $4"\t"$5}' "$h2o")
  [ -n "$ref" ] || ref=$'-\t-'
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$task" "$key" "$value" "$wall" "$ref" "$best" | tee -a "$out/results.tsv"
done < "$splits/tasks.tsv"
echo "results: $out/results.tsv"
