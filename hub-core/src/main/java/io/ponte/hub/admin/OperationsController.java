package io.ponte.hub.admin;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health/live}, {@code /health/ready} and {@code /metrics}: what probes and Prometheus read. Served on the
 * public port, where metrics (they name every tenant's connections) need an admin-scope key, and without a token on
 * the management listener ({@code PONTE_MANAGEMENT_PORT}).
 */
final class OperationsController {

    private final ApiServer.Parts parts;

    OperationsController(ApiServer.Parts parts) {
        this.parts = parts;
    }

    /** @param metricsAccess runs before metrics are served: the admin check, or nothing on the management listener */
    void register(JavalinConfig config, Handler metricsAccess) {
        config.routes.get("/health/live", ctx -> ctx.json(Map.of("status", "up")));
        config.routes.get("/health/ready", this::ready);
        config.routes.get("/metrics", ctx -> {
            metricsAccess.handle(ctx);
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(parts.metrics().scrape());
        });
    }

    private void ready(Context ctx) {
        boolean db = parts.database().reachable();
        // the database answers a probe but refuses the inbox's commits (a full disk, a broken table): the requests
        // answered meanwhile wait in the journal, and a balancer should send new ones to another node
        boolean inbox = parts.ingress().storing();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", db && inbox ? "up" : "down");
        body.put("database", db ? "up" : "down");
        body.put("inbox", inbox ? "up" : "retrying");
        body.put("plugins", parts.plugins().plugins().stream().filter(p -> p.state().equals("started")).count());
        body.put("connectors", parts.registry().all().size());
        ctx.status(db && inbox ? 200 : 503).json(body);
    }
}
