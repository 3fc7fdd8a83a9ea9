package io.automl4j.api.provenance;

import io.automl4j.api.Algorithm;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How one candidate was trained.
 *
 * @param name            candidate name, {@code <job>-<nnn>-<algorithm>}
 * @param algorithm       the algorithm
 * @param hyperparameters the resolved hyperparameters (sorted)
 * @param folds           bagging / CV folds: the fold models the candidate's model averages (k per bagging pass;
 *                        k for a refit model)
 * @param seed            the candidate's derived seed
 * @param preprocessing   the transform chosen per input column (AUTOML-R23)
 */
public record CandidateProvenance(String name, Algorithm algorithm, Map<String, String> hyperparameters, int folds,
                                  long seed, Map<String, String> preprocessing) {
    public CandidateProvenance {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(algorithm, "algorithm");
        hyperparameters = java.util.Collections.unmodifiableMap(new TreeMap<>(hyperparameters));
        preprocessing = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(preprocessing));
    }
}
