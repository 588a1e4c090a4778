package io.ponte.plugins.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.connector.ConnectorMetrics;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.ContactHints;
import io.ponte.api.message.PhoneNumbers;
import io.ponte.api.message.Content;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.GenericPayload;
import io.ponte.api.message.Party;
import io.ponte.api.message.StorableValues;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.api.webhook.WebhookResponse;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.kit.PluginJson;
import io.ponte.plugins.meta.MetaWebhooks;
import io.ponte.plugins.whatsapp.model.InboundContent;
import io.ponte.plugins.whatsapp.model.Json;
import io.ponte.plugins.whatsapp.model.StatusReport;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WhatsApp Cloud API webhook: Meta's subscription handshake on GET; on POST the {@code X-Hub-Signature-256}
 * check over the raw body, then every {@code entry[].changes[]} of field {@code messages} turned into envelopes:
 * {@code messages[]} into {@code message.inbound}, {@code statuses[]} into {@code message.status}, and
 * {@code errors[]} into {@code whatsapp.error}. A change whose {@code value.metadata.phone_number_id} is not this
 * connection's number is acknowledged and dropped: one Meta app signs the webhooks of all its numbers with the same
 * secret, so the signature alone does not say the traffic is this connection's. Never calls the provider.
 * Stateless; thread-safe.
 */
public final class WhatsAppWebhookReceiver implements WebhookReceiver {

    /** The envelope type of the out-of-band errors a webhook may carry ({@code value.errors[]}). */
    public static final String ERROR_TYPE = "whatsapp.error";

    private static final Logger LOG = LoggerFactory.getLogger(WhatsAppWebhookReceiver.class);
    private static final String OBJECT = "whatsapp_business_account";

    private final WhatsAppConfig config;
    private final ConnectorMetrics metrics;

    /**
     * A receiver.
     *
     * @param config  the connection's config (app secret, verify token, phone number id)
     * @param metrics the connection's metrics ({@code webhook.dropped} counts changes for other numbers)
     */
    public WhatsAppWebhookReceiver(WhatsAppConfig config, ConnectorMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public WebhookResponse handshake(WebhookRequest request) {
        return MetaWebhooks.handshake(request, config.verifyToken());
    }

    @Override
    public WebhookResult receive(WebhookRequest request) {
        MetaWebhooks.verifySignature(request, config.appSecret());
        JsonNode root = parse(request.body());
        if (!OBJECT.equals(Json.text(root, "object"))) {
            throw WebhookRejectedException.badRequest("not a WhatsApp Business Account webhook: \"object\" must be \""
                    + OBJECT + "\"");
        }
        JsonNode entries = root.get("entry");
        if (entries == null || !entries.isArray()) {
            throw WebhookRejectedException.badRequest("\"entry\" must be an array");
        }
        List<EnvelopeDraft> drafts = new ArrayList<>();
        for (JsonNode entry : entries) {
            JsonNode changes = entry.get("changes");
            if (!entry.isObject() || changes == null || !changes.isArray()) {
                throw WebhookRejectedException.badRequest("every entry must be an object with a \"changes\" array");
            }
            for (JsonNode change : changes) {
                if (!change.isObject()) {
                    throw WebhookRejectedException.badRequest("every change must be an object");
                }
                // Other fields (account_update, message_template_status_update ...) are not messages.
                if ("messages".equals(Json.text(change, "field"))) {
                    change(Json.text(entry, "id"), change.get("value"), drafts);
                }
            }
        }
        return WebhookResult.accepted(drafts);
    }

    private void change(String wabaId, JsonNode value, List<EnvelopeDraft> drafts) {
        if (value == null || !value.isObject()) {
            throw WebhookRejectedException.badRequest("a \"messages\" change needs a \"value\" object");
        }
        Source source = new Source(wabaId, Json.text(value.path("metadata"), "phone_number_id"),
                Json.text(value.path("metadata"), "display_phone_number"));
        if (!config.phoneNumberId().equals(source.phoneNumberId())) {
            // Meta sends this change to one callback URL for every number of the app; another number's messages
            // stored here would be read and answered as this number's.
            LOG.info("dropped a webhook change for phone number id {} (WABA {}): this connection is number {}; "
                    + "point that number's webhook at its own connection", source.phoneNumberId(), wabaId,
                    config.phoneNumberId());
            metrics.increment("webhook.dropped", "reason", "other_phone_number");
            return;
        }
        Map<String, String> names = new HashMap<>();
        value.path("contacts").forEach(c -> {
            String waId = Json.text(c, "wa_id");
            String name = Json.text(c.path("profile"), "name");
            if (waId != null && name != null) {
                names.put(waId, name);
            }
        });
        for (JsonNode message : array(value, "messages")) {
            drafts.add(message(message, names, source));
        }
        for (JsonNode status : array(value, "statuses")) {
            status(status, source).ifPresent(drafts::add);
        }
        for (JsonNode error : array(value, "errors")) {
            drafts.add(source.tag(EnvelopeDraft.builder(ERROR_TYPE, new GenericPayload(error))).build());
        }
    }

    private static EnvelopeDraft message(JsonNode message, Map<String, String> names, Source source) {
        String id = Json.text(message, "id");
        String from = Json.text(message, "from");
        if (!message.isObject() || id == null || from == null) {
            throw WebhookRejectedException.badRequest("every message needs an \"id\" and a \"from\"");
        }
        Content content = InboundContent.of(message);
        JsonNode context = message.path("context");
        ChatMessage chat = new ChatMessage(new Party(from, names.get(from)), null, content, Json.text(context, "id"));
        EnvelopeDraft.Builder draft = EnvelopeDraft.builder(EnvelopeTypes.MESSAGE_INBOUND, chat)
                .externalId(id)
                .conversationAddress(from)
                .occurredAt(instant(Json.wholeNumber(message.get("timestamp"))))
                .attribute("messageType", Json.text(message, "type"))
                // the sender's WhatsApp id is their phone number with its country code
                .attribute(ContactHints.PHONE, PhoneNumbers.e164(from));
        if (context.path("forwarded").asBoolean(false) || context.path("frequently_forwarded").asBoolean(false)) {
            draft.attribute("forwarded", "true");
        }
        JsonNode referral = message.path("referral");
        draft.attribute("referralSourceType", Json.text(referral, "source_type"))
                .attribute("referralSourceId", Json.text(referral, "source_id"))
                .attribute("referralSourceUrl", Json.text(referral, "source_url"));
        return source.tag(draft).build();
    }

    private static Optional<EnvelopeDraft> status(JsonNode status, Source source) {
        if (!status.isObject() || Json.text(status, "id") == null) {
            throw WebhookRejectedException.badRequest("every status needs an \"id\"");
        }
        Optional<StatusReport> report = StatusReport.of(status);
        if (report.isEmpty()) {
            LOG.warn("ignored a WhatsApp status \"{}\" that Ponte has no state for", Json.text(status, "status"));
            return Optional.empty();
        }
        StatusReport r = report.get();
        EnvelopeDraft.Builder draft = EnvelopeDraft.builder(EnvelopeTypes.MESSAGE_STATUS, r.update())
                .externalId(r.update().messageId() + ":" + r.update().status().wire())
                .conversationAddress(r.update().recipient())
                .occurredAt(instant(r.timestamp()));
        r.attributes().forEach(draft::attribute);
        return Optional.of(source.tag(draft).build());
    }

    private static Iterable<JsonNode> array(JsonNode value, String field) {
        JsonNode node = value.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw WebhookRejectedException.badRequest("\"" + field + "\" must be an array");
        }
        return node;
    }

    private static Instant instant(Long seconds) {
        if (seconds != null && seconds > StorableValues.LATEST.getEpochSecond()) {
            throw WebhookRejectedException.badRequest("timestamp must be a Unix time in seconds no later than "
                    + "9999-12-31T23:59:59Z (" + StorableValues.LATEST.getEpochSecond() + ")");
        }
        return seconds == null ? null : Instant.ofEpochSecond(seconds);
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw WebhookRejectedException.badRequest("empty body");
        }
        try {
            JsonNode root = PluginJson.mapper().readTree(body);
            if (root == null || !root.isObject()) {
                throw WebhookRejectedException.badRequest("the body must be a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw WebhookRejectedException.badRequest("the body is not valid JSON");
        }
    }

    /** Where a change came from; every envelope of it carries these as attributes. */
    private record Source(String wabaId, String phoneNumberId, String displayPhoneNumber) {
        EnvelopeDraft.Builder tag(EnvelopeDraft.Builder draft) {
            return draft.attribute("phoneNumberId", phoneNumberId)
                    .attribute("displayPhoneNumber", displayPhoneNumber)
                    .attribute("wabaId", wabaId);
        }
    }

    @Override
    public String toString() {
        return "WhatsAppWebhookReceiver[phoneNumberId=" + config.phoneNumberId() + "]";
    }
}
