package io.automl4j.forecast.internal;

import io.automl4j.forecast.Frequency;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * Where a series' values sit in calendar time, and what is known about each step, for models that use it
 * (PROPHET_LIKE): step k has the label {@code frequency.plus(start, k)}; {@code holidayCountry} is the job's holiday
 * calendar (FCST-R15) or null; {@code regressors} are the series' numeric known covariates (FCST-R2, R14), one row per
 * column in the job's column order, each covering at least the history and the forecast steps.
 *
 * @param start          label of step 0
 * @param frequency      the frequency
 * @param holidayCountry canonical country code, or null for none
 * @param regressors     [column][step] numeric known covariates (no rows when there are none)
 */
public record TimeAxis(LocalDateTime start, Frequency frequency, String holidayCountry, double[][] regressors) {
    private static final double[][] NONE = new double[0][];

    /** Checks the non-null parts. */
    public TimeAxis {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(frequency, "frequency");
        regressors = regressors == null ? NONE : regressors;
    }

    /**
     * A time axis without regressors.
     *
     * @param start          label of step 0
     * @param frequency      the frequency
     * @param holidayCountry canonical country code, or null for none
     */
    public TimeAxis(LocalDateTime start, Frequency frequency, String holidayCountry) {
        this(start, frequency, holidayCountry, NONE);
    }

    /** @param k step index @return its bucket label */
    public LocalDateTime at(long k) {
        return frequency.plus(start, k);
    }

    /**
     * @param covariates a series' covariates, or null
     * @return this axis with the covariates' numeric known columns as regressors
     */
    TimeAxis withRegressors(SeriesCovariates covariates) {
        return covariates == null ? this : new TimeAxis(start, frequency, holidayCountry, covariates.knownNumeric());
    }
}
