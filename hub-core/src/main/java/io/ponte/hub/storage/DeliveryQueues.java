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
 * serializes "queue behind" against "promote after". On PostgreSQL a key's row stays when its count falls to 0: the
 * conversation's next message updates it instead of inserting it again (an update that can stay heap-only, no new
 * index entry), and the retention job deletes the idle rows ({@link #purgeIdle}). On H2 it is deleted at 0, which
 * keeps the table to the keys in flight (see {@code COUNT_OUT_H2}). Works inside the caller's transaction.
 */
final class DeliveryQueues {

    private DeliveryQueues() {
    }

    /**
     * Locks the queue rows of these keys and returns their unfinished counts (absent or 0: idle). Also a cancel's first
     * step, before it locks the deliveries themselves.
     */
    static Map<String, Integer> lock(Handle h, List<String> keys) {
        Map<String, Integer> counts = new HashMap<>();
        List<String> sorted = keys.stream().distinct().sorted().toList();
        for (int i = 0; i < sorted.size(); i += 512) {
            h.createQuery("SELECT ordering_key, unfinished FROM delivery_queues WHERE ordering_key IN (<keys>) "
                            + "ORDER BY ordering_key FOR UPDATE")
                    .bindList("keys", InLists.padded(sorted.subList(i, Math.min(sorted.size(), i + 512))))
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
            h.createQuery("SELECT queue_key, action FROM deliveries WHERE queue_key IN (<keys>) "
                            + "AND status IN ('pending', 'queued') AND attempts = 0")
                    .bindList("keys", keys.subList(i, Math.min(keys.size(), i + 500)))
                    .map((rs, ctx) -> rs.getString(1) + " " + rs.getString(2))
                    .forEach(waiting::add);
        }
        return waiting;
    }

    /** Told, per new delivery in the order given, how many unfinished deliveries of its key are before it. */
    @FunctionalInterface
    interface Placement {
        void place(DeliveryRow row, int unfinishedBefore);
    }

    /**
     * Counts new deliveries into their keys' queues and tells {@code placement} how many unfinished deliveries each
     * has before it: 0 makes it its key's head (pending, or in flight when this node takes it), more makes it queued.
     *
     * <p>One statement adds to each key's count and locks its row, creating the row when the key was idle. Locking
     * first and inserting after would lock nothing for an idle key: two transactions (two nodes' inboxes) storing the
     * first messages of one conversation at once would both make theirs the head and count one of them, and a
     * message queued behind them later would never move up.
     */
    static void enqueue(Handle h, List<DeliveryRow> rows, Placement placement, boolean postgres) {
        Map<String, Integer> added = new TreeMap<>();
        for (DeliveryRow row : rows) {
            added.merge(row.orderingKey(), 1, Integer::sum);
        }
        Map<String, Integer> after = add(h, added, postgres);
        Map<String, Integer> placed = new HashMap<>();
        for (DeliveryRow row : rows) {
            String key = row.orderingKey();
            placement.place(row, after.get(key) - added.get(key) + placed.getOrDefault(key, 0));
            placed.merge(key, 1, Integer::sum);
        }
    }

    // PostgreSQL: an upsert per key, in key order (the order every other statement locks queue rows in)
    private static final Sql ADD_POSTGRES = Sql.of("""
            INSERT INTO delivery_queues (ordering_key, unfinished)
            SELECT k, n FROM unnest(CAST(:keys AS VARCHAR(500)[]), CAST(:ns AS INT[])) AS t(k, n) ORDER BY k
            ON CONFLICT (ordering_key) DO UPDATE SET unfinished = delivery_queues.unfinished + EXCLUDED.unfinished
            RETURNING ordering_key, unfinished""");

    // H2: a MERGE whose final rows are the counts (H2 has no ON CONFLICT ... DO UPDATE); the same two arrays
    private static final Sql ADD_H2 = Sql.of("""
            SELECT ordering_key, unfinished FROM FINAL TABLE (
              MERGE INTO delivery_queues q
              USING (SELECT * FROM UNNEST(CAST(:keys AS VARCHAR(500) ARRAY), CAST(:ns AS INT ARRAY))) AS t(k, n)
              ON q.ordering_key = t.k
              WHEN MATCHED THEN UPDATE SET unfinished = q.unfinished + t.n
              WHEN NOT MATCHED THEN INSERT (ordering_key, unfinished) VALUES (t.k, t.n))""");

    /**
     * Adds {@code delta} (positive) to the counts of these keys, creating the rows of idle keys, and locks the rows.
     *
     * @return the counts after
     */
    private static Map<String, Integer> add(Handle h, Map<String, Integer> delta, boolean postgres) {
        return change(h, postgres ? ADD_POSTGRES : ADD_H2, delta, true);
    }

    /**
     * Runs a statement that changes the counts of {@code delta}'s keys by its values (bound as the arrays
     * {@code :keys} and {@code :ns}, in key order, 512 keys a statement) and returns the keys and counts it returned
     * (none when {@code returns} is false: an update that returns no rows).
     */
    private static Map<String, Integer> change(Handle h, Sql sql, Map<String, Integer> delta, boolean returns) {
        Map<String, Integer> after = new HashMap<>();
        List<String> keys = new ArrayList<>(new TreeMap<>(delta).keySet());
        for (int i = 0; i < keys.size(); i += 512) {
            List<String> chunk = keys.subList(i, Math.min(keys.size(), i + 512));
            List<Integer> ns = chunk.stream().map(delta::get).toList();
            Sql.Bind arrays = p -> p.strings("keys", chunk).integers("ns", ns);
            if (returns) {
                sql.query(h, arrays, rs -> Map.entry(rs.getString(1), rs.getInt(2)))
                        .forEach(e -> after.put(e.getKey(), e.getValue()));
            } else {
                sql.update(h, arrays);
            }
        }
        return after;
    }

    // PostgreSQL: the rows locked in key order first (as every other statement locks them), then counted down
    private static final Sql COUNT_OUT_POSTGRES = Sql.of("""
            WITH locked AS (SELECT ordering_key FROM delivery_queues
                            WHERE ordering_key = ANY(CAST(:keys AS VARCHAR(500)[])) ORDER BY ordering_key FOR UPDATE)
            UPDATE delivery_queues q SET unfinished = GREATEST(0, q.unfinished - t.n)
            FROM unnest(CAST(:keys AS VARCHAR(500)[]), CAST(:ns AS INT[])) AS t(k, n), locked l
            WHERE q.ordering_key = t.k AND l.ordering_key = t.k
            RETURNING q.ordering_key, q.unfinished""");

    // H2: a MERGE over the keys in order, as ADD_H2, that deletes the rows it counts down to 0. H2 writes out every
    // B-tree page a commit touched: rows kept for every conversation would spread a commit's keys over one leaf each,
    // where the few rows of the keys in flight share a page or two (BENCHMARKS.md, session 29: neither variant
    // measured apart from the other beyond this machine's spread, so H2 keeps the smaller table).
    private static final Sql COUNT_OUT_H2 = Sql.of("""
            MERGE INTO delivery_queues q
            USING (SELECT * FROM UNNEST(CAST(:keys AS VARCHAR(500) ARRAY), CAST(:ns AS INT ARRAY))) AS t(k, n)
            ON q.ordering_key = t.k
            WHEN MATCHED AND q.unfinished <= t.n THEN DELETE
            WHEN MATCHED THEN UPDATE SET unfinished = q.unfinished - t.n""");

    /**
     * Counts finished deliveries out of their queues (locking those queue rows): on PostgreSQL one statement per 512
     * keys, on H2 a {@code MERGE} and the counts left read after.
     *
     * @param finishedPerKey how many deliveries of each key just finished (delivered, dead or cancelled); on return
     *                       it holds, per key, how many unfinished are left
     */
    static void countOut(Handle h, Map<String, Integer> finishedPerKey, boolean postgres) {
        if (finishedPerKey.isEmpty()) {
            return;
        }
        if (!postgres) {
            // H2 cannot return the rows of a MERGE that deletes: the counts left are read after (rows locked)
            change(h, COUNT_OUT_H2, finishedPerKey, false);
            Map<String, Integer> left = lock(h, List.copyOf(finishedPerKey.keySet()));
            finishedPerKey.replaceAll((k, n) -> left.getOrDefault(k, 0));
            return;
        }
        Map<String, Integer> left = change(h, COUNT_OUT_POSTGRES, finishedPerKey, true);
        // a key without a row had nothing unfinished left to count
        finishedPerKey.replaceAll((k, n) -> left.getOrDefault(k, 0));
    }

    /**
     * Looks at the next {@code limit} queue rows after key {@code after} (null: from the first) and deletes those of
     * idle keys (count 0), the retention job's. They are locked in key order first, as every other statement locks
     * queue rows; a row counted up meanwhile is not idle any more and stays. Rows of keys with unfinished deliveries
     * are passed over (see {@link Purged}).
     */
    static Purged purgeIdle(Handle h, String after, int limit) {
        List<Map.Entry<String, Integer>> rows = h.createQuery("SELECT ordering_key, unfinished FROM delivery_queues "
                        + "WHERE ordering_key > :after ORDER BY ordering_key LIMIT :limit")
                .bind("after", after == null ? "" : after).bind("limit", limit)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2))).list();
        if (rows.isEmpty()) {
            return new Purged(0, null);
        }
        List<String> idle = rows.stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).toList();
        int deleted = 0;
        if (!idle.isEmpty()) {
            List<String> locked = h.createQuery("SELECT ordering_key FROM delivery_queues WHERE ordering_key IN (<keys>) "
                            + "AND unfinished = 0 ORDER BY ordering_key FOR UPDATE")
                    .bindList("keys", idle).mapTo(String.class).list();
            deleted = locked.isEmpty() ? 0 : h.createUpdate("DELETE FROM delivery_queues WHERE ordering_key IN (<keys>)")
                    .bindList("keys", locked).execute();
        }
        return new Purged(deleted, rows.getLast().getKey());
    }

    // The oldest queued delivery of one key, if no other of the key is pending or in flight (a safety net against
    // two heads: a manual retry, another node). An exact seek on (status, queue_key, id).
    private static final String NEXT = """
            (SELECT * FROM deliveries d WHERE d.status = 'queued' AND d.queue_key = :key%1$d
               AND NOT EXISTS (SELECT 1 FROM deliveries p WHERE p.status = 'pending' AND p.queue_key = :key%1$d)
               AND NOT EXISTS (SELECT 1 FROM deliveries p WHERE p.status = 'inflight' AND p.queue_key = :key%1$d)
             ORDER BY d.id LIMIT 1)""";

    /**
     * Moves up the next queued delivery of each key that still has unfinished ones: in flight for {@code owner} when
     * {@code local} takes it (added to {@code taken}), else pending. A key this node's lane is sending
     * ({@link Outbox.Local#sending}) keeps its lane: its next delivery is only marked in flight for {@code owner}
     * (the lane sends it from memory), so that the key always has a leased head in the database and a crash of this
     * node hands the key back through that lease. {@code owner} null: nothing is taken or marked.
     *
     * @param left per key, how many unfinished are left (from {@link #countOut})
     */
    static void promote(Handle h, Map<String, Integer> left, long now, Outbox.Local local, String owner,
                        List<DeliveryRow> taken) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, Integer> e : new TreeMap<>(left).entrySet()) {
            if (e.getValue() > 0 && (owner != null || !local.sending(e.getKey()))) {
                keys.add(e.getKey());
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        Map<String, DeliveryRow> next = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i += 64) {
            // a padded chunk repeats its last key: the same row twice, kept once below
            List<String> chunk = InLists.padded(keys.subList(i, Math.min(keys.size(), i + 64)));
            StringBuilder sql = new StringBuilder();
            for (int k = 0; k < chunk.size(); k++) {
                sql.append(k == 0 ? "" : "\nUNION ALL\n").append(NEXT.formatted(k));
            }
            org.jdbi.v3.core.statement.Query q = h.createQuery(sql.toString());
            for (int k = 0; k < chunk.size(); k++) {
                q.bind("key" + k, chunk.get(k));
            }
            q.mapTo(DeliveryRow.class).forEach(row -> next.putIfAbsent(row.id(), row));
        }
        PreparedBatch inflight = h.prepareBatch("""
                UPDATE deliveries SET status = 'inflight', lease_owner = :owner, next_attempt_at = :leaseUntil,
                                      attempts = attempts + 1, updated_at = :now
                WHERE id = :id AND status = 'queued'""");
        PreparedBatch pending = h.prepareBatch("""
                UPDATE deliveries SET status = 'pending', next_attempt_at = :now, updated_at = :now
                WHERE id = :id AND status = 'queued'""");
        PreparedBatch marked = h.prepareBatch("""
                UPDATE deliveries SET status = 'inflight', lease_owner = :owner, next_attempt_at = :leaseUntil,
                                      updated_at = :now
                WHERE id = :id AND status = 'queued'""");
        int inflights = 0;
        int pendings = 0;
        int marks = 0;
        for (DeliveryRow row : next.values()) {
            if (local.sending(row.orderingKey())) {
                long lease = owner == null ? 0 : local.keeps(row);
                if (lease > 0) {
                    marked.bind("owner", owner).bind("leaseUntil", lease).bind("now", now).bind("id", row.id()).add();
                    marks++;
                }
                continue;
            }
            long lease = owner == null ? 0 : local.promoted(row);
            if (lease > 0) {
                inflight.bind("owner", owner).bind("leaseUntil", lease).bind("now", now).bind("id", row.id()).add();
                inflights++;
                taken.add(row);
            } else {
                pending.bind("now", now).bind("id", row.id()).add();
                pendings++;
            }
        }
        if (inflights > 0) {
            inflight.execute();
        }
        if (pendings > 0) {
            pending.execute();
        }
        if (marks > 0) {
            marked.execute();
        }
    }
}
