package io.automl4j.api.provenance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable lineage of a trained model (AUTOML-R57): enough to know what was trained, on what, and how, and
 * whether re-running the job reproduces it.
 *
 * @param jobName             the job name
 * @param spec                the job spec as key/values (every builder field, defaults resolved)
 * @param resolved            resolved attributes: problem type (and whether inferred), mode, metric, positive
 *                            class, data size, column types
 * @param seed                the job seed
 * @param dataFingerprint     SHA-256 (hex) of the training data: header, column types and cells
 * @param candidates          the candidates that make up the model (one for a bagged model)
 * @param runtime             JVM and OS facts
 * @param startTime           fit start
 * @param endTime             fit end
 * @param reproducible        whether re-running the job with the same inputs gives the same model
 * @param reproducibleReason  why not, or "count budget and fixed seed"
 */
public record Provenance(String jobName, Map<String, String> spec, Map<String, String> resolved, long seed,
                         String dataFingerprint, List<CandidateProvenance> candidates, RuntimeInfo runtime,
                         Instant startTime, Instant endTime, boolean reproducible, String reproducibleReason) {
    public Provenance {
        Objects.requireNonNull(jobName, "jobName");
        spec = Map.copyOf(spec);
        resolved = Map.copyOf(resolved);
        Objects.requireNonNull(dataFingerprint, "dataFingerprint");
        candidates = List.copyOf(candidates);
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
        Objects.requireNonNull(reproducibleReason, "reproducibleReason");
    }
}
