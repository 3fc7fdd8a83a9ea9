package io.automl4j.core.internal.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.regex.Pattern;

/** The DATETIME formats of AUTOML-R14 and their parsing to epoch seconds (UTC for values without an offset). */
public enum DateFormats {
    ISO_DATE("yyyy-MM-dd", false),
    ISO_DATE_TIME("yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX]", true),
    ISO_DATE_SPACE_TIME("yyyy-MM-dd HH:mm:ss[.SSS][XXX]", true),
    SLASH_YMD("yyyy/MM/dd", false),
    SLASH_YMD_TIME("yyyy/MM/dd HH:mm:ss", true),
    US("MM/dd/yyyy", false),
    EU("dd/MM/yyyy", false);

    private static final Pattern LOOKS_LIKE_DATE = Pattern.compile("\\d{1,4}[-/]\\d{1,2}[-/]\\d{1,4}.*");

    private final String pattern;
    private final boolean hasTime;
    private final DateTimeFormatter formatter;

    DateFormats(String pattern, boolean hasTime) {
        this.pattern = pattern;
        this.hasTime = hasTime;
        this.formatter = DateTimeFormatter.ofPattern(pattern.replace("yyyy", "uuuu"))
                .withResolverStyle(ResolverStyle.STRICT);
    }

    /** @return the pattern text */
    public String pattern() {
        return pattern;
    }

    /** @return true when values carry a time of day */
    public boolean hasTime() {
        return hasTime;
    }

    /**
     * @param s a cell
     * @return quick pre-check before trying every format
     */
    public static boolean looksLikeDate(String s) {
        return s.length() >= 6 && s.length() <= 40 && LOOKS_LIKE_DATE.matcher(s).matches();
    }

    /**
     * @param s a cell
     * @return epoch seconds, or NaN when {@code s} does not parse with this format
     */
    public double parse(String s) {
        try {
            if (!hasTime) {
                return LocalDate.parse(s, formatter).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
            }
            var parsed = formatter.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof OffsetDateTime odt) {
                return odt.toEpochSecond();
            }
            return ((LocalDateTime) parsed).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return Double.NaN;
        }
    }

    /**
     * @param values non-missing cells (a sample or all)
     * @return the formats under which every value parses
     */
    public static List<DateFormats> matching(List<String> values) {
        List<DateFormats> out = new java.util.ArrayList<>();
        for (DateFormats f : values()) {
            boolean all = !values.isEmpty();
            for (String v : values) {
                if (Double.isNaN(f.parse(v))) {
                    all = false;
                    break;
                }
            }
            if (all) {
                out.add(f);
            }
        }
        return out;
    }
}
