package io.automl4j.registry;

import io.automl4j.api.AutoMLResult;
import io.automl4j.api.eval.Direction;
import io.automl4j.api.eval.LeaderboardEntry;
import io.automl4j.api.eval.Metric;
import io.automl4j.registry.internal.Names;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Options for {@link ModelRegistry#register(String, io.automl4j.api.model.TrainedModel, RegisterOptions)}: the
 * mutable fields at registration plus what a {@code TrainedModel} does not carry itself (metrics, job id, source).
 * Immutable; {@code with…} methods return copies and validate at once.
 */
public final class RegisterOptions {
    private final String description;
    private final ApprovalStatus approval;
    private final String approvalDescription;
    private final Map<String, String> metadata;
    private final Map<String, Double> metrics;
    private final String objectiveMetric;
    private final Direction objectiveDirection;
    private final String jobId;
    private final String sourceUri;

    private RegisterOptions(String description, ApprovalStatus approval, String approvalDescription,
                            Map<String, String> metadata, Map<String, Double> metrics, String objectiveMetric,
                            Direction objectiveDirection, String jobId, String sourceUri) {
        this.description = description;
        this.approval = approval;
        this.approvalDescription = approvalDescription;
        this.metadata = metadata;
        this.metrics = metrics;
        this.objectiveMetric = objectiveMetric;
        this.objectiveDirection = objectiveDirection;
        this.jobId = jobId;
        this.sourceUri = sourceUri;
    }

    /** @return no description, PENDING_MANUAL_APPROVAL, no metadata, no metrics */
    public static RegisterOptions defaults() {
        return new RegisterOptions("", ApprovalStatus.PENDING_MANUAL_APPROVAL, "", Map.of(), Map.of(), null, null,
                null, null);
    }

    /**
     * Options carrying the best leaderboard entry's metrics and the objective metric of an AutoML result, so that
     * {@code register(group, result.bestModel(), RegisterOptions.fromResult(result))} fills everything.
     *
     * @param result an AutoML result with at least one completed candidate
     * @return the options
     */
    public static RegisterOptions fromResult(AutoMLResult result) {
        Objects.requireNonNull(result, "result");
        LeaderboardEntry best = result.leaderboard().best();
        Map<String, Double> m = new TreeMap<>();
        for (Map.Entry<Metric, Double> e : best.metrics().entrySet()) {
            if (e.getValue() != null && !e.getValue().isNaN()) {
                m.put(e.getKey().reportName(), e.getValue());
            }
        }
        Metric objective = result.leaderboard().objective();
        if (!Double.isNaN(best.objective())) {
            m.put(objective.reportName(), best.objective());
        }
        return defaults().withMetrics(m).withObjective(objective.reportName(), objective.direction());
    }

    /**
     * @param text description ≤ 1024 chars
     * @return a copy with this description
     */
    public RegisterOptions withDescription(String text) {
        Names.checkLength("description", text, 1024);
        return new RegisterOptions(text == null ? "" : text, approval, approvalDescription, metadata, metrics,
                objectiveMetric, objectiveDirection, jobId, sourceUri);
    }

    /**
     * @param status  initial approval status
     * @param comment approval description ≤ 1024 chars
     * @return a copy with this approval status
     */
    public RegisterOptions withApproval(ApprovalStatus status, String comment) {
        Objects.requireNonNull(status, "status");
        Names.checkLength("approval description", comment, 1024);
        return new RegisterOptions(description, status, comment == null ? "" : comment, metadata, metrics,
                objectiveMetric, objectiveDirection, jobId, sourceUri);
    }

    /**
     * @param entries customer metadata (REG-R4)
     * @return a copy with this metadata
     */
    public RegisterOptions withMetadata(Map<String, String> entries) {
        Names.checkMetadata(entries);
        return new RegisterOptions(description, approval, approvalDescription,
                Collections.unmodifiableMap(new TreeMap<>(entries)), metrics, objectiveMetric, objectiveDirection,
                jobId, sourceUri);
    }

    /**
     * @param values metric name → value (finite)
     * @return a copy with these metrics
     */
    public RegisterOptions withMetrics(Map<String, Double> values) {
        Names.checkMetrics(values);
        return new RegisterOptions(description, approval, approvalDescription, metadata,
                Collections.unmodifiableMap(new LinkedHashMap<>(values)), objectiveMetric, objectiveDirection, jobId,
                sourceUri);
    }

    /**
     * @param metric    objective metric name
     * @param direction its direction
     * @return a copy with this objective
     */
    public RegisterOptions withObjective(String metric, Direction direction) {
        Names.checkLength("objective metric", metric, 128);
        return new RegisterOptions(description, approval, approvalDescription, metadata, metrics, metric,
                direction, jobId, sourceUri);
    }

    /**
     * @param id job id ≤ 256 chars
     * @return a copy with this job id
     */
    public RegisterOptions withJobId(String id) {
        Names.checkLength("job id", id, 256);
        return new RegisterOptions(description, approval, approvalDescription, metadata, metrics, objectiveMetric,
                objectiveDirection, id, sourceUri);
    }

    /**
     * @param uri source URI ≤ 1024 chars
     * @return a copy with this source URI
     */
    public RegisterOptions withSourceUri(String uri) {
        Names.checkLength("source URI", uri, 1024);
        return new RegisterOptions(description, approval, approvalDescription, metadata, metrics, objectiveMetric,
                objectiveDirection, jobId, uri);
    }

    /** @return the description */
    public String description() {
        return description;
    }

    /** @return the initial approval status */
    public ApprovalStatus approval() {
        return approval;
    }

    /** @return the approval description */
    public String approvalDescription() {
        return approvalDescription;
    }

    /** @return the customer metadata */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** @return the metrics */
    public Map<String, Double> metrics() {
        return metrics;
    }

    /** @return the objective metric or null */
    public String objectiveMetric() {
        return objectiveMetric;
    }

    /** @return the objective direction or null */
    public Direction objectiveDirection() {
        return objectiveDirection;
    }

    /** @return the job id or null */
    public String jobId() {
        return jobId;
    }

    /** @return the source URI or null */
    public String sourceUri() {
        return sourceUri;
    }
}
