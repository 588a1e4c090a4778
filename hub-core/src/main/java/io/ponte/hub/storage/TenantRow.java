package io.ponte.hub.storage;

/** One row of {@code tenants}. */
public record TenantRow(String id, String name, long createdAt, long updatedAt) {
}
