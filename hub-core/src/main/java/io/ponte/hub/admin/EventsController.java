package io.ponte.hub.admin;

import io.ponte.hub.json.HubJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.ponte.hub.errors.ConflictException;
import io.ponte.hub.errors.NotFoundException;
import io.ponte.hub.errors.ValidationException;
import io.ponte.hub.storage.DeliveryRow;
import io.ponte.hub.storage.DeliveryStore;
import io.ponte.hub.storage.EventRow;
import io.ponte.hub.storage.EventStore;
import io.ponte.hub.storage.Page;
import java.time.Clock;
import java.util.List;

/** {@code /api/v1/events} and {@code /api/v1/deliveries}: what came in and what went out. */
final class EventsController {

    private static final List<String> STATUSES = List.of(DeliveryRow.QUEUED, DeliveryRow.PENDING, DeliveryRow.INFLIGHT,
            DeliveryRow.DELIVERED, DeliveryRow.DEAD, DeliveryRow.CANCELLED);

    private final EventStore events;
    private final DeliveryStore deliveries;
    private final Clock clock;
    private final Runnable wakeDispatcher;

    EventsController(EventStore events, DeliveryStore deliveries, Clock clock, Runnable wakeDispatcher) {
        this.events = events;
        this.deliveries = deliveries;
        this.clock = clock;
        this.wakeDispatcher = wakeDispatcher;
    }

    void register(JavalinConfig config) {
        config.routes.get("/api/v1/events", this::listEvents);
        config.routes.get("/api/v1/events/{id}", this::getEvent);
        config.routes.get("/api/v1/deliveries", this::listDeliveries);
        config.routes.get("/api/v1/deliveries/{id}", this::getDelivery);
        config.routes.post("/api/v1/deliveries/{id}/retry", this::retry);
        config.routes.post("/api/v1/deliveries/{id}/cancel", this::cancel);
        config.routes.post("/api/v1/deliveries/retry", this::retryDead);
        config.routes.post("/api/v1/deliveries/cancel", this::cancelMany);
    }

    private void listEvents(Context ctx) {
        Page<EventRow> page = events.list(Access.tenantFilter(ctx), ctx.queryParam("connection"), ctx.queryParam("type"),
                ctx.queryParam("cursor"), Requests.limit(ctx));
        ctx.json(new ListResponse<>(page.items().stream().map(r -> EventView.of(r, json(r.body()), null)).toList(),
                page.nextCursor()));
    }

    private void getEvent(Context ctx) {
        String id = ctx.pathParam("id");
        EventRow row = events.get(id).orElseThrow(() -> new NotFoundException("event", id));
        Access.visible(ctx, row.tenantId(), "event", id);
        List<DeliveryView> ds = deliveries.list(null, null, null, null, id, null, 500).items().stream()
                .map(d -> DeliveryView.of(d, json(d.input()))).toList();
        ctx.json(EventView.of(row, json(row.body()), ds));
    }

    private void listDeliveries(Context ctx) {
        Page<DeliveryRow> page = deliveries.list(Access.tenantFilter(ctx), Requests.oneOf(ctx, "status", STATUSES),
                ctx.queryParam("route"),
                ctx.queryParam("connection"), ctx.queryParam("event"), ctx.queryParam("cursor"), Requests.limit(ctx));
        ctx.json(new ListResponse<>(page.items().stream().map(d -> DeliveryView.of(d, json(d.input()))).toList(),
                page.nextCursor()));
    }

    /** The delivery, if the caller may see it (else 404, as for a missing one). */
    private DeliveryRow visibleDelivery(Context ctx) {
        String id = ctx.pathParam("id");
        DeliveryRow row = deliveries.get(id).orElseThrow(() -> new NotFoundException("delivery", id));
        Access.visible(ctx, row.tenantId(), "delivery", id);
        return row;
    }

    private void getDelivery(Context ctx) {
        DeliveryRow row = visibleDelivery(ctx);
        ctx.json(DeliveryView.of(row, json(row.input())));
    }

    private void retry(Context ctx) {
        String id = ctx.pathParam("id");
        DeliveryRow row = visibleDelivery(ctx);
        if (!deliveries.retry(id, clock.millis())) {
            throw new ConflictException("delivery " + id + " is " + row.status() + "; only dead deliveries can be retried");
        }
        wakeDispatcher.run();
        DeliveryRow now = deliveries.get(id).orElseThrow(() -> new NotFoundException("delivery", id));
        ctx.status(202).json(DeliveryView.of(now, json(now.input())));
    }

    /** The filters of a bulk retry or cancel. */
    record BulkRequest(String route, String connection, java.time.Instant createdSince, java.time.Instant createdUntil,
                       Integer limit) {
        DeliveryStore.Selection selection(String tenant) {
            if (route == null && connection == null && createdSince == null && createdUntil == null) {
                throw new ValidationException("body", "name at least one of route, connection, createdSince, "
                        + "createdUntil: a bulk operation on every delivery is refused");
            }
            if (limit != null && (limit < 1 || limit > 1000)) {
                throw new ValidationException("limit", "must be between 1 and 1000");
            }
            return new DeliveryStore.Selection(tenant, route, connection,
                    createdSince == null ? null : createdSince.toEpochMilli(),
                    createdUntil == null ? null : createdUntil.toEpochMilli(), limit == null ? 1000 : limit);
        }
    }

    private void retryDead(Context ctx) {
        int n = deliveries.retryDead(Requests.body(ctx, BulkRequest.class).selection(Access.tenantFilter(ctx)), clock.millis());
        if (n > 0) {
            wakeDispatcher.run();
        }
        ctx.json(java.util.Map.of("retried", n));
    }

    private void cancelMany(Context ctx) {
        ctx.json(java.util.Map.of("cancelled", deliveries.cancel(Requests.body(ctx, BulkRequest.class).selection(Access.tenantFilter(ctx)),
                clock.millis())));
    }

    private void cancel(Context ctx) {
        String id = ctx.pathParam("id");
        DeliveryRow row = visibleDelivery(ctx);
        if (!deliveries.cancel(id, clock.millis())) {
            throw new ConflictException("delivery " + id + " is " + row.status() + "; only pending or queued "
                    + "deliveries can be cancelled");
        }
        wakeDispatcher.run();
        DeliveryRow now = deliveries.get(id).orElseThrow(() -> new NotFoundException("delivery", id));
        ctx.json(DeliveryView.of(now, json(now.input())));
    }

    private static JsonNode json(String text) {
        try {
            return HubJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            return HubJson.mapper().getNodeFactory().textNode(text);
        }
    }
}
