package io.automl4j.benchmarks;

import io.automl4j.api.Algorithm;
import io.automl4j.api.AutoMLJob;
import io.automl4j.api.data.Dataset;
import io.automl4j.api.model.Predictions;
import io.automl4j.api.model.TrainedModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Batch prediction throughput of a trained model through the full pipeline (CSV-typed table -> preprocessing ->
 * k fold models averaged), on German credit (20 mixed features). Reported as time per batch; rows/s = batch / time.
 *
 * <pre>{@code java -jar benchmarks/target/benchmarks.jar PredictBench -p batch=10000}</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class PredictBench {
    @Param({"XGBOOST", "GBDT", "RANDOM_FOREST", "LINEAR"})
    public String algorithm;

    @Param({"1000", "10000"})
    public int batch;

    private TrainedModel model;
    private Dataset rows;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        Dataset data;
        try (Reader r = new InputStreamReader(PredictBench.class.getResourceAsStream("credit_g.csv"),
                StandardCharsets.UTF_8)) {
            data = Dataset.readCsv(r, "credit_g.csv");
        }
        model = AutoMLJob.builder().target("class").maxCandidates(1).algorithms(Algorithm.valueOf(algorithm))
                .seed(1).threads(1).build().fit(data).bestModel();
        SplittableRandom rng = new SplittableRandom(7);
        int[] idx = new int[batch];
        for (int i = 0; i < batch; i++) {
            idx[i] = rng.nextInt(data.rowCount());
        }
        rows = data.selectRows(idx);
    }

    @Benchmark
    public Predictions predict() {
        return model.predict(rows);
    }
}
