package io.ponte.hub.stream;

import io.ponte.hub.storage.ChangeStore;
import io.ponte.hub.storage.DeliveryRow;
import io.ponte.hub.storage.EventRow;
import io.ponte.hub.storage.Ids;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The tenant's changes in one total order, read from the pipeline's own rows (no log table, nothing written on the
 * hot path): the durable cursor of {@code GET /api/v1/stream}.
 *
 * <p>Rows are stamped with the hub's clock before their transaction commits, so a row stamped {@code t} may become
 * visible after one stamped later. The feed therefore only reads up to a <em>horizon</em>: {@link #SETTLE_MS} before
 * now, and never past the oldest event this node's inbox still holds uncommitted (under load the group commit may
 * queue events for longer than the settle time). Below the horizon, the rows are final, so a cursor handed out once
 * never has anything appear before it: a reconnect with it misses nothing and repeats nothing. The price is that live
 * changes show up about a second late.
 */
public final class ChangeFeed {

    /** How long a write may take from its stamp to its commit outside the inbox (claims, outcomes, state changes). */
    public static final long SETTLE_MS = 1_000;

    /** The kinds of change, in their order within one millisecond; {@code rank} is the ordinal. */
    public enum Kind {
        EVENT("event"), MESSAGE("message"), CONVERSATION("conversation"), DELIVERY("delivery");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** One change: where it is in the feed, its kind and its row (an {@link EventRow}, {@link DeliveryRow} ...). */
    public record Change(StreamCursor cursor, Kind kind, Object row) {
    }

    /** A page of changes and the cursor after it (unchanged when there were none). */
    public record Page(List<Change> changes, StreamCursor next, boolean more) {
    }

    private final ChangeStore store;
    private final Clock clock;
    private final LongSupplier oldestUncommitted;

    /** @param oldestUncommitted the stamp of the oldest event this node's inbox holds uncommitted, else MAX_VALUE */
    public ChangeFeed(ChangeStore store, Clock clock, LongSupplier oldestUncommitted) {
        this.store = store;
        this.clock = clock;
        this.oldestUncommitted = oldestUncommitted;
    }

    /** Up to where changes are final now. */
    public long horizon() {
        return Math.min(clock.millis() - SETTLE_MS, oldestUncommitted.getAsLong() - 1);
    }

    /**
     * Up to {@code limit} changes after {@code cursor}, oldest first.
     *
     * @param tenant the tenant, or null for every tenant's (an admin-scope key)
     * @param kinds  the kinds wanted
     */
    public Page after(String tenant, StreamCursor cursor, Set<Kind> kinds, int limit) {
        long upTo = horizon();
        List<Change> all = new ArrayList<>();
        StreamCursor bound = null; // the last position every kind has been read up to, when some kind filled its page
        for (Kind kind : kinds) {
            StreamCursor from = cursor.forRank(kind.ordinal());
            if (from.at() > upTo) {
                continue;
            }
            List<Change> some = read(kind, tenant, from, upTo, limit);
            if (some.size() == limit) {
                StreamCursor last = some.get(some.size() - 1).cursor();
                bound = bound == null || last.compareTo(bound) < 0 ? last : bound;
            }
            all.addAll(some);
        }
        all.sort(Comparator.comparing(Change::cursor));
        if (bound != null) {
            StreamCursor b = bound;
            all.removeIf(c -> c.cursor().compareTo(b) > 0);
        }
        StreamCursor next = all.isEmpty() ? cursor : all.get(all.size() - 1).cursor();
        return new Page(List.copyOf(all), next, bound != null);
    }

    private List<Change> read(Kind kind, String tenant, StreamCursor from, long upTo, int limit) {
        int rank = kind.ordinal();
        return switch (kind) {
            case EVENT -> store.events(tenant, from.at(), from.afterId(), upTo, limit).stream()
                    .map(r -> new Change(new StreamCursor(Ids.millis(r.id()), rank, r.id()), kind, (Object) r))
                    .toList();
            case MESSAGE -> store.messages(tenant, from.at(), from.afterId(), upTo, limit).stream()
                    .map(r -> new Change(new StreamCursor(Ids.millis(r.id()), rank, r.id()), kind, (Object) r))
                    .toList();
            case CONVERSATION -> store.conversations(tenant, from.at(), from.afterId(), upTo, limit).stream()
                    .map(r -> new Change(new StreamCursor(r.updatedAt(), rank, r.id()), kind, (Object) r)).toList();
            case DELIVERY -> store.deliveries(tenant, from.at(), from.afterId(), upTo, limit).stream()
                    .map(r -> new Change(new StreamCursor(r.updatedAt(), rank, r.id()), kind, (Object) r)).toList();
        };
    }
}
