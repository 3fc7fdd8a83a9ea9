/**
 * Time-series forecasting (specification {@code forecasting.md}, FCST-R1…R21): many series in long format,
 * local statistical models (naive, seasonal naive, ETS, ARIMA, Theta, Croston) and a Prophet-like model with
 * bundled public-holiday calendars ({@link io.automl4j.forecast.Holidays}), backtests on the last windows of each
 * series, a greedy weighted ensemble and quantile forecasts. Entry point: {@link io.automl4j.forecast.ForecastJob}.
 */
package io.automl4j.forecast;
