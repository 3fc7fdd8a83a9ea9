package io.automl4j.registry;

/** Receives committed changes (REG-R17). A throwing listener is logged and does not affect others. */
@FunctionalInterface
public interface RegistryListener {
    /** @param event the committed change */
    void onEvent(RegistryEvent event);
}
