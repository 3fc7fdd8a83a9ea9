package io.automl4j.registry;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How a registry is opened (REG-R1, R10, R15): actor supplier, clock and lifecycle policy. Immutable.
 *
 * @param actor  names who performs changes (default {@code user.name})
 * @param clock  clock for audit and modification times (default UTC system clock)
 * @param policy lifecycle transition policy (default {@link LifecyclePolicy#permissive()})
 */
public record RegistryOptions(Supplier<String> actor, Clock clock, LifecyclePolicy policy) {
    public RegistryOptions {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(policy, "policy");
    }

    /** @return {@code user.name}, the UTC system clock, the permissive policy */
    public static RegistryOptions defaults() {
        String user = System.getProperty("user.name", "unknown");
        return new RegistryOptions(() -> user, Clock.systemUTC(), LifecyclePolicy.permissive());
    }

    /** @param a actor supplier @return a copy */
    public RegistryOptions withActor(Supplier<String> a) {
        return new RegistryOptions(a, clock, policy);
    }

    /** @param c clock @return a copy */
    public RegistryOptions withClock(Clock c) {
        return new RegistryOptions(actor, c, policy);
    }

    /** @param p policy @return a copy */
    public RegistryOptions withPolicy(LifecyclePolicy p) {
        return new RegistryOptions(actor, clock, p);
    }
}
