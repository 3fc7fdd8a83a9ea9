package io.automl4j.api;

/** Status of one candidate (AUTOML-R46). */
public enum CandidateStatus {
    IN_PROGRESS, COMPLETED, FAILED, STOPPING, STOPPED
}
