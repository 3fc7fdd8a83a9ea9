package io.automl4j.forecast.internal;

import io.automl4j.forecast.Frequency;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GLOBAL_GBM's holiday features (FCST-R10, R15): {@link HolidayFeatures} of one country as a
 * {@link TimestampFeatures} hook, so history rows and future rows get the same columns from their bucket labels:
 * {@value HolidayFeatures#IS_HOLIDAY} plus one {@code holiday:<name>} indicator per holiday of the country for
 * buckets of one day or less, {@value HolidayFeatures#HOLIDAY_COUNT} for longer buckets. Days outside the calendar's
 * years count as non-holidays (the engine warns about them). Values are computed once per date (indicators) or per
 * bucket (counts) and cached; deterministic and thread-safe.
 */
final class HolidayTimestampFeatures implements TimestampFeatures {
    private final String country;
    private final Frequency frequency;
    private final boolean indicators;
    private final List<String> names;
    /** Per date (indicators) or per bucket label (counts): the values of {@link #names}. */
    private final Map<Object, double[]> cache = new ConcurrentHashMap<>();

    /**
     * @param country a supported country code or alias
     * @param f       the series' frequency
     * @throws IllegalArgumentException naming the code when it is not supported
     */
    HolidayTimestampFeatures(String country, Frequency f) {
        this.country = HolidayCalendar.canonical(country);
        this.frequency = f;
        this.indicators = HolidayFeatures.indicators(f);
        this.names = HolidayFeatures.forBuckets(this.country, List.of(), f).names();
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public void write(LocalDateTime bucket, double[] row, int offset) {
        Object key = indicators ? bucket.toLocalDate() : bucket;
        double[] v = cache.computeIfAbsent(key, k -> values(bucket));
        System.arraycopy(v, 0, row, offset, v.length);
    }

    private double[] values(LocalDateTime bucket) {
        LocalDateTime label = indicators ? bucket.toLocalDate().atStartOfDay() : bucket;
        HolidayFeatures hf = HolidayFeatures.forBuckets(country, List.of(label), frequency);
        double[] v = new double[hf.size()];
        for (int j = 0; j < v.length; j++) {
            v[j] = hf.value(j, 0);
        }
        return v;
    }
}
