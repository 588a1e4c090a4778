package io.ponte.plugins.instagram.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.kit.PluginJson;
import io.ponte.plugins.meta.fake.FakeGraph;
import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.Recorded;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local fake of the Graph API endpoints the {@code instagram} connector calls, speaking Meta's wire format:
 * <ul>
 *   <li>{@code POST /v21.0/{igUserId}/messages} (also {@code /me/messages}): the Send API. Answers
 *       {@code {"recipient_id","message_id"}} ({@code {"recipient_id"}} alone for a {@code sender_action}); 400 with
 *       the Graph error envelope for a missing recipient, a missing message or a text over 1000 bytes.</li>
 *   <li>{@code GET /v21.0/{igUserId}?fields=id,username}: the account ({@code {"id","username"}}).</li>
 *   <li>The token check ({@code Authorization: Bearer} or {@code ?access_token=}), Graph's error bodies and unknown
 *       objects as {@link FakeGraph} answers them; a path outside the version gets code 2500.</li>
 * </ul>
 * Thread-safe. Typical use:
 * <pre>{@code
 * try (FakeInstagramApi fake = new FakeInstagramApi()) {
 *     // connection config: {"igUserId": fake.igUserId(), "accessToken": fake.accessToken(), ...,
 *     //                     "apiBaseUrl": fake.baseUrl()}
 *     fake.failNext(400, 10, 2534022, "(#10) This message is sent outside of allowed window.");
 *     ...
 *     List<JsonNode> sent = fake.sentMessages();
 * }
 * }</pre>
 */
public final class FakeInstagramApi extends FakeGraph {

    /** The account id used by {@link #FakeInstagramApi()}. */
    public static final String DEFAULT_IG_USER_ID = "17841400000000001";
    /** The token used by {@link #FakeInstagramApi()}. */
    public static final String DEFAULT_ACCESS_TOKEN = "IGAAFakeInstagramToken0001";

    private final String igUserId;
    private final List<JsonNode> delivered = new CopyOnWriteArrayList<>();
    private final AtomicLong messageCounter = new AtomicLong();
    private volatile String username = "ponte.shop";

    /** A fake for {@link #DEFAULT_IG_USER_ID} and {@link #DEFAULT_ACCESS_TOKEN}, listening from now on. */
    public FakeInstagramApi() {
        this(DEFAULT_IG_USER_ID, DEFAULT_ACCESS_TOKEN);
    }

    /**
     * A fake for this account and token, listening from now on.
     *
     * @param igUserId    the account id the plugin must use in paths
     * @param accessToken the bearer token it must send
     */
    public FakeInstagramApi(String igUserId, String accessToken) {
        super(accessToken, 400);
        this.igUserId = Objects.requireNonNull(igUserId, "igUserId");
    }

    /** Returns this: the fake listens from construction (kept for callers written when it did not). */
    public FakeInstagramApi start() {
        return this;
    }

    /** The account id this fake serves. */
    public String igUserId() {
        return igUserId;
    }

    /** Sets the username the account endpoint answers with; returns this. */
    public FakeInstagramApi username(String value) {
        this.username = Objects.requireNonNull(value, "username");
        return this;
    }

    /** The JSON bodies of the Send API requests this fake's own Send API accepted, oldest first. */
    public List<JsonNode> deliveredMessages() {
        return List.copyOf(delivered);
    }

    /**
     * Answers the next request with a throttling error: code 4, 17, 32 or 613, HTTP 400, and Meta's
     * {@code X-Business-Use-Case-Usage} header naming {@code estimated_time_to_regain_access}; also a
     * {@code Retry-After} header when {@code retryAfter} is given.
     *
     * @param code               the rate-limit code
     * @param regainAfterMinutes the BUC header's estimate in minutes (0 for none)
     * @param retryAfter         a {@code Retry-After} to add, or null
     */
    public void rateLimitNext(int code, int regainAfterMinutes, Duration retryAfter) {
        String message = switch (code) {
            case 4 -> "(#4) Application request limit reached";
            case 17 -> "(#17) User request limit reached";
            case 32 -> "(#32) Page request limit reached";
            default -> "(#613) Calls to this api have exceeded the rate limit.";
        };
        Answer answer = error(400, code, null, message, null).withHeader("X-Business-Use-Case-Usage", "{\""
                + igUserId + "\":[{\"type\":\"instagram\",\"call_count\":100,\"total_cputime\":12,\"total_time\":14,"
                + "\"estimated_time_to_regain_access\":" + regainAfterMinutes + "}]}");
        enqueue(retryAfter == null ? answer : answer.withHeader("Retry-After", Long.toString(retryAfter.toSeconds())));
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

    @Override
    public void reset() {
        super.reset();
        delivered.clear();
    }

    @Override
    protected Answer endpoint(Recorded request, String path) {
        if (!path.startsWith("/") || path.equals(request.path())) {
            return error(400, 2500, null, "Unknown path components: " + request.path(), null);
        }
        String[] segments = path.substring(1).split("/");
        String id = segments[0];
        if (!id.equals(igUserId) && !id.equals("me")) {
            return unknownObject(request, id);
        }
        if (segments.length == 1 && "GET".equals(request.method())) {
            return Answer.json(200, PluginJson.mapper().createObjectNode().put("id", igUserId)
                    .put("username", username));
        }
        if (segments.length == 2 && segments[1].equals("messages") && "POST".equals(request.method())) {
            return send(request);
        }
        return error(400, 2500, null, "Unknown path components: " + path.substring(id.length() + 1), null);
    }

    private Answer send(Recorded request) {
        JsonNode body;
        try {
            body = request.bodyJson();
        } catch (RuntimeException e) {
            body = null;
        }
        String recipient = body == null ? null : body.path("recipient").path("id").asText(null);
        if (recipient == null || recipient.isEmpty()) {
            return error(400, 100, null, "(#100) The parameter recipient is required", null);
        }
        ObjectNode answer = PluginJson.mapper().createObjectNode().put("recipient_id", recipient);
        if (!body.has("sender_action")) {
            JsonNode message = body.get("message");
            if (message == null || !message.isObject()) {
                return error(400, 100, null, "(#100) param message must be non-empty.", null);
            }
            JsonNode text = message.get("text");
            if (text != null && text.asText().getBytes(StandardCharsets.UTF_8).length > 1000) {
                return error(400, 100, null, "(#100) Length of param message[text] must be less than or equal to "
                        + "1000", null);
            }
            answer.put("message_id", nextMessageId());
        }
        delivered.add(body);
        return Answer.json(200, answer);
    }

    private String nextMessageId() {
        String raw = "ig_item:1:IGMessageData:" + igUserId + ":3402823668417103012442760177231"
                + String.format(Locale.ROOT, "%08d", messageCounter.incrementAndGet());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
