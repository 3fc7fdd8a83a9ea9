package io.automl4j.forecast;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Builder validation: one test per rule of FCST-R2, R5, R7, R8. */
class ForecastJobTest {
    private static ForecastJob.Builder base() {
        return ForecastJob.builder().itemId("id").timestamp("ts").target("y").horizon(4);
    }

    @Test
    void defaultsFollowFcstR2() {
        ForecastJob job = base().build();
        assertThat(job.quantiles()).containsExactly(0.1, 0.5, 0.9);
        assertThat(job.objectiveMetric()).isEqualTo(ForecastMetric.AVERAGE_WQL);
        assertThat(job.backtestWindows()).isEqualTo(1);
        assertThat(job.algorithms()).containsExactly(ForecastAlgorithm.values());
        assertThat(job.frequency()).isEmpty();
    }

    @Test
    void requiredColumnsFcstR2() {
        assertThatThrownBy(() -> ForecastJob.builder().itemId("id").timestamp("ts").horizon(1).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("target");
        assertThatThrownBy(() -> ForecastJob.builder().itemId("id").timestamp("ts").target("y").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("horizon is required");
    }

    @Test
    void columnsMustBeDistinctFcstR2() {
        assertThatThrownBy(() -> base().target("ts").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be distinct");
    }

    @Test
    void horizonLimitFcstR7() {
        assertThatThrownBy(() -> base().horizon(0).build()).hasMessageContaining("horizon 0 must be in 1..500");
        assertThatThrownBy(() -> base().horizon(501).build()).hasMessageContaining("horizon 501 must be in 1..500");
        assertThat(base().horizon(500).build().horizon()).isEqualTo(500);
    }

    @Test
    void quantilesOutOfRangeFcstR8() {
        assertThatThrownBy(() -> base().quantiles(0.005).build())
                .hasMessageContaining("quantile 0.005 must be in [0.01, 0.99]");
        assertThatThrownBy(() -> base().quantiles(1.0).build())
                .hasMessageContaining("quantile 1.0 must be in [0.01, 0.99]");
    }

    @Test
    void quantilesMultipleOfOnePercentFcstR8() {
        assertThatThrownBy(() -> base().quantiles(0.125).build())
                .hasMessageContaining("quantile 0.125 must be a multiple of 0.01");
    }

    @Test
    void quantilesCountAndDuplicatesFcstR8() {
        assertThatThrownBy(() -> base().quantiles(0.1, 0.2, 0.3, 0.4, 0.5, 0.6).build())
                .hasMessageContaining("6 levels given, must be 1..5");
        assertThatThrownBy(() -> base().quantiles(new double[0]).build())
                .hasMessageContaining("0 levels given");
        assertThatThrownBy(() -> base().quantiles(0.5, 0.5).build()).hasMessageContaining("given twice");
    }

    @Test
    void quantilesAcceptNamesAndAreSortedFcstR8() {
        ForecastJob job = base().quantiles("p90", "0.25", "p5").build();
        assertThat(job.quantiles()).containsExactly(0.05, 0.25, 0.9);
        assertThatThrownBy(() -> base().quantiles("q25").build()).hasMessageContaining("'q25'");
    }

    @Test
    void backtestWindowsFcstR2() {
        assertThatThrownBy(() -> base().backtestWindows(0).build()).hasMessageContaining("backtestWindows 0 must be in 1..5");
        assertThatThrownBy(() -> base().backtestWindows(6).build()).hasMessageContaining("backtestWindows 6");
    }

    @Test
    void backtestOffsetAtLeastHorizonFcstR2() {
        assertThatThrownBy(() -> base().backtestOffset(3).build())
                .hasMessageContaining("backtestOffset 3 must be ≥ horizon 4");
    }

    @Test
    void algorithmsNonEmptyFcstR2() {
        assertThatThrownBy(() -> base().algorithms().build()).hasMessageContaining("at least one");
    }

    @Test
    void seasonalPeriodRuntimeAndThreads() {
        assertThatThrownBy(() -> base().seasonalPeriod(0).build()).hasMessageContaining("seasonalPeriod 0 must be ≥ 1");
        assertThatThrownBy(() -> base().maxJobRuntime(Duration.ZERO).build()).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> base().threads(0).build()).hasMessageContaining("threads 0");
        assertThatThrownBy(() -> base().timestampFormat("yyyy-MM-dd'").build())
                .hasMessageContaining("not a valid DateTimeFormatter pattern");
    }

    @Test
    void frequencyParsingAndCanonicalFormsFcstR5() {
        assertThat(Frequency.parse("D")).isEqualTo(Frequency.parse("1D"));
        assertThat(Frequency.parse("15min").toString()).isEqualTo("15min");
        assertThat(Frequency.parse("3M")).isEqualTo(Frequency.parse("1Q"));
        assertThatThrownBy(() -> Frequency.parse("60min")).hasMessageContaining("use 1H");
        assertThatThrownBy(() -> Frequency.parse("24H")).hasMessageContaining("use 1D");
        assertThatThrownBy(() -> Frequency.parse("7D")).hasMessageContaining("use 1W");
        assertThatThrownBy(() -> Frequency.parse("4Q")).hasMessageContaining("use 1Y");
        assertThatThrownBy(() -> Frequency.parse("12M")).hasMessageContaining("use 1Y");
        assertThatThrownBy(() -> Frequency.parse("8D")).hasMessageContaining("must be in 1..6");
        assertThatThrownBy(() -> Frequency.parse("2Y")).hasMessageContaining("must be in 1..1");
        assertThatThrownBy(() -> Frequency.parse("5 days")).hasMessageContaining("not of the form");
    }

    @Test
    void defaultSeasonalPeriodsFcstR6() {
        assertThat(Frequency.parse("Q").defaultSeasonalPeriod()).isEqualTo(4);
        assertThat(Frequency.parse("M").defaultSeasonalPeriod()).isEqualTo(12);
        assertThat(Frequency.parse("D").defaultSeasonalPeriod()).isEqualTo(7);
        assertThat(Frequency.parse("W").defaultSeasonalPeriod()).isEqualTo(52);
        assertThat(Frequency.parse("H").defaultSeasonalPeriod()).isEqualTo(24);
        assertThat(Frequency.parse("15min").defaultSeasonalPeriod()).isEqualTo(96);
        assertThat(Frequency.parse("7min").defaultSeasonalPeriod()).isEqualTo(1);
        assertThat(Frequency.parse("Y").defaultSeasonalPeriod()).isEqualTo(1);
    }

    @Test
    void holidayCountryIsValidatedAtOnceFcstR15() {
        assertThat(base().build().holidayCountry()).isEmpty();
        assertThat(base().holidayCountry("us").build().holidayCountry()).contains("US");
        assertThat(base().holidayCountry(" UK ").build().holidayCountry()).contains("GB");
        assertThatThrownBy(() -> base().holidayCountry("QQ"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("holidayCountry 'QQ' is not a supported country code")
                .hasMessageContaining("close matches: QA (Qatar)");
        assertThatThrownBy(() -> base().holidayCountry(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
