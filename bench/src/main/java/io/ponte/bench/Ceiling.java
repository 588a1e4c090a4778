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
        int port = new Args(argv).port("port");
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true; // as the hub does
            config.jetty.host = "127.0.0.1";
            config.jetty.port = port;
            config.routes.get("/health/ready", ctx -> ctx.result("{\"status\":\"up\"}"));
            config.routes.post("/hooks/{connection}", ctx -> {
                // Parse the whole body to a tree, as the hub must, and look at the field it dedupes on, so the
                // JIT cannot skip the parse.
                JsonNode body = JSON.readTree(ctx.bodyAsBytes());
                if (body == null || !body.hasNonNull("id")) {
                    ctx.status(400).result("{\"error\":\"id is required\"}");
                    return;
                }
                ctx.contentType("application/json").result(RECEIVED);
            });
        });
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "ceiling-stop"));
        app.start();
        System.out.println("{\"ceiling\":\"listening\",\"port\":" + port + "}");
    }
}
