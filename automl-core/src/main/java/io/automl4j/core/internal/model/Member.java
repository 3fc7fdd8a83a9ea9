package io.automl4j.core.internal.model;

import io.automl4j.core.internal.learn.FittedLearner;
import io.automl4j.core.internal.preprocess.FittedPreprocessor;

import java.util.Objects;

/**
 * One fold model with the preprocessing it was trained behind.
 *
 * @param preprocessor the fold's fitted pipeline
 * @param learner      the fold's fitted learner
 * @param weight       its weight in the average (1/k for a bagged model)
 */
public record Member(FittedPreprocessor preprocessor, FittedLearner learner, double weight) {
    public Member {
        Objects.requireNonNull(preprocessor, "preprocessor");
        Objects.requireNonNull(learner, "learner");
    }
}
