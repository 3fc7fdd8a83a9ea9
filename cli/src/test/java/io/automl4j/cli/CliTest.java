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
        assertThat(out.resolve("model/model.json")).content().contains("\"refit\" : \"true\"");
        assertThat(r.out()).contains("STACKED");
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
}
