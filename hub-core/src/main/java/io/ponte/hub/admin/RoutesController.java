package io.ponte.hub.admin;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.ponte.hub.routing.RouteRequest;
import io.ponte.hub.routing.RouteService;

/** {@code /api/v1/routes}. */
final class RoutesController {

    private final RouteService routes;
    private final io.ponte.hub.tenants.TenantService tenants;

    RoutesController(RouteService routes, io.ponte.hub.tenants.TenantService tenants) {
        this.routes = routes;
        this.tenants = tenants;
    }

    void register(JavalinConfig config) {
        config.routes.get("/api/v1/routes", ctx -> {
            io.ponte.hub.security.Principal p = Access.of(ctx);
            ctx.json(Pages.of(ctx, routes.list().stream().filter(r -> p.sees(r.tenant())).toList(),
                    io.ponte.hub.routing.RouteView::id));
        });
        config.routes.post("/api/v1/routes", this::create);
        config.routes.get("/api/v1/routes/{id}", ctx -> ctx.json(visible(ctx)));
        config.routes.put("/api/v1/routes/{id}", this::update);
        config.routes.delete("/api/v1/routes/{id}", ctx -> {
            visible(ctx);
            routes.delete(ctx.pathParam("id"));
            ctx.status(204);
        });
    }

    private io.ponte.hub.routing.RouteView visible(Context ctx) {
        String id = ctx.pathParam("id");
        io.ponte.hub.routing.RouteView v = routes.get(id);
        Access.visible(ctx, v.tenant(), "route", id);
        return v;
    }

    private void create(Context ctx) {
        RouteRequest request = Requests.body(ctx, RouteRequest.class);
        ctx.status(201).json(routes.create(request, tenants.existing(Access.tenantForNew(ctx, request.tenant()))));
    }

    private void update(Context ctx) {
        visible(ctx);
        ctx.json(routes.update(ctx.pathParam("id"), Requests.body(ctx, RouteRequest.class)));
    }
}
