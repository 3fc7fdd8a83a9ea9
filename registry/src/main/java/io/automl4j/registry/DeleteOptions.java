package io.automl4j.registry;

/**
 * Options for {@link ModelRegistry#deleteVersion} (REG-R19).
 *
 * @param forceAliases     delete aliases pointing at the version too (audited) instead of failing
 * @param expectedRevision the revision the version must be at, or {@link ModelRegistry#ANY_REVISION}
 */
public record DeleteOptions(boolean forceAliases, long expectedRevision) {
    public DeleteOptions {
        if (expectedRevision < 0 && expectedRevision != ModelRegistry.ANY_REVISION) {
            throw new IllegalArgumentException("expected revision must be >= 0 or ModelRegistry.ANY_REVISION (-1), "
                    + "got " + expectedRevision);
        }
    }

    /** @param forceAliases delete aliases pointing at the version too; no revision check */
    public DeleteOptions(boolean forceAliases) {
        this(forceAliases, ModelRegistry.ANY_REVISION);
    }

    /** @return fail when aliases point at the version */
    public static DeleteOptions defaults() {
        return new DeleteOptions(false);
    }

    /** @return delete the aliases too */
    public static DeleteOptions force() {
        return new DeleteOptions(true);
    }

    /**
     * @param revision the revision the version must be at; a mismatch fails with
     *                 {@link ConcurrentModificationException} and deletes nothing
     * @return a copy with this revision check
     */
    public DeleteOptions withExpectedRevision(long revision) {
        return new DeleteOptions(forceAliases, revision);
    }
}
