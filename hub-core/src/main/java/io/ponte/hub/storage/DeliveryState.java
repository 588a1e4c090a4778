package io.ponte.hub.storage;

import java.util.Arrays;
import java.util.List;

/**
 * Where a delivery stands in the outbox. {@link #value()} is what the {@code deliveries.status} column holds and
 * what the admin API shows; {@link #of} reads it back. This is the one mapping between the two (the outbox's SQL
 * names the same values in its queries).
 */
public enum DeliveryState {
    /** Waiting behind an earlier unfinished delivery of the same ordering key. */
    QUEUED("queued"),
    /** The head of its key's queue: due for a claim at its next attempt time. */
    PENDING("pending"),
    /** Claimed by a node, whose lease runs until the row's next attempt time. */
    INFLIGHT("inflight"),
    DELIVERED("delivered"),
    /** Dead-lettered: failed for good, gave up, or stopped at the hop limit; an admin may retry it. */
    DEAD("dead"),
    CANCELLED("cancelled");

    private final String value;

    DeliveryState(String value) {
        this.value = value;
    }

    /** The column value. */
    public String value() {
        return value;
    }

    /** Whether the delivery left its key's queue for good (unless an admin retries a dead one). */
    public boolean finished() {
        return this == DELIVERED || this == DEAD || this == CANCELLED;
    }

    /**
     * The state a column value names.
     *
     * @throws IllegalArgumentException for a value no state has
     */
    public static DeliveryState of(String value) {
        for (DeliveryState s : values()) {
            if (s.value.equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no delivery state '" + value + "'");
    }

    /** Every column value, for filters. */
    public static List<String> allValues() {
        return Arrays.stream(values()).map(DeliveryState::value).toList();
    }

    @Override
    public String toString() {
        return value;
    }
}
