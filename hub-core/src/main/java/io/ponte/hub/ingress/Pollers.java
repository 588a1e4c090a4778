package io.ponte.hub.ingress;

import io.ponte.api.connector.Poller;
import io.ponte.hub.connections.LiveConnections;
import io.ponte.hub.connections.LiveConnection;
import io.ponte.hub.plugins.PluginGuard;
import io.ponte.hub.storage.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the pollers of open connections whose connector offers one. Each poll's envelopes go through the same
 * durable path as webhooks; only once they are stored is the poller's new cursor kept (in the connection's state,
 * key {@value #CURSOR_KEY}), so a crash in between re-polls and dedupe drops the repeats. One poll per connection
 * at a time, on one node of a cluster: the node that holds the connection's poll lease ({@code poll:<connection id>},
 * three intervals long, at least {@value #MIN_LEASE_SECONDS} s, renewed before each poll); when it dies, another takes
 * the lease once it runs out and resumes from the stored cursor. A failing poller is logged and tried again at its next
 * interval.
 */
public final class Pollers implements AutoCloseable {

    static final String CURSOR_KEY = "ponte.poll.cursor";
    private static final Logger LOG = LoggerFactory.getLogger(Pollers.class);
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    private static final Duration POLL_TIMEOUT = Duration.ofMinutes(2);
    static final int MIN_LEASE_SECONDS = 15;

    private final LiveConnections connections;
    private final Ingress ingress;
    private final StateStore state;
    private final io.ponte.hub.cluster.Cluster cluster;
    private final Clock clock;
    private final Map<String, Long> nextPollAt = new ConcurrentHashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("pollers").daemon(true).factory());

    public Pollers(LiveConnections connections, Ingress ingress, StateStore state, io.ponte.hub.cluster.Cluster cluster,
                   Clock clock) {
        this.cluster = cluster;
        this.connections = connections;
        this.ingress = ingress;
        this.state = state;
        this.clock = clock;
    }

    public void start() {
        ticker.scheduleWithFixedDelay(this::tick, 200, 200, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        long now = clock.millis();
        for (LiveConnection conn : connections.liveConnections()) {
            Optional<Poller> poller = conn.instance().poller();
            String id = conn.ref().id();
            if (poller.isEmpty() || running.contains(id) || nextPollAt.getOrDefault(id, 0L) > now) {
                continue;
            }
            running.add(id);
            workers.execute(() -> {
                Duration interval = interval(conn, poller.get());
                try {
                    Duration lease = interval.multipliedBy(3);
                    if (cluster.lease("poll:" + id, lease.getSeconds() < MIN_LEASE_SECONDS
                            ? Duration.ofSeconds(MIN_LEASE_SECONDS) : lease)) {
                        poll(conn, poller.get());
                    }
                } finally {
                    nextPollAt.put(id, clock.millis() + interval.toMillis());
                    running.remove(id);
                }
            });
        }
    }

    private static Duration interval(LiveConnection conn, Poller poller) {
        try {
            Duration d = PluginGuard.call(conn.classLoader(), conn.mdc(), Duration.ofSeconds(5), poller::interval);
            return d == null || d.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : d;
        } catch (RuntimeException e) {
            return Duration.ofMinutes(1);
        }
    }

    private void poll(LiveConnection conn, Poller poller) {
        String id = conn.ref().id();
        try {
            Optional<String> cursor = state.get(id, CURSOR_KEY);
            Poller.Batch batch = PluginGuard.call(conn.classLoader(), conn.mdc(), POLL_TIMEOUT,
                    () -> poller.poll(cursor));
            if (batch == null) {
                LOG.warn("connection {}: the poller returned nothing", id);
                return;
            }
            if (!batch.envelopes().isEmpty()) {
                ingress.accept(conn.ref(), batch.envelopes()).toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
            if (batch.cursor() != null && !batch.cursor().equals(cursor.orElse(null))) {
                state.put(id, CURSOR_KEY, batch.cursor(), clock.millis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("connection {}: poll failed, trying again at the next interval: {}", id, e.getMessage());
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        workers.shutdownNow();
    }
}
