package io.ponte.hub.storage;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Tenants and API keys (access belongs with who it is for). */
public final class TenantStore {

    /** The tables whose rows a tenant owns, in the order a forced delete removes them. */
    private static final List<String> OWNED = List.of("deliveries", "events", "conversations", "routes", "api_keys",
            "mcp_calls");

    private final Jdbi jdbi;

    TenantStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void insert(TenantRow row) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO tenants (id, name, created_at, updated_at) "
                + "VALUES (:id, :name, :createdAt, :updatedAt)").bindMethods(row).execute());
    }

    public Optional<TenantRow> get(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM tenants WHERE id = :id").bind("id", id)
                .mapTo(TenantRow.class).findOne());
    }

    public List<TenantRow> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM tenants ORDER BY id").mapTo(TenantRow.class).list());
    }

    public boolean rename(String id, String name, long now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE tenants SET name = :name, updated_at = :now WHERE id = :id")
                .bind("id", id).bind("name", name).bind("now", now).execute() == 1);
    }

    /** How many connections, routes and keys the tenant still owns. */
    public long owned(String id) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT (SELECT COUNT(*) FROM connections WHERE tenant_id = :t)
                             + (SELECT COUNT(*) FROM routes WHERE tenant_id = :t)
                             + (SELECT COUNT(*) FROM api_keys WHERE tenant_id = :t AND revoked_at IS NULL)""")
                .bind("t", id).mapTo(Long.class).one());
    }

    /** Deletes the tenant and, with its data, everything it owns but its connections (closed by their service). */
    public void delete(String id) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM conversation_messages WHERE conversation_id IN "
                    + "(SELECT id FROM conversations WHERE tenant_id = :t)").bind("t", id).execute();
            for (String table : OWNED) {
                h.createUpdate("DELETE FROM " + table + " WHERE tenant_id = :t").bind("t", id).execute();
            }
            h.createUpdate("DELETE FROM tenants WHERE id = :t").bind("t", id).execute();
        });
    }

    public void insertKey(ApiKeyRow row) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO api_keys (id, name, tenant_id, role, token_sha256, expires_at, revoked_at, created_at)
                        VALUES (:id, :name, :tenantId, :role, :tokenSha256, :expiresAt, :revokedAt, :createdAt)""")
                .bindMethods(row).execute());
    }

    public Optional<ApiKeyRow> keyByHash(String sha256) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM api_keys WHERE token_sha256 = :s").bind("s", sha256)
                .mapTo(ApiKeyRow.class).findOne());
    }

    public Optional<ApiKeyRow> key(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM api_keys WHERE id = :id").bind("id", id)
                .mapTo(ApiKeyRow.class).findOne());
    }

    /** Keys, newest first; {@code tenant} null lists every key. */
    public List<ApiKeyRow> keys(String tenant) {
        return jdbi.withHandle(h -> tenant == null
                ? h.createQuery("SELECT * FROM api_keys ORDER BY id DESC").mapTo(ApiKeyRow.class).list()
                : h.createQuery("SELECT * FROM api_keys WHERE tenant_id = :t ORDER BY id DESC").bind("t", tenant)
                .mapTo(ApiKeyRow.class).list());
    }

    public boolean revoke(String id, long now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE api_keys SET revoked_at = :now WHERE id = :id "
                + "AND revoked_at IS NULL").bind("id", id).bind("now", now).execute() == 1);
    }
}
