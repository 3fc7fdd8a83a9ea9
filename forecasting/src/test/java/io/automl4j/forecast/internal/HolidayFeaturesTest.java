package io.automl4j.forecast.internal;

import io.automl4j.forecast.Frequency;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Holiday features per bucket (FCST-R15): indicators for daily and finer data, counts for coarser data. */
class HolidayFeaturesTest {
    private static LocalDateTime at(int y, int m, int d, int hour) {
        return LocalDateTime.of(y, m, d, hour, 0);
    }

    @Test
    void dailyIndicatorsAroundIndependenceDay() {
        HolidayFeatures f = HolidayFeatures.forSteps("US", at(2024, 7, 1, 0), 7, Frequency.parse("D"));
        assertThat(f.names().get(0)).isEqualTo(HolidayFeatures.IS_HOLIDAY);
        assertThat(f.names()).contains("holiday:Independence Day", "holiday:Christmas Day");
        assertThat(f.column(0)).containsExactly(0, 0, 0, 1, 0, 0, 0);
        assertThat(f.column(f.names().indexOf("holiday:Independence Day"))).containsExactly(0, 0, 0, 1, 0, 0, 0);
        assertThat(f.column(f.names().indexOf("holiday:Christmas Day"))).containsOnly(0.0);
        assertThat(f.uncovered()).isZero();
        // the same columns whatever the range, so training and future features line up
        assertThat(HolidayFeatures.forSteps("US", at(2030, 2, 1, 0), 3, Frequency.parse("D")).names())
                .isEqualTo(f.names());
    }

    @Test
    void hourlyBucketsInheritTheirDate() {
        HolidayFeatures f = HolidayFeatures.forSteps("US", at(2024, 7, 3, 22), 4, Frequency.parse("H"));
        assertThat(f.column(0)).containsExactly(0, 0, 1, 1);
    }

    @Test
    void monthlyAndWeeklyBucketsCountHolidayDates() {
        HolidayFeatures m = HolidayFeatures.forSteps("US", at(2024, 1, 1, 0), 12, Frequency.parse("M"));
        assertThat(m.names()).containsExactly(HolidayFeatures.HOLIDAY_COUNT);
        // Jan: New Year, MLK; Feb: Washington's Birthday; May: Memorial; Jun: Juneteenth; Jul: 4th; Sep: Labor;
        // Oct: Columbus; Nov: Veterans, Thanksgiving; Dec: Christmas
        assertThat(m.column(0)).containsExactly(2, 1, 0, 0, 1, 1, 1, 0, 1, 1, 2, 1);
        HolidayFeatures w = HolidayFeatures.forSteps("US", at(2024, 12, 16, 0), 3, Frequency.parse("W"));
        assertThat(w.column(0)).containsExactly(0, 1, 1);   // Christmas; New Year 2025 in the week from Dec 30
        HolidayFeatures q = HolidayFeatures.forSteps("US", at(2024, 1, 1, 0), 4, Frequency.parse("Q"));
        assertThat(q.column(0)).containsExactly(3, 2, 2, 4);
        // 2D buckets are longer than a day: counts
        assertThat(HolidayFeatures.forSteps("US", at(2024, 7, 3, 0), 2, Frequency.parse("2D")).column(0))
                .containsExactly(1, 0);
    }

    @Test
    void daysOutsideTheCalendarYearsAreNonHolidaysAndCounted() {
        HolidayFeatures f = HolidayFeatures.forSteps("US", at(1989, 12, 30, 0), 4, Frequency.parse("D"));
        assertThat(f.column(0)).containsExactly(0, 0, 1, 0);   // 1990-01-01 is covered
        assertThat(f.uncovered()).isEqualTo(2);
        HolidayFeatures late = HolidayFeatures.forSteps("US", at(2040, 12, 1, 0), 2, Frequency.parse("M"));
        assertThat(late.column(0)).containsExactly(1, 0);      // Christmas 2040; January 2041 unknown
        assertThat(late.uncovered()).isEqualTo(1);
    }

    @Test
    void yearsTheSourceDoesNotCoverAreUncovered() {
        // Spain's calendar starts in 2008: 1 Jan 2007 unknown, 1 Jan 2008 a holiday
        HolidayFeatures es = HolidayFeatures.forSteps("ES", at(2007, 1, 1, 0), 2, Frequency.parse("Y"));
        assertThat(es.column(0)[0]).isZero();
        assertThat(es.column(0)[1]).isGreaterThan(5);
        assertThat(es.uncovered()).isEqualTo(1);
    }

    @Test
    void unknownCountryIsRejected() {
        assertThatThrownBy(() -> HolidayFeatures.forSteps("ZZ", at(2024, 1, 1, 0), 1, Frequency.parse("D")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ZZ'");
    }
}
