package io.ponte.hub.storage;

/** One row of the outbox ({@code deliveries}). {@code input} is the action input JSON. */
public record DeliveryRow(String id, String tenantId, String eventId, String routeId, String targetConnection,
                          String action, String input, String orderingKey, String status, int attempts,
                          long nextAttemptAt, String leaseOwner, String lastError, String externalRef,
                          long createdAt, long updatedAt, Long deliveredAt) {

    public static final String PENDING = "pending";
    /** Waiting behind an earlier unfinished delivery of the same ordering key. */
    public static final String QUEUED = "queued";
    public static final String INFLIGHT = "inflight";
    public static final String DELIVERED = "delivered";
    public static final String DEAD = "dead";
    public static final String CANCELLED = "cancelled";
}
