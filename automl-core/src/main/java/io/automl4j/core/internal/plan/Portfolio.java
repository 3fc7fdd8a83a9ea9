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

    /**
     * Configurations trained after the ten of AUTOML-R25 when a job has a time budget and no {@code maxCandidates}
     * (AUTOML-R58 leaves spare budget unused otherwise: on 800-row sets the ten end after 6–12 s of a 60 s budget).
     * Fixed order, most diverse first, in the spirit of AutoGluon's zero-shot portfolios: boosters with other leaf
     * sizes, regularisation and row/feature sampling, networks of other shapes, forests with other feature shares.
     * Each is bagged over the same folds as the ten, so the ensembles of AUTOML-R28 can use them; a count budget
     * never runs them (AUTOML-R59, R60).
     */
    public static final List<Entry> SPARE_TIME = List.of(
            new Entry("GBDT_SMALL", Algorithm.GBDT, Map.of("num_leaves", "15", "min_data_in_leaf", "10",
                    "feature_fraction", "0.7", "lambda_l2", "1")),
            new Entry("XGBOOST_DEEP", Algorithm.XGBOOST, Map.of("eta", "0.05", "max_depth", "8",
                    "min_child_weight", "2", "subsample", "0.8", "colsample_bytree", "0.7")),
            new Entry("MLP_WIDE", Algorithm.MLP, Map.of("layers", "1", "units", "512", "dropout", "0.2",
                    "weight_decay", "0.0001", "learning_rate", "0.003")),
            new Entry("EXTRA_TREES_HALF", Algorithm.EXTRA_TREES, Map.of("max_features", "0.5")),
            new Entry("GBDT_SAMPLED", Algorithm.GBDT, Map.of("learning_rate", "0.03", "num_leaves", "63",
                    "feature_fraction", "0.6", "bagging_fraction", "0.8", "min_data_in_leaf", "20",
                    "lambda_l2", "5")),
            new Entry("XGBOOST_SHALLOW", Algorithm.XGBOOST, Map.of("eta", "0.05", "max_depth", "4",
                    "subsample", "0.9", "colsample_bytree", "0.8", "lambda", "5")),
            new Entry("MLP_SMALL", Algorithm.MLP, Map.of("layers", "2", "units", "64", "dropout", "0",
                    "weight_decay", "0.001", "learning_rate", "0.003", "batch_size", "32")),
            new Entry("RANDOM_FOREST_LEAF5", Algorithm.RANDOM_FOREST, Map.of("min_samples_leaf", "5",
                    "max_features", "0.3")),
            new Entry("GBDT_SLOW", Algorithm.GBDT, Map.of("learning_rate", "0.01", "num_leaves", "31",
                    "feature_fraction", "0.8", "min_data_in_leaf", "20")),
            new Entry("MLP_DEEP", Algorithm.MLP, Map.of("layers", "3", "units", "256", "dropout", "0.2",
                    "weight_decay", "0.00001", "batch_size", "128")),
            new Entry("XGBOOST_SAMPLED", Algorithm.XGBOOST, Map.of("eta", "0.03", "max_depth", "6",
                    "min_child_weight", "5", "subsample", "0.7", "colsample_bylevel", "0.6")),
            new Entry("GBDT_EXTRA_SMALL", Algorithm.GBDT, Map.of("extra_trees", "true", "num_leaves", "15",
                    "learning_rate", "0.03", "feature_fraction", "0.6")),
            new Entry("EXTRA_TREES_ENTROPY", Algorithm.EXTRA_TREES, Map.of("classification_criterion", "entropy",
                    "max_features", "0.7")),
            new Entry("KNN_UNIFORM", Algorithm.KNN, Map.of("k", "25", "weights", "uniform")));

    /**
     * Configurations trained after {@link #SPARE_TIME} and after repeated bagging, when time is still left: slower,
     * more regularised variants of the families that lead on small sets (randomised boosting on concrete and pima,
     * networks on vehicle). They come after the repeats because at 60 s, trained before them, they took the
     * repeats' time and that cost more than they won (concrete RMSE 3.480 → 3.519, airfoil 1.260 → 1.312, vehicle
     * LogLoss 0.352 → 0.364). Bagged on the search's folds, then on as many repeated passes as the others got;
     * one that cannot get as many is left out of the job.
     */
    public static final List<Entry> LATE_SPARE_TIME = List.of(
            new Entry("GBDT_EXTRA_SLOW", Algorithm.GBDT, Map.of("extra_trees", "true", "learning_rate", "0.02",
                    "feature_fraction", "0.8", "min_data_in_leaf", "10")),
            new Entry("MLP_WIDE_DROPOUT", Algorithm.MLP, Map.of("layers", "1", "units", "1024", "dropout", "0.3",
                    "weight_decay", "0.0001", "learning_rate", "0.001")),
            new Entry("XGBOOST_STUMPY", Algorithm.XGBOOST, Map.of("eta", "0.02", "max_depth", "3",
                    "subsample", "0.8", "colsample_bytree", "0.8")),
            new Entry("GBDT_TINY", Algorithm.GBDT, Map.of("num_leaves", "7", "learning_rate", "0.03",
                    "min_data_in_leaf", "5", "feature_fraction", "0.7", "bagging_fraction", "0.8", "lambda_l2",
                    "10")),
            new Entry("MLP_MEDIUM", Algorithm.MLP, Map.of("layers", "2", "units", "512", "dropout", "0.3",
                    "weight_decay", "0.0001", "learning_rate", "0.0005")),
            new Entry("XGBOOST_REGULARISED", Algorithm.XGBOOST, Map.of("eta", "0.03", "max_depth", "5",
                    "lambda", "10", "alpha", "1", "subsample", "0.8", "colsample_bynode", "0.6")),
            new Entry("GBDT_EXTRA_LARGE", Algorithm.GBDT, Map.of("extra_trees", "true", "num_leaves", "63",
                    "learning_rate", "0.03", "feature_fraction", "0.7", "bagging_fraction", "0.8")),
            new Entry("MLP_PATIENT", Algorithm.MLP, Map.of("layers", "2", "units", "128", "dropout", "0.1",
                    "weight_decay", "0.001", "batch_size", "32", "early_stopping_rounds", "25")),
            new Entry("RANDOM_FOREST_DECORRELATED", Algorithm.RANDOM_FOREST, Map.of("max_features", "0.2",
                    "min_samples_leaf", "2", "trees", "500")),
            new Entry("EXTRA_TREES_LEAF3", Algorithm.EXTRA_TREES, Map.of("max_features", "0.8",
                    "min_samples_leaf", "3")));

    private Portfolio() {
    }

    /**
     * @param allowed algorithms the job allows
     * @param first   the index of the first step (the size of the plan they follow)
     * @return the {@link #SPARE_TIME} steps the job allows, indexed after the plan
     */
    public static List<Step> spareTime(Set<Algorithm> allowed, int first) {
        return steps(SPARE_TIME, allowed, first);
    }

    /**
     * @param allowed algorithms the job allows
     * @param first   the index of the first step (after the plan and the spare-time steps)
     * @return the {@link #LATE_SPARE_TIME} steps the job allows
     */
    public static List<Step> lateSpareTime(Set<Algorithm> allowed, int first) {
        return steps(LATE_SPARE_TIME, allowed, first);
    }

    private static List<Step> steps(List<Entry> entries, Set<Algorithm> allowed, int first) {
        List<Step> out = new ArrayList<>();
        for (Entry e : entries) {
            if (allowed.contains(e.algorithm())) {
                out.add(new Step(first + out.size(), e.algorithm(), e.preset(), e.overrides()));
            }
        }
        return out;
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
