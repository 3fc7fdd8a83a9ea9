package io.automl4j.registry;

/** A stored artifact does not match its sha256 digest (REG-R20). */
public class ArtifactIntegrityException extends RegistryException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the entity and the value */
    public ArtifactIntegrityException(String message) {
        super(message);
    }
}
