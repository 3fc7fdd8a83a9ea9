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
 * @param monitor  receives the per-step validation loss of iterative learners and may stop them (AUTOML-R37);
 *                 null = none
 */
public record LearnContext(Task task, long seed, int threads, Instant deadline, Supplier<Instant> clock,
                           TrainData earlyStoppingData, StepMonitor monitor) {

    /**
     * Per-step reports of iterative learners: boosting every {@link #BOOSTING_STEP} rounds (the early-stopping loss
     * on the watched rows: {@link LearnContext#earlyStoppingData()} when given, else an inner split), MLP every epoch (the loss on
     * the same kind of watched rows). Losses are minimised.
     */
    @FunctionalInterface
    public interface StepMonitor {
        /**
         * @param step  1-based step
         * @param value the learner's validation loss after that step
         * @return true to stop training now (the learner keeps its model so far and records
         *         {@code stoppedAtStep})
         */
        boolean report(int step, double value);
    }

    /** Boosting rounds per reported step (AUTOML-R24: iterative boosting reports every 10 rounds). */
    public static final int BOOSTING_STEP = 10;

    /** A context without early-stopping rows or a step monitor: learners use their inner split. */
    public LearnContext(Task task, long seed, int threads, Instant deadline, Supplier<Instant> clock) {
        this(task, seed, threads, deadline, clock, null, null);
    }

    /** A context whose early-stopping learners watch {@code earlyStoppingData}. */
    public LearnContext(Task task, long seed, int threads, Instant deadline, Supplier<Instant> clock,
                        TrainData earlyStoppingData) {
        this(task, seed, threads, deadline, clock, earlyStoppingData, null);
    }

    /** A context with a step monitor (HPO trials). */
    public LearnContext(Task task, long seed, int threads, Instant deadline, Supplier<Instant> clock,
                        StepMonitor monitor) {
        this(task, seed, threads, deadline, clock, null, monitor);
    }

    public LearnContext {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(clock, "clock");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1 but was " + threads);
        }
    }

    /**
     * @param step  1-based step
     * @param value validation loss after the step
     * @return true when the monitor asks to stop
     */
    public boolean report(int step, double value) {
        return monitor != null && monitor.report(step, value);
    }

    /** @return true when a deadline is set and has passed, or the current thread was interrupted */
    public boolean shouldStop() {
        return Thread.currentThread().isInterrupted() || (deadline != null && !clock.get().isBefore(deadline));
    }
}
