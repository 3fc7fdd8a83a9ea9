package io.automl4j.core.internal.plan;

import io.automl4j.api.Algorithm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fixed ENSEMBLING portfolio of AUTOML-R25, in order. Defaults of each learner class hold the base
 * configuration (e.g. GBDT: learning_rate 0.05, 31 leaves, early stopping 50); presets list only their overrides.
 */
public final class Portfolio {
    /** A named portfolio entry. */
    public record Entry(String preset, Algorithm algorithm, Map<String, String> overrides) {
    }

    /** The ten entries of AUTOML-R25. */
    public static final List<Entry> ENTRIES = List.of(
            new Entry("GBDT", Algorithm.GBDT, Map.of()),
            new Entry("XGBOOST", Algorithm.XGBOOST, Map.of()),
            new Entry("RANDOM_FOREST", Algorithm.RANDOM_FOREST, Map.of()),
            new Entry("EXTRA_TREES", Algorithm.EXTRA_TREES, Map.of()),
            new Entry("GBDT_LARGE", Algorithm.GBDT, Map.of("learning_rate", "0.03", "num_leaves", "128",
                    "feature_fraction", "0.9", "min_data_in_leaf", "3")),
            new Entry("MLP", Algorithm.MLP, Map.of()),
            new Entry("LINEAR", Algorithm.LINEAR, Map.of()),
            new Entry("KNN", Algorithm.KNN, Map.of()),
            new Entry("RANDOM_FOREST_ENTROPY", Algorithm.RANDOM_FOREST, PortfolioParams.RF_ENTROPY),
            new Entry("GBDT_EXTRA_TREES", Algorithm.GBDT, Map.of("extra_trees", "true", "learning_rate", "0.05")));

    private Portfolio() {
    }

    /**
     * @param allowed    algorithms the job allows
     * @param maxEntries how many to take (the first N allowed, AUTOML-R25)
     * @return the plan
     */
    public static List<Step> plan(Set<Algorithm> allowed, int maxEntries) {
        List<Step> out = new ArrayList<>();
        for (Entry e : ENTRIES) {
            if (out.size() >= maxEntries) {
                break;
            }
            if (allowed.contains(e.algorithm())) {
                out.add(new Step(out.size(), e.algorithm(), e.preset(), e.overrides()));
            }
        }
        return out;
    }
}
