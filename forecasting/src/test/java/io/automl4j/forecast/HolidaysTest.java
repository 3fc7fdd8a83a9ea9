package io.automl4j.forecast;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bundled holiday calendars (FCST-R15). Expected dates and counts were checked against the generator
 * (python-holidays 0.105, forecasting/scripts/gen_holidays.py).
 */
class HolidaysTest {
    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void atLeastOneHundredCountriesSorted() {
        List<String> codes = Holidays.supportedCountries();
        assertThat(codes.size()).isGreaterThanOrEqualTo(100);
        assertThat(codes).isSorted().contains("US", "GB", "DE", "CN", "IN", "BR", "SA", "XK").doesNotContain("UK");
        for (String c : codes) {
            assertThat(c).matches("[A-Z]{2}");
        }
        assertThat(Holidays.source()).contains("python-holidays 0.105");
    }

    @Test
    void unitedStates2024() {
        SortedMap<LocalDate, List<String>> us = Holidays.holidays("US", 2024);
        assertThat(us).hasSize(11);
        assertThat(us.get(d("2024-07-04"))).containsExactly("Independence Day");
        assertThat(us.get(d("2024-11-28"))).containsExactly("Thanksgiving Day");
        assertThat(us).doesNotContainKey(d("2024-07-05"));
        assertThat(Holidays.countryName("us")).isEqualTo("United States");
    }

    @Test
    void unitedKingdomVeDay2020AndAlias() {
        SortedMap<LocalDate, List<String>> gb = Holidays.holidays("GB", 2020);
        // the early May bank holiday moved from Monday 4 May to Friday 8 May for the 75th anniversary of VE day
        assertThat(gb.get(d("2020-05-08"))).containsExactly("May Day");
        assertThat(gb).doesNotContainKey(d("2020-05-04"));
        assertThat(gb).hasSize(7);
        assertThat(Holidays.holidays("UK", 2020)).isEqualTo(gb);
        assertThat(Holidays.holidays("uk", 2020)).isEqualTo(gb);
        assertThat(Holidays.canonicalCode(" uk ")).isEqualTo("GB");
        assertThat(Holidays.countryName("XK")).isEqualTo("Kosovo");
    }

    @Test
    void germanEasterMonday2030() {
        SortedMap<LocalDate, List<String>> de = Holidays.holidays("DE", 2030);
        assertThat(de.get(d("2030-04-22"))).containsExactly("Easter Monday");
        assertThat(de.get(d("2030-04-19"))).containsExactly("Good Friday");
        assertThat(de).hasSize(9);
    }

    @Test
    void lunarAndIslamicCalendars() {
        // Chinese New Year (Spring Festival) 2024 fell on 10 February
        assertThat(Holidays.holidays("CN", 2024).get(d("2024-02-10"))).singleElement().asString()
                .contains("Spring Festival");
        assertThat(Holidays.holidays("CN", 2024)).hasSize(21);
        // Eid al-Fitr 1445 AH: 10 April 2024 in Indonesia, 9–12 April in Saudi Arabia
        assertThat(Holidays.holidays("ID", 2024).get(d("2024-04-10"))).containsExactly("Eid al-Fitr");
        assertThat(Holidays.holidays("SA", 2024).subMap(d("2024-04-09"), d("2024-04-13")).values())
                .containsOnly(List.of("Eid al-Fitr Holiday")).hasSize(4);
    }

    @Test
    void yearRangeBoundaries() {
        assertThat(Holidays.holidays("US", Holidays.FIRST_YEAR).get(d("1990-01-01"))).containsExactly("New Year's Day");
        assertThat(Holidays.holidays("US", Holidays.FIRST_YEAR)).hasSize(11);
        assertThat(Holidays.holidays("US", Holidays.LAST_YEAR)).hasSize(13);   // incl. observed days
        assertThat(Holidays.holidays("US", Holidays.LAST_YEAR).get(d("2040-12-25"))).containsExactly("Christmas Day");
        assertThatThrownBy(() -> Holidays.holidays("US", 1989)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("year 1989 is outside the bundled holiday calendar of US (1990–2040, FCST-R15)");
        assertThatThrownBy(() -> Holidays.holidays("US", 2041)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("year 2041 is outside");
        // narrower ranges where the source covers fewer years
        assertThat(Holidays.holidays("ES", 2008)).hasSize(8).containsEntry(d("2008-12-06"), List.of("Constitution Day"));
        assertThatThrownBy(() -> Holidays.holidays("ES", 2007))
                .hasMessage("year 2007 is outside the bundled holiday calendar of ES (2008–2040, FCST-R15)");
        assertThatThrownBy(() -> Holidays.holidays("LK", 2027)).hasMessageContaining("(2003–2026");
    }

    @Test
    void unknownCodesListCloseMatches() {
        assertThatThrownBy(() -> Holidays.canonicalCode("QQ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("close matches: QA (Qatar)");
        // a country name instead of a code
        assertThatThrownBy(() -> Holidays.canonicalCode("Germany")).hasMessageContaining("close matches: DE (Germany)");
        // one letter off: same first letter first
        assertThatThrownBy(() -> Holidays.canonicalCode("UQ")).hasMessageContaining("close matches: UA (Ukraine)")
                .hasMessageContaining("US (United States)");
        assertThatThrownBy(() -> Holidays.holidays("EU", 2020)).hasMessageStartingWith(
                "holidayCountry 'EU' is not a supported country code");
    }
}
