package io.automl4j.registry;

import io.automl4j.api.eval.Direction;
import io.automl4j.registry.internal.Names;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Explicit fields for an external artifact registered with
 * {@link ModelRegistry#register(String, java.io.InputStream, VersionSpec)} (REG-R5). Build with {@link #builder()}.
 *
 * @param artifactFormat        format name, e.g. {@link ArtifactInfo#MODEL_DIR_ZIP} or {@code onnx}
 * @param artifactFormatVersion format version ≥ 1
 * @param problemType           problem type name, may be null
 * @param metrics               metrics
 * @param objectiveMetric       objective metric, may be null
 * @param objectiveDirection    its direction, may be null
 * @param hyperparameters       hyperparameters
 * @param provenanceJson        provenance JSON, may be null
 * @param signature             signature
 * @param lineage               lineage
 * @param options               mutable fields at registration
 */
public record VersionSpec(String artifactFormat, int artifactFormatVersion, String problemType,
                          Map<String, Double> metrics, String objectiveMetric, Direction objectiveDirection,
                          Map<String, String> hyperparameters, String provenanceJson, ModelSignature signature,
                          Lineage lineage, RegisterOptions options) {
    public VersionSpec {
        Names.checkLength("artifact format", artifactFormat, 64);
        if (artifactFormat == null || artifactFormat.isEmpty()) {
            throw new IllegalArgumentException("artifact format must be 1-64 chars, got '" + artifactFormat + "'");
        }
        if (artifactFormatVersion < 1) {
            throw new IllegalArgumentException("artifact format version must be >= 1, got " + artifactFormatVersion);
        }
        Names.checkMetrics(metrics);
        Names.checkHyperparameters(hyperparameters);
        metrics = Map.copyOf(metrics);
        hyperparameters = java.util.Collections.unmodifiableMap(new TreeMap<>(hyperparameters));
        Names.checkLength("problem type", problemType, 64);
        Names.checkLength("objective metric", objectiveMetric, 128);
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(lineage, "lineage");
        Objects.requireNonNull(options, "options");
    }

    /** @return a builder with format {@link ArtifactInfo#MODEL_DIR_ZIP} v1 and empty fields */
    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private String format = ArtifactInfo.MODEL_DIR_ZIP;
        private int formatVersion = ArtifactInfo.MODEL_DIR_ZIP_VERSION;
        private String problemType;
        private Map<String, Double> metrics = Map.of();
        private String objectiveMetric;
        private Direction objectiveDirection;
        private Map<String, String> hyperparameters = Map.of();
        private String provenanceJson;
        private ModelSignature signature = ModelSignature.empty();
        private Lineage lineage = Lineage.none();
        private RegisterOptions options = RegisterOptions.defaults();

        private Builder() {
        }

        /** @param f format @param v version @return this */
        public Builder format(String f, int v) {
            this.format = f;
            this.formatVersion = v;
            return this;
        }

        /** @param t problem type @return this */
        public Builder problemType(String t) {
            this.problemType = t;
            return this;
        }

        /** @param m metrics @return this */
        public Builder metrics(Map<String, Double> m) {
            this.metrics = m;
            return this;
        }

        /** @param name objective metric @param d direction @return this */
        public Builder objective(String name, Direction d) {
            this.objectiveMetric = name;
            this.objectiveDirection = d;
            return this;
        }

        /** @param h hyperparameters @return this */
        public Builder hyperparameters(Map<String, String> h) {
            this.hyperparameters = h;
            return this;
        }

        /** @param json provenance JSON @return this */
        public Builder provenanceJson(String json) {
            this.provenanceJson = json;
            return this;
        }

        /** @param s signature @return this */
        public Builder signature(ModelSignature s) {
            this.signature = s;
            return this;
        }

        /** @param l lineage @return this */
        public Builder lineage(Lineage l) {
            this.lineage = l;
            return this;
        }

        /** @param o options @return this */
        public Builder options(RegisterOptions o) {
            this.options = o;
            return this;
        }

        /** @return the spec */
        public VersionSpec build() {
            return new VersionSpec(format, formatVersion, problemType, metrics, objectiveMetric, objectiveDirection,
                    hyperparameters, provenanceJson, signature, lineage, options);
        }
    }
}
