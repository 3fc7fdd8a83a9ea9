/** Implementation of the forecasting module: not API; may change at any time. */
package io.automl4j.forecast.internal;
