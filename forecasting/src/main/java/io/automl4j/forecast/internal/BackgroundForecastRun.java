package io.automl4j.forecast.internal;

import io.automl4j.api.Event;
import io.automl4j.api.data.Dataset;
import io.automl4j.core.internal.run.BackgroundJob;
import io.automl4j.forecast.ForecastJob;
import io.automl4j.forecast.ForecastResult;
import io.automl4j.forecast.ForecastRun;
import io.automl4j.forecast.LeaderboardRow;

import java.util.List;

/**
 * {@link ForecastRun} over a {@link ForecastEngine} on its own daemon thread. Interrupting a thread waiting in
 * {@link #result()} stops the job (FCST-R1, AUTOML-R47: {@code fit} waits there).
 */
public final class BackgroundForecastRun extends BackgroundJob<ForecastControl, ForecastResult>
        implements ForecastRun {

    /**
     * Starts the job at once; its time budget counts from this call (AUTOML-R58).
     *
     * @param job              the job
     * @param data             long-format history
     * @param futureCovariates future known covariates, or null
     */
    public BackgroundForecastRun(ForecastJob job, Dataset data, Dataset futureCovariates) {
        this(System.nanoTime(), job, data, futureCovariates);
    }

    private BackgroundForecastRun(long t0, ForecastJob job, Dataset data, Dataset futureCovariates) {
        super("ForecastRun", "automl4j-forecast-" + job.name(), new ForecastControl(job.listeners(), job.clock()),
                true, control -> new ForecastEngine(job).fit(data, futureCovariates, control, t0));
    }

    @Override
    public List<LeaderboardRow> leaderboard() {
        return control().items();
    }

    @Override
    public List<Event> events() {
        return control().events();
    }
}
