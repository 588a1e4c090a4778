package io.ponte.hub.admin;

import io.javalin.Javalin;

/**
 * The management listener ({@code PONTE_MANAGEMENT_PORT}, on {@code PONTE_MANAGEMENT_HOST}, 127.0.0.1 by default):
 * {@code /metrics} and the health probes without a token, for a Prometheus and an orchestrator that reach the hub
 * from inside. Nothing else is served there.
 */
public final class ManagementServer implements AutoCloseable {

    private final Javalin app;

    public ManagementServer(ApiServer.Parts parts, String host, int port) {
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = 1024; // GETs only
            config.jsonMapper(new ApiServer.JacksonMapper());
            config.jetty.host = host;
            config.jetty.port = port;
            config.routes.before(parts.http()::securityHeaders);
            new OperationsController(parts).register(config, ctx -> { });
            Problems.register(config, 1024);
        });
    }

    public ManagementServer start() {
        app.start();
        return this;
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
