package io.automl4j.registry;

import java.util.List;
import java.util.Objects;

/**
 * Decides whether a lifecycle transition is allowed (REG-R10). Implementations must be thread-safe.
 */
@FunctionalInterface
public interface LifecyclePolicy {

    /**
     * @param from  the current lifecycle, or null when none was set yet
     * @param to    the requested lifecycle
     * @param actor who asks
     * @return the decision
     */
    Decision decide(Lifecycle from, Lifecycle to, String actor);

    /**
     * The outcome of {@link #decide}.
     *
     * @param allowed whether the transition is allowed
     * @param reason  why not (or why), never null
     */
    record Decision(boolean allowed, String reason) {
        public Decision {
            Objects.requireNonNull(reason, "reason");
        }

        /** @return an allow decision */
        public static Decision allow() {
            return new Decision(true, "allowed");
        }

        /**
         * @param reason why the transition is denied
         * @return a deny decision
         */
        public static Decision deny(String reason) {
            return new Decision(false, reason);
        }
    }

    /** @return the default policy: every transition within REG-R4 is allowed */
    static LifecyclePolicy permissive() {
        return (from, to, actor) -> Decision.allow();
    }

    /**
     * The strict template policy: only template stages and statuses; the forward path Proposal → Development →
     * QA → PreProduction → Production (one step at a time), any stage → Archived, and status changes within a
     * stage. The first stage set may be any template stage.
     *
     * @return the template policy
     */
    static LifecyclePolicy templates() {
        List<String> path = List.of(Lifecycle.PROPOSAL, Lifecycle.DEVELOPMENT, Lifecycle.QA,
                Lifecycle.PRE_PRODUCTION, Lifecycle.PRODUCTION);
        List<String> statuses = List.of(Lifecycle.PENDING_APPROVAL, Lifecycle.IN_PROGRESS, Lifecycle.ON_HOLD,
                Lifecycle.APPROVED, Lifecycle.REJECTED, Lifecycle.RETIRED);
        return (from, to, actor) -> {
            if (!path.contains(to.stage()) && !Lifecycle.ARCHIVED.equals(to.stage())) {
                return Decision.deny("unknown stage '" + to.stage() + "' under the template policy; allowed: "
                        + path + " and " + Lifecycle.ARCHIVED);
            }
            if (!statuses.contains(to.status())) {
                return Decision.deny("unknown stage status '" + to.status() + "' under the template policy; allowed: "
                        + statuses);
            }
            if (from == null || from.stage().equals(to.stage()) || Lifecycle.ARCHIVED.equals(to.stage())) {
                return Decision.allow();
            }
            if (Lifecycle.ARCHIVED.equals(from.stage())) {
                return Decision.deny("Archived is final under the template policy");
            }
            int a = path.indexOf(from.stage());
            int b = path.indexOf(to.stage());
            if (a >= 0 && b == a + 1) {
                return Decision.allow();
            }
            return Decision.deny("only the forward path " + String.join(" -> ", path)
                    + " (one step), any stage -> Archived, or a status change within a stage is allowed");
        };
    }
}
