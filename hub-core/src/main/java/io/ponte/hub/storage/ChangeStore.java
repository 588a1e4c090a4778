package io.ponte.hub.storage;

import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * What changed after a point, per kind of row, oldest change first: the change feed behind {@code GET
 * /api/v1/stream}. Every query is a range over an index, bounded by {@code upTo} and a limit: new events and history
 * messages by their time-ordered primary key, deliveries and conversations by {@code updated_at} (indexes of V10).
 * Nothing is written for the feed: it reads the pipeline's own rows.
 *
 * <p>Each query takes rows whose (time, id) comes after ({@code at}, {@code afterId}) and whose time is at most
 * {@code upTo}; {@code afterId} {@code ""} includes every row at {@code at}.
 *
 * @see io.ponte.hub.stream.ChangeFeed
 */
public final class ChangeStore {

    private final Jdbi jdbi;

    public ChangeStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Events stored after the point; their time is the one in their id. */
    public List<EventRow> events(String tenant, long at, String afterId, long upTo, int limit) {
        return jdbi.withHandle(h -> tenant(h.createQuery("""
                        SELECT * FROM events
                        WHERE id > :after AND id < :before
                          AND (CAST(:tenant AS VARCHAR(40)) IS NULL OR tenant_id = :tenant)
                        ORDER BY id LIMIT :limit"""), tenant)
                .bind("after", idAfter("evt", at, afterId)).bind("before", Ids.lowerBound("evt", upTo + 1))
                .bind("limit", limit).mapTo(EventRow.class).list());
    }

    /** Messages added to conversations after the point (either direction, and notes); their time is in their id. */
    public List<ConversationMessageRow> messages(String tenant, long at, String afterId, long upTo, int limit) {
        return jdbi.withHandle(h -> tenant(h.createQuery("""
                        SELECT m.* FROM conversation_messages m JOIN conversations c ON c.id = m.conversation_id
                        WHERE m.id > :after AND m.id < :before
                          AND (CAST(:tenant AS VARCHAR(40)) IS NULL OR c.tenant_id = :tenant)
                        ORDER BY m.id LIMIT :limit"""), tenant)
                .bind("after", idAfter("msg", at, afterId)).bind("before", Ids.lowerBound("msg", upTo + 1))
                .bind("limit", limit).mapTo(ConversationMessageRow.class).list());
    }

    /**
     * Deliveries created or changed after the point, in their current state; one in flight is left out (it shows
     * again when its attempt ends).
     */
    public List<DeliveryRow> deliveries(String tenant, long at, String afterId, long upTo, int limit) {
        return jdbi.withHandle(h -> byUpdate(h.createQuery("""
                        SELECT * FROM deliveries
                        WHERE updated_at >= :at AND updated_at <= :upTo AND (updated_at > :at OR id > :afterId)
                          AND status <> 'inflight'
                          AND (CAST(:tenant AS VARCHAR(40)) IS NULL OR tenant_id = :tenant)
                        ORDER BY updated_at, id LIMIT :limit"""), tenant, at, afterId, upTo, limit)
                .mapTo(DeliveryRow.class).list());
    }

    /** Conversations created or changed (state, messages, contact name) after the point, as they are now. */
    public List<ConversationRow> conversations(String tenant, long at, String afterId, long upTo, int limit) {
        return jdbi.withHandle(h -> byUpdate(h.createQuery("""
                        SELECT * FROM conversations
                        WHERE updated_at >= :at AND updated_at <= :upTo AND (updated_at > :at OR id > :afterId)
                          AND (CAST(:tenant AS VARCHAR(40)) IS NULL OR tenant_id = :tenant)
                        ORDER BY updated_at, id LIMIT :limit"""), tenant, at, afterId, upTo, limit)
                .mapTo(ConversationRow.class).list());
    }

    private static Query byUpdate(Query q, String tenant, long at, String afterId, long upTo, int limit) {
        return tenant(q, tenant).bind("at", at).bind("afterId", afterId).bind("upTo", upTo).bind("limit", limit);
    }

    private static Query tenant(Query q, String tenant) {
        return q.bind("tenant", tenant);
    }

    /** The exclusive lower bound on time-ordered ids with this prefix for the point ({@code at}, {@code afterId}). */
    private static String idAfter(String prefix, long at, String afterId) {
        return afterId.isEmpty() ? lowest(prefix, at) : afterId;
    }

    /** Just below every id with this prefix made at {@code millis}. */
    private static String lowest(String prefix, long millis) {
        String bound = Ids.lowerBound(prefix, millis);
        return bound.substring(0, bound.length() - 1); // a prefix sorts before every longer string it starts
    }
}
