package io.automl4j.registry;

import io.automl4j.registry.internal.Names;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A version search (REG-R18): AND-combined filters, one sort, a page size and an optional page token. Build
 * with {@link #builder()}; every field is validated at once.
 *
 * @param groups          group names (empty = all)
 * @param approvalStatus  approval status, or null
 * @param stage           lifecycle stage, or null
 * @param stageStatus     lifecycle stage status, or null
 * @param metadata        customer-metadata key = value pairs (all must match)
 * @param metricRanges    metric name → inclusive range (versions lacking the metric never match)
 * @param createdFrom     inclusive lower creation time, or null
 * @param createdTo       inclusive upper creation time, or null
 * @param hasAlias        true: only versions with an alias; false: only without; null: either
 * @param sortBy          the sort field
 * @param sortMetric      the metric name when sorting by {@link SortField#METRIC}
 * @param descending      descending order
 * @param pageSize        1..1000
 * @param pageToken       token from the previous page, or null for the first page
 */
public record VersionQuery(List<String> groups, ApprovalStatus approvalStatus, String stage, String stageStatus,
                           Map<String, String> metadata, Map<String, Range> metricRanges, Instant createdFrom,
                           Instant createdTo, Boolean hasAlias, SortField sortBy, String sortMetric,
                           boolean descending, int pageSize, String pageToken) {

    /** Sort fields. */
    public enum SortField {
        /** Creation time. */
        CREATED,
        /** Version number. */
        VERSION,
        /** Last-modified time. */
        LAST_MODIFIED,
        /** A metric value; versions lacking it sort last. */
        METRIC
    }

    /**
     * An inclusive metric range.
     *
     * @param min lower bound (inclusive), may be -infinity
     * @param max upper bound (inclusive), may be +infinity
     */
    public record Range(double min, double max) {
        public Range {
            if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
                throw new IllegalArgumentException("metric range needs min <= max, got [" + min + ", " + max + "]");
            }
        }
    }

    public VersionQuery {
        groups = List.copyOf(groups);
        groups.forEach(Names::checkGroup);
        metadata = java.util.Collections.unmodifiableMap(new TreeMap<>(metadata));
        metricRanges = java.util.Collections.unmodifiableMap(new TreeMap<>(metricRanges));
        Objects.requireNonNull(sortBy, "sortBy");
        if (sortBy == SortField.METRIC && (sortMetric == null || sortMetric.isEmpty())) {
            throw new IllegalArgumentException("sort by METRIC needs a metric name");
        }
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("page size must be 1..1000, got " + pageSize);
        }
    }

    /** @return a builder: all versions, sorted by (group, version) ascending, pages of 100 */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param token the next-page token
     * @return this query asking for the page after {@code token}
     */
    public VersionQuery withPageToken(String token) {
        return new VersionQuery(groups, approvalStatus, stage, stageStatus, metadata, metricRanges, createdFrom,
                createdTo, hasAlias, sortBy, sortMetric, descending, pageSize, token);
    }

    /** Mutable builder. */
    public static final class Builder {
        private List<String> groups = List.of();
        private ApprovalStatus approvalStatus;
        private String stage;
        private String stageStatus;
        private final Map<String, String> metadata = new TreeMap<>();
        private final Map<String, Range> metricRanges = new TreeMap<>();
        private Instant createdFrom;
        private Instant createdTo;
        private Boolean hasAlias;
        private SortField sortBy = SortField.VERSION;
        private String sortMetric;
        private boolean descending;
        private int pageSize = 100;
        private String pageToken;

        private Builder() {
        }

        /** @param names groups @return this */
        public Builder groups(String... names) {
            this.groups = List.of(names);
            return this;
        }

        /** @param s status @return this */
        public Builder approvalStatus(ApprovalStatus s) {
            this.approvalStatus = s;
            return this;
        }

        /** @param s stage @return this */
        public Builder stage(String s) {
            this.stage = s;
            return this;
        }

        /** @param s stage status @return this */
        public Builder stageStatus(String s) {
            this.stageStatus = s;
            return this;
        }

        /** @param key key @param value value @return this */
        public Builder metadata(String key, String value) {
            Names.checkMetadataEntry(key, value);
            metadata.put(key, value);
            return this;
        }

        /** @param name metric @param min inclusive min @param max inclusive max @return this */
        public Builder metric(String name, double min, double max) {
            metricRanges.put(Objects.requireNonNull(name, "metric"), new Range(min, max));
            return this;
        }

        /** @param from inclusive, nullable @param to inclusive, nullable @return this */
        public Builder created(Instant from, Instant to) {
            this.createdFrom = from;
            this.createdTo = to;
            return this;
        }

        /** @param b alias filter @return this */
        public Builder hasAlias(Boolean b) {
            this.hasAlias = b;
            return this;
        }

        /** @param field sort field (not METRIC) @param desc descending @return this */
        public Builder sortBy(SortField field, boolean desc) {
            this.sortBy = field;
            this.descending = desc;
            return this;
        }

        /** @param metric metric name @param desc descending @return this */
        public Builder sortByMetric(String metric, boolean desc) {
            this.sortBy = SortField.METRIC;
            this.sortMetric = metric;
            this.descending = desc;
            return this;
        }

        /** @param n page size 1..1000 @return this */
        public Builder pageSize(int n) {
            this.pageSize = n;
            return this;
        }

        /** @param token page token @return this */
        public Builder pageToken(String token) {
            this.pageToken = token;
            return this;
        }

        /** @return the query */
        public VersionQuery build() {
            return new VersionQuery(groups, approvalStatus, stage, stageStatus, metadata, metricRanges, createdFrom,
                    createdTo, hasAlias, sortBy, sortMetric, descending, pageSize, pageToken);
        }
    }
}
