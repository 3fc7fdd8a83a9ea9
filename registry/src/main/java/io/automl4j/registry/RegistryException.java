package io.automl4j.registry;

import io.automl4j.api.AutoMLException;

/** Root of the registry's unchecked exceptions (REG-R23); also used for wrapped storage failures. */
public class RegistryException extends AutoMLException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the entity, the value and the rule */
    public RegistryException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause   the underlying cause (e.g. an I/O or SQL error)
     */
    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
