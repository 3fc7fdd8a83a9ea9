package io.automl4j.samples;

import io.automl4j.api.AutoMLJob;
import io.automl4j.api.AutoMLResult;
import io.automl4j.api.AutoMLRun;
import io.automl4j.api.Candidate;
import io.automl4j.api.data.Dataset;
import io.automl4j.api.eval.Metric;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sample 03: run a job in the background, watch it, and stop it when you have seen enough (AUTOML-R1, R45–R47).
 *
 * <p>{@code job.start(data)} returns at once. The handle reports the status and the candidates so far; {@code stop()}
 * keeps every candidate that completed and ends the job STOPPED with the best of them. Interrupting a thread that
 * is inside {@code job.fit(data)} has the same effect.
 *
 * <p>How to run: run {@code main} from your IDE with the {@code samples} module's runtime classpath.
 */
public final class Sample03_BackgroundRun {
    private Sample03_BackgroundRun() {
    }

    /**
     * @param args unused
     * @throws Exception on I/O errors or interruption
     */
    public static void main(String[] args) throws Exception {
        Dataset data;
        try (Reader r = new InputStreamReader(Sample03_BackgroundRun.class.getResourceAsStream("concrete.csv"),
                StandardCharsets.UTF_8)) {
            data = Dataset.readCsv(r, "concrete.csv");
        }
        AutoMLJob job = AutoMLJob.builder()
                .target("compressive_strength")
                .objectiveMetric(Metric.RMSE)
                .maxCandidates(10)
                .build();
        AutoMLRun run = job.start(data);
        // watch until three candidates have finished, then stop: the rest are not needed for this demo
        while (!run.await(Duration.ofMillis(500))) {
            long done = run.candidates().stream().filter(c -> c.status().name().equals("COMPLETED")).count();
            System.out.println(run.secondaryStatus() + ": " + done + " completed");
            if (done >= 3) {
                run.stop();
            }
        }
        AutoMLResult result = run.result();
        System.out.println("status " + run.status() + ", " + result.completionReason());
        for (Candidate c : result.candidates()) {
            System.out.println(c.name() + " " + c.status() + (c.failureReason() == null ? "" : " (" + c.failureReason()
                    + ")"));
        }
        System.out.println(result.leaderboard());
    }
}
