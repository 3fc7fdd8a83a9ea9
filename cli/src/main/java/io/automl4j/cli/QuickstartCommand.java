package io.automl4j.cli;

import io.automl4j.api.AutoMLJob;
import io.automl4j.api.data.Dataset;
import io.automl4j.api.eval.Metric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code automl4j quickstart}: an AutoML run on the German credit data bundled in the jar (1,000 rows, 20
 * features, binary target {@code class}), with a seeded 80/20 split so the saved model is scored on rows it never
 * saw.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Train on a bundled dataset (German credit, 1,000 rows), print the leaderboard, save the model.")
final class QuickstartCommand implements Callable<Integer> {
    static final String DATASET = "/io/automl4j/cli/credit_g.csv";

    @Option(names = "--out", defaultValue = "automl4j-quickstart", description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--max-runtime", converter = Durations.class, defaultValue = "60s",
            description = "time budget (default ${DEFAULT-VALUE})")
    Duration maxRuntime;

    @Option(names = "--registry", defaultValue = "automl4j-registry",
            description = "embedded registry the model is registered in, group 'quickstart' (default ${DEFAULT-VALUE})")
    Path registry;

    @Option(names = "--verbose", description = "log events and show stack traces")
    boolean verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Dataset all;
        try (InputStream in = QuickstartCommand.class.getResourceAsStream(DATASET)) {
            if (in == null) {
                throw new IllegalStateException("bundled dataset " + DATASET + " is missing from the jar");
            }
            all = Dataset.readCsv(new InputStreamReader(in, StandardCharsets.UTF_8), "credit_g.csv (bundled)");
        }
        int n = all.rowCount();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int testRows = n / 5;
        Dataset test = all.selectRows(java.util.Arrays.copyOfRange(idx, 0, testRows));
        Dataset train = all.selectRows(java.util.Arrays.copyOfRange(idx, testRows, n));
        o.printf("automl4j quickstart: German credit risk (%d training rows, %d held out), target 'class', metric AUC,"
                + " budget %ss%n", train.rowCount(), test.rowCount(), maxRuntime.toSeconds());
        o.flush();
        AutoMLJob job = AutoMLJob.builder().name("quickstart").target("class").objectiveMetric(Metric.AUC)
                .maxJobRuntime(maxRuntime).seed(1).listener(TrainRunner.progress(o, spec.commandLine().getErr()))
                .build();
        io.automl4j.api.AutoMLResult result = TrainRunner.run(job, train, test, false, out, o);
        RegistryCommand.register(result, registry, "quickstart", o);
        return 0;
    }
}
