package io.automl4j.forecast;

import io.automl4j.api.Event;
import io.automl4j.api.JobStatus;
import io.automl4j.api.SecondaryStatus;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A forecasting job running in the background, from {@link ForecastJob#start(io.automl4j.api.data.Dataset)}
 * (FCST-R1; lifecycle as AUTOML-R45–R47). Thread-safe.
 *
 * <pre>{@code
 * ForecastRun run = job.start(data);
 * if (!run.await(Duration.ofMinutes(5))) {
 *     run.stop();                       // keeps the models that completed
 * }
 * ForecastResult result = run.result(); // STOPPED: best completed model, refit, with forecasts
 * }</pre>
 *
 * <p>Status: {@code STARTING → ANALYZING_DATA} (loading, regularising) {@code → TRAINING_MODELS} (backtests, the
 * greedy ensemble, the refit on the full history and the final forecasts) {@code →} one of {@code COMPLETED} (every
 * model ran), {@code MAX_AUTO_ML_JOB_RUNTIME_REACHED} ({@link ForecastJob#maxJobRuntime()} cut work),
 * {@code STOPPED} or {@code FAILED}; {@code STOPPING} while a stop is in progress.
 */
public interface ForecastRun {

    /** @return the current status */
    JobStatus status();

    /** @return the current detailed phase */
    SecondaryStatus secondaryStatus();

    /**
     * @return leaderboard rows of the models whose backtests completed so far, in completion order (the ensemble
     *         last, once built); not sorted, see {@link ForecastResult#leaderboard()} for the ranking
     */
    List<LeaderboardRow> leaderboard();

    /** @return the events so far (AUTOML-R55), oldest first */
    List<Event> events();

    /**
     * Stops the job (AUTOML-R47): no new model starts, the model being backtested stops after the series fit in
     * progress (GLOBAL_GBM after the boosting round in progress) and is dropped, the ensemble is skipped; the best
     * completed model is refit on the full history and forecasts every series, and the job ends STOPPED. It ends
     * FAILED when no model had completed. Idempotent; a no-op once terminal.
     */
    void stop();

    /**
     * @param timeout how long to wait
     * @return true when the job ended within the timeout
     * @throws InterruptedException when the waiting thread is interrupted (the job keeps running)
     */
    boolean await(Duration timeout) throws InterruptedException;

    /**
     * Waits for the end and returns the result. Interrupting the waiting thread stops the job ({@link #stop()}); the
     * call still returns its result and leaves the thread's interrupt flag set.
     *
     * @return the result (also of a STOPPED job that completed at least one model)
     * @throws io.automl4j.api.TrainingFailedException when the job FAILED because no model completed, with the
     *                                                 reason
     * @throws io.automl4j.api.InvalidJobSpecException when the data does not fit the job
     * @throws RuntimeException                        for other failures
     */
    ForecastResult result();

    /** @return one sentence naming why the job failed, when it FAILED */
    Optional<String> failureReason();
}
