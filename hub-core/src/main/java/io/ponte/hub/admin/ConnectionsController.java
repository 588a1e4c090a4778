package io.ponte.hub.admin;

import io.ponte.hub.errors.ValidationException;
import io.ponte.hub.json.HubJson;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.ponte.api.action.ActionResult;
import io.ponte.hub.connections.ActionCall;
import io.ponte.hub.connections.ConnectionRequest;
import io.ponte.hub.connections.ConnectionService;

/** {@code /api/v1/connections}. */
final class ConnectionsController {

    private final ConnectionService connections;
    private final ActionCall actions;
    private final io.ponte.hub.tenants.TenantService tenants;

    ConnectionsController(ConnectionService connections, ActionCall actions, io.ponte.hub.tenants.TenantService tenants) {
        this.connections = connections;
        this.actions = actions;
        this.tenants = tenants;
    }

    /** The connection, if the caller may see it (else 404, as for a missing one). */
    private io.ponte.hub.connections.ConnectionView visible(Context ctx) {
        String id = ctx.pathParam("id");
        io.ponte.hub.connections.ConnectionView v = connections.get(id);
        Access.visible(ctx, v.tenant(), "connection", id);
        return v;
    }

    void register(JavalinConfig config) {
        config.routes.get("/api/v1/connections", this::list);
        config.routes.post("/api/v1/connections", this::create);
        config.routes.get("/api/v1/connections/{id}", this::get);
        config.routes.put("/api/v1/connections/{id}", this::update);
        config.routes.delete("/api/v1/connections/{id}", this::delete);
        config.routes.post("/api/v1/connections/{id}/test", this::test);
        config.routes.post("/api/v1/connections/{id}/actions/{action}", this::invoke);
    }

    /** What an action did: {@code delivered}, {@code retry} (try again later) or {@code failed}. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record ActionOutcome(String outcome, String externalRef, JsonNode output, String reason, Long retryAfterSeconds) {
        static ActionOutcome of(ActionResult r) {
            return switch (r) {
                case ActionResult.Delivered d -> new ActionOutcome("delivered", d.externalRef(), d.output(), null, null);
                case ActionResult.Retry t -> new ActionOutcome("retry", null, null, t.reason(),
                        t.after() == null ? null : Math.max(1, t.after().toSeconds()));
                case ActionResult.Failed f -> new ActionOutcome("failed", null, null, f.reason(), null);
            };
        }
    }

    private void invoke(Context ctx) {
        JsonNode input = ctx.bodyAsBytes().length == 0 ? HubJson.mapper().createObjectNode()
                : Requests.body(ctx, JsonNode.class);
        visible(ctx);
        String key = ctx.header("Idempotency-Key");
        if (key != null && (key.isBlank() || key.length() > 200 || !key.chars().allMatch(c -> c > 32 && c < 127))) {
            throw new ValidationException("Idempotency-Key", "must be 1 to 200 printable ASCII characters without "
                    + "spaces");
        }
        ActionResult r = actions.invoke(ctx.pathParam("id"), ctx.pathParam("action"), input, null, key);
        ctx.json(ActionOutcome.of(r));
    }

    private void list(Context ctx) {
        io.ponte.hub.security.Principal p = Access.of(ctx);
        String connector = ctx.queryParam("connector");
        ctx.json(Pages.of(ctx, connections.list().stream().filter(c -> p.sees(c.tenant()))
                .filter(c -> connector == null || c.connector().equals(connector)).toList(),
                io.ponte.hub.connections.ConnectionView::id));
    }

    private void create(Context ctx) {
        ConnectionRequest request = Requests.body(ctx, ConnectionRequest.class);
        ctx.status(201).json(connections.create(request, tenants.existing(Access.tenantForNew(ctx, request.tenant())),
                !Access.of(ctx).admin()));
    }

    private void get(Context ctx) {
        ctx.json(visible(ctx));
    }

    private void update(Context ctx) {
        visible(ctx);
        ctx.json(connections.update(ctx.pathParam("id"), Requests.body(ctx, ConnectionRequest.class),
                !Access.of(ctx).admin()));
    }

    /** The connector's own check against the provider. */
    record TestResult(String status, String detail, java.time.Instant checkedAt) {
    }

    private void test(Context ctx) {
        visible(ctx);
        io.ponte.api.connector.Health h = connections.test(ctx.pathParam("id"));
        ctx.json(new TestResult(h.status().wire(), h.detail(), java.time.Instant.now()));
    }

    private void delete(Context ctx) {
        visible(ctx);
        connections.delete(ctx.pathParam("id"));
        ctx.status(204);
    }
}
