package io.ponte.hub.storage;

import java.nio.charset.StandardCharsets;
import io.ponte.api.message.ConversationKey;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Conversations and their history. Writes happen inside the inbox's and the dispatcher's transactions (batched,
 * one statement per kind per commit); reads serve the admin API.
 */
public final class ConversationStore {

    /** Status names and their order: a report only ever moves a message forward. */
    public static final List<String> STATUSES = List.of("pending", "received", "sent", "delivered", "read",
            "failed", "deleted");

    public static final List<String> STATES = List.of("open", "bot", "human", "closed");

    private static final char[] BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private static final Sql INSERT_CONVERSATION = Sql.of("""
            INSERT INTO conversations (id, tenant_id, conversation_key, connection_id, address, contact_name, state,
                                       message_count, last_message_at, created_at, updated_at)
            VALUES (:id, :tenantId, :key, :connectionId, :address, :contactName, 'open', 0, :at, :at, :at)
            ON CONFLICT DO NOTHING""");

    private static final Sql COUNT_MESSAGES = Sql.of("""
            UPDATE conversations SET message_count = message_count + :n,
                                     last_message_at = CASE WHEN last_message_at > :at THEN last_message_at ELSE :at END,
                                     contact_name = COALESCE(:contactName, contact_name), updated_at = :at
            WHERE id = :id""");

    private static final Sql INSERT_MESSAGE = Sql.of("""
            INSERT INTO conversation_messages (id, conversation_id, connection_id, direction, event_id, delivery_id,
                                               external_ref, status, status_rank, error, sender_name, content,
                                               created_at, updated_at)
            VALUES (:id, :conversationId, :connectionId, :direction, :eventId, :deliveryId, :externalRef, :status,
                    :statusRank, :error, :senderName, :content, :createdAt, :updatedAt)""");

    // An echo of a message the hub sent itself is already in the history (same provider id): not added twice. Echoes
    // are outbound; sent_ref is the provider id of an outbound message (V14), indexed with the connection.
    private static final Sql INSERT_ECHO = Sql.of("""
            INSERT INTO conversation_messages (id, conversation_id, connection_id, direction, event_id, delivery_id,
                                               external_ref, status, status_rank, error, sender_name, content,
                                               created_at, updated_at)
            SELECT :id, :conversationId, :connectionId, :direction, :eventId, :deliveryId, :externalRef, :status,
                   :statusRank, :error, :senderName, :content, :createdAt, :updatedAt
            WHERE CAST(:externalRef AS VARCHAR(300)) IS NULL OR NOT EXISTS (
                SELECT 1 FROM conversation_messages m
                WHERE m.connection_id = :connectionId AND m.sent_ref = :externalRef)""");

    private static final Sql STATUS_BY_REF = Sql.of("""
            UPDATE conversation_messages SET status = :status, status_rank = :rank,
                                             error = COALESCE(:error, error), updated_at = :at
            WHERE connection_id = :connectionId AND sent_ref = :externalRef
              AND (CAST(:conversationId AS VARCHAR(40)) IS NULL OR conversation_id = :conversationId)
              AND status_rank < :rank""");

    private static final Sql STATUS_BY_ID = Sql.of("""
            UPDATE conversation_messages SET status = :status, status_rank = :rank, error = :error,
                                             external_ref = COALESCE(:externalRef, external_ref), updated_at = :at
            WHERE id = :id AND status_rank < :rank""");

    private static final int MAX_KNOWN = 200_000;

    private final Jdbi jdbi;
    // Conversations this node has seen committed. Only a contact's erasure deletes them (and forgets them here), so a
    // known one needs no insert attempt: one statement less per conversation per group commit.
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    ConversationStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Remembers conversations a committed transaction created or touched. */
    void committed(Collection<String> ids) {
        if (known.size() + ids.size() > MAX_KNOWN) {
            known.clear();
        }
        known.addAll(ids);
    }

    /** Forgets conversations that were deleted (a contact's erasure), so a new message creates them again. */
    public void forget(Collection<String> ids) {
        known.removeAll(ids);
    }

    /** The id of the conversation with this key: {@code cnv_} + 26 base32 characters of its written form's SHA-256. */
    public static String idOf(ConversationKey key) {
        return idOf(key.toString());
    }

    /** The id of the conversation with this written key. */
    public static String idOf(String key) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
        char[] out = new char[26];
        int bits = 0;
        int value = 0;
        int at = 0;
        for (int i = 0; at < 26; i++) {
            value = (value << 8) | (hash[i] & 0xFF);
            bits += 8;
            while (bits >= 5 && at < 26) {
                out[at++] = BASE32[(value >>> (bits - 5)) & 31];
                bits -= 5;
            }
        }
        return "cnv_" + new String(out);
    }

    /** The history row id for an inbound event or outbound delivery id: {@code msg_} + its ULID. */
    public static String messageIdOf(String eventOrDeliveryId) {
        return "msg_" + eventOrDeliveryId.substring(eventOrDeliveryId.indexOf('_') + 1);
    }

    public static int rank(String status) {
        int i = STATUSES.indexOf(status);
        return i < 0 ? 0 : i;
    }

    /**
     * Applies the writes of the events a group commit stored (in its transaction). Counts only rows really added:
     * an echo of a message the hub sent itself is skipped (and echoes are rare, so they go one by one to learn
     * which; PostgreSQL's rewritten batches do not report per-row counts).
     */
    Set<String> apply(Handle h, Collection<ConversationWrites> all) {
        Map<String, ConversationWrites.Touch> touches = new LinkedHashMap<>();
        List<ConversationMessageRow> messages = new ArrayList<>();
        List<ConversationMessageRow> echoes = new ArrayList<>();
        List<ConversationWrites.StatusChange> statuses = new ArrayList<>();
        for (ConversationWrites w : all) {
            for (ConversationWrites.Touch t : w.touches()) {
                ConversationWrites.Touch prev = touches.get(t.id());
                touches.put(t.id(), t.contactName() == null && prev != null ? prev : t);
            }
            for (ConversationMessageRow m : w.messages()) {
                (m.direction().equals(ConversationMessageRow.OUTBOUND) && m.deliveryId() == null ? echoes : messages)
                        .add(m);
            }
            statuses.addAll(w.statuses());
        }
        Map<String, Integer> counts = new HashMap<>();
        List<ConversationWrites.Touch> fresh = touches.values().stream().filter(t -> !known.contains(t.id())).toList();
        if (!fresh.isEmpty()) {
            INSERT_CONVERSATION.batch(h, fresh, (p, t) -> p.string("id", t.id()).string("tenantId", t.tenantId())
                    .string("key", t.key()).string("connectionId", t.connectionId()).string("address", t.address())
                    .string("contactName", t.contactName()).number("at", t.at()));
        }
        if (!messages.isEmpty()) {
            INSERT_MESSAGE.batch(h, messages, ConversationStore::bindMessage);
            messages.stream().filter(m -> !m.direction().equals(ConversationMessageRow.NOTE))
                    .forEach(m -> counts.merge(m.conversationId(), 1, Integer::sum));
        }
        for (ConversationMessageRow echo : echoes) {
            if (INSERT_ECHO.update(h, p -> bindMessage(p, echo)) > 0) {
                counts.merge(echo.conversationId(), 1, Integer::sum);
            }
        }
        if (!counts.isEmpty()) {
            COUNT_MESSAGES.batch(h, counts.entrySet(), (p, e) -> {
                ConversationWrites.Touch t = touches.get(e.getKey());
                p.integer("n", e.getValue()).number("at", t.at()).string("contactName", t.contactName())
                        .string("id", t.id());
            });
        }
        STATUS_BY_REF.batch(h, statuses, (p, c) -> p.string("status", c.status()).integer("rank", c.rank())
                .string("error", c.error()).number("at", c.at()).string("connectionId", c.connectionId())
                .string("externalRef", c.externalRef()).string("conversationId", c.conversationId()));
        return touches.keySet();
    }

    private static void bindMessage(Sql.Params p, ConversationMessageRow m) throws java.sql.SQLException {
        p.string("id", m.id()).string("conversationId", m.conversationId()).string("connectionId", m.connectionId())
                .string("direction", m.direction()).string("eventId", m.eventId()).string("deliveryId", m.deliveryId())
                .string("externalRef", m.externalRef()).string("status", m.status()).integer("statusRank", m.statusRank())
                .string("error", m.error()).string("senderName", m.senderName()).string("content", m.content())
                .number("createdAt", m.createdAt()).number("updatedAt", m.updatedAt());
    }

    /** The outcome of an outbound delivery on its history row (in the dispatcher's transaction). */
    public record Outcome(String id, String status, String error, String externalRef, long at) {
    }

    static void outcomes(Handle h, List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        STATUS_BY_ID.batch(h, outcomes, (p, o) -> p.string("status", o.status()).integer("rank", rank(o.status()))
                .string("error", o.error()).string("externalRef", o.externalRef()).number("at", o.at())
                .string("id", o.id()));
    }

    /**
     * The outbound message a provider id names, with the delivery and event it came from, and that event's
     * conversation (for a message relayed from another channel: the conversation it was relayed from).
     */
    public record SentMessage(String externalRef, String conversationId, String deliveryId, String eventId,
                              String correlationId, String eventConversation) {
    }

    /**
     * Outbound messages of a connection by provider id (links status reports and replies to what they refer to).
     * Several per id when the provider's ids are unique per conversation only (Telegram's message ids).
     */
    public Map<String, List<SentMessage>> sentByRefs(String connectionId, Collection<String> refs) {
        if (refs.isEmpty()) {
            return Map.of();
        }
        Map<String, List<SentMessage>> out = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT m.external_ref, m.conversation_id, m.delivery_id, m.event_id, e.correlation_id,
                               e.conversation
                        FROM conversation_messages m LEFT JOIN events e ON e.id = m.event_id
                        WHERE m.connection_id = :connectionId AND m.sent_ref IN (<refs>)""")
                .bind("connectionId", connectionId).bindList("refs", List.copyOf(refs))
                .map((rs, ctx) -> new SentMessage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)))
                .forEach(m -> out.computeIfAbsent(m.externalRef(), k -> new ArrayList<>()).add(m)));
        return out;
    }

    public Optional<ConversationRow> get(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM conversations WHERE id = :id")
                .bind("id", id).mapTo(ConversationRow.class).findOne());
    }

    /** Newest first (by creation); every filter optional. */
    public Page<ConversationRow> list(String tenant, String connectionId, String address, String state,
                                      Long updatedSince, String cursor, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM conversations WHERE 1 = 1");
        Map<String, Object> binds = new LinkedHashMap<>();
        filter(sql, binds, "tenant_id", tenant, "=");
        filter(sql, binds, "connection_id", connectionId, "=");
        filter(sql, binds, "address", address, "=");
        filter(sql, binds, "state", state, "=");
        filter(sql, binds, "updated_at", updatedSince, ">=");
        filter(sql, binds, "id", cursor, "<");
        sql.append(" ORDER BY id DESC LIMIT :limit");
        List<ConversationRow> rows = jdbi.withHandle(h -> {
            Query q = h.createQuery(sql.toString()).bind("limit", limit + 1);
            binds.forEach(q::bind);
            return q.mapTo(ConversationRow.class).list();
        });
        return page(rows, limit, ConversationRow::id);
    }

    /** A conversation's messages in order, oldest first, after the cursor (a message id). */
    public Page<ConversationMessageRow> messages(String conversationId, String after, int limit) {
        List<ConversationMessageRow> rows = jdbi.withHandle(h -> {
            Query q = h.createQuery("SELECT * FROM conversation_messages WHERE conversation_id = :c"
                            + (after == null ? "" : " AND id > :after") + " ORDER BY id LIMIT :limit")
                    .bind("c", conversationId).bind("limit", limit + 1);
            if (after != null) {
                q.bind("after", after);
            }
            return q.mapTo(ConversationMessageRow.class).list();
        });
        return page(rows, limit, ConversationMessageRow::id);
    }

    /**
     * Deletes up to {@code limit} history rows made before {@code cutoff} (retention; ids are time-ordered, so this
     * is a range of the primary key). Conversations themselves and their counts stay.
     *
     * @return how many rows were deleted
     */
    public int purge(long cutoff, int limit) {
        return jdbi.inTransaction(h -> {
            List<String> ids = h.createQuery("SELECT id FROM conversation_messages WHERE id < :cutoffId ORDER BY id "
                            + "LIMIT :limit")
                    .bind("cutoffId", Ids.lowerBound("msg", cutoff)).bind("limit", limit).mapTo(String.class).list();
            return ids.isEmpty() ? 0 : h.createUpdate("DELETE FROM conversation_messages WHERE id IN (<ids>)")
                    .bindList("ids", ids).execute();
        });
    }

    /** The newest {@code limit} messages of a conversation, oldest first. */
    public List<ConversationMessageRow> latest(String conversationId, int limit) {
        List<ConversationMessageRow> rows = new ArrayList<>(jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM conversation_messages WHERE conversation_id = :c ORDER BY id DESC LIMIT :limit")
                .bind("c", conversationId).bind("limit", limit).mapTo(ConversationMessageRow.class).list()));
        java.util.Collections.reverse(rows);
        return rows;
    }

    /** Sets the state; false when there is no such conversation. */
    public boolean setState(String id, String state, long now) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "UPDATE conversations SET state = :state, updated_at = :now WHERE id = :id")
                .bind("id", id).bind("state", state).bind("now", now).execute() == 1);
    }

    private static void filter(StringBuilder sql, Map<String, Object> binds, String column, Object value, String op) {
        if (value != null) {
            sql.append(" AND ").append(column).append(' ').append(op).append(" :").append(column);
            binds.put(column, value);
        }
    }

    private static <T> Page<T> page(List<T> rows, int limit, java.util.function.Function<T, String> id) {
        if (rows.size() > limit) {
            List<T> items = List.copyOf(rows.subList(0, limit));
            return new Page<>(items, id.apply(items.get(limit - 1)));
        }
        return new Page<>(rows, null);
    }
}
