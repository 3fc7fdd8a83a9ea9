package io.automl4j.api.data;

/** Logical type of a column (AUTOML-R14). */
public enum ColumnType {
    /** Every non-missing value parses as a number. */
    NUMERIC,
    /** A small set of repeated values (strings, booleans, codes). */
    CATEGORICAL,
    /** Free text: several words per value and mostly distinct values. */
    TEXT,
    /** Dates or date-times in one supported format. */
    DATETIME
}
