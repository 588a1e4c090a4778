package io.ponte.hub.testing;

import io.ponte.hub.json.HubJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.hub.Hub;
import io.ponte.hub.config.ConfigLoader;
import io.ponte.hub.config.HubConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;

/**
 * The real hub, in-process on a random port, and an HTTP client for it. Build with {@link #builder()}; close to
 * stop. {@link #restart()} stops and starts it again on the same data dir and database.
 */
public final class TestHub implements AutoCloseable {

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<String, String> env;
    private final List<ConnectorFactory> builtIns;
    private final Path dataDir;
    private final ManualClock clock;
    private Hub hub;

    private TestHub(Map<String, String> env, List<ConnectorFactory> builtIns, Path dataDir, ManualClock clock) {
        this.env = env;
        this.builtIns = builtIns;
        this.dataDir = dataDir;
        this.clock = clock;
        start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options; everything has a test default (random port, temp data dir, H2, no plugins dir). */
    public static final class Builder {
        private final Map<String, String> env = new HashMap<>();
        private List<ConnectorFactory> builtIns = List.of();
        private TestDatabase database = TestDatabase.h2();
        private Path dataDir;
        private ManualClock clock;

        /** Runs the hub on time the test moves on by hand (else on the system's). */
        public Builder clock(ManualClock manual) {
            this.clock = manual;
            return this;
        }

        public Builder database(TestDatabase db) {
            this.database = db;
            return this;
        }

        public Builder pluginsDir(Path dir) {
            env.put("PONTE_PLUGINS_DIR", dir.toString());
            return this;
        }

        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        public Builder connectors(ConnectorFactory... factories) {
            this.builtIns = List.of(factories);
            return this;
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public TestHub start() {
            try {
                Path dir = dataDir != null ? dataDir : Files.createTempDirectory("ponte-test-");
                env.put("PONTE_DATA_DIR", dir.toString());
                env.putIfAbsent("PONTE_HTTP_PORT", "0");
                env.putIfAbsent("PONTE_HTTP_HOST", "127.0.0.1");
                env.putIfAbsent("PONTE_ADMIN_TOKEN", ADMIN_TOKEN);
                env.putIfAbsent("PONTE_PLUGINS_DIR", dir.resolve("no-plugins").toString());
                env.putIfAbsent("PONTE_DISPATCH_POLL_INTERVAL_MS", "50");
                String url = database.freshUrl(dir);
                if (url != null) {
                    env.put("PONTE_DB_URL", url);
                }
                return new TestHub(env, builtIns, dir, clock);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void start() {
        HubConfig config = ConfigLoader.load(env, null);
        hub = clock == null ? Hub.start(config, builtIns) : Hub.start(config, builtIns, clock, clock::nanoTime);
    }

    public void restart() {
        restart(config -> { });
    }

    /** Stops the hub, runs {@code whileStopped} with its config (an offline command), starts it again. */
    public void restart(java.util.function.Consumer<HubConfig> whileStopped) {
        hub.close();
        whileStopped.accept(ConfigLoader.load(env, null));
        start();
    }

    /** Stops the hub and starts it again on the same data with one setting changed (as an operator would). */
    public void restartWith(String name, String value) {
        hub.close();
        env.put(name, value);
        start();
    }

    /** The database URL in use (null for the default H2 file). */
    public String dbUrl() {
        return env.get("PONTE_DB_URL");
    }

    public Path dataDir() {
        return dataDir;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + hub.port();
    }

    public int port() {
        return hub.port();
    }

    /** The management listener's address of {@code path} ({@code PONTE_MANAGEMENT_PORT} must be set). */
    public URI managementUri(String path) {
        return URI.create("http://127.0.0.1:" + hub.managementPort().orElseThrow() + path);
    }

    public List<String> endpoints() {
        return hub.endpoints();
    }

    /** An HTTP answer with its body parsed as JSON when it is JSON. */
    public record Response(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return HubJson.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /** The value of a metric in {@code /metrics} (the first series of that name); fails when it is not there. */
    public double metric(String name) {
        return metric(get("/metrics").body(), name);
    }

    /**
     * The value of a metric in one scrape of {@code /metrics} ({@code name} with or without its labels; the first
     * series of that name): to compare two scrapes taken around some work. Fails when it is not there.
     */
    public static double metric(String text, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + java.util.regex.Pattern.quote(name)
                + "(?:\\{[^}]*\\})? (\\S+)$").matcher(text);
        if (!m.find()) {
            throw new AssertionError(name + " is not among the metrics");
        }
        return Double.parseDouble(m.group(1));
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().header("Authorization", "Bearer " + ADMIN_TOKEN));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE().header("Authorization", "Bearer " + ADMIN_TOKEN));
    }

    public Response post(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(json(body)))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + ADMIN_TOKEN));
    }

    public Response put(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(json(body)))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + ADMIN_TOKEN));
    }

    /** POSTs a webhook body to {@code /hooks/<connectionId>} with extra headers (name, value, ...), no auth. */
    public Response hook(String connectionId, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/hooks/" + connectionId))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    /** All deliveries (newest first) as JSON items, following cursors. */
    public java.util.List<JsonNode> deliveries(String query) {
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        String cursor = null;
        do {
            Response r = get("/api/v1/deliveries?limit=500" + (query.isEmpty() ? "" : "&" + query)
                    + (cursor == null ? "" : "&cursor=" + cursor));
            if (r.status() != 200) {
                throw new AssertionError("listing deliveries failed: " + r.status() + " " + r.body());
            }
            r.json().get("items").forEach(out::add);
            cursor = r.json().hasNonNull("nextCursor") ? r.json().get("nextCursor").asText() : null;
        } while (cursor != null);
        return out;
    }

    /** All events (newest first), following cursors. */
    public java.util.List<JsonNode> events(String query) {
        java.util.List<JsonNode> out = new java.util.ArrayList<>();
        String cursor = null;
        do {
            Response r = get("/api/v1/events?limit=500" + (query.isEmpty() ? "" : "&" + query)
                    + (cursor == null ? "" : "&cursor=" + cursor));
            if (r.status() != 200) {
                throw new AssertionError("listing events failed: " + r.status() + " " + r.body());
            }
            r.json().get("items").forEach(out::add);
            cursor = r.json().hasNonNull("nextCursor") ? r.json().get("nextCursor").asText() : null;
        } while (cursor != null);
        return out;
    }

    /** A request as the holder of {@code token} (an API key) would send it; {@code body} JSON or null. */
    public Response call(String token, String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b);
    }

    /** A raw request: no auth header unless given. */
    public Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    /** Creates a connection and returns its id (fails the test on anything but 201). */
    public String createConnection(String connector, String name, Object config) {
        ObjectNode body = HubJson.mapper().createObjectNode();
        body.put("connector", connector).put("name", name).set("config", HubJson.mapper().valueToTree(config));
        Response r = post("/api/v1/connections", body);
        if (r.status() != 201) {
            throw new AssertionError("creating connection failed: " + r.status() + " " + r.body());
        }
        return r.json().get("id").asText();
    }

    /** Creates a route from a JSON text and returns its id. */
    public String createRoute(String json) {
        Response r = post("/api/v1/routes", parse(json));
        if (r.status() != 201) {
            throw new AssertionError("creating route failed: " + r.status() + " " + r.body());
        }
        return r.json().get("id").asText();
    }

    /**
     * Creates a route that relays every inbound message of {@code from} to {@code to} ({@code message.send} to the
     * sender's address, with its text) and returns its id.
     */
    public String createRelay(String from, String to) {
        return createRoute("""
                {"name":"relay","match":{"source":"%s","type":"message.inbound"},
                 "actions":[{"target":"%s","action":"message.send",
                             "input":{"to":"{{payload.from.address}}","text":"{{payload.content.text}}"}}]}
                """.formatted(from, to));
    }

    public static JsonNode parse(String json) {
        try {
            return HubJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String json(Object body) {
        if (body instanceof String s) {
            return s;
        }
        try {
            return HubJson.mapper().writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Polls until the condition holds (every 20 ms, up to {@code timeout}); fails with {@code what} otherwise. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        Awaitility.await(what).atMost(timeout).pollInSameThread().pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .until(condition::getAsBoolean);
    }

    @Override
    public void close() {
        if (hub != null) {
            hub.close();
        }
    }
}
