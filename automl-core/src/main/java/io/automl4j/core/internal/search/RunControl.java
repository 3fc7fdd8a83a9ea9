package io.automl4j.core.internal.search;

import io.automl4j.api.Candidate;
import io.automl4j.core.internal.EventLog;
import io.automl4j.core.internal.run.JobControl;

import java.time.InstantSource;
import java.util.List;
import java.util.TreeMap;

/**
 * Shared state between a running search and whoever watches it (AUTOML-R45–R47): the status, the stop request and
 * the live candidates, the latest snapshot of each in plan order. Thread-safe.
 */
public final class RunControl extends JobControl<Candidate> {
    private final TreeMap<Integer, Candidate> candidates = new TreeMap<>();

    /**
     * Records later transitions in the job's event log and stamps stop requests with the job's clock.
     *
     * @param log  the event log
     * @param time the job clock
     */
    void attach(EventLog log, InstantSource time) {
        attachEvents(log::info, time);
    }

    @Override
    protected void store(Candidate c) {
        candidates.put(c.index(), c);
    }

    @Override
    protected List<Candidate> snapshot() {
        return List.copyOf(candidates.values());
    }
}
