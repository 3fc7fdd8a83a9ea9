package io.automl4j.api.eval;

import io.automl4j.api.Algorithm;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One row of a {@link Leaderboard} (AUTOML-R48). Metric values are validation scores (out-of-fold in v1).
 *
 * @param rank             1-based rank by the objective
 * @param candidateIndex   the candidate's position in the plan (ties in the objective go to the lower index)
 * @param candidateName    {@code <job>-<nnn>-<algorithm>}
 * @param kind             bagged model, ensemble or trial
 * @param algorithms       the algorithm(s) involved
 * @param memberWeights    ensemble member weights by candidate name (empty for single models)
 * @param objective        the objective value
 * @param objectiveStdDev  standard deviation of the objective across folds (NaN if unknown)
 * @param metrics          every metric of the problem type
 * @param fitSeconds       total training seconds (all folds)
 * @param hyperparameters  resolved hyperparameters
 * @param folds            number of folds
 */
public record LeaderboardEntry(int rank, int candidateIndex, String candidateName, EntryKind kind,
                               List<Algorithm> algorithms, Map<String, Double> memberWeights, double objective,
                               double objectiveStdDev, Map<Metric, Double> metrics, double fitSeconds,
                               Map<String, String> hyperparameters, int folds) {
    public LeaderboardEntry {
        Objects.requireNonNull(candidateName, "candidateName");
        Objects.requireNonNull(kind, "kind");
        algorithms = List.copyOf(algorithms);
        memberWeights = Collections.unmodifiableMap(new LinkedHashMap<>(memberWeights));
        metrics = metrics.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(metrics));
        hyperparameters = Collections.unmodifiableMap(new TreeMap<>(hyperparameters));
    }

    /**
     * @param m a metric
     * @return its value, NaN when not computed
     */
    public double metric(Metric m) {
        Double v = metrics.get(m);
        return v == null ? Double.NaN : v;
    }

    /**
     * @param newRank the rank
     * @return a copy with another rank
     */
    public LeaderboardEntry withRank(int newRank) {
        return new LeaderboardEntry(newRank, candidateIndex, candidateName, kind, algorithms, memberWeights,
                objective, objectiveStdDev, metrics, fitSeconds, hyperparameters, folds);
    }
}
