package io.automl4j.registry;

/** Status of a model card (REG-R14). */
public enum CardStatus {
    /** Default at creation. */
    DRAFT,
    /** Submitted for review; may go back to DRAFT. */
    PENDING_REVIEW,
    /** Reviewed and approved. */
    APPROVED,
    /** Terminal. */
    ARCHIVED;

    /**
     * @param to requested status
     * @return whether REG-R14 allows it: DRAFT → PENDING_REVIEW → APPROVED → ARCHIVED, PENDING_REVIEW → DRAFT
     *         (the same status is a no-op and allowed)
     */
    public boolean canChangeTo(CardStatus to) {
        if (to == this) {
            return true;
        }
        return switch (this) {
            case DRAFT -> to == PENDING_REVIEW;
            case PENDING_REVIEW -> to == APPROVED || to == DRAFT;
            case APPROVED -> to == ARCHIVED;
            case ARCHIVED -> false;
        };
    }
}
