package io.ponte.hub.cluster;

import io.ponte.hub.storage.ClusterStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's place among the hubs sharing one database: a heartbeat every {@link #HEARTBEAT} (so every node knows how
 * many are alive, and splits the per-node limits by that count) and named leases (so exactly one node does what must be
 * done once, such as polling a connection). A node that dies drops out of the count after {@link #ALIVE}; its leases
 * run out by themselves. Uses the nodes' clocks: keep them in sync (NTP) to well under a lease's length.
 */
public final class Cluster implements AutoCloseable {

    public static final Duration HEARTBEAT = Duration.ofSeconds(5);
    public static final Duration ALIVE = HEARTBEAT.multipliedBy(3);
    private static final Duration FORGET = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);

    private final ClusterStore store;
    private final String node;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("cluster-heartbeat").daemon(true).factory());
    private volatile int nodes = 1;

    public Cluster(ClusterStore store, String node, Clock clock) {
        this.store = store;
        this.node = node;
        this.clock = clock;
    }

    /** Joins: the first heartbeat now, then one every {@link #HEARTBEAT}. */
    public void start() {
        beat();
        timer.scheduleWithFixedDelay(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            long now = clock.millis();
            store.heartbeat(node, now);
            nodes = Math.max(1, store.alive(now - ALIVE.toMillis()));
            store.forget(now - FORGET.toMillis());
        } catch (RuntimeException e) {
            // the database is away: keep the last count, the next beat tries again
            LOG.warn("cluster heartbeat of {} failed (keeping {} nodes): {}", node, nodes, e.getMessage());
        }
    }

    /** How many nodes are alive, this one included (at least 1). */
    public int nodes() {
        return nodes;
    }

    public String node() {
        return node;
    }

    /**
     * Takes or renews the lease {@code name} for {@code ttl}.
     *
     * @return whether this node holds it now (false also when the database cannot say)
     */
    public boolean lease(String name, Duration ttl) {
        try {
            long now = clock.millis();
            return store.lease(name, node, now, now + ttl.toMillis());
        } catch (RuntimeException e) {
            LOG.warn("lease {} could not be taken: {}", name, e.getMessage());
            return false;
        }
    }

    /** Leaves: out of the count at once, its leases free for the others. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            store.leave(node);
        } catch (RuntimeException e) {
            LOG.warn("leaving the cluster failed (the others count {} out after {}): {}", node, ALIVE,
                    e.getMessage());
        }
    }
}
