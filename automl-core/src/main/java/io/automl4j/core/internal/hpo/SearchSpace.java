package io.automl4j.core.internal.hpo;

import io.automl4j.api.Algorithm;
import io.automl4j.api.hpo.ParameterRanges;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static io.automl4j.api.hpo.ScalingType.LINEAR;
import static io.automl4j.api.hpo.ScalingType.LOGARITHMIC;

/**
 * The conditional search space of AUTOML-R30: a categorical {@code algorithm} choice, then that algorithm's
 * dimensions. Built-in ranges (R33) are expressed in the names our learners accept; user ranges
 * ({@code parameterRanges}) replace an algorithm's built-in ranges entirely and their static values (R36) are
 * passed to every trial of that algorithm.
 *
 * <p>Mapping of the R33 names onto our learners, and what cannot be honoured:
 * <ul>
 * <li>XGBOOST: every R33 parameter, by the same name ({@code max_delta_step} is sampled as an integer);
 * {@code num_round} is the maximum round count and the learner's inner early stopping (50 rounds) stays on.</li>
 * <li>GBDT (LightGBM): every R33 parameter by name; {@code bagging_freq=1} is fixed so that
 * {@code bagging_fraction} takes effect.</li>
 * <li>LINEAR (Smile, full-batch L-BFGS / closed-form ridge): R33's {@code wd} becomes the single inverse
 * regularisation {@code c_grid} = C ∈ [1e-4, 1e4] LOG (C = 1/λ); {@code l1}, {@code learning_rate},
 * {@code mini_batch_size}, {@code use_bias} (always fitted) and {@code positive_example_weight_mult} have no
 * counterpart and are not tuned.</li>
 * <li>MLP (ReLU, dropout, minibatch Adam): every R33 parameter by name: {@code layers}, {@code units},
 * {@code dropout}, {@code learning_rate}, {@code weight_decay} (the learner allows at most 0.1),
 * {@code batch_size}.</li>
 * <li>RANDOM_FOREST / EXTRA_TREES: {@code trees}, {@code max_features} (fraction), {@code min_samples_leaf}.</li>
 * <li>KNN: {@code k}, {@code weights}.</li>
 * </ul>
 */
public final class SearchSpace {

    /**
     * One algorithm's part of the space.
     *
     * @param algorithm the algorithm
     * @param dims      tunable dimensions, in declaration order
     * @param fixed     values passed to every trial (static values, fixed companions), sorted by name
     * @param builtIn   true when the built-in ranges are used
     */
    public record AlgoSpace(Algorithm algorithm, List<Dim> dims, Map<String, String> fixed, boolean builtIn) {
        public AlgoSpace {
            dims = List.copyOf(dims);
            fixed = Collections.unmodifiableMap(new TreeMap<>(fixed));
        }

        /**
         * @param u unit coordinates, one per dimension
         * @return learner overrides: the fixed values plus each dimension's value
         */
        public Map<String, String> overrides(double[] u) {
            Map<String, String> m = new TreeMap<>(fixed);
            for (int d = 0; d < dims.size(); d++) {
                m.put(dims.get(d).name(), dims.get(d).valueOf(u[d]));
            }
            return m;
        }
    }

    private final List<AlgoSpace> algorithms;

    /** @param algorithms the algorithms' spaces, in order */
    public SearchSpace(List<AlgoSpace> algorithms) {
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("a search space needs at least one algorithm");
        }
        this.algorithms = List.copyOf(algorithms);
    }

    /**
     * @param algorithms the algorithms to search, in enum order
     * @param user       user ranges per algorithm
     * @return the space
     */
    public static SearchSpace of(Set<Algorithm> algorithms, Map<Algorithm, ParameterRanges> user) {
        List<AlgoSpace> out = new ArrayList<>();
        for (Algorithm a : Algorithm.values()) {
            if (!algorithms.contains(a)) {
                continue;
            }
            ParameterRanges r = user.get(a);
            if (r == null) {
                out.add(new AlgoSpace(a, builtIn(a), builtInFixed(a), true));
            } else {
                List<Dim> dims = r.ranges().stream().map(Dim::of).toList();
                Map<String, String> fixed = new LinkedHashMap<>(r.staticValues());
                out.add(new AlgoSpace(a, dims, fixed, false));
            }
        }
        return new SearchSpace(out);
    }

    /** @return the algorithms' spaces, in order */
    public List<AlgoSpace> algorithms() {
        return algorithms;
    }

    /** @param i index @return the i-th algorithm space */
    public AlgoSpace get(int i) {
        return algorithms.get(i);
    }

    /** @return the number of algorithms */
    public int size() {
        return algorithms.size();
    }

    /**
     * @param dropNames names to remove (e.g. the Hyperband resource parameter)
     * @return this space without dimensions of those names
     */
    public SearchSpace without(Set<String> dropNames) {
        List<AlgoSpace> out = new ArrayList<>();
        for (AlgoSpace s : algorithms) {
            out.add(new AlgoSpace(s.algorithm(), s.dims().stream().filter(d -> !dropNames.contains(d.name()))
                    .toList(), s.fixed(), s.builtIn()));
        }
        return new SearchSpace(out);
    }

    /**
     * @param a an algorithm
     * @return its built-in ranges (AUTOML-R33) in our learners' names
     */
    public static List<Dim> builtIn(Algorithm a) {
        return switch (a) {
            case XGBOOST -> List.of(
                    Dim.continuous("eta", 0.1, 0.5, LINEAR),
                    Dim.continuous("alpha", 1e-3, 1000, LOGARITHMIC),
                    Dim.continuous("lambda", 1e-3, 1000, LOGARITHMIC),
                    Dim.continuous("gamma", 0, 5, LINEAR),
                    Dim.continuous("min_child_weight", 1e-3, 120, LOGARITHMIC),
                    Dim.integer("max_depth", 1, 10, LINEAR),
                    Dim.integer("max_delta_step", 0, 10, LINEAR),
                    Dim.continuous("subsample", 0.5, 1, LINEAR),
                    Dim.continuous("colsample_bytree", 0.5, 1, LINEAR),
                    Dim.continuous("colsample_bylevel", 0.1, 1, LINEAR),
                    Dim.continuous("colsample_bynode", 0.1, 1, LINEAR),
                    Dim.integer("num_round", 1, 4000, LOGARITHMIC));
            case GBDT -> List.of(
                    Dim.continuous("learning_rate", 0.01, 0.3, LOGARITHMIC),
                    Dim.integer("num_leaves", 8, 256, LOGARITHMIC),
                    Dim.integer("min_data_in_leaf", 1, 100, LOGARITHMIC),
                    Dim.continuous("feature_fraction", 0.5, 1, LINEAR),
                    Dim.continuous("bagging_fraction", 0.5, 1, LINEAR),
                    Dim.continuous("lambda_l2", 1e-3, 100, LOGARITHMIC));
            case LINEAR -> List.of(Dim.continuous("c_grid", 1e-4, 1e4, LOGARITHMIC));
            case MLP -> List.of(
                    Dim.categorical("layers", List.of("1", "2", "3")),
                    Dim.integer("units", 32, 512, LOGARITHMIC),
                    Dim.continuous("dropout", 0, 0.5, LINEAR),
                    Dim.continuous("learning_rate", 1e-4, 1e-1, LOGARITHMIC),
                    Dim.continuous("weight_decay", 1e-6, 1e-2, LOGARITHMIC),
                    Dim.categorical("batch_size", List.of("32", "64", "128", "256")));
            case RANDOM_FOREST, EXTRA_TREES -> List.of(
                    Dim.integer("trees", 100, 500, LINEAR),
                    Dim.continuous("max_features", 0.1, 1, LINEAR),
                    Dim.integer("min_samples_leaf", 1, 20, LOGARITHMIC));
            case KNN -> List.of(
                    Dim.integer("k", 1, 50, LOGARITHMIC),
                    Dim.categorical("weights", List.of("uniform", "distance")));
        };
    }

    /**
     * @param a an algorithm
     * @return fixed companions of its built-in ranges
     */
    public static Map<String, String> builtInFixed(Algorithm a) {
        return a == Algorithm.GBDT ? Map.of("bagging_freq", "1") : Map.of();
    }

    /** @param a an algorithm @return the name of its Hyperband resource parameter, or null (data fraction) */
    public static String resourceParameter(Algorithm a) {
        return switch (a) {
            case XGBOOST -> "num_round";
            case GBDT -> "num_iterations";
            case MLP -> "max_epochs";
            case LINEAR -> "max_iter";
            default -> null;
        };
    }

    /** @param a an algorithm @return true when it reports per-step values (boosting per 10 rounds, MLP per epoch) */
    public static boolean reportsSteps(Algorithm a) {
        return a == Algorithm.XGBOOST || a == Algorithm.GBDT || a == Algorithm.MLP;
    }

    @Override
    public String toString() {
        return algorithms.toString();
    }
}
