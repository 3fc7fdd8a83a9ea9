package io.automl4j.forecast;

import java.util.Locale;
import java.util.Objects;

/**
 * How missing values of a numeric column are filled (FCST-R13), set per column with
 * {@link ForecastJob.Builder#filling(String, FillSpec)}. {@code mean}, {@code median}, {@code min} and {@code max}
 * use the {@value #RECENT} most recent non-missing observations of the same series before the gap. Immutable.
 */
public final class FillSpec {
    /** Observations before a gap that {@code mean / median / min / max} look at (FCST-R13). */
    public static final int RECENT = 64;

    /** Filling methods. */
    public enum Method {
        /** 0. */
        ZERO,
        /** A constant ({@link #value()}). */
        VALUE,
        /** Leave missing (target only; not allowed for covariates). */
        NAN,
        /** Mean of the recent observations. */
        MEAN,
        /** Median of the recent observations. */
        MEDIAN,
        /** Minimum of the recent observations. */
        MIN,
        /** Maximum of the recent observations. */
        MAX
    }

    private final Method method;
    private final double value;

    private FillSpec(Method method, double value) {
        this.method = method;
        this.value = value;
    }

    /** @return fill with 0 */
    public static FillSpec zero() {
        return new FillSpec(Method.ZERO, 0);
    }

    /**
     * @param x a finite constant
     * @return fill with {@code x}
     */
    public static FillSpec value(double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("fill value " + x + " must be finite (FCST-R13)");
        }
        return new FillSpec(Method.VALUE, x);
    }

    /** @return leave missing (target only) */
    public static FillSpec nan() {
        return new FillSpec(Method.NAN, Double.NaN);
    }

    /** @return mean of the 64 most recent observations before the gap */
    public static FillSpec mean() {
        return new FillSpec(Method.MEAN, Double.NaN);
    }

    /** @return median of the 64 most recent observations before the gap */
    public static FillSpec median() {
        return new FillSpec(Method.MEDIAN, Double.NaN);
    }

    /** @return minimum of the 64 most recent observations before the gap */
    public static FillSpec min() {
        return new FillSpec(Method.MIN, Double.NaN);
    }

    /** @return maximum of the 64 most recent observations before the gap */
    public static FillSpec max() {
        return new FillSpec(Method.MAX, Double.NaN);
    }

    /**
     * @param text {@code zero}, {@code nan}, {@code mean}, {@code median}, {@code min}, {@code max} or
     *             {@code value:X} (e.g. {@code value:2.5}), case-insensitive
     * @return the spec
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static FillSpec parse(String text) {
        Objects.requireNonNull(text, "fill method");
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "zero":
                return zero();
            case "nan":
                return nan();
            case "mean":
                return mean();
            case "median":
                return median();
            case "min":
                return min();
            case "max":
                return max();
            default:
                if (t.startsWith("value:")) {
                    try {
                        return value(Double.parseDouble(t.substring(6).trim()));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("fill method '" + text + "': '" + t.substring(6)
                                + "' is not a number (FCST-R13)", e);
                    }
                }
                throw new IllegalArgumentException("fill method '" + text + "' must be one of zero, value:X, nan,"
                        + " mean, median, min, max (FCST-R13)");
        }
    }

    /** @return the method */
    public Method method() {
        return method;
    }

    /** @return the constant of {@link Method#VALUE} (NaN otherwise) */
    public double value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FillSpec f && f.method == method && Double.compare(f.value, value) == 0;
    }

    @Override
    public int hashCode() {
        return method.hashCode() * 31 + Double.hashCode(value);
    }

    @Override
    public String toString() {
        return method == Method.VALUE ? "value:" + value : method.name().toLowerCase(Locale.ROOT);
    }
}
