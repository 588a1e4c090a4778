package io.ponte.hub.dispatch;

import io.ponte.hub.storage.DeliveryRow;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * How one node's dispatch slots are shared among target connections, so that one tenant's slow or hanging endpoint
 * cannot hold every slot while other connections' work waits — without slowing a node that has only one busy target.
 *
 * <p>Each target may always hold its fair share (a quarter of the node's slots, never more than its own
 * {@code maxConcurrency}). Beyond that it may take more (up to its own {@code maxConcurrency}) only while a reserve of
 * a quarter of the slots stays free, which any other connection's new work can use at once. A connection over its
 * share is skipped by the claim query once the reserve is reached, so its backlog never crowds the others' rows out
 * of a claim. Used by the dispatch loop thread only.
 */
final class FairShare {

    private final int concurrency;
    private final int fair;
    private final ToIntFunction<String> ownLimit;
    private final Map<String, Integer> held = new HashMap<>();

    /**
     * @param concurrency the node's dispatch slots
     * @param ownLimit    a target connection's own concurrency limit ({@code delivery.maxConcurrency})
     */
    FairShare(int concurrency, ToIntFunction<String> ownLimit) {
        this.concurrency = concurrency;
        this.fair = Math.max(1, concurrency / 4);
        this.ownLimit = ownLimit;
    }

    /** One claim's decisions, given the targets of the outcomes recorded in the same transaction. */
    final class Round {
        private final Map<String, Integer> counts;
        private int total;

        private Round(Collection<String> finishing) {
            counts = new HashMap<>(held);
            finishing.forEach(t -> counts.computeIfPresent(t, (k, n) -> n > 1 ? n - 1 : null));
            total = counts.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Targets whose due work the claim query leaves alone: at their limit, or over their share without room. */
        Set<String> skip() {
            Set<String> skip = new HashSet<>();
            boolean roomOverShare = total < concurrency - fair;
            counts.forEach((target, n) -> {
                if (n >= ownLimit.applyAsInt(target) || (n >= fair && !roomOverShare)) {
                    skip.add(target);
                }
            });
            return skip;
        }

        /** Whether to claim this row (asked in claim order); counts it when taken. */
        boolean take(DeliveryRow row) {
            String target = row.targetConnection();
            int n = counts.getOrDefault(target, 0);
            boolean ok = n < ownLimit.applyAsInt(target) && (n < fair || total < concurrency - fair);
            if (ok) {
                counts.put(target, n + 1);
                total++;
            }
            return ok;
        }
    }

    Round round(Collection<String> finishing) {
        return new Round(finishing);
    }

    /** Deliveries now in flight. */
    void claimed(Collection<DeliveryRow> rows) {
        rows.forEach(r -> held.merge(r.targetConnection(), 1, Integer::sum));
    }

    /** A delivery of this target is no longer in flight (its outcome was recorded). */
    void finished(String target) {
        held.computeIfPresent(target, (k, n) -> n > 1 ? n - 1 : null);
    }
}
