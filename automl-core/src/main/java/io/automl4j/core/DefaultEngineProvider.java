package io.automl4j.core;

import io.automl4j.api.AutoMLJob;
import io.automl4j.api.AutoMLResult;
import io.automl4j.api.AutoMLRun;
import io.automl4j.api.data.Dataset;
import io.automl4j.api.model.TrainedModel;
import io.automl4j.api.spi.AutoMLEngine;
import io.automl4j.core.internal.learn.Learners;
import io.automl4j.core.internal.model.ModelIO;
import io.automl4j.core.internal.search.BackgroundRun;
import io.automl4j.core.internal.search.Search;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The engine registered for {@link java.util.ServiceLoader}; users do not call it directly: use
 * {@link AutoMLJob#fit(Dataset)} and {@link TrainedModel#load(Path)}.
 */
public final class DefaultEngineProvider implements AutoMLEngine {

    /** Public no-argument constructor, as ServiceLoader requires. */
    public DefaultEngineProvider() {
    }

    @Override
    public AutoMLResult fit(AutoMLJob job, Dataset data) {
        return new Search(Learners.INSTANCE).run(job, data);
    }

    @Override
    public AutoMLRun start(AutoMLJob job, Dataset data) {
        return new BackgroundRun(Learners.INSTANCE, job, data);
    }

    @Override
    public TrainedModel loadModel(Path dir) throws IOException {
        return ModelIO.load(dir, Learners.INSTANCE);
    }
}
