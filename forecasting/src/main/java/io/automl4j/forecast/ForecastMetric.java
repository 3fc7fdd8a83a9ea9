package io.automl4j.forecast;

/**
 * Forecast accuracy metrics (FCST-R17); all are minimised. Formulas (sums over scored series i and test steps t of a
 * backtest window, y actual, ŷ mean forecast, q<sup>τ</sup> quantile forecast):
 * <ul>
 * <li>wQL[τ] = 2·Σ[τ·max(y − q<sup>τ</sup>, 0) + (1 − τ)·max(q<sup>τ</sup> − y, 0)] / Σ|y|</li>
 * <li>{@link #AVERAGE_WQL}: mean of wQL[τ] over the configured quantiles</li>
 * <li>{@link #WAPE} = Σ|y − ŷ| / Σ|y|; {@link #RMSE} = √(Σ(y − ŷ)² / N)</li>
 * <li>{@link #MAPE}: mean over points with y ≠ 0 of |y − ŷ|/|y| (a fraction)</li>
 * <li>{@link #MASE}: mean over series of mean<sub>t</sub>|y − ŷ| divided by the in-sample mean absolute
 * seasonal difference at the MASE period</li>
 * <li>{@link #SMAPE}: mean over series of (200/h)·Σ<sub>t</sub>|y − ŷ|/(|y| + |ŷ|) (percent; 0/0 = 0)</li>
 * <li>{@link #OWA}: ½·(sMAPE/sMAPE<sub>Naive2</sub> + MASE/MASE<sub>Naive2</sub>)</li>
 * </ul>
 */
public enum ForecastMetric {
    /** Mean weighted quantile loss over the configured quantiles (default objective). */
    AVERAGE_WQL,
    /** Weighted absolute percentage error. */
    WAPE,
    /** Root mean squared error. */
    RMSE,
    /** Mean absolute percentage error (fraction), zero actuals excluded. */
    MAPE,
    /** Mean absolute scaled error (M4 convention). */
    MASE,
    /** Symmetric MAPE in percent (M4 convention). */
    SMAPE,
    /** Overall weighted average of sMAPE and MASE relative to Naive2 (M4). */
    OWA
}
