package io.ponte.hub.admin;

import io.ponte.hub.json.HubJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.ponte.hub.dispatch.DeliveryService;
import io.ponte.hub.ingress.EventService;
import io.ponte.hub.storage.DeliveryRow;
import io.ponte.hub.storage.EventRow;
import io.ponte.hub.storage.Page;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/events} and {@code /api/v1/deliveries}: what came in and what went out. */
final class EventsController {

    private final EventService events;
    private final DeliveryService deliveries;

    EventsController(EventService events, DeliveryService deliveries) {
        this.events = events;
        this.deliveries = deliveries;
    }

    void register(JavalinConfig config) {
        config.routes.get("/api/v1/events", this::listEvents);
        config.routes.get("/api/v1/events/{id}", this::getEvent);
        config.routes.get("/api/v1/deliveries", this::listDeliveries);
        config.routes.get("/api/v1/deliveries/{id}", ctx -> ctx.json(view(visibleDelivery(ctx))));
        config.routes.post("/api/v1/deliveries/{id}/retry", ctx -> {
            visibleDelivery(ctx);
            ctx.status(202).json(view(deliveries.retry(ctx.pathParam("id"))));
        });
        config.routes.post("/api/v1/deliveries/{id}/cancel", ctx -> {
            visibleDelivery(ctx);
            ctx.json(view(deliveries.cancel(ctx.pathParam("id"))));
        });
        config.routes.post("/api/v1/deliveries/retry", ctx -> ctx.json(Map.of("retried",
                deliveries.retryDead(Access.tenantFilter(ctx), Requests.body(ctx, DeliveryService.Bulk.class)))));
        config.routes.post("/api/v1/deliveries/cancel", ctx -> ctx.json(Map.of("cancelled",
                deliveries.cancel(Access.tenantFilter(ctx), Requests.body(ctx, DeliveryService.Bulk.class)))));
    }

    private void listEvents(Context ctx) {
        Page<EventRow> page = events.list(Access.tenantFilter(ctx), ctx.queryParam("connection"), ctx.queryParam("type"),
                ctx.queryParam("cursor"), Requests.limit(ctx));
        ctx.json(new ListResponse<>(page.items().stream().map(r -> EventView.of(r, json(r.body()), null)).toList(),
                page.nextCursor()));
    }

    private void getEvent(Context ctx) {
        String id = ctx.pathParam("id");
        EventRow row = events.get(id);
        Access.visible(ctx, row.tenantId(), "event", id);
        List<DeliveryView> ds = deliveries.list(null, null, null, null, id, null, 500).items().stream()
                .map(this::view).toList();
        ctx.json(EventView.of(row, json(row.body()), ds));
    }

    private void listDeliveries(Context ctx) {
        Page<DeliveryRow> page = deliveries.list(Access.tenantFilter(ctx),
                Requests.oneOf(ctx, "status", DeliveryService.STATUSES), ctx.queryParam("route"),
                ctx.queryParam("connection"), ctx.queryParam("event"), ctx.queryParam("cursor"), Requests.limit(ctx));
        ctx.json(new ListResponse<>(page.items().stream().map(this::view).toList(), page.nextCursor()));
    }

    /** The delivery, if the caller may see it (else 404, as for a missing one). */
    private DeliveryRow visibleDelivery(Context ctx) {
        String id = ctx.pathParam("id");
        DeliveryRow row = deliveries.get(id);
        Access.visible(ctx, row.tenantId(), "delivery", id);
        return row;
    }

    private DeliveryView view(DeliveryRow row) {
        return DeliveryView.of(row, json(row.input()));
    }

    /** Stored JSON as a tree; text that is not JSON as a string (never lost for being malformed). */
    static JsonNode json(String text) {
        try {
            return HubJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            return HubJson.mapper().getNodeFactory().textNode(text);
        }
    }
}
