package io.ponte.hub.storage;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The tool calls of the hub's MCP server ({@code mcp_calls}): claimed before the action runs, completed with its
 * outcome. The primary key is the call's idempotency key, so two nodes or two retries racing for one call cannot both
 * run it. Thread-safe; every method is one statement or transaction.
 */
public final class McpCallStore {

    /** A call that claimed its key and has not finished (or whose node died before it could record the outcome). */
    public static final String RUNNING = "running";
    /** Finished without acting (send rate, open breaker, transient error): the same key may run again. */
    public static final String RETRY = "retry";

    private final Jdbi jdbi;

    public McpCallStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One row of {@code mcp_calls}; {@code result} is the tool result's JSON once finished. */
    public record Row(String id, String tenantId, String keyId, String connectionId, String action,
                      String requestHash, String status, String result, long createdAt, long updatedAt) {
    }

    /**
     * Claims the call: inserts it as {@link #RUNNING}, or takes over a row of the same key whose earlier run ended in
     * {@link #RETRY}.
     *
     * @return empty when this caller may run the action; else the row another run of the key left (running or done)
     */
    public Optional<Row> claim(Row row) {
        return jdbi.inTransaction(h -> {
            int inserted = h.createUpdate("""
                            INSERT INTO mcp_calls (id, tenant_id, key_id, connection_id, action, request_hash, status,
                                                   result, created_at, updated_at)
                            VALUES (:id, :tenantId, :keyId, :connectionId, :action, :requestHash, :status, NULL,
                                    :createdAt, :updatedAt)
                            ON CONFLICT DO NOTHING""")
                    .bindMethods(row).bind("status", RUNNING).execute();
            if (inserted == 1) {
                return Optional.<Row>empty();
            }
            int retaken = h.createUpdate("""
                            UPDATE mcp_calls SET status = :running, updated_at = :now
                            WHERE id = :id AND status = :retry AND request_hash = :hash""")
                    .bind("running", RUNNING).bind("retry", RETRY).bind("now", row.updatedAt()).bind("id", row.id())
                    .bind("hash", row.requestHash()).execute();
            return retaken == 1 ? Optional.<Row>empty() : get(h, row.id());
        });
    }

    /** Records the outcome of a claimed call. */
    public void finish(String id, String status, String result, long now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE mcp_calls SET status = :status, result = :result, updated_at = :now WHERE id = :id""")
                .bind("status", status).bind("result", result).bind("now", now).bind("id", id).execute());
    }

    public Optional<Row> get(String id) {
        return jdbi.withHandle(h -> get(h, id));
    }

    private static Optional<Row> get(org.jdbi.v3.core.Handle h, String id) {
        return h.createQuery("SELECT * FROM mcp_calls WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> new Row(rs.getString("id"), rs.getString("tenant_id"), rs.getString("key_id"),
                        rs.getString("connection_id"), rs.getString("action"), rs.getString("request_hash"),
                        rs.getString("status"), rs.getString("result"), rs.getLong("created_at"),
                        rs.getLong("updated_at")))
                .findOne();
    }

    /** Deletes up to {@code limit} calls made before {@code cutoff} (epoch millis). */
    public int purge(long cutoff, int limit) {
        return jdbi.withHandle(h -> {
            java.util.List<String> ids = h.createQuery("SELECT id FROM mcp_calls WHERE created_at < :cutoff "
                            + "LIMIT :limit").bind("cutoff", cutoff).bind("limit", limit).mapTo(String.class).list();
            if (ids.isEmpty()) {
                return 0;
            }
            return h.createUpdate("DELETE FROM mcp_calls WHERE id IN (<ids>)").bindList("ids", ids).execute();
        });
    }
}
