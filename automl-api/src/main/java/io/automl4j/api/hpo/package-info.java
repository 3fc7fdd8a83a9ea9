/**
 * Hyperparameter-tuning options (AUTOML-R30–R38): the search {@link io.automl4j.api.hpo.Strategy}, the Bayesian
 * {@link io.automl4j.api.hpo.Surrogate}, and {@link io.automl4j.api.hpo.ParameterRanges} with their
 * {@link io.automl4j.api.hpo.ScalingType}.
 */
package io.automl4j.api.hpo;
