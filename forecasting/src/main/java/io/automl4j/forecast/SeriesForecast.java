package io.automl4j.forecast;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * The forecast of one series (FCST-R18): h timestamps starting one step after the series' last timestamp, the mean
 * and one row of values per configured quantile (non-decreasing in τ at every step, FCST-R8). Immutable.
 */
public final class SeriesForecast {
    private final String itemId;
    private final List<String> groupingValues;
    private final List<LocalDateTime> timestamps;
    private final double[] mean;
    private final double[][] quantiles;

    /**
     * A series of a job without grouping columns.
     *
     * @param itemId     the series key
     * @param timestamps h bucket labels
     * @param mean       h mean forecasts
     * @param quantiles  one array of h values per quantile level, levels ascending
     */
    public SeriesForecast(String itemId, List<LocalDateTime> timestamps, double[] mean, double[][] quantiles) {
        this(itemId, List.of(), timestamps, mean, quantiles);
    }

    /**
     * @param itemId         the item id
     * @param groupingValues the values of the job's grouping columns, in their order (FCST-R2); an empty string
     *                       for a missing value
     * @param timestamps     h bucket labels
     * @param mean           h mean forecasts
     * @param quantiles      one array of h values per quantile level, levels ascending
     */
    public SeriesForecast(String itemId, List<String> groupingValues, List<LocalDateTime> timestamps, double[] mean,
                          double[][] quantiles) {
        this.itemId = Objects.requireNonNull(itemId, "itemId");
        this.groupingValues = List.copyOf(Objects.requireNonNull(groupingValues, "groupingValues"));
        this.timestamps = List.copyOf(timestamps);
        this.mean = mean.clone();
        this.quantiles = new double[quantiles.length][];
        for (int i = 0; i < quantiles.length; i++) {
            if (quantiles[i].length != mean.length) {
                throw new IllegalArgumentException("quantile row " + i + " has " + quantiles[i].length
                        + " values, mean has " + mean.length);
            }
            this.quantiles[i] = quantiles[i].clone();
        }
        if (this.timestamps.size() != mean.length) {
            throw new IllegalArgumentException(timestamps.size() + " timestamps for " + mean.length + " values");
        }
    }

    /** @return the item id (with grouping columns, only part of the series key) */
    public String itemId() {
        return itemId;
    }

    /**
     * @return the values of the job's grouping columns in their order (FCST-R2), empty without grouping; a missing
     *         value is an empty string
     */
    public List<String> groupingValues() {
        return groupingValues;
    }

    /** @return the forecast timestamps (bucket labels) */
    public List<LocalDateTime> timestamps() {
        return timestamps;
    }

    /** @return the mean forecast, one value per step (a copy) */
    public double[] mean() {
        return mean.clone();
    }

    /**
     * @param index index of the quantile level in the job's sorted quantiles
     * @return the quantile forecast, one value per step (a copy)
     */
    public double[] quantile(int index) {
        return quantiles[index].clone();
    }

    /** @return the number of steps */
    public int horizon() {
        return mean.length;
    }
}
