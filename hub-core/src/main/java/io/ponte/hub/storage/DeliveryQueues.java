package io.ponte.hub.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Per-ordering-key queues over the outbox. Only the oldest unfinished delivery of a key is {@code pending} (due
 * for a claim); later ones are {@code queued} and promoted one at a time as their predecessor finishes. So the claim
 * query only ever sees queue heads, and a long backlog in one conversation costs nothing per claim.
 *
 * <p>{@code delivery_queues} counts the unfinished deliveries per key. The inbox and the dispatcher both lock the
 * rows of the keys they touch ({@code FOR UPDATE}, in key order, so they never deadlock) before deciding, which
 * serializes "queue behind" against "promote after". Works inside the caller's transaction.
 */
final class DeliveryQueues {

    private DeliveryQueues() {
    }

    /** Locks the queue rows of these keys and returns their unfinished counts (absent: no queue). */
    private static Map<String, Integer> lock(Handle h, List<String> keys) {
        Map<String, Integer> counts = new HashMap<>();
        List<String> sorted = keys.stream().distinct().sorted().toList();
        for (int i = 0; i < sorted.size(); i += 500) {
            h.createQuery("SELECT ordering_key, unfinished FROM delivery_queues WHERE ordering_key IN (<keys>) "
                            + "ORDER BY ordering_key FOR UPDATE")
                    .bindList("keys", sorted.subList(i, Math.min(sorted.size(), i + 500)))
                    .map((rs, ctx) -> Map.entry(rs.getString("ordering_key"), rs.getInt("unfinished")))
                    .forEach(e -> counts.put(e.getKey(), e.getValue()));
        }
        return counts;
    }

    /**
     * The follow-ups among {@code rows}' keys that wait unstarted (pending or queued, never tried), as
     * {@code "<ordering key> <action>"}. Locks those keys' queues first, so that no claim or enqueue of them runs
     * between this look and the caller's insert.
     */
    static Set<String> waitingFollowUps(Handle h, List<DeliveryRow> rows) {
        Set<String> waiting = new HashSet<>();
        if (rows.isEmpty()) {
            return waiting;
        }
        List<String> keys = rows.stream().map(DeliveryRow::orderingKey).distinct().sorted().toList();
        lock(h, keys);
        for (int i = 0; i < keys.size(); i += 500) {
            h.createQuery("SELECT ordering_key, action FROM deliveries WHERE ordering_key IN (<keys>) "
                            + "AND status IN ('pending', 'queued') AND attempts = 0")
                    .bindList("keys", keys.subList(i, Math.min(keys.size(), i + 500)))
                    .map((rs, ctx) -> rs.getString(1) + " " + rs.getString(2))
                    .forEach(waiting::add);
        }
        return waiting;
    }

    /**
     * Decides each new delivery's status (the first of an idle key is pending, the rest queued) and counts them in.
     *
     * @return the status per delivery, in the order given
     */
    static List<DeliveryState> enqueue(Handle h, List<DeliveryRow> rows) {
        Map<String, Integer> counts = lock(h, rows.stream().map(DeliveryRow::orderingKey).toList());
        Map<String, Integer> added = new LinkedHashMap<>();
        List<DeliveryState> statuses = new ArrayList<>(rows.size());
        for (DeliveryRow row : rows) {
            boolean idle = counts.getOrDefault(row.orderingKey(), 0) == 0 && !added.containsKey(row.orderingKey());
            statuses.add(idle ? DeliveryState.PENDING : DeliveryState.QUEUED);
            added.merge(row.orderingKey(), 1, Integer::sum);
        }
        adjust(h, counts, added);
        return statuses;
    }

    /**
     * Counts finished deliveries out of their queues and promotes the next queued delivery of each key that still
     * has some.
     *
     * @param finishedPerKey how many deliveries of each key just finished (delivered, dead or cancelled)
     */
    static void finished(Handle h, Map<String, Integer> finishedPerKey, long now) {
        if (finishedPerKey.isEmpty()) {
            return;
        }
        Map<String, Integer> counts = lock(h, List.copyOf(finishedPerKey.keySet()));
        Map<String, Integer> delta = new TreeMap<>();
        finishedPerKey.forEach((k, n) -> delta.put(k, -n));
        adjust(h, counts, delta);
        PreparedBatch promote = h.prepareBatch("""
                UPDATE deliveries SET status = 'pending', next_attempt_at = :now, updated_at = :now
                WHERE id = (SELECT MIN(q.id) FROM deliveries q WHERE q.status = 'queued' AND q.ordering_key = :key)
                  AND NOT EXISTS (SELECT 1 FROM deliveries p WHERE p.status = 'pending' AND p.ordering_key = :key)
                  AND NOT EXISTS (SELECT 1 FROM deliveries p WHERE p.status = 'inflight' AND p.ordering_key = :key)""");
        int n = 0;
        for (Map.Entry<String, Integer> e : delta.entrySet()) {
            if (counts.getOrDefault(e.getKey(), 0) + e.getValue() > 0) {
                promote.bind("key", e.getKey()).bind("now", now).add();
                n++;
            }
        }
        if (n > 0) {
            promote.execute();
        }
    }

    /** Puts a delivery that left its queue (a dead one retried by an admin) back in: pending or queued. */
    static DeliveryState requeue(Handle h, String orderingKey) {
        Map<String, Integer> counts = lock(h, List.of(orderingKey));
        boolean idle = counts.getOrDefault(orderingKey, 0) == 0;
        adjust(h, counts, Map.of(orderingKey, 1));
        return idle ? DeliveryState.PENDING : DeliveryState.QUEUED;
    }

    private static void adjust(Handle h, Map<String, Integer> current, Map<String, Integer> delta) {
        PreparedBatch update = h.prepareBatch("UPDATE delivery_queues SET unfinished = :n WHERE ordering_key = :key");
        PreparedBatch delete = h.prepareBatch("DELETE FROM delivery_queues WHERE ordering_key = :key");
        PreparedBatch insert = h.prepareBatch("""
                INSERT INTO delivery_queues (ordering_key, unfinished) VALUES (:key, :n) ON CONFLICT DO NOTHING""");
        int updates = 0;
        int deletes = 0;
        int inserts = 0;
        for (Map.Entry<String, Integer> e : new TreeMap<>(delta).entrySet()) {
            Integer before = current.get(e.getKey());
            int after = Math.max(0, (before == null ? 0 : before) + e.getValue());
            if (before == null) {
                if (after > 0) {
                    insert.bind("key", e.getKey()).bind("n", after).add();
                    inserts++;
                }
            } else if (after == 0) {
                delete.bind("key", e.getKey()).add();
                deletes++;
            } else {
                update.bind("key", e.getKey()).bind("n", after).add();
                updates++;
            }
        }
        if (updates > 0) {
            update.execute();
        }
        if (deletes > 0) {
            delete.execute();
        }
        if (inserts > 0) {
            insert.execute();
        }
    }
}
