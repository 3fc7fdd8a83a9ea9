package io.automl4j.core.internal.learn;

import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.common.tree.AbstractCARTTrainer;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.dataset.DatasetView;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanAbsoluteError;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import java.util.function.LongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Trains the tree ensembles behind {@link RandomForestLearner} and {@link ExtraTreesLearner}: one tree per member,
 * each with its own seeds drawn up front in tree order, built one at a time (or {@code ctx.threads()} at a time) so
 * the deadline is checked between trees and the forest is the same for any thread count. Every tree goes straight
 * into {@link CompactForest}'s flat layout, which keeps only split features, thresholds and leaf values
 * ({@code x > threshold} goes right, NaN goes left).
 *
 * <p>Which grower (recorded as {@code implementation} in {@code info()}):
 * <ul>
 *   <li>{@link HistForest}, automl4j's own CART on {@link FeatureBins} indices: every classification forest
 *       (random forest with gini or entropy, and extra trees with random thresholds on raw values) and every
 *       regression random forest (squared error, or absolute error through {@link AbsoluteErrorSplitter}: portfolio
 *       entry 9). Measured against Tribuo's CART it replaced (same bins, same thresholds): about ten times faster,
 *       as accurate (see {@link HistForest} and the learners' tests).</li>
 *   <li>{@link ExtraTreesRegression}: squared-error extra trees on raw values.</li>
 *   <li>Tribuo 4.3.2's CART on bin indices: only regression extra trees with the {@code absolute_error} criterion
 *       (not in the portfolio), flattened with {@link CompactForest.Tree#flatten}. Tribuo's object trees and their
 *       protobuf form carry per-leaf output maps and per-tree provenance, so they are never kept.</li>
 * </ul>
 *
 * <p>Binned trees: columns with at most 255 distinct values lose nothing (their cut points are CART's midpoints);
 * others are split at quantiles, as histogram-based boosting does. Missing values are bin 0, below every observed
 * value, so a split can isolate the missing rows or send them with the smallest values; thresholds mapped back to
 * raw values keep that behaviour because a NaN never compares greater than a threshold (missing goes left).
 */
final class TribuoForest {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TribuoForest.class);
    private static final AtomicBoolean ET_REGRESSION_WARNED = new AtomicBoolean();
    /**
     * Tribuo logs through java.util.logging (e.g. INFO per bagged model); keep its chatter out of the host
     * application's logs. A strong reference, so the level is not lost when the logger is collected.
     */
    private static final Logger TRIBUO_LOGGER = Logger.getLogger("org.tribuo");

    static {
        Level level = TRIBUO_LOGGER.getLevel();
        if (level == null || level.intValue() < Level.WARNING.intValue()) {
            TRIBUO_LOGGER.setLevel(Level.WARNING);
        }
    }

    private static final String REGRESSOR_DIM = "y";

    /** Tree-ensemble settings resolved from a learner's hyperparameters. */
    record Config(int trees, String classificationCriterion, String regressionCriterion, String maxFeatures,
                  int minSamplesLeaf, int maxDepth, boolean bootstrap, boolean randomSplits) {
    }

    private TribuoForest() {
    }

    static FittedLearner fit(String kind, Config cfg, TrainData train, LearnContext ctx) {
        LearnSupport.checkNonEmpty(train, kind);
        long start = System.nanoTime();
        Task task = ctx.task();
        FeatureMatrix x = train.x();
        int p = x.cols();
        boolean absoluteError = cfg.regressionCriterion().equals("absolute_error");
        boolean ownExtraTrees = task.isRegression() && cfg.randomSplits() && !absoluteError;
        // HistForest grows every classification forest and every regression random forest; Tribuo is left only
        // with regression extra trees by the absolute_error criterion (not in the portfolio)
        boolean hist = !task.isRegression() || !cfg.randomSplits();
        boolean tribuo = !ownExtraTrees && !hist;
        FeatureBins bins = tribuo ? FeatureBins.fit(x) : null;
        String[] names = featureNames(p);
        int mtry = mtry(cfg, p);
        String mtryNote = null;
        if (task.isRegression() && cfg.randomSplits() && mtry > 1 && tribuo) {
            // Tribuo 4.3.2 bug: RegressorTrainingNode.buildRandomTree never clears its per-feature index lists, so
            // with more than one candidate feature the impurity of later candidates (and the chosen split) is
            // computed on the union of all earlier candidates' rows. One feature per split is unaffected.
            mtryNote = "limited from " + mtry + " to 1: Tribuo 4.3.2 random-split regression trees are wrong with"
                    + " more than one candidate feature";
            if (ET_REGRESSION_WARNED.compareAndSet(false, true)) {
                LOG.warn("{} regression: features per split {} (warned once; see each model's info())", kind,
                        mtryNote);
            } else {
                LOG.debug("{} regression: features per split {}", kind, mtryNote);
            }
            mtry = 1;
        }
        float fraction = (float) mtry / p;
        float[] weights = normalisedWeights(train);
        Built built;
        String implementation;
        if (ownExtraTrees) {
            LearnSupport.checkFiniteTargets(train.y());
            ExtraTreesRegression et = new ExtraTreesRegression(train, weights, mtry, cfg.minSamplesLeaf(),
                    cfg.maxDepth());
            SplittableRandom rng = new SplittableRandom(ctx.seed());
            long[] treeSeeds = new long[cfg.trees()];
            for (int i = 0; i < treeSeeds.length; i++) {
                treeSeeds[i] = rng.nextLong();
            }
            built = grow(cfg.trees(), ctx, i -> et.grow(treeSeeds[i]));
            implementation = "automl4j extra-trees regression (random thresholds on raw values)";
        } else if (hist) {
            HistForest forest;
            if (task.isRegression()) {
                LearnSupport.checkFiniteTargets(train.y());
                forest = HistForest.regression(x, train.y(), weights, absoluteError
                        ? HistForest.Criterion.ABSOLUTE_ERROR : HistForest.Criterion.SQUARED_ERROR, mtry,
                        cfg.minSamplesLeaf(), cfg.maxDepth(), cfg.bootstrap());
            } else {
                int[] labels = LearnSupport.classLabels(train.y(), task.numClasses());
                HistForest.Criterion criterion = cfg.classificationCriterion().equals("entropy")
                        ? HistForest.Criterion.ENTROPY : HistForest.Criterion.GINI;
                forest = HistForest.classification(x, labels, task.numClasses(), weights, criterion, mtry,
                        cfg.minSamplesLeaf(), cfg.maxDepth(), cfg.bootstrap(), cfg.randomSplits());
            }
            long[][] seeds = treeAndBagSeeds(ctx.seed(), cfg.trees());
            built = grow(cfg.trees(), ctx, i -> forest.grow(seeds[0][i], seeds[1][i]));
            implementation = forest.binnedSplits()
                    ? "automl4j histogram CART (best split over the bins of each candidate feature)"
                    : "automl4j extra trees (random thresholds on raw values)";
        } else if (task.isRegression()) {
            LearnSupport.checkFiniteTargets(train.y());
            RegressionFactory factory = new RegressionFactory();
            MutableDataset<Regressor> ds = new MutableDataset<>(provenance(factory), factory);
            for (int i = 0; i < train.rows(); i++) {
                ds.add(example(new Regressor(REGRESSOR_DIM, train.y()[i]), x, i, names, bins, weights));
            }
            built = build(ds, cfg, ctx, 0, bins, seed -> new CARTRegressionTrainer(cfg.maxDepth(),
                    cfg.minSamplesLeaf(), 0.0f, fraction, cfg.randomSplits(), new MeanAbsoluteError(), seed));
            implementation = "Tribuo 4.3.2 CART on bins (absolute_error)";
        } else {
            throw new IllegalStateException("no tree grower for " + task + " with " + cfg);
        }
        CompactForest forest = CompactForest.of(built.trees, task.numClasses(), p);
        Map<String, String> info = new TreeMap<>();
        info.put("trees", Integer.toString(built.trees.size()));
        info.put("treesRequested", Integer.toString(cfg.trees()));
        info.put("featuresPerSplit", Integer.toString(mtry));
        if (mtryNote != null) {
            info.put("featuresPerSplitNote", mtryNote);
        }
        info.put("nodes", Integer.toString(forest.nodeCount()));
        info.put("implementation", implementation);
        if (ownExtraTrees || cfg.randomSplits() && hist) {
            info.put("missingValues", "sent left at every split");
        } else {
            info.put("missingValues", "own bin below all values: a split isolates them or sends them left");
            info.put("maxBins", Integer.toString(FeatureBins.MAX_BINS));
        }
        info.put("timeLimited", Boolean.toString(built.timeLimited));
        info.put("fitMillis", Long.toString((System.nanoTime() - start) / 1_000_000));
        return new CompactForest.Fitted(kind, forest, info);
    }

    record Built(List<CompactForest.Tree> trees, boolean timeLimited) {
    }

    private static <T extends Output<T>> Built build(MutableDataset<T> ds, Config cfg, LearnContext ctx,
                                                     int numClasses, FeatureBins bins,
                                                     LongFunction<AbstractCARTTrainer<T>> trainers) {
        ImmutableFeatureMap fmap = ds.getFeatureIDMap();
        ImmutableOutputInfo<T> oinfo = ds.getOutputIDInfo();
        int n = ds.size();
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        // one fixed view so every member sees the same feature and output id maps
        DatasetView<T> full = new DatasetView<>(ds, all, fmap, oinfo, "all");
        full.setStoreIndices(false);
        int[] columnOfId = columnOfFeatureId(fmap, ds.getFeatureMap().size());
        long[][] seeds = treeAndBagSeeds(ctx.seed(), cfg.trees());
        IntFunction<CompactForest.Tree> tree = i -> {
            Dataset<T> data = cfg.bootstrap()
                    ? DatasetView.createBootstrapView(full, n, seeds[1][i], fmap, oinfo) : full;
            TreeModel<T> model = trainers.apply(seeds[0][i]).train(data);
            return CompactForest.Tree.flatten(model, columnOfId, bins, numClasses, REGRESSOR_DIM);
        };
        return grow(cfg.trees(), ctx, tree);
    }

    /**
     * Per-tree seeds drawn up front in tree order (tree seed, then bootstrap seed, per tree), so the forest does not
     * depend on thread scheduling.
     *
     * @return {tree seeds, bootstrap seeds}
     */
    static long[][] treeAndBagSeeds(long seed, int trees) {
        SplittableRandom rng = new SplittableRandom(seed);
        long[][] out = new long[2][trees];
        for (int i = 0; i < trees; i++) {
            out[0][i] = rng.nextLong();
            out[1][i] = rng.nextLong();
        }
        return out;
    }

    /**
     * Grows {@code count} trees in index order, {@code ctx.threads()} at a time, checking the deadline before each
     * one after the first; the result is in index order whatever the scheduling.
     */
    static Built grow(int count, LearnContext ctx, IntFunction<CompactForest.Tree> tree) {
        List<CompactForest.Tree> trees = new ArrayList<>();
        boolean timeLimited = false;
        int threads = Math.min(ctx.threads(), count);
        if (threads <= 1) {
            for (int i = 0; i < count; i++) {
                if (i > 0 && ctx.shouldStop()) {
                    timeLimited = true;
                    break;
                }
                trees.add(tree.apply(i));
            }
            return new Built(trees, timeLimited);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, LearnSupport.daemonThreads("automl4j-trees"));
        // at most `threads` trees in flight; the deadline is checked on the caller's thread before each one
        Semaphore inFlight = new Semaphore(threads);
        List<Future<CompactForest.Tree>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                if (i > 0 && ctx.shouldStop()) {
                    timeLimited = true;
                    break;
                }
                inFlight.acquireUninterruptibly();
                final int idx = i;
                futures.add(pool.submit(() -> {
                    try {
                        return tree.apply(idx);
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            boolean interrupted = false;
            for (Future<CompactForest.Tree> f : futures) {
                while (true) {
                    try {
                        trees.add(f.get());
                        break;
                    } catch (InterruptedException e) {
                        // the few trees in flight finish quickly; restore the flag afterwards
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("tree training failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
        return new Built(trees, timeLimited);
    }

    /** @return for each Tribuo feature id, the matrix column it stands for */
    private static int[] columnOfFeatureId(ImmutableFeatureMap fmap, int p) {
        int[] out = new int[fmap.size()];
        Arrays.fill(out, -1);
        for (int j = 0; j < p; j++) {
            int id = fmap.getID(featureName(j));
            if (id >= 0) {
                out[id] = j;
            }
        }
        return out;
    }

    private static <T extends Output<T>> SimpleDataSourceProvenance provenance(OutputFactory<T> factory) {
        // fixed timestamp: nothing about the fold's wall-clock time leaks into training
        return new SimpleDataSourceProvenance("automl4j training fold",
                OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), factory);
    }

    private static <T extends Output<T>> Example<T> example(T output, FeatureMatrix x, int row, String[] names,
                                                           FeatureBins bins, float[] weights) {
        double[] values = x.row(row);
        for (int j = 0; j < values.length; j++) {
            values[j] = bins.bin(j, values[j]);
        }
        ArrayExample<T> e = new ArrayExample<>(output, names, values);
        if (weights != null) {
            e.setWeight(weights[row]);
        }
        return e;
    }

    /** @return weights scaled to mean 1 (so min_samples_leaf keeps its meaning), or null when unweighted */
    private static float[] normalisedWeights(TrainData train) {
        if (train.weights() == null) {
            return null;
        }
        double sum = 0;
        for (double w : train.weights()) {
            if (!(w >= 0) || !Double.isFinite(w)) {
                throw new IllegalArgumentException("sample weights must be finite and >= 0 but one was " + w);
            }
            sum += w;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("sample weights must not all be zero");
        }
        float[] out = new float[train.rows()];
        double scale = train.rows() / sum;
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (train.weights()[i] * scale);
        }
        return out;
    }

    private static String[] featureNames(int p) {
        String[] names = new String[p];
        for (int j = 0; j < p; j++) {
            names[j] = featureName(j);
        }
        return names;
    }

    private static String featureName(int j) {
        // zero-padded so Tribuo's lexicographic feature ids follow column order
        return String.format("f%07d", j);
    }

    /** Regression forests try every feature per split up to this many columns, p/3 (at least this) above. */
    static final int REGRESSION_ALL_FEATURES = 32;

    /** @return the number of candidate features per split (at least 1, at most p) */
    static int mtry(Config cfg, int p) {
        String mf = cfg.maxFeatures();
        double m = switch (mf) {
            case "sqrt" -> Math.floor(Math.sqrt(p));
            case "log2" -> Math.floor(Math.log(p) / Math.log(2));
            case "third" -> Math.floor(p / 3.0);
            case "all" -> p;
            case "regression_auto" -> p <= REGRESSION_ALL_FEATURES ? p : Math.max(REGRESSION_ALL_FEATURES, p / 3.0);
            default -> Math.floor(Double.parseDouble(mf) * p);
        };
        return (int) Math.max(1, Math.min(p, m));
    }
}
