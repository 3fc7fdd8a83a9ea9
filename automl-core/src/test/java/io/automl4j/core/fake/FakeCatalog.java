package io.automl4j.core.fake;

import io.automl4j.api.Algorithm;
import io.automl4j.core.internal.learn.FeatureMatrix;
import io.automl4j.core.internal.learn.FittedLearner;
import io.automl4j.core.internal.learn.LearnContext;
import io.automl4j.core.internal.learn.Learner;
import io.automl4j.core.internal.learn.LearnerCatalog;
import io.automl4j.core.internal.learn.TrainData;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fake learners for orchestration tests: PRIOR predicts the weighted class prior (or weighted mean); FAIL throws;
 * OUT_OF_MEMORY throws an OutOfMemoryError; SLOW waits (parked, 1 ms steps) for its deadline; STUCK ignores deadlines and interrupts for 30 seconds. Which algorithm does what is configurable.
 */
public final class FakeCatalog implements LearnerCatalog {
    /** What a fake algorithm does. */
    public enum Behaviour { PRIOR, CENTROID, FAIL, OUT_OF_MEMORY, SLOW, STUCK, FEATURE_FIT }

    private final Map<Algorithm, Behaviour> behaviours;
    private final Set<Algorithm> unavailable;

    public FakeCatalog(Map<Algorithm, Behaviour> behaviours, Set<Algorithm> unavailable) {
        this.behaviours = Map.copyOf(behaviours);
        this.unavailable = Set.copyOf(unavailable);
    }

    /** @return every algorithm a nearest-centroid fake */
    public static FakeCatalog allCentroid() {
        Map<Algorithm, Behaviour> m = new java.util.EnumMap<>(Algorithm.class);
        for (Algorithm a : Algorithm.values()) {
            m.put(a, Behaviour.CENTROID);
        }
        return new FakeCatalog(m, Set.of());
    }

    @Override
    public Learner create(Algorithm algorithm, Map<String, String> overrides) {
        Behaviour b = behaviours.getOrDefault(algorithm, Behaviour.PRIOR);
        return new Learner() {
            @Override
            public Algorithm algorithm() {
                return algorithm;
            }

            @Override
            public Flavor flavor() {
                return algorithm == Algorithm.LINEAR || algorithm == Algorithm.KNN || algorithm == Algorithm.MLP
                        ? Flavor.DENSE : Flavor.TREE;
            }

            @Override
            public boolean supportsWeights() {
                return algorithm != Algorithm.KNN;
            }

            @Override
            public Map<String, String> hyperparameters() {
                return new java.util.TreeMap<>(Map.of("behaviour", b.name()));
            }

            @Override
            public FittedLearner fit(TrainData train, LearnContext ctx) {
                switch (b) {
                    case FAIL -> throw new IllegalStateException("fake failure");
                    case OUT_OF_MEMORY -> throw new OutOfMemoryError("fake: Java heap space");
                    case SLOW -> {
                        // parks rather than spins: spinning trials (up to maxParallelCandidates of them) would eat the
                        // CPU of a 2-core machine and starve the scheduler whose time sharing the tests check
                        while (!ctx.shouldStop()) {
                            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                        }
                        return prior(train, ctx);
                    }
                    case STUCK -> {
                        long end = System.nanoTime() + 30_000_000_000L;
                        while (System.nanoTime() < end) {
                            Thread.onSpinWait();
                        }
                        return prior(train, ctx);
                    }
                    case CENTROID -> {
                        return centroid(train, ctx);
                    }
                    case FEATURE_FIT -> {
                        return ctx.task().isRegression() ? featureFit(train, algorithm.ordinal() % train.x().cols())
                                : centroid(train, ctx);
                    }
                    default -> {
                        return prior(train, ctx);
                    }
                }
            }
        };
    }

    static FittedLearner prior(TrainData t, LearnContext ctx) {
        int w = ctx.task().outputWidth();
        double[] p = new double[w];
        double sw = 0;
        for (int i = 0; i < t.rows(); i++) {
            double wi = t.weight(i);
            if (ctx.task().isRegression()) {
                p[0] += wi * t.y()[i];
            } else {
                p[(int) t.y()[i]] += wi;
            }
            sw += wi;
        }
        for (int j = 0; j < w; j++) {
            p[j] /= sw;
        }
        return new Constant(p);
    }

    /** Regression: least squares on one feature (the algorithm's ordinal modulo the columns), NaN as the mean. */
    static FittedLearner featureFit(TrainData t, int feature) {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        for (int i = 0; i < t.rows(); i++) {
            double x = t.x().get(i, feature);
            if (!Double.isNaN(x)) {
                sx += x;
                sy += t.y()[i];
                sxx += x * x;
                sxy += x * t.y()[i];
                n++;
            }
        }
        double mx = sx / n;
        double my = sy / n;
        double var = sxx / n - mx * mx;
        double slope = var > 0 ? (sxy / n - mx * my) / var : 0;
        return new FeatureLine(feature, slope, my - slope * mx, mx);
    }

    record FeatureLine(int feature, double slope, double intercept, double mean) implements FittedLearner {
        @Override
        public double[][] predict(FeatureMatrix x) {
            double[][] out = new double[x.rows()][1];
            for (int i = 0; i < x.rows(); i++) {
                double v = x.get(i, feature);
                out[i][0] = intercept + slope * (Double.isNaN(v) ? mean : v);
            }
            return out;
        }

        @Override
        public String kind() {
            return "fake-feature-line";
        }

        @Override
        public byte[] serialize() {
            return ByteBuffer.allocate(28).putInt(feature).putDouble(slope).putDouble(intercept).putDouble(mean)
                    .array();
        }

        @Override
        public Map<String, String> info() {
            return Map.of();
        }
    }

    /** Nearest class centroid (NaN features ignored); regression falls back to the mean. */
    static FittedLearner centroid(TrainData t, LearnContext ctx) {
        if (ctx.task().isRegression()) {
            return prior(t, ctx);
        }
        int k = ctx.task().numClasses();
        int d = t.x().cols();
        double[][] sum = new double[k][d];
        double[][] cnt = new double[k][d];
        for (int i = 0; i < t.rows(); i++) {
            int c = (int) t.y()[i];
            for (int j = 0; j < d; j++) {
                double v = t.x().get(i, j);
                if (!Double.isNaN(v)) {
                    sum[c][j] += v;
                    cnt[c][j]++;
                }
            }
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                sum[c][j] = cnt[c][j] == 0 ? 0 : sum[c][j] / cnt[c][j];
            }
        }
        return new Centroids(sum);
    }

    record Constant(double[] p) implements FittedLearner {
        @Override
        public double[][] predict(FeatureMatrix x) {
            double[][] out = new double[x.rows()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = p.clone();
            }
            return out;
        }

        @Override
        public String kind() {
            return "fake-constant";
        }

        @Override
        public byte[] serialize() {
            ByteBuffer b = ByteBuffer.allocate(4 + 8 * p.length);
            b.putInt(p.length);
            for (double v : p) {
                b.putDouble(v);
            }
            return b.array();
        }

        @Override
        public Map<String, String> info() {
            return Map.of();
        }
    }

    record Centroids(double[][] c) implements FittedLearner {
        @Override
        public double[][] predict(FeatureMatrix x) {
            double[][] out = new double[x.rows()][c.length];
            for (int i = 0; i < x.rows(); i++) {
                double[] d = new double[c.length];
                double sum = 0;
                for (int k = 0; k < c.length; k++) {
                    double s = 0;
                    for (int j = 0; j < x.cols(); j++) {
                        double v = x.get(i, j);
                        if (!Double.isNaN(v)) {
                            s += (v - c[k][j]) * (v - c[k][j]);
                        }
                    }
                    d[k] = Math.exp(-Math.sqrt(s));
                    sum += d[k];
                }
                for (int k = 0; k < c.length; k++) {
                    out[i][k] = sum > 0 ? d[k] / sum : 1.0 / c.length;
                }
            }
            return out;
        }

        @Override
        public String kind() {
            return "fake-centroids";
        }

        @Override
        public byte[] serialize() {
            ByteBuffer b = ByteBuffer.allocate(8 + 8 * c.length * c[0].length);
            b.putInt(c.length).putInt(c[0].length);
            for (double[] r : c) {
                for (double v : r) {
                    b.putDouble(v);
                }
            }
            return b.array();
        }

        @Override
        public Map<String, String> info() {
            return Map.of();
        }
    }

    @Override
    public Optional<String> unavailableReason(Algorithm algorithm) {
        return unavailable.contains(algorithm) ? Optional.of("fake: unavailable") : Optional.empty();
    }

    @Override
    public FittedLearner load(String kind, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        switch (kind) {
            case "fake-constant" -> {
                double[] p = new double[b.getInt()];
                for (int i = 0; i < p.length; i++) {
                    p[i] = b.getDouble();
                }
                return new Constant(p);
            }
            case "fake-feature-line" -> {
                return new FeatureLine(b.getInt(), b.getDouble(), b.getDouble(), b.getDouble());
            }
            case "fake-centroids" -> {
                double[][] c = new double[b.getInt()][b.getInt()];
                for (double[] r : c) {
                    for (int j = 0; j < r.length; j++) {
                        r[j] = b.getDouble();
                    }
                }
                return new Centroids(c);
            }
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        }
    }
}
