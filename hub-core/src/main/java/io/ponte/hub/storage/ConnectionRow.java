package io.ponte.hub.storage;

/**
 * One row of {@code connections}. {@code config} holds the non-secret fields as JSON, {@code secrets} the secret
 * ones as an encrypted blob, {@code settings} the hub's own per-connection settings (retry schedule, timeout).
 */
public record ConnectionRow(String id, String tenantId, String name, String connector, String config,
                            String secrets, String settings, boolean enabled, long createdAt, long updatedAt) {
}
