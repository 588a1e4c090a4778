package io.ponte.hub.storage;

import io.ponte.hub.json.HubJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The inbox: appends events with their deliveries in one transaction; lists and reads them. */
public final class EventStore {

    private static final Sql INSERT_EVENT = Sql.of("""
            INSERT INTO events (id, tenant_id, connection_id, type, external_id, conversation, correlation_id,
                                causation_id, occurred_at, received_at, body, deliveries, route_error)
            VALUES (:id, :tenantId, :connectionId, :type, :externalId, :conversation, :correlationId,
                    :causationId, :occurredAt, :receivedAt, :body, :deliveries, :routeError)
            ON CONFLICT DO NOTHING""");

    private final Jdbi jdbi;
    private final ConversationStore conversations;
    private final Outbox outbox;

    EventStore(Jdbi jdbi, ConversationStore conversations, Outbox outbox) {
        this.jdbi = jdbi;
        this.conversations = conversations;
        this.outbox = outbox;
    }

    /** An event to append, with the deliveries routing produced for it and what it changes in conversations. */
    public record NewEvent(EventRow event, List<DeliveryRow> deliveries, ConversationWrites conversation) {
        public NewEvent(EventRow event, List<DeliveryRow> deliveries) {
            this(event, deliveries, ConversationWrites.NONE);
        }
    }

    /**
     * Appends events and their deliveries in one transaction. An event whose (connection, externalId) is already
     * stored is skipped together with its deliveries.
     *
     * @return per event, whether it was new
     */
    public boolean[] append(List<NewEvent> batch) {
        return append(batch, List.of());
    }

    /**
     * As {@link #append(List)}, then runs {@code alongside} in the same transaction (the dispatcher's cycle, when
     * the inbox writes for it too: on H2 two writers only queue for one store lock, and one commit writes the pages
     * both touched once). If one of them throws, nothing of the transaction is stored.
     */
    public boolean[] append(List<NewEvent> batch, List<Alongside<?>> alongside) {
        Set<String> touched = new HashSet<>();
        boolean[] result;
        boolean committed = false;
        try {
            result = jdbi.inTransaction(handle -> {
            touched.clear(); // a retried transaction starts over
            if (batch.isEmpty()) {
                alongside.forEach(work -> work.run(handle));
                return new boolean[0];
            }
            int[] counts = INSERT_EVENT.batch(handle, batch, (p, n) -> {
                EventRow e = n.event();
                p.string("id", e.id()).string("tenantId", e.tenantId()).string("connectionId", e.connectionId())
                        .string("type", e.type()).string("externalId", e.externalId())
                        .string("conversation", e.conversation()).string("correlationId", e.correlationId())
                        .string("causationId", e.causationId()).number("occurredAt", e.occurredAt())
                        .number("receivedAt", e.receivedAt()).string("body", e.body())
                        .integer("deliveries", e.deliveries()).string("routeError", e.routeError());
            });
            boolean[] inserted = new boolean[batch.size()];
            boolean unknown = false;
            for (int i = 0; i < batch.size(); i++) {
                inserted[i] = counts[i] > 0;
                unknown |= counts[i] < 0;
            }
            if (unknown) {
                // PostgreSQL's rewritten batches report SUCCESS_NO_INFO: ask which of our (fresh) ids are there.
                Set<String> present = new HashSet<>(handle.createQuery("SELECT id FROM events WHERE id IN (<ids>)")
                        .bindList("ids", InLists.padded(batch.stream().map(e -> e.event().id()).toList()))
                        .mapTo(String.class).list());
                for (int i = 0; i < batch.size(); i++) {
                    inserted[i] = present.contains(batch.get(i).event().id());
                }
            }
            List<DeliveryRow> deliveries = new ArrayList<>();
            List<ConversationWrites> writes = new ArrayList<>();
            Map<String, String> bodies = new HashMap<>();
            for (int i = 0; i < batch.size(); i++) {
                if (inserted[i]) {
                    deliveries.addAll(batch.get(i).deliveries());
                    if (!batch.get(i).deliveries().isEmpty()) {
                        bodies.put(batch.get(i).event().id(), batch.get(i).event().body());
                    }
                    if (!batch.get(i).conversation().isEmpty()) {
                        writes.add(batch.get(i).conversation());
                    }
                }
            }
            if (!deliveries.isEmpty()) {
                outbox.enqueue(handle, deliveries, bodies);
            }
            if (!writes.isEmpty()) {
                touched.addAll(conversations.apply(handle, writes));
            }
            alongside.forEach(work -> work.run(handle));
            return inserted;
            });
            committed = true;
        } finally {
            outbox.local().enqueueEnded(committed);
        }
        conversations.committed(touched);
        return result;
    }

    /**
     * Looks at the next {@code limit} events (by id, after {@code after}; null: from the oldest) made before
     * {@code cutoff}, and deletes those received before it whose deliveries are all finished, with those deliveries
     * (retention). The events kept (a delivery still unfinished) are passed over (see {@link Purged}). The dedupe
     * key goes with the event, so keep events longer than any provider retries.
     */
    public Purged purge(long cutoff, String after, int limit) {
        return jdbi.inTransaction(h -> {
            List<Map.Entry<String, Long>> candidates = h.createQuery("""
                            SELECT id, received_at FROM events WHERE id > :after AND id < :cutoffId
                            ORDER BY id LIMIT :limit""")
                    .bind("after", after == null ? "" : after).bind("cutoffId", Ids.lowerBound("evt", cutoff))
                    .bind("limit", limit)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2))).list();
            if (candidates.isEmpty()) {
                return new Purged(0, null);
            }
            List<String> old = candidates.stream().filter(e -> e.getValue() < cutoff).map(Map.Entry::getKey)
                    .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
            if (!old.isEmpty()) {
                old.removeAll(h.createQuery("SELECT DISTINCT event_id FROM deliveries WHERE event_id IN (<ids>) "
                                + "AND status IN ('pending', 'inflight', 'queued')")
                        .bindList("ids", old).mapTo(String.class).set());
            }
            int deleted = 0;
            if (!old.isEmpty()) {
                h.createUpdate("DELETE FROM deliveries WHERE event_id IN (<ids>)").bindList("ids", old).execute();
                deleted = h.createUpdate("DELETE FROM events WHERE id IN (<ids>)").bindList("ids", old).execute();
            }
            return new Purged(deleted, candidates.getLast().getKey());
        });
    }

    /**
     * Which of the given external ids of a connection are stored: the inbox's dedupe read before it answers a request
     * from its journal, on the request's path, so plain JDBC. One index seek per id with one prepared statement: H2
     * plans {@code connection_id = ? AND external_id IN (...)} as a scan of every event of the connection (it seeks
     * on the index's first column only), which made a request of 100 messages take 170 ms on a connection with
     * 100,000 events (BENCHMARKS.md, session 36).
     */
    public Set<String> storedExternalIds(String connectionId, java.util.Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return Set.of();
        }
        return jdbi.withHandle(h -> {
            try (java.sql.PreparedStatement ps = h.getConnection().prepareStatement(
                    "SELECT 1 FROM events WHERE connection_id = ? AND external_id = ?")) {
                Set<String> present = new HashSet<>();
                ps.setString(1, connectionId);
                for (String id : externalIds) {
                    ps.setString(2, id);
                    try (java.sql.ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            present.add(id);
                        }
                    }
                }
                return present;
            } catch (java.sql.SQLException e) {
                throw new org.jdbi.v3.core.statement.UnableToExecuteStatementException(e, null);
            }
        });
    }

    /** Which of the given event ids are stored (one query). */
    public Set<String> existing(List<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return jdbi.withHandle(h -> new HashSet<>(h.createQuery("SELECT id FROM events WHERE id IN (<ids>)")
                .bindList("ids", ids).mapTo(String.class).list()));
    }

    /** The envelope JSON of each of the given events, by id (one query). */
    public Map<String, String> bodies(List<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT id, body FROM events WHERE id IN (<ids>)")
                .bindList("ids", InLists.padded(ids))
                .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getString("body")))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    /** The hops of each of the given events that exists, by id (one query; see {@code Envelope.hops}). */
    public Map<String, Integer> hops(List<String> ids) {
        Map<String, Integer> out = new HashMap<>();
        bodies(ids).forEach((id, body) -> {
            try {
                out.put(id, HubJson.mapper().readTree(body).path("hops").asInt(0));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("corrupt envelope JSON in the database: event " + id, e);
            }
        });
        return out;
    }

    public Optional<EventRow> get(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM events WHERE id = :id")
                .bind("id", id).mapTo(EventRow.class).findOne());
    }

    /** Newest first; every filter optional. */
    public Page<EventRow> list(String tenant, String connectionId, String type, String cursor, int limit) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("tenant_id", tenant);
        filters.put("connection_id", connectionId);
        filters.put("type", type);
        return NewestFirst.page(jdbi, "events", EventRow.class, filters, cursor, limit, EventRow::id);
    }

    /** One payment event for a report: its tenant, source, connector type, type, occurrence and body. */
    public record PaymentEventRow(String tenantId, String connectionId, String connectorType, String type,
                                  long occurredAt, String body) {
    }

    /**
     * The {@code payment.*} events received in {@code [receivedFrom, receivedTo)} (an id range: ids are
     * time-ordered, so this is a primary-key range scan, never a full one), oldest first, passed to {@code each}
     * without holding them all.
     *
     * @param tenant the tenant, or null for every tenant's
     */
    public void payments(String tenant, long receivedFrom, long receivedTo,
                         java.util.function.Consumer<PaymentEventRow> each) {
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT e.tenant_id, e.connection_id, COALESCE(c.connector, 'unknown') AS connector, e.type,
                               e.occurred_at, e.body
                        FROM events e LEFT JOIN connections c ON c.id = e.connection_id
                        WHERE e.id >= :from AND e.id < :to AND e.type LIKE 'payment.%'
                          AND (CAST(:tenant AS VARCHAR(40)) IS NULL OR e.tenant_id = :tenant)
                        ORDER BY e.id""")
                .bind("from", Ids.lowerBound("evt", receivedFrom)).bind("to", Ids.lowerBound("evt", receivedTo))
                .bind("tenant", tenant)
                .setFetchSize(500)
                .map((rs, ctx) -> new PaymentEventRow(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getLong(5), rs.getString(6)))
                .forEach(each));
    }
}
