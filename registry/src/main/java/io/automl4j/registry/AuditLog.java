package io.automl4j.registry;

import java.util.List;

/** Read access to the append-only audit log (REG-R16); it cannot be edited through the API. */
public interface AuditLog {
    /**
     * @param query filters; pages continue with {@code query.after(lastSequence)}
     * @return matching entries ordered by sequence (at most {@code pageSize})
     */
    List<AuditEntry> query(AuditQuery query);

    /**
     * @param sequence the last sequence seen (0 for all)
     * @return up to 1000 entries after it, in order, so that other processes can follow changes
     */
    default List<AuditEntry> since(long sequence) {
        return query(AuditQuery.all().after(sequence));
    }
}
