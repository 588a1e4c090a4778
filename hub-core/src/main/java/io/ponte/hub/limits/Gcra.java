package io.ponte.hub.limits;

/**
 * The generic cell rate algorithm for one key: {@code permits} at once, then one every {@code per / permits}. Not
 * thread-safe: callers hold a lock. Times are {@link System#nanoTime()} values.
 */
public final class Gcra {

    private final long interval;
    private final long tolerance;
    private final int permits;
    private long tat = Long.MIN_VALUE;

    /**
     * @param permits how many at once, at least 1
     * @param perNanos in how long, positive
     */
    public Gcra(int permits, long perNanos) {
        if (permits < 1 || perNanos <= 0) {
            throw new IllegalArgumentException("a rate needs permits >= 1 and a positive period");
        }
        this.permits = permits;
        this.interval = perNanos / permits;
        this.tolerance = interval * (permits - 1);
    }

    /**
     * This node's share of a limit the whole cluster must keep: {@code permits per perNanos} split over {@code nodes}
     * (the burst too), at least one permit. Requests and sends spread over the nodes (a load balancer, the shared
     * outbox), so the shares add up to the limit.
     */
    public static Gcra share(int permits, long perNanos, int nodes) {
        if (nodes <= 1) {
            return new Gcra(permits, perNanos);
        }
        if (permits >= nodes) {
            return new Gcra(permits / nodes, perNanos);
        }
        return new Gcra(1, perNanos / permits * nodes);
    }

    /** How many at once. */
    public int permits() {
        return permits;
    }

    /** The earliest time an action may happen. */
    public long earliest(long now) {
        return tat == Long.MIN_VALUE ? now : Math.max(now, tat - tolerance);
    }

    /** Books an action at {@code at} (not before {@link #earliest}). */
    public void book(long at) {
        tat = (tat == Long.MIN_VALUE ? at : Math.max(tat, at)) + interval;
    }

    /** How many more actions may happen right now. */
    public int remaining(long now) {
        if (tat == Long.MIN_VALUE || tat <= now) {
            return permits;
        }
        long used = (tat - now + interval - 1) / interval;
        return (int) Math.max(0, permits - used);
    }

    /** Nanoseconds until the bucket is full again (0 when it is). */
    public long untilFull(long now) {
        return tat == Long.MIN_VALUE ? 0 : Math.max(0, tat - now);
    }

    /** Whether the bucket holds no debt (it may be forgotten). */
    public boolean idle(long now) {
        return tat == Long.MIN_VALUE || tat <= now;
    }
}
