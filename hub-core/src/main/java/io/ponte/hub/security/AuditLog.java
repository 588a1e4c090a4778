package io.ponte.hub.security;

import io.ponte.hub.storage.AuditRow;
import io.ponte.hub.storage.AuditStore;
import io.ponte.hub.storage.Ids;
import io.ponte.hub.storage.Page;
import java.time.Clock;

/**
 * Who changed what: one entry per admin mutation, with the key that made it, the route, the target id and the
 * status; never a body (so never a secret). Thread-safe; a failed write is thrown to the caller.
 */
public final class AuditLog {

    private final AuditStore audit;
    private final Clock clock;

    public AuditLog(AuditStore audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @param tenant the key's tenant, null for admin scope
     * @param action the method and route template, e.g. {@code POST /api/v1/routes}
     * @param target the id acted on, or null
     */
    public void record(String keyId, String tenant, String action, String target, int status) {
        audit.append(new AuditRow(Ids.next("aud"), keyId, tenant, action, target, status, clock.millis()));
    }

    /** Newest first; every filter optional ({@code tenant} null: every tenant's). */
    public Page<AuditRow> list(String tenant, String keyId, String target, String cursor, int limit) {
        return audit.list(tenant, keyId, target, cursor, limit);
    }
}
