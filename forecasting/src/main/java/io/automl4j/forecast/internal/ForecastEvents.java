package io.automl4j.forecast.internal;

import io.automl4j.api.Event;
import io.automl4j.api.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A forecasting job's event log (AUTOML-R55): kept for the result, logged through slf4j and passed to the job's
 * listeners. Thread-safe; listeners are called outside the log's lock (on the thread that produced the event), so a
 * listener that holds the job's thread never blocks a {@code stop()} from another thread.
 */
final class ForecastEvents {
    private static final Logger LOG = LoggerFactory.getLogger("io.automl4j.events");
    private final List<Event> events = new ArrayList<>();
    private final InstantSource clock;
    private final List<Consumer<Event>> listeners;

    ForecastEvents(InstantSource clock, List<Consumer<Event>> listeners) {
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
    }

    /** @param kv alternating keys and values */
    void info(Stage stage, String message, Object... kv) {
        add(stage, Event.Level.INFO, message, kv);
    }

    /** @param kv alternating keys and values */
    void warn(Stage stage, String message, Object... kv) {
        add(stage, Event.Level.WARN, message, kv);
    }

    private void add(Stage stage, Event.Level level, String message, Object... kv) {
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            details.put(String.valueOf(kv[i]), String.valueOf(kv[i + 1]));
        }
        Event e;
        synchronized (this) {
            e = new Event(clock.instant(), stage, level, message, details);
            events.add(e);
        }
        if (level == Event.Level.WARN) {
            LOG.warn("[{}] {} {}", stage, message, details.isEmpty() ? "" : details);
        } else {
            LOG.info("[{}] {} {}", stage, message, details.isEmpty() ? "" : details);
        }
        for (Consumer<Event> l : listeners) {
            try {
                l.accept(e);
            } catch (RuntimeException ex) {
                LOG.warn("event listener failed: {}", ex.toString());
            }
        }
    }

    /** @return a snapshot of the events, oldest first */
    synchronized List<Event> events() {
        return List.copyOf(events);
    }
}
