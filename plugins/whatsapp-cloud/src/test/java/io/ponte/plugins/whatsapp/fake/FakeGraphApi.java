package io.ponte.plugins.whatsapp.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.kit.PluginJson;
import io.ponte.plugins.meta.fake.FakeGraph;
import io.ponte.testkit.fake.Answer;
import io.ponte.testkit.fake.Recorded;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
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
 *   <li>the token check, Graph's error bodies and unknown objects as {@link FakeGraph} answers them (a refused
 *       token is a 401 here, as the Cloud API documents).</li>
 * </ul>
 * Static helpers build realistic signed webhooks to POST to the hub ({@link #signedWebhook},
 * {@link #textMessageWebhook}, {@link #statusWebhook}). Thread-safe.
 */
public final class FakeGraphApi extends FakeGraph {

    /** The display number {@code GET /{phoneNumberId}} answers. */
    public static final String DISPLAY_PHONE_NUMBER = "+1 555-010-4477";
    /** The verified name {@code GET /{phoneNumberId}} answers. */
    public static final String VERIFIED_NAME = "Ponte Test Shop";

    private static final String MEDIA_PATH = "/whatsapp_business/attachments/";

    private record Media(String mimeType, String contentType, byte[] content) {
    }

    private final String phoneNumberId;
    private final Map<String, Media> media = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /**
     * A fake serving one business number, listening from now on.
     *
     * @param phoneNumberId the number's id (the connection's {@code phoneNumberId})
     * @param accessToken   the token it accepts (the connection's {@code accessToken})
     */
    public FakeGraphApi(String phoneNumberId, String accessToken) {
        super(accessToken, 401);
        this.phoneNumberId = Objects.requireNonNull(phoneNumberId, "phoneNumberId");
    }

    /** Returns this: the fake listens from construction (kept for callers written when it did not). */
    public FakeGraphApi start() {
        return this;
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
    protected Answer endpoint(Recorded request, String path) {
        String mid = request.queryParams().get("mid");
        if (request.method().equals("POST") && path.equals("/" + phoneNumberId + "/messages")) {
            return messages(request);
        } else if (request.method().equals("GET") && path.equals("/" + phoneNumberId)) {
            return Answer.json(200, PluginJson.mapper().createObjectNode().put("verified_name", VERIFIED_NAME)
                    .put("display_phone_number", DISPLAY_PHONE_NUMBER).put("id", phoneNumberId));
        } else if (request.method().equals("GET") && path.equals(MEDIA_PATH) && mid != null && media.containsKey(mid)) {
            Media m = media.get(mid);
            return Answer.bytes(200, m.contentType(), m.content());
        } else if (request.method().equals("GET") && path.length() > 1 && media.containsKey(path.substring(1))) {
            return mediaInfo(path.substring(1));
        }
        return unknownObject(request, path.length() > 1 ? path.substring(1).split("/")[0] : "");
    }

    private Answer mediaInfo(String id) {
        Media m = media.get(id);
        ObjectNode info = PluginJson.mapper().createObjectNode();
        info.put("messaging_product", "whatsapp");
        info.put("url", root() + MEDIA_PATH + "?mid=" + id);
        info.put("mime_type", m.mimeType());
        info.put("sha256", sha256Hex(m.content()));
        info.put("file_size", Integer.toString(m.content().length));
        info.put("id", id);
        return Answer.json(200, info);
    }

    private Answer messages(Recorded request) {
        JsonNode body = request.body().length == 0 ? null : parseOrNull(request);
        if (body == null || !"whatsapp".equals(body.path("messaging_product").asText())) {
            return error(400, 100, null, "(#100) The parameter messaging_product is required.", null);
        }
        if ("read".equals(body.path("status").asText())) {
            return Answer.json(200, PluginJson.mapper().createObjectNode().put("success", true));
        }
        String to = body.path("to").asText();
        ObjectNode answer = PluginJson.mapper().createObjectNode();
        answer.put("messaging_product", "whatsapp");
        answer.putArray("contacts").addObject().put("input", to).put("wa_id", to.replace("+", ""));
        answer.putArray("messages").addObject()
                .put("id", "wamid.FAKE" + String.format(Locale.ROOT, "%08d", ids.incrementAndGet()));
        return Answer.json(200, answer);
    }

    private static JsonNode parseOrNull(Recorded request) {
        try {
            return request.bodyJson();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String sha256Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
