package io.ponte.hub.storage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The SQL of the outbox's rows ({@code deliveries}), each statement inside the caller's transaction. Which statement
 * runs when, and with which queue bookkeeping, is the {@link Outbox}'s business.
 */
final class DeliveryStore {

    private static final Sql INSERT = Sql.of("""
            INSERT INTO deliveries (id, tenant_id, event_id, route_id, target_connection, action, input, ordering_key,
                                    status, attempts, next_attempt_at, lease_owner, last_error, external_ref,
                                    created_at, updated_at, delivered_at)
            VALUES (:id, :tenantId, :eventId, :routeId, :targetConnection, :action, :input, :orderingKey,
                    :status, :attempts, :nextAttemptAt, :leaseOwner, :lastError, :externalRef,
                    :createdAt, :updatedAt, :deliveredAt)""");

    // Due = pending and its time has come, or in flight with an expired lease (its node died). Pending rows are queue
    // heads (see Outbox.enqueue); the NOT EXISTS probes are a safety net against two heads of one key (concurrent
    // nodes, a manual retry) and are exact seeks on deliveries_order (status, queue_key, id); queue_key is the
    // ordering key of an unfinished delivery (V14).
    private static final String DUE = """
            SELECT * FROM deliveries d
            WHERE d.status IN ('pending', 'inflight') AND d.next_attempt_at <= :now
              AND NOT EXISTS (SELECT 1 FROM deliveries p
                              WHERE p.status = 'pending' AND p.queue_key = d.ordering_key AND p.id < d.id)
              AND NOT EXISTS (SELECT 1 FROM deliveries p
                              WHERE p.status = 'inflight' AND p.queue_key = d.ordering_key AND p.id < d.id)
            ORDER BY d.next_attempt_at
            LIMIT :limit
            FOR UPDATE SKIP LOCKED""";

    private static final Sql MARK_INFLIGHT = Sql.of("""
            UPDATE deliveries SET status = 'inflight', lease_owner = :owner, next_attempt_at = :leaseUntil,
                                  attempts = attempts + 1, updated_at = :now
            WHERE id = :id""");

    private static final Sql COMPLETE = Sql.of("""
            UPDATE deliveries SET status = :status, next_attempt_at = :nextAttemptAt, last_error = :lastError,
                                  external_ref = :externalRef, delivered_at = :deliveredAt, lease_owner = NULL,
                                  attempts = attempts + :started - :refund, updated_at = :now
            WHERE id = :id AND ((status = 'inflight' AND lease_owner = :owner) OR (status = 'queued' AND :started = 1))""");

    private DeliveryStore() {
    }

    /** Inserts rows in the states they carry. */
    static void insert(Handle h, List<DeliveryRow> rows) {
        INSERT.batch(h, rows, (p, r) -> p.string("id", r.id()).string("tenantId", r.tenantId())
                .string("eventId", r.eventId()).string("routeId", r.routeId())
                .string("targetConnection", r.targetConnection()).string("action", r.action())
                .string("input", r.input()).string("orderingKey", r.orderingKey())
                .string("status", r.status().value()).integer("attempts", r.attempts())
                .number("nextAttemptAt", r.nextAttemptAt()).string("leaseOwner", r.leaseOwner())
                .string("lastError", r.lastError()).string("externalRef", r.externalRef())
                .number("createdAt", r.createdAt()).number("updatedAt", r.updatedAt())
                .number("deliveredAt", r.deliveredAt()));
    }

    /** @return per completion, whether it applied (0: this owner lost the row's lease) */
    static int[] complete(Handle h, String owner, long now, List<Outbox.Completion> completions) {
        return COMPLETE.batch(h, completions, (p, c) -> p.string("status", c.status().value())
                .number("nextAttemptAt", c.nextAttemptAt()).string("lastError", c.lastError())
                .string("externalRef", c.externalRef()).number("deliveredAt", c.deliveredAt())
                .integer("started", c.started()).integer("refund", c.refund()).number("now", now)
                .string("id", c.id()).string("owner", owner));
    }

    /** Due rows, locked, oldest due first; none of the {@code skip} target connections. */
    static List<DeliveryRow> due(Handle h, long now, int limit, Set<String> skip) {
        Query claim = h.createQuery(skip.isEmpty() ? DUE
                : DUE.replace("ORDER BY", "AND d.target_connection NOT IN (<skip>)\n            ORDER BY"));
        if (!skip.isEmpty()) {
            claim.bindList("skip", List.copyOf(skip));
        }
        return claim.bind("now", now).bind("limit", limit).mapTo(DeliveryRow.class).list();
    }

    static void markInflight(Handle h, String owner, long now, List<DeliveryRow> rows,
                             ToLongFunction<DeliveryRow> leaseUntil) {
        if (rows.isEmpty()) {
            return;
        }
        MARK_INFLIGHT.batch(h, rows, (p, r) -> p.string("owner", owner).number("leaseUntil", leaseUntil.applyAsLong(r))
                .number("now", now).string("id", r.id()));
    }

    /**
     * Per key, the node other than {@code owner} that holds an unexpired lease on one of the key's deliveries (in
     * flight: that node is sending the key, and its lane may hold the key's queued deliveries in memory). Exact seeks
     * on (status, queue_key, id). {@code owner} null: any node.
     */
    static Map<String, String> leasedElsewhere(Handle h, List<String> keys, String owner, long now) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i += 500) {
            h.createQuery("""
                            SELECT ordering_key, lease_owner FROM deliveries
                            WHERE status = 'inflight' AND queue_key IN (<keys>) AND next_attempt_at > :now
                              AND (CAST(:owner AS VARCHAR(64)) IS NULL OR lease_owner <> :owner)""")
                    .bindList("keys", InLists.padded(keys.subList(i, Math.min(keys.size(), i + 500))))
                    .bind("now", now).bind("owner", owner)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .forEach(e -> out.putIfAbsent(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** The oldest {@code limit} queued deliveries of a key, in order (an exact range on (status, queue_key, id)). */
    static List<DeliveryRow> queued(Handle h, String orderingKey, int limit) {
        return h.createQuery("SELECT * FROM deliveries WHERE status = 'queued' AND queue_key = :key "
                        + "ORDER BY id LIMIT :limit")
                .bind("key", orderingKey).bind("limit", limit).mapTo(DeliveryRow.class).list();
    }

    static int releaseLeases(Handle h, String owner, long now) {
        return h.createUpdate("""
                        UPDATE deliveries SET status = 'pending', lease_owner = NULL, next_attempt_at = :now,
                                              updated_at = :now
                        WHERE status = 'inflight' AND lease_owner = :owner""")
                .bind("owner", owner).bind("now", now).execute();
    }

    /** As {@link #releaseLeases}, leaving alone the rows in {@code except} (still being worked on by this node). */
    static int releaseLeasesExcept(Handle h, String owner, long now, java.util.Collection<String> except) {
        if (except.isEmpty()) {
            return releaseLeases(h, owner, now);
        }
        return h.createUpdate("""
                        UPDATE deliveries SET status = 'pending', lease_owner = NULL, next_attempt_at = :now,
                                              updated_at = :now
                        WHERE status = 'inflight' AND lease_owner = :owner AND id NOT IN (<except>)""")
                .bind("owner", owner).bind("now", now).bindList("except", List.copyOf(except)).execute();
    }

    static Optional<DeliveryRow> get(Handle h, String id) {
        return h.createQuery("SELECT * FROM deliveries WHERE id = :id").bind("id", id).mapTo(DeliveryRow.class)
                .findOne();
    }

    /** The delivery, locked, if it is in one of these states. */
    static Optional<DeliveryRow> lock(Handle h, String id, Set<DeliveryState> states) {
        return h.createQuery("SELECT * FROM deliveries WHERE id = :id AND status IN (<states>) FOR UPDATE")
                .bind("id", id).bindList("states", values(states)).mapTo(DeliveryRow.class).findOne();
    }

    /** Moves a dead delivery back in line in {@code state}, with a fresh retry budget. */
    static boolean revive(Handle h, String id, DeliveryState state, long now) {
        return h.createUpdate("""
                        UPDATE deliveries SET status = :status, attempts = 0, next_attempt_at = :now,
                                              updated_at = :now
                        WHERE id = :id AND status = 'dead'""")
                .bind("id", id).bind("status", state.value()).bind("now", now).execute() == 1;
    }

    /** Cancels a delivery not yet started; false when it started or finished meanwhile. */
    static boolean cancel(Handle h, String id, long now) {
        return h.createUpdate("UPDATE deliveries SET status = 'cancelled', updated_at = :now "
                        + "WHERE id = :id AND status IN ('pending', 'queued')")
                .bind("id", id).bind("now", now).execute() == 1;
    }

    /** The deliveries of a bulk operation in these states, oldest first; locked when {@code forUpdate}. */
    static List<DeliveryRow> select(Handle h, Outbox.Selection s, Set<DeliveryState> states, boolean forUpdate) {
        StringBuilder sql = new StringBuilder("SELECT * FROM deliveries WHERE status IN (<states>)");
        Map<String, Object> binds = new LinkedHashMap<>();
        if (s.tenant() != null) {
            sql.append(" AND tenant_id = :tenant");
            binds.put("tenant", s.tenant());
        }
        if (s.routeId() != null) {
            sql.append(" AND route_id = :route");
            binds.put("route", s.routeId());
        }
        if (s.connectionId() != null) {
            sql.append(" AND target_connection = :connection");
            binds.put("connection", s.connectionId());
        }
        if (s.createdSince() != null) {
            sql.append(" AND created_at >= :since");
            binds.put("since", s.createdSince());
        }
        if (s.createdUntil() != null) {
            sql.append(" AND created_at < :until");
            binds.put("until", s.createdUntil());
        }
        sql.append(forUpdate ? " ORDER BY id LIMIT :limit FOR UPDATE" : " ORDER BY id LIMIT :limit");
        Query q = h.createQuery(sql.toString()).bind("limit", s.limit()).bindList("states", values(states));
        binds.forEach(q::bind);
        return q.mapTo(DeliveryRow.class).list();
    }

    static Outbox.Backlog backlog(Handle h) {
        return h.createQuery("""
                        SELECT COUNT(*) AS depth, MIN(created_at) AS oldest FROM deliveries
                        WHERE status IN ('pending', 'inflight', 'queued')""")
                .map((rs, ctx) -> new Outbox.Backlog(rs.getLong("depth"),
                        rs.getObject("oldest") == null ? null : rs.getLong("oldest")))
                .one();
    }

    private static List<String> values(Set<DeliveryState> states) {
        return states.stream().map(DeliveryState::value).sorted().toList();
    }
}
