package io.ponte.hub.storage;

/** One row of {@code routes}; {@code definition} is the route's match and actions as JSON. */
public record RouteRow(String id, String tenantId, String name, int priority, boolean enabled, String definition,
                       long createdAt, long updatedAt) {
}
