package io.ponte.hub.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.hub.storage.DeliveryRow;
import io.ponte.hub.storage.DeliveryState;
import java.time.Instant;

/** A delivery as the admin API shows it. {@code nextAttemptAt} is set while it waits for an attempt. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DeliveryView(String id, String event, String route, String connection, String action, String status,
                    int attempts, Instant nextAttemptAt, String lastError, String externalRef, JsonNode input,
                    Instant createdAt, Instant updatedAt, Instant deliveredAt) {

    static DeliveryView of(DeliveryRow row, JsonNode input) {
        return new DeliveryView(row.id(), row.eventId(), row.routeId(), row.targetConnection(), row.action(),
                row.status().value(), row.attempts(),
                row.status() == DeliveryState.PENDING ? Instant.ofEpochMilli(row.nextAttemptAt()) : null,
                row.lastError(), row.externalRef(), input, Instant.ofEpochMilli(row.createdAt()),
                Instant.ofEpochMilli(row.updatedAt()), row.deliveredAt() == null ? null
                : Instant.ofEpochMilli(row.deliveredAt()));
    }
}
