package io.automl4j.forecast.internal;

import java.time.LocalDateTime;

/**
 * One regularised series: its key, the label of its first bucket and one value per step (NaN = missing target).
 *
 * @param id     series key
 * @param start  first bucket label
 * @param values values per step
 */
public record Series(String id, LocalDateTime start, double[] values) {
    /** @return number of steps */
    public int length() {
        return values.length;
    }
}
