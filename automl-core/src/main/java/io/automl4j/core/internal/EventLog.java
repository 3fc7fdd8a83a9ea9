package io.automl4j.core.internal;

import io.automl4j.api.Event;
import io.automl4j.api.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The job's structured event log (AUTOML-R55): kept for the result and logged through slf4j. Thread-safe. */
public final class EventLog {
    private static final Logger LOG = LoggerFactory.getLogger("io.automl4j.events");
    private final List<Event> events = new ArrayList<>();
    private final InstantSource clock;
    private final List<java.util.function.Consumer<Event>> listeners;

    public EventLog(InstantSource clock, List<java.util.function.Consumer<Event>> listeners) {
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
    }

    /**
     * @param stage   phase
     * @param message sentence
     * @param kv      alternating keys and values
     */
    public void info(Stage stage, String message, Object... kv) {
        add(stage, Event.Level.INFO, message, kv);
    }

    /**
     * @param stage   phase
     * @param message sentence
     * @param kv      alternating keys and values
     */
    public void warn(Stage stage, String message, Object... kv) {
        add(stage, Event.Level.WARN, message, kv);
    }

    private synchronized void add(Stage stage, Event.Level level, String message, Object... kv) {
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            details.put(String.valueOf(kv[i]), String.valueOf(kv[i + 1]));
        }
        Event e = new Event(clock.instant(), stage, level, message, details);
        events.add(e);
        for (var l : listeners) {
            try {
                l.accept(e);
            } catch (RuntimeException ex) {
                LOG.warn("event listener failed: {}", ex.toString());
            }
        }
        if (level == Event.Level.WARN) {
            LOG.warn("[{}] {} {}", stage, message, details.isEmpty() ? "" : details);
        } else {
            LOG.info("[{}] {} {}", stage, message, details.isEmpty() ? "" : details);
        }
    }

    /** @return a snapshot of the events */
    public synchronized List<Event> events() {
        return List.copyOf(events);
    }
}
