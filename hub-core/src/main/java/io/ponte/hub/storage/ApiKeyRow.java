package io.ponte.hub.storage;

/** One row of {@code api_keys}; {@code tenantId} null is admin scope. */
public record ApiKeyRow(String id, String name, String tenantId, String role, String tokenSha256, Long expiresAt,
                        Long revokedAt, long createdAt) {
}
