package io.automl4j.core.internal.hpo;

import io.automl4j.api.hpo.ScalingType;

/**
 * AUTOML-R35: the maps from the internal unit coordinate u ∈ [0, 1] to a value of [a, b] (and back, for seeding
 * from known values). {@code scaling} must be resolved (not AUTO). Pure functions.
 */
public final class Scaling {
    private Scaling() {
    }

    /**
     * @param scaling LINEAR, LOGARITHMIC or REVERSE_LOGARITHMIC
     * @param a       lower bound
     * @param b       upper bound
     * @param u       unit coordinate, clamped to [0, 1]
     * @return LINEAR a + u(b − a); LOGARITHMIC exp(ln a + u(ln b − ln a)); REVERSE_LOGARITHMIC
     *         1 − exp(ln(1−b) + u(ln(1−a) − ln(1−b)))
     */
    public static double fromUnit(ScalingType scaling, double a, double b, double u) {
        double v = Math.min(1.0, Math.max(0.0, u));
        if (scaling != ScalingType.AUTO && (v == 0 || v == 1)) {
            // the ends are the bounds exactly (no exp(ln a) rounding): u = 0 -> a, u = 1 -> b, except
            // REVERSE_LOGARITHMIC, whose formula maps u = 0 to b and u = 1 to a
            return (v == 0) == (scaling != ScalingType.REVERSE_LOGARITHMIC) ? a : b;
        }
        return switch (scaling) {
            case LINEAR -> a + v * (b - a);
            case LOGARITHMIC -> Math.exp(Math.log(a) + v * (Math.log(b) - Math.log(a)));
            case REVERSE_LOGARITHMIC -> 1 - Math.exp(Math.log(1 - b) + v * (Math.log(1 - a) - Math.log(1 - b)));
            case AUTO -> throw new IllegalArgumentException("scaling must be resolved, not AUTO");
        };
    }

    /**
     * Integers are sampled on the continuous scale, rounded half-up and clamped to [a, b] (R35).
     *
     * @param scaling LINEAR or LOGARITHMIC
     * @param a       lower bound
     * @param b       upper bound
     * @param u       unit coordinate
     * @return the integer value
     */
    public static long intFromUnit(ScalingType scaling, long a, long b, double u) {
        long v = (long) Math.floor(fromUnit(scaling, a, b, u) + 0.5);
        return Math.max(a, Math.min(b, v));
    }

    /**
     * The inverse of {@link #fromUnit}.
     *
     * @param scaling resolved scaling
     * @param a       lower bound
     * @param b       upper bound
     * @param x       a value of [a, b]
     * @return its unit coordinate, clamped to [0, 1]
     */
    public static double toUnit(ScalingType scaling, double a, double b, double x) {
        double u = switch (scaling) {
            case LINEAR -> (x - a) / (b - a);
            case LOGARITHMIC -> (Math.log(x) - Math.log(a)) / (Math.log(b) - Math.log(a));
            case REVERSE_LOGARITHMIC -> (Math.log(1 - x) - Math.log(1 - b)) / (Math.log(1 - a) - Math.log(1 - b));
            case AUTO -> throw new IllegalArgumentException("scaling must be resolved, not AUTO");
        };
        return Math.min(1.0, Math.max(0.0, u));
    }
}
