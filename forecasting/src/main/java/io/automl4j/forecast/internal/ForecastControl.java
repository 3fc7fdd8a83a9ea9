package io.automl4j.forecast.internal;

import io.automl4j.api.Event;
import io.automl4j.core.internal.run.JobControl;
import io.automl4j.forecast.LeaderboardRow;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Shared state between a running forecasting job and whoever watches it (AUTOML-R45–R47 applied to FCST-R1): the
 * status, the rows completed so far (in completion order), the event log and the stop request. Thread-safe.
 */
public final class ForecastControl extends JobControl<LeaderboardRow> {
    private final List<LeaderboardRow> rows = new ArrayList<>();
    private final ForecastEvents events;

    /**
     * @param listeners called with every event as it happens, on the job's thread
     * @param clock     source of event times
     */
    public ForecastControl(List<Consumer<Event>> listeners, InstantSource clock) {
        this.events = new ForecastEvents(clock, listeners);
        attachEvents(events::info, clock);
    }

    /** @return the event log */
    ForecastEvents log() {
        return events;
    }

    /** @return a snapshot of the events */
    public List<Event> events() {
        return events.events();
    }

    @Override
    protected void store(LeaderboardRow row) {
        rows.add(row);
    }

    @Override
    protected List<LeaderboardRow> snapshot() {
        return List.copyOf(rows);
    }
}
