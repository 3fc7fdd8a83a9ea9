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
    /** @throws IllegalArgumentException when a field exceeds its limit (job id 256, others 1024 characters) */
    public Lineage {
        io.automl4j.registry.internal.Names.checkLength("job id", jobId, 256);
        io.automl4j.registry.internal.Names.checkLength("job name", jobName, 1024);
        io.automl4j.registry.internal.Names.checkLength("candidate name", candidateName, 1024);
        io.automl4j.registry.internal.Names.checkLength("data fingerprint", dataFingerprint, 1024);
        io.automl4j.registry.internal.Names.checkLength("source URI", sourceUri, 1024);
    }

    /** @return a lineage with every field null */
    public static Lineage none() {
        return new Lineage(null, null, null, null, null);
    }
}
