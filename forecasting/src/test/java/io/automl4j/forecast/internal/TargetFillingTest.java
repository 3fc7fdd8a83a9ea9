package io.automl4j.forecast.internal;

import io.automl4j.api.InvalidJobSpecException;
import io.automl4j.api.data.Dataset;
import io.automl4j.forecast.FillSpec;
import io.automl4j.forecast.ForecastAlgorithm;
import io.automl4j.forecast.ForecastJob;
import io.automl4j.forecast.ForecastResult;
import io.automl4j.forecast.SeriesForecast;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Target and covariate filling: methods, middle and back ranges, counts, warnings and bad inputs (FCST-R13). */
class TargetFillingTest {
    /**
     * a: 2020-01 = 2, 02 = 4, 03 a row without a value, 04 no row, 05 = 9 (middle gaps at steps 2 and 3);
     * b: seven months of 1, so the dataset ends 2020-07 (a's back range: 06 and 07).
     */
    private static final String DATA = "id,ts,y\n"
            + "a,2020-01-01,2\na,2020-02-01,4\na,2020-03-01,\na,2020-05-01,9\n"
            + "b,2020-01-01,1\nb,2020-02-01,1\nb,2020-03-01,1\nb,2020-04-01,1\nb,2020-05-01,1\nb,2020-06-01,1\n"
            + "b,2020-07-01,1\n";

    private static Dataset csv(String text) {
        return Dataset.readCsv(new StringReader(text), "test");
    }

    private static ForecastJob.Builder job() {
        return ForecastJob.builder().itemId("id").timestamp("ts").target("y").horizon(1);
    }

    private static SeriesLoader.Loaded load(String data, ForecastJob job) {
        return SeriesLoader.load(csv(data), job, null, null);
    }

    @Test
    void middleGapsByEveryMethodFcstR13() {
        FillSpec[] specs = {FillSpec.zero(), FillSpec.value(-1), FillSpec.mean(), FillSpec.median(), FillSpec.min(),
            FillSpec.max()};
        // observations before the gap: 2 and 4 (the row without a value is a gap, not an observation)
        double[][] expected = {{2, 4, 0, 0, 9}, {2, 4, -1, -1, 9}, {2, 4, 3, 3, 9}, {2, 4, 3, 3, 9},
            {2, 4, 2, 2, 9}, {2, 4, 4, 4, 9}};
        for (int k = 0; k < specs.length; k++) {
            SeriesLoader.Loaded l = load(DATA, job().filling("y", specs[k]).build());
            assertThat(l.series().get(0).values()).as(specs[k].toString()).containsExactly(expected[k]);
            assertThat(l.filledSteps()).isEqualTo(2);
            assertThat(l.fills()).containsExactly(new SeriesLoader.FillCount("y", "middle", 1, 2, 2,
                    specs[k].toString()));
        }
        // nan keeps the gaps missing
        SeriesLoader.Loaded nan = load(DATA, job().filling("y", FillSpec.nan()).build());
        assertThat(nan.series().get(0).values()).containsExactly(2, 4, Double.NaN, Double.NaN, 9);
        assertThat(nan.fills()).containsExactly(new SeriesLoader.FillCount("y", "middle", 1, 2, 0, "nan"));
        assertThat(nan.warnings()).contains("2 missing steps inside series kept missing (nan: ETS and ARIMA skip them,"
                + " the other models interpolate them, backtests do not score them); nan can bias forecasts high"
                + " (FCST-R13)");
        // default: zero, with the bias warning; the missing cell counts as a missing target row
        SeriesLoader.Loaded def = load(DATA, job().build());
        assertThat(def.series().get(0).values()).containsExactly(2, 4, 0, 0, 9);
        assertThat(def.missingTargets()).isEqualTo(1);
        assertThat(def.warnings()).contains("2 missing steps inside series filled with zero (FCST-R13 default);"
                + " zero-filling can bias forecasts low");
        // series end at their last row without back filling (FCST-R9)
        assertThat(def.series().get(0).length()).isEqualTo(5);
    }

    @Test
    void backRangeReachesTheDatasetsLastTimestampFcstR13() {
        // back gaps use the observations 2, 4, 9: mean 5, median 4, min 2, max 9
        Object[][] cases = {{FillSpec.mean(), new double[] {2, 4, 3, 3, 9, 5, 5}},
            {FillSpec.median(), new double[] {2, 4, 3, 3, 9, 4, 4}},
            {FillSpec.min(), new double[] {2, 4, 2, 2, 9, 2, 2}},
            {FillSpec.max(), new double[] {2, 4, 4, 4, 9, 9, 9}},
            {FillSpec.value(7), new double[] {2, 4, 7, 7, 9, 7, 7}}};
        for (Object[] c : cases) {
            FillSpec spec = (FillSpec) c[0];
            SeriesLoader.Loaded l = load(DATA, job().filling("y", spec).backFill(true).build());
            assertThat(l.series().get(0).values()).as(spec.toString()).containsExactly((double[]) c[1]);
            assertThat(l.series().get(1).length()).isEqualTo(7);
            assertThat(l.fills()).containsExactly(new SeriesLoader.FillCount("y", "middle", 1, 2, 2, spec.toString()),
                    new SeriesLoader.FillCount("y", "back", 1, 2, 2, spec.toString()));
        }
        SeriesLoader.Loaded zero = load(DATA, job().backFill(true).build());
        assertThat(zero.series().get(0).values()).containsExactly(2, 4, 0, 0, 9, 0, 0);
        assertThat(zero.warnings()).contains("2 steps after the end of 1 series up to the dataset's last timestamp"
                + " (back range) filled with zero (FCST-R13 default); zero-filling can bias forecasts low");
    }

    @Test
    void meanMedianMinMaxUseThe64MostRecentObservationsFcstR13() {
        // 100 observations 1..100, then a month without a row, then 200: the gap sees 37..100
        StringBuilder sb = new StringBuilder("id,ts,y\n");
        for (int i = 0; i < 100; i++) {
            sb.append("c,").append(LocalDate.of(2000, 1, 1).plusMonths(i)).append(',').append(i + 1).append('\n');
        }
        sb.append("c,").append(LocalDate.of(2000, 1, 1).plusMonths(101)).append(",200\n");
        double[] expected = {(37 + 100) / 2.0, (68 + 69) / 2.0, 37, 100};
        FillSpec[] specs = {FillSpec.mean(), FillSpec.median(), FillSpec.min(), FillSpec.max()};
        for (int k = 0; k < specs.length; k++) {
            double[] v = load(sb.toString(), job().filling("y", specs[k]).build()).series().get(0).values();
            assertThat(v).hasSize(102);
            assertThat(v[100]).as(specs[k].toString()).isEqualTo(expected[k]);
        }
    }

    @Test
    void backFilledSeriesAreForecastFromTheDatasetsEndFcstR13() {
        ForecastResult r = job().algorithms(ForecastAlgorithm.NAIVE).backFill(true).build().fit(csv(DATA));
        SeriesForecast a = r.forecasts().get("a").orElseThrow();
        // a's last observation (2020-05) is followed by two zero-filled months: NAIVE forecasts 0 for 2020-08
        assertThat(a.timestamps().get(0)).hasToString("2020-08-01T00:00");
        assertThat(a.mean()).containsExactly(0);
        assertThat(r.dataReport().filling()).extracting(f -> f.range() + ":" + f.filled())
                .containsExactly("middle:2", "back:2");
    }

    @Test
    void covariatesAreFilledInTheBackRangeOrRejectedFcstR13() {
        String data = "id,ts,y,price,promo\n"
                + "a,2020-01-01,1,10,x\na,2020-02-01,1,20,y\na,2020-03-01,1,30,x\n"
                + "b,2020-01-01,1,1,x\nb,2020-02-01,1,1,x\nb,2020-03-01,1,1,x\nb,2020-04-01,1,1,x\n"
                + "b,2020-05-01,1,1,x\n";
        assertThatThrownBy(() -> load(data, job().knownCovariates("price", "promo").backFill(true).build()))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("known covariate 'price' has 2 missing steps in 1 series (2 in the back range)"
                        + " and no filling method");
        SeriesLoader.Loaded l = load(data, job().knownCovariates("price", "promo").filling("price", FillSpec.mean())
                .backFill(true).build());
        assertThat(l.covariates().get(0).knownNumeric()[0]).containsExactly(10, 20, 30, 20, 20);
        assertThat(l.covariates().get(0).knownCategorical()[0]).containsExactly("x", "y", "x", null, null);
        assertThat(l.fills()).contains(new SeriesLoader.FillCount("price", "back", 1, 2, 2, "mean"),
                new SeriesLoader.FillCount("promo", "back", 1, 2, 0, "missing level"));
        assertThat(l.warnings()).contains("known covariate 'price': 2 missing steps (back) in 1 series filled with"
                + " mean (FCST-R13)");
        // without back filling the series end at their last row: nothing to fill
        assertThat(load(data, job().knownCovariates("price", "promo").build()).fills()).isEmpty();
    }

    @Test
    void badFillingsAreClearErrorsFcstR13() {
        assertThatThrownBy(() -> job().filling("nope", FillSpec.zero()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("filling column 'nope' is neither the target 'y' nor a known covariate []");
        assertThatThrownBy(() -> job().knownCovariates("price").filling("price", FillSpec.nan()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("filling of known covariate 'price' with nan");
        assertThatThrownBy(() -> job().staticFeatures("size").filling("size", FillSpec.zero()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("static features must not be missing");
        assertThatThrownBy(() -> FillSpec.value(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fill value NaN must be finite");
        assertThatThrownBy(() -> FillSpec.parse("value:abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'abc' is not a number");
        assertThatThrownBy(() -> FillSpec.parse("ffill")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be one of zero, value:X, nan, mean, median, min, max");
        assertThatThrownBy(() -> job().filling("y", FillSpec.zero()).filling("y", FillSpec.mean()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("filling of 'y' was already set to zero");
        // a categorical covariate's missing values are a level: a filling for it is rejected at fit
        String cat = "id,ts,y,promo\na,2020-01-01,1,x\na,2020-02-01,1,\na,2020-03-01,1,y\n";
        assertThatThrownBy(() -> load(cat, job().knownCovariates("promo").filling("promo", FillSpec.zero()).build()))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("filling zero of known covariate 'promo': the column is categorical");
        // mean of a series without any observation
        String empty = "id,ts,y\nz,2020-01-01,\nz,2020-02-01,\n" + "b,2020-01-01,1\n";
        assertThatThrownBy(() -> load(empty, job().filling("y", FillSpec.mean()).build()))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("target 'y' of series 'z' has no observed value to fill its gaps with mean");
        assertThat(List.of(FillSpec.parse("value:2.5"), FillSpec.parse(" NaN "))).containsExactly(FillSpec.value(2.5),
                FillSpec.nan());
    }
}
