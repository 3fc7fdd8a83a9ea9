package io.automl4j.benchmarks;

import io.automl4j.api.AutoMLJob;
import io.automl4j.api.AutoMLResult;
import io.automl4j.api.data.Dataset;
import io.automl4j.api.eval.LeaderboardEntry;
import io.automl4j.api.eval.Metric;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Every leaderboard entry's holdout score beside its test score: runs an ENSEMBLING job without refit (so each
 * entry keeps the models it was scored with) and evaluates each entry's model on a test split. Shows how far the
 * holdout choice of AUTOML-R29 is from the best entry on test, and compares ensembles on the same candidates.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.automl4j.benchmarks.EntryScores TRAIN TEST TARGET METRIC SECONDS</pre>
 * (benchmarks/scripts/entry-scores.sh runs it on the shared splits.)
 */
public final class EntryScores {
    private EntryScores() {
    }

    /**
     * @param args train.csv, test.csv, target column, objective metric (enum name), time budget in seconds
     */
    public static void main(String[] args) {
        if (args.length != 5) {
            System.err.println("usage: EntryScores TRAIN_CSV TEST_CSV TARGET METRIC SECONDS");
            System.exit(2);
        }
        Dataset train = Dataset.readCsv(Path.of(args[0]));
        Dataset test = Dataset.readCsv(Path.of(args[1]));
        Metric metric = Metric.valueOf(args[3]);
        AutoMLResult r = AutoMLJob.builder().target(args[2]).objectiveMetric(metric)
                .maxJobRuntime(Duration.ofSeconds(Long.parseLong(args[4]))).seed(1L).build().fit(train);
        System.out.printf(Locale.ROOT, "%4s  %-14s %-18s %10s %10s%n", "rank", "entry", "kind", "holdout", "test");
        for (LeaderboardEntry e : r.leaderboard().entries()) {
            double t = r.model(e.candidateName()).map(m -> m.evaluate(test).metrics().get(metric))
                    .orElse(Double.NaN);
            String name = e.candidateName();
            System.out.printf(Locale.ROOT, "%4d  %-14s %-18s %10.5f %10.5f%n", e.rank(),
                    name.substring(name.length() - Math.min(14, name.length())), e.kind(), e.objective(), t);
        }
    }
}
