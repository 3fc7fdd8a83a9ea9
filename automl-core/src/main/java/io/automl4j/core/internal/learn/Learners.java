package io.automl4j.core.internal.learn;

import io.automl4j.api.Algorithm;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** The production {@link LearnerCatalog}: one library-backed learner per algorithm. */
public final class Learners implements LearnerCatalog {
    /** The shared catalog. */
    public static final Learners INSTANCE = new Learners();

    private record Entry(Function<Map<String, String>, Learner> factory, Supplier<Optional<String>> availability) {
    }

    private final Map<Algorithm, Entry> factories = new EnumMap<>(Algorithm.class);
    private final Map<String, Function<byte[], FittedLearner>> loaders = new HashMap<>();

    private Learners() {
        register(Algorithm.XGBOOST, XGBoostLearner::new, Optional::empty, XGBoostLearner.KIND, XGBoostLearner::load);
        register(Algorithm.GBDT, LightGbmLearner::new, LightGbmLearner::unavailableReason, LightGbmLearner.KIND,
                LightGbmLearner::load);
        register(Algorithm.RANDOM_FOREST, RandomForestLearner::new, Optional::empty, RandomForestLearner.KIND,
                RandomForestLearner::load);
        register(Algorithm.EXTRA_TREES, ExtraTreesLearner::new, Optional::empty, ExtraTreesLearner.KIND,
                ExtraTreesLearner::load);
        register(Algorithm.LINEAR, LinearLearner::new, Optional::empty, LinearLearner.KIND, LinearLearner::load);
        register(Algorithm.MLP, MlpLearner::new, Optional::empty, MlpLearner.KIND, MlpLearner::load);
        register(Algorithm.KNN, KnnLearner::new, Optional::empty, KnnLearner.KIND, KnnLearner::load);
    }

    private void register(Algorithm a, Function<Map<String, String>, Learner> factory,
                          Supplier<Optional<String>> availability, String kind,
                          Function<byte[], FittedLearner> loader) {
        factories.put(a, new Entry(factory, availability));
        loaders.put(kind, loader);
    }

    @Override
    public Learner create(Algorithm algorithm, Map<String, String> overrides) {
        Entry e = factories.get(algorithm);
        if (e == null) {
            throw new IllegalArgumentException("no learner for " + algorithm);
        }
        return e.factory().apply(overrides);
    }

    @Override
    public Optional<String> unavailableReason(Algorithm algorithm) {
        Entry e = factories.get(algorithm);
        return e == null ? Optional.of("no learner for " + algorithm) : e.availability().get();
    }

    @Override
    public FittedLearner load(String kind, byte[] bytes) {
        Function<byte[], FittedLearner> l = loaders.get(kind);
        if (l == null) {
            throw new IllegalArgumentException("unknown learner kind '" + kind + "'; known kinds are "
                    + loaders.keySet());
        }
        return l.apply(bytes);
    }
}
