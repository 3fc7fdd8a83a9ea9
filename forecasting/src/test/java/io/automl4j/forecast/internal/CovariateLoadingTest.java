package io.automl4j.forecast.internal;

import io.automl4j.api.InvalidJobSpecException;
import io.automl4j.api.data.Dataset;
import io.automl4j.forecast.FillSpec;
import io.automl4j.forecast.ForecastJob;
import io.automl4j.forecast.Frequency;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Loading of known covariates and static features: typing, bucketing, filling, future values (FCST-R2, R13, R14). */
class CovariateLoadingTest {
    private static Dataset csv(String text) {
        return Dataset.readCsv(new StringReader(text), "test");
    }

    private static ForecastJob.Builder job() {
        return ForecastJob.builder().itemId("id").timestamp("ts").target("y").horizon(2);
    }

    @Test
    void bucketingAveragesNumericAndTakesFirstCategoricalFcstR2() {
        // daily rows aggregated to weeks anchored on Monday 2024-01-01
        String data = "id,ts,y,price,promo,size\n"
                + "a,2024-01-01,1,10,no,5\n"
                + "a,2024-01-03,2,20,yes,5\n"
                + "a,2024-01-02,3,,,5\n"
                + "a,2024-01-08,4,7,,5\n"
                + "a,2024-01-09,5,,yes,5\n";
        SeriesLoader.Loaded l = SeriesLoader.load(csv(data), job().knownCovariates("price", "promo")
                .staticFeatures("size").build(), Frequency.parse("W"), null);
        assertThat(l.schema()).isEqualTo(new CovariateSchema(List.of("price"), List.of("promo"), List.of("size"),
                List.of()));
        assertThat(l.series().get(0).values()).containsExactly(6.0, 9.0);
        SeriesCovariates c = l.covariates().get(0);
        // AVG of the non-missing values: (10 + 20) / 2, then 7
        assertThat(c.knownNumeric()[0]).containsExactly(15.0, 7.0);
        // FIRST non-missing in time order: 01-01 "no"; week 2: 01-08 missing, 01-09 "yes"
        assertThat(c.knownCategorical()[0]).containsExactly("no", "yes");
        assertThat(c.staticNumeric()).containsExactly(5.0);
    }

    @Test
    void numericGapsAreFilledByTheConfiguredMethodFromRecentObservationsFcstR13() {
        // monthly: 2020-03 has no row; 2020-05 has a row without price
        String data = "id,ts,y,price\n"
                + "a,2020-01-01,1,4\na,2020-02-01,1,8\na,2020-04-01,1,6\na,2020-05-01,1,\na,2020-06-01,1,1\n"
                + "b,2020-01-01,1,3\nb,2020-02-01,1,3\n";
        ForecastJob.Builder b = job().knownCovariates("price");
        assertThatThrownBy(() -> SeriesLoader.load(csv(data), b.build(), null, null))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("known covariate 'price' has 2 missing steps in 1 series and no filling method");
        double[][] expected = {
            {4, 8, 6, 6, 6, 1}, // mean of (4, 8) = 6 at March; mean of (4, 8, 6) = 6 at May (observations only)
            {4, 8, 6, 6, 6, 1}, // median of (4, 8) = 6; median of (4, 6, 8) = 6
            {4, 8, 4, 6, 4, 1}, // min
            {4, 8, 8, 6, 8, 1}, // max
            {4, 8, 0, 6, 0, 1}, // zero
            {4, 8, -1, 6, -1, 1}}; // value
        FillSpec[] specs = {FillSpec.mean(), FillSpec.median(), FillSpec.min(), FillSpec.max(), FillSpec.zero(),
            FillSpec.value(-1)};
        for (int k = 0; k < specs.length; k++) {
            SeriesLoader.Loaded l = SeriesLoader.load(csv(data), job().knownCovariates("price")
                    .filling("price", specs[k]).build(), null, null);
            assertThat(l.covariates().get(0).knownNumeric()[0]).as(specs[k].toString()).containsExactly(expected[k]);
            assertThat(l.warnings()).contains("known covariate 'price': 2 missing steps (middle) in 1 series filled"
                    + " with " + specs[k] + " (FCST-R13)");
        }
    }

    @Test
    void futureValuesComeFromTheFutureTableOrTheFillingFcstR14() {
        String data = "id,ts,y,price,promo\n"
                + "a,2020-01-01,1,2,x\na,2020-02-01,1,4,x\na,2020-03-01,1,9,y\n"
                + "b,2020-01-01,1,1,x\nb,2020-02-01,1,1,x\n";
        ForecastJob j = job().knownCovariates("price", "promo").build();
        SeriesLoader.Loaded l = SeriesLoader.load(csv(data), j, null, null);
        String future = "id,ts,price,promo\n"
                + "a,2020-04-01,5,y\na,2020-05-01,6,\nb,2020-03-01,7,z\nb,2020-04-01,8,x\nc,2020-04-01,1,x\n";
        List<SeriesCovariates> full = SeriesLoader.withFuture(csv(future), j, l, 2, null);
        assertThat(full.get(0).knownNumeric()[0]).containsExactly(2, 4, 9, 5, 6);
        assertThat(full.get(0).knownCategorical()[0]).containsExactly("x", "x", "y", "y", null);
        assertThat(full.get(1).knownNumeric()[0]).containsExactly(1, 1, 7, 8);
        // b's second future step missing: an error naming the series and the column
        String partial = "id,ts,price,promo\na,2020-04-01,5,y\na,2020-05-01,6,y\nb,2020-03-01,7,z\n";
        assertThatThrownBy(() -> SeriesLoader.withFuture(csv(partial), j, l, 2, null))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("known covariate 'price' has no future value for series 'b' at 2020-04-01T00:00")
                .hasMessageContaining("step 2 of 2");
        // with a filling method the numeric column is filled from the history (max of 1, 1), the categorical not
        ForecastJob filled = job().knownCovariates("price", "promo").filling("price", FillSpec.max()).build();
        assertThatThrownBy(() -> SeriesLoader.withFuture(csv(partial), filled, l, 2, null))
                .hasMessageContaining("known covariate 'promo' has no future value for series 'b'");
        ForecastJob numericOnly = job().knownCovariates("price").filling("price", FillSpec.max()).build();
        SeriesLoader.Loaded l2 = SeriesLoader.load(csv(data), numericOnly, null, null);
        assertThat(SeriesLoader.withFuture(null, numericOnly, l2, 2, null).get(1).knownNumeric()[0])
                .containsExactly(1, 1, 1, 1);
        assertThat(SeriesLoader.withFuture(null, numericOnly, l2, 2, null).get(0).knownNumeric()[0])
                .containsExactly(2, 4, 9, 9, 9);
    }
}
