package io.automl4j.api;

/** The kind of supervised problem a job solves (AUTOML-R6, R7). */
public enum ProblemType {
    /** Two classes; binary metrics use the job's positive class. */
    BINARY_CLASSIFICATION,
    /** Three to 1,000 classes. */
    MULTICLASS_CLASSIFICATION,
    /** A numeric target. */
    REGRESSION;

    /** @return true for binary and multiclass classification */
    public boolean isClassification() {
        return this != REGRESSION;
    }
}
