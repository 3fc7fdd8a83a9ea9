package io.automl4j.cli;

import io.automl4j.api.data.Dataset;
import io.automl4j.api.model.PredictionKey;
import io.automl4j.api.model.Predictions;
import io.automl4j.api.model.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code automl4j predict}: scores a CSV file with a saved model. */
@Command(name = "predict", mixinStandardHelpOptions = true, description = "Score a CSV file with a saved model.")
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "model directory (DIR/model from train)")
    Path model;

    @Option(names = "--data", required = true, description = "CSV with every feature column (extra columns ignored)")
    Path data;

    @Option(names = "--out", required = true, description = "predictions CSV to write")
    Path out;

    @Option(names = "--keys", split = ",", description = "comma-separated subset of ${COMPLETION-CANDIDATES}"
            + " (default PREDICTED_LABEL)")
    List<PredictionKey> keys;

    @Option(names = "--verbose", description = "show stack traces")
    boolean verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter e = spec.commandLine().getErr();
        TrainedModel m = TrainedModel.load(model);
        List<PredictionKey> k = keys == null ? List.of(PredictionKey.PREDICTED_LABEL) : keys;
        m.checkKeys(k.toArray(new PredictionKey[0]));
        Predictions p = m.predict(Dataset.readCsv(data));
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            p.writeCsv(w, k);
        }
        for (Map.Entry<String, Long> w : p.warnings().entrySet()) {
            e.println("warning: " + w.getKey() + " (" + w.getValue() + " rows)");
        }
        o.printf("wrote %d predictions to %s%n", p.size(), out);
        return 0;
    }
}
