package com.example.ponte.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.Party;
import io.ponte.api.message.StorableValues;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.kit.PluginJson;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Example Chat's webhook: {@code POST} of {@code {"id","from","name","text","sentAt"}}, signed with
 * {@code X-Example-Signature: sha256=<hex HMAC-SHA256 of the raw body with the webhook secret>}. A request that is
 * not signed with this connection's secret is refused (401) before the body is read; a malformed one is refused
 * (400); nothing is stored in either case. The message id is the {@code externalId}, so a redelivery is stored once.
 */
final class ExampleChatWebhook implements WebhookReceiver {

    /** The signature header. */
    static final String SIGNATURE_HEADER = "X-Example-Signature";

    private final SecretKeySpec key;

    ExampleChatWebhook(String webhookSecret) {
        this.key = new SecretKeySpec(webhookSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    @Override
    public WebhookResult receive(WebhookRequest request) {
        verify(request);
        JsonNode message = parse(request.body());
        String id = text(message, "id");
        String from = text(message, "from");
        String text = text(message, "text");
        String problem = StorableValues.textProblem(text);
        if (problem != null || text.length() > Content.Text.MAX_LENGTH) {
            throw WebhookRejectedException.badRequest("text " + (problem != null ? problem : "is too long"));
        }
        EnvelopeDraft.Builder draft = EnvelopeDraft.builder(EnvelopeTypes.MESSAGE_INBOUND,
                        ChatMessage.inbound(new Party(from, message.path("name").asText(null)), new Content.Text(text)))
                .externalId(id)
                .conversationAddress(from);
        if (message.hasNonNull("sentAt")) {
            draft.occurredAt(instant(message.get("sentAt").asText()));
        }
        return WebhookResult.accepted(List.of(draft.build()));
    }

    /** The signature a request with this body must carry. */
    static String sign(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private void verify(WebhookRequest request) {
        String given = request.header(SIGNATURE_HEADER).orElseThrow(() ->
                WebhookRejectedException.unauthorized(SIGNATURE_HEADER + " missing"));
        byte[] expected = sign(key, request.body()).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII))) {
            throw WebhookRejectedException.unauthorized(SIGNATURE_HEADER + " does not match the body");
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = PluginJson.mapper().readTree(body);
            if (node == null || !node.isObject()) {
                throw WebhookRejectedException.badRequest("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw WebhookRejectedException.badRequest("the body is not JSON");
        } catch (java.io.IOException e) {
            throw WebhookRejectedException.badRequest("the body cannot be read");
        }
    }

    private static String text(JsonNode message, String field) {
        JsonNode value = message.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw WebhookRejectedException.badRequest(field + " must be a non-empty string");
        }
        return value.asText();
    }

    private static Instant instant(String value) {
        try {
            Instant at = Instant.parse(value);
            if (!StorableValues.isStorable(at)) {
                throw WebhookRejectedException.badRequest("sentAt must be " + StorableValues.INSTANT_RANGE);
            }
            return at;
        } catch (DateTimeParseException e) {
            throw WebhookRejectedException.badRequest("sentAt must be an ISO-8601 instant");
        }
    }
}
