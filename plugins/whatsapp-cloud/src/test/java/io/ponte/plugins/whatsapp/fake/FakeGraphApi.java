package io.ponte.plugins.whatsapp.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ponte.plugins.meta.MetaWebhooks;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for Meta's Graph API as the WhatsApp Cloud API uses it, speaking its documented wire format:
 * <ul>
 *   <li>{@code POST /v21.0/{phoneNumberId}/messages}: answers a send with
 *       {@code {"messaging_product":"whatsapp","contacts":[{"input":to,"wa_id":to}],"messages":[{"id":"wamid..."}]}}
 *       and a mark-as-read ({@code "status":"read"}) with {@code {"success":true}};</li>
 *   <li>{@code GET /v21.0/{phoneNumberId}}: the number's {@code verified_name}, {@code display_phone_number}, {@code id};</li>
 *   <li>{@code GET /v21.0/{mediaId}}: {@code url}, {@code mime_type}, {@code sha256}, {@code file_size}, {@code id} of
 *       media added with {@link #addMedia}, and the bytes at that {@code url} (a lookaside-like path on this fake);</li>
 *   <li>every call needs {@code Authorization: Bearer <accessToken>}, else 401 with Graph's code 190 body; unknown
 *       objects get Graph's 400 code 100 "Unsupported get/post request" body.</li>
 * </ul>
 * Records every request; lets a test script the next answers ({@link #enqueue}, {@link #failNext}) and delays.
 * Static helpers build realistic signed webhooks to POST to the hub ({@link #signedWebhook},
 * {@link #textMessageWebhook}, {@link #statusWebhook}). Thread-safe.
 */
public final class FakeGraphApi implements AutoCloseable {

    /** The API version prefix of {@link #baseUrl()}. */
    public static final String VERSION = "v21.0";
    /** The display number {@code GET /{phoneNumberId}} answers. */
    public static final String DISPLAY_PHONE_NUMBER = "+1 555-010-4477";
    /** The verified name {@code GET /{phoneNumberId}} answers. */
    public static final String VERIFIED_NAME = "Ponte Test Shop";

    private static final ObjectMapper JSON = new ObjectMapper();
    // Reads like the hub does (decimals kept exact), so tests compare bodies with MessageJson-parsed expectations.
    private static final ObjectMapper READER = io.ponte.api.message.MessageJson.mapper();
    private static final String MEDIA_PATH = "/whatsapp_business/attachments/";

    /**
     * One recorded request.
     *
     * @param method  the HTTP method
     * @param path    the path, with the version prefix
     * @param query   the raw query, or null
     * @param headers the headers, names lower-cased
     * @param body    the raw body
     */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        /** The first value of a header, or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** The body as UTF-8 text. */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body as JSON. */
        public JsonNode bodyJson() {
            return parse(body);
        }
    }

    /**
     * A scripted answer.
     *
     * @param status  the HTTP status
     * @param body    the body (JSON unless headers say otherwise)
     * @param headers extra response headers
     * @param delay   how long to wait before answering
     */
    public record Scripted(int status, String body, Map<String, String> headers, Duration delay) {
    }

    /**
     * A webhook as Meta would POST it: the exact body bytes and the headers, {@code X-Hub-Signature-256} included.
     *
     * @param body    the raw body
     * @param headers {@code Content-Type} and {@code X-Hub-Signature-256}
     */
    public record SignedWebhook(byte[] body, Map<String, String> headers) {
        /** The body as UTF-8 text. */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private record Media(String mimeType, String contentType, byte[] content) {
    }

    private final String phoneNumberId;
    private volatile String accessToken;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<JsonNode> sentMessages = new CopyOnWriteArrayList<>();
    private final Queue<Scripted> scripted = new ConcurrentLinkedQueue<>();
    private final Map<String, Media> media = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /**
     * A fake serving one business number.
     *
     * @param phoneNumberId the number's id (the connection's {@code phoneNumberId})
     * @param accessToken   the token it accepts (the connection's {@code accessToken})
     */
    public FakeGraphApi(String phoneNumberId, String accessToken) {
        this.phoneNumberId = Objects.requireNonNull(phoneNumberId, "phoneNumberId");
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts listening on a random loopback port; returns this. */
    public FakeGraphApi start() {
        server.start();
        return this;
    }

    /** The connection's {@code apiBaseUrl}: {@code http://127.0.0.1:<port>/v21.0}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + VERSION;
    }

    /** Every request so far, oldest first (scripted ones and refused ones included). */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The latest request; fails when there was none. */
    public Request lastRequest() {
        if (requests.isEmpty()) {
            throw new AssertionError("the fake Graph API got no request");
        }
        return requests.get(requests.size() - 1);
    }

    /**
     * The JSON bodies POSTed to {@code /{phoneNumberId}/messages} (sends and mark-as-read), oldest first, whatever
     * the answer (scripted failures included); a JSON null for a body that was not JSON.
     */
    public List<JsonNode> sentMessages() {
        return List.copyOf(sentMessages);
    }

    /** Accepts another token from now on (and refuses the old one), as after a rotation or a revocation. */
    public void acceptToken(String token) {
        this.accessToken = Objects.requireNonNull(token, "token");
    }

    /**
     * Serves a media file: {@code GET /{mediaId}} describes it, its {@code url} serves the bytes with
     * {@code Content-Type: mimeType}.
     */
    public void addMedia(String mediaId, String mimeType, byte[] content) {
        addMedia(mediaId, mimeType, mimeType, content);
    }

    /** As {@link #addMedia(String, String, byte[])}, but the download says {@code contentType} (a mismatch). */
    public void addMedia(String mediaId, String mimeType, String contentType, byte[] content) {
        media.put(mediaId, new Media(mimeType, contentType, content.clone()));
    }

    /** The next request, whatever its path, gets this answer instead of the normal one. Answers queue up. */
    public void enqueue(int status, String body, Map<String, String> headers) {
        scripted.add(new Scripted(status, body, Map.copyOf(headers), Duration.ZERO));
    }

    /**
     * The next request gets a Graph error envelope, as Meta sends it.
     *
     * @param httpStatus the status (400 for most WhatsApp errors, 401 for code 190, 429, 5xx ...)
     * @param code       {@code error.code} (130429, 131047, 131056, 190 ...)
     * @param message    {@code error.message}
     * @param details    {@code error.error_data.details}, or null
     * @param headers    extra headers ({@code Retry-After} ...)
     */
    public void failNext(int httpStatus, int code, String message, String details, Map<String, String> headers) {
        enqueue(httpStatus, graphError(code, message, details), headers);
    }

    /** The next request is answered normally, but only after {@code delay} (for client timeouts). */
    public void delayNext(Duration delay) {
        scripted.add(new Scripted(-1, null, Map.of(), delay));
    }

    /** A Graph error envelope body: {@code {"error":{"message","type","code","error_data","fbtrace_id"}}}. */
    public static String graphError(int code, String message, String details) {
        ObjectNode error = JSON.createObjectNode();
        ObjectNode e = error.putObject("error");
        e.put("message", message);
        e.put("type", "OAuthException");
        e.put("code", code);
        if (details != null) {
            e.putObject("error_data").put("messaging_product", "whatsapp").put("details", details);
        }
        e.put("fbtrace_id", "AFakeTrace" + code);
        return error.toString();
    }

    /** Signs a webhook body with the app secret, as Meta does: {@code X-Hub-Signature-256: sha256=<hex>}. */
    public static SignedWebhook signedWebhook(String appSecret, String bodyJson) {
        byte[] body = bodyJson.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put(MetaWebhooks.SIGNATURE_HEADER, MetaWebhooks.signatureHeader(appSecret, body));
        return new SignedWebhook(body, headers);
    }

    /** A {@code messages} webhook carrying one text message from a contact, in Meta's exact shape. */
    public static String textMessageWebhook(String phoneNumberId, String waId, String name, String wamid, String text,
                                            long epochSeconds) {
        return WebhookPayloads.textMessage(phoneNumberId, waId, name, wamid, text, epochSeconds);
    }

    /**
     * A {@code messages} webhook carrying one status of a message we sent: {@code sent}, {@code delivered},
     * {@code read}, {@code played} or {@code failed} (then with error 131026, message undeliverable).
     */
    public static String statusWebhook(String phoneNumberId, String wamid, String status, String recipient) {
        return WebhookPayloads.status(phoneNumberId, wamid, status, recipient);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), headers, exchange.getRequestBody().readAllBytes());
            requests.add(request);
            String path = request.path().startsWith("/" + VERSION + "/")
                    ? request.path().substring(VERSION.length() + 1) : request.path();
            if (request.method().equals("POST") && path.equals("/" + phoneNumberId + "/messages")) {
                JsonNode sent = parseOrNull(request.body());
                sentMessages.add(sent == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : sent);
            }
            Scripted next = scripted.poll();
            if (next != null && !next.delay().isZero()) {
                Thread.sleep(next.delay());
            }
            if (next != null && next.status() > 0) {
                respond(exchange, next.status(), "application/json", next.body().getBytes(StandardCharsets.UTF_8),
                        next.headers());
                return;
            }
            if (!("Bearer " + accessToken).equals(request.header("authorization"))) {
                respond(exchange, 401, "application/json", bytes("{\"error\":{\"message\":\"Invalid OAuth access "
                        + "token - Cannot parse access token\",\"type\":\"OAuthException\",\"code\":190,"
                        + "\"fbtrace_id\":\"AFakeTrace190\"}}"), Map.of("WWW-Authenticate",
                        "OAuth \"Facebook Platform\" \"invalid_token\" \"Invalid OAuth access token\""));
                return;
            }
            route(exchange, request, path);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void route(HttpExchange exchange, Request request, String path) throws IOException {
        if (request.method().equals("POST") && path.equals("/" + phoneNumberId + "/messages")) {
            messages(exchange, request);
        } else if (request.method().equals("GET") && path.equals("/" + phoneNumberId)) {
            ObjectNode number = JSON.createObjectNode();
            number.put("verified_name", VERIFIED_NAME).put("display_phone_number", DISPLAY_PHONE_NUMBER)
                    .put("id", phoneNumberId);
            json(exchange, 200, number);
        } else if (request.method().equals("GET") && path.equals(MEDIA_PATH) && request.query() != null
                && request.query().startsWith("mid=") && media.containsKey(request.query().substring(4))) {
            Media m = media.get(request.query().substring(4));
            respond(exchange, 200, m.contentType(), m.content(), Map.of());
        } else if (request.method().equals("GET") && path.length() > 1 && media.containsKey(path.substring(1))) {
            String id = path.substring(1);
            Media m = media.get(id);
            ObjectNode info = JSON.createObjectNode();
            info.put("messaging_product", "whatsapp");
            info.put("url", "http://127.0.0.1:" + server.getAddress().getPort() + MEDIA_PATH + "?mid=" + id);
            info.put("mime_type", m.mimeType());
            info.put("sha256", sha256Hex(m.content()));
            info.put("file_size", Integer.toString(m.content().length));
            info.put("id", id);
            json(exchange, 200, info);
        } else {
            String verb = request.method().toLowerCase(Locale.ROOT);
            String id = path.length() > 1 ? path.substring(1).split("/")[0] : "";
            respond(exchange, 400, "application/json", bytes("{\"error\":{\"message\":\"Unsupported " + verb
                    + " request. Object with ID '" + id + "' does not exist, cannot be loaded due to missing "
                    + "permissions, or does not support this operation.\",\"type\":\"GraphMethodException\","
                    + "\"code\":100,\"error_subcode\":33,\"fbtrace_id\":\"AFakeTrace100\"}}"), Map.of());
        }
    }

    private void messages(HttpExchange exchange, Request request) throws IOException {
        JsonNode body = parseOrNull(request.body());
        if (body == null || !"whatsapp".equals(body.path("messaging_product").asText())) {
            respond(exchange, 400, "application/json", bytes(graphError(100,
                    "(#100) The parameter messaging_product is required.", null)), Map.of());
            return;
        }
        if ("read".equals(body.path("status").asText())) {
            json(exchange, 200, JSON.createObjectNode().put("success", true));
            return;
        }
        String to = body.path("to").asText();
        ObjectNode answer = JSON.createObjectNode();
        answer.put("messaging_product", "whatsapp");
        answer.putArray("contacts").addObject().put("input", to).put("wa_id", to.replace("+", ""));
        answer.putArray("messages").addObject()
                .put("id", "wamid.FAKE" + String.format(Locale.ROOT, "%08d", ids.incrementAndGet()));
        json(exchange, 200, answer);
    }

    private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        respond(exchange, status, "application/json; charset=UTF-8", bytes(body.toString()), Map.of());
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body,
                                Map<String, String> headers) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return READER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parseOrNull(byte[] body) {
        try {
            return body.length == 0 ? null : READER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
