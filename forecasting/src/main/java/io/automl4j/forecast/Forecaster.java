package io.automl4j.forecast;

import io.automl4j.api.data.Dataset;
import io.automl4j.forecast.internal.ForecasterImpl;

import java.util.Map;

/**
 * The chosen model or ensemble of a {@link ForecastResult} (FCST-R18). Local models keep only their configuration
 * (algorithm and ensemble weights) and are refit on the history given to {@link #predict}; GLOBAL_GBM keeps the
 * weights trained by the job.
 */
public interface Forecaster {
    /** @return "ETS", "ARIMA", … or "ENSEMBLE" */
    String name();

    /** @return member weights summing to 1 (a single model has weight 1) */
    Map<ForecastAlgorithm, Double> weights();

    /**
     * Forecasts h steps after the last timestamp of every series in {@code history} (same columns and rules as the
     * training data; new item ids are allowed; one observation → naive). With {@link ForecastJob#groupingColumns()}
     * the history must hold them (an error names a missing one) and series are keyed by item id and grouping values.
     *
     * @param history long-format table
     * @return one forecast per series
     * @throws io.automl4j.api.InvalidJobSpecException when a column of the job, e.g. a grouping column, is missing
     */
    default ForecastTable predict(Dataset history) {
        return predict(history, null);
    }

    /**
     * As {@link #predict(Dataset)}, with the known covariates of the h future steps of every series (FCST-R14):
     * long format with the item id, the grouping columns (rows are matched to a series by its full key), the
     * timestamp and every known covariate. Needed when the forecaster contains
     * GLOBAL_GBM and the job has known covariates, or PROPHET_LIKE and the job has numeric known covariates (numeric
     * ones with a filling method are filled when absent); otherwise an error names the series and the column.
     * Statistical models ignore covariates. GLOBAL_GBM uses the
     * weights trained by the job: a series key it has not seen is an unseen category; a series with one observation
     * is forecast by NAIVE.
     *
     * @param history          long-format table
     * @param futureCovariates future values of the known covariates, or null when there are none
     * @return one forecast per series
     */
    ForecastTable predict(Dataset history, Dataset futureCovariates);

    /**
     * A forecaster that fits one algorithm on whatever history it is given, without backtests or selection; it uses
     * the job's columns, horizon, quantiles, frequency, seasonal period, covariates, seed and threads (GLOBAL_GBM is
     * trained on each history given).
     *
     * @param job       the job
     * @param algorithm the model
     * @return the forecaster
     */
    static Forecaster of(ForecastJob job, ForecastAlgorithm algorithm) {
        return new ForecasterImpl(job, algorithm.name(), Map.of(algorithm, 1.0), null, null);
    }
}
