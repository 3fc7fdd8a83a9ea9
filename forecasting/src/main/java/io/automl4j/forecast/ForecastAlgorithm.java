package io.automl4j.forecast;

/**
 * Forecasting models (FCST-R10) implemented so far. Each produces a mean and every configured quantile per series.
 * Declaration order is the tie-break order of the ensemble (FCST-R12) and the order in which a job runs them: the
 * cheap NAIVE and SEASONAL_NAIVE first, and always, even when {@link ForecastJob#maxJobRuntime()} has run out, so
 * that a job with either of them always has a result.
 *
 * <p>Holiday calendars ({@link ForecastJob.Builder#holidayCountry(String)}, FCST-R15) affect only
 * {@link #GLOBAL_GBM} and {@link #PROPHET_LIKE}; the statistical models (NAIVE … TSB) ignore them.
 */
public enum ForecastAlgorithm {
    /** Last observed value; Gaussian intervals σ√k from one-step residuals. */
    NAIVE,
    /** Value one seasonal period back; intervals σ√(⌊(k−1)/m⌋+1). Equals NAIVE when the series has no season. */
    SEASONAL_NAIVE,
    /**
     * Exponential smoothing state-space models (Hyndman et al. 2008), chosen by AICc over error {A, M} × trend
     * {N, A, Ad} × season {N, A, M} as R's {@code forecast::ets()}; analytic intervals for the additive-error
     * linear models, seeded simulation otherwise.
     */
    ETS,
    /**
     * Hyndman–Khandakar stepwise automatic ARIMA (R's {@code forecast::auto.arima()}): d by KPSS tests, D by
     * seasonal strength, AICc; Gaussian intervals from the ψ weights.
     */
    ARIMA,
    /**
     * The Theta method as R's {@code forecast::thetaf()}: SES with drift equal to half the OLS slope, classical
     * multiplicative seasonal adjustment when the 90% autocorrelation test finds seasonality.
     */
    THETA,
    /**
     * Non-parametric sampling of past observations with exponentially decaying weights (λ = 1), 100 seeded sample
     * paths; mean and quantiles from the paths.
     */
    NPTS,
    /**
     * Croston's method with the SBA correction for intermittent series (zero share ≥ 30%); empirical residual
     * quantiles. Skipped when no series is intermittent; non-intermittent series fall back to NAIVE.
     */
    CROSTON,
    /**
     * Teunter–Syntetos–Babai for intermittent series (zero share ≥ 30%): smooths the demand probability every
     * period (so forecasts decay through runs of zeros, e.g. obsolescence, where Croston's stay flat) and the non-zero
     * demand size; α, β fitted by in-sample MSE; empirical residual quantiles. Skipped when no series is
     * intermittent; non-intermittent series fall back to NAIVE.
     */
    TSB,
    /**
     * One LightGBM model across all series: lags, rolling means, calendar features, holiday features (with a holiday
     * country: is-holiday and one indicator per holiday for daily and finer data, the holiday count of longer
     * buckets), known covariates, static features and the item id (categorical), the target scaled per series by
     * mean |y|; recursive multi-step; one L2 model for the mean and one quantile (pinball) model per level. The only
     * model that uses categorical known covariates and static features (the statistical models ignore covariates);
     * a forecaster keeps its trained weights, so new item ids are forecast without refitting. Needs LightGBM's
     * natives (x86-64 Linux, macOS, Windows).
     */
    GLOBAL_GBM,
    /**
     * Prophet-style additive model (linear growth): piecewise-linear trend with 25 potential changepoints in the
     * first 80% of the history (Laplace prior, scale 0.05), calendar Fourier seasonalities (yearly order 10, weekly 3,
     * daily 4, each only when the frequency and the history allow), holiday indicators (prior scale 10) when the job
     * has a holiday country, numeric known covariates as extra regressors (standardised unless 0/1, prior scale 10,
     * as Prophet's {@code add_regressor}); MAP fit; intervals from 200 seeded paths of simulated future trend changes
     * plus Gaussian noise. Seasonal periods come from the calendar, not from {@code seasonalPeriod}.
     */
    PROPHET_LIKE
}
