package io.automl4j.api.eval;

/** What a leaderboard entry is (AUTOML-R48). */
public enum EntryKind {
    /** One configuration trained on k folds; predicts with the average of its fold models. */
    BAGGED,
    /** A meta-learner over the out-of-fold predictions of bagged candidates. */
    STACKED,
    /** A Caruana greedy weighted average of candidates. */
    GREEDY_ENSEMBLE,
    /** One hyperparameter-tuning trial. */
    TRIAL
}
