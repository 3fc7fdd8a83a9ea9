/** Time-series forecasting. Not built yet: see issue 5 and {@code forecasting.md}. */
package io.automl4j.forecast;
