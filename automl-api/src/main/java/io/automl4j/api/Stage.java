package io.automl4j.api;

/** The phase of a job an {@link Event} belongs to (AUTOML-R55). */
public enum Stage {
    VALIDATION, DATA, FEATURES, SEARCH, ENSEMBLE, SELECTION, REPORTS
}
