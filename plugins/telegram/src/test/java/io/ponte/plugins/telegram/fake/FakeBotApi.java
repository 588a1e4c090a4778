package io.ponte.plugins.telegram.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local fake of the Telegram Bot API, speaking its wire format: {@code POST /bot<token>/<method>} with JSON (or
 * query) parameters, answered with {@code {"ok":true,"result":...}} or
 * {@code {"ok":false,"error_code":...,"description":...}}, and {@code GET /file/bot<token>/<file_path>} for files.
 * A wrong token gets Telegram's {@code 401 {"ok":false,"error_code":401,"description":"Unauthorized"}}.
 *
 * <p>It serves {@code getMe}, every {@code send*} method the connector uses, {@code setMessageReaction},
 * {@code answerCallbackQuery}, {@code setWebhook}, {@code deleteWebhook}, {@code getWebhookInfo} and {@code getFile};
 * any other method answers 404 {@code Not Found}, as Telegram does. Everything received is recorded. Tests script
 * the next answers ({@link #respondNext}, {@link #failNext}, {@link #rateLimitNext}, {@link #delayNext}) and
 * inspect what was sent ({@link #sentMessages()}, {@link #calls()}, {@link #requests()}).
 *
 * <pre>{@code
 * try (FakeBotApi telegram = new FakeBotApi().start()) {
 *     // config: {"botToken": telegram.token(), "secretToken": "...", "apiBaseUrl": telegram.baseUrl()}
 *     // POST FakeBotApi.textUpdate(1, 42, "Ana", "oi") to the hub with header FakeBotApi.SECRET_HEADER
 *     telegram.sentMessages().get(0).body().get("text").asText();
 * }
 * }</pre>
 *
 * Thread-safe.
 */
public final class FakeBotApi implements AutoCloseable {

    /** The header Telegram puts the webhook's secret token in; POST updates to the hub with it. */
    public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    /** The token {@link #FakeBotApi()} accepts. Made up; shaped like BotFather's. */
    public static final String DEFAULT_TOKEN = "7000000001:AAFakeBotTokenForPonteTests-0123456789";
    private static final ObjectMapper JSON = BotApiShapes.JSON;
    private static final Set<String> SEND_METHODS = Set.of("sendmessage", "sendphoto", "senddocument", "sendaudio",
            "sendvoice", "sendvideo", "sendanimation", "sendvideonote", "sendsticker", "sendlocation", "sendvenue",
            "sendcontact");

    /**
     * One HTTP request as received.
     *
     * @param method  the HTTP method
     * @param path    the raw path, token included
     * @param query   the raw query, or null
     * @param headers header values by lower-case name
     * @param body    the raw body
     */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        /** The first value of a header (any case), or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** The body as UTF-8 text. */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * One Bot API method call.
     *
     * @param method the method as named in the path, e.g. {@code sendMessage}
     * @param body   its parameters: the JSON body, or the query/form parameters as a JSON object of strings
     * @param token  the token in the path (whether or not it was right)
     */
    public record Call(String method, JsonNode body, String token) {
    }

    private record Scripted(int status, String body, Map<String, String> headers, Duration delay) {
    }

    private final String token;
    private final long botId;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Deque<Scripted> script = new ArrayDeque<>();
    private final FakeFiles files = new FakeFiles();
    private final Set<Long> blockedChats = ConcurrentHashMap.newKeySet();
    private final AtomicLong nextMessageId = new AtomicLong(1000);
    private volatile String botUsername = "ponte_test_bot";
    private volatile ObjectNode webhook = JSON.createObjectNode();
    private HttpServer server;
    private ExecutorService executor;

    /** A fake that accepts {@link #DEFAULT_TOKEN}. */
    public FakeBotApi() {
        this(DEFAULT_TOKEN);
    }

    /**
     * A fake that accepts this token.
     *
     * @param token a token shaped like BotFather's ({@code <digits>:<rest>})
     */
    public FakeBotApi(String token) {
        this.token = token;
        this.botId = Long.parseLong(token.substring(0, token.indexOf(':')));
    }

    /** Starts listening on a random port of the loopback interface. */
    public synchronized FakeBotApi start() {
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

    /** The base URL to configure as {@code apiBaseUrl}, e.g. {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** The token this fake accepts. */
    public String token() {
        return token;
    }

    /** The username {@code getMe} reports (without {@code @}); default {@code ponte_test_bot}. */
    public FakeBotApi botUsername(String username) {
        this.botUsername = username;
        return this;
    }

    // ---- scripting -------------------------------------------------------------------------------------------

    /**
     * Answers the next request (any method, or a file download) with exactly this, instead of the normal answer.
     * Scripted answers queue up and are used in order.
     *
     * @param status      the HTTP status
     * @param body        the body (JSON for Bot API answers)
     * @param headerPairs response headers as name, value, name, value ...
     */
    public FakeBotApi respondNext(int status, String body, String... headerPairs) {
        Map<String, String> headers = new TreeMap<>();
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], headerPairs[i + 1]);
        }
        synchronized (script) {
            script.addLast(new Scripted(status, body, headers, Duration.ZERO));
        }
        return this;
    }

    /**
     * Fails the next request the way Telegram does: HTTP {@code errorCode} with
     * {@code {"ok":false,"error_code":errorCode,"description":description}}.
     */
    public FakeBotApi failNext(int errorCode, String description) {
        ObjectNode body = error(errorCode, description);
        return respondNext(errorCode, body.toString());
    }

    /**
     * Fails the next request with Telegram's flood control: HTTP 429,
     * {@code "description":"Too Many Requests: retry after N"} and {@code "parameters":{"retry_after":N}}.
     */
    public FakeBotApi rateLimitNext(int retryAfterSeconds) {
        ObjectNode body = error(429, "Too Many Requests: retry after " + retryAfterSeconds);
        body.putObject("parameters").put("retry_after", retryAfterSeconds);
        return respondNext(429, body.toString());
    }

    /** Holds the next request this long before answering it normally (for client timeouts). */
    public FakeBotApi delayNext(Duration delay) {
        synchronized (script) {
            script.addLast(new Scripted(0, null, Map.of(), delay));
        }
        return this;
    }

    /** Answers every later send to this chat with 403 {@code Forbidden: bot was blocked by the user}. */
    public FakeBotApi blockedBy(long chatId) {
        blockedChats.add(chatId);
        return this;
    }

    /**
     * Makes a file known to {@code getFile} and downloadable at {@code /file/bot<token>/<filePath>}.
     *
     * @param fileId   the {@code file_id} an update carried
     * @param filePath the path {@code getFile} returns, e.g. {@code photos/file_7.jpg}
     * @param content  the bytes; {@code file_size} is their length
     */
    public FakeBotApi addFile(String fileId, String filePath, byte[] content) {
        files.add(fileId, filePath, content);
        return this;
    }

    /** Forgets what was received, the script, files, blocked chats and the webhook. */
    public void reset() {
        requests.clear();
        calls.clear();
        synchronized (script) {
            script.clear();
        }
        files.clear();
        blockedChats.clear();
        webhook = JSON.createObjectNode();
    }

    // ---- inspection ------------------------------------------------------------------------------------------

    /** Every HTTP request received, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Every Bot API method call received (file downloads excluded), in order. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The {@code send*} calls received ({@code sendMessage}, {@code sendPhoto} ...), in order. */
    public List<Call> sentMessages() {
        return calls.stream().filter(c -> SEND_METHODS.contains(c.method().toLowerCase(Locale.ROOT))).toList();
    }

    /** The calls of one method (case-insensitive), in order. */
    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equalsIgnoreCase(method)).toList();
    }

    /** The last Bot API call; fails when there was none. */
    public Call lastCall() {
        if (calls.isEmpty()) {
            throw new AssertionError("the fake Bot API received no call");
        }
        return calls.get(calls.size() - 1);
    }

    /** The URL the last {@code setWebhook} set, or null. */
    public String webhookUrl() {
        JsonNode url = webhook.get("url");
        return url == null || url.asText().isEmpty() ? null : url.asText();
    }

    /** The {@code secret_token} the last {@code setWebhook} set, or null. */
    public String webhookSecretToken() {
        JsonNode secret = webhook.get("secret_token");
        return secret == null ? null : secret.asText();
    }

    // ---- realistic updates (see FakeUpdates) ------------------------------------------------------------------

    /**
     * A private-chat text message update, as Telegram POSTs it to a webhook.
     *
     * @see FakeUpdates#textUpdate(long, long, String, String)
     */
    public static String textUpdate(long updateId, long chatId, String firstName, String text) {
        return FakeUpdates.textUpdate(updateId, chatId, firstName, text);
    }

    /**
     * A callback query update (an inline button pressed), as Telegram POSTs it to a webhook.
     *
     * @see FakeUpdates#callbackUpdate(long, long, String, String, String)
     */
    public static String callbackUpdate(long updateId, long chatId, String firstName, String data, String buttonText) {
        return FakeUpdates.callbackUpdate(updateId, chatId, firstName, data, buttonText);
    }

    // ---- serving ---------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            requests.add(new Request(exchange.getRequestMethod(), path, query, headers, body));
            boolean download = path.startsWith("/file/bot");
            Call call = download ? null : recordCall(path, query, headers, body);
            Scripted next;
            synchronized (script) {
                next = script.pollFirst();
            }
            if (next != null && !next.delay().isZero()) {
                Thread.sleep(next.delay());
                next = null;
            }
            if (next != null) {
                next.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                BotApiWire.send(exchange, next.status(), next.body().getBytes(StandardCharsets.UTF_8),
                        "application/json");
            } else if (download) {
                download(exchange, path);
            } else {
                answer(exchange, path, call);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Call recordCall(String path, String query, Map<String, List<String>> headers, byte[] body) {
        String[] parts = path.split("/", 3);
        if (parts.length < 3 || !parts[1].startsWith("bot")) {
            return null;
        }
        Call call = new Call(parts[2], BotApiWire.parameters(query, headers, body), parts[1].substring(3));
        calls.add(call);
        return call;
    }

    private void answer(HttpExchange exchange, String path, Call call) throws IOException {
        String[] parts = path.split("/", 3);
        if (call == null || parts[2].contains("/")) {
            sendJson(exchange, 404, error(404, "Not Found"));
            return;
        }
        if (!token.equals(parts[1].substring(3))) {
            sendJson(exchange, 401, error(401, "Unauthorized"));
            return;
        }
        JsonNode p = call.body();
        if (!p.isObject()) {
            sendJson(exchange, 400, error(400, "Bad Request: parameters must be a JSON object"));
            return;
        }
        String method = parts[2].toLowerCase(Locale.ROOT);
        if (SEND_METHODS.contains(method)) {
            sendMessage(exchange, method, p);
            return;
        }
        switch (method) {
            case "getme" -> sendJson(exchange, 200, ok(botUser()));
            case "setmessagereaction", "answercallbackquery" -> sendJson(exchange, 200, ok(BooleanNode.TRUE));
            case "setwebhook" -> {
                if (!p.hasNonNull("url")) {
                    sendJson(exchange, 400, error(400, "Bad Request: bad webhook: URL must be provided"));
                    return;
                }
                webhook = ((ObjectNode) p).deepCopy();
                sendJson(exchange, 200, ok(BooleanNode.TRUE));
            }
            case "deletewebhook" -> {
                webhook = JSON.createObjectNode();
                sendJson(exchange, 200, ok(BooleanNode.TRUE).put("description", "Webhook was deleted"));
            }
            case "getwebhookinfo" -> sendJson(exchange, 200, ok(BotApiShapes.webhookInfo(webhook)));
            case "getfile" -> {
                ObjectNode file = files.describe(p.path("file_id").asText());
                sendJson(exchange, file == null ? 400 : 200,
                        file == null ? error(400, "Bad Request: invalid file_id") : ok(file));
            }
            default -> sendJson(exchange, 404, error(404, "Not Found"));
        }
    }

    private void sendMessage(HttpExchange exchange, String method, JsonNode p) throws IOException {
        JsonNode chatId = p.get("chat_id");
        if (chatId == null || chatId.asText().isEmpty()) {
            sendJson(exchange, 400, error(400, "Bad Request: chat_id is empty"));
            return;
        }
        if (chatId.asText().matches("-?\\d+") && blockedChats.contains(Long.parseLong(chatId.asText()))) {
            sendJson(exchange, 403, error(403, "Forbidden: bot was blocked by the user"));
            return;
        }
        if ("sendmessage".equals(method) && p.path("text").asText().isBlank()) {
            sendJson(exchange, 400, error(400, "Bad Request: message text is empty"));
            return;
        }
        sendJson(exchange, 200, ok(BotApiShapes.sentMessage(method, p, nextMessageId.getAndIncrement(), botUser())));
    }

    private void download(HttpExchange exchange, String path) throws IOException {
        String rest = path.substring("/file/bot".length());
        int slash = rest.indexOf('/');
        if (slash < 0 || !token.equals(rest.substring(0, slash))) {
            sendJson(exchange, 401, error(401, "Unauthorized"));
            return;
        }
        byte[] content = files.content(URLDecoder.decode(rest.substring(slash + 1), StandardCharsets.UTF_8));
        if (content == null) {
            sendJson(exchange, 404, error(404, "Not Found"));
        } else {
            BotApiWire.send(exchange, 200, content, "application/octet-stream");
        }
    }

    private ObjectNode botUser() {
        return BotApiShapes.botUser(botId, botUsername);
    }

    private static ObjectNode ok(JsonNode result) {
        return BotApiShapes.ok(result);
    }

    private static ObjectNode error(int code, String description) {
        return BotApiShapes.error(code, description);
    }

    private static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        BotApiWire.send(exchange, status, JSON.writeValueAsBytes(body), "application/json");
    }

    /** Stops the server and interrupts requests held by {@link #delayNext}. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }
}
