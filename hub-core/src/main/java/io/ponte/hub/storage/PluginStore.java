package io.ponte.hub.storage;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Plugins installed through the admin API, and enabled flags, shared by every node. */
public final class PluginStore {

    private static final String COLUMNS = "id, version, file_name, sha256, enabled, content IS NOT NULL AS has_content, "
            + "updated_at";

    private final Jdbi jdbi;

    PluginStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<InstalledPluginRow> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM installed_plugins ORDER BY id")
                .mapTo(InstalledPluginRow.class).list());
    }

    public Optional<InstalledPluginRow> get(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM installed_plugins WHERE id = :id")
                .bind("id", id).mapTo(InstalledPluginRow.class).findOne());
    }

    public byte[] content(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT content FROM installed_plugins WHERE id = :id")
                .bind("id", id).mapTo(byte[].class).one());
    }

    /** Stores (or replaces) an uploaded plugin file, enabled. */
    public void put(String id, String version, String fileName, byte[] content, String sha256, long now) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM installed_plugins WHERE id = :id").bind("id", id).execute();
            h.createUpdate("""
                            INSERT INTO installed_plugins (id, version, file_name, content, sha256, enabled, updated_at)
                            VALUES (:id, :version, :file, :content, :sha, TRUE, :now)""")
                    .bind("id", id).bind("version", version).bind("file", fileName).bind("content", content)
                    .bind("sha", sha256).bind("now", now).execute();
        });
    }

    /** Sets the enabled flag of any plugin (a row without content for one from the plugins dir). */
    public void setEnabled(String id, String version, String fileName, boolean enabled, long now) {
        jdbi.useTransaction(h -> {
            int n = h.createUpdate("UPDATE installed_plugins SET enabled = :e, updated_at = :now WHERE id = :id")
                    .bind("id", id).bind("e", enabled).bind("now", now).execute();
            if (n == 0) {
                h.createUpdate("""
                                INSERT INTO installed_plugins (id, version, file_name, content, sha256, enabled, updated_at)
                                VALUES (:id, :version, :file, NULL, '', :e, :now)""")
                        .bind("id", id).bind("version", version).bind("file", fileName).bind("e", enabled)
                        .bind("now", now).execute();
            }
        });
    }

    public boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM installed_plugins WHERE id = :id").bind("id", id)
                .execute() == 1);
    }
}
