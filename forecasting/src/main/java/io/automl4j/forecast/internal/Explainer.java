package io.automl4j.forecast.internal;

import io.automl4j.forecast.ForecastAlgorithm;
import io.automl4j.forecast.ForecastExplanation;
import io.automl4j.forecast.ForecastJob;
import io.automl4j.forecast.Frequency;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Impact scores of the final forecaster's attributes (FCST-R20), see {@link ForecastExplanation}: attributions per
 * series, forecast step and attribute in units of y, from GLOBAL_GBM's tree SHAP values
 * ({@link GlobalGbm#contributions}) and PROPHET_LIKE's exact linear terms (holidays and numeric known covariates),
 * weighted by the ensemble weights; then
 * signed means per scope divided by the scope's largest absolute mean.
 */
final class Explainer {
    /** Reason when the job has nothing to attribute. */
    static final String NO_ATTRIBUTES = "no covariates, static features or holiday calendar";
    /** Reason when no member of the final forecaster can attribute. */
    static final String NO_MODEL = "final forecaster contains neither GLOBAL_GBM nor PROPHET_LIKE";
    /** Reason when the only attributing member is PROPHET_LIKE and the job has nothing it uses. */
    static final String PROPHET_WITHOUT_ATTRIBUTES = "PROPHET_LIKE, the final forecaster's only member that can"
            + " attribute, uses only the holiday calendar and numeric known covariates, and the job has neither"
            + " (categorical covariates and static features are used only by GLOBAL_GBM)";

    private Explainer() {
    }

    /** @return the attribute name of a holiday calendar (one attribute for all its holiday columns) */
    static String holidayAttribute(String country) {
        return "holidays:" + HolidayCalendar.canonical(country);
    }

    /**
     * @param job     the job
     * @param name    the final forecaster's name
     * @param weights its member weights
     * @param series  the series it forecast
     * @param f       the frequency
     * @param schema  covariate columns
     * @param gbm     the trained GLOBAL_GBM when it is a member, else null
     * @param covs    covariates of history and horizon per series (needed with GLOBAL_GBM, and with PROPHET_LIKE
     *                when there are numeric known covariates), else null
     * @param h       horizon
     * @return the explanation, or one stating why there is none
     */
    static ForecastExplanation explain(ForecastJob job, String name, Map<ForecastAlgorithm, Double> weights,
                                       List<Series> series, Frequency f, CovariateSchema schema, GlobalGbm.Model gbm,
                                       List<SeriesCovariates> covs, int h) {
        String country = job.holidayCountry().orElse(null);
        List<String> attributes = attributes(job, schema);
        if (attributes.isEmpty()) {
            return ForecastExplanation.none(NO_ATTRIBUTES);
        }
        double wGbm = weights.getOrDefault(ForecastAlgorithm.GLOBAL_GBM, 0.0);
        double wProphet = weights.getOrDefault(ForecastAlgorithm.PROPHET_LIKE, 0.0);
        if (wGbm == 0 && wProphet == 0) {
            boolean single = weights.size() == 1 && weights.keySet().iterator().next().name().equals(name);
            return ForecastExplanation.none(NO_MODEL + " (it is " + name + (single ? "" : " of " + weights.keySet())
                    + ")");
        }
        if (wGbm == 0 && country == null && schema.knownNumeric().isEmpty()) {
            return ForecastExplanation.none(PROPHET_WITHOUT_ATTRIBUTES);
        }
        return scores(attributes, series, attributions(job, weights, series, f, schema, gbm, covs, h),
                id -> SeriesKey.display(id, job.itemId(), job.groupingColumns()));
    }

    /** @return the attributes of a job: known covariates, static features (schema order), then the calendar */
    static List<String> attributes(ForecastJob job, CovariateSchema schema) {
        List<String> attributes = new ArrayList<>();
        attributes.addAll(schema.knownNumeric());
        attributes.addAll(schema.knownCategorical());
        attributes.addAll(schema.staticNumeric());
        attributes.addAll(schema.staticCategorical());
        job.holidayCountry().ifPresent(c -> attributes.add(holidayAttribute(c)));
        return attributes;
    }

    /**
     * Attributions in units of y of the attributing members (GLOBAL_GBM, PROPHET_LIKE), weighted by their weights.
     *
     * @return [series][step][attribute] in the order of {@link #attributes}
     */
    static double[][][] attributions(ForecastJob job, Map<ForecastAlgorithm, Double> weights, List<Series> series,
                                     Frequency f, CovariateSchema schema, GlobalGbm.Model gbm,
                                     List<SeriesCovariates> covs, int h) {
        String country = job.holidayCountry().orElse(null);
        List<String> attributes = attributes(job, schema);
        double wGbm = weights.getOrDefault(ForecastAlgorithm.GLOBAL_GBM, 0.0);
        double wProphet = weights.getOrDefault(ForecastAlgorithm.PROPHET_LIKE, 0.0);
        int n = series.size();
        int nA = attributes.size();
        double[][][] a = new double[n][h][nA];
        if (wGbm > 0) {
            if (gbm == null) {
                throw new IllegalStateException("GLOBAL_GBM is a member but its trained model is missing");
            }
            int[] full = series.stream().mapToInt(Series::length).toArray();
            double[][][] c = GlobalGbm.contributions(gbm, series, full, covs, h, job.threads());
            String[] columnAttribute = gbm.features().attributes(country == null ? null : holidayAttribute(country));
            int[] index = new int[columnAttribute.length];
            for (int j = 0; j < index.length; j++) {
                index[j] = columnAttribute[j] == null ? -1 : attributes.indexOf(columnAttribute[j]);
            }
            for (int i = 0; i < n; i++) {
                if (c[i] == null) {
                    continue; // forecast by NAIVE: no attribute used
                }
                for (int k = 0; k < h; k++) {
                    for (int j = 0; j < index.length; j++) {
                        if (index[j] >= 0) {
                            a[i][k][index[j]] += wGbm * c[i][k][j];
                        }
                    }
                }
            }
        }
        if (wProphet > 0) {
            // PROPHET_LIKE's regressors: the holiday columns and the numeric known covariates (by column index)
            int hol = country == null ? -1 : attributes.indexOf(holidayAttribute(country));
            int[] regressor = new int[schema.knownNumeric().size()];
            for (int c = 0; c < regressor.length; c++) {
                regressor[c] = attributes.indexOf(schema.knownNumeric().get(c));
            }
            double[][][] p = new double[n][][];
            ForecasterImpl.runOn(job.threads(), () -> IntStream.range(0, n).parallel().forEach(i -> {
                Series s = series.get(i);
                TimeAxis axis = new TimeAxis(s.start(), f, country).withRegressors(covs == null ? null
                        : covs.get(i));
                p[i] = prophetAttribution(s.values(), axis, h, hol, regressor, nA);
            }));
            for (int i = 0; i < n; i++) {
                if (p[i] != null) {
                    for (int k = 0; k < h; k++) {
                        for (int j = 0; j < nA; j++) {
                            a[i][k][j] += wProphet * p[i][k][j];
                        }
                    }
                }
            }
        }
        return a;
    }

    /**
     * PROPHET_LIKE's attribution of one series (exactly linear): for each regressor column of its fit, coefficient ×
     * (x − mean of x over the history) per forecast step, in units of y, summed into the column's attribute — every
     * holiday column into {@code holiday}, regressor c into {@code regressor[c]}. Null when PROPHET_LIKE does not
     * forecast the series (fewer than 2 points, or a failed fit: NAIVE is used, as in {@link Models#run}).
     *
     * @param values    the series' history (NaN = missing, interpolated as the model does)
     * @param axis      its time axis with the holiday calendar and regressors the forecast used
     * @param h         forecast steps
     * @param holiday   attribute index of the holiday calendar (−1 for none)
     * @param regressor attribute index per numeric known covariate
     * @param attributes number of attributes
     * @return [step][attribute], or null
     */
    static double[][] prophetAttribution(double[] values, TimeAxis axis, int h, int holiday, int[] regressor,
                                         int attributes) {
        double[] y = Stats.interpolate(values);
        if (y.length < 2) {
            return null;
        }
        ProphetLike.Fit fit;
        try {
            fit = ProphetLike.fit(y, axis, h);
        } catch (RuntimeException e) {
            return null;
        }
        ProphetLike.Design d = fit.design;
        for (int k = 0; k < h; k++) {
            if (!Double.isFinite(fit.mean(d.n + k))) {
                return null;
            }
        }
        double[][] out = new double[h][attributes];
        for (int j = 0; j < d.p(); j++) {
            int target = switch (d.kinds.get(j)) {
                case HOLIDAY -> holiday;
                case REGRESSOR -> regressor[Integer.parseInt(d.names.get(j).substring(
                        ProphetLike.REGRESSOR_PREFIX.length()))];
                default -> -1;
            };
            if (target < 0) {
                continue;
            }
            double mean = 0;
            for (int i = 0; i < d.n; i++) {
                mean += d.x[i][j];
            }
            mean /= d.n;
            double beta = fit.theta[j] * fit.scale;
            for (int k = 0; k < h; k++) {
                out[k][target] += beta * (d.x[d.n + k][j] - mean);
            }
        }
        return out;
    }

    /** Signed means per scope, divided by the scope's largest absolute mean. */
    static ForecastExplanation scores(List<String> attributes, List<Series> series, double[][][] a) {
        return scores(attributes, series, a, id -> id);
    }

    /**
     * @param key the per-series key of an internal id (the item id without grouping, {@code item_id=a, store=3}
     *            with it)
     */
    static ForecastExplanation scores(List<String> attributes, List<Series> series, double[][][] a,
                                      java.util.function.Function<String, String> key) {
        int n = a.length;
        int h = n == 0 ? 0 : a[0].length;
        int nA = attributes.size();
        double[] overall = new double[nA];
        Map<String, Map<String, Double>> perSeries = new LinkedHashMap<>();
        double[][] perStep = new double[h][nA];
        for (int i = 0; i < n; i++) {
            double[] mean = new double[nA];
            for (int k = 0; k < h; k++) {
                for (int j = 0; j < nA; j++) {
                    mean[j] += a[i][k][j] / h;
                    perStep[k][j] += a[i][k][j] / n;
                    overall[j] += a[i][k][j] / ((double) n * h);
                }
            }
            perSeries.put(key.apply(series.get(i).id()), relative(attributes, mean));
        }
        List<Map<String, Double>> steps = new ArrayList<>();
        for (double[] s : perStep) {
            steps.add(relative(attributes, s));
        }
        return ForecastExplanation.of(attributes, relative(attributes, overall), perSeries, steps);
    }

    /** @return each value divided by the largest absolute value (all 0 when that is 0) */
    static Map<String, Double> relative(List<String> attributes, double[] v) {
        double max = 0;
        for (double x : v) {
            max = Math.max(max, Math.abs(x));
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < v.length; j++) {
            out.put(attributes.get(j), max > 0 && Double.isFinite(max) ? v[j] / max : 0.0);
        }
        return out;
    }
}
