package io.ponte.hub.connections;

import io.ponte.api.connector.Health;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest health each connection reported on this node (while working, or found by a test), shown on the
 * connection. Thread-safe; forgets a connection when it closes.
 */
final class HealthReports {

    private static final Logger LOG = LoggerFactory.getLogger(HealthReports.class);

    private final Map<String, HealthReport> latest = new ConcurrentHashMap<>();
    private final Clock clock;

    HealthReports(Clock clock) {
        this.clock = clock;
    }

    /**
     * Keeps a report; a connector repeating the status it last reported keeps the time that status started.
     *
     * @param source {@code connector} (reported while working) or {@code test} (a health check)
     */
    void report(String id, Health h, String source) {
        String status = h.status().wire();
        HealthReport previous = latest.get(id);
        if (source.equals("connector") && previous != null && previous.status().equals(status)) {
            return; // a repeat: keep when it started
        }
        latest.put(id, new HealthReport(status, h.detail(), source, Instant.ofEpochMilli(clock.millis())));
        if (h.status() != Health.Status.UP && (previous == null || !previous.status().equals(status))) {
            LOG.warn("connection {} reports {}: {}", id, h.status(), h.detail());
        }
    }

    /** The latest report of a connection, or empty when it reported none since it opened. */
    Optional<HealthReport> of(String id) {
        return Optional.ofNullable(latest.get(id));
    }

    void forget(String id) {
        latest.remove(id);
    }
}
