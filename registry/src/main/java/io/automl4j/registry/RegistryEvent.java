package io.automl4j.registry;

/**
 * A committed change, fired to {@link RegistryListener}s after commit in commit order (REG-R17).
 *
 * @param entry the audit entry written for the change
 */
public record RegistryEvent(AuditEntry entry) {

    /** @return true for an approval change to APPROVED, or a version registered as APPROVED */
    public boolean isApproved() {
        return (entry.action() == AuditAction.APPROVAL_CHANGED || entry.action() == AuditAction.VERSION_REGISTERED)
                && entry.to() != null && entry.to().contains("\"APPROVED\"");
    }

    /** @return true for an approval change away from APPROVED (e.g. APPROVED → REJECTED) */
    public boolean isApprovalRevoked() {
        return entry.action() == AuditAction.APPROVAL_CHANGED && entry.from().contains("\"APPROVED\"");
    }
}
