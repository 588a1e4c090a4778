package io.ponte.hub.conversations;

import io.ponte.hub.json.HubJson;
import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.config.ConfigField;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.config.FieldType;
import io.ponte.api.connector.Category;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.api.connector.Health;
import io.ponte.api.connector.SendRate;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.media.MediaFetcher;
import io.ponte.api.media.MediaFile;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.Party;
import io.ponte.api.message.StatusUpdate;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal chat channel for hub tests. Webhook body: an array of
 * {@code {"kind":"message","id","from","name","text","replyTo"}}, {@code {"kind":"media","id","from","mediaId","mime"}},
 * {@code {"kind":"echo","id","to","text"}} or {@code {"kind":"status","ref","status","to"}}. {@code message.send}
 * records its input and answers {@code out-<n>}; text {@code fail} fails, a text starting {@code retry-once} is answered "retry in 200 ms" the first time, text {@code auth} fails and reports the
 * connection down. Config {@code conversationGapMs} declares a per-conversation send rate of one per that long.
 */
final class ChatConnector implements ConnectorFactory {

    static final ConfigField GAP_MS = ConfigField.optional("conversationGapMs", FieldType.INTEGER,
            "send spacing per contact");
    static final ConfigField MEDIA_SHA256 = ConfigField.optional("mediaSha256", FieldType.STRING,
            "the checksum the provider claims");
    static final ConfigField API_TOKEN = ConfigField.optional("apiToken", FieldType.STRING,
            "a secret; health shows its last 4 characters").asSecret();
    static final ConfigField PER_CONTACT_REFS = ConfigField.optional("perContactRefs", FieldType.BOOLEAN,
            "message ids count per contact (1, 2 ...), as Telegram's are unique per chat only");

    static final List<JsonNode> SENT = new CopyOnWriteArrayList<>();
    /** When each of {@link #SENT} was sent, by the hub's clock (epoch milliseconds). */
    static final List<Long> SENT_AT = new CopyOnWriteArrayList<>();
    static final AtomicInteger MEDIA_FETCHES = new AtomicInteger();
    /** Texts starting {@code retry-once} that were answered "retry" once already. */
    static final java.util.Set<String> RETRIED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    static final byte[] PICTURE = "\u0089PNG fake picture bytes".getBytes(StandardCharsets.ISO_8859_1);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @Override
    public ConnectorDescriptor descriptor() {
        return new ConnectorDescriptor("chat", Category.CHANNEL, "Chat", "a test channel",
                ConfigSpec.of(GAP_MS, MEDIA_SHA256,
                        ConfigField.optional("callbackUrl", FieldType.URL, "a URL the channel would call"),
                        API_TOKEN, PER_CONTACT_REFS),
                List.of(EnvelopeTypes.MESSAGE_INBOUND, EnvelopeTypes.MESSAGE_STATUS),
                List.of(new ActionSpec("message.send", "sends", null)));
    }

    @Override
    public Connector open(ConnectorContext context) {
        long gap = context.config().has(GAP_MS) ? context.config().integer(GAP_MS) : 0L;
        String sha = context.config().string(MEDIA_SHA256);
        boolean perContact = context.config().bool(PER_CONTACT_REFS);
        java.util.Map<String, AtomicInteger> perContactCounters = new java.util.concurrent.ConcurrentHashMap<>();
        return new Connector() {
            @Override
            public Optional<WebhookReceiver> webhook() {
                return Optional.of(request -> {
                    JsonNode items;
                    try {
                        items = HubJson.mapper().readTree(request.body());
                    } catch (IOException e) {
                        throw WebhookRejectedException.badRequest("not JSON");
                    }
                    if (items == null || !items.isArray()) {
                        throw WebhookRejectedException.badRequest("send an array");
                    }
                    List<EnvelopeDraft> drafts = new ArrayList<>();
                    for (JsonNode i : items) {
                        drafts.add(draft(i));
                    }
                    return WebhookResult.accepted(drafts);
                });
            }

            @Override
            public ActionResult invoke(ActionRequest request) {
                synchronized (SENT) { // one index in both lists per send
                    SENT.add(request.input());
                    SENT_AT.add(context.clock().millis());
                }
                String text = request.input().path("text").asText();
                if (text.equals("fail")) {
                    return ActionResult.failed("recipient rejected the message");
                }
                if (text.startsWith("retry-once") && RETRIED.add(text)) {
                    return ActionResult.retryAfter(Duration.ofMillis(200), "busy, try again");
                }
                if (text.equals("auth")) {
                    context.reportHealth(Health.down("access token rejected"));
                    return ActionResult.failed("access token rejected");
                }
                if (perContact) {
                    return ActionResult.delivered(Integer.toString(perContactCounters.computeIfAbsent(
                            request.input().path("to").asText(), k -> new AtomicInteger()).incrementAndGet()));
                }
                return ActionResult.delivered("out-" + COUNTER.incrementAndGet());
            }

            @Override
            public io.ponte.api.connector.Health health() {
                String token = java.util.Objects.requireNonNullElse(context.config().string(API_TOKEN), "");
                return Health.up("token ..." + token.substring(Math.max(0, token.length() - 4)));
            }

            @Override
            public List<SendRate> sendRates() {
                return gap <= 0 ? List.of() : List.of(SendRate.perConversation(1, Duration.ofMillis(gap)));
            }

            @Override
            public Optional<MediaFetcher> media() {
                return Optional.of((mediaId, maxBytes) -> {
                    MEDIA_FETCHES.incrementAndGet();
                    return new MediaFile("image/png", "pic.png", (long) PICTURE.length, sha,
                            new ByteArrayInputStream(PICTURE));
                });
            }
        };
    }

    private static EnvelopeDraft draft(JsonNode i) {
        return switch (i.path("kind").asText()) {
            case "status" -> EnvelopeDraft.builder(EnvelopeTypes.MESSAGE_STATUS, new StatusUpdate(i.path("ref").asText(),
                            StatusUpdate.Status.valueOf(i.path("status").asText().toUpperCase(java.util.Locale.ROOT)), i.path("to").asText(),
                            i.path("code").asText(null), i.path("error").asText(null)))
                    .externalId(i.path("ref").asText() + ":" + i.path("status").asText())
                    .conversationAddress(i.path("to").asText()).build();
            case "echo" -> EnvelopeDraft.builder(EnvelopeTypes.MESSAGE_ECHO, ChatMessage.outbound(
                            Party.of(i.path("to").asText()), new Content.Text(i.path("text").asText())))
                    .externalId(i.path("id").asText()).conversationAddress(i.path("to").asText()).build();
            case "media" -> EnvelopeDraft.builder(EnvelopeTypes.MESSAGE_INBOUND, ChatMessage.inbound(
                            Party.of(i.path("from").asText()), new Content.Media(Content.MediaType.IMAGE, null,
                                    i.path("mediaId").asText(), i.path("mime").asText(null), null, null, null, null)))
                    .externalId(i.path("id").asText()).conversationAddress(i.path("from").asText()).build();
            default -> EnvelopeDraft.builder(EnvelopeTypes.MESSAGE_INBOUND, new ChatMessage(
                            new Party(i.path("from").asText(), i.path("name").asText(null)), null,
                            new Content.Text(i.path("text").asText()), i.path("replyTo").asText(null)))
                    .externalId(i.path("id").asText()).conversationAddress(i.path("from").asText()).build();
        };
    }
}
