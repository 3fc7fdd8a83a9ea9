package io.automl4j.core.internal.hpo;

import io.automl4j.core.internal.Seeds;
import org.apache.commons.math3.special.Erf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Tree-structured Parzen estimator (Bergstra et al. 2011) over the conditional space (AUTOML-R31): the completed
 * observations are split into the best ⌈γ·n⌉ ("good", γ = 0.25; ties in loss → lower trial index) and the rest;
 * {@value #CANDIDATES} candidates are drawn from the good densities l and the one maximising l(x)/g(x) (expected
 * improvement under TPE) is proposed; ties → the earlier candidate.
 *
 * <ul>
 * <li>Algorithm: categorical with add-one smoothing, l(a) = (good(a) + 1) / (n_good + A), g likewise.</li>
 * <li>Categorical dimension: the same smoothing over the algorithm's good resp. bad observations.</li>
 * <li>Integer / continuous dimension, on the unit coordinate: a mixture of truncated normals on [0, 1], one per
 * observation of the algorithm plus a prior N(0.5, 1), equally weighted; each observation's σ is the larger gap
 * to its neighbours (0 and 1 bound the ends), clipped to [1/min(100, m + 1), 1] (hyperopt's adaptive Parzen
 * rule).</li>
 * </ul>
 * Each proposal uses its own generator {@code (TPE, trial)}, so a batch is reproducible from (seed, trial indices,
 * observations) alone.
 */
public final class TpeSampler {
    /** γ: share of observations that are "good". */
    public static final double GAMMA = 0.25;
    /** Expected-improvement candidates per proposal. */
    public static final int CANDIDATES = 24;

    private TpeSampler() {
    }

    /**
     * @param space        the space
     * @param observations completed trials (any order; sorted here)
     * @param seed         job seed
     * @param trial        index of the trial being proposed
     * @return the proposal (a random draw when there are no observations)
     */
    public static Config propose(SearchSpace space, List<Observation> observations, long seed, int trial) {
        SplittableRandom rng = Seeds.rng(seed, HpoSeeds.TPE, trial);
        if (observations.isEmpty()) {
            return RandomSampler.draw(space, rng);
        }
        List<Observation> sorted = new ArrayList<>(observations);
        sorted.sort(Comparator.comparingDouble(Observation::loss).thenComparingInt(Observation::trial));
        int nGood = Math.max(1, (int) Math.ceil(GAMMA * sorted.size()));
        List<Observation> good = sorted.subList(0, nGood);
        List<Observation> bad = sorted.subList(nGood, sorted.size());
        int algos = space.size();
        double[] lA = smoothed(good, algos);
        double[] gA = smoothed(bad, algos);

        Config best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CANDIDATES; c++) {
            int a = pick(lA, rng);
            List<Dim> dims = space.get(a).dims();
            List<Observation> goodA = good.stream().filter(o -> o.config().algorithm() == a).toList();
            List<Observation> badA = bad.stream().filter(o -> o.config().algorithm() == a).toList();
            double[] u = new double[dims.size()];
            double score = Math.log(lA[a]) - Math.log(gA[a]);
            for (int d = 0; d < dims.size(); d++) {
                Dim dim = dims.get(d);
                double[] gu = coords(goodA, d);
                double[] bu = coords(badA, d);
                if (dim.kind() == Dim.Kind.CATEGORICAL) {
                    double[] l = categorical(gu, dim);
                    double[] g = categorical(bu, dim);
                    int i = pick(l, rng);
                    u[d] = (i + 0.5) / dim.size();
                    score += Math.log(l[i]) - Math.log(g[i]);
                } else {
                    Parzen l = new Parzen(gu);
                    Parzen g = new Parzen(bu);
                    u[d] = l.sample(rng);
                    score += Math.log(l.density(u[d])) - Math.log(g.density(u[d]));
                }
            }
            if (score > bestScore || best == null) {
                bestScore = score;
                best = new Config(a, u);
            }
        }
        return best;
    }

    private static double[] smoothed(List<Observation> obs, int k) {
        double[] p = new double[k];
        Arrays.fill(p, 1.0);
        for (Observation o : obs) {
            p[o.config().algorithm()] += 1;
        }
        double sum = obs.size() + k;
        for (int i = 0; i < k; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static double[] categorical(double[] coords, Dim dim) {
        int k = dim.size();
        double[] p = new double[k];
        Arrays.fill(p, 1.0);
        for (double u : coords) {
            p[dim.index(u)] += 1;
        }
        for (int i = 0; i < k; i++) {
            p[i] /= coords.length + k;
        }
        return p;
    }

    private static double[] coords(List<Observation> obs, int d) {
        double[] out = new double[obs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = obs.get(i).config().at(d);
        }
        return out;
    }

    private static int pick(double[] p, SplittableRandom rng) {
        double r = rng.nextDouble();
        double acc = 0;
        for (int i = 0; i < p.length; i++) {
            acc += p[i];
            if (r < acc) {
                return i;
            }
        }
        return p.length - 1;
    }

    /** A mixture of truncated normals on [0, 1]: the prior N(0.5, 1) plus one per point. */
    static final class Parzen {
        final double[] mu;
        final double[] sigma;
        final double[] mass;

        Parzen(double[] points) {
            double[] p = points.clone();
            Arrays.sort(p);
            int m = p.length;
            mu = new double[m + 1];
            sigma = new double[m + 1];
            mass = new double[m + 1];
            mu[0] = 0.5;
            sigma[0] = 1.0;
            double minSigma = 1.0 / Math.min(100, m + 1);
            for (int i = 0; i < m; i++) {
                double left = i == 0 ? 0.0 : p[i - 1];
                double right = i == m - 1 ? 1.0 : p[i + 1];
                mu[i + 1] = p[i];
                sigma[i + 1] = Math.min(1.0, Math.max(minSigma, Math.max(p[i] - left, right - p[i])));
            }
            for (int i = 0; i <= m; i++) {
                mass[i] = cdf((1 - mu[i]) / sigma[i]) - cdf(-mu[i] / sigma[i]);
            }
        }

        double density(double x) {
            double s = 0;
            for (int i = 0; i < mu.length; i++) {
                double z = (x - mu[i]) / sigma[i];
                s += Math.exp(-0.5 * z * z) / (sigma[i] * Math.sqrt(2 * Math.PI) * mass[i]);
            }
            return s / mu.length;
        }

        double sample(SplittableRandom rng) {
            int i = rng.nextInt(mu.length);
            for (int tries = 0; tries < 64; tries++) {
                double x = mu[i] + sigma[i] * rng.nextGaussian();
                if (x >= 0 && x <= 1) {
                    return x;
                }
            }
            return Math.min(1, Math.max(0, mu[i]));
        }

        private static double cdf(double z) {
            return 0.5 * (1 + Erf.erf(z / Math.sqrt(2)));
        }
    }
}
