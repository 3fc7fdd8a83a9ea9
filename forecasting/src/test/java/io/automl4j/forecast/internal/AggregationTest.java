package io.automl4j.forecast.internal;

import io.automl4j.api.InvalidJobSpecException;
import io.automl4j.api.data.Dataset;
import io.automl4j.forecast.Aggregation;
import io.automl4j.forecast.ForecastJob;
import io.automl4j.forecast.Frequency;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Aggregation of rows sharing a bucket (FCST-R2, R4): methods, defaults, duplicates and bad inputs. */
class AggregationTest {
    private static Dataset csv(String text) {
        return Dataset.readCsv(new StringReader(text), "test");
    }

    private static ForecastJob.Builder job() {
        return ForecastJob.builder().itemId("id").timestamp("ts").target("y").horizon(1);
    }

    private static Path chicago() throws URISyntaxException {
        return Path.of(AggregationTest.class.getResource("/fcst/chicago_ridership.csv").toURI());
    }

    private static ForecastJob.Builder chicagoJob() {
        return ForecastJob.builder().itemId("item_id").timestamp("timestamp").target("target").horizon(4)
                .frequency("1W");
    }

    @Test
    void dailyRidershipSummedToWeeksMatchesHandSumsFcstR2() throws Exception {
        // Chicago Clark/Lake daily entries (thousands), 2001-01-22 (a Monday) to 2016-08-28
        SeriesLoader.Loaded l = SeriesLoader.load(Dataset.readCsv(chicago()), chicagoJob().build(), null, null);
        double[] w = l.series().get(0).values();
        assertThat(l.series().get(0).start()).hasToString("2001-01-22T00:00");
        assertThat(w).hasSize(814);
        // hand sums of the first week, the Christmas week 2002-12-23 and the last week (python over the CSV)
        assertThat(w[0]).isCloseTo(82.555, within(1e-9));
        assertThat(w[100]).isCloseTo(43.432, within(1e-9));
        assertThat(w[813]).isCloseTo(116.837, within(1e-9));
        // every week: the sum of its seven raw rows, read here without the loader
        double[] sums = new double[814];
        List<String> lines = Files.readAllLines(chicago());
        LocalDate start = LocalDate.of(2001, 1, 22);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            sums[(int) (ChronoUnit.DAYS.between(start, LocalDate.parse(f[1])) / 7)] += Double.parseDouble(f[2]);
        }
        for (int k = 0; k < w.length; k++) {
            assertThat(w[k]).as("week %d", k).isCloseTo(sums[k], within(1e-9));
        }
        assertThat(l.fills()).isEmpty();
    }

    @Test
    void otherMethodsOnTheSameWeeksFcstR2() throws Exception {
        Dataset data = Dataset.readCsv(chicago());
        // first week 2001-01-22..28: Monday 15.732 (first row), max 15.874, min 1.467 (Sunday)
        Object[][] cases = {{Aggregation.AVG, 82.555 / 7}, {Aggregation.FIRST, 15.732}, {Aggregation.MAX, 15.874},
            {Aggregation.MIN, 1.467}};
        for (Object[] c : cases) {
            double[] w = SeriesLoader.load(data, chicagoJob().aggregation("target", (Aggregation) c[0]).build(),
                    null, null).series().get(0).values();
            assertThat(w[0]).as(c[0].toString()).isCloseTo((double) c[1], within(1e-9));
        }
    }

    @Test
    void exactDuplicatesAreAnErrorUnlessTheTargetAggregationIsSetFcstR4() {
        String data = "id,ts,y\na,2020-01-01,1\na,2020-01-01,2\na,2020-01-01,\na,2020-02-01,5\na,2020-03-01,6\n"
                + "a,2020-04-01,7\n";
        assertThatThrownBy(() -> SeriesLoader.load(csv(data), job().build(), null, null))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("duplicate rows for series 'a' at timestamp 2020-01-01T00:00 (rows 1 and 2)")
                .hasMessageContaining("configure aggregation(\"y\", ...)");
        Object[][] cases = {{Aggregation.SUM, 3.0}, {Aggregation.AVG, 1.5}, {Aggregation.FIRST, 1.0},
            {Aggregation.MIN, 1.0}, {Aggregation.MAX, 2.0}};
        for (Object[] c : cases) {
            SeriesLoader.Loaded l = SeriesLoader.load(csv(data), job().aggregation("y", (Aggregation) c[0]).build(),
                    null, null);
            // the frequency is still inferred from the gaps between distinct timestamps; the missing value is ignored
            assertThat(l.frequency()).isEqualTo(Frequency.parse("1M"));
            assertThat(l.series().get(0).values()).as(c[0].toString()).containsExactly((double) c[1], 5, 6, 7);
        }
    }

    @Test
    void covariatesUseTheirAggregationFcstR2() {
        String data = "id,ts,y,price,promo\n"
                + "a,2024-01-01,1,10,no\na,2024-01-03,2,20,yes\na,2024-01-02,3,,\na,2024-01-08,4,7,\n"
                + "a,2024-01-09,5,,yes\n";
        SeriesLoader.Loaded l = SeriesLoader.load(csv(data), job().knownCovariates("price", "promo")
                .aggregation("price", Aggregation.MAX).aggregation("promo", Aggregation.FIRST)
                .aggregation("y", Aggregation.MIN).build(), Frequency.parse("W"), null);
        assertThat(l.series().get(0).values()).containsExactly(1, 4);
        assertThat(l.covariates().get(0).knownNumeric()[0]).containsExactly(20, 7);
        assertThat(l.covariates().get(0).knownCategorical()[0]).containsExactly("no", "yes");
        // a categorical column allows FIRST only
        assertThatThrownBy(() -> SeriesLoader.load(csv(data), job().knownCovariates("price", "promo")
                .aggregation("promo", Aggregation.SUM).build(), Frequency.parse("W"), null))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("aggregation SUM of known covariate 'promo': the column is categorical")
                .hasMessageContaining("only FIRST is allowed");
    }

    @Test
    void badAggregationsAreClearErrorsFcstR2() {
        assertThatThrownBy(() -> job().aggregation("nope", Aggregation.SUM).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("aggregation column 'nope' is neither the target 'y' nor a known covariate []");
        assertThatThrownBy(() -> job().staticFeatures("size").aggregation("size", Aggregation.FIRST).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("aggregation of static feature 'size'");
        assertThatThrownBy(() -> job().aggregation("y", Aggregation.SUM).aggregation("y", Aggregation.MAX))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("aggregation of 'y' was already set to SUM");
        assertThatThrownBy(() -> job().aggregation("y", null)).isInstanceOf(NullPointerException.class);
    }
}
