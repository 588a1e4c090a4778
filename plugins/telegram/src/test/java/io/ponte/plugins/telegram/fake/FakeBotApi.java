package io.ponte.plugins.telegram.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.FakeProvider;
import io.ponte.testkit.fake.Recorded;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local fake of the Telegram Bot API, speaking its wire format: {@code POST /bot<token>/<method>} with JSON (or
 * query) parameters, answered with {@code {"ok":true,"result":...}} or
 * {@code {"ok":false,"error_code":...,"description":...}}, and {@code GET /file/bot<token>/<file_path>} for files.
 * A wrong token gets Telegram's {@code 401 {"ok":false,"error_code":401,"description":"Unauthorized"}}.
 *
 * <p>It serves {@code getMe}, every {@code send*} method the connector uses, {@code setMessageReaction},
 * {@code answerCallbackQuery}, {@code setWebhook}, {@code deleteWebhook}, {@code getWebhookInfo} and {@code getFile};
 * any other method answers 404 {@code Not Found}, as Telegram does. Recording, scripting ({@link #enqueue}) and
 * waiting ({@link #awaitRequests}) come from {@link FakeProvider}; this class adds Telegram's flood control
 * answer ({@link #rateLimitNext}) and reads what was sent as method calls ({@link #sentMessages()},
 * {@link #calls()}).
 *
 * <pre>{@code
 * try (FakeBotApi telegram = new FakeBotApi()) {
 *     // config: {"botToken": telegram.token(), "secretToken": "...", "apiBaseUrl": telegram.baseUrl()}
 *     // POST FakeBotApi.textUpdate(1, 42, "Ana", "oi") to the hub with header FakeBotApi.SECRET_HEADER
 *     telegram.sentMessages().get(0).body().get("text").asText();
 * }
 * }</pre>
 *
 * Thread-safe.
 */
public final class FakeBotApi extends FakeProvider {

    /** The header Telegram puts the webhook's secret token in; POST updates to the hub with it. */
    public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    /** The token {@link #FakeBotApi()} accepts. Made up; shaped like BotFather's. */
    public static final String DEFAULT_TOKEN = "7000000001:AAFakeBotTokenForPonteTests-0123456789";
    private static final ObjectMapper JSON = BotApiShapes.JSON;
    private static final Set<String> SEND_METHODS = Set.of("sendmessage", "sendphoto", "senddocument", "sendaudio",
            "sendvoice", "sendvideo", "sendanimation", "sendvideonote", "sendsticker", "sendlocation", "sendvenue",
            "sendcontact");

    /**
     * One Bot API method call.
     *
     * @param method the method as named in the path, e.g. {@code sendMessage}
     * @param body   its parameters: the JSON body (read with plain doubles), or the query/form parameters as a JSON
     *               object of strings
     * @param token  the token in the path (whether or not it was right)
     */
    public record Call(String method, JsonNode body, String token) {

        /** The call a request made, or null for a request that is none (a file download, a stray path). */
        static Call of(Recorded request) {
            String[] parts = request.path().split("/", 3);
            if (parts.length < 3 || !parts[1].startsWith("bot")) {
                return null;
            }
            return new Call(parts[2], parameters(request), parts[1].substring(3));
        }

        private static JsonNode parameters(Recorded request) {
            String type = request.header("content-type");
            if (request.body().length > 0 && type != null && type.startsWith("application/json")) {
                try {
                    return JSON.readTree(request.body());
                } catch (IOException e) {
                    return JSON.createObjectNode();
                }
            }
            ObjectNode form = JSON.createObjectNode();
            request.queryParams().forEach(form::put);
            request.formParams().forEach(form::put);
            return form;
        }
    }

    private final String token;
    private final long botId;
    private final FakeFiles files = new FakeFiles();
    private final Set<Long> blockedChats = ConcurrentHashMap.newKeySet();
    private final AtomicLong nextMessageId = new AtomicLong(1000);
    private final AtomicInteger held = new AtomicInteger();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile String botUsername = "ponte_test_bot";
    private volatile ObjectNode webhook = JSON.createObjectNode();

    /** A fake that accepts {@link #DEFAULT_TOKEN}, serving on a random loopback port. */
    public FakeBotApi() {
        this(DEFAULT_TOKEN);
    }

    /**
     * A fake that accepts this token, serving on a random loopback port.
     *
     * @param token a token shaped like BotFather's ({@code <digits>:<rest>})
     */
    public FakeBotApi(String token) {
        this.token = token;
        this.botId = Long.parseLong(token.substring(0, token.indexOf(':')));
    }

    /** The fake serves from construction on; returns this, for callers written {@code new FakeBotApi().start()}. */
    public FakeBotApi start() {
        return this;
    }

    /** The base URL to configure as {@code apiBaseUrl}, e.g. {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return root().toString();
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
     * Fails the next request with Telegram's flood control: HTTP 429,
     * {@code "description":"Too Many Requests: retry after N"} and {@code "parameters":{"retry_after":N}}.
     */
    public FakeBotApi rateLimitNext(int retryAfterSeconds) {
        ObjectNode body = BotApiShapes.error(429, "Too Many Requests: retry after " + retryAfterSeconds);
        body.putObject("parameters").put("retry_after", retryAfterSeconds);
        enqueue(Answer.json(429, body));
        return this;
    }

    /**
     * Leaves the next request that no scripted answer takes unanswered until the fake closes, so a client's timeout
     * passes without a test waiting on the clock.
     */
    public FakeBotApi holdNext() {
        held.incrementAndGet();
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

    /** Also forgets the files, blocked chats, held requests and the webhook. */
    @Override
    public void reset() {
        super.reset();
        files.clear();
        blockedChats.clear();
        held.set(0);
        webhook = JSON.createObjectNode();
    }

    // ---- inspection ------------------------------------------------------------------------------------------

    /** Every Bot API method call received (file downloads excluded), in order. */
    public List<Call> calls() {
        return requests().stream().map(Call::of).filter(Objects::nonNull).toList();
    }

    /** The {@code send*} calls received ({@code sendMessage}, {@code sendPhoto} ...), in order. */
    public List<Call> sentMessages() {
        return calls().stream().filter(c -> SEND_METHODS.contains(c.method().toLowerCase(Locale.ROOT))).toList();
    }

    /** The calls of one method (case-insensitive), in order. */
    public List<Call> calls(String method) {
        return calls().stream().filter(c -> c.method().equalsIgnoreCase(method)).toList();
    }

    /** The last Bot API call; fails when there was none. */
    public Call lastCall() {
        List<Call> calls = calls();
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

    // ---- the Bot API ------------------------------------------------------------------------------------------

    @Override
    protected Answer answer(Recorded request) {
        if (held.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            awaitClosing();
        }
        if (request.path().startsWith("/file/bot")) {
            return download(request.path());
        }
        Call call = Call.of(request);
        if (call == null || call.method().contains("/")) {
            return error(404, "Not Found");
        }
        if (!token.equals(call.token())) {
            return error(401, "Unauthorized");
        }
        JsonNode p = call.body();
        if (!p.isObject()) {
            return error(400, "Bad Request: parameters must be a JSON object");
        }
        String method = call.method().toLowerCase(Locale.ROOT);
        if (SEND_METHODS.contains(method)) {
            return send(method, p);
        }
        return switch (method) {
            case "getme" -> ok(botUser());
            case "setmessagereaction", "answercallbackquery" -> ok(BooleanNode.TRUE);
            case "setwebhook" -> setWebhook(p);
            case "deletewebhook" -> {
                webhook = JSON.createObjectNode();
                yield Answer.json(200, BotApiShapes.ok(BooleanNode.TRUE).put("description", "Webhook was deleted"));
            }
            case "getwebhookinfo" -> ok(BotApiShapes.webhookInfo(webhook));
            case "getfile" -> {
                ObjectNode file = files.describe(p.path("file_id").asText());
                yield file == null ? error(400, "Bad Request: invalid file_id") : ok(file);
            }
            default -> error(404, "Not Found");
        };
    }

    private Answer send(String method, JsonNode p) {
        JsonNode chatId = p.get("chat_id");
        if (chatId == null || chatId.asText().isEmpty()) {
            return error(400, "Bad Request: chat_id is empty");
        }
        if (chatId.asText().matches("-?\\d+") && blockedChats.contains(Long.parseLong(chatId.asText()))) {
            return error(403, "Forbidden: bot was blocked by the user");
        }
        if ("sendmessage".equals(method) && p.path("text").asText().isBlank()) {
            return error(400, "Bad Request: message text is empty");
        }
        return ok(BotApiShapes.sentMessage(method, p, nextMessageId.getAndIncrement(), botUser()));
    }

    private Answer setWebhook(JsonNode p) {
        if (!p.hasNonNull("url")) {
            return error(400, "Bad Request: bad webhook: URL must be provided");
        }
        webhook = ((ObjectNode) p).deepCopy();
        return ok(BooleanNode.TRUE);
    }

    private Answer download(String path) {
        String rest = path.substring("/file/bot".length());
        int slash = rest.indexOf('/');
        if (slash < 0 || !token.equals(rest.substring(0, slash))) {
            return error(401, "Unauthorized");
        }
        byte[] content = files.content(URLDecoder.decode(rest.substring(slash + 1), StandardCharsets.UTF_8));
        return content == null ? error(404, "Not Found") : Answer.bytes(200, "application/octet-stream", content);
    }

    private ObjectNode botUser() {
        return BotApiShapes.botUser(botId, botUsername);
    }

    private static Answer ok(JsonNode result) {
        return Answer.json(200, BotApiShapes.ok(result));
    }

    private static Answer error(int code, String description) {
        return Answer.json(code, BotApiShapes.error(code, description));
    }

    private void awaitClosing() {
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server, letting go of held requests. */
    @Override
    public void close() {
        closing.countDown();
        super.close();
    }
}
