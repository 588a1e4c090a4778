package io.ponte.hub.storage;

/** One row of the inbox ({@code events}). {@code body} is the envelope JSON. */
public record EventRow(String id, String tenantId, String connectionId, String type, String externalId,
                       String conversation, String correlationId, String causationId, long occurredAt,
                       long receivedAt, String body, int deliveries, String routeError) {
}
