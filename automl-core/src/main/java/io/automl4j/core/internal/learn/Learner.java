package io.automl4j.core.internal.learn;

import io.automl4j.api.Algorithm;

import java.util.Map;

/**
 * One configured learning algorithm (an algorithm plus its hyperparameters). Implementations wrap a library
 * (xgboost4j, LightGBM, Smile, Tribuo); they are stateless and thread-safe: {@link #fit} returns a new model.
 */
public interface Learner {

    /** Which preprocessing a learner expects. */
    enum Flavor {
        /** Raw numeric values with NaN for missing, one-hot for low-cardinality categoricals, codes for the rest. */
        TREE,
        /** Imputed, standardised, missing indicators, one-hot / target encoding: for linear, MLP and kNN. */
        DENSE
    }

    /** @return the algorithm family */
    Algorithm algorithm();

    /** @return the preprocessing flavour this learner needs */
    Flavor flavor();

    /** @return false when sample weights are ignored (the candidate then records weightsIgnored=true) */
    boolean supportsWeights();

    /** @return the full resolved hyperparameters (defaults filled in), for provenance and the leaderboard */
    Map<String, String> hyperparameters();

    /**
     * Hyperparameters for a refit on all rows with a fixed amount of training (AUTOML-R29): iterative learners
     * return their round / epoch count taken from the bagged fits (the mean of what each fold model kept) with
     * early stopping off; others need nothing. Boosters scale their rounds to the refit's rows
     * ({@link #refitRounds}).
     *
     * @param foldInfos {@link FittedLearner#info()} of each fold model
     * @param refitRows rows the refit trains on
     * @return overrides to add to this learner's configuration
     */
    default Map<String, String> refitOverrides(java.util.List<Map<String, String>> foldInfos, int refitRows) {
        return Map.of();
    }

    /**
     * Boosting rounds for a refit without early stopping: the fold models' mean kept rounds ({@code bestIteration})
     * times refit rows / the mean rows the fold models fitted on ({@code fitRows}; their early-stopping rows
     * excluded). A booster early-stopped on fewer rows stops short of what more rows support: with the rounds
     * unscaled a refit on 1.56x the rows (one model on all rows after 5-fold bagging beside a 20% holdout) scored
     * concrete RMSE 3.718 and airfoil 1.329, scaled 3.606 and 1.288 (count budget, test parts of the shared splits).
     *
     * @param foldInfos fold model infos
     * @param refitRows rows the refit trains on
     * @return the rounds, or -1 when no fold reports its kept rounds
     */
    static int refitRounds(java.util.List<Map<String, String>> foldInfos, int refitRows) {
        int kept = meanInfo(foldInfos, "bestIteration");
        if (kept < 1) {
            return -1;
        }
        int fitRows = meanInfo(foldInfos, "fitRows");
        double ratio = fitRows > 0 && refitRows > 0 ? refitRows / (double) fitRows : 1.0;
        return (int) Math.max(1, Math.round(kept * ratio));
    }

    /**
     * Mean of an integer info entry over fold models, rounded, at least 1.
     *
     * @param foldInfos fold model infos
     * @param key       e.g. "bestIteration"
     * @return the mean, or -1 when no fold reports it
     */
    static int meanInfo(java.util.List<Map<String, String>> foldInfos, String key) {
        double s = 0;
        int n = 0;
        for (Map<String, String> m : foldInfos) {
            String v = m.get(key);
            if (v != null) {
                s += Integer.parseInt(v);
                n++;
            }
        }
        return n == 0 ? -1 : (int) Math.max(1, Math.round(s / n));
    }

    /**
     * Trains on {@code train}. Learners that early-stop carve their own inner validation split from it with
     * {@code ctx.seed()}.
     *
     * @param train the training rows
     * @param ctx   task, seed, threads, deadline
     * @return the fitted model
     * @throws RuntimeException if training fails; the engine records it as the candidate's failure
     */
    FittedLearner fit(TrainData train, LearnContext ctx);
}
