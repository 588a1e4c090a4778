package io.ponte.hub.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.hub.storage.EventRow;
import java.time.Instant;
import java.util.List;

/** An event as the admin API shows it: the stored envelope plus what routing made of it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EventView(String id, String connection, String type, String externalId, String conversation,
                 Instant receivedAt, int deliveryCount, String routeError, JsonNode envelope,
                 List<DeliveryView> deliveries) {

    static EventView of(EventRow row, JsonNode envelope, List<DeliveryView> deliveries) {
        return new EventView(row.id(), row.connectionId(), row.type(), row.externalId(), row.conversation(),
                Instant.ofEpochMilli(row.receivedAt()), row.deliveries(), row.routeError(), envelope, deliveries);
    }
}
