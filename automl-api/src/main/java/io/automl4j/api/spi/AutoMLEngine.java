package io.automl4j.api.spi;

import io.automl4j.api.AutoMLJob;
import io.automl4j.api.AutoMLResult;
import io.automl4j.api.AutoMLRun;
import io.automl4j.api.data.Dataset;
import io.automl4j.api.model.TrainedModel;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The engine behind the API, found through {@link java.util.ServiceLoader}. For implementers, not end users.
 */
public interface AutoMLEngine {

    /**
     * Runs a job to completion.
     *
     * @param job  the validated job spec
     * @param data training data
     * @return the result
     */
    AutoMLResult fit(AutoMLJob job, Dataset data);

    /**
     * Starts a job on a background thread.
     *
     * @param job  the validated job spec
     * @param data training data
     * @return the run handle
     */
    AutoMLRun start(AutoMLJob job, Dataset data);

    /**
     * @param dir a model directory
     * @return the loaded model
     * @throws IOException on read errors
     */
    TrainedModel loadModel(Path dir) throws IOException;
}
