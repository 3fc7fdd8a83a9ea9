package io.automl4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.automl4j.api.AutoMLJob;
import io.automl4j.api.AutoMLResult;
import io.automl4j.api.Candidate;
import io.automl4j.api.Event;
import io.automl4j.api.data.Dataset;
import io.automl4j.api.eval.LeaderboardEntry;
import io.automl4j.api.eval.Metric;
import io.automl4j.api.model.TrainedModel;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** Runs a job and writes leaderboard.csv, leaderboard.json, model/ and result.json; shared by {@code train} and {@code quickstart}. */
final class TrainRunner {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TrainRunner() {
    }

    /** Prints one progress line per finished candidate, and WARN events to stderr. */
    static Consumer<Event> progress(PrintWriter out, PrintWriter err) {
        return e -> {
            if (e.level() == Event.Level.WARN) {
                err.println("warning: " + e.message());
                err.flush();
            }
            Map<String, String> d = e.details();
            if (e.message().startsWith("candidate ") && d.containsKey("done")) {
                out.printf(Locale.ROOT, "[%s/%s] %6.1fs  %-9s %-24s best %s (%s)%n", d.get("done"), d.get("planned"),
                        Double.parseDouble(d.get("elapsedSeconds")), e.message().substring("candidate ".length()),
                        shortName(d.get("candidate")), d.get("best"), shortName(d.get("bestCandidate")));
                out.flush();
            } else if (e.message().startsWith("bagging repeated") && d.containsKey("repeat")) {
                out.printf(Locale.ROOT, "bagging pass %s: %s of %s candidates trained again on new folds%n",
                        d.get("repeat"), d.get("candidates"), d.get("of"));
                out.flush();
            }
        };
    }

    /** @return "003-RANDOM_FOREST" for "automl-20261122-101010-3039-003-RANDOM_FOREST" */
    static String shortName(String candidate) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{3}-[A-Z_]+)$").matcher(String.valueOf(candidate));
        return m.find() ? m.group(1) : String.valueOf(candidate);
    }

    static AutoMLResult run(AutoMLJob job, Dataset train, Dataset test, boolean scoreAllOnTest, Path outDir,
                            PrintWriter out) throws IOException {
        long t0 = System.nanoTime();
        AutoMLResult r = job.fit(train);
        Files.createDirectories(outDir);
        try (Writer w = Files.newBufferedWriter(outDir.resolve("leaderboard.csv"), StandardCharsets.UTF_8)) {
            r.leaderboard().writeCsv(w);
        }
        // the same entries as JSON (AUTOML-R48: exportable as CSV and JSON)
        JSON.writeValue(outDir.resolve("leaderboard.json").toFile(), r.leaderboard().entries());
        TrainedModel model = r.bestModel();
        model.save(outDir.resolve("model"));
        TrainedModel.Evaluation testEval = test == null ? null : model.evaluate(test);
        double wall = (System.nanoTime() - t0) / 1e9;
        ObjectNode root = JSON.createObjectNode();
        root.put("job", r.provenance().jobName());
        root.put("problemType", r.resolved().problemType().name());
        root.put("problemTypeInferred", r.resolved().problemTypeInferred());
        root.put("objectiveMetric", r.resolved().objectiveMetric().name());
        root.put("mode", r.resolved().mode().name());
        if (r.resolved().positiveClass() != null) {
            root.put("positiveClass", r.resolved().positiveClass());
        }
        LeaderboardEntry best = r.leaderboard().best();
        ObjectNode b = root.putObject("best");
        b.put("candidate", best.candidateName());
        b.put("algorithm", best.algorithms().size() == 1 ? best.algorithms().get(0).name() : best.kind().name());
        var algs = b.putArray("algorithms");
        best.algorithms().forEach(a -> algs.add(a.name()));
        if (!best.memberWeights().isEmpty()) {
            ObjectNode mw = b.putObject("memberWeights");
            best.memberWeights().forEach(mw::put);
        }
        b.put("kind", best.kind().name());
        ObjectNode v = root.putObject("validation");
        v.put("objective", best.objective());
        v.put("objectiveStdDev", best.objectiveStdDev());
        putMetrics(v.putObject("metrics"), best.metrics());
        if (testEval != null) {
            ObjectNode t = root.putObject("test");
            t.put("rows", testEval.rows());
            t.put("skippedRows", testEval.skippedRows());
            putMetrics(t.putObject("metrics"), testEval.metrics());
        }
        root.put("wallSeconds", wall);
        root.put("seed", job.seed());
        root.put("completionReason", r.completionReason());
        root.put("reproducible", r.provenance().reproducible());
        root.put("trainingRows", r.resolved().trainingRows());
        root.put("excludedRows", r.resolved().excludedRows());
        root.put("dataSizeBytes", r.resolved().dataSizeBytes());
        var cands = root.putArray("candidates");
        for (Candidate c : r.candidates()) {
            ObjectNode n = cands.addObject();
            n.put("name", c.name());
            n.put("algorithm", c.algorithm().name());
            n.put("status", c.status().name());
            n.put("fitSeconds", c.fitSeconds());
            if (c.failureReason() != null) {
                n.put("failureReason", c.failureReason());
            }
            if (c.weightsIgnored()) {
                n.put("weightsIgnored", true);
            }
            ObjectNode info = n.putObject("info");
            c.info().forEach(info::put);
        }
        if (scoreAllOnTest && test != null) {
            root.set("testLeaderboard", scoreAll(r, test, outDir));
        }
        JSON.writeValue(outDir.resolve("result.json").toFile(), root);

        out.println();
        out.print(r.leaderboard());
        out.printf(Locale.ROOT, "%nbest: %s  validation %s = %.6f%n", best.candidateName(),
                r.resolved().objectiveMetric().reportName(), best.objective());
        if (testEval != null) {
            StringBuilder sb = new StringBuilder("test (" + testEval.rows() + " rows):");
            testEval.metrics().forEach((m, x) -> sb.append(String.format(Locale.ROOT, " %s=%.6f", m.reportName(), x)));
            out.println(sb);
        }
        out.printf(Locale.ROOT, "wall time %.1fs (%s); model saved to %s%n", wall, r.completionReason(),
                outDir.resolve("model"));
        out.flush();
        return r;
    }

    /**
     * Scores every leaderboard entry on the labelled test set (as H2O's {@code leaderboard_frame}): writes
     * {@code test_leaderboard.csv} (validation rank, candidate, kind, validation objective, every test metric) and
     * returns the same rows as JSON. Diagnostic: which entry the holdout chose versus which scores best on new data.
     */
    private static com.fasterxml.jackson.databind.node.ArrayNode scoreAll(AutoMLResult r, Dataset test, Path outDir)
            throws IOException {
        var arr = JSON.createArrayNode();
        java.util.List<Metric> columns = null;
        StringBuilder csv = new StringBuilder();
        for (LeaderboardEntry e : r.leaderboard().entries()) {
            TrainedModel m = r.model(e.candidateName()).orElse(null);
            if (m == null) {
                continue;
            }
            TrainedModel.Evaluation ev = m.evaluate(test);
            if (columns == null) {
                columns = new java.util.ArrayList<>(ev.metrics().keySet());
                csv.append("rank,candidate,kind,validation_objective");
                columns.forEach(c -> csv.append(",test_").append(c.reportName()));
                csv.append('\n');
            }
            ObjectNode n = arr.addObject();
            n.put("rank", e.rank());
            n.put("candidate", e.candidateName());
            n.put("kind", e.kind().name());
            n.put("validationObjective", e.objective());
            putMetrics(n.putObject("metrics"), ev.metrics());
            csv.append(e.rank()).append(',').append(e.candidateName()).append(',').append(e.kind().name())
                    .append(',').append(e.objective());
            for (Metric c : columns) {
                Double x = ev.metrics().get(c);
                csv.append(',').append(x == null ? "" : x.toString());
            }
            csv.append('\n');
        }
        Files.writeString(outDir.resolve("test_leaderboard.csv"), csv, StandardCharsets.UTF_8);
        return arr;
    }

    private static void putMetrics(ObjectNode node, Map<Metric, Double> metrics) {
        metrics.forEach((m, x) -> node.put(m.reportName(), x));
    }
}
