package io.ponte.hub.storage;

/** One row of {@code audit_log}: who ({@code keyId}), what ({@code action}: method and route), on what, with what result. */
public record AuditRow(String id, String keyId, String tenantId, String action, String target, int status, long at) {
}
