package io.automl4j.registry;

import java.util.List;
import java.util.Optional;

/**
 * One page of a search (REG-R18).
 *
 * @param items         the items, in sort order
 * @param nextPageToken opaque token for the next page, or null when this is the last page
 * @param <T>           item type
 */
public record Page<T>(List<T> items, String nextPageToken) {
    public Page {
        items = List.copyOf(items);
    }

    /** @return the next-page token, if any */
    public Optional<String> next() {
        return Optional.ofNullable(nextPageToken);
    }
}
