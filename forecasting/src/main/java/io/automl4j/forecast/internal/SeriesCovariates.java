package io.automl4j.forecast.internal;

/**
 * The covariates of one series, one value per step of a range of its regularised time axis (the history, or the
 * history followed by the future steps), in the column order of a {@link CovariateSchema}. Categorical values are
 * kept as text; {@code null} is the "missing" level (FCST-R13).
 *
 * @param knownNumeric      [column][step]
 * @param knownCategorical  [column][step]
 * @param staticNumeric     [column]
 * @param staticCategorical [column]
 */
public record SeriesCovariates(double[][] knownNumeric, String[][] knownCategorical, double[] staticNumeric,
                               String[] staticCategorical) {
    /** Covariates of a series without any. */
    static final SeriesCovariates EMPTY = new SeriesCovariates(new double[0][], new String[0][], new double[0],
            new String[0]);

    /**
     * @param future the next steps (same columns; its static values are ignored)
     * @return these steps followed by {@code future}'s
     */
    SeriesCovariates concat(SeriesCovariates future) {
        double[][] num = new double[knownNumeric.length][];
        for (int c = 0; c < num.length; c++) {
            num[c] = concat(knownNumeric[c], future.knownNumeric[c]);
        }
        String[][] cat = new String[knownCategorical.length][];
        for (int c = 0; c < cat.length; c++) {
            cat[c] = new String[knownCategorical[c].length + future.knownCategorical[c].length];
            System.arraycopy(knownCategorical[c], 0, cat[c], 0, knownCategorical[c].length);
            System.arraycopy(future.knownCategorical[c], 0, cat[c], knownCategorical[c].length,
                    future.knownCategorical[c].length);
        }
        return new SeriesCovariates(num, cat, staticNumeric, staticCategorical);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = new double[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
