package io.automl4j.forecast.internal;

/** Placeholder until the stepwise auto ARIMA lands: returns null so the engine falls back to NAIVE. */
final class Arima implements LocalModel {
    @Override
    public Prediction forecast(double[] y, int h, int period, double[] levels, long seed) {
        return null;
    }
}
