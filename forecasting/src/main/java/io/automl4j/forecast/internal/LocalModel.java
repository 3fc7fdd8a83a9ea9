package io.automl4j.forecast.internal;

/** A per-series model: fits one history and forecasts h steps with quantiles. Implementations are stateless. */
interface LocalModel {
    /**
     * @param y      history without missing values, length ≥ 1
     * @param axis   calendar position of y[0] and the holiday calendar; null when the caller has no timestamps
     *               (calendar-aware models then fail, and {@link Models#run} falls back to NAIVE)
     * @param h      steps to forecast
     * @param period seasonal period (1 = none)
     * @param levels quantile levels, ascending
     * @param seed   seed for any simulation
     * @return the forecast
     */
    Prediction forecast(double[] y, TimeAxis axis, int h, int period, double[] levels, long seed);

    /**
     * Marker of models that take missing values (NaN) in {@code y} and skip them themselves (FCST-R11); the others get
     * a linearly interpolated history.
     */
    interface MissingAware {
    }

    /** A model of the values alone: it ignores the time axis and the holiday calendar (all but PROPHET_LIKE). */
    interface Univariate extends LocalModel {
        /**
         * @param y      history without missing values, length ≥ 1
         * @param h      steps to forecast
         * @param period seasonal period (1 = none)
         * @param levels quantile levels, ascending
         * @param seed   seed for any simulation
         * @return the forecast
         */
        Prediction forecast(double[] y, int h, int period, double[] levels, long seed);

        @Override
        default Prediction forecast(double[] y, TimeAxis axis, int h, int period, double[] levels, long seed) {
            return forecast(y, h, period, levels, seed);
        }
    }
}
