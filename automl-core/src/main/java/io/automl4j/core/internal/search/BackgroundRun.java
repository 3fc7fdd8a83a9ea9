package io.automl4j.core.internal.search;

import io.automl4j.api.AutoMLJob;
import io.automl4j.api.AutoMLResult;
import io.automl4j.api.AutoMLRun;
import io.automl4j.api.Candidate;
import io.automl4j.api.data.Dataset;
import io.automl4j.core.internal.learn.LearnerCatalog;
import io.automl4j.core.internal.run.BackgroundJob;

import java.util.List;

/**
 * {@link AutoMLRun} over a {@link Search} on its own daemon thread. Interrupting a thread waiting in
 * {@link #result()} does not stop the job (interrupting the thread in {@code fit} does, in {@link Search}).
 */
public final class BackgroundRun extends BackgroundJob<RunControl, AutoMLResult> implements AutoMLRun {

    /**
     * Starts the job at once.
     *
     * @param catalog learners
     * @param job     the job
     * @param data    training data
     */
    public BackgroundRun(LearnerCatalog catalog, AutoMLJob job, Dataset data) {
        super("AutoMLRun", "automl4j-job-" + job.name().orElse("unnamed"), new RunControl(), false,
                control -> new Search(catalog).run(job, data, control));
    }

    @Override
    public List<Candidate> candidates() {
        return control().items();
    }
}
