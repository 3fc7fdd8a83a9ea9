package io.automl4j.forecast;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One model on the forecasting leaderboard (FCST-R19): its metrics averaged over the backtest windows, the
 * standard deviation of the objective across windows, the fitting time and, for the ensemble, the member weights.
 *
 * @param model           "ETS", "ARIMA", … or "ENSEMBLE"
 * @param objective       the objective averaged over windows (NaN when undefined)
 * @param objectiveStd    its standard deviation across windows (0 with one window)
 * @param metrics         every metric averaged over windows
 * @param fitSeconds      wall-clock seconds spent fitting and forecasting the backtests
 * @param weights         ensemble weights per member (empty for single models)
 * @param fallbackSeries  series-window fits where the model failed and NAIVE was used instead
 */
public record LeaderboardRow(String model, double objective, double objectiveStd, Map<ForecastMetric, Double> metrics,
                             double fitSeconds, Map<ForecastAlgorithm, Double> weights, int fallbackSeries) {
    /** Copies the maps into unmodifiable ones. */
    public LeaderboardRow {
        Objects.requireNonNull(model, "model");
        metrics = Collections.unmodifiableMap(new EnumMap<>(metrics.isEmpty()
                ? new EnumMap<>(ForecastMetric.class) : metrics));
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }
}
