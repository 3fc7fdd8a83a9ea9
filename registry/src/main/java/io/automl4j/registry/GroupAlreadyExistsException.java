package io.automl4j.registry;

/** A model group with this name already exists (REG-R2). */
public class GroupAlreadyExistsException extends RegistryException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the entity and the value */
    public GroupAlreadyExistsException(String message) {
        super(message);
    }
}
