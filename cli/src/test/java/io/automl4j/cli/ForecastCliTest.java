package io.automl4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code automl4j forecast} end to end on four real M3 quarterly series, and its bad-input paths (exit 2). */
class ForecastCliTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    static final Path M3 = Path.of("../forecasting/src/test/resources/fcst/m3_sample.csv");

    /** Splits the sample into history and the last 8 points of each series. */
    private Path[] split() throws IOException {
        List<String> lines = Files.readAllLines(M3);
        Map<String, List<String>> bySeries = new LinkedHashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            bySeries.computeIfAbsent(l.substring(0, l.indexOf(',')), k -> new ArrayList<>()).add(l);
        }
        List<String> train = new ArrayList<>(List.of(lines.get(0)));
        List<String> test = new ArrayList<>(List.of(lines.get(0)));
        for (List<String> s : bySeries.values()) {
            train.addAll(s.subList(0, s.size() - 8));
            test.addAll(s.subList(s.size() - 8, s.size()));
        }
        Path tr = dir.resolve("train.csv");
        Path te = dir.resolve("test.csv");
        Files.write(tr, train);
        Files.write(te, test);
        return new Path[] {tr, te};
    }

    @Test
    void timestampLabelEndLabelsBucketsByTheirLastDayFcstR5() throws IOException {
        Path[] f = split();
        double[] smape = new double[2];
        String[] firstRow = new String[2];
        String[] labels = {"START", "END"};
        for (int i = 0; i < 2; i++) {
            Path out = dir.resolve("label" + i);
            Run r = run("forecast", "--data", f[0].toString(), "--item-id", "item_id", "--timestamp", "timestamp",
                    "--target", "target", "--horizon", "8", "--algorithms", "NAIVE,THETA", "--seed", "3",
                    "--timestamp-label", labels[i], "--test", f[1].toString(), "--out", out.toString());
            assertThat(r.code()).as(r.err()).isZero();
            smape[i] = new ObjectMapper().readTree(out.resolve("result.json").toFile()).get("test").get("SMAPE")
                    .asDouble();
            firstRow[i] = Files.readAllLines(out.resolve("forecast.csv")).get(1);
        }
        // quarterly buckets: 1 Jan/Apr/Jul/Oct as START, the quarter's last day as END; the scores are the same
        assertThat(firstRow[0].split(",")[1]).endsWith("-01");
        java.time.LocalDate start = java.time.LocalDate.parse(firstRow[0].split(",")[1].substring(0, 10));
        assertThat(firstRow[1].split(",")[1]).startsWith(start.plusMonths(3).minusDays(1).toString());
        assertThat(smape[1]).isEqualTo(smape[0]).isPositive();
        Run bad = run("forecast", "--data", f[0].toString(), "--item-id", "item_id", "--timestamp", "timestamp",
                "--target", "target", "--horizon", "8", "--timestamp-label", "MIDDLE", "--out",
                dir.resolve("bad").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("MIDDLE");
    }

    @Test
    void forecastWritesForecastLeaderboardAndResult() throws IOException {
        Path[] f = split();
        Path out = dir.resolve("out");
        Run r = run("forecast", "--data", f[0].toString(), "--item-id", "item_id", "--timestamp", "timestamp",
                "--target", "target", "--horizon", "8", "--quantiles", "0.1,0.5,0.9",
                "--algorithms", "NAIVE,ETS,THETA", "--backtest-windows", "2", "--seed", "3", "--test", f[1].toString(),
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("4 series, frequency 1Q").contains("test: sMAPE");
        List<String> fc = Files.readAllLines(out.resolve("forecast.csv"));
        assertThat(fc.get(0)).isEqualTo("item_id,timestamp,mean,p10,p50,p90");
        assertThat(fc).hasSize(1 + 4 * 8);
        List<String> lb = Files.readAllLines(out.resolve("leaderboard.csv"));
        assertThat(lb.get(0)).startsWith("rank,model,objective,objective_std,average_wql,wape,rmse,mape,mase,smape,owa");
        assertThat(lb).hasSize(1 + 4);
        // backtest export: 3 models + ENSEMBLE, 4 series, 2 windows, 8 steps
        assertThat(Files.readAllLines(out.resolve("backtests.csv"))).hasSize(1 + 4 * 4 * 2 * 8);
        JsonNode json = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        assertThat(json.get("formatVersion").asInt()).isEqualTo(1);
        assertThat(json.get("frequency").asText()).isEqualTo("1Q");
        assertThat(json.get("leaderboard")).hasSize(4);
        // the held-out last 8 quarters are scored: a quarterly sMAPE of a few percent
        assertThat(json.get("test").get("SMAPE").asDouble()).isBetween(0.5, 20.0);
        assertThat(json.get("test").get("MASE").asDouble()).isBetween(0.05, 5.0);
        // FCST-R19 reports
        JsonNode data = new ObjectMapper().readTree(out.resolve("data_report.json").toFile());
        assertThat(data.get("seriesCount").asInt()).isEqualTo(4);
        assertThat(data.get("frequency").asText()).isEqualTo("1Q");
        assertThat(data.get("length").get("min").asInt()).isPositive();
        assertThat(data.get("zeroShare").asDouble()).isZero();
        JsonNode quality = new ObjectMapper().readTree(out.resolve("quality_report.json").toFile());
        assertThat(quality.get("models")).hasSize(4);
        assertThat(quality.get("best").asText()).isEqualTo(json.get("best").asText());
        for (JsonNode m : quality.get("models")) {
            assertThat(m.get("windows")).hasSize(2);
            assertThat(m.get("wqlMean").get("p90").isNumber()).isTrue();
        }
        // no covariates, static features or holiday calendar: explainability.json states why there are no scores
        JsonNode ex = new ObjectMapper().readTree(out.resolve("explainability.json").toFile());
        assertThat(ex.get("available").asBoolean()).isFalse();
        assertThat(ex.get("reason").asText()).isEqualTo("no covariates, static features or holiday calendar");
        assertThat(r.out()).contains("no impact scores: no covariates, static features or holiday calendar");
        // lifecycle (FCST-R1, AUTOML-R45, R55): a count-budget run completes every model and is reproducible
        assertThat(json.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(json.get("secondaryStatus").asText()).isEqualTo("COMPLETED");
        assertThat(json.get("reproducible").asBoolean()).isTrue();
        assertThat(json.get("provenance").get("dataFingerprint").asText()).matches("[0-9a-f]{64}");
        assertThat(json.get("provenance").get("spec").get("horizon").asText()).isEqualTo("8");
        assertThat(json.get("provenance").get("runtime").get("javaVersion").asText()).isNotBlank();
        assertThat(json.get("maxRuntimeSeconds").isNull()).isTrue();
        assertThat(json.get("events")).hasSize(json.get("eventCount").asInt());
        assertThat(json.get("events").toString()).contains("\"message\":\"model completed\"");
        assertThat(r.out()).contains(", COMPLETED in ");
    }

    @Test
    void maxRuntimeIsHonouredAndReportedInResultJsonAutomlR58() throws IOException {
        // within 1 ms nothing but the always-run NAIVE can start (loading alone takes longer)
        Path out = dir.resolve("budget");
        Run r = run("forecast", "--data", M3.toString(), "--item-id", "item_id", "--timestamp", "timestamp",
                "--target", "target", "--horizon", "4", "--algorithms", "NAIVE,ETS", "--max-runtime", "1ms",
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: maxJobRuntime reached: ETS not run");
        JsonNode json = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        assertThat(json.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(json.get("secondaryStatus").asText()).isEqualTo("MAX_AUTO_ML_JOB_RUNTIME_REACHED");
        assertThat(json.get("reproducible").asBoolean()).isFalse();
        assertThat(json.get("maxRuntimeSeconds").asDouble()).isEqualTo(0.001);
        assertThat(json.get("leaderboard")).hasSize(1);
        assertThat(json.get("best").asText()).isEqualTo("NAIVE");
        assertThat(json.get("events").toString()).contains("maxJobRuntime reached: ETS not run");
        assertThat(Files.readAllLines(out.resolve("forecast.csv"))).hasSize(1 + 4 * 4);
        // ETS alone cannot complete within the budget: the job fails, exit 1, one line naming the budget
        r = run("forecast", "--data", M3.toString(), "--item-id", "item_id", "--timestamp", "timestamp",
                "--target", "target", "--horizon", "4", "--algorithms", "ETS", "--max-runtime", "1ms",
                "--out", dir.resolve("fail").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("error: no model completed within PT0.001S");
    }

    @Test
    void aggregationAndTargetFillingOptionsFcstR2R13() throws IOException {
        // daily rows of two series; b stops two days early; weekly sums with --frequency 1W
        List<String> lines = new ArrayList<>(List.of("id,ts,y"));
        for (int d = 0; d < 84; d++) {
            String ts = java.time.LocalDate.of(2024, 1, 1).plusDays(d).toString();
            lines.add("a," + ts + "," + (1 + d % 7));
            if (d < 82) {
                lines.add("b," + ts + ",2");
            }
        }
        Path data = dir.resolve("daily.csv");
        Files.write(data, lines);
        Path out = dir.resolve("agg");
        Run r = run("forecast", "--data", data.toString(), "--item-id", "id", "--timestamp", "ts", "--target", "y",
                "--horizon", "2", "--frequency", "1W", "--aggregation", "y=sum", "--fill", "y=nan",
                "--algorithms", "NAIVE", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        // a: 1 + … + 7 = 28 every week, so NAIVE forecasts 28
        assertThat(Files.readAllLines(out.resolve("forecast.csv"))).contains("a,2024-03-25,28.0,28.0,28.0,28.0");
        JsonNode d = new ObjectMapper().readTree(out.resolve("data_report.json").toFile());
        assertThat(d.get("length").get("max").asInt()).isEqualTo(12);
        Run bad = run("forecast", "--data", data.toString(), "--item-id", "id", "--timestamp", "ts", "--target", "y",
                "--horizon", "2", "--aggregation", "y=median", "--out", dir.resolve("o").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).startsWith("error: --aggregation 'y=median': method must be one of [SUM,")
                .doesNotContain("\n");
        bad = run("forecast", "--data", data.toString(), "--item-id", "id", "--timestamp", "ts", "--target", "y",
                "--horizon", "2", "--aggregation", "price=avg", "--out", dir.resolve("o").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).startsWith("error: aggregation column 'price' is neither the target 'y'");
    }

    @Test
    void horizonOverTheDataLimitIsExitTwoOneLine() throws IOException {
        Run r = run("forecast", "--data", M3.toString(), "--item-id", "item_id", "--timestamp", "timestamp",
                "--target", "target", "--horizon", "30", "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: horizon 30 exceeds the limit").doesNotContain("\n");
    }

    @Test
    void badFrequencyAndQuantilesAreExitTwo() {
        Run r = run("forecast", "--data", M3.toString(), "--item-id", "item_id", "--timestamp", "timestamp",
                "--target", "target", "--horizon", "4", "--frequency", "60min", "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("use 1H");
        r = run("forecast", "--data", M3.toString(), "--item-id", "item_id", "--timestamp", "timestamp",
                "--target", "target", "--horizon", "4", "--quantiles", "0.5,1.2", "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: quantile 1.2 must be in [0.01, 0.99] (FCST-R8)");
    }

    @Test
    void unknownColumnIsExitTwo() {
        Run r = run("forecast", "--data", M3.toString(), "--item-id", "series", "--timestamp", "timestamp",
                "--target", "target", "--horizon", "4", "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("column 'series' not found");
    }

    /** Writes a 6-series daily panel with a promotion flag (doubling sales) and a static size; returns data, future. */
    private Path[] promoPanel() throws IOException {
        java.util.Random rnd = new java.util.Random(3);
        List<String> hist = new ArrayList<>(List.of("id,ts,y,promo,size"));
        List<String> fut = new ArrayList<>(List.of("id,ts,promo"));
        for (int s = 0; s < 6; s++) {
            for (int d = 0; d < 84; d++) {
                int promo = rnd.nextDouble() < 0.3 ? 1 : 0;
                String ts = java.time.LocalDate.of(2024, 1, 1).plusDays(d).toString();
                double y = (10 + 10 * s) * (promo == 1 ? 2 : 1) * (1 + 0.02 * rnd.nextGaussian());
                if (d < 77) {
                    hist.add("s" + s + "," + ts + "," + y + "," + promo + "," + (10 + 10 * s));
                } else {
                    fut.add("s" + s + "," + ts + "," + promo);
                }
            }
        }
        Path data = dir.resolve("panel.csv");
        Path future = dir.resolve("future.csv");
        Files.write(data, hist);
        Files.write(future, fut);
        return new Path[] {data, future};
    }

    @Test
    void knownCovariatesStaticFeaturesAndFutureValuesFcstR14() throws IOException {
        Path[] p = promoPanel();
        Path out = dir.resolve("cov");
        Run r = run("forecast", "--data", p[0].toString(), "--item-id", "id", "--timestamp", "ts", "--target", "y",
                "--horizon", "7", "--algorithms", "SEASONAL_NAIVE,GLOBAL_GBM", "--known-covariates", "promo",
                "--static-features", "size", "--future", p[1].toString(), "--threads", "1", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("forecast.csv"))).hasSize(1 + 6 * 7);
        JsonNode json = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        assertThat(json.get("knownCovariates").get(0).asText()).isEqualTo("promo");
        assertThat(json.get("staticFeatures").get(0).asText()).isEqualTo("size");
        // the promotion flag makes the global model the clear winner of the backtest
        assertThat(json.get("best").asText()).isIn("GLOBAL_GBM", "ENSEMBLE");
        // impact scores (FCST-R20): per attribute overall, per series and per step, in [-1, 1], the largest ±1
        JsonNode ex = new ObjectMapper().readTree(out.resolve("explainability.json").toFile());
        assertThat(ex.get("available").asBoolean()).isTrue();
        assertThat(ex.get("attributes").toString()).isEqualTo("[\"promo\",\"size\"]");
        double promo = ex.get("overall").get("promo").asDouble();
        double size = ex.get("overall").get("size").asDouble();
        assertThat(Math.max(Math.abs(promo), Math.abs(size))).isEqualTo(1.0);
        assertThat(ex.get("perSeries")).hasSize(6);
        assertThat(ex.get("perSeries").get("s0").get("promo").asDouble()).isBetween(-1.0, 1.0);
        assertThat(ex.get("perStep")).hasSize(7);
        assertThat(ex.get("perStep").get(6).get("step").asInt()).isEqualTo(7);
        assertThat(r.out()).contains("impact scores (FCST-R20, in [-1, 1]): promo ");
        // without --future the known covariate has no future values: exit 2, one line naming series and column
        Run missing = run("forecast", "--data", p[0].toString(), "--item-id", "id", "--timestamp", "ts", "--target",
                "y", "--horizon", "7", "--algorithms", "GLOBAL_GBM", "--known-covariates", "promo",
                "--out", dir.resolve("o2").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).startsWith("error: known covariate 'promo' has no future value for series"
                + " 's0'").doesNotContain("\n");
    }

    @Test
    void badCovariateArgumentsAreExitTwoOneLine() throws IOException {
        Path[] p = promoPanel();
        String[] base = {"forecast", "--data", p[0].toString(), "--item-id", "id", "--timestamp", "ts", "--target",
            "y", "--horizon", "7", "--out", dir.resolve("o").toString()};
        Run r = run(concat(base, "--known-covariates", "promo", "--fill", "promo"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("error: --fill 'promo' must be COLUMN=METHOD, e.g. price=mean");
        r = run(concat(base, "--known-covariates", "promo", "--fill", "promo=avg"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: fill method 'avg' must be one of").doesNotContain("\n");
        r = run(concat(base, "--known-covariates", "price"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: known covariate column 'price' not found")
                .doesNotContain("\n");
        r = run(concat(base, "--static-features", "y"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: static feature 'y' is the item-id, timestamp or target column");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void holidayCountryReachesTheJobAndAnUnknownCodeIsExitTwoOneLine() throws IOException {
        Path out = dir.resolve("hol");
        Run r = run("forecast", "--data", M3.toString(), "--item-id", "item_id", "--timestamp", "timestamp",
                "--target", "target", "--horizon", "4", "--algorithms", "NAIVE,PROPHET_LIKE", "--holiday-country", "uk",
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        assertThat(json.get("holidayCountry").asText()).isEqualTo("GB");
        assertThat(json.get("leaderboard").toString()).contains("PROPHET_LIKE");
        r = run("forecast", "--data", M3.toString(), "--item-id", "item_id", "--timestamp", "timestamp",
                "--target", "target", "--horizon", "4", "--holiday-country", "XX", "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: holidayCountry 'XX' is not a supported country code")
                .doesNotContain("\n");
    }

    @Test
    void groupingColumnsKeyTheSeriesAndTheCsvFilesFcstR2() throws IOException {
        // item a in stores 1 and 2: levels 10 and 1000 (+ t); without grouping that is a duplicate-row error
        StringBuilder sb = new StringBuilder("id,store,ts,y\n");
        for (String store : List.of("1", "2")) {
            for (int t = 0; t < 12; t++) {
                sb.append("a,").append(store).append(',').append(java.time.LocalDate.of(2020, 1, 1).plusMonths(t))
                        .append(',').append((store.equals("1") ? 10 : 1000) + t).append('\n');
            }
        }
        Path data = dir.resolve("stores.csv");
        Files.writeString(data, sb.toString());
        String[] base = {"forecast", "--data", data.toString(), "--item-id", "id", "--timestamp", "ts", "--target",
            "y", "--horizon", "2", "--algorithms", "NAIVE", "--quantiles", "0.5"};
        Path out = dir.resolve("grp");
        Run r = run(concat(base, "--grouping-columns", "store", "--out", out.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        List<String> fc = Files.readAllLines(out.resolve("forecast.csv"));
        assertThat(fc).containsExactly("id,store,timestamp,mean,p50",
                "a,1,2021-01-01,21.0,21.0", "a,1,2021-02-01,21.0,21.0",
                "a,2,2021-01-01,1011.0,1011.0", "a,2,2021-02-01,1011.0,1011.0");
        assertThat(Files.readAllLines(out.resolve("backtests.csv")).get(0))
                .isEqualTo("id,store,window,timestamp,model,actual,mean,p50");
        JsonNode json = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        assertThat(json.get("groupingColumns").get(0).asText()).isEqualTo("store");
        JsonNode report = new ObjectMapper().readTree(out.resolve("data_report.json").toFile());
        assertThat(report.get("seriesKey").toString()).isEqualTo("[\"id\",\"store\"]");
        assertThat(report.get("seriesCount").asInt()).isEqualTo(2);
        r = run(concat(base, "--out", dir.resolve("o").toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: duplicate rows for series 'a' at timestamp 2020-01-01T00:00")
                .doesNotContain("\n");
        r = run(concat(base, "--grouping-columns", "store,region", "--out", dir.resolve("o").toString()));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: grouping column 'region' not found");
    }
}
