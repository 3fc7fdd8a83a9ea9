package io.automl4j.core.internal.learn;

import io.automl4j.api.Algorithm;

import java.util.Map;
import java.util.Optional;

/** Creates learners and restores fitted ones. The engine uses {@link Learners}; tests plug in fakes. */
public interface LearnerCatalog {

    /**
     * @param algorithm the algorithm
     * @param overrides hyperparameters (library names) that differ from the defaults
     * @return a configured learner
     * @throws IllegalArgumentException for unknown hyperparameters
     */
    Learner create(Algorithm algorithm, Map<String, String> overrides);

    /**
     * @param algorithm the algorithm
     * @return why it cannot run on this platform (e.g. missing native library), or empty
     */
    Optional<String> unavailableReason(Algorithm algorithm);

    /**
     * @param kind  {@link FittedLearner#kind()}
     * @param bytes {@link FittedLearner#serialize()}
     * @return the restored model
     * @throws IllegalArgumentException for an unknown kind
     */
    FittedLearner load(String kind, byte[] bytes);
}
