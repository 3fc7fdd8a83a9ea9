package io.automl4j.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One structured entry of a job's event log (AUTOML-R55).
 *
 * @param time    when it happened
 * @param stage   the job phase
 * @param level   severity
 * @param message a human-readable sentence
 * @param details machine-readable key/values (copied, insertion order kept by the producer)
 */
public record Event(Instant time, Stage stage, Level level, String message, Map<String, String> details) {
    /** Severity of an event. */
    public enum Level { INFO, WARN }

    /** Validates and copies. */
    public Event {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
        details = Map.copyOf(details == null ? Map.of() : details);
    }

    @Override
    public String toString() {
        return time + " " + level + " [" + stage + "] " + message + (details.isEmpty() ? "" : " " + details);
    }
}
