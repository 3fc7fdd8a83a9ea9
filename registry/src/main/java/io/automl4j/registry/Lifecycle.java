package io.automl4j.registry;

import io.automl4j.registry.internal.Names;

/**
 * Lifecycle state of a version (REG-R9): stage, stage status and an optional description. Any strings within
 * REG-R4 (1–63 chars, no control characters) are allowed; the constants are the default templates.
 *
 * @param stage       the stage, e.g. {@link #PRODUCTION}
 * @param status      the stage status, e.g. {@link #APPROVED}
 * @param description free text ≤ 1024 chars, may be null
 */
public record Lifecycle(String stage, String status, String description) {
    /** Template stage. */
    public static final String PROPOSAL = "Proposal";
    /** Template stage. */
    public static final String DEVELOPMENT = "Development";
    /** Template stage. */
    public static final String QA = "QA";
    /** Template stage. */
    public static final String PRE_PRODUCTION = "PreProduction";
    /** Template stage. */
    public static final String PRODUCTION = "Production";
    /** Template stage. */
    public static final String ARCHIVED = "Archived";
    /** Template status. */
    public static final String PENDING_APPROVAL = "PendingApproval";
    /** Template status. */
    public static final String IN_PROGRESS = "InProgress";
    /** Template status. */
    public static final String ON_HOLD = "OnHold";
    /** Template status. */
    public static final String APPROVED = "Approved";
    /** Template status. */
    public static final String REJECTED = "Rejected";
    /** Template status. */
    public static final String RETIRED = "Retired";

    /** @throws IllegalArgumentException when a field breaks REG-R4 / REG-R6 */
    public Lifecycle {
        Names.checkStage("stage", stage);
        Names.checkStage("stage status", status);
        Names.checkLength("stage description", description, 1024);
    }

    /**
     * @param stage  the stage
     * @param status the status
     * @return a lifecycle without description
     */
    public static Lifecycle of(String stage, String status) {
        return new Lifecycle(stage, status, null);
    }
}
