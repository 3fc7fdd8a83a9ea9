package io.automl4j.registry;

import java.time.Instant;
import java.util.Objects;

/**
 * One append-only audit record (REG-R15).
 *
 * @param sequence monotonic per store, in commit order
 * @param time     UTC time from the registry's clock
 * @param actor    who made the change
 * @param action   what changed
 * @param group    group name
 * @param version  version number, or 0 for group-level changes
 * @param from     the previous value as JSON (or {@code null} text when none)
 * @param to       the new value as JSON (or {@code null} text when none)
 * @param comment  the comment (may be empty)
 */
public record AuditEntry(long sequence, Instant time, String actor, AuditAction action, String group, int version,
                         String from, String to, String comment) {
    public AuditEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(action, "action");
        comment = comment == null ? "" : comment;
    }
}
