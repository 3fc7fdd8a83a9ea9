package io.automl4j.benchmarks;

import io.automl4j.core.internal.metrics.Metrics;
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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Cost of the metrics the engine computes for every candidate and fold: AUC (an O(n log n) sort), LogLoss (one
 * pass with a logarithm per row) and the confusion matrix behind the label metrics, on weighted binary
 * predictions.
 *
 * <p>How to run:
 * <pre>{@code
 * mvn -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar MetricsBench
 * java -jar benchmarks/target/benchmarks.jar MetricsBench -p rows=100000 -wi 2 -i 3 -f 1 -w 1s -r 1s   # quick
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = "-Xmx2g")
@State(Scope.Benchmark)
public class MetricsBench {

    private static final long SEED = 42L;
    private static final int POSITIVE = 1;

    @Param({"10000", "100000", "1000000"})
    int rows;

    private int[] y;
    private int[] yhat;
    private double[] score;
    private double[][] proba;
    private double[] weights;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        y = new int[rows];
        yhat = new int[rows];
        score = new double[rows];
        proba = new double[rows][];
        weights = new double[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = rnd.nextInt(2);
            // an informative but imperfect score, so the ROC sweep and the labels are realistic
            double z = 1.2 * (2 * y[i] - 1) + rnd.nextGaussian();
            double p = 1.0 / (1.0 + Math.exp(-z));
            score[i] = p;
            proba[i] = new double[] {1.0 - p, p};
            yhat[i] = p >= 0.5 ? POSITIVE : 1 - POSITIVE;
            weights[i] = 0.5 + rnd.nextDouble();
        }
    }

    @Benchmark
    public double auc() {
        return Metrics.auc(y, score, weights, POSITIVE);
    }

    @Benchmark
    public double logLoss() {
        return Metrics.logLoss(y, proba, weights);
    }

    @Benchmark
    public double[][] confusionMatrix() {
        return Metrics.confusionMatrix(2, y, yhat, weights);
    }
}
