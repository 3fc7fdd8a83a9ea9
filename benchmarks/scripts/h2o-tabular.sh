#!/usr/bin/env bash
# H2O AutoML 3.44.0.1 peer runs on the fixed shared splits (not part of `mvn verify`; downloads H2O, ~137 MB, once).
#
#   benchmarks/scripts/h2o-tabular.sh BUDGET_SECONDS [DATASET...]
#
# Builds the standalone runner benchmarks/h2o (NOT a module of the root reactor) if needed, makes/reuses the 80/20
# splits exactly as e2e-tabular.sh does (../shared/bench/split.py, stratified, seed 1 -> target/splits), and runs
# H2O AutoML once per dataset in a fresh JVM with the protocol of ../shared/bench/h2o-3.44.0.1-60s.tsv:
# max_runtime_secs = BUDGET, seed 42, all other settings default, leaderboard_frame = test part, the leader's metric
# on the test part (AUC binary, LogLoss multiclass, RMSE regression). Wall = the whole java process (JVM + H2O cluster
# start, parsing, AutoML, scoring). Writes target/h2o-<budget>s/results.tsv in the reference tsv's column layout,
# plus <dataset>.json (runner output incl. AutoML-phase seconds) and <dataset>.log (H2O's log).
# Env: SEED (default 42), H2O_JAVA_OPTS (extra JVM options, e.g. -Xmx8g), OUT_SUFFIX (names the run),
# H2O_LEADERBOARD=cv (leave the leaderboard frame unset: H2O picks its leader by 5-fold CV on the training part, not
# on the test part; the leader is still scored on the test part; output in target/h2o-<budget>s-cv).
# Runs are sequential (fixed port 54321); do not run two of these scripts at once.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${SHARED:-$root/../shared}"
if [ "$#" -lt 1 ] || ! [[ "$1" =~ ^[0-9]+([.][0-9]+)?$ ]]; then
  echo "usage: $0 BUDGET_SECONDS [DATASET...]" >&2; exit 2
fi
budget="$1"; shift
seed="${SEED:-42}"
runner="$root/benchmarks/h2o"
jar="$runner/target/h2o-runner.jar"
cpfile="$runner/target/classpath.txt"
if [ ! -f "$jar" ] || [ ! -f "$cpfile" ] || [ -n "$(find "$runner/pom.xml" "$runner/src" -newer "$jar" -type f)" ]; then
  (cd "$runner" && mvn -q -B -ntp package)
fi
out="$root/target/h2o-${budget}s${H2O_LEADERBOARD:+-$H2O_LEADERBOARD}${OUT_SUFFIX:-}"
splits="$root/target/splits"
mkdir -p "$out"
[ -f "$splits/tasks.tsv" ] || python3 "$shared/bench/split.py" "$shared/datasets" "$splits" >/dev/null
ref="$shared/bench/h2o-3.44.0.1-60s.tsv"
opens="--add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED"
opens="$opens --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED"
printf 'dataset\ttask\tmetric\th2o_value\th2o_process_wall_s\tmodels\tleader\n' > "$out/results.tsv"
ran=0
while IFS=$'\t' read -r name task target origin ntrain ntest; do
  if [ "$#" -gt 0 ] && ! printf '%s\n' "$@" | grep -qx "$name"; then continue; fi
  ran=$((ran + 1))
  case "$task" in binary) key=AUC;; multiclass) key=LogLoss;; *) key=RMSE;; esac
  rm -f "$out/$name.json"
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  if java $opens ${H2O_JAVA_OPTS:-} -cp "$jar:$(cat "$cpfile")" io.automl4j.bench.h2o.H2OAutoMLRunner \
      "$splits/$name/train.csv" "$splits/$name/test.csv" "$target" "$task" "$budget" "$seed" "$out/$name.json" \
      > "$out/$name.log" 2>&1 && [ -f "$out/$name.json" ]; then
    end=$(date +%s.%N)
    read -r value models leader automl < <(python3 -c "import json;r=json.load(open('$out/$name.json'));print(f\"{r['value']:.6f}\", r['models'], r['leader'], r['automl_s'])")
  else
    end=$(date +%s.%N); value=FAILED; models=-; leader=-; automl=-
  fi
  wall=$(python3 -c "print(f'{$end-$start:.1f}')")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$task" "$key" "$value" "$wall" "$models" "$leader" >> "$out/results.tsv"
  r60=$(awk -F'\t' -v n="$name" '$1==n {print $4" ("$5" s, "$6" models, "$7")"}' "$ref")
  printf '%s %s %s: %s, wall %s s (AutoML phase %s s), %s models, leader %s | reference 60 s: %s\n' \
    "$name" "$task" "$key" "$value" "$wall" "$automl" "$models" "$leader" "${r60:--}"
done < "$splits/tasks.tsv"
if [ "$ran" -eq 0 ]; then
  echo "no dataset matched: $* (names: $(cut -f1 "$splits/tasks.tsv" | tr '\n' ' '))" >&2; exit 2
fi
echo "results: $out/results.tsv"
