package io.automl4j.api.model;

/** What a prediction returns per row (AUTOML-R50). */
public enum PredictionKey {
    /** The predicted label (classification; highest probability, ties to the first in LABELS) or value. */
    PREDICTED_LABEL,
    /** Probability of the predicted label (classification). */
    PROBABILITY,
    /** All class probabilities aligned with LABELS (classification). */
    PROBABILITIES,
    /** The training labels in natural order (classification). */
    LABELS,
    /** Probability of the positive class (binary only). */
    POSITIVE_PROBABILITY
}
