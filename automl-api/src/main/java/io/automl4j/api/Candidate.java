package io.automl4j.api;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One planned configuration and what became of it (AUTOML-R46).
 *
 * @param index           0-based position in the plan
 * @param name            {@code <job>-<nnn>-<algorithm>}
 * @param algorithm       the algorithm
 * @param status          final status
 * @param failureReason   one sentence when FAILED or STOPPED, else null
 * @param hyperparameters resolved hyperparameters
 * @param fitSeconds      training seconds over all folds
 * @param weightsIgnored  true when the learner could not use sample weights (AUTOML-R16)
 * @param info            facts learned in training (e.g. best iteration per fold, timeLimited)
 */
public record Candidate(int index, String name, Algorithm algorithm, CandidateStatus status, String failureReason,
                        Map<String, String> hyperparameters, double fitSeconds, boolean weightsIgnored,
                        Map<String, String> info) {
    public Candidate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(status, "status");
        hyperparameters = java.util.Collections.unmodifiableMap(new TreeMap<>(hyperparameters));
        info = java.util.Collections.unmodifiableMap(new TreeMap<>(info));
    }
}
