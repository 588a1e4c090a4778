package io.ponte.plugins.instagram.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ponte.api.message.MessageJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local fake of the Graph API endpoints the {@code instagram} connector calls, speaking Meta's wire format:
 * <ul>
 *   <li>{@code POST /v21.0/{igUserId}/messages} (also {@code /me/messages}): the Send API. Answers
 *       {@code {"recipient_id","message_id"}} ({@code {"recipient_id"}} alone for a {@code sender_action}); 400 with
 *       the Graph error envelope for a missing recipient, a missing message or a text over 1000 bytes.</li>
 *   <li>{@code GET /v21.0/{igUserId}?fields=id,username}: the account ({@code {"id","username"}}).</li>
 *   <li>Every request needs {@code Authorization: Bearer <accessToken>} (or {@code ?access_token=}): without one it
 *       answers Meta's code 104, with a wrong one code 190 ({@code Invalid OAuth access token}); an unknown account
 *       id gets code 100 / subcode 33, an unknown path code 2500.</li>
 * </ul>
 * It records every request, and a test can script the next answers ({@link #enqueue}, {@link #failNext},
 * {@link #rateLimitNext}, {@link #delayNext}), consumed first in, first out by whatever request comes next.
 * Thread-safe. Typical use:
 * <pre>{@code
 * try (FakeInstagramApi fake = new FakeInstagramApi().start()) {
 *     // connection config: {"igUserId": fake.igUserId(), "accessToken": fake.accessToken(), ...,
 *     //                     "apiBaseUrl": fake.baseUrl()}
 *     fake.failNext(400, 10, 2534022, "(#10) This message is sent outside of allowed window.");
 *     ...
 *     List<JsonNode> sent = fake.sentMessages();
 * }
 * }</pre>
 */
public final class FakeInstagramApi implements AutoCloseable {

    /** The Graph API version in {@link #baseUrl()}. */
    public static final String VERSION = "v21.0";
    /** The account id used by {@link #FakeInstagramApi()}. */
    public static final String DEFAULT_IG_USER_ID = "17841400000000001";
    /** The token used by {@link #FakeInstagramApi()}. */
    public static final String DEFAULT_ACCESS_TOKEN = "IGAAFakeInstagramToken0001";

    /**
     * One recorded request.
     *
     * @param method  the HTTP method
     * @param path    the decoded path, e.g. {@code /v21.0/17841400000000001/messages}
     * @param query   the decoded query parameters (first value of each)
     * @param headers the headers, names lower case
     * @param body    the raw body
     */
    public record RecordedRequest(String method, String path, Map<String, String> query,
                                  Map<String, List<String>> headers, byte[] body) {

        /** The first value of a header (case-insensitive), or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** The body as UTF-8 text. */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body as JSON, or null when it is empty or not JSON. */
        public JsonNode bodyJson() {
            return FakeInstagramApi.json(body);
        }
    }

    /**
     * A scripted answer.
     *
     * @param status  the HTTP status
     * @param body    the body (JSON text), or empty
     * @param headers extra response headers
     * @param delay   how long to wait before answering (to provoke client timeouts)
     */
    public record Scripted(int status, String body, Map<String, String> headers, Duration delay) {
        /** Copies; nulls mean none. */
        public Scripted {
            body = body == null ? "" : body;
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            delay = delay == null ? Duration.ZERO : delay;
        }
    }

    private final String igUserId;
    private final String accessToken;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<JsonNode> delivered = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Scripted> script = new ConcurrentLinkedQueue<>();
    private final GraphBehaviour behaviour;
    private volatile String username = "ponte.shop";
    private HttpServer server;
    private ExecutorService executor;

    /** A fake for {@link #DEFAULT_IG_USER_ID} and {@link #DEFAULT_ACCESS_TOKEN}; call {@link #start()}. */
    public FakeInstagramApi() {
        this(DEFAULT_IG_USER_ID, DEFAULT_ACCESS_TOKEN);
    }

    /**
     * A fake for this account and token; call {@link #start()}.
     *
     * @param igUserId    the account id the plugin must use in paths
     * @param accessToken the bearer token it must send
     */
    public FakeInstagramApi(String igUserId, String accessToken) {
        this.igUserId = Objects.requireNonNull(igUserId, "igUserId");
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
        this.behaviour = new GraphBehaviour(igUserId, accessToken);
    }

    /** Starts listening on a random port of 127.0.0.1; returns this. */
    public synchronized FakeInstagramApi start() {
        if (server != null) {
            return this;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    /** The base URL to configure as the connection's {@code apiBaseUrl}, e.g. {@code http://127.0.0.1:4711/v21.0}. */
    public String baseUrl() {
        if (server == null) {
            throw new IllegalStateException("call start() first");
        }
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + VERSION;
    }

    /** The account id this fake serves. */
    public String igUserId() {
        return igUserId;
    }

    /** The token this fake accepts. */
    public String accessToken() {
        return accessToken;
    }

    /** Sets the username the account endpoint answers with; returns this. */
    public FakeInstagramApi username(String value) {
        this.username = Objects.requireNonNull(value, "username");
        return this;
    }

    /** Every request received, oldest first. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The latest request; fails when there was none. */
    public RecordedRequest lastRequest() {
        if (requests.isEmpty()) {
            throw new AssertionError("the fake Instagram API received no request");
        }
        return requests.get(requests.size() - 1);
    }

    /** The JSON bodies of every POST to the Send API, oldest first, including failed and scripted attempts. */
    public List<JsonNode> sentMessages() {
        List<JsonNode> bodies = new ArrayList<>();
        for (RecordedRequest request : requests) {
            if ("POST".equals(request.method()) && request.path().endsWith("/messages")) {
                JsonNode json = request.bodyJson();
                bodies.add(json == null ? MessageJson.mapper().getNodeFactory().textNode(request.bodyText()) : json);
            }
        }
        return List.copyOf(bodies);
    }

    /** The JSON bodies of the Send API requests this fake accepted with a 200, oldest first. */
    public List<JsonNode> deliveredMessages() {
        return List.copyOf(delivered);
    }

    /** Answers the next request (of any kind) with this instead of the normal answer; returns this. */
    public FakeInstagramApi enqueue(Scripted answer) {
        script.add(Objects.requireNonNull(answer, "answer"));
        return this;
    }

    /** Answers the next request with a status and body; returns this. */
    public FakeInstagramApi enqueue(int status, String body) {
        return enqueue(new Scripted(status, body, Map.of("Content-Type", "application/json"), Duration.ZERO));
    }

    /**
     * Answers the next request with a Graph error envelope
     * {@code {"error":{"message","type":"OAuthException","code","error_subcode","fbtrace_id"}}}.
     *
     * @param status  the HTTP status (Graph uses 400 for most, 500 for code 1 and 2)
     * @param code    {@code error.code}
     * @param subcode {@code error.error_subcode}, or null for none
     * @param message {@code error.message}
     */
    public FakeInstagramApi failNext(int status, int code, Integer subcode, String message) {
        return enqueue(status, graphError(code, subcode, message, behaviour.nextTrace()));
    }

    /**
     * Answers the next request with a throttling error: code 4, 17, 32 or 613, HTTP 400, and Meta's
     * {@code X-Business-Use-Case-Usage} header naming {@code estimated_time_to_regain_access}; also a
     * {@code Retry-After} header when {@code retryAfter} is given.
     *
     * @param code              the rate-limit code
     * @param regainAfterMinutes the BUC header's estimate in minutes (0 for none)
     * @param retryAfter        a {@code Retry-After} to add, or null
     */
    public FakeInstagramApi rateLimitNext(int code, int regainAfterMinutes, Duration retryAfter) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Business-Use-Case-Usage", "{\"" + igUserId + "\":[{\"type\":\"instagram\",\"call_count\":100,"
                + "\"total_cputime\":12,\"total_time\":14,\"estimated_time_to_regain_access\":" + regainAfterMinutes
                + "}]}");
        if (retryAfter != null) {
            headers.put("Retry-After", Long.toString(retryAfter.toSeconds()));
        }
        String message = switch (code) {
            case 4 -> "(#4) Application request limit reached";
            case 17 -> "(#17) User request limit reached";
            case 32 -> "(#32) Page request limit reached";
            default -> "(#613) Calls to this api have exceeded the rate limit.";
        };
        String body = graphError(code, null, message, behaviour.nextTrace());
        return enqueue(new Scripted(400, body, headers, Duration.ZERO));
    }

    /** Answers the next request normally, but only after this delay (to provoke a client timeout); returns this. */
    public FakeInstagramApi delayNext(Duration delay) {
        return enqueue(new Scripted(-1, null, null, delay));
    }

    /** Forgets recorded requests and scripted answers. */
    public void reset() {
        requests.clear();
        delivered.clear();
        script.clear();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    /** Signs a webhook body with the app secret, as Meta does; see {@link InstagramWebhooks.SignedWebhook}. */
    public static InstagramWebhooks.SignedWebhook signedWebhook(String appSecret, String body) {
        return InstagramWebhooks.signedWebhook(appSecret, body);
    }

    /** A webhook body with one contact text message to the account ({@code sender} = the IGSID). */
    public static String inboundTextWebhook(String igUserId, String igsid, String mid, String text,
                                            long timestampMillis) {
        return InstagramWebhooks.forAccount(igUserId).text(igsid, mid, text, timestampMillis).json();
    }

    /** A webhook body with the echo of a text the account sent to the contact ({@code is_echo: true}). */
    public static String echoWebhook(String igUserId, String igsid, String mid, String text, long timestampMillis) {
        return InstagramWebhooks.forAccount(igUserId).echo(igsid, mid, text, timestampMillis).json();
    }

    /** A builder for webhooks with several items (texts, echoes, quick replies, attachments, reads). */
    public static InstagramWebhooks webhook(String igUserId) {
        return InstagramWebhooks.forAccount(igUserId);
    }

    /** A Graph error envelope, as Meta writes it. */
    public static String graphError(int code, Integer subcode, String message, String fbtraceId) {
        return GraphBehaviour.graphError(code, subcode, message, fbtraceId);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            RecordedRequest request = record(exchange);
            requests.add(request);
            Scripted scripted = script.poll();
            if (scripted != null && !scripted.delay().isZero()) {
                Thread.sleep(scripted.delay());
            }
            Scripted answer = scripted == null || scripted.status() < 0
                    ? behaviour.answer(request, username) : scripted;
            if (answer.status() == 200 && "POST".equals(request.method())) {
                delivered.add(request.bodyJson());
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RecordedRequest record(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        Map<String, String> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.putIfAbsent(key, value);
            }
        }
        return new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                Map.copyOf(query), java.util.Collections.unmodifiableMap(headers),
                exchange.getRequestBody().readAllBytes());
    }

    private static JsonNode json(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = MessageJson.mapper().readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }
}
