/**
 * Engine internals (the run handle shared by tabular and forecasting jobs, AUTOML-R45–R47, FCST-R1): not API; may
 * change at any time. Public only because the forecasting module subclasses it.
 */
package io.automl4j.core.internal.run;
