package io.automl4j.core.internal.learn;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything a learner needs besides the data.
 *
 * @param task     regression or k-class classification
 * @param seed     the learner's own seed, derived from the job seed and its plan position (never thread order)
 * @param threads  native threads the learner may use (&gt; = 1)
 * @param deadline when the learner must return; iterative learners stop adding steps and keep the model so far
 *                 (AUTOML-R39); null = no deadline
 * @param clock    the time source used to check the deadline
 * @param earlyStoppingData rows (through the same preprocessing) that early-stopping learners watch instead of
 *                 carving an inner split from {@code train}: in bagging, the fold's out-of-fold rows, so every
 *                 training row is used for fitting; null = use the inner split
 */
public record LearnContext(Task task, long seed, int threads, Instant deadline, Supplier<Instant> clock,
                           TrainData earlyStoppingData) {
    /** Without early-stopping rows: learners use their inner split. */
    public LearnContext(Task task, long seed, int threads, Instant deadline, Supplier<Instant> clock) {
        this(task, seed, threads, deadline, clock, null);
    }

    public LearnContext {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(clock, "clock");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1 but was " + threads);
        }
    }

    /** @return true when a deadline is set and has passed, or the current thread was interrupted */
    public boolean shouldStop() {
        return Thread.currentThread().isInterrupted() || (deadline != null && !clock.get().isBefore(deadline));
    }
}
