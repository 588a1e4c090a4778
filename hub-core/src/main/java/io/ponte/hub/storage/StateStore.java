package io.ponte.hub.storage;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The connectors' key-value state, and their secret state (stored as the ciphertext the caller made). */
public final class StateStore {

    private final Jdbi jdbi;

    StateStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One of the two key-value tables: its name and its key and value columns (constants, never input). */
    private record Table(String name, String keyColumn, String valueColumn) {
    }

    private static final Table STATE = new Table("connector_state", "state_key", "state_value");
    private static final Table SECRETS = new Table("connector_secrets", "secret_key", "ciphertext");

    public Optional<String> get(String connectionId, String key) {
        return read(STATE, connectionId, key);
    }

    public void put(String connectionId, String key, String value, long now) {
        write(STATE, connectionId, key, value, now);
    }

    public void delete(String connectionId, String key) {
        remove(STATE, connectionId, key);
    }

    public Optional<String> getSecret(String connectionId, String key) {
        return read(SECRETS, connectionId, key);
    }

    public void putSecret(String connectionId, String key, String ciphertext, long now) {
        write(SECRETS, connectionId, key, ciphertext, now);
    }

    public void deleteSecret(String connectionId, String key) {
        remove(SECRETS, connectionId, key);
    }

    private Optional<String> read(Table t, String connectionId, String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + t.valueColumn() + " FROM " + t.name()
                        + " WHERE connection_id = :c AND " + t.keyColumn() + " = :k")
                .bind("c", connectionId).bind("k", key).mapTo(String.class).findOne());
    }

    /** Update, else insert: one row per connection and key, whoever writes first. */
    private void write(Table t, String connectionId, String key, String value, long now) {
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("UPDATE " + t.name() + " SET " + t.valueColumn() + " = :v, updated_at = :now"
                            + " WHERE connection_id = :c AND " + t.keyColumn() + " = :k")
                    .bind("c", connectionId).bind("k", key).bind("v", value).bind("now", now).execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO " + t.name() + " (connection_id, " + t.keyColumn() + ", "
                                + t.valueColumn() + ", updated_at) VALUES (:c, :k, :v, :now) ON CONFLICT DO NOTHING")
                        .bind("c", connectionId).bind("k", key).bind("v", value).bind("now", now).execute();
            }
        });
    }

    private void remove(Table t, String connectionId, String key) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM " + t.name() + " WHERE connection_id = :c AND "
                        + t.keyColumn() + " = :k")
                .bind("c", connectionId).bind("k", key).execute());
    }

    /** The associated data a connector secret is sealed with: its connection and key. */
    public static String secretContext(String connectionId, String key) {
        return connectionId + "/" + key;
    }
}
