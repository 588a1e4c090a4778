package io.ponte.hub.reports;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ponte.hub.errors.ValidationException;
import io.ponte.hub.storage.TrafficStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Traffic per minute and per connection over the last minutes ({@code GET /api/v1/stats}), from the stored events
 * and deliveries: received = events stored from a connection (its webhooks and polls), sent = deliveries delivered
 * to it, failed = deliveries waiting for a retry after a failed attempt, dead = deliveries given up on; each counted
 * in the minute its latest change happened. Latency is event stored → delivery delivered.
 */
public final class TrafficStats {

    public static final int MAX_MINUTES = 1440;
    private static final long MINUTE = 60_000;

    private final TrafficStore store;
    private final Clock clock;

    public TrafficStats(TrafficStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The whole answer; {@code to} is now, {@code from} the start of the first minute. */
    public record Stats(Instant from, Instant to, List<Minute> minutes, List<Connection> connections) {
    }

    /** One minute, {@code minute} its start. Latencies in ms, null when nothing was delivered. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Minute(Instant minute, long received, long sent, long failed, long dead, Long latencyP50Ms,
                         Long latencyP95Ms) {
    }

    /** One connection with traffic in the window. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Connection(String connectionId, long received, long sent, long failed, long dead,
                             Long latencyP95Ms) {
    }

    private static final class Tally {
        long received;
        long sent;
        long failed;
        long dead;
        final LatencyHistogram latency = new LatencyHistogram();

        void add(String status, long n) {
            switch (status == null ? "received" : status) {
                case "received" -> received += n;
                case "delivered" -> sent += n;
                case "failed" -> failed += n;
                case "dead" -> dead += n;
                default -> throw new IllegalStateException("unexpected outcome " + status);
            }
        }
    }

    /**
     * @param tenant  the tenant, or null for every tenant's
     * @param minutes how many minutes back, the current one included: 1..1440
     */
    public Stats stats(String tenant, int minutes) {
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw new ValidationException("minutes", "must be an integer between 1 and " + MAX_MINUTES);
        }
        long now = clock.millis();
        long first = now / MINUTE - (minutes - 1);
        long from = first * MINUTE;
        Tally[] perMinute = new Tally[minutes];
        for (int i = 0; i < minutes; i++) {
            perMinute[i] = new Tally();
        }
        Map<String, Tally> perConnection = new TreeMap<>();
        java.util.function.Consumer<TrafficStore.Count> count = c -> {
            int i = (int) (c.minute() - first);
            if (i >= 0 && i < minutes) {
                perMinute[i].add(c.status(), c.count());
                perConnection.computeIfAbsent(c.connectionId(), k -> new Tally()).add(c.status(), c.count());
            }
        };
        store.received(tenant, from, now + 1, count);
        store.outcomes(tenant, from, now + 1, count);
        store.delivered(tenant, from, now + 1, d -> {
            int i = (int) (d.deliveredAt() / MINUTE - first);
            if (i >= 0 && i < minutes) {
                perMinute[i].latency.add(d.latencyMs());
                perConnection.computeIfAbsent(d.connectionId(), k -> new Tally()).latency.add(d.latencyMs());
            }
        });
        List<Minute> outMinutes = new ArrayList<>(minutes);
        for (int i = 0; i < minutes; i++) {
            Tally t = perMinute[i];
            outMinutes.add(new Minute(Instant.ofEpochMilli((first + i) * MINUTE), t.received, t.sent, t.failed, t.dead,
                    t.latency.percentile(0.50), t.latency.percentile(0.95)));
        }
        List<Connection> outConnections = new ArrayList<>(perConnection.size());
        perConnection.forEach((id, t) -> outConnections.add(new Connection(id, t.received, t.sent, t.failed, t.dead,
                t.latency.percentile(0.95))));
        return new Stats(Instant.ofEpochMilli(from), Instant.ofEpochMilli(now), outMinutes, outConnections);
    }
}
