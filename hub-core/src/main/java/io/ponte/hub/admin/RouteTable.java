package io.ponte.hub.admin;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.servlet.JavalinServletContext;
import io.javalin.router.InternalRouter;
import io.javalin.router.ParsedEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What Javalin answers on its own and gets wrong for us: a {@code HEAD} where a {@code GET} exists is 200 without
 * running anything (so {@code HEAD /hooks/<unknown>} said 200), and a plain {@code OPTIONS} has no answer. Here a HEAD
 * runs the GET handler (Jetty drops the body), and OPTIONS can list a path's methods.
 */
final class RouteTable {

    private final Supplier<InternalRouter> router;

    /** @param router the app's router, read at request time (the app exists once its config has run) */
    RouteTable(Supplier<InternalRouter> router) {
        this.router = router;
    }

    /** Registers the HEAD handler for every path. */
    void register(io.javalin.config.JavalinConfig config) {
        config.routes.head("/*", this::head);
    }

    /** The endpoint {@link #register} adds, which is machinery, not an operation of the API. */
    static boolean isMachinery(String endpoint) {
        return endpoint.equals("HEAD /*");
    }

    /** The methods a path answers, HEAD with GET and OPTIONS included; empty for an unknown path. */
    List<String> methods(String path) {
        List<String> methods = new ArrayList<>();
        for (HandlerType type : HandlerType.values()) {
            if (type.isHttpMethod() && type != HandlerType.HEAD && type != HandlerType.OPTIONS
                    && router.get().findFirstHttpHandlerEntry(type, path) != null) {
                methods.add(type.name());
            }
        }
        if (methods.contains("GET")) {
            methods.add(methods.indexOf("GET") + 1, "HEAD");
        }
        if (!methods.isEmpty()) {
            methods.add("OPTIONS");
        }
        return methods;
    }

    private void head(Context ctx) {
        ParsedEndpoint get = router.get().findFirstHttpHandlerEntry(HandlerType.GET, ctx.path());
        if (get == null) {
            throw new NotFoundResponse("Endpoint HEAD " + ctx.path() + " not found");
        }
        get.handle((JavalinServletContext) ctx, ctx.path());
    }
}
