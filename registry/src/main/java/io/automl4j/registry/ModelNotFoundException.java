package io.automl4j.registry;

/** A group, version or alias does not exist (REG-R12, REG-R19). */
public class ModelNotFoundException extends RegistryException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the entity and the value */
    public ModelNotFoundException(String message) {
        super(message);
    }
}
