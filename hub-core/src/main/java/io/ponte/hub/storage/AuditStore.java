package io.ponte.hub.storage;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** The audit log: appended once per admin mutation, listed newest first. */
public final class AuditStore {

    private final Jdbi jdbi;

    AuditStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void append(AuditRow row) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO audit_log (id, key_id, tenant_id, action, target, status, at)
                        VALUES (:id, :keyId, :tenantId, :action, :target, :status, :at)""")
                .bindMethods(row).execute());
    }

    /** Newest first; every filter optional. */
    public Page<AuditRow> list(String tenant, String keyId, String target, String cursor, int limit) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("tenant_id", tenant);
        filters.put("key_id", keyId);
        filters.put("target", target);
        return NewestFirst.page(jdbi, "audit_log", AuditRow.class, filters, cursor, limit, AuditRow::id);
    }
}
