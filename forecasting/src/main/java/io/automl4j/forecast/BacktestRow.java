package io.automl4j.forecast;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One forecast point of a backtest (FCST-R19 backtest export): series key (item id and grouping values), window
 * (1 = the last), timestamp, model, actual, mean and quantile forecasts in the job's quantile order.
 *
 * @param itemId    item id
 * @param groupingValues values of the job's grouping columns in their order (FCST-R2), empty without grouping; an
 *                  empty string for a missing value
 * @param window    backtest window, 1 = the most recent
 * @param timestamp bucket label of the point
 * @param model     algorithm name or "ENSEMBLE"
 * @param actual    the actual value (NaN when missing)
 * @param mean      the mean forecast
 * @param quantiles quantile forecasts, ascending levels
 */
public record BacktestRow(String itemId, List<String> groupingValues, int window, LocalDateTime timestamp, String model, double actual,
                          double mean, double[] quantiles) {
    /** Validates and copies the quantiles. */
    public BacktestRow {
        Objects.requireNonNull(itemId, "itemId");
        groupingValues = List.copyOf(groupingValues);
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(model, "model");
        quantiles = quantiles.clone();
    }

    /**
     * A row of a job without grouping columns.
     *
     * @param itemId    item id
     * @param window    backtest window, 1 = the most recent
     * @param timestamp bucket label of the point
     * @param model     algorithm name or "ENSEMBLE"
     * @param actual    the actual value (NaN when missing)
     * @param mean      the mean forecast
     * @param quantiles quantile forecasts, ascending levels
     */
    public BacktestRow(String itemId, int window, LocalDateTime timestamp, String model, double actual, double mean,
                       double[] quantiles) {
        this(itemId, List.of(), window, timestamp, model, actual, mean, quantiles);
    }

    /** @return the quantile forecasts (a copy) */
    @Override
    public double[] quantiles() {
        return quantiles.clone();
    }
}
