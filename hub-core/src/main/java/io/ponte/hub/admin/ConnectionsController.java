package io.ponte.hub.admin;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.ponte.hub.connections.ConnectionRequest;
import io.ponte.hub.connections.ConnectionService;

/** {@code /api/v1/connections}. */
final class ConnectionsController {

    private final ConnectionService connections;

    ConnectionsController(ConnectionService connections) {
        this.connections = connections;
    }

    void register(JavalinConfig config) {
        config.routes.get("/api/v1/connections", this::list);
        config.routes.post("/api/v1/connections", this::create);
        config.routes.get("/api/v1/connections/{id}", this::get);
        config.routes.put("/api/v1/connections/{id}", this::update);
        config.routes.delete("/api/v1/connections/{id}", this::delete);
        config.routes.post("/api/v1/connections/{id}/test", this::test);
    }

    private void list(Context ctx) {
        ctx.json(new ListResponse<>(connections.list(), null));
    }

    private void create(Context ctx) {
        ctx.status(201).json(connections.create(Requests.body(ctx, ConnectionRequest.class)));
    }

    private void get(Context ctx) {
        ctx.json(connections.get(ctx.pathParam("id")));
    }

    private void update(Context ctx) {
        ctx.json(connections.update(ctx.pathParam("id"), Requests.body(ctx, ConnectionRequest.class)));
    }

    /** The connector's own check against the provider. */
    record TestResult(String status, String detail, java.time.Instant checkedAt) {
    }

    private void test(Context ctx) {
        io.ponte.api.connector.Health h = connections.test(ctx.pathParam("id"));
        ctx.json(new TestResult(h.status().name().toLowerCase(java.util.Locale.ROOT), h.detail(), java.time.Instant.now()));
    }

    private void delete(Context ctx) {
        connections.delete(ctx.pathParam("id"));
        ctx.status(204);
    }
}
