package io.automl4j.forecast;

import io.automl4j.api.data.Dataset;
import io.automl4j.forecast.internal.ForecasterImpl;

import java.util.Map;

/**
 * The chosen model or ensemble of a {@link ForecastResult} (FCST-R18). Local models keep only their configuration
 * (algorithm and ensemble weights) and are refit on the history given to {@link #predict}.
 */
public interface Forecaster {
    /** @return "ETS", "ARIMA", … or "ENSEMBLE" */
    String name();

    /** @return member weights summing to 1 (a single model has weight 1) */
    Map<ForecastAlgorithm, Double> weights();

    /**
     * Forecasts h steps after the last timestamp of every series in {@code history} (same columns and rules as the
     * training data; new item ids are allowed; one observation → naive).
     *
     * @param history long-format table
     * @return one forecast per series
     */
    ForecastTable predict(Dataset history);

    /**
     * A forecaster that fits one algorithm on whatever history it is given, without backtests or selection; it uses
     * the job's columns, horizon, quantiles, frequency, seasonal period, seed and threads.
     *
     * @param job       the job
     * @param algorithm the model
     * @return the forecaster
     */
    static Forecaster of(ForecastJob job, ForecastAlgorithm algorithm) {
        return new ForecasterImpl(job, algorithm.name(), Map.of(algorithm, 1.0), null, null);
    }
}
