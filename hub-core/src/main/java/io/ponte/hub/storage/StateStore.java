package io.ponte.hub.storage;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The connectors' key-value state, and their secret state (stored as the ciphertext the caller made). */
public final class StateStore {

    private final Jdbi jdbi;

    StateStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<String> get(String connectionId, String key) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT state_value FROM connector_state WHERE connection_id = :c AND state_key = :k""")
                .bind("c", connectionId).bind("k", key).mapTo(String.class).findOne());
    }

    public void put(String connectionId, String key, String value, long now) {
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("""
                            UPDATE connector_state SET state_value = :v, updated_at = :now
                            WHERE connection_id = :c AND state_key = :k""")
                    .bind("c", connectionId).bind("k", key).bind("v", value).bind("now", now).execute();
            if (updated == 0) {
                h.createUpdate("""
                                INSERT INTO connector_state (connection_id, state_key, state_value, updated_at)
                                VALUES (:c, :k, :v, :now) ON CONFLICT DO NOTHING""")
                        .bind("c", connectionId).bind("k", key).bind("v", value).bind("now", now).execute();
            }
        });
    }

    public void delete(String connectionId, String key) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM connector_state WHERE connection_id = :c AND state_key = :k")
                .bind("c", connectionId).bind("k", key).execute());
    }

    public Optional<String> getSecret(String connectionId, String key) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT ciphertext FROM connector_secrets WHERE connection_id = :c AND secret_key = :k""")
                .bind("c", connectionId).bind("k", key).mapTo(String.class).findOne());
    }

    public void putSecret(String connectionId, String key, String ciphertext, long now) {
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("""
                            UPDATE connector_secrets SET ciphertext = :v, updated_at = :now
                            WHERE connection_id = :c AND secret_key = :k""")
                    .bind("c", connectionId).bind("k", key).bind("v", ciphertext).bind("now", now).execute();
            if (updated == 0) {
                h.createUpdate("""
                                INSERT INTO connector_secrets (connection_id, secret_key, ciphertext, updated_at)
                                VALUES (:c, :k, :v, :now) ON CONFLICT DO NOTHING""")
                        .bind("c", connectionId).bind("k", key).bind("v", ciphertext).bind("now", now).execute();
            }
        });
    }

    public void deleteSecret(String connectionId, String key) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM connector_secrets WHERE connection_id = :c AND secret_key = :k")
                .bind("c", connectionId).bind("k", key).execute());
    }

    /** The associated data a connector secret is sealed with: its connection and key. */
    public static String secretContext(String connectionId, String key) {
        return connectionId + "/" + key;
    }
}
