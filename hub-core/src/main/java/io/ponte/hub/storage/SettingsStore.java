package io.ponte.hub.storage;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The hub's own small settings (the admin token's hash ...). */
public final class SettingsStore {

    private final Jdbi jdbi;

    SettingsStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<String> get(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT setting_value FROM hub_settings WHERE setting_name = :n")
                .bind("n", name).mapTo(String.class).findOne());
    }

    /** Sets the value, replacing what was there. */
    public void put(String name, String value) {
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("UPDATE hub_settings SET setting_value = :v WHERE setting_name = :n")
                    .bind("n", name).bind("v", value).execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO hub_settings (setting_name, setting_value) VALUES (:n, :v)")
                        .bind("n", name).bind("v", value).execute();
            }
        });
    }

    /** Sets the value unless one is already set; returns the value in force. */
    public String putIfAbsent(String name, String value) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO hub_settings (setting_name, setting_value) VALUES (:n, :v) ON CONFLICT DO NOTHING")
                .bind("n", name).bind("v", value).execute());
        return get(name).orElseThrow();
    }
}
