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
     * The learner that retrains a configuration on all rows (AUTOML-R29, R32): its overrides plus the fixed amount of
     * training its fold models chose ({@link Learner#refitOverrides}: mean kept epochs, or rounds scaled to the
     * refit's rows; early stopping off).
     *
     * @param algorithm the algorithm
     * @param overrides the configuration's hyperparameter overrides
     * @param foldInfos {@link FittedLearner#info()} of its fold models
     * @param refitRows rows the refit trains on
     * @return the configured learner
     */
    default Learner createForRefit(Algorithm algorithm, Map<String, String> overrides,
                                   java.util.List<Map<String, String>> foldInfos, int refitRows) {
        Map<String, String> refit = new java.util.TreeMap<>(overrides);
        refit.putAll(create(algorithm, overrides).refitOverrides(foldInfos, refitRows));
        return create(algorithm, refit);
    }

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
