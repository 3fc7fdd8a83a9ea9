package io.automl4j.forecast;

/**
 * Which instant of a frequency bucket labels it in every output (forecasts, backtest export) (FCST-R2, R5). Input
 * timestamps may lie anywhere in their bucket either way; scoring against actuals matches buckets, not labels.
 */
public enum TimestampLabel {
    /** The bucket's start (default): 2024-03-01 for March with {@code 1M}, 14:00 for the hour 14:00–14:59. */
    START,
    /**
     * The bucket's last day (day and coarser units, at midnight: 2024-03-31 for March) or last minute (minute and
     * hour units: 14:59 for the hour 14:00–14:59). For {@code 1D} both labels are the same day.
     */
    END
}
