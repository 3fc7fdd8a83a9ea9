package io.automl4j.forecast.internal;

import java.time.LocalDateTime;
import java.util.List;

/**
 * Extra features that depend only on a step's bucket label, added to every row of {@link GbmFeatures} after the
 * calendar features: the seam where holiday features (FCST-R15: is-holiday / per-holiday indicators for D and finer,
 * holiday counts for longer buckets; {@link HolidayTimestampFeatures}) plug into GLOBAL_GBM. Implementations must be
 * deterministic and thread-safe.
 */
public interface TimestampFeatures {
    /** No extra features. */
    TimestampFeatures NONE = new TimestampFeatures() {
        @Override
        public List<String> names() {
            return List.of();
        }

        @Override
        public void write(LocalDateTime bucket, double[] row, int offset) {
        }
    };

    /** @return the feature names, in the order {@link #write} writes them */
    List<String> names();

    /**
     * @param bucket the bucket label of the step
     * @param row    the feature row
     * @param offset where this hook's first feature goes
     */
    void write(LocalDateTime bucket, double[] row, int offset);
}
