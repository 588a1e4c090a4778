package io.ponte.hub.storage;

/** One row of the outbox ({@code deliveries}). {@code input} is the action input JSON. */
public record DeliveryRow(String id, String tenantId, String eventId, String routeId, String targetConnection,
                          String action, String input, String orderingKey, DeliveryState status, int attempts,
                          long nextAttemptAt, String leaseOwner, String lastError, String externalRef,
                          long createdAt, long updatedAt, Long deliveredAt) {

    /**
     * This follow-up, not run because one of the same resource and action waits unstarted and will fetch the latest
     * state anyway: stored finished, outside every queue, saying so.
     */
    DeliveryRow coalesced() {
        return new DeliveryRow(id, tenantId, eventId, routeId, targetConnection, action, input, orderingKey,
                DeliveryState.CANCELLED, attempts, nextAttemptAt, leaseOwner,
                "coalesced: a follow-up of the same resource waits to run and will fetch its latest state",
                externalRef, createdAt, updatedAt, deliveredAt);
    }

    /** The same row in another state (before it is stored: the state the outbox's queue decided). */
    DeliveryRow withStatus(DeliveryState state) {
        return new DeliveryRow(id, tenantId, eventId, routeId, targetConnection, action, input, orderingKey, state,
                attempts, nextAttemptAt, leaseOwner, lastError, externalRef, createdAt, updatedAt, deliveredAt);
    }

    /** The same row as stored in flight: leased to {@code owner} until {@code leaseUntil}, its first attempt counted. */
    DeliveryRow inflight(String owner, long leaseUntil) {
        return new DeliveryRow(id, tenantId, eventId, routeId, targetConnection, action, input, orderingKey,
                DeliveryState.INFLIGHT, attempts + 1, leaseUntil, owner, lastError, externalRef, createdAt, updatedAt,
                deliveredAt);
    }
}
