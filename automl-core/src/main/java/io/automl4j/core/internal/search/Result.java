package io.automl4j.core.internal.search;

import io.automl4j.api.AutoMLJob;
import io.automl4j.api.AutoMLResult;
import io.automl4j.api.Candidate;
import io.automl4j.api.Event;
import io.automl4j.api.ResolvedAttributes;
import io.automl4j.api.eval.Leaderboard;
import io.automl4j.api.model.TrainedModel;
import io.automl4j.api.provenance.Provenance;
import io.automl4j.core.internal.model.BaggedModel;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Immutable {@link AutoMLResult}. */
public final class Result implements AutoMLResult {
    private final AutoMLJob job;
    private final String jobName;
    private final ResolvedAttributes resolved;
    private final Leaderboard leaderboard;
    private final List<Candidate> candidates;
    private final Map<String, BaggedModel> models;
    private final String bestName;
    private final List<Event> events;
    private final String completionReason;
    private final Duration wall;
    private final Map<String, Duration> phases;
    private final Map<String, String> partialFailures;

    public Result(AutoMLJob job, String jobName, ResolvedAttributes resolved, Leaderboard leaderboard,
           List<Candidate> candidates, Map<String, BaggedModel> models, String bestName, List<Event> events,
           String completionReason, Duration wall, Map<String, Duration> phases, Map<String, String> partialFailures) {
        this.job = job;
        this.jobName = jobName;
        this.resolved = resolved;
        this.leaderboard = leaderboard;
        this.candidates = List.copyOf(candidates);
        this.models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        this.bestName = bestName;
        this.events = List.copyOf(events);
        this.completionReason = completionReason;
        this.wall = wall;
        this.phases = Collections.unmodifiableMap(new LinkedHashMap<>(phases));
        this.partialFailures = Collections.unmodifiableMap(new LinkedHashMap<>(partialFailures));
    }

    @Override
    public AutoMLJob job() {
        return job;
    }

    /** @return the resolved job name */
    String jobName() {
        return jobName;
    }

    @Override
    public ResolvedAttributes resolved() {
        return resolved;
    }

    @Override
    public Leaderboard leaderboard() {
        return leaderboard;
    }

    @Override
    public List<Candidate> candidates() {
        return candidates;
    }

    @Override
    public TrainedModel bestModel() {
        return models.get(bestName);
    }

    @Override
    public Optional<TrainedModel> model(String candidateName) {
        return Optional.ofNullable(models.get(candidateName));
    }

    @Override
    public List<Event> events() {
        return events;
    }

    @Override
    public Provenance provenance() {
        return models.get(bestName).provenance();
    }

    @Override
    public String completionReason() {
        return completionReason;
    }

    @Override
    public Duration wallTime() {
        return wall;
    }

    @Override
    public Map<String, Duration> phaseTimings() {
        return phases;
    }

    @Override
    public Map<String, String> partialFailures() {
        return partialFailures;
    }

    @Override
    public String toString() {
        return "AutoMLResult[" + jobName + ", best=" + bestName + ", " + completionReason + "]\n" + leaderboard;
    }
}
