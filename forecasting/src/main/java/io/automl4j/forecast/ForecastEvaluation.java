package io.automl4j.forecast;

import io.automl4j.api.data.Dataset;
import io.automl4j.forecast.internal.Evaluator;

import java.util.Map;
import java.util.Objects;

/** Scores forecasts against held-out actuals with the metrics of FCST-R17. */
public final class ForecastEvaluation {
    private ForecastEvaluation() {
    }

    /**
     * Scores a forecast table against actuals given in the job's long format. Forecast points without an actual are
     * not scored; series without any actual are skipped. MASE and OWA scale by each series' {@code history}.
     *
     * @param result    the fitted result (job, frequency, seasonal period)
     * @param history   the data the forecasts were made from
     * @param forecasts the forecasts to score
     * @param actuals   the actual values of the forecast steps
     * @return every metric of {@link ForecastMetric} (NaN when undefined)
     */
    public static Map<ForecastMetric, Double> score(ForecastResult result, Dataset history, ForecastTable forecasts,
                                                    Dataset actuals) {
        Objects.requireNonNull(result, "result");
        return Evaluator.score(result.job(), result.frequency(), result.seasonalPeriod(), history, forecasts, actuals);
    }
}
