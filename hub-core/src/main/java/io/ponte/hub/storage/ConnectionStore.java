package io.ponte.hub.storage;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Connections: CRUD. */
public final class ConnectionStore {

    private final Jdbi jdbi;

    ConnectionStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void insert(ConnectionRow row) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO connections (id, tenant_id, name, connector, config, secrets, settings, enabled,
                                                 created_at, updated_at, network, calls, history)
                        VALUES (:id, :tenantId, :name, :connector, :config, :secrets, :settings, :enabled,
                                :createdAt, :updatedAt, :network, :calls, :history)""")
                .bindMethods(row).execute());
    }

    public boolean update(ConnectionRow row) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE connections SET name = :name, config = :config, secrets = :secrets,
                                               settings = :settings, enabled = :enabled, updated_at = :updatedAt,
                                               network = :network, calls = :calls, history = :history
                        WHERE id = :id""")
                .bindMethods(row).execute()) == 1;
    }

    public boolean delete(String id) {
        return jdbi.withHandle(h -> {
            h.createUpdate("DELETE FROM connector_state WHERE connection_id = :id").bind("id", id).execute();
            h.createUpdate("DELETE FROM connector_secrets WHERE connection_id = :id").bind("id", id).execute();
            return h.createUpdate("DELETE FROM connections WHERE id = :id").bind("id", id).execute() == 1;
        });
    }

    public Optional<ConnectionRow> get(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM connections WHERE id = :id")
                .bind("id", id).mapTo(ConnectionRow.class).findOne());
    }

    public List<ConnectionRow> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM connections ORDER BY id")
                .mapTo(ConnectionRow.class).list());
    }

    /**
     * Replaces every connection's secrets blob in one transaction (master key rotation): all or nothing.
     *
     * @return how many connections had secrets
     */
    /**
     * Re-encrypts, in one transaction, every connection's config secrets and every secret its connector kept.
     *
     * @param newSecrets the new ciphertext of a connection's secrets
     * @param reseal     the new ciphertext of a connector secret, from (old ciphertext, associated data)
     * @return how many connections' secrets were re-encrypted
     */
    public int reencrypt(java.util.function.Function<ConnectionRow, String> newSecrets,
                         java.util.function.BinaryOperator<String> reseal) {
        return jdbi.inTransaction(h -> {
            List<ConnectionRow> rows = h.createQuery("SELECT * FROM connections WHERE secrets IS NOT NULL FOR UPDATE")
                    .mapTo(ConnectionRow.class).list();
            for (ConnectionRow row : rows) {
                h.createUpdate("UPDATE connections SET secrets = :secrets WHERE id = :id")
                        .bind("secrets", newSecrets.apply(row)).bind("id", row.id()).execute();
            }
            h.createQuery("SELECT connection_id, secret_key, ciphertext FROM connector_secrets FOR UPDATE")
                    .map((rs, ctx) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3))).list()
                    .forEach(s -> h.createUpdate("""
                                    UPDATE connector_secrets SET ciphertext = :v
                                    WHERE connection_id = :c AND secret_key = :k""")
                            .bind("v", reseal.apply(s.get(2), StateStore.secretContext(s.get(0), s.get(1))))
                            .bind("c", s.get(0)).bind("k", s.get(1)).execute());
            return rows.size();
        });
    }
}
