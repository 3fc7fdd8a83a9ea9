package io.automl4j.core.internal.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The DATETIME formats of AUTOML-R14. */
class DateFormatsTest {
    @Test
    void parse_validDates_areUtcEpochSeconds() {
        assertThat(DateFormats.ISO_DATE.parse("1970-01-01")).isEqualTo(0);
        assertThat(DateFormats.ISO_DATE.parse("2020-02-29")).isEqualTo(1_582_934_400);
        assertThat(DateFormats.SLASH_YMD_TIME.parse("1970/01/02 00:00:01")).isEqualTo(86_401);
        assertThat(DateFormats.US.parse("12/31/1999")).isEqualTo(946_598_400);
        assertThat(DateFormats.EU.parse("31/12/1999")).isEqualTo(946_598_400);
    }

    @Test
    void parse_fractionalSeconds_areTruncated() {
        assertThat(DateFormats.ISO_DATE_TIME.parse("1970-01-01T00:00:01.999Z")).isEqualTo(1);
    }

    @Test
    void parse_impossibleDate_isNaN() {
        assertThat(DateFormats.ISO_DATE.parse("2021-02-29")).isNaN();
        assertThat(DateFormats.ISO_DATE.parse("2020-13-01")).isNaN();
        assertThat(DateFormats.US.parse("13/01/2020")).isNaN();
        assertThat(DateFormats.ISO_DATE.parse("2020-1-2")).isNaN();
    }

    @Test
    void matching_returnsEveryFormatThatParsesAll() {
        assertThat(DateFormats.matching(List.of("01/02/2020", "03/04/2020")))
                .containsExactly(DateFormats.US, DateFormats.EU);
        assertThat(DateFormats.matching(List.of("01/02/2020", "25/04/2020"))).containsExactly(DateFormats.EU);
        assertThat(DateFormats.matching(List.of())).isEmpty();
    }

    @Test
    void looksLikeDate_rejectsNonDates() {
        assertThat(DateFormats.looksLikeDate("2020-01-02")).isTrue();
        assertThat(DateFormats.looksLikeDate("1/2/20")).isTrue();
        assertThat(DateFormats.looksLikeDate("1-2")).isFalse();
        assertThat(DateFormats.looksLikeDate("hello world")).isFalse();
    }

    @Test
    void hasTime_onlyForFormatsWithTime() {
        assertThat(DateFormats.ISO_DATE.hasTime()).isFalse();
        assertThat(DateFormats.ISO_DATE_TIME.hasTime()).isTrue();
        assertThat(DateFormats.SLASH_YMD_TIME.hasTime()).isTrue();
        assertThat(DateFormats.US.hasTime()).isFalse();
    }
}
