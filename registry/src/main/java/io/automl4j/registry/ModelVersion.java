package io.automl4j.registry;

import io.automl4j.api.eval.Direction;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An immutable snapshot of a registered version (REG-R5 immutable part, REG-R6 mutable part).
 *
 * @param group               group name
 * @param version             version number (1, 2, … per group)
 * @param createdAt           registration time
 * @param createdBy           who registered it
 * @param artifact            the stored artifact
 * @param problemType         problem type name (e.g. BINARY), may be null for external artifacts
 * @param metrics             metric name → value (sorted)
 * @param objectiveMetric     the objective metric name, may be null
 * @param objectiveDirection  its direction, may be null
 * @param hyperparameters     hyperparameter name → value (sorted)
 * @param provenanceJson      the model's provenance as JSON ({@code {}} when unknown)
 * @param signature           input/output signature
 * @param lineage             job, candidate, data fingerprint, source
 * @param description         mutable description (may be empty)
 * @param customerMetadata    mutable customer metadata (sorted)
 * @param approvalStatus      approval status
 * @param approvalDescription comment of the last approval change (may be empty)
 * @param lifecycle           lifecycle, or null until first set
 * @param aliases             aliases pointing at this version (sorted)
 * @param revision            mutation counter, 1 at registration
 * @param lastModifiedAt      time of the last mutation
 * @param lastModifiedBy      actor of the last mutation
 */
public record ModelVersion(String group, int version, Instant createdAt, String createdBy, ArtifactInfo artifact,
                           String problemType, Map<String, Double> metrics, String objectiveMetric,
                           Direction objectiveDirection, Map<String, String> hyperparameters,
                           String provenanceJson, ModelSignature signature, Lineage lineage, String description,
                           Map<String, String> customerMetadata, ApprovalStatus approvalStatus,
                           String approvalDescription, Lifecycle lifecycle, List<String> aliases, long revision,
                           Instant lastModifiedAt, String lastModifiedBy) {
    public ModelVersion {
        Objects.requireNonNull(group, "group");
        metrics = Collections.unmodifiableMap(new TreeMap<>(metrics));
        hyperparameters = Collections.unmodifiableMap(new TreeMap<>(hyperparameters));
        customerMetadata = Collections.unmodifiableMap(new TreeMap<>(customerMetadata));
        aliases = List.copyOf(aliases);
        description = description == null ? "" : description;
        approvalDescription = approvalDescription == null ? "" : approvalDescription;
    }

    /** @return {@code models:/group/version} */
    public ModelUri uri() {
        return ModelUri.of(group, version);
    }
}
