package io.automl4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI end to end: real training on real data, and every bad-argument path (exit code 2, one line). */
class CliTest {
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

    static Path dataset(String name) {
        return Path.of("../automl-core/src/test/resources/datasets/" + name);
    }

    @Test
    void noArguments_printsUsage() {
        Run r = run();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("train").contains("predict").contains("quickstart");
    }

    @Test
    void train_missingRequiredOption() {
        Run r = run("train", "--data", "x.csv");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required options").contains("--target");
    }

    @Test
    void train_missingFile_oneLineNoStackTrace() {
        Run r = run("train", "--data", dir.resolve("none.csv").toString(), "--target", "y", "--out",
                dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: file not found").doesNotContain("\n").doesNotContain("at io.");
    }

    @Test
    void train_unknownTarget() {
        Run r = run("train", "--data", dataset("iris.csv").toString(), "--target", "nope", "--out",
                dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("target column 'nope' not found").contains("species");
    }

    @Test
    void train_badMetricAndDuration() {
        Run r = run("train", "--data", dataset("iris.csv").toString(), "--target", "species", "--metric", "gini",
                "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown metric 'gini'");
        Run d = run("train", "--data", dataset("iris.csv").toString(), "--target", "species", "--max-runtime",
                "soon", "--out", dir.resolve("o").toString());
        assertThat(d.code()).isEqualTo(2);
        assertThat(d.err()).contains("invalid duration 'soon'");
    }

    @Test
    void train_metricContradictsTarget() {
        Run r = run("train", "--data", dataset("iris.csv").toString(), "--target", "species", "--metric", "AUC",
                "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("AUC is a binary metric").contains("MULTICLASS_CLASSIFICATION");
    }

    /** AUTOML-R31, R38 through the CLI: a RANDOM HPO run ended by the target objective after one trial. */
    @Test
    void train_hpo_randomWithTargetObjective() throws Exception {
        Path o = dir.resolve("hpo");
        Run r = run("train", "--data", dataset("iris.csv").toString(), "--target", "species", "--mode",
                "HYPERPARAMETER_TUNING", "--hpo-strategy", "RANDOM", "--algorithms", "LINEAR", "--max-candidates",
                "5", "--target-objective", "0.5", "--max-not-improving", "3", "--folds", "3", "--out", o.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("TARGET_OBJECTIVE_VALUE_REACHED");
        String leaderboard = java.nio.file.Files.readString(o.resolve("leaderboard.csv"));
        assertThat(leaderboard).contains("TRIAL").contains("-001-LINEAR");
        assertThat(java.nio.file.Files.readString(o.resolve("result.json"))).contains("TARGET_OBJECTIVE_VALUE_REACHED");
    }

    /** AUTOML-R31/R38/R28 options through the CLI: GP surrogate, convergence rule, greedy rounds (and a bad value). */
    @Test
    void train_surrogateConvergenceAndEnsembleRounds_reachTheJob() throws Exception {
        Path o = dir.resolve("gp");
        Run r = run("train", "--data", dataset("iris.csv").toString(), "--target", "species", "--mode",
                "HYPERPARAMETER_TUNING", "--surrogate", "GP_EI", "--complete-on-convergence", "--algorithms", "LINEAR",
                "--max-candidates", "3", "--folds", "3", "--seed", "4", "--out", o.toString());
        assertThat(r.code()).as(r.err()).isZero();
        // the job's spec is recorded in the model's provenance (AUTOML-R57)
        String model = java.nio.file.Files.readString(o.resolve("model").resolve("model.json"));
        assertThat(model).contains("\"bayesianSurrogate\" : \"GP_EI\"")
                .contains("\"completeOnConvergence\" : \"true\"");
        Path e = dir.resolve("ens");
        Run g = run("train", "--data", dataset("iris.csv").toString(), "--target", "species", "--algorithms",
                "LINEAR,KNN", "--max-candidates", "2", "--ensemble-rounds", "7", "--out", e.toString());
        assertThat(g.code()).as(g.err()).isZero();
        assertThat(java.nio.file.Files.readString(e.resolve("model").resolve("model.json")))
                .contains("\"ensembleSelectionRounds\" : \"7\"");
        Run bad = run("train", "--data", dataset("iris.csv").toString(), "--target", "species", "--ensemble-rounds",
                "0", "--out", dir.resolve("bad").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("ensembleSelectionRounds must be in [1, 1000] but was 0");
    }

    /** AUTOML-R3 through the CLI: HPO options with explicit ENSEMBLING and HYPERBAND with early stopping. */
    @Test
    void train_hpoOptionConflicts_exitCode2() {
        Run r = run("train", "--data", dataset("iris.csv").toString(), "--target", "species", "--mode", "ENSEMBLING",
                "--early-stopping", "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("[earlyStopping] cannot be used with mode ENSEMBLING");
        Run h = run("train", "--data", dataset("iris.csv").toString(), "--target", "species", "--hpo-strategy",
                "HYPERBAND", "--early-stopping", "--out", dir.resolve("o").toString());
        assertThat(h.code()).isEqualTo(2);
        assertThat(h.err()).contains("earlyStopping(true) cannot be combined with hpoStrategy HYPERBAND");
        Run s = run("train", "--data", dataset("iris.csv").toString(), "--target", "species", "--hpo-strategy",
                "SIMPLEX", "--out", dir.resolve("o").toString());
        assertThat(s.code()).isEqualTo(2);
        assertThat(s.err()).contains("SIMPLEX");
    }

    @Test
    void train_badFolds() {
        Run r = run("train", "--data", dataset("iris.csv").toString(), "--target", "species", "--folds", "1",
                "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Invalid number of folds: 1 (expected 2..10)");
    }

    @Test
    void train_withValidationFileAndRefit_writesResultAndModel() throws IOException {
        Path splits = Path.of("../automl-core/src/test/resources/splits/iris");
        Path out = dir.resolve("run");
        Run r = run("train", "--data", splits.resolve("train.csv").toString(), "--target", "species",
                "--algorithms", "LINEAR,KNN", "--max-candidates", "2", "--validation",
                splits.resolve("test.csv").toString(), "--refit-full", "--max-parallel", "2", "--seed", "4",
                "--test", splits.resolve("test.csv").toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode res = json(out.resolve("result.json"));
        assertThat(res.path("mode").asText()).isEqualTo("ENSEMBLING");
        // the validation file is the holdout, so the selection score equals the test score on the same file
        assertThat(res.path("validation").path("objective").asDouble()).isGreaterThan(0.85);
        assertThat(lines(out.resolve("leaderboard.csv")).get(0)).contains("rank");
        JsonNode board = json(out.resolve("leaderboard.json"));
        assertThat(board.size()).isEqualTo(lines(out.resolve("leaderboard.csv")).size() - 1);
        assertThat(board.get(0).path("rank").asInt()).isEqualTo(1);
        assertThat(board.get(0).path("metrics").has("ACCURACY")).isTrue();
        assertThat(out.resolve("model/model.json")).content().contains("\"refit\" : \"true\"");
        assertThat(r.out()).contains("STACKED");
    }

    /** With the validation file as the test file, every entry's test score equals its holdout score. */
    @Test
    void train_scoreAllOnTest_scoresEveryEntry() throws IOException {
        Path splits = Path.of("../automl-core/src/test/resources/splits/iris");
        Path out = dir.resolve("all");
        Run r = run("train", "--data", splits.resolve("train.csv").toString(), "--target", "species",
                "--algorithms", "LINEAR,KNN", "--max-candidates", "2", "--metric", "ACCURACY", "--validation",
                splits.resolve("test.csv").toString(), "--seed", "4", "--test", splits.resolve("test.csv").toString(),
                "--score-all-on-test", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode all = json(out.resolve("result.json")).path("testLeaderboard");
        assertThat(all.size()).isEqualTo(lines(out.resolve("leaderboard.csv")).size() - 1).isGreaterThanOrEqualTo(2);
        for (JsonNode e : all) {
            assertThat(e.path("metrics").path("Accuracy").asDouble()).as(e.path("candidate").asText())
                    .isCloseTo(e.path("validationObjective").asDouble(), org.assertj.core.data.Offset.offset(1e-12));
        }
        assertThat(lines(out.resolve("test_leaderboard.csv")).get(0)).startsWith("rank,candidate,kind,"
                + "validation_objective").contains("test_Accuracy");
        Run bad = run("train", "--data", splits.resolve("train.csv").toString(), "--target", "species",
                "--score-all-on-test", "--out", dir.resolve("o").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--score-all-on-test needs --test FILE");
    }

    @Test
    void train_badValidationFraction() {
        Run r = run("train", "--data", dataset("iris.csv").toString(), "--target", "species",
                "--validation-fraction", "1.5", "--out", dir.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("validationFraction must be in (0, 1) but was 1.5");
    }

    @Test
    void predict_missingModel() {
        Run r = run("predict", "--model", dir.resolve("nomodel").toString(), "--data",
                dataset("iris.csv").toString(), "--out", dir.resolve("p.csv").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no automl4j model");
    }

    @Test
    void exitCodes_registryFailuresAreNotUsageErrors() {
        assertThat(Main.exitCode(new io.automl4j.registry.ArtifactIntegrityException("sha256 mismatch"))).isEqualTo(1);
        assertThat(Main.exitCode(new io.automl4j.registry.RegistryException("storage error"))).isEqualTo(1);
        assertThat(Main.exitCode(new io.automl4j.registry.ModelNotFoundException("no models:/x/9"))).isEqualTo(2);
        assertThat(Main.exitCode(new IllegalArgumentException("bad name"))).isEqualTo(2);
    }

    @Test
    void durations_parse() {
        assertThat(Durations.parse("60s").getSeconds()).isEqualTo(60);
        assertThat(Durations.parse("1h30m").getSeconds()).isEqualTo(5400);
        assertThat(Durations.parse("90").getSeconds()).isEqualTo(90);
        assertThat(Durations.parse("PT2M").getSeconds()).isEqualTo(120);
        assertThat(Durations.parse("500ms").toMillis()).isEqualTo(500);
    }

    static JsonNode json(Path p) throws IOException {
        return TrainRunner.JSON.readTree(p.toFile());
    }

    static List<String> lines(Path p) throws IOException {
        return Files.readAllLines(p);
    }

    @Test
    void trainProgress_printsCandidatesAndBaggingPasses() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var progress = TrainRunner.progress(new PrintWriter(out), new PrintWriter(err));
        java.time.Instant t = java.time.Instant.parse("2026-12-02T12:00:00Z");
        progress.accept(new io.automl4j.api.Event(t, io.automl4j.api.Stage.SEARCH, io.automl4j.api.Event.Level.INFO,
                "candidate completed", java.util.Map.of("candidate", "automl-x-0001-011-GBDT", "done", "11",
                "planned", "24", "elapsedSeconds", "3.8", "best", "0.83",
                "bestCandidate", "automl-x-0001-002-XGBOOST")));
        progress.accept(new io.automl4j.api.Event(t, io.automl4j.api.Stage.SEARCH, io.automl4j.api.Event.Level.INFO,
                "bagging repeated on new folds", java.util.Map.of("repeat", "2", "candidates", "23", "of", "24")));
        assertThat(out.toString()).contains("[11/24]    3.8s  completed 011-GBDT")
                .contains("best 0.83 (002-XGBOOST)")
                .contains("bagging pass 2: 23 of 24 candidates trained again on new folds");
        assertThat(err.toString()).isEmpty();
    }
}
