package io.automl4j.registry;

/**
 * Where a version came from (REG-R5). Any field may be null.
 *
 * @param jobId           job id
 * @param jobName         job name
 * @param candidateName   candidate name
 * @param dataFingerprint SHA-256 of the training data
 * @param sourceUri       optional source URI
 */
public record Lineage(String jobId, String jobName, String candidateName, String dataFingerprint,
                      String sourceUri) {
    /** @return a lineage with every field null */
    public static Lineage none() {
        return new Lineage(null, null, null, null, null);
    }
}
