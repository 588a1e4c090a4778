package io.ponte.hub.storage;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Routes: CRUD. */
public final class RouteStore {

    private final Jdbi jdbi;

    RouteStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void insert(RouteRow row) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO routes (id, tenant_id, name, priority, enabled, definition, created_at, updated_at)
                        VALUES (:id, :tenantId, :name, :priority, :enabled, :definition, :createdAt, :updatedAt)""")
                .bindMethods(row).execute());
    }

    public boolean update(RouteRow row) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE routes SET name = :name, priority = :priority, enabled = :enabled,
                                          definition = :definition, updated_at = :updatedAt
                        WHERE id = :id""")
                .bindMethods(row).execute()) == 1;
    }

    public boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM routes WHERE id = :id").bind("id", id).execute()) == 1;
    }

    public Optional<RouteRow> get(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM routes WHERE id = :id")
                .bind("id", id).mapTo(RouteRow.class).findOne());
    }

    /** Changes whenever a route is created, changed or deleted: the count and the latest update time. */
    public String fingerprint() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) AS n, MAX(updated_at) AS latest FROM routes")
                .map((rs, ctx) -> rs.getLong("n") + ":" + rs.getLong("latest")).one());
    }

    public List<RouteRow> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM routes ORDER BY priority DESC, id")
                .mapTo(RouteRow.class).list());
    }
}
