package io.automl4j.forecast.internal;

import io.automl4j.api.InvalidJobSpecException;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a timestamp column with one format (FCST-R4): ISO-8601 date / date-time (offsets converted to UTC, zone
 * dropped), {@code yyyy-MM-dd HH:mm:ss}, {@code yyyy/MM/dd[ HH:mm:ss]}, {@code MM/dd/yy[ HH:mm]}, {@code MM/dd/yyyy},
 * {@code dd/MM/yyyy}, {@code dd/MM/yy}, {@code dd-MM-yy}, {@code dd-MM-yyyy}. When several formats parse every value
 * differently (day/month ambiguity) it is an error asking for {@code timestampFormat}.
 */
final class TimestampParser {
    private static final Map<String, DateTimeFormatter> FORMATS = new LinkedHashMap<>();

    static {
        add("ISO date", "uuuu-MM-dd");
        add("ISO date-time", "uuuu-MM-dd'T'HH:mm[:ss][.SSSSSSSSS][.SSSSSS][.SSS]");
        add("yyyy-MM-dd HH:mm:ss", "uuuu-MM-dd HH:mm:ss");
        add("yyyy/MM/dd", "uuuu/MM/dd");
        add("yyyy/MM/dd HH:mm:ss", "uuuu/MM/dd HH:mm:ss");
        add("MM/dd/yy", "MM/dd/uu");
        add("MM/dd/yy HH:mm", "MM/dd/uu HH:mm");
        add("MM/dd/yyyy", "MM/dd/uuuu");
        add("dd/MM/yyyy", "dd/MM/uuuu");
        add("dd/MM/yy", "dd/MM/uu");
        add("dd-MM-yy", "dd-MM-uu");
        add("dd-MM-yyyy", "dd-MM-uuuu");
    }

    private TimestampParser() {
    }

    private static void add(String name, String pattern) {
        FORMATS.put(name, DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withResolverStyle(ResolverStyle.STRICT));
    }

    /**
     * @param values  raw cells (no nulls)
     * @param column  column name for messages
     * @param pattern user pattern, or null to infer
     * @return parsed timestamps
     */
    static LocalDateTime[] parse(String[] values, String column, String pattern) {
        if (pattern != null) {
            DateTimeFormatter f = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
            LocalDateTime[] out = new LocalDateTime[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = parseOne(values[i].trim(), f);
                if (out[i] == null) {
                    throw new InvalidJobSpecException("timestamp '" + values[i] + "' in column '" + column
                            + "' at row " + (i + 1) + " does not match timestampFormat '" + pattern + "' (FCST-R4)");
                }
            }
            return out;
        }
        // offsets: ISO offset date-time converted to UTC
        List<String> matching = new ArrayList<>();
        List<LocalDateTime[]> results = new ArrayList<>();
        int bestParsed = -1;
        String bestName = null;
        int bestFailRow = -1;
        for (Map.Entry<String, DateTimeFormatter> e : FORMATS.entrySet()) {
            LocalDateTime[] out = new LocalDateTime[values.length];
            int i = 0;
            for (; i < values.length; i++) {
                out[i] = parseOne(values[i].trim(), e.getValue());
                if (out[i] == null) {
                    break;
                }
            }
            if (i == values.length) {
                matching.add(e.getKey());
                results.add(out);
            } else if (i > bestParsed) {
                bestParsed = i;
                bestName = e.getKey();
                bestFailRow = i;
            }
        }
        if (matching.isEmpty()) {
            LocalDateTime[] out = new LocalDateTime[values.length];
            int i = 0;
            for (; i < values.length; i++) {
                out[i] = parseOffset(values[i].trim());
                if (out[i] == null) {
                    break;
                }
            }
            if (i == values.length) {
                return out;
            }
            throw new InvalidJobSpecException("timestamp '" + values[bestFailRow] + "' in column '" + column
                    + "' at row " + (bestFailRow + 1) + " cannot be parsed"
                    + (bestName != null && bestParsed > 0 ? " with format " + bestName
                    + " that parses the rows before it" : "") + "; set timestampFormat (FCST-R4)");
        }
        for (int k = 1; k < results.size(); k++) {
            if (!java.util.Arrays.equals(results.get(0), results.get(k))) {
                throw new InvalidJobSpecException("timestamps in column '" + column + "' are ambiguous: formats "
                        + String.join(" and ", matching) + " both parse every value (day/month order);"
                        + " set timestampFormat (FCST-R4)");
            }
        }
        return results.get(0);
    }

    private static LocalDateTime parseOne(String v, DateTimeFormatter f) {
        try {
            TemporalAccessor t = f.parse(v);
            if (t.isSupported(java.time.temporal.ChronoField.HOUR_OF_DAY)) {
                return LocalDateTime.from(t);
            }
            return LocalDate.from(t).atStartOfDay();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static LocalDateTime parseOffset(String v) {
        try {
            return OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
