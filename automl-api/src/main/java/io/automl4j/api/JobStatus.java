package io.automl4j.api;

/** Status of a job (AUTOML-R45). */
public enum JobStatus {
    /** Running. */
    IN_PROGRESS,
    /** Ended with a result (also when a budget ended the search). */
    COMPLETED,
    /** Ended without a result; see {@link AutoMLRun#failureReason()}. */
    FAILED,
    /** {@link AutoMLRun#stop()} was called; in-flight candidates are being stopped. */
    STOPPING,
    /** Stopped on request; the result holds the candidates completed before the stop. */
    STOPPED;

    /** @return true for COMPLETED, FAILED and STOPPED */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == STOPPED;
    }
}
