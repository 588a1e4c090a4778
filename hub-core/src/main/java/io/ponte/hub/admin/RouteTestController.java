package io.ponte.hub.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.ponte.api.message.Envelope;
import io.ponte.hub.errors.ValidationException;
import io.ponte.hub.ingress.EventService;
import io.ponte.hub.json.HubJson;
import io.ponte.hub.routing.RouteRequest;
import io.ponte.hub.routing.RouteService;
import io.ponte.hub.routing.RouteView;
import io.ponte.hub.storage.EventRow;
import io.ponte.hub.tenants.TenantService;

/**
 * {@code POST /api/v1/routes/test}: what a route (new or stored) would do with an envelope (stored or given), run by
 * the router's own code; nothing is stored or delivered.
 */
final class RouteTestController {

    private final RouteService routes;
    private final TenantService tenants;
    private final EventService events;

    RouteTestController(RouteService routes, TenantService tenants, EventService events) {
        this.routes = routes;
        this.tenants = tenants;
        this.events = events;
    }

    /** The body: a route or a stored route's id, and a stored event's id or an envelope. */
    record TestRequest(JsonNode route, String routeId, String eventId, JsonNode envelope) {
    }

    void register(JavalinConfig config) {
        config.routes.post("/api/v1/routes/test", this::test);
    }

    private void test(Context ctx) {
        TestRequest body = Requests.body(ctx, TestRequest.class);
        if ((body.route() == null) == (body.routeId() == null)) {
            throw new ValidationException("route", "send either 'route' (a route as for POST /api/v1/routes) or "
                    + "'routeId' (a stored route)");
        }
        if ((body.eventId() == null) == (body.envelope() == null)) {
            throw new ValidationException("eventId", "send either 'eventId' (a stored event) or 'envelope'");
        }
        RouteRequest route;
        String tenant;
        if (body.routeId() != null) {
            RouteView stored = routes.get(body.routeId());
            Access.visible(ctx, stored.tenant(), "route", body.routeId());
            route = routes.definition(body.routeId());
            tenant = stored.tenant();
        } else {
            route = notARoute(ctx, () -> RequestJson.bind(body.route(), RouteRequest.class, "route"));
            if (route == null) {
                return;
            }
            tenant = tenants.existing(Access.tenantForNew(ctx, route.tenant()));
        }
        Envelope envelope;
        if (body.eventId() != null) {
            EventRow row = events.get(body.eventId());
            Access.visible(ctx, row.tenantId(), "event", body.eventId());
            envelope = stored(row);
        } else {
            // a made-up envelope is taken to be the route's tenant's: it names nothing the hub reads
            Envelope e = RequestJson.bind(body.envelope(), Envelope.class, "envelope");
            envelope = new Envelope(e.id(), tenant, e.type(), e.source(), e.externalId(), e.conversation(),
                    e.occurredAt(), e.correlationId(), e.causationId(), e.payload(), e.attributes(), e.hops());
        }
        RouteRequest r = route;
        String t = tenant;
        var trial = notARoute(ctx, () -> routes.test(r, t, envelope));
        if (trial != null) {
            ctx.json(trial);
        }
    }

    /** Runs {@code step}; a route that does not validate is answered 422 (with every bad field) and gives null. */
    private static <T> T notARoute(Context ctx, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (ValidationException e) {
            Problems.send(ctx, new Problem("urn:ponte:problem:invalid-route", "Not a valid route", 422,
                    e.getMessage(), ctx.path(), e.errors()));
            return null;
        }
    }

    private static Envelope stored(EventRow row) {
        try {
            return HubJson.mapper().readValue(row.body(), Envelope.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt envelope JSON in the database: event " + row.id(), e);
        }
    }
}
