package io.automl4j.forecast;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sampling frequency: a positive multiplier and a unit (FCST-R5), e.g. {@code 1D}, {@code 15min}, {@code 1Q}.
 * Immutable. Multipliers are limited per unit (min 1–59, H 1–23, D 1–6, W 1–4, M 1–11, Q 1–3, Y 1); a value equal to
 * the next larger unit is rejected with its canonical form ({@code 60min} → "use 1H"). {@code 3M} is accepted and
 * equal to {@code 1Q}.
 */
public final class Frequency {
    /** Calendar units of a frequency, smallest first. */
    public enum Unit {
        /** minutes */ MINUTE("min", 59),
        /** hours */ HOUR("H", 23),
        /** days */ DAY("D", 6),
        /** weeks */ WEEK("W", 4),
        /** months */ MONTH("M", 11),
        /** quarters */ QUARTER("Q", 3),
        /** years */ YEAR("Y", 1);

        private final String symbol;
        private final int maxMultiplier;

        Unit(String symbol, int maxMultiplier) {
            this.symbol = symbol;
            this.maxMultiplier = maxMultiplier;
        }

        /** @return the symbol used in the text form, e.g. {@code "min"} or {@code "Q"} */
        public String symbol() {
            return symbol;
        }
    }

    private static final Pattern TEXT = Pattern.compile("\\s*(\\d*)\\s*(min|H|D|W|M|Q|Y)\\s*");

    private final int multiplier;
    private final Unit unit;

    private Frequency(int multiplier, Unit unit) {
        this.multiplier = multiplier;
        this.unit = unit;
    }

    /**
     * @param multiplier how many units one step spans
     * @param unit       the unit
     * @return the frequency ({@code 3M} is normalised to {@code 1Q})
     * @throws IllegalArgumentException when the multiplier is outside the unit's range, naming the limit, or equals
     *                                  the next larger unit (naming its canonical form)
     */
    public static Frequency of(int multiplier, Unit unit) {
        Objects.requireNonNull(unit, "unit");
        if (unit == Unit.MONTH && multiplier == 3) {
            return new Frequency(1, Unit.QUARTER);
        }
        String canonical = switch (unit) {
            case MINUTE -> multiplier == 60 ? "1H" : null;
            case HOUR -> multiplier == 24 ? "1D" : null;
            case DAY -> multiplier == 7 ? "1W" : null;
            case MONTH -> multiplier == 12 ? "1Y" : null;
            case QUARTER -> multiplier == 4 ? "1Y" : null;
            default -> null;
        };
        if (canonical != null) {
            throw new IllegalArgumentException("frequency " + multiplier + unit.symbol
                    + " equals the next larger unit: use " + canonical + " (FCST-R5)");
        }
        if (multiplier < 1 || multiplier > unit.maxMultiplier) {
            throw new IllegalArgumentException("frequency multiplier " + multiplier + " for unit " + unit.symbol
                    + " must be in 1.." + unit.maxMultiplier + " (FCST-R5)");
        }
        return new Frequency(multiplier, unit);
    }

    /**
     * Parses {@code [n]unit}, unit one of {@code Y Q M W D H min} ({@code "D"} = {@code 1D}).
     *
     * @param text e.g. {@code "15min"}, {@code "1D"}, {@code "Q"}
     * @return the frequency
     * @throws IllegalArgumentException on an unknown form or a multiplier outside its limit
     */
    public static Frequency parse(String text) {
        Objects.requireNonNull(text, "frequency");
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("frequency '" + text
                    + "' is not of the form [n]unit with unit one of Y, Q, M, W, D, H, min (FCST-R5)");
        }
        int n;
        try {
            n = m.group(1).isEmpty() ? 1 : Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("frequency '" + text + "' has a multiplier that is too large (FCST-R5)");
        }
        Unit u = switch (m.group(2)) {
            case "min" -> Unit.MINUTE;
            case "H" -> Unit.HOUR;
            case "D" -> Unit.DAY;
            case "W" -> Unit.WEEK;
            case "M" -> Unit.MONTH;
            case "Q" -> Unit.QUARTER;
            default -> Unit.YEAR;
        };
        return of(n, u);
    }

    /** @return the multiplier */
    public int multiplier() {
        return multiplier;
    }

    /** @return the unit */
    public Unit unit() {
        return unit;
    }

    /**
     * Default seasonal period (FCST-R6): min → 1440/n if integral else 1; H → 24/n if integral else 1; D → 7;
     * W → 52; M → 12; Q → 4; Y → 1. For multipliers above 1 on D/W/M/Q the period is 1.
     *
     * @return the default seasonal period, ≥ 1
     */
    public int defaultSeasonalPeriod() {
        return switch (unit) {
            case MINUTE -> 1440 % multiplier == 0 ? 1440 / multiplier : 1;
            case HOUR -> 24 % multiplier == 0 ? 24 / multiplier : 1;
            case DAY -> multiplier == 1 ? 7 : 1;
            case WEEK -> multiplier == 1 ? 52 : 1;
            case MONTH -> multiplier == 1 ? 12 : (12 % multiplier == 0 ? 12 / multiplier : 1);
            case QUARTER -> multiplier == 1 ? 4 : 1;
            case YEAR -> 1;
        };
    }

    /**
     * MASE seasonal period (FCST-R17, M4 convention): Y 1, Q 4, M 12, W 1, D 1, H 24, min 1.
     *
     * @return the period used in MASE's scaling denominator
     */
    public int masePeriod() {
        return switch (unit) {
            case YEAR, WEEK, DAY, MINUTE -> 1;
            case QUARTER -> multiplier == 1 ? 4 : 1;
            case MONTH -> multiplier == 1 ? 12 : 1;
            case HOUR -> multiplier == 1 ? 24 : 1;
        };
    }

    /**
     * @param bucketStart a bucket's start
     * @param label       which instant labels buckets in outputs
     * @return the bucket's label: its start, or its last day (day and coarser) / last minute (minute, hour)
     */
    public LocalDateTime label(LocalDateTime bucketStart, TimestampLabel label) {
        if (label == TimestampLabel.START) {
            return bucketStart;
        }
        LocalDateTime next = plus(bucketStart, 1);
        return subDaily() ? next.minusMinutes(1) : next.minusDays(1);
    }

    /**
     * The inverse of {@link #label(LocalDateTime, TimestampLabel)}.
     *
     * @param labelled a bucket label
     * @param label    how it was labelled
     * @return the bucket's start
     */
    public LocalDateTime startOfLabel(LocalDateTime labelled, TimestampLabel label) {
        if (label == TimestampLabel.START) {
            return labelled;
        }
        return plus(subDaily() ? labelled.plusMinutes(1) : labelled.plusDays(1), -1);
    }

    private boolean subDaily() {
        return unit == Unit.MINUTE || unit == Unit.HOUR;
    }

    /**
     * @param t a bucket label
     * @param k steps to add (may be negative)
     * @return the label k steps later
     */
    public LocalDateTime plus(LocalDateTime t, long k) {
        long n = k * multiplier;
        return switch (unit) {
            case MINUTE -> t.plusMinutes(n);
            case HOUR -> t.plusHours(n);
            case DAY -> t.plusDays(n);
            case WEEK -> t.plusWeeks(n);
            case MONTH -> t.plusMonths(n);
            case QUARTER -> t.plusMonths(3 * n);
            case YEAR -> t.plusYears(n);
        };
    }

    /**
     * Start of the bucket holding {@code t} (FCST-R5): min/H aligned to multiples from midnight; D at midnight;
     * W on the weekday {@code weekAnchor}; M on the 1st; Q on 1 Jan/Apr/Jul/Oct; Y on 1 Jan. For D, M and Q with a
     * multiplier above 1, buckets are counted from {@code origin}.
     *
     * @param t          a timestamp
     * @param origin     the earliest timestamp of the data set (anchor for multi-unit buckets)
     * @return the bucket start
     */
    public LocalDateTime bucketStart(LocalDateTime t, LocalDateTime origin) {
        switch (unit) {
            case MINUTE: {
                int minutes = t.getHour() * 60 + t.getMinute();
                return t.truncatedTo(ChronoUnit.DAYS).plusMinutes(minutes - minutes % multiplier);
            }
            case HOUR:
                return t.truncatedTo(ChronoUnit.DAYS).plusHours(t.getHour() - t.getHour() % multiplier);
            case DAY: {
                LocalDate o = origin.toLocalDate();
                long d = ChronoUnit.DAYS.between(o, t.toLocalDate());
                return o.plusDays(Math.floorDiv(d, multiplier) * multiplier).atStartOfDay();
            }
            case WEEK: {
                DayOfWeek anchor = origin.getDayOfWeek();
                LocalDate start = t.toLocalDate().with(TemporalAdjusters.previousOrSame(anchor));
                LocalDate o = origin.toLocalDate();
                long w = ChronoUnit.WEEKS.between(o, start);
                return o.plusWeeks(Math.floorDiv(w, multiplier) * multiplier).atStartOfDay();
            }
            case MONTH:
            case QUARTER: {
                int months = unit == Unit.MONTH ? multiplier : 3 * multiplier;
                long abs = t.getYear() * 12L + t.getMonthValue() - 1;
                long start = unit == Unit.QUARTER && multiplier == 1 ? abs - Math.floorMod(abs, 3)
                        : alignMonths(abs, origin, months);
                return LocalDate.of((int) Math.floorDiv(start, 12), (int) Math.floorMod(start, 12L) + 1, 1)
                        .atStartOfDay();
            }
            default:
                return LocalDate.of(t.getYear(), 1, 1).atStartOfDay();
        }
    }

    private static long alignMonths(long abs, LocalDateTime origin, int months) {
        long o = origin.getYear() * 12L + origin.getMonthValue() - 1;
        if (months % 3 == 0) {
            o -= Math.floorMod(o, 3);
        }
        return o + Math.floorDiv(abs - o, months) * months;
    }

    /**
     * Number of steps from {@code a} to {@code b} when both are bucket labels.
     *
     * @param a earlier label
     * @param b later label
     * @return steps between them (exact for labels produced by {@link #bucketStart})
     */
    public long steps(LocalDateTime a, LocalDateTime b) {
        long units = switch (unit) {
            case MINUTE -> ChronoUnit.MINUTES.between(a, b);
            case HOUR -> ChronoUnit.HOURS.between(a, b);
            case DAY -> ChronoUnit.DAYS.between(a, b);
            case WEEK -> ChronoUnit.WEEKS.between(a, b);
            case MONTH -> ChronoUnit.MONTHS.between(a, b);
            case QUARTER -> ChronoUnit.MONTHS.between(a, b) / 3;
            case YEAR -> ChronoUnit.YEARS.between(a, b);
        };
        return units / multiplier;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frequency f && f.multiplier == multiplier && f.unit == unit;
    }

    @Override
    public int hashCode() {
        return 31 * multiplier + unit.hashCode();
    }

    /** @return the canonical text form, e.g. {@code "1Q"} or {@code "15min"} */
    @Override
    public String toString() {
        return multiplier + unit.symbol;
    }
}
