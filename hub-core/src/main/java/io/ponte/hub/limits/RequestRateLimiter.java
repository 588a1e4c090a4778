package io.ponte.hub.limits;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A request rate limit per key (an admin token, a webhook's connection): lets {@code permits} through at once and
 * then one every {@code per / permits}; says what the {@code RateLimit-*} headers report. The limit is the cluster's:
 * each node keeps its share ({@link Gcra#share}) of it, by the count of live nodes. Thread-safe.
 */
public final class RequestRateLimiter {

    private static final int MAX_KEYS = 100_000;

    /** The verdict on one request. */
    public record Decision(boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds) {
    }

    private final int permits;
    private final Duration per;
    private final java.util.function.IntSupplier nodes;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** One key's bucket, made for a node count. */
    private record Bucket(int nodes, Gcra gcra) {
    }

    /**
     * @param permits how many requests per {@code per}, over the whole cluster; 0 turns the limit off
     * @param nodes   how many nodes share the limit now
     */
    public RequestRateLimiter(int permits, Duration per, java.util.function.IntSupplier nodes) {
        this.permits = permits;
        this.per = per;
        this.nodes = nodes;
    }

    /** A limit this node keeps alone. */
    public RequestRateLimiter(int permits, Duration per) {
        this(permits, per, () -> 1);
    }

    /** No limit. */
    public static RequestRateLimiter off() {
        return new RequestRateLimiter(0, Duration.ofSeconds(1));
    }

    public boolean enabled() {
        return permits > 0;
    }

    /** Counts one request of {@code key} at {@code nowNanos}, unless it is over the limit. */
    public Decision check(String key, long nowNanos) {
        if (!enabled()) {
            return new Decision(true, 0, 0, 0, 0);
        }
        if (buckets.size() > MAX_KEYS) {
            buckets.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    return e.getValue().gcra().idle(nowNanos);
                }
            });
        }
        int n = nodes.getAsInt();
        Bucket held = buckets.compute(key, (k, b) -> b != null && b.nodes() == n ? b
                : new Bucket(n, Gcra.share(permits, per.toNanos(), n)));
        Gcra bucket = held.gcra();
        int permits = bucket.permits();
        synchronized (held) {
            long earliest = bucket.earliest(nowNanos);
            if (earliest > nowNanos) {
                return new Decision(false, permits, 0, seconds(bucket.untilFull(nowNanos)),
                        Math.max(1, seconds(earliest - nowNanos)));
            }
            bucket.book(nowNanos);
            return new Decision(true, permits, bucket.remaining(nowNanos), seconds(bucket.untilFull(nowNanos)), 0);
        }
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
