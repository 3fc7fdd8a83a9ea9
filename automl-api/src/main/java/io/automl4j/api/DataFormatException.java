package io.automl4j.api;

/** Input data cannot be read: a missing or empty file, a ragged row, a column that is not where it must be. */
public final class DataFormatException extends AutoMLException {
    private static final long serialVersionUID = 1L;

    /** @param message names the file, line, column or value and what was expected */
    public DataFormatException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause   the underlying cause
     */
    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
