package io.automl4j.core.internal.run;

import io.automl4j.api.InvalidJobSpecException;
import io.automl4j.api.JobStatus;
import io.automl4j.api.SecondaryStatus;
import io.automl4j.api.Stage;
import io.automl4j.api.TrainingFailedException;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Supplier;

/**
 * Shared state between a running job and whoever watches it (AUTOML-R45–R47; FCST-R1): the detailed status, the
 * stop request and its hook, the failure reason and the live items (tabular candidates, forecasting leaderboard
 * rows). Every transition is recorded as an event (AUTOML-R55), outside the lock. Thread-safe: subclasses keep their
 * items under this object's lock ({@link #store} and {@link #snapshot} are called holding it).
 *
 * @param <T> the live item type
 */
public abstract class JobControl<T> {
    private volatile SecondaryStatus secondary = SecondaryStatus.STARTING;
    private volatile boolean stopRequested;
    private volatile Instant stopRequestedAt;
    private volatile InstantSource clock = InstantSource.system();
    private volatile String failureReason;
    private Runnable onStop = () -> { };
    private EventSink events;

    /** Where status transitions are recorded. */
    @FunctionalInterface
    public interface EventSink {
        /**
         * @param stage   phase
         * @param message sentence
         * @param kv      alternating keys and values
         */
        void info(Stage stage, String message, Object... kv);
    }

    /** A control that records no transitions until {@link #attachEvents} is called. */
    protected JobControl() {
    }

    /**
     * Records later transitions to {@code sink} and stamps stop requests with {@code time}.
     *
     * @param sink the job's event log
     * @param time the job's clock
     */
    protected final synchronized void attachEvents(EventSink sink, InstantSource time) {
        this.events = sink;
        this.clock = time;
    }

    /** @return the detailed phase */
    public final SecondaryStatus secondaryStatus() {
        return secondary;
    }

    /** @return the job status */
    public final JobStatus status() {
        return secondary.jobStatus();
    }

    /** @return why the job failed, or null */
    public final String failureReason() {
        return failureReason;
    }

    /** @return true once {@link #requestStop()} was called */
    public final boolean stopRequested() {
        return stopRequested;
    }

    /** @return when the stop was requested (job clock), or null */
    public final Instant stopRequestedAt() {
        return stopRequestedAt;
    }

    /**
     * Requests a stop: moves to STOPPING and runs the {@link #onStop} hook (which interrupts work in flight). A no-op
     * when already requested or once terminal.
     */
    public final void requestStop() {
        Runnable r;
        synchronized (this) {
            if (stopRequested || secondary.jobStatus().isTerminal()) {
                return;
            }
            stopRequested = true;
            stopRequestedAt = clock.instant();
            r = onStop;
        }
        transition(SecondaryStatus.STOPPING);
        r.run();
    }

    /**
     * @param action what a stop request does to the work in flight (replaces the previous hook; a no-op to clear)
     */
    public final synchronized void onStop(Runnable action) {
        this.onStop = action;
    }

    /**
     * Moves to a new phase and records the transition as an event (outside the lock). A stop request keeps STOPPING
     * until the end; a terminal phase is final.
     *
     * @param next the new phase
     */
    public final void transition(SecondaryStatus next) {
        EventSink log;
        SecondaryStatus previous;
        synchronized (this) {
            if (secondary.jobStatus().isTerminal() || secondary == next) {
                return;
            }
            if (stopRequested && next != SecondaryStatus.STOPPING && !next.jobStatus().isTerminal()) {
                return;
            }
            previous = secondary;
            secondary = next;
            log = events;
        }
        if (log != null) {
            Stage stage = switch (next) {
                case STARTING -> Stage.VALIDATION;
                case ANALYZING_DATA -> Stage.DATA;
                case FEATURE_ENGINEERING -> Stage.FEATURES;
                case TRAINING_MODELS, MODEL_TUNING, STOPPING -> Stage.SEARCH;
                case GENERATING_EXPLAINABILITY_REPORT, GENERATING_MODEL_INSIGHTS_REPORT -> Stage.REPORTS;
                default -> Stage.SELECTION;
            };
            log.info(stage, "status " + next, "from", previous, "to", next, "status", next.jobStatus());
        }
    }

    /**
     * Runs a job's body on this control: an exception ends the job as FAILED with its message (with its class name
     * for unexpected ones) and is rethrown as is.
     *
     * @param body the job
     * @param <R>  its result type
     * @return the body's result
     */
    public final <R> R failOnThrow(Supplier<R> body) {
        try {
            return body.get();
        } catch (InvalidJobSpecException | TrainingFailedException e) {
            fail(e.getMessage());
            throw e;
        } catch (RuntimeException | Error e) {
            fail(e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
    }

    /**
     * Ends the job as FAILED.
     *
     * @param reason one sentence
     */
    public final void fail(String reason) {
        this.failureReason = reason;
        transition(SecondaryStatus.FAILED);
    }

    /**
     * Records the latest state of a live item: a new one, or a newer snapshot of one already recorded (how items are
     * matched is the subclass's {@link #store}).
     *
     * @param item the item
     */
    public final synchronized void update(T item) {
        store(item);
    }

    /** @return a snapshot of the live items, in the subclass's order */
    public final synchronized List<T> items() {
        return snapshot();
    }

    /**
     * Keeps {@code item}; called holding this object's lock.
     *
     * @param item the item
     */
    protected abstract void store(T item);

    /** @return an immutable copy of the items; called holding this object's lock */
    protected abstract List<T> snapshot();
}
