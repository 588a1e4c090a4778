package io.ponte.hub.storage;

/** One row of the outbox ({@code deliveries}). {@code input} is the action input JSON. */
public record DeliveryRow(String id, String tenantId, String eventId, String routeId, String targetConnection,
                          String action, String input, String orderingKey, DeliveryState status, int attempts,
                          long nextAttemptAt, String leaseOwner, String lastError, String externalRef,
                          long createdAt, long updatedAt, Long deliveredAt) {

    /** The same row in another state (before it is stored: the state the outbox's queue decided). */
    DeliveryRow withStatus(DeliveryState state) {
        return new DeliveryRow(id, tenantId, eventId, routeId, targetConnection, action, input, orderingKey, state,
                attempts, nextAttemptAt, leaseOwner, lastError, externalRef, createdAt, updatedAt, deliveredAt);
    }
}
