package io.ponte.hub.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time that moves only when a test says so: the hub's wall clock and the monotonic ticker its send rates count in
 * ({@link #nanoTime()}), moved together by {@link #advance}. Thread-safe.
 */
public final class ManualClock extends Clock {

    private final Instant start;
    private final AtomicLong elapsedNanos = new AtomicLong();

    public ManualClock(Instant start) {
        this.start = start;
    }

    /** Moves time on. */
    public void advance(Duration d) {
        elapsedNanos.addAndGet(d.toNanos());
    }

    /** The ticker: nanoseconds since this clock's start. */
    public long nanoTime() {
        return elapsedNanos.get();
    }

    @Override
    public Instant instant() {
        return start.plusNanos(elapsedNanos.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the hub runs on UTC");
    }
}
