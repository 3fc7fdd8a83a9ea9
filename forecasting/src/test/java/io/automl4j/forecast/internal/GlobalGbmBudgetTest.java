package io.automl4j.forecast.internal;

import io.automl4j.forecast.Frequency;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GLOBAL_GBM's boosters sharing a time budget round-robin (FCST-R10, AUTOML-R58, FCST-R21). */
class GlobalGbmBudgetTest {
    static final double[] LEVELS = {0.1, 0.9};

    /** 30 monthly series, 60 points: level × (1 + 0.3 sin(2πt/12)) plus 5% noise (seeded), a simple signal. */
    static List<Series> panel() {
        Random rnd = new Random(21);
        List<Series> series = new ArrayList<>();
        for (int s = 0; s < 30; s++) {
            double level = 20 + 3 * s;
            double[] y = new double[60];
            for (int t = 0; t < y.length; t++) {
                y[t] = level * (1 + 0.3 * Math.sin(2 * Math.PI * t / 12)) * (1 + 0.05 * rnd.nextGaussian());
            }
            series.add(new Series("s" + s, LocalDateTime.of(2015, 1, 1, 0, 0), y));
        }
        return series;
    }

    static List<SeriesCovariates> covs(int n) {
        List<SeriesCovariates> covs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            covs.add(SeriesCovariates.EMPTY);
        }
        return covs;
    }

    static int[] full(List<Series> series) {
        return series.stream().mapToInt(Series::length).toArray();
    }

    static GlobalGbm.Model fit(List<Series> series, double[] levels, GlobalGbm.Budget budget, int maxRounds,
                               boolean atLeastOne) {
        return GlobalGbm.fit(series, full(series), covs(series.size()), CovariateSchema.NONE, Frequency.parse("M"),
                12, levels, 9, 1, TimestampFeatures.NONE, budget, maxRounds, atLeastOne);
    }

    /** @return the number of trees in a LightGBM model text (one per round for these single-output models) */
    static int trees(String modelText) {
        int count = 0;
        for (int i = modelText.indexOf("\nTree="); i >= 0; i = modelText.indexOf("\nTree=", i + 1)) {
            count++;
        }
        return count;
    }

    private static String treeText(String modelText) {
        return modelText.substring(modelText.indexOf("Tree=0"), modelText.indexOf("end of trees"));
    }

    /** A budget of {@code millis} from its creation. */
    static GlobalGbm.Budget deadline(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        return () -> System.nanoTime() > end;
    }

    @Test
    void roundRobinTrainingGivesEachBoosterTheTreesItWouldHaveAloneFcstR10R21() {
        // the boosters share one dataset but train independently: interleaving their rounds changes no tree, so
        // count-budget models are those of the former one-booster-after-the-other training
        List<Series> series = panel();
        GlobalGbm.Model both = fit(series, LEVELS, GlobalGbm.Budget.NONE, 40, false);
        GlobalGbm.Model one = fit(series, new double[] {0.1}, GlobalGbm.Budget.NONE, 40, false);
        assertThat(both.rounds()).isEqualTo(40);
        assertThat(both.timeLimited()).isFalse();
        assertThat(trees(both.meanModel())).isEqualTo(40);
        assertThat(treeText(both.meanModel())).isEqualTo(treeText(one.meanModel()));
        assertThat(treeText(both.quantileModels()[0])).isEqualTo(treeText(one.quantileModels()[0]));
        // the comparison can fail: the other quantile's trees differ
        assertThat(treeText(both.quantileModels()[1])).isNotEqualTo(treeText(one.quantileModels()[0]));
    }

    @Test
    void underADeadlineTheBoostersShareTheTimeAndEndWithEqualRoundCountsAutomlR58() {
        List<Series> series = panel();
        // 300 rounds of 3 boosters take seconds here (each round of each booster ~ 1 ms or more): 400 ms end them
        long t0 = System.nanoTime();
        GlobalGbm.Model model = fit(series, LEVELS, deadline(400), GlobalGbm.ROUNDS, false);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(model.timeLimited()).isTrue();
        assertThat(model.rounds()).isBetween(1, GlobalGbm.ROUNDS - 1);
        // every booster trained as many rounds (round-robin), and the fit ended close to its deadline
        assertThat(trees(model.meanModel())).isEqualTo(model.rounds());
        for (String q : model.quantileModels()) {
            assertThat(trees(q)).isEqualTo(model.rounds());
        }
        assertThat(seconds).isLessThan(0.4 + 2.0);
    }

    @Test
    void aBudgetWithoutRoomForOneRoundOfEachDropsTheModelUnlessOneRoundIsRequiredAutomlR58() {
        List<Series> series = panel();
        GlobalGbm.Budget spent = deadline(-1);
        assertThatThrownBy(() -> fit(series, LEVELS, spent, GlobalGbm.ROUNDS, false))
                .isInstanceOf(GlobalGbm.BudgetTooShortException.class)
                .hasMessage("not even one round of each of its 3 boosters fits in the time left");
        // the final refit (atLeastOne) trains one round of every booster even then
        GlobalGbm.Model one = fit(series, LEVELS, spent, GlobalGbm.ROUNDS, true);
        assertThat(one.rounds()).isEqualTo(1);
        assertThat(one.timeLimited()).isTrue();
        assertThat(trees(one.meanModel())).isEqualTo(1);
        assertThat(trees(one.quantileModels()[0])).isEqualTo(1);
    }
}
