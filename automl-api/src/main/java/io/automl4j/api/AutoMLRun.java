package io.automl4j.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A job running in the background, from {@link AutoMLJob#start(io.automl4j.api.data.Dataset)} (AUTOML-R1, R45–R47).
 * Thread-safe.
 *
 * <pre>{@code
 * AutoMLRun run = job.start(data);
 * if (!run.await(Duration.ofMinutes(5))) {
 *     run.stop();                       // keeps what completed
 * }
 * AutoMLResult result = run.result();
 * }</pre>
 */
public interface AutoMLRun {

    /** @return the current status */
    JobStatus status();

    /** @return the current detailed phase */
    SecondaryStatus secondaryStatus();

    /** @return every candidate started so far with its current status, in plan order */
    List<Candidate> candidates();

    /**
     * Stops the job (AUTOML-R47): no new candidates start, in-flight ones are STOPPED, ensembling and reports are
     * skipped; the job ends STOPPED with the best completed candidate. Idempotent; a no-op once terminal.
     */
    void stop();

    /**
     * @param timeout how long to wait
     * @return true when the job ended within the timeout
     * @throws InterruptedException when the waiting thread is interrupted (the job keeps running)
     */
    boolean await(Duration timeout) throws InterruptedException;

    /**
     * Waits for the end and returns the result.
     *
     * @return the result (also of a STOPPED job that completed at least one candidate)
     * @throws TrainingFailedException when the job FAILED (no candidate completed), with the reason
     * @throws InvalidJobSpecException when the spec does not fit the data (AUTOML-R4)
     * @throws AutoMLException         for other failures
     */
    AutoMLResult result();

    /** @return one sentence naming why the job failed, when it FAILED */
    Optional<String> failureReason();
}
