package io.automl4j.registry;

/** The expected revision did not match the current one (REG-R19); nothing was changed. */
public class ConcurrentModificationException extends RegistryException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the entity and the value */
    public ConcurrentModificationException(String message) {
        super(message);
    }
}
