package io.automl4j.forecast.internal;

import io.automl4j.api.Event;
import io.automl4j.api.JobStatus;
import io.automl4j.api.SecondaryStatus;
import io.automl4j.api.Stage;
import io.automl4j.forecast.LeaderboardRow;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Shared state between a running forecasting job and whoever watches it (AUTOML-R45–R47 applied to FCST-R1): the
 * status, the rows completed so far, the event log and the stop request. Thread-safe.
 */
public final class ForecastControl {
    private volatile SecondaryStatus secondary = SecondaryStatus.STARTING;
    private volatile boolean stopRequested;
    private volatile String failureReason;
    private final List<LeaderboardRow> rows = new ArrayList<>();
    private final ForecastEvents events;

    /**
     * @param listeners called with every event as it happens, on the job's thread
     * @param clock     source of event times
     */
    public ForecastControl(List<Consumer<Event>> listeners, InstantSource clock) {
        this.events = new ForecastEvents(clock, listeners);
    }

    /** @return the event log */
    ForecastEvents log() {
        return events;
    }

    /** @return a snapshot of the events */
    public List<Event> events() {
        return events.events();
    }

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

    /** Requests a stop: no new models, the one in flight stops between series fits. Idempotent. */
    public void requestStop() {
        synchronized (this) {
            if (stopRequested || secondary.jobStatus().isTerminal()) {
                return;
            }
            stopRequested = true;
        }
        transition(SecondaryStatus.STOPPING);
    }

    /**
     * Moves to a new phase and records the transition as an event (outside the lock). A stop request keeps
     * STOPPING until the end; a terminal phase is final.
     *
     * @param next the new phase
     */
    void transition(SecondaryStatus next) {
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
        }
        Stage stage = switch (next) {
            case STARTING -> Stage.VALIDATION;
            case ANALYZING_DATA -> Stage.DATA;
            case FEATURE_ENGINEERING -> Stage.FEATURES;
            case TRAINING_MODELS, MODEL_TUNING, STOPPING -> Stage.SEARCH;
            case GENERATING_EXPLAINABILITY_REPORT, GENERATING_MODEL_INSIGHTS_REPORT -> Stage.REPORTS;
            default -> Stage.SELECTION;
        };
        events.info(stage, "status " + next, "from", previous, "to", next, "status", next.jobStatus());
    }

    /**
     * Ends the job as FAILED.
     *
     * @param reason one sentence
     */
    void fail(String reason) {
        this.failureReason = reason;
        transition(SecondaryStatus.FAILED);
    }

    synchronized void add(LeaderboardRow row) {
        rows.add(row);
    }

    /** @return rows completed so far, in completion order */
    public synchronized List<LeaderboardRow> rows() {
        return List.copyOf(rows);
    }
}
