package io.automl4j.registry;

/**
 * The stored artifact of a version (REG-R5): a content-addressed blob.
 *
 * @param sha256        hex digest of the bytes
 * @param size          size in bytes
 * @param format        artifact format, e.g. {@link #MODEL_DIR_ZIP}
 * @param formatVersion format version
 */
public record ArtifactInfo(String sha256, long size, String format, int formatVersion) {
    /** A zip of a directory written by {@code TrainedModel.save(dir)}; loadable with {@code registry.load}. */
    public static final String MODEL_DIR_ZIP = "automl4j-model-dir-zip";
    /** The newest {@link #MODEL_DIR_ZIP} format version this library reads. */
    public static final int MODEL_DIR_ZIP_VERSION = 1;
}
