package io.ponte.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;

/**
 * The machine's ceiling for "HTTP + JSON parse": a bare Javalin server doing what the hub's webhook endpoint does
 * minus everything Ponte adds (validation, envelope, group commit, routing). It runs with the same Javalin version
 * and the same virtual-thread setting as the hub, so the ratio hub ÷ ceiling isolates Ponte's own cost.
 *
 * <p>Usage: {@code java -cp ... io.ponte.bench.Ceiling --port=N}. Answers {@code POST /hooks/{id}} with
 * {@code 200 {"received":1}} and {@code GET /health/ready} with 200.
 */
public final class Ceiling {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RECEIVED = "{\"received\":1}";

    private Ceiling() {
    }

    public static void main(String[] argv) {
        Javalin app = webhookServer(new Args(argv).port("port"), body -> { });
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "ceiling-stop"));
        app.start();
        System.out.println("{\"ceiling\":\"listening\",\"port\":" + app.port() + "}");
    }

    /** What a peer does with a parsed webhook before answering {@code 200 {"received":1}}; may throw to fail it. */
    @FunctionalInterface
    interface OnWebhook {
        void accept(JsonNode body) throws Exception;
    }

    /**
     * A Javalin server on 127.0.0.1 as the bench's peers run it: virtual threads (as the hub), {@code GET
     * /health/ready}, and {@code POST /hooks/{connection}} that parses the whole body to a tree (as the hub must),
     * answers 400 without an {@code id} (so the JIT cannot skip the parse), hands it to {@code onWebhook} and answers
     * {@code 200 {"received":1}}. Not started.
     */
    static Javalin webhookServer(int port, OnWebhook onWebhook) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true; // as the hub does: a blocking call parks a virtual thread
            config.jetty.host = "127.0.0.1";
            config.jetty.port = port;
            config.routes.get("/health/ready", ctx -> ctx.result("{\"status\":\"up\"}"));
            config.routes.post("/hooks/{connection}", ctx -> {
                JsonNode body = JSON.readTree(ctx.bodyAsBytes());
                if (body == null || !body.hasNonNull("id")) {
                    ctx.status(400).result("{\"error\":\"id is required\"}");
                    return;
                }
                onWebhook.accept(body);
                ctx.contentType("application/json").result(RECEIVED);
            });
        });
    }
}
