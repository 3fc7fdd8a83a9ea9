package io.automl4j.core.internal.hpo;

import io.automl4j.core.internal.Seeds;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.special.Erf;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * BAYESIAN with the GP_EI surrogate (AUTOML-R31): per algorithm, a Gaussian process with a Matérn 5/2 kernel
 * (length scale {@value #LENGTH_SCALE} on the unit cube, unit signal variance, noise {@value #NOISE}) over the
 * standardised losses of that algorithm's completed trials (prior mean 0 = the mean loss of all trials), and
 * expected improvement over the best standardised loss (ξ = {@value #XI}). EI is maximised over
 * {@value #CANDIDATES} candidates: half uniform draws (algorithm uniform), half Gaussian perturbations (σ = 0.1) of
 * each algorithm's best trial; ties → the earlier candidate. Categorical dimensions are treated as their unit
 * coordinate and snapped to a value's canonical coordinate. Kernel hyperparameters are fixed, not fitted. Each
 * proposal uses its own generator {@code (GP, trial)}.
 */
public final class GpEiSampler {
    /** Candidates scored by EI per proposal. */
    public static final int CANDIDATES = 256;
    static final double LENGTH_SCALE = 0.25;
    static final double NOISE = 1e-4;
    static final double XI = 0.01;

    private GpEiSampler() {
    }

    /**
     * @param space        the space
     * @param observations completed trials
     * @param seed         job seed
     * @param trial        index of the trial being proposed
     * @return the proposal (a random draw when there are no observations)
     */
    public static Config propose(SearchSpace space, List<Observation> observations, long seed, int trial) {
        SplittableRandom rng = Seeds.rng(seed, HpoSeeds.GP, trial);
        if (observations.isEmpty()) {
            return RandomSampler.draw(space, rng);
        }
        double mean = 0;
        for (Observation o : observations) {
            mean += o.loss();
        }
        mean /= observations.size();
        double var = 0;
        for (Observation o : observations) {
            var += (o.loss() - mean) * (o.loss() - mean);
        }
        double sd = observations.size() > 1 && var > 0 ? Math.sqrt(var / (observations.size() - 1)) : 1.0;
        double best = Double.POSITIVE_INFINITY;
        Gp[] gps = new Gp[space.size()];
        double[][] bestU = new double[space.size()][];
        double[] bestLoss = new double[space.size()];
        java.util.Arrays.fill(bestLoss, Double.POSITIVE_INFINITY);
        for (int a = 0; a < space.size(); a++) {
            List<double[]> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (Observation o : observations) {
                if (o.config().algorithm() == a) {
                    double z = (o.loss() - mean) / sd;
                    x.add(o.config().u());
                    y.add(z);
                    if (z < bestLoss[a]) {
                        bestLoss[a] = z;
                        bestU[a] = o.config().u();
                    }
                }
            }
            gps[a] = new Gp(x, y);
            best = Math.min(best, bestLoss[a]);
        }
        Config chosen = null;
        double chosenEi = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CANDIDATES; c++) {
            int a = rng.nextInt(space.size());
            List<Dim> dims = space.get(a).dims();
            double[] u = new double[dims.size()];
            boolean local = c % 2 == 1 && bestU[a] != null;
            for (int d = 0; d < u.length; d++) {
                double v = local ? bestU[a][d] + 0.1 * rng.nextGaussian() : rng.nextDouble();
                v = Math.min(1, Math.max(0, v));
                if (dims.get(d).kind() == Dim.Kind.CATEGORICAL) {
                    v = (dims.get(d).index(v) + 0.5) / dims.get(d).size();
                }
                u[d] = v;
            }
            double ei = gps[a].expectedImprovement(u, best);
            if (chosen == null || ei > chosenEi) {
                chosenEi = ei;
                chosen = new Config(a, u);
            }
        }
        return chosen;
    }

    /** Matérn 5/2: (1 + √5 r/ℓ + 5r²/(3ℓ²)) exp(−√5 r/ℓ). */
    static double matern52(double[] x, double[] y) {
        double r2 = 0;
        for (int i = 0; i < x.length; i++) {
            r2 += (x[i] - y[i]) * (x[i] - y[i]);
        }
        double s = Math.sqrt(5 * r2) / LENGTH_SCALE;
        return (1 + s + s * s / 3) * Math.exp(-s);
    }

    /** A zero-mean GP posterior. */
    static final class Gp {
        private final List<double[]> x;
        private final DecompositionSolver solver;
        private final RealVector alpha;

        Gp(List<double[]> x, List<Double> y) {
            this.x = x;
            int n = x.size();
            if (n == 0) {
                solver = null;
                alpha = null;
                return;
            }
            double[][] k = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    k[i][j] = matern52(x.get(i), x.get(j)) + (i == j ? NOISE : 0);
                }
            }
            solver = new CholeskyDecomposition(new Array2DRowRealMatrix(k, false), 1e-10, 1e-14).getSolver();
            alpha = solver.solve(new ArrayRealVector(y.stream().mapToDouble(Double::doubleValue).toArray()));
        }

        /** @return {mean, variance} at u */
        double[] predict(double[] u) {
            if (x.isEmpty()) {
                return new double[] {0, 1};
            }
            double[] ks = new double[x.size()];
            for (int i = 0; i < ks.length; i++) {
                ks[i] = matern52(x.get(i), u);
            }
            RealVector kv = new ArrayRealVector(ks, false);
            double mean = kv.dotProduct(alpha);
            double var = 1 + NOISE - kv.dotProduct(solver.solve(kv));
            return new double[] {mean, Math.max(var, 1e-12)};
        }

        double expectedImprovement(double[] u, double best) {
            double[] mv = predict(u);
            double s = Math.sqrt(mv[1]);
            double imp = best - mv[0] - XI;
            double z = imp / s;
            double cdf = 0.5 * (1 + Erf.erf(z / Math.sqrt(2)));
            double pdf = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
            return imp * cdf + s * pdf;
        }
    }
}
