package io.automl4j.api;

/** A job spec does not fit the data it is run on (AUTOML-R4), or the data itself is unusable. */
public final class InvalidJobSpecException extends AutoMLException {
    private static final long serialVersionUID = 1L;

    /** @param message names the offending value and what was expected */
    public InvalidJobSpecException(String message) {
        super(message);
    }
}
