#!/usr/bin/env bash
# automl4j forecasting vs R forecast 8.x, side by side (issue 5). Not part of `mvn verify`.
#
#   benchmarks/scripts/forecast-m3.sh [datasets-dir] [out-dir]
#
# For M3 quarterly (756 series, h = 8, official test split = last 8 points of each series) runs automl4j's ETS,
# ARIMA, THETA and PROPHET_LIKE (each fit once per series, on 1 thread and on all cores) and the automatic job (backtest on the
# last 8 training quarters, greedy ensemble), then R's ets(), auto.arima() and thetaf(); prints sMAPE (M4
# convention), MASE (m = 4) and total seconds. GLOBAL_GBM (one LightGBM model over all series) runs with the
# all-cores set. With EXTRA=1 also runs the single-series sets air_passengers and
# co2_mauna_loa (monthly, h = 12) and chicago_ridership (daily, h = 28, m = 7; also PROPHET_LIKE with US holidays).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATA=${1:-$ROOT/../shared/datasets}
OUT=${2:-$ROOT/benchmarks/target/forecast}
CORES=$(nproc)
mkdir -p "$OUT"

if ! Rscript -e 'suppressPackageStartupMessages(library(forecast))' >/dev/null 2>&1; then
  echo "installing r-cran-forecast" >&2
  apt-get install -y r-cran-forecast >/dev/null
fi

cd "$ROOT"
# one reactor run: dependency:build-classpath after test-compile resolves automl-api and automl-core to their
# target/classes (nothing is installed); the last module (forecasting) writes cp.txt
mvn -o -q -B -ntp -pl forecasting -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
CP="forecasting/target/classes:forecasting/target/test-classes:$(cat "$OUT/cp.txt")"

run() { # name file h frequency m [holiday-country]
  local name=$1 file=$2 h=$3 freq=$4 m=$5 hol=${6:-}
  echo "== $name (h=$h, m=$m)"
  echo "-- automl4j, 1 thread"
  java -cp "$CP" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn io.automl4j.forecast.M3Benchmark \
      "$file" "$OUT/$name" "$h" 1 ETS,ARIMA,THETA,PROPHET_LIKE "$freq" "$m"
  if [ -n "$hol" ]; then
    echo "-- automl4j PROPHET_LIKE with holidayCountry $hol, 1 thread"
    java -cp "$CP" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn io.automl4j.forecast.M3Benchmark \
        "$file" "$OUT/$name-$hol" "$h" 1 PROPHET_LIKE "$freq" "$m" "$hol"
  fi
  echo "-- automl4j, $CORES threads"
  java -cp "$CP" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn io.automl4j.forecast.M3Benchmark \
      "$file" "$OUT/$name" "$h" "$CORES" ETS,ARIMA,THETA,PROPHET_LIKE,GLOBAL_GBM,AUTO "$freq" "$m"
  echo "-- R forecast $(Rscript -e 'cat(as.character(packageVersion("forecast")))' 2>/dev/null), 1 thread"
  Rscript benchmarks/r/m3_reference.R "$file" "$OUT/$name" "$h" "$m" 2>/dev/null
}

run m3_quarterly "$DATA/m3_quarterly.csv" 8 Q 4
if [ "${EXTRA:-0}" = 1 ]; then
  run air_passengers "$DATA/air_passengers.csv" 12 M 12
  run co2_mauna_loa "$DATA/co2_mauna_loa.csv" 12 M 12
  run chicago_ridership "$DATA/chicago_ridership.csv" 28 D 7 US
fi
