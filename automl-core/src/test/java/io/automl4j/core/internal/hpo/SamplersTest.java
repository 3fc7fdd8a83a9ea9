package io.automl4j.core.internal.hpo;

import io.automl4j.api.Algorithm;
import io.automl4j.api.hpo.ParameterRanges;
import io.automl4j.api.hpo.ScalingType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AUTOML-R31 samplers: GRID order, RANDOM reproducibility, TPE vs RANDOM on a synthetic function. */
class SamplersTest {

    private static SearchSpace gridSpace() {
        Map<Algorithm, ParameterRanges> r = new TreeMap<>();
        r.put(Algorithm.KNN, ParameterRanges.builder().categorical("k", "1", "5")
                .categorical("weights", "uniform", "distance").build());
        r.put(Algorithm.LINEAR, ParameterRanges.builder().categorical("c_grid", "0.1", "1", "10").build());
        return SearchSpace.of(EnumSet.of(Algorithm.LINEAR, Algorithm.KNN), r);
    }

    @Test
    void grid_enumeratesInDeclarationOrder_lastFastest_R31() {
        SearchSpace space = gridSpace();
        List<String> got = new ArrayList<>();
        for (Config c : GridSampler.enumerate(space)) {
            SearchSpace.AlgoSpace as = space.get(c.algorithm());
            got.add(as.algorithm() + as.overrides(c.u()).toString());
        }
        // algorithms in enum order (LINEAR before KNN), then the last parameter varies fastest
        assertThat(got).containsExactly(
                "LINEAR{c_grid=0.1}", "LINEAR{c_grid=1}", "LINEAR{c_grid=10}",
                "KNN{k=1, weights=uniform}", "KNN{k=1, weights=distance}",
                "KNN{k=5, weights=uniform}", "KNN{k=5, weights=distance}");
    }

    @Test
    void grid_rejectsNumericDimensions() {
        SearchSpace s = SearchSpace.of(EnumSet.of(Algorithm.KNN), Map.of());
        assertThatThrownBy(() -> GridSampler.enumerate(s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("categorical");
    }

    @Test
    void random_dependsOnlyOnSeedAndTrialIndex_R31() {
        SearchSpace space = SearchSpace.of(EnumSet.of(Algorithm.XGBOOST, Algorithm.GBDT, Algorithm.MLP), Map.of());
        Config a5 = RandomSampler.sample(space, 7, 5);
        for (int t = 0; t < 5; t++) {
            RandomSampler.sample(space, 7, t); // drawing other trials first changes nothing
        }
        assertThat(RandomSampler.sample(space, 7, 5)).isEqualTo(a5);
        assertThat(RandomSampler.sample(space, 7, 6)).isNotEqualTo(a5);
        assertThat(RandomSampler.sample(space, 8, 5)).isNotEqualTo(a5);
        // every algorithm is drawn, and every coordinate is in [0, 1)
        EnumSet<Algorithm> seen = EnumSet.noneOf(Algorithm.class);
        for (int t = 0; t < 60; t++) {
            Config c = RandomSampler.sample(space, 7, t);
            seen.add(space.get(c.algorithm()).algorithm());
            assertThat(java.util.Arrays.stream(c.u()).allMatch(u -> u >= 0 && u < 1)).isTrue();
            assertThat(c.u()).hasSize(space.get(c.algorithm()).dims().size());
        }
        assertThat(seen).hasSize(3);
    }

    @Test
    void builtInRanges_R33_mapToLearnerNames() {
        SearchSpace s = SearchSpace.of(EnumSet.allOf(Algorithm.class), Map.of());
        SearchSpace.AlgoSpace xgb = s.algorithms().stream().filter(a -> a.algorithm() == Algorithm.GBDT)
                .findFirst().orElseThrow();
        assertThat(xgb.overrides(new double[6])).containsEntry("learning_rate", "0.01")
                .containsEntry("num_leaves", "8").containsEntry("bagging_freq", "1");
        assertThat(s.algorithms()).hasSize(7);
    }

    @Test
    void builtInRanges_R33_areAcceptedByEveryRealLearner_atBothEndsAndMiddle() {
        SearchSpace s = SearchSpace.of(EnumSet.allOf(Algorithm.class), Map.of());
        for (SearchSpace.AlgoSpace as : s.algorithms()) {
            for (double u : new double[] {0, 0.5, 1}) {
                double[] coords = new double[as.dims().size()];
                java.util.Arrays.fill(coords, u);
                Map<String, String> o = as.overrides(coords);
                Map<String, String> resolved = io.automl4j.core.internal.learn.Learners.INSTANCE
                        .create(as.algorithm(), o).hyperparameters();
                o.forEach((k, v) -> {
                    String got = resolved.get(k);
                    assertThat(got).as(as.algorithm() + " " + k + " u=" + u).isNotNull();
                    // numbers compare as numbers (max_delta_step is sampled as an integer, kept as a double)
                    if (v.matches("-?[0-9.Ee+-]+") && !v.contains(",")) {
                        assertThat(Double.parseDouble(got)).isEqualTo(Double.parseDouble(v));
                    } else {
                        assertThat(got).isEqualTo(v);
                    }
                });
            }
        }
        // resource parameters exist where Hyperband sets them
        for (Algorithm a : EnumSet.of(Algorithm.XGBOOST, Algorithm.GBDT, Algorithm.MLP, Algorithm.LINEAR)) {
            assertThat(io.automl4j.core.internal.learn.Learners.INSTANCE.create(a,
                    HpoSearch.resourceOverrides(a, 0, 3, -1, -1)).hyperparameters())
                    .containsKey(SearchSpace.resourceParameter(a));
        }
    }

    /** Both dims on [0, 1] linear; minimum 0 at (0.7, 0.2). */
    private static double f(SearchSpace space, Config c) {
        double x = Double.parseDouble(space.get(0).dims().get(0).valueOf(c.at(0)));
        double y = Double.parseDouble(space.get(0).dims().get(1).valueOf(c.at(1)));
        return (x - 0.7) * (x - 0.7) + (y - 0.2) * (y - 0.2);
    }

    /** The engine's BAYESIAN schedule with either surrogate: 10 seeded random trials, then batches of 4. */
    private static double bestOf(SearchSpace space, long seed, int trials, boolean gp) {
        List<Observation> obs = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        Config[] batch = new Config[4];
        for (int t = 0; t < trials; t++) {
            if (t % 4 == 0) {
                List<Observation> snapshot = List.copyOf(obs);
                for (int j = 0; j < 4; j++) {
                    batch[j] = t + j < 10 ? RandomSampler.sample(space, seed, t + j)
                            : gp ? GpEiSampler.propose(space, snapshot, seed, t + j)
                            : TpeSampler.propose(space, snapshot, seed, t + j);
                }
            }
            double v = f(space, batch[t % 4]);
            obs.add(new Observation(t, batch[t % 4], v));
            best = Math.min(best, v);
        }
        return best;
    }

    @Test
    void gpEi_beatsRandom_onSynthetic2d_overFixedTrials_R31() {
        Map<Algorithm, ParameterRanges> r = Map.of(Algorithm.KNN, ParameterRanges.builder()
                .continuous("x", 0, 1, ScalingType.LINEAR).continuous("y", 0, 1, ScalingType.LINEAR).build());
        SearchSpace space = SearchSpace.of(EnumSet.of(Algorithm.KNN), r);
        double gpSum = 0;
        double randomSum = 0;
        for (long seed = 1; seed <= 10; seed++) {
            gpSum += bestOf(space, seed, 40, true);
            double randomBest = Double.POSITIVE_INFINITY;
            for (int t = 0; t < 40; t++) {
                randomBest = Math.min(randomBest, f(space, RandomSampler.sample(space, seed, t)));
            }
            randomSum += randomBest;
        }
        assertThat(gpSum).isLessThan(0.5 * randomSum);
        // deterministic per (seed, trial, observations)
        assertThat(bestOf(space, 3, 20, true)).isEqualTo(bestOf(space, 3, 20, true));
    }

    @Test
    void tpe_beatsRandom_onSynthetic2d_overFixedTrials_R31() {
        Map<Algorithm, ParameterRanges> r = Map.of(Algorithm.KNN, ParameterRanges.builder()
                .continuous("x", 0, 1, ScalingType.LINEAR).continuous("y", 0, 1, ScalingType.LINEAR).build());
        SearchSpace space = SearchSpace.of(EnumSet.of(Algorithm.KNN), r);
        int trials = 40;
        double tpeSum = 0;
        double randomSum = 0;
        int tpeWins = 0;
        for (long seed = 1; seed <= 10; seed++) {
            // the engine's BAYESIAN schedule: 10 seeded random trials, then batches of 4 from completed trials
            List<Observation> obs = new ArrayList<>();
            double tpeBest = Double.POSITIVE_INFINITY;
            Config[] batch = new Config[4];
            for (int t = 0; t < trials; t++) {
                if (t % 4 == 0) {
                    List<Observation> snapshot = List.copyOf(obs);
                    for (int j = 0; j < 4; j++) {
                        batch[j] = t + j < 10 ? RandomSampler.sample(space, seed, t + j)
                                : TpeSampler.propose(space, snapshot, seed, t + j);
                    }
                }
                double v = f(space, batch[t % 4]);
                obs.add(new Observation(t, batch[t % 4], v));
                tpeBest = Math.min(tpeBest, v);
            }
            double randomBest = Double.POSITIVE_INFINITY;
            for (int t = 0; t < trials; t++) {
                randomBest = Math.min(randomBest, f(space, RandomSampler.sample(space, seed, t)));
            }
            tpeSum += tpeBest;
            randomSum += randomBest;
            tpeWins += tpeBest < randomBest ? 1 : 0;
        }
        assertThat(tpeSum / 10).isLessThan(0.5 * randomSum / 10);
        assertThat(tpeWins).isGreaterThanOrEqualTo(7);
    }

    @Test
    void tpe_isDeterministic_andPrefersTheAlgorithmOfGoodTrials() {
        SearchSpace space = SearchSpace.of(EnumSet.of(Algorithm.LINEAR, Algorithm.KNN), Map.of());
        List<Observation> obs = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            Config c = RandomSampler.sample(space, 3, t);
            // KNN trials are always better
            obs.add(new Observation(t, c, space.get(c.algorithm()).algorithm() == Algorithm.KNN ? 0.1 : 1.0));
        }
        int knn = 0;
        for (int t = 20; t < 60; t++) {
            Config c = TpeSampler.propose(space, obs, 3, t);
            assertThat(TpeSampler.propose(space, obs, 3, t)).isEqualTo(c);
            knn += space.get(c.algorithm()).algorithm() == Algorithm.KNN ? 1 : 0;
        }
        assertThat(knn).isGreaterThanOrEqualTo(36);
    }
}
