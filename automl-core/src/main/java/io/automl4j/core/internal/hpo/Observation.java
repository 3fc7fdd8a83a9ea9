package io.automl4j.core.internal.hpo;

/**
 * A finished, completed trial as the samplers see it.
 *
 * @param trial  trial index (ties in loss go to the lower index)
 * @param config its configuration
 * @param loss   the objective oriented for minimisation (negated when the metric is maximised)
 */
public record Observation(int trial, Config config, double loss) {
}
