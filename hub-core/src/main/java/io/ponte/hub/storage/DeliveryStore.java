package io.ponte.hub.storage;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The outbox. Claims are batched and use {@code FOR UPDATE SKIP LOCKED}, so several nodes can share one database;
 * only the oldest unfinished delivery of each ordering key is ever claimable, which keeps each key strictly ordered.
 */
public final class DeliveryStore {

    private static final String INSERT = """
            INSERT INTO deliveries (id, tenant_id, event_id, route_id, target_connection, action, input, ordering_key,
                                    status, attempts, next_attempt_at, lease_owner, last_error, external_ref,
                                    created_at, updated_at, delivered_at)
            VALUES (:id, :tenantId, :eventId, :routeId, :targetConnection, :action, :input, :orderingKey,
                    :status, :attempts, :nextAttemptAt, :leaseOwner, :lastError, :externalRef,
                    :createdAt, :updatedAt, :deliveredAt)""";

    // Due = pending and its time has come, or in flight with an expired lease (its node died). Pending rows are queue
    // heads (see insert); the NOT EXISTS probes are a safety net against two heads of one key (concurrent nodes, a
    // manual retry) and are exact seeks on (status, ordering_key, id).
    private static final String CLAIM = """
            SELECT * FROM deliveries d
            WHERE d.status IN ('pending', 'inflight') AND d.next_attempt_at <= :now
              AND NOT EXISTS (SELECT 1 FROM deliveries p
                              WHERE p.status = 'pending' AND p.ordering_key = d.ordering_key AND p.id < d.id)
              AND NOT EXISTS (SELECT 1 FROM deliveries p
                              WHERE p.status = 'inflight' AND p.ordering_key = d.ordering_key AND p.id < d.id)
            ORDER BY d.next_attempt_at
            LIMIT :limit
            FOR UPDATE SKIP LOCKED""";

    private static final String MARK_INFLIGHT = """
            UPDATE deliveries SET status = 'inflight', lease_owner = :owner, next_attempt_at = :leaseUntil,
                                  attempts = attempts + 1, updated_at = :now
            WHERE id = :id""";

    private static final String COMPLETE = """
            UPDATE deliveries SET status = :status, next_attempt_at = :nextAttemptAt, last_error = :lastError,
                                  external_ref = :externalRef, delivered_at = :deliveredAt, lease_owner = NULL,
                                  attempts = attempts - :refund, updated_at = :now
            WHERE id = :id AND lease_owner = :owner AND status = 'inflight'""";

    private final Jdbi jdbi;

    DeliveryStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Inserts new deliveries: the first unfinished one of an ordering key {@code pending}, later ones
     * {@code queued} behind it (see {@link DeliveryQueues}).
     */
    static void insert(Handle handle, List<DeliveryRow> rows) {
        // a delivery born dead (routing stopped it at the hop limit) is never in line, so it holds no queue up
        List<DeliveryRow> live = rows.stream().filter(r -> !DeliveryRow.DEAD.equals(r.status())).toList();
        List<String> statuses = DeliveryQueues.enqueue(handle, live);
        PreparedBatch batch = handle.prepareBatch(INSERT);
        for (int i = 0; i < live.size(); i++) {
            batch.bindMethods(live.get(i)).bind("status", statuses.get(i)).add();
        }
        for (DeliveryRow row : rows) {
            if (DeliveryRow.DEAD.equals(row.status())) {
                batch.bindMethods(row).add();
            }
        }
        batch.execute();
    }

    /**
     * Claims up to {@code limit} due deliveries for {@code owner}: marks them in flight until {@code leaseUntil}
     * and counts the attempt.
     *
     * @return the claimed rows as they were before the claim (attempts not yet incremented)
     */
    public List<DeliveryRow> claim(String owner, long now, ToLongFunction<DeliveryRow> leaseUntil, int limit) {
        return completeAndClaim(owner, now, List.of(), leaseUntil, limit);
    }

    /**
     * The outcome of one attempt; {@code refund} 1 gives the attempt back (the target was paused or throttled, not
     * tried); {@code conversational} when the delivery is a message in a conversation's history (a
     * {@code message.send}), whose row then shows the outcome.
     */
    public record Completion(String id, String orderingKey, String status, long nextAttemptAt, String lastError,
                             String externalRef, Long deliveredAt, int refund, boolean conversational) {
    }

    /** Records attempt outcomes in one transaction; rows whose lease this owner lost are left alone. */
    public void complete(String owner, long now, List<Completion> completions) {
        completeAndClaim(owner, now, completions, r -> 0, 0);
    }

    /**
     * Records outcomes, then claims what is due, in one transaction (one commit per dispatcher cycle). Claiming
     * after completing lets the next delivery of a just-finished conversation go out in the same cycle.
     */
    public List<DeliveryRow> completeAndClaim(String owner, long now, List<Completion> completions,
                                              ToLongFunction<DeliveryRow> leaseUntil, int limit) {
        return completeAndClaim(owner, now, completions, leaseUntil, limit, Set.of(), r -> true);
    }

    /**
     * As above, sharing the claim out fairly: due deliveries to the {@code skip} target connections are left alone,
     * and of the rest only those {@code take} accepts (asked once per row, in claim order) are claimed; the others
     * stay due, untouched, for the next claim.
     */
    public List<DeliveryRow> completeAndClaim(String owner, long now, List<Completion> completions,
                                              ToLongFunction<DeliveryRow> leaseUntil, int limit, Set<String> skip,
                                              java.util.function.Predicate<DeliveryRow> take) {
        if (completions.isEmpty() && limit <= 0) {
            return List.of();
        }
        return jdbi.inTransaction(h -> {
            if (!completions.isEmpty()) {
                PreparedBatch done = h.prepareBatch(COMPLETE);
                for (Completion c : completions) {
                    done.bindMethods(c).bind("owner", owner).bind("now", now).add();
                }
                int[] applied = done.execute();
                Map<String, Integer> finished = new HashMap<>();
                List<ConversationStore.Outcome> history = new java.util.ArrayList<>();
                for (int i = 0; i < completions.size(); i++) {
                    Completion c = completions.get(i);
                    // a row whose lease this node lost was not updated here: it is not ours to count out
                    if (applied[i] != 0 && !c.status().equals(DeliveryRow.PENDING)) {
                        finished.merge(c.orderingKey(), 1, Integer::sum);
                        if (c.conversational()) {
                            boolean sent = c.status().equals(DeliveryRow.DELIVERED);
                            history.add(new ConversationStore.Outcome(ConversationStore.messageIdOf(c.id()),
                                    sent ? "sent" : "failed", sent ? null : c.lastError(), c.externalRef(), now));
                        }
                    }
                }
                DeliveryQueues.finished(h, finished, now);
                ConversationStore.outcomes(h, history);
            }
            if (limit <= 0) {
                return List.<DeliveryRow>of();
            }
            org.jdbi.v3.core.statement.Query claim = h.createQuery(skip.isEmpty() ? CLAIM
                    : CLAIM.replace("ORDER BY", "AND d.target_connection NOT IN (<skip>)\n            ORDER BY"));
            if (!skip.isEmpty()) {
                claim.bindList("skip", List.copyOf(skip));
            }
            List<DeliveryRow> rows = claim.bind("now", now).bind("limit", limit).mapTo(DeliveryRow.class).list()
                    .stream().filter(take).toList();
            if (!rows.isEmpty()) {
                PreparedBatch batch = h.prepareBatch(MARK_INFLIGHT);
                for (DeliveryRow r : rows) {
                    batch.bind("owner", owner).bind("leaseUntil", leaseUntil.applyAsLong(r)).bind("now", now)
                            .bind("id", r.id()).add();
                }
                batch.execute();
            }
            return rows;
        });
    }

    /** Hands this node's in-flight deliveries back (called at start-up: they were cut off by a crash). */
    public int releaseLeases(String owner, long now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE deliveries SET status = 'pending', lease_owner = NULL, next_attempt_at = :now,
                                              updated_at = :now
                        WHERE status = 'inflight' AND lease_owner = :owner""")
                .bind("owner", owner).bind("now", now).execute());
    }

    public Optional<DeliveryRow> get(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM deliveries WHERE id = :id")
                .bind("id", id).mapTo(DeliveryRow.class).findOne());
    }

    /** Puts a dead delivery back in line (pending, or queued behind its key's current work), fresh budget. */
    public boolean retry(String id, long now) {
        return jdbi.inTransaction(h -> {
            Optional<DeliveryRow> row = h.createQuery("SELECT * FROM deliveries WHERE id = :id AND status = 'dead' "
                    + "FOR UPDATE").bind("id", id).mapTo(DeliveryRow.class).findOne();
            if (row.isEmpty()) {
                return false;
            }
            String status = DeliveryQueues.requeue(h, row.get().orderingKey());
            return h.createUpdate("""
                            UPDATE deliveries SET status = :status, attempts = 0, next_attempt_at = :now,
                                                  updated_at = :now
                            WHERE id = :id AND status = 'dead'""")
                    .bind("id", id).bind("status", status).bind("now", now).execute() == 1;
        });
    }

    /** Which deliveries a bulk operation takes: every filter optional, {@code limit} at most 1,000. */
    public record Selection(String tenant, String routeId, String connectionId, Long createdSince, Long createdUntil,
                            int limit) {
    }

    /** Puts dead deliveries back in line, oldest first (each behind its key's current work), fresh budget. */
    public int retryDead(Selection s, long now) {
        return jdbi.inTransaction(h -> {
            List<DeliveryRow> dead = select(h, s, "status = 'dead'");
            for (DeliveryRow row : dead) {
                String status = DeliveryQueues.requeue(h, row.orderingKey());
                h.createUpdate("UPDATE deliveries SET status = :status, attempts = 0, next_attempt_at = :now, "
                                + "updated_at = :now WHERE id = :id")
                        .bind("id", row.id()).bind("status", status).bind("now", now).execute();
            }
            return dead.size();
        });
    }

    /**
     * Cancels deliveries that have not started (pending or queued); the next of each key moves up. One in flight is
     * left alone: its attempt decides.
     */
    public int cancel(Selection s, long now) {
        return jdbi.inTransaction(h -> cancel(h, select(h, s, "status IN ('pending', 'queued')"), now));
    }

    /** Cancels one delivery that has not started; false when it is in flight or finished. */
    public boolean cancel(String id, long now) {
        return jdbi.inTransaction(h -> cancel(h, h.createQuery("SELECT * FROM deliveries WHERE id = :id "
                + "AND status IN ('pending', 'queued') FOR UPDATE").bind("id", id).mapTo(DeliveryRow.class).list(),
                now) == 1);
    }

    private static int cancel(Handle h, List<DeliveryRow> rows, long now) {
        Map<String, Integer> finished = new HashMap<>();
        for (DeliveryRow row : rows) {
            int n = h.createUpdate("UPDATE deliveries SET status = 'cancelled', updated_at = :now "
                            + "WHERE id = :id AND status IN ('pending', 'queued')")
                    .bind("id", row.id()).bind("now", now).execute();
            if (n == 1) {
                finished.merge(row.orderingKey(), 1, Integer::sum);
            }
        }
        DeliveryQueues.finished(h, finished, now);
        return finished.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static List<DeliveryRow> select(Handle h, Selection s, String statusCondition) {
        StringBuilder sql = new StringBuilder("SELECT * FROM deliveries WHERE ").append(statusCondition);
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
        sql.append(" ORDER BY id LIMIT :limit FOR UPDATE");
        var q = h.createQuery(sql.toString()).bind("limit", s.limit());
        binds.forEach(q::bind);
        return q.mapTo(DeliveryRow.class).list();
    }

    /** Newest first; every filter optional. */
    public Page<DeliveryRow> list(String tenant, String status, String routeId, String connectionId, String eventId,
                                  String cursor, int limit) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("tenant_id", tenant);
        filters.put("status", status);
        filters.put("route_id", routeId);
        filters.put("target_connection", connectionId);
        filters.put("event_id", eventId);
        return NewestFirst.page(jdbi, "deliveries", DeliveryRow.class, filters, cursor, limit, DeliveryRow::id);
    }

    /** Outbox depth and the creation time of the oldest unfinished delivery (null when empty). */
    public record Backlog(long depth, Long oldestCreatedAt) {
    }

    public Backlog backlog() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT COUNT(*) AS depth, MIN(created_at) AS oldest FROM deliveries
                        WHERE status IN ('pending', 'inflight', 'queued')""")
                .map((rs, ctx) -> new Backlog(rs.getLong("depth"),
                        rs.getObject("oldest") == null ? null : rs.getLong("oldest")))
                .one());
    }

}
