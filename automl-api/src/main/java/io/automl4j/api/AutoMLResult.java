package io.automl4j.api;

import io.automl4j.api.eval.Leaderboard;
import io.automl4j.api.model.TrainedModel;
import io.automl4j.api.provenance.Provenance;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The outcome of {@link AutoMLJob#fit}: resolved attributes, leaderboard, candidates, best model (AUTOML-R54). */
public interface AutoMLResult {

    /** @return the job that produced this result */
    AutoMLJob job();

    /** @return the values the engine resolved for every default */
    ResolvedAttributes resolved();

    /** @return completed candidates ranked by the objective */
    Leaderboard leaderboard();

    /** @return every planned candidate with its status, in plan order */
    List<Candidate> candidates();

    /** @return the model of the best leaderboard entry */
    TrainedModel bestModel();

    /**
     * @param candidateName a completed candidate's name
     * @return its model, if the candidate completed
     */
    Optional<TrainedModel> model(String candidateName);

    /** @return the event log, in order */
    List<Event> events();

    /** @return lineage of the best model */
    Provenance provenance();

    /** @return why the search ended, e.g. {@code MAX_CANDIDATES_REACHED} or {@code MAX_AUTO_ML_JOB_RUNTIME_REACHED} */
    String completionReason();

    /** @return wall time from {@code fit} entry to the result */
    Duration wallTime();

    /** @return wall time per phase (e.g. "data", "search", "selection"), in order */
    Map<String, Duration> phaseTimings();

    /** @return candidates that failed while others succeeded: name to reason (AUTOML-R5) */
    Map<String, String> partialFailures();
}
