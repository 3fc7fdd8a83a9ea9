package io.automl4j.forecast.internal;

/** A per-series model: fits one history and forecasts h steps with quantiles. Implementations are stateless. */
interface LocalModel {
    /**
     * @param y      history without missing values, length ≥ 1
     * @param h      steps to forecast
     * @param period seasonal period (1 = none)
     * @param levels quantile levels, ascending
     * @param seed   seed for any simulation
     * @return the forecast
     */
    Prediction forecast(double[] y, int h, int period, double[] levels, long seed);
}
