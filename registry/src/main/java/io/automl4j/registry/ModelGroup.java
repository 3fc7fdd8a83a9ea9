package io.automl4j.registry;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A model group (REG-R2): an immutable snapshot.
 *
 * @param name           unique, case-sensitive, immutable name
 * @param description    description (may be empty)
 * @param tags           tags (sorted)
 * @param createdAt      creation time
 * @param createdBy      creator
 * @param lastModifiedAt last change of description or tags
 * @param lastModifiedBy who made it
 * @param versionCount   number of existing versions
 * @param latestVersion  highest existing version number, 0 when empty
 */
public record ModelGroup(String name, String description, Map<String, String> tags, Instant createdAt,
                         String createdBy, Instant lastModifiedAt, String lastModifiedBy, long versionCount,
                         int latestVersion) {
    public ModelGroup {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        tags = Collections.unmodifiableMap(new TreeMap<>(tags));
    }
}
