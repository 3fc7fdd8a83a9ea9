package io.automl4j.api.eval;

/** Whether larger or smaller values of a metric are better. */
public enum Direction {
    /** Larger is better. */
    MAXIMIZE,
    /** Smaller is better. */
    MINIMIZE;

    /**
     * @param a a metric value
     * @param b another metric value
     * @return true when {@code a} is strictly better than {@code b}; NaN is never better than a number
     */
    public boolean isBetter(double a, double b) {
        if (Double.isNaN(a)) {
            return false;
        }
        if (Double.isNaN(b)) {
            return true;
        }
        return this == MAXIMIZE ? a > b : a < b;
    }
}
