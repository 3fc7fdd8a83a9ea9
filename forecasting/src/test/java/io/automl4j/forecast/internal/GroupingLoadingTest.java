package io.automl4j.forecast.internal;

import io.automl4j.api.InvalidJobSpecException;
import io.automl4j.api.data.Dataset;
import io.automl4j.forecast.ForecastExplanation;
import io.automl4j.forecast.ForecastJob;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Series keys with grouping columns (FCST-R2): loading, future covariates by full key, key text. */
class GroupingLoadingTest {
    private static Dataset csv(String text) {
        return Dataset.readCsv(new StringReader(text), "test");
    }

    private static ForecastJob job() {
        return ForecastJob.builder().itemId("id").timestamp("ts").target("y").horizon(2).groupingColumns("store")
                .knownCovariates("price").build();
    }

    private static final String HISTORY = "id,store,ts,y,price\n"
            + "a,1,2020-01-01,10,1\na,1,2020-02-01,11,2\n"
            + "a,2,2020-01-01,1000,3\na,2,2020-02-01,1001,4\n";

    @Test
    void futureCovariatesAreMatchedByTheFullKeyFcstR14() {
        SeriesLoader.Loaded l = SeriesLoader.load(csv(HISTORY), job(), null, null);
        assertThat(l.series()).extracting(Series::id).containsExactly("a\u001F1", "a\u001F2");
        assertThat(l.series().get(1).values()).containsExactly(1000.0, 1001.0);
        // rows in another order; a row of store 3 (no such series) is ignored
        String future = "id,store,ts,price\n"
                + "a,2,2020-03-01,30\na,1,2020-04-01,20\na,3,2020-03-01,99\na,1,2020-03-01,10\na,2,2020-04-01,40\n";
        List<SeriesCovariates> c = SeriesLoader.withFuture(csv(future), job(), l, 2, null);
        assertThat(c.get(0).knownNumeric()[0]).containsExactly(1.0, 2.0, 10.0, 20.0);
        assertThat(c.get(1).knownNumeric()[0]).containsExactly(3.0, 4.0, 30.0, 40.0);
        // store 2 lacks its second step: the message names the series by its full key
        String partial = "id,store,ts,price\na,1,2020-03-01,10\na,1,2020-04-01,20\na,2,2020-03-01,30\n";
        assertThatThrownBy(() -> SeriesLoader.withFuture(csv(partial), job(), l, 2, null))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("known covariate 'price' has no future value for series (id=a, store=2) at "
                        + LocalDateTime.of(2020, 4, 1, 0, 0));
        // the future table must hold the grouping column
        assertThatThrownBy(() -> SeriesLoader.withFuture(csv("id,ts,price\na,2020-03-01,10\n"), job(), l, 2, null))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("future covariates: grouping column 'store' not found; columns are [id, ts, price]");
    }

    @Test
    void keyTextAndPartsRoundTripWithAMissingValue() {
        String id = SeriesKey.id("a", java.util.Arrays.asList("3", null));
        assertThat(SeriesKey.itemId(id, 2)).isEqualTo("a");
        assertThat(SeriesKey.groupingValues(id, 2)).containsExactly("3", "");
        assertThat(SeriesKey.display(id, "item", List.of("store", "region"))).isEqualTo("item=a, store=3, region=");
        assertThat(SeriesKey.label(id, "item", List.of("store", "region"))).isEqualTo("(item=a, store=3, region=)");
        // without grouping the id is the item id, unchanged
        assertThat(SeriesKey.id("a", List.of())).isEqualTo("a");
        assertThat(SeriesKey.label("a", "item", List.of())).isEqualTo("'a'");
        assertThat(SeriesKey.display("a", "item", List.of())).isEqualTo("a");
        // a key value holding the separator is rejected with its row
        assertThatThrownBy(() -> SeriesLoader.load(csv("id,store,ts,y,price\na,x\u001Fy,2020-01-01,1,1\n"), job(),
                null, null)).isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("column 'store' holds the control character U+001F at row 1");
    }

    @Test
    void perSeriesExplanationKeysShowTheFullKeyFcstR20() {
        List<Series> series = List.of(new Series("a\u001F1", LocalDateTime.of(2020, 1, 1, 0, 0), new double[] {1}),
                new Series("a\u001F2", LocalDateTime.of(2020, 1, 1, 0, 0), new double[] {1}));
        double[][][] a = {{{2, -1}}, {{-1, 4}}};
        ForecastExplanation e = Explainer.scores(List.of("price", "promo"), series, a,
                id -> SeriesKey.display(id, "id", List.of("store")));
        assertThat(e.perSeries().keySet()).containsExactly("id=a, store=1", "id=a, store=2");
        assertThat(e.perSeries().get("id=a, store=2")).containsEntry("price", -0.25).containsEntry("promo", 1.0);
    }
}
