package io.automl4j.forecast;

import io.automl4j.api.InvalidJobSpecException;
import io.automl4j.api.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Grouping columns (FCST-R2, R3, R4, R18, R19): the same item ids in two stores whose series differ by two orders of
 * magnitude. NAIVE forecasts the last value of each series, so every forecast is known exactly.
 */
class GroupingColumnsTest {
    private static final int N = 24;

    private static Dataset csv(String text) {
        return Dataset.readCsv(new StringReader(text), "test");
    }

    /** Level of item {@code item} in store {@code store}: store 1 around 10, store 2 around 1000; b is twice a. */
    private static double base(String item, String store) {
        return (store.equals("1") ? 10 : 1000) * (item.equals("a") ? 1 : 2);
    }

    /**
     * Monthly rows from 2020-01 of items a and b in stores 1 and 2 (store by store, so that without grouping the
     * duplicate of row 1 is row 2N + 1); value at step t = base + t.
     */
    private static String panel(String... stores) {
        StringBuilder sb = new StringBuilder("item,store,month,sales\n");
        for (String store : stores) {
            for (String item : List.of("a", "b")) {
                for (int t = 0; t < N; t++) {
                    sb.append(item).append(',').append(store).append(',')
                            .append(LocalDate.of(2020, 1, 1).plusMonths(t)).append(',')
                            .append(base(item, store) + t).append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static ForecastJob.Builder job() {
        return ForecastJob.builder().itemId("item").timestamp("month").target("sales").horizon(3)
                .algorithms(ForecastAlgorithm.NAIVE).threads(1).seed(7);
    }

    @Test
    void forecastsFollowEachItemStoreSeriesFcstR2R18() {
        ForecastResult r = job().groupingColumns("store").build().fit(csv(panel("1", "2")));
        ForecastTable t = r.forecasts();
        assertThat(r.seriesCount()).isEqualTo(4);
        assertThat(t.groupingColumns()).containsExactly("store");
        assertThat(t.series()).extracting(s -> s.itemId() + "@" + s.groupingValues())
                .containsExactly("a@[1]", "b@[1]", "a@[2]", "b@[2]");
        for (String store : List.of("1", "2")) {
            for (String item : List.of("a", "b")) {
                SeriesForecast s = t.get(item, store).orElseThrow();
                double last = base(item, store) + N - 1; // NAIVE: the series' last value
                assertThat(s.mean()).containsExactly(last, last, last);
                assertThat(s.timestamps()).containsExactly(LocalDateTime.of(2022, 1, 1, 0, 0),
                        LocalDateTime.of(2022, 2, 1, 0, 0), LocalDateTime.of(2022, 3, 1, 0, 0));
            }
        }
        // a@1 ends at 33, a@2 at 1023: the stores are not mixed
        assertThat(t.get("a", "1").orElseThrow().mean()[0]).isEqualTo(33.0);
        assertThat(t.get("a", "2").orElseThrow().mean()[0]).isEqualTo(1023.0);
        assertThat(t.get("a", "3")).isEmpty();
        assertThatThrownBy(() -> t.get("a")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("grouping columns [store]");
        assertThatThrownBy(() -> t.get("a", "1", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 grouping value(s) given");
        assertThat(r.job().groupingColumns()).containsExactly("store");
        assertThat(r.job().toSpecMap()).containsEntry("groupingColumns", "[store]");
        assertThat(r.dataReport().warnings()).noneMatch(w -> w.contains("columns ignored"));
        assertThat(r.dataReport().seriesKey()).containsExactly("item", "store");
        assertThat(r.dataReport().toJson()).containsPattern("\"seriesKey\"\\s*:\\s*\\[\\s*\"item\",\\s*\"store\"");
        // predict on the same history gives the same table, keyed the same way
        ForecastTable again = r.forecaster().predict(csv(panel("2")));
        assertThat(again.series()).hasSize(2);
        assertThat(again.get("b", "2").orElseThrow().mean()[2]).isEqualTo(2023.0);
    }

    @Test
    void withoutGroupingTheSamePanelIsADuplicateRowErrorFcstR4() {
        assertThatThrownBy(() -> job().build().fit(csv(panel("1", "2"))))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("duplicate rows for series 'a' at timestamp 2020-01-01T00:00 (rows 1 and "
                        + (2 * N + 1) + ")");
        assertThat(job().build().toSpecMap()).containsEntry("groupingColumns", "none");
        assertThat(job().build().groupingColumns()).isEmpty();
        String text = "item,month,sales\na,2020-01-01,1\na,2020-02-01,2\na,2020-03-01,3\na,2020-04-01,4\n";
        assertThat(job().horizon(1).build().fit(csv(text)).dataReport().seriesKey()).containsExactly("item");
    }

    @Test
    void csvAndBacktestExportCarryTheKeyColumnsFcstR18R19(@TempDir Path dir) throws Exception {
        ForecastResult r = job().groupingColumns("store").quantiles(0.1, 0.9).build().fit(csv(panel("1", "2")));
        assertThat(r.forecasts().columnNames()).containsExactly("item", "store", "timestamp", "mean", "p10", "p90");
        StringWriter w = new StringWriter();
        r.forecasts().writeCsv(w);
        List<String> lines = w.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("item,store,timestamp,mean,p10,p90");
        assertThat(lines).hasSize(1 + 4 * 3);
        assertThat(lines.get(1)).startsWith("a,1,2022-01-01,33.0,");
        assertThat(lines.get(7)).startsWith("a,2,2022-01-01,1023.0,");

        assertThat(r.backtests()).allMatch(b -> b.groupingValues().size() == 1);
        BacktestRow first = r.backtests().get(0);
        assertThat(first.itemId()).isEqualTo("a");
        assertThat(first.groupingValues()).containsExactly("1");
        Path export = dir.resolve("backtests.csv");
        r.writeBacktestsCsv(export);
        List<String> rows = Files.readAllLines(export);
        assertThat(rows.get(0)).isEqualTo("item,store,window,timestamp,model,actual,mean,p10,p90");
        // window 1 of b@2: test steps 21..23 (2021-10..12), NAIVE repeats step 20 = 2000 + 20
        assertThat(rows).contains("b,2,1,2021-10-01,NAIVE,2021.0,2020.0,"
                + r.backtests().stream().filter(b -> b.itemId().equals("b") && b.groupingValues().equals(List.of("2")))
                .findFirst().map(b -> b.quantiles()[0] + "," + b.quantiles()[1]).orElseThrow());
    }

    @Test
    void aMissingGroupingValueIsAValueOfItsOwnFcstR2() {
        String data = panel("1") + panel("").substring("item,store,month,sales\n".length());
        ForecastResult r = job().groupingColumns("store").build().fit(csv(data));
        assertThat(r.seriesCount()).isEqualTo(4);
        // base("a", "") is the store-2 level: 1000 + 23
        assertThat(r.forecasts().get("a", "").orElseThrow().mean()[0]).isEqualTo(1023.0);
        assertThat(r.forecasts().get("a", (String) null).orElseThrow().groupingValues()).containsExactly("");
        StringWriter w = new StringWriter();
        r.forecasts().writeCsv(w);
        assertThat(w.toString()).contains("\na,,2022-01-01,1023.0,");
    }

    @Test
    void messagesNameTheSeriesByItsFullKeyFcstR4() {
        String data = panel("1", "2") + "a,2,2020-03-01,5\n";
        assertThatThrownBy(() -> job().groupingColumns("store").build().fit(csv(data)))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("duplicate rows for series (item=a, store=2) at timestamp 2020-03-01T00:00");
    }

    @Test
    void buildRejectsInvalidGroupingColumnsFcstR2R3() {
        assertThatThrownBy(() -> job().groupingColumns("g1", "g2", "g3", "g4", "g5", "g6").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("6 grouping columns [g1, g2, g3, g4, g5, g6] exceed the limit of 5 (FCST-R3)");
        assertThat(job().groupingColumns("g1", "g2", "g3", "g4", "g5").build().groupingColumns()).hasSize(5);
        assertThatThrownBy(() -> job().groupingColumns("item").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grouping column 'item' is the item-id column");
        assertThatThrownBy(() -> job().groupingColumns("month").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grouping column 'month' is the timestamp column");
        assertThatThrownBy(() -> job().groupingColumns("sales").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grouping column 'sales' is the target column");
        assertThatThrownBy(() -> job().knownCovariates("promo").groupingColumns("promo").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grouping column 'promo' is a known covariate");
        assertThatThrownBy(() -> job().staticFeatures("size").groupingColumns("size").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grouping column 'size' is a static feature");
        assertThatThrownBy(() -> job().groupingColumns("store", "store").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grouping column 'store' is given twice");
        assertThatThrownBy(() -> job().groupingColumns("store", " ").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grouping column names must not be null or blank, got ' '");
        assertThatThrownBy(() -> job().groupingColumns((String) null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got null");
    }

    @Test
    void missingGroupingColumnsAreErrorsAtFitAndPredictFcstR2R18() {
        assertThatThrownBy(() -> job().groupingColumns("store", "region").build().fit(csv(panel("1", "2"))))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("grouping column 'region' not found; columns are [item, store, month, sales]");
        ForecastResult r = job().groupingColumns("store").build().fit(csv(panel("1", "2")));
        String withoutStore = panel("1").replaceAll("(?m)^([^,]+),[^,]*,", "$1,");
        assertThat(withoutStore).startsWith("item,month,sales\na,2020-01-01,10.0\n");
        assertThatThrownBy(() -> r.forecaster().predict(csv(withoutStore)))
                .isInstanceOf(InvalidJobSpecException.class)
                .hasMessageContaining("grouping column 'store' not found; columns are [item, month, sales]");
    }

    @Test
    void evaluationMatchesActualsByTheFullKey() {
        ForecastResult r = job().groupingColumns("store").build().fit(csv(panel("1", "2")));
        // actuals continue each series exactly: base + t for t = N..N+2; NAIVE's absolute errors are 1, 2, 3
        StringBuilder actual = new StringBuilder("item,store,month,sales\n");
        for (String store : List.of("1", "2")) {
            for (String item : List.of("a", "b")) {
                for (int t = N; t < N + 3; t++) {
                    actual.append(item).append(',').append(store).append(',')
                            .append(LocalDate.of(2020, 1, 1).plusMonths(t)).append(',')
                            .append(base(item, store) + t).append('\n');
                }
            }
        }
        double wape = ForecastEvaluation.score(r, csv(panel("1", "2")), r.forecasts(), csv(actual.toString()))
                .get(ForecastMetric.WAPE);
        double abs = 0;
        for (String store : List.of("1", "2")) {
            for (String item : List.of("a", "b")) {
                for (int t = N; t < N + 3; t++) {
                    abs += base(item, store) + t;
                }
            }
        }
        // 4 series × (1 + 2 + 3) absolute error; a store mix-up would give errors of ~990
        assertThat(wape).isCloseTo(4 * 6 / abs, org.assertj.core.data.Offset.offset(1e-12));
    }
}
