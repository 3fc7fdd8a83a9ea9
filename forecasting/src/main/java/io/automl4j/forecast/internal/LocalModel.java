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

    /**
     * Calendar-aware models (PROPHET_LIKE) override this; the others ignore the time axis and the holiday calendar.
     *
     * @param y      history without missing values, length ≥ 1
     * @param axis   calendar position of y[0] and the holiday calendar
     * @param h      steps to forecast
     * @param period seasonal period (1 = none)
     * @param levels quantile levels, ascending
     * @param seed   seed for any simulation
     * @return the forecast
     */
    default Prediction forecast(double[] y, TimeAxis axis, int h, int period, double[] levels, long seed) {
        return forecast(y, h, period, levels, seed);
    }
}
