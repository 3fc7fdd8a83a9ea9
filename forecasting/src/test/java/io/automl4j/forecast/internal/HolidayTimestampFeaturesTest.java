package io.automl4j.forecast.internal;

import io.automl4j.forecast.ForecastJob;
import io.automl4j.forecast.Frequency;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The GLOBAL_GBM holiday hook: the same values as {@link HolidayFeatures}, written at the hook's offset (FCST-R15). */
class HolidayTimestampFeaturesTest {
    private static ForecastJob.Builder job() {
        return ForecastJob.builder().itemId("id").timestamp("ts").target("y").horizon(7);
    }

    @Test
    void engineHookIsTheHolidayAdapterOnlyWithAHolidayCountry() {
        Frequency d = Frequency.parse("D");
        assertThat(ForecastEngine.extraFeatures(job().build(), d)).isSameAs(TimestampFeatures.NONE);
        TimestampFeatures us = ForecastEngine.extraFeatures(job().holidayCountry("us").build(), d);
        assertThat(us).isInstanceOf(HolidayTimestampFeatures.class);
        assertThat(us.names()).isEqualTo(HolidayFeatures.forSteps("US", LocalDateTime.of(2024, 1, 1, 0, 0), 1, d)
                .names());
    }

    @Test
    void dailyAndHourlyBucketsGetIndicatorsAtTheOffset() {
        HolidayTimestampFeatures f = new HolidayTimestampFeatures("US", Frequency.parse("D"));
        int n = f.names().size();
        int independence = f.names().indexOf("holiday:Independence Day");
        assertThat(f.names().get(0)).isEqualTo(HolidayFeatures.IS_HOLIDAY);
        assertThat(independence).isPositive();
        double[] row = new double[n + 3];
        Arrays.fill(row, -7);
        f.write(LocalDateTime.of(2024, 7, 4, 0, 0), row, 2);
        assertThat(row[0]).isEqualTo(-7);
        assertThat(row[1]).isEqualTo(-7);
        assertThat(row[n + 2]).isEqualTo(-7);
        for (int j = 0; j < n; j++) {
            assertThat(row[2 + j]).as(f.names().get(j)).isEqualTo(j == 0 || j == independence ? 1.0 : 0.0);
        }
        f.write(LocalDateTime.of(2024, 7, 5, 0, 0), row, 2);
        assertThat(Arrays.copyOfRange(row, 2, 2 + n)).containsOnly(0.0);

        HolidayTimestampFeatures hourly = new HolidayTimestampFeatures("US", Frequency.parse("H"));
        double[] h = new double[n];
        hourly.write(LocalDateTime.of(2024, 7, 4, 15, 0), h, 0);
        assertThat(h[0]).isEqualTo(1.0);
        assertThat(h[independence]).isEqualTo(1.0);
    }

    @Test
    void longerBucketsGetTheHolidayCountAndBadCodesAreRejected() {
        HolidayTimestampFeatures m = new HolidayTimestampFeatures("US", Frequency.parse("M"));
        assertThat(m.names()).containsExactly(HolidayFeatures.HOLIDAY_COUNT);
        double[] row = new double[1];
        m.write(LocalDateTime.of(2024, 11, 1, 0, 0), row, 0);
        assertThat(row[0]).isEqualTo(2.0);   // Veterans Day, Thanksgiving
        m.write(LocalDateTime.of(2024, 3, 1, 0, 0), row, 0);
        assertThat(row[0]).isEqualTo(0.0);
        HolidayTimestampFeatures w = new HolidayTimestampFeatures("US", Frequency.parse("W"));
        w.write(LocalDateTime.of(2024, 12, 23, 0, 0), row, 0);
        assertThat(row[0]).isEqualTo(1.0);   // Christmas
        assertThatThrownBy(() -> new HolidayTimestampFeatures("QQ", Frequency.parse("D")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'QQ'");
    }
}
