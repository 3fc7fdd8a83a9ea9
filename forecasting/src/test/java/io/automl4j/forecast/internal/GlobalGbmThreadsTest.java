package io.automl4j.forecast.internal;

import io.automl4j.forecast.Frequency;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** GLOBAL_GBM's trees do not depend on LightGBM's native thread count (FCST-R10, R21). */
class GlobalGbmThreadsTest {
    @Test
    void oneAndTwoNativeThreadsTrainIdenticalModelsFcstR21() {
        Random rnd = new Random(4);
        List<Series> series = new ArrayList<>();
        List<SeriesCovariates> covs = new ArrayList<>();
        for (int s = 0; s < 12; s++) {
            double[] y = new double[60];
            for (int t = 0; t < y.length; t++) {
                y[t] = (5 + s) * (1 + 0.3 * Math.sin(2 * Math.PI * t / 12)) + rnd.nextGaussian();
            }
            series.add(new Series("s" + s, LocalDateTime.of(2015, 1, 1, 0, 0), y));
            covs.add(SeriesCovariates.EMPTY);
        }
        int[] length = new int[series.size()];
        Arrays.fill(length, 52);
        double[] levels = {0.1, 0.9};
        GlobalGbm.Model one = GlobalGbm.fit(series, length, covs, CovariateSchema.NONE, Frequency.parse("M"), 12,
                levels, 9, 1, TimestampFeatures.NONE, GlobalGbm.Budget.NONE, 20, true, 1);
        GlobalGbm.Model two = GlobalGbm.fit(series, length, covs, CovariateSchema.NONE, Frequency.parse("M"), 12,
                levels, 9, 2, TimestampFeatures.NONE, GlobalGbm.Budget.NONE, 20, true, 2);
        assertThat(one.rounds()).isEqualTo(20);
        // the model text records the parameters (num_threads differs); the trees must be identical
        assertThat(trees(two.meanModel())).isEqualTo(trees(one.meanModel()));
        for (int q = 0; q < levels.length; q++) {
            assertThat(trees(two.quantileModels()[q])).isEqualTo(trees(one.quantileModels()[q]));
        }
        Prediction[] p1 = GlobalGbm.predict(one, series, length, covs, 8, 1);
        Prediction[] p2 = GlobalGbm.predict(two, series, length, covs, 8, 2);
        for (int i = 0; i < series.size(); i++) {
            assertThat(p2[i].mean()).containsExactly(p1[i].mean());
            assertThat(p2[i].quantiles()[1]).containsExactly(p1[i].quantiles()[1]);
        }
        // a different seed or fewer rounds give a different model: the comparison can fail
        GlobalGbm.Model fewer = GlobalGbm.fit(series, length, covs, CovariateSchema.NONE, Frequency.parse("M"), 12,
                levels, 9, 1, TimestampFeatures.NONE, GlobalGbm.Budget.NONE, 10, true, 1);
        assertThat(trees(fewer.meanModel())).isNotEqualTo(trees(one.meanModel()));
    }

    private static String trees(String modelText) {
        int start = modelText.indexOf("Tree=0");
        int end = modelText.indexOf("end of trees");
        assertThat(start).isPositive();
        return modelText.substring(start, end);
    }
}
