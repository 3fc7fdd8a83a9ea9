package io.automl4j.api;

/** No candidate of a job completed (AUTOML-R5); the message names the reason. */
public final class TrainingFailedException extends AutoMLException {
    private static final long serialVersionUID = 1L;

    /** @param message the failure reason */
    public TrainingFailedException(String message) {
        super(message);
    }

    /**
     * @param message the failure reason
     * @param cause   the underlying cause
     */
    public TrainingFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
