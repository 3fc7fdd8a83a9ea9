package io.automl4j.registry;

import java.util.List;

/** Read access to the append-only audit log (REG-R16); it cannot be edited through the API. */
public interface AuditLog {
    /**
     * One page of matching entries (REG-R16, R18): continue with
     * {@code query.withPageToken(page.nextPageToken())} until the token is null. Paging is stable: entries appended
     * meanwhile that match appear on later pages, none twice.
     *
     * @param query filters, page size and page token
     * @return matching entries ordered by sequence (at most {@code pageSize}) and the next-page token
     * @throws IllegalArgumentException when the token is not one of this registry's or was issued for other filters
     */
    Page<AuditEntry> page(AuditQuery query);

    /**
     * @param query filters (a page token is honoured as in {@link #page})
     * @return the entries of {@link #page(AuditQuery)}
     */
    default List<AuditEntry> query(AuditQuery query) {
        return page(query).items();
    }

    /**
     * @param sequence the last sequence seen (0 for all)
     * @return up to 1000 entries after it, in order, so that other processes can follow changes
     */
    default List<AuditEntry> since(long sequence) {
        return query(AuditQuery.all().after(sequence));
    }
}
