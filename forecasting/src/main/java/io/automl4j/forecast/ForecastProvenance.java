package io.automl4j.forecast;

import io.automl4j.api.provenance.RuntimeInfo;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable lineage of a forecasting job's result (AUTOML-R57 applied to forecasting, FCST-R21): what was trained,
 * on which data, on which platform, and whether re-running the job reproduces it bit for bit.
 *
 * @param jobName            the job name
 * @param spec               every builder field, defaults resolved ({@link ForecastJob#toSpecMap()})
 * @param resolved           what the job decided from the data: frequency, seasonal period, series count, final
 *                           model and ensemble weights
 * @param seed               the job seed
 * @param dataFingerprint    SHA-256 (hex) over the used columns' names and roles, then every cell in row order
 *                           (length-prefixed UTF-8): equal data give equal fingerprints however they were read
 * @param runtime            library version, JVM and OS
 * @param startTime          job start
 * @param endTime            job end
 * @param reproducible       whether a rerun with the same inputs gives bit-identical metrics and forecasts
 * @param reproducibleReason why (not): "count budget and fixed seed", a time budget, or a stop
 */
public record ForecastProvenance(String jobName, Map<String, String> spec, Map<String, String> resolved, long seed,
                                 String dataFingerprint, RuntimeInfo runtime, Instant startTime, Instant endTime,
                                 boolean reproducible, String reproducibleReason) {
    /** Validates and copies. */
    public ForecastProvenance {
        Objects.requireNonNull(jobName, "jobName");
        spec = Map.copyOf(spec);
        resolved = Map.copyOf(resolved);
        Objects.requireNonNull(dataFingerprint, "dataFingerprint");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
        Objects.requireNonNull(reproducibleReason, "reproducibleReason");
    }
}
