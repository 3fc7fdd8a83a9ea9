package io.automl4j.forecast.internal;

import io.automl4j.forecast.Frequency;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GLOBAL_GBM's early stopping and its boosters sharing a time budget (FCST-R10, AUTOML-R58, FCST-R21). */
class GlobalGbmBudgetTest {
    static final double[] LEVELS = {0.1, 0.9};
    static final int H = 6;

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

    static GlobalGbm.Model fit(List<Series> series, GlobalGbm.Budget budget, int maxRounds, int holdout,
                               boolean atLeastOne) {
        return GlobalGbm.fit(series, full(series), covs(series.size()), CovariateSchema.NONE, Frequency.parse("M"),
                12, LEVELS, 9, 1, TimestampFeatures.NONE, budget, maxRounds, holdout, atLeastOne);
    }

    /** @return the number of trees in a LightGBM model text (one per round for these single-output models) */
    static int trees(String modelText) {
        int count = 0;
        for (int i = modelText.indexOf("\nTree="); i >= 0; i = modelText.indexOf("\nTree=", i + 1)) {
            count++;
        }
        return count;
    }

    /** A budget of {@code millis} from its creation. */
    static GlobalGbm.Budget deadline(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        return new GlobalGbm.Budget() {
            @Override
            public boolean stop() {
                return System.nanoTime() > end;
            }

            @Override
            public long remainingNanos() {
                return Math.max(0, end - System.nanoTime());
            }
        };
    }

    @Test
    void earlyStoppingEndsBeforeTheLimitAndEveryModelTrainsTheBestRoundCountFcstR10() {
        List<Series> series = panel();
        GlobalGbm.Model model = fit(series, GlobalGbm.Budget.NONE, GlobalGbm.ROUNDS, H, false);
        System.out.printf("early stopping: best round %d of at most %d%n", model.bestRound(), GlobalGbm.ROUNDS);
        // a seasonal pattern with noise is learnt in a few dozen rounds at learning rate 0.05; more rounds fit noise
        assertThat(model.stoppedEarly()).isTrue();
        assertThat(model.timeLimited()).isFalse();
        assertThat(model.bestRound()).isBetween(1, GlobalGbm.ROUNDS - GlobalGbm.PATIENCE - 1);
        // the models on all rows (mean and both quantiles) trained exactly the best round count
        assertThat(model.rounds()).isEqualTo(model.bestRound());
        assertThat(trees(model.meanModel())).isEqualTo(model.bestRound());
        for (String q : model.quantileModels()) {
            assertThat(trees(q)).isEqualTo(model.bestRound());
        }
        // without a holdout the round count is the requested one (the refit on the full history)
        GlobalGbm.Model refit = fit(series, GlobalGbm.Budget.NONE, model.bestRound(), 0, true);
        assertThat(refit.bestRound()).isZero();
        assertThat(refit.stoppedEarly()).isFalse();
        assertThat(trees(refit.meanModel())).isEqualTo(model.bestRound());
        // and the early-stopped model forecasts the held-out seasonal pattern well: sMAPE on the last H points
        int[] cut = full(series);
        Arrays.setAll(cut, i -> cut[i] - H);
        GlobalGbm.Model fitted = GlobalGbm.fit(series, cut, covs(series.size()), CovariateSchema.NONE,
                Frequency.parse("M"), 12, LEVELS, 9, 1, TimestampFeatures.NONE, GlobalGbm.Budget.NONE,
                GlobalGbm.ROUNDS, H, false);
        Prediction[] p = GlobalGbm.predict(fitted, series, cut, covs(series.size()), H, 1);
        double smape = 0;
        for (int i = 0; i < series.size(); i++) {
            for (int k = 0; k < H; k++) {
                double y = series.get(i).values()[cut[i] + k];
                double f = p[i].mean()[k];
                smape += 200 * Math.abs(y - f) / (Math.abs(y) + Math.abs(f)) / H / series.size();
            }
        }
        System.out.printf("early-stopped GLOBAL_GBM on the seasonal panel: sMAPE %.2f, %d rounds%n", smape,
                fitted.rounds());
        assertThat(smape).isLessThan(8.0); // 5% noise: ~4% is the floor; seasonal naive ~ 5.6
        assertThat(fitted.rounds()).isLessThan(GlobalGbm.ROUNDS);
    }

    @Test
    void earlyStoppingIsDeterministicFcstR21() {
        List<Series> series = panel();
        GlobalGbm.Model a = fit(series, GlobalGbm.Budget.NONE, GlobalGbm.ROUNDS, H, false);
        GlobalGbm.Model b = fit(series, GlobalGbm.Budget.NONE, GlobalGbm.ROUNDS, H, false);
        assertThat(b.bestRound()).isEqualTo(a.bestRound());
        assertThat(b.meanModel()).isEqualTo(a.meanModel());
        assertThat(b.quantileModels()).containsExactly(a.quantileModels());
    }

    @Test
    void underADeadlineTheBoostersShareTheTimeAndEndWithEqualRoundCountsAutomlR58() {
        List<Series> series = panel();
        // no early stopping and far more rounds than 400 ms allow: the deadline ends training
        long t0 = System.nanoTime();
        GlobalGbm.Model model = fit(series, deadline(400), 100_000, 0, false);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("400 ms budget: %d rounds per booster in %.2f s%n", model.rounds(), seconds);
        assertThat(model.timeLimited()).isTrue();
        assertThat(model.rounds()).isBetween(1, GlobalGbm.ROUNDS - 1);
        // every booster trained as many rounds (round-robin), and the fit ended close to its deadline
        assertThat(trees(model.meanModel())).isEqualTo(model.rounds());
        for (String q : model.quantileModels()) {
            assertThat(trees(q)).isEqualTo(model.rounds());
        }
        assertThat(seconds).isLessThan(0.4 + 2.0);
        // with early stopping the held-out run gets only its share: the final boosters still train rounds
        GlobalGbm.Model shared = fit(series, deadline(400), GlobalGbm.ROUNDS, H, false);
        assertThat(shared.rounds()).isPositive();
        assertThat(trees(shared.meanModel())).isEqualTo(shared.rounds());
        assertThat(trees(shared.quantileModels()[1])).isEqualTo(shared.rounds());
    }

    @Test
    void aBudgetWithoutRoomForOneRoundOfEachDropsTheModelUnlessOneRoundIsRequiredAutomlR58() {
        List<Series> series = panel();
        GlobalGbm.Budget spent = deadline(-1);
        assertThatThrownBy(() -> fit(series, spent, GlobalGbm.ROUNDS, H, false))
                .isInstanceOf(GlobalGbm.BudgetTooShortException.class)
                .hasMessage("not even one round of each of its 3 boosters fits in the time left");
        // the final refit (atLeastOne) trains one round of every booster even then
        GlobalGbm.Model one = fit(series, spent, 300, 0, true);
        assertThat(one.rounds()).isEqualTo(1);
        assertThat(one.timeLimited()).isTrue();
        assertThat(trees(one.meanModel())).isEqualTo(1);
        assertThat(trees(one.quantileModels()[0])).isEqualTo(1);
    }
}
