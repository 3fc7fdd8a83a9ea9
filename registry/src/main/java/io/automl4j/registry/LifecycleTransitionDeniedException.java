package io.automl4j.registry;

/** The lifecycle policy denied a transition (REG-R10); nothing was written. */
public class LifecycleTransitionDeniedException extends RegistryException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the entity and the value */
    public LifecycleTransitionDeniedException(String message) {
        super(message);
    }
}
