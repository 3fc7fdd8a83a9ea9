package io.automl4j.registry;

import java.time.Instant;

/**
 * An audit-log query (REG-R16); all filters optional and AND-combined, ordered by sequence. Pages continue with the
 * opaque token of the previous {@link AuditLog#page page} ({@link #withPageToken}); followers of the log may instead
 * continue after the last sequence they saw ({@link #after}, {@link AuditLog#since}).
 *
 * @param group     group, or null
 * @param version   version (needs group), or 0 for any
 * @param action    action, or null
 * @param actor     actor, or null
 * @param from      inclusive lower time, or null
 * @param to        inclusive upper time, or null
 * @param afterSequence only entries with a larger sequence (0 = from the start)
 * @param pageSize  1..1000
 * @param pageToken token from the previous page of the same query, or null for the first page
 */
public record AuditQuery(String group, int version, AuditAction action, String actor, Instant from, Instant to,
                         long afterSequence, int pageSize, String pageToken) {
    public AuditQuery {
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("page size must be 1..1000, got " + pageSize);
        }
        if (version != 0 && group == null) {
            throw new IllegalArgumentException("an audit query by version needs a group");
        }
        if (afterSequence < 0) {
            throw new IllegalArgumentException("afterSequence must be >= 0, got " + afterSequence);
        }
    }

    /** A first-page query (no page token); see the record components. */
    public AuditQuery(String group, int version, AuditAction action, String actor, Instant from, Instant to,
                      long afterSequence, int pageSize) {
        this(group, version, action, actor, from, to, afterSequence, pageSize, null);
    }

    /** @return everything, pages of 1000 */
    public static AuditQuery all() {
        return new AuditQuery(null, 0, null, null, null, null, 0, 1000);
    }

    /** @param g group @return entries of this group */
    public static AuditQuery group(String g) {
        return new AuditQuery(g, 0, null, null, null, null, 0, 1000);
    }

    /** @param g group @param v version @return entries of this version */
    public static AuditQuery version(String g, int v) {
        return new AuditQuery(g, v, null, null, null, null, 0, 1000);
    }

    /** @param a action @return a copy with this action filter */
    public AuditQuery withAction(AuditAction a) {
        return new AuditQuery(group, version, a, actor, from, to, afterSequence, pageSize, pageToken);
    }

    /** @param a actor @return a copy with this actor filter */
    public AuditQuery withActor(String a) {
        return new AuditQuery(group, version, action, a, from, to, afterSequence, pageSize, pageToken);
    }

    /** @param f from @param t to @return a copy with this time range */
    public AuditQuery withTime(Instant f, Instant t) {
        return new AuditQuery(group, version, action, actor, f, t, afterSequence, pageSize, pageToken);
    }

    /** @param size 1..1000 @return a copy with this page size */
    public AuditQuery withPageSize(int size) {
        return new AuditQuery(group, version, action, actor, from, to, afterSequence, size, pageToken);
    }

    /** @param seq sequence @return a copy returning entries after {@code seq} (for followers of the log) */
    public AuditQuery after(long seq) {
        return new AuditQuery(group, version, action, actor, from, to, seq, pageSize, pageToken);
    }

    /**
     * @param token {@link Page#nextPageToken()} of the previous page of this same query; reusing it with other
     *              filters fails with an IAE (REG-R16, R18)
     * @return a copy asking for the page after the token's
     */
    public AuditQuery withPageToken(String token) {
        return new AuditQuery(group, version, action, actor, from, to, afterSequence, pageSize, token);
    }
}
