package io.automl4j.api;

/** A saved model cannot be loaded: missing, corrupt, or written by a newer format version. */
public final class ModelFormatException extends AutoMLException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the artifact */
    public ModelFormatException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong with the artifact
     * @param cause   the underlying cause
     */
    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
