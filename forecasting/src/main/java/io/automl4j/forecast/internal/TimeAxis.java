package io.automl4j.forecast.internal;

import io.automl4j.forecast.Frequency;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * Where a series' values sit in calendar time, for models that use it (PROPHET_LIKE): step k has the label
 * {@code frequency.plus(start, k)}; {@code holidayCountry} is the job's holiday calendar (FCST-R15) or null.
 *
 * @param start          label of step 0
 * @param frequency      the frequency
 * @param holidayCountry canonical country code, or null for none
 */
public record TimeAxis(LocalDateTime start, Frequency frequency, String holidayCountry) {
    /** Checks the non-null parts. */
    public TimeAxis {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(frequency, "frequency");
    }

    /** @param k step index @return its bucket label */
    public LocalDateTime at(long k) {
        return frequency.plus(start, k);
    }
}
