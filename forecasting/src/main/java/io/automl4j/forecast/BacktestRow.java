package io.automl4j.forecast;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One forecast point of a backtest (FCST-R19 backtest export): series key, window (1 = the last), timestamp,
 * model, actual, mean and quantile forecasts in the job's quantile order.
 *
 * @param itemId    series key
 * @param window    backtest window, 1 = the most recent
 * @param timestamp bucket label of the point
 * @param model     algorithm name or "ENSEMBLE"
 * @param actual    the actual value (NaN when missing)
 * @param mean      the mean forecast
 * @param quantiles quantile forecasts, ascending levels
 */
public record BacktestRow(String itemId, int window, LocalDateTime timestamp, String model, double actual,
                          double mean, double[] quantiles) {
    /** Validates and copies the quantiles. */
    public BacktestRow {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(model, "model");
        quantiles = quantiles.clone();
    }

    /** @return the quantile forecasts (a copy) */
    @Override
    public double[] quantiles() {
        return quantiles.clone();
    }
}
