package io.automl4j.cli;

import picocli.CommandLine;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations such as {@code 60s}, {@code 5m}, {@code 1h30m}, {@code 90} (seconds) or ISO {@code PT1M}. */
final class Durations implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("pt") || v.startsWith("p")) {
            return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
        }
        if (v.matches("\\d+(\\.\\d+)?")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        }
        Matcher m = PART.matcher(v);
        int pos = 0;
        double millis = 0;
        while (m.find() && m.start() == pos) {
            double n = Double.parseDouble(m.group(1));
            millis += switch (m.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1000;
                case "m" -> n * 60_000;
                case "h" -> n * 3_600_000;
                default -> n * 86_400_000;
            };
            pos = m.end();
        }
        if (pos != v.length() || pos == 0) {
            throw new CommandLine.TypeConversionException("invalid duration '" + value
                    + "' (expected e.g. 60s, 5m, 1h30m, 90 or PT1M)");
        }
        return Duration.ofMillis(Math.round(millis));
    }
}
