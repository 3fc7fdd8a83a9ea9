package io.automl4j.core.internal.search;

import io.automl4j.api.Candidate;
import io.automl4j.api.JobStatus;
import io.automl4j.api.SecondaryStatus;
import io.automl4j.api.Stage;
import io.automl4j.core.internal.EventLog;

import java.util.List;
import java.util.TreeMap;

/**
 * Shared state between a running search and whoever watches it (AUTOML-R45–R47): the status, live candidates and
 * the stop request. Thread-safe.
 */
public final class RunControl {
    private volatile SecondaryStatus secondary = SecondaryStatus.STARTING;
    private volatile boolean stopRequested;
    private volatile java.time.Instant stopRequestedAt;
    private volatile java.time.InstantSource clock = java.time.InstantSource.system();
    private volatile String failureReason;
    private final TreeMap<Integer, Candidate> candidates = new TreeMap<>();
    private Runnable onStop = () -> { };
    private EventLog events;

    /** @return the detailed phase */
    public SecondaryStatus secondaryStatus() {
        return secondary;
    }

    /** @return the job status */
    public JobStatus status() {
        return secondary.jobStatus();
    }

    /** @return why the job failed, or null */
    public String failureReason() {
        return failureReason;
    }

    /** @return true once {@link #requestStop()} was called */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** Requests a stop: no new candidates; in-flight candidates are interrupted. Idempotent. */
    public void requestStop() {
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

    synchronized void attach(EventLog log, java.time.InstantSource time) {
        this.events = log;
        this.clock = time;
    }

    /** @return when the stop was requested (job clock), or null */
    java.time.Instant stopRequestedAt() {
        return stopRequestedAt;
    }

    synchronized void onStop(Runnable action) {
        this.onStop = action;
    }

    /**
     * Moves to a new phase and records the transition as an event. A stop request keeps STOPPING until the end.
     *
     * @param next the new phase
     */
    void transition(SecondaryStatus next) {
        EventLog log;
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
     * Ends the job as FAILED.
     *
     * @param reason one sentence
     */
    public void fail(String reason) {
        this.failureReason = reason;
        transition(SecondaryStatus.FAILED);
    }

    synchronized void update(Candidate c) {
        candidates.put(c.index(), c);
    }

    /** @return candidates so far, in plan order */
    public synchronized List<Candidate> candidates() {
        return List.copyOf(candidates.values());
    }
}
