package io.ponte.hub.admin;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.ponte.hub.routing.RouteRequest;
import io.ponte.hub.routing.RouteService;

/** {@code /api/v1/routes}. */
final class RoutesController {

    private final RouteService routes;

    RoutesController(RouteService routes) {
        this.routes = routes;
    }

    void register(JavalinConfig config) {
        config.routes.get("/api/v1/routes", ctx -> ctx.json(new ListResponse<>(routes.list(), null)));
        config.routes.post("/api/v1/routes", this::create);
        config.routes.get("/api/v1/routes/{id}", ctx -> ctx.json(routes.get(ctx.pathParam("id"))));
        config.routes.put("/api/v1/routes/{id}", this::update);
        config.routes.delete("/api/v1/routes/{id}", ctx -> {
            routes.delete(ctx.pathParam("id"));
            ctx.status(204);
        });
    }

    private void create(Context ctx) {
        ctx.status(201).json(routes.create(Requests.body(ctx, RouteRequest.class)));
    }

    private void update(Context ctx) {
        ctx.json(routes.update(ctx.pathParam("id"), Requests.body(ctx, RouteRequest.class)));
    }
}
