package io.automl4j.forecast.internal;

/**
 * A model's forecast of one series: mean per step and one row per quantile level.
 *
 * @param mean      h values
 * @param quantiles [level][step]
 */
public record Prediction(double[] mean, double[][] quantiles) {
    /** @return true when every value is finite */
    boolean finite() {
        for (double v : mean) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        for (double[] q : quantiles) {
            for (double v : q) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Gaussian quantiles mean + z<sub>τ</sub>·sd.
     *
     * @param mean   h means
     * @param sd     h standard deviations
     * @param levels quantile levels
     * @return the prediction
     */
    static Prediction gaussian(double[] mean, double[] sd, double[] levels) {
        double[][] q = new double[levels.length][mean.length];
        for (int i = 0; i < levels.length; i++) {
            double z = Stats.normalQuantile(levels[i]);
            for (int t = 0; t < mean.length; t++) {
                q[i][t] = mean[t] + z * sd[t];
            }
        }
        return new Prediction(mean, q);
    }
}
