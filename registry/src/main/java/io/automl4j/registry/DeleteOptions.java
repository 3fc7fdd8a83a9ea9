package io.automl4j.registry;

/**
 * Options for {@link ModelRegistry#deleteVersion} (REG-R19).
 *
 * @param forceAliases delete aliases pointing at the version too (audited) instead of failing
 */
public record DeleteOptions(boolean forceAliases) {
    /** @return fail when aliases point at the version */
    public static DeleteOptions defaults() {
        return new DeleteOptions(false);
    }

    /** @return delete the aliases too */
    public static DeleteOptions force() {
        return new DeleteOptions(true);
    }
}
