package io.automl4j.core.internal.learn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Fit and predict timings of the classic learners with their default hyperparameters, on credit_g (numeric
 * columns, 750 training rows) and on a synthetic 25,000 x 15 table (20,000 training rows, 5,000 predicted). Minutes
 * long, so it runs only on request:
 * {@code mvn -pl automl-core -am test -Dtest=ClassicLearnerTimingTest -Dautoml4j.timing=true
 * -Dsurefire.failIfNoSpecifiedTests=false} (optionally {@code -Dautoml4j.timing.threads=2}).
 */
@EnabledIfSystemProperty(named = "automl4j.timing", matches = "true")
class ClassicLearnerTimingTest {
    private static final Logger LOG = LoggerFactory.getLogger(ClassicLearnerTimingTest.class);

    private record Entry(String name, Function<Map<String, String>, Learner> factory, boolean dense) {
    }

    @Test
    void timings() {
        int threads = Integer.getInteger("automl4j.timing.threads", 1);
        String only = System.getProperty("automl4j.timing.only", "");
        List<Entry> learners = List.of(
                new Entry("random_forest", RandomForestLearner::new, false),
                new Entry("extra_trees", ExtraTreesLearner::new, false),
                new Entry("linear", LinearLearner::new, true),
                new Entry("mlp", MlpLearner::new, true),
                new Entry("knn", KnnLearner::new, true));
        for (Entry e : learners) {
            if (!only.isEmpty() && !only.contains(e.name())) {
                continue;
            }
            time(e, "credit_g", ClassicData.creditG(), threads);
            time(e, "synthetic-20k-clf", ClassicData.synthetic(25_000, 15, false, 5L), threads);
            time(e, "synthetic-20k-reg", ClassicData.synthetic(25_000, 15, true, 5L), threads);
        }
    }

    private static void time(Entry e, String data, ClassicData.Split split, int threads) {
        ClassicData.Split s = e.dense() ? split.standardised() : split;
        LearnContext ctx = new LearnContext(s.task(), 42, threads, null, Instant::now);
        long t0 = System.nanoTime();
        FittedLearner m = e.factory().apply(Map.of()).fit(s.train(), ctx);
        long t1 = System.nanoTime();
        double[][] p = m.predict(s.testX());
        long t2 = System.nanoTime();
        double metric = s.task().isRegression() ? ClassicData.rmse(p, s.testY()) : ClassicData.auc(p, s.testY());
        LOG.info("TIMING {} {} threads={} trainRows={} fit={}ms predict({} rows)={}ms {}={} bytes={} info={}",
                e.name(), data, threads, s.train().rows(), (t1 - t0) / 1_000_000, s.testX().rows(),
                (t2 - t1) / 1_000_000, s.task().isRegression() ? "rmse" : "auc",
                String.format(java.util.Locale.ROOT, "%.4f", metric), m.serialize().length, m.info());
    }
}
