package io.automl4j.registry;

/**
 * Receives committed changes (REG-R17). Called on the thread that made the change, after commit and in commit order;
 * other writers of the same registry instance wait meanwhile, so keep listeners short (hand work to an executor).
 * A listener may read the registry. A throwing listener is logged and does not affect the change or other listeners.
 */
@FunctionalInterface
public interface RegistryListener {
    /** @param event the committed change */
    void onEvent(RegistryEvent event);
}
