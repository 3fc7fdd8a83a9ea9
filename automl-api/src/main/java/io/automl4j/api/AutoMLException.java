package io.automl4j.api;

/** Root of the unchecked exceptions thrown by automl4j. */
public abstract class AutoMLException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the value and the expectation */
    protected AutoMLException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause   the underlying cause
     */
    protected AutoMLException(String message, Throwable cause) {
        super(message, cause);
    }
}
