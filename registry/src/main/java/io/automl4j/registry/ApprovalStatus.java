package io.automl4j.registry;

/** Approval status of a version (REG-R8). */
public enum ApprovalStatus {
    /** Default at registration. */
    PENDING_MANUAL_APPROVAL,
    /** Approved, e.g. for deployment. */
    APPROVED,
    /** Rejected. */
    REJECTED;

    /**
     * @param to the requested status
     * @return whether REG-R8 allows this change (the same value is a no-op and allowed)
     */
    public boolean canChangeTo(ApprovalStatus to) {
        return to == this || to != PENDING_MANUAL_APPROVAL;
    }
}
