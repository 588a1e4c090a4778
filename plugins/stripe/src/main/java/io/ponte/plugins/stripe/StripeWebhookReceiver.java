package io.ponte.plugins.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.ConversationKey;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.api.webhook.WebhookResponse;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.kit.PluginJson;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The inbound door of a Stripe connection: verifies {@code Stripe-Signature} over the raw body against the hub's
 * clock, reads the v1 event and returns one envelope ({@link EventMapper}), answering {@code {"received":true}}
 * once it is stored (or was stored before: a redelivery is acknowledged and adds nothing).
 *
 * <p>A payment whose metadata names a {@code conversation} joins it when the hub knows that conversation in this
 * tenant; otherwise it is stored without one (the name stays in {@code metadata.conversation}), because refusing it
 * would only make Stripe redeliver the same event for days. Thread-safe.
 */
final class StripeWebhookReceiver implements WebhookReceiver {

    private final StripeSignature signature;
    private final ConnectorContext context;

    StripeWebhookReceiver(StripeConfig config, ConnectorContext context) {
        this.signature = new StripeSignature(config.webhookSecret());
        this.context = context;
    }

    @Override
    public WebhookResult receive(WebhookRequest request) {
        EnvelopeDraft draft;
        try {
            signature.verify(request.header(StripeSignature.HEADER).orElse(null), request.body(),
                    context.clock().instant());
            draft = draft(request.body());
        } catch (WebhookRejectedException e) {
            context.metrics().increment("webhook.rejected", "status", Integer.toString(e.status()));
            throw e;
        }
        context.metrics().increment("webhook.accepted");
        return WebhookResult.answering(List.of(draft),
                (stored, duplicates) -> WebhookResponse.json(200, "{\"received\":true}"));
    }

    private EnvelopeDraft draft(byte[] body) {
        JsonNode event;
        try {
            event = PluginJson.mapper().readTree(body);
        } catch (IOException e) {
            throw WebhookRejectedException.badRequest("the body is not JSON");
        }
        if (event == null || !event.isObject() || !"event".equals(text(event, "object"))) {
            throw WebhookRejectedException.badRequest("not a Stripe event: a v1 event has \"object\":\"event\" "
                    + "(thin v2 events need an event destination of snapshot events)");
        }
        String id = text(event, "id");
        String type = text(event, "type");
        if (id == null || type == null || !event.at("/data/object").isObject()) {
            throw WebhookRejectedException.badRequest("a Stripe event has an id, a type and data.object");
        }
        EnvelopeDraft.Builder draft = EventMapper.map(id, type, event);
        conversation(EventMapper.conversation(event)).ifPresent(draft::conversation);
        return draft.build();
    }

    /** The conversation a payment link was created for, when the hub has it in this tenant. */
    private Optional<ConversationKey> conversation(String written) {
        return ConversationKey.parse(written).filter(key -> context.conversations().get(key).isPresent());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.textValue().isBlank() ? value.textValue() : null;
    }
}
