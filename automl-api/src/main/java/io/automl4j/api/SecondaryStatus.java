package io.automl4j.api;

/**
 * The detailed phase of a job (AUTOML-R45): {@code STARTING → ANALYZING_DATA → FEATURE_ENGINEERING →
 * TRAINING_MODELS | MODEL_TUNING →} a terminal value. Terminal values map to {@link JobStatus#COMPLETED} except
 * FAILED and STOPPED.
 */
public enum SecondaryStatus {
    STARTING, ANALYZING_DATA, FEATURE_ENGINEERING, TRAINING_MODELS, MODEL_TUNING,
    GENERATING_EXPLAINABILITY_REPORT, GENERATING_MODEL_INSIGHTS_REPORT,
    /** Every planned candidate ran. */
    COMPLETED,
    /** The candidate count ended the search. */
    MAX_CANDIDATES_REACHED,
    /** {@code maxJobRuntime} ended the search. */
    MAX_AUTO_ML_JOB_RUNTIME_REACHED,
    FAILED,
    STOPPING,
    STOPPED;

    /** @return the job status this secondary status implies */
    public JobStatus jobStatus() {
        return switch (this) {
            case COMPLETED, MAX_CANDIDATES_REACHED, MAX_AUTO_ML_JOB_RUNTIME_REACHED -> JobStatus.COMPLETED;
            case FAILED -> JobStatus.FAILED;
            case STOPPED -> JobStatus.STOPPED;
            case STOPPING -> JobStatus.STOPPING;
            default -> JobStatus.IN_PROGRESS;
        };
    }
}
