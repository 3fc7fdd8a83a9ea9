package io.automl4j.core.internal.plan;

import io.automl4j.api.Algorithm;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One planned configuration (style convention 12: the plan is data).
 *
 * @param index     0-based position in the plan
 * @param algorithm the algorithm
 * @param preset    the portfolio preset name, e.g. "GBDT_LARGE"
 * @param overrides hyperparameters that differ from the learner's defaults (library names)
 */
public record Step(int index, Algorithm algorithm, String preset, Map<String, String> overrides) {
    public Step {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(preset, "preset");
        overrides = Collections.unmodifiableMap(new TreeMap<>(overrides));
    }
}
