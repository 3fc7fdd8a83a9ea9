package io.automl4j.forecast.internal;

import java.util.List;

/**
 * Known-covariate and static columns of a job split by type, as typed from the training data (FCST-R2, R3): a
 * column is numeric when every non-missing value parses as a number, categorical otherwise.
 *
 * @param knownNumeric      numeric known covariates
 * @param knownCategorical  categorical known covariates
 * @param staticNumeric     numeric static features
 * @param staticCategorical categorical static features
 */
public record CovariateSchema(List<String> knownNumeric, List<String> knownCategorical, List<String> staticNumeric,
                              List<String> staticCategorical) {
    /** No covariates. */
    public static final CovariateSchema NONE = new CovariateSchema(List.of(), List.of(), List.of(), List.of());

    /** Copies the lists. */
    public CovariateSchema {
        knownNumeric = List.copyOf(knownNumeric);
        knownCategorical = List.copyOf(knownCategorical);
        staticNumeric = List.copyOf(staticNumeric);
        staticCategorical = List.copyOf(staticCategorical);
    }

    /** @return true when there are known covariates */
    public boolean hasKnown() {
        return !knownNumeric.isEmpty() || !knownCategorical.isEmpty();
    }

    /** @return true when there are neither covariates nor static features */
    public boolean isEmpty() {
        return !hasKnown() && staticNumeric.isEmpty() && staticCategorical.isEmpty();
    }

    /**
     * @param column a column name
     * @return true when it is one of the numeric columns
     */
    public boolean isNumeric(String column) {
        return knownNumeric.contains(column) || staticNumeric.contains(column);
    }
}
