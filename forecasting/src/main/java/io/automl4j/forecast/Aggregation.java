package io.automl4j.forecast;

/**
 * How the rows of one series that fall into the same bucket of the job's frequency are combined (FCST-R2, R4, R5),
 * set per column with {@link ForecastJob.Builder#aggregation(String, Aggregation)}. Missing values are ignored; a
 * bucket whose values are all missing stays missing (then filled per FCST-R13). Defaults: the target
 * {@link #SUM}, numeric known covariates {@link #AVG}, categorical known covariates {@link #FIRST} (the only method
 * allowed for them).
 */
public enum Aggregation {
    /** Sum of the values. */
    SUM,
    /** Arithmetic mean of the values. */
    AVG,
    /** The value of the earliest row of the bucket (rows sharing a timestamp: the first in file order). */
    FIRST,
    /** Smallest value. */
    MIN,
    /** Largest value. */
    MAX
}
