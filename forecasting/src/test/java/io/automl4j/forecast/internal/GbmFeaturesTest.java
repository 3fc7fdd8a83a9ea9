package io.automl4j.forecast.internal;

import io.automl4j.forecast.Frequency;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** GLOBAL_GBM feature rows against hand computations (FCST-R10). */
class GbmFeaturesTest {
    private static final LocalDateTime START = LocalDateTime.of(2020, 1, 1, 0, 0);

    @Test
    void quarterlyRowHasLagsRollingMeansCalendarCovariatesAndIdFcstR10() {
        CovariateSchema schema = new CovariateSchema(List.of("price"), List.of("promo"), List.of("size"),
                List.of("region"));
        double[] y = {1, 2, 3, 4, 5, 6, 7};
        SeriesCovariates cov = new SeriesCovariates(new double[][] {{10, 11, 12, 13, 14, 15, 16}},
                new String[][] {{"no", "yes", "no", null, "no", "yes", "no"}}, new double[] {3.5}, new String[] {"north"});
        SeriesCovariates other = new SeriesCovariates(new double[][] {{1, 1}}, new String[][] {{"maybe", "no"}},
                new double[] {1}, new String[] {"south"});
        GbmFeatures f = new GbmFeatures(Frequency.parse("Q"), 4, TimestampFeatures.NONE, schema, List.of("a", "b"),
                List.of(cov, other));
        assertThat(f.lags()).containsExactly(1, 2, 3, 4, 8);
        assertThat(f.windows()).containsExactly(4, 8);
        assertThat(f.names()).containsExactly("lag_1", "lag_2", "lag_3", "lag_4", "lag_8", "rolling_mean_4",
                "rolling_mean_8", "quarter", "known:price", "known:promo", "static:size", "static:region", "item_id");
        // coded columns: promo (9), region (11), item id (12)
        assertThat(f.categoricalIndices()).isEqualTo("9,11,12");

        // history of 6 points: scale = mean |y| = 21 / 6 = 3.5
        double scale = GbmFeatures.scale(y, 6);
        assertThat(scale).isEqualTo(3.5);
        double[] z = new double[6];
        for (int t = 0; t < 6; t++) {
            z[t] = y[t] / scale;
        }
        double[] row = new double[f.width()];
        f.row(z, 5, START, cov, "a", row, 0);
        // step 5 = 2021-04-01 (Q2): lags z[4], z[3], z[2], z[1], none 8 back
        assertThat(row[0]).isCloseTo(5 / 3.5, within(1e-15));
        assertThat(row[1]).isCloseTo(4 / 3.5, within(1e-15));
        assertThat(row[2]).isCloseTo(3 / 3.5, within(1e-15));
        assertThat(row[3]).isCloseTo(2 / 3.5, within(1e-15));
        assertThat(row[4]).isNaN();
        // rolling means of the last 4 (2, 3, 4, 5) and of the last 8 available (1..5), scaled
        assertThat(row[5]).isCloseTo(3.5 / 3.5, within(1e-15));
        assertThat(row[6]).isCloseTo(3.0 / 3.5, within(1e-15));
        assertThat(row[7]).isEqualTo(2.0);
        // covariates at the target step 5: price 15, promo "yes" (code 2 after the missing level 0 and "no" 1)
        assertThat(row[8]).isEqualTo(15.0);
        assertThat(row[9]).isEqualTo(2.0);
        assertThat(row[10]).isEqualTo(3.5);
        assertThat(row[11]).isEqualTo(0.0);
        assertThat(row[12]).isEqualTo(0.0);

        // step 3: missing promo is its own level (0); an unseen id and unseen level are NaN
        f.row(z, 3, START, cov, "new-id", row, 0);
        assertThat(row[9]).isEqualTo(0.0);
        assertThat(row[12]).isNaN();
        assertThat(row[0]).isCloseTo(3 / 3.5, within(1e-15));
        assertThat(row[3]).isNaN();
        assertThat(row[5]).isCloseTo(2 / 3.5, within(1e-15)); // mean of 1, 2, 3 (the 3 available of 4)
        SeriesCovariates unseen = new SeriesCovariates(new double[][] {{0, 0, 0, 0}},
                new String[][] {{"x", "x", "x", "x"}}, new double[] {0}, new String[] {"west"});
        f.row(z, 3, START, unseen, "b", row, 0);
        assertThat(row[9]).isNaN();
        assertThat(row[11]).isNaN();
        assertThat(row[12]).isEqualTo(1.0);
    }

    @Test
    void calendarFeaturesFollowTheFrequencyAndScaleIsSafeFcstR10() {
        GbmFeatures daily = new GbmFeatures(Frequency.parse("D"), 7, TimestampFeatures.NONE, CovariateSchema.NONE,
                List.of("a"), List.of(SeriesCovariates.EMPTY));
        assertThat(daily.names()).containsSubsequence("lag_7", "lag_14", "rolling_mean_7", "rolling_mean_14",
                "day_of_week", "day_of_month", "month", "day_of_year", "item_id");
        double[] z = new double[40];
        double[] row = new double[daily.width()];
        // step 31 from 2020-01-01 is Saturday 2020-02-01
        daily.row(z, 31, START, SeriesCovariates.EMPTY, "a", row, 0);
        int dow = daily.names().indexOf("day_of_week");
        assertThat(row[dow]).isEqualTo(6.0);
        assertThat(row[dow + 1]).isEqualTo(1.0);
        assertThat(row[dow + 2]).isEqualTo(2.0);
        assertThat(row[dow + 3]).isEqualTo(32.0);
        // yearly: lags 1..3, windows 3 and 6, no calendar
        GbmFeatures yearly = new GbmFeatures(Frequency.parse("Y"), 1, TimestampFeatures.NONE, CovariateSchema.NONE,
                List.of("a"), List.of(SeriesCovariates.EMPTY));
        assertThat(yearly.names()).containsExactly("lag_1", "lag_2", "lag_3", "rolling_mean_3", "rolling_mean_6",
                "item_id");
        // scale ignores missing values; all-zero or all-missing histories get scale 1
        assertThat(GbmFeatures.scale(new double[] {-2, Double.NaN, 4}, 3)).isEqualTo(3.0);
        assertThat(GbmFeatures.scale(new double[] {0, 0}, 2)).isEqualTo(1.0);
        assertThat(GbmFeatures.scale(new double[] {Double.NaN}, 1)).isEqualTo(1.0);
    }

    @Test
    void extraTimestampFeaturesPlugInAfterTheCalendarFcstR15Seam() {
        TimestampFeatures firstOfMonth = new TimestampFeatures() {
            @Override
            public List<String> names() {
                return List.of("is_first");
            }

            @Override
            public void write(LocalDateTime bucket, double[] row, int offset) {
                row[offset] = bucket.getDayOfMonth() == 1 ? 1 : 0;
            }
        };
        GbmFeatures f = new GbmFeatures(Frequency.parse("D"), 1, firstOfMonth, CovariateSchema.NONE, List.of("a"),
                List.of(SeriesCovariates.EMPTY));
        int j = f.names().indexOf("is_first");
        assertThat(j).isEqualTo(f.names().indexOf("day_of_year") + 1);
        double[] row = new double[f.width()];
        f.row(new double[40], 31, START, SeriesCovariates.EMPTY, "a", row, 0);
        assertThat(row[j]).isEqualTo(1.0);
        f.row(new double[40], 30, START, SeriesCovariates.EMPTY, "a", row, 0);
        assertThat(row[j]).isEqualTo(0.0);
        assertThat(f.categoricalIndices()).isEqualTo(String.valueOf(f.width() - 1));
    }
}
