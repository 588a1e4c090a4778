package io.ponte.hub.storage;

import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/**
 * Traffic counts over a time window ({@code GET /api/v1/stats}), each an index range: events by their time-ordered
 * primary key, deliveries by {@code updated_at} (V10), the database grouping by minute and connection.
 */
public final class TrafficStore {

    private final Jdbi jdbi;

    public TrafficStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** How many rows one connection had in one minute ({@code minute} = epoch ms / 60000). */
    public record Count(String connectionId, long minute, String status, long count) {
    }

    /** A delivered delivery: its target, when it was delivered and how long after its event was stored. */
    public record Delivered(String connectionId, long deliveredAt, long latencyMs) {
    }

    /** Events received in {@code [from, to)}, per source connection and minute ({@code status} is null). */
    public void received(String tenant, long from, long to, Consumer<Count> each) {
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT connection_id, received_at / 60000 AS per_minute, COUNT(*) AS n FROM events
                        WHERE id >= :fromId AND id < :toId AND received_at >= :from AND received_at < :to
                          AND (CAST(:tenant AS VARCHAR(40)) IS NULL OR tenant_id = :tenant)
                        GROUP BY connection_id, received_at / 60000""")
                .bind("fromId", Ids.lowerBound("evt", from)).bind("toId", Ids.lowerBound("evt", to))
                .bind("from", from).bind("to", to).bind("tenant", tenant)
                .map((rs, ctx) -> new Count(rs.getString(1), rs.getLong(2), null, rs.getLong(3))).forEach(each));
    }

    /**
     * Deliveries whose latest change fell in {@code [from, to)} and left them delivered, dead, or waiting for a retry
     * after a failed attempt ({@code status} {@code failed}), per target connection and minute.
     */
    public void outcomes(String tenant, long from, long to, Consumer<Count> each) {
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT target_connection, updated_at / 60000 AS per_minute,
                               CASE WHEN status = 'pending' THEN 'failed' ELSE status END AS outcome, COUNT(*) AS n
                        FROM deliveries
                        WHERE updated_at >= :from AND updated_at < :to
                          AND (status IN ('delivered', 'dead') OR (status = 'pending' AND attempts > 0
                                                                   AND last_error IS NOT NULL))
                          AND (CAST(:tenant AS VARCHAR(40)) IS NULL OR tenant_id = :tenant)
                        GROUP BY target_connection, updated_at / 60000,
                                 CASE WHEN status = 'pending' THEN 'failed' ELSE status END""")
                .bind("from", from).bind("to", to).bind("tenant", tenant)
                .map((rs, ctx) -> new Count(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4)))
                .forEach(each));
    }

    /**
     * Deliveries delivered in {@code [from, to)} with their latency: created with their event, in the same
     * transaction and with the same stamp, so delivered − created is event stored → delivered.
     */
    public void delivered(String tenant, long from, long to, Consumer<Delivered> each) {
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT target_connection, delivered_at, delivered_at - created_at AS latency FROM deliveries
                        WHERE updated_at >= :from AND updated_at < :to AND status = 'delivered'
                          AND (CAST(:tenant AS VARCHAR(40)) IS NULL OR tenant_id = :tenant)""")
                .bind("from", from).bind("to", to).bind("tenant", tenant).setFetchSize(1000)
                .map((rs, ctx) -> new Delivered(rs.getString(1), rs.getLong(2), rs.getLong(3))).forEach(each));
    }
}
