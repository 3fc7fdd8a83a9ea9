package io.automl4j.registry;

/**
 * A group search (REG-R18): name prefix / contains, tag key (and value), sorted by name, paged.
 *
 * @param namePrefix   name prefix, or null
 * @param nameContains substring of the name, or null
 * @param tagKey       tag key that must be present, or null
 * @param tagValue     its value (needs tagKey), or null for any value
 * @param pageSize     1..1000
 * @param pageToken    token from the previous page, or null
 */
public record GroupQuery(String namePrefix, String nameContains, String tagKey, String tagValue, int pageSize,
                         String pageToken) {
    public GroupQuery {
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("page size must be 1..1000, got " + pageSize);
        }
        if (tagValue != null && tagKey == null) {
            throw new IllegalArgumentException("a tag value filter needs a tag key");
        }
    }

    /** @return every group, pages of 100 */
    public static GroupQuery all() {
        return new GroupQuery(null, null, null, null, 100, null);
    }

    /**
     * @param token the next-page token
     * @return this query for the page after {@code token}
     */
    public GroupQuery withPageToken(String token) {
        return new GroupQuery(namePrefix, nameContains, tagKey, tagValue, pageSize, token);
    }
}
