package io.ponte.plugins.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.FollowUp;
import io.ponte.api.message.GenericPayload;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.kit.PluginJson;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes HubSpot's webhooks: a JSON array of events, signed with the v3 scheme ({@link WebhookSignature}) over the
 * connection's public webhook URL ({@code PONTE_PUBLIC_URL} + {@code /hooks/<connection id>}: HubSpot signs the URL
 * it called). A missing, wrong or stale signature, or a hub without a public URL, is refused with 401 and nothing is
 * stored; a body that is not an array of events with {@code eventId}, {@code subscriptionType} and {@code objectId}
 * with 400.
 *
 * <p>Each event is stored as a {@value #EVENT} envelope ({@code externalId} its {@code eventId}, so HubSpot's
 * retries store it once). A {@code contact.*} or {@code deal.*} event other than a deletion carries a
 * {@link FollowUp} of {@value ObjectFetch#ACTION}, which fetches the object and emits {@code contact.upserted} or
 * {@code deal.updated}: the events say only "object X changed". Stateless; thread-safe.
 */
final class WebhookReceiver implements io.ponte.api.webhook.WebhookReceiver {

    /** The type of a stored event. */
    static final String EVENT = "hubspot.event";

    private final WebhookSignature signature;
    private final ConnectorContext context;

    WebhookReceiver(HubSpotConfig config, ConnectorContext context) {
        this.signature = new WebhookSignature(config.clientSecret());
        this.context = context;
    }

    @Override
    public WebhookResult receive(WebhookRequest request) {
        URI url = context.webhookUrl().orElseThrow(() -> WebhookRejectedException.unauthorized(
                "the hub has no public URL (PONTE_PUBLIC_URL), and HubSpot signs the URL it calls"));
        String refusal = signature.refusal(request.method(), url.toString(), request.body(),
                request.header(WebhookSignature.SIGNATURE_HEADER).orElse(null),
                request.header(WebhookSignature.TIMESTAMP_HEADER).orElse(null), context.clock().instant());
        if (refusal != null) {
            context.metrics().increment("hubspot.webhooks.refused");
            throw WebhookRejectedException.unauthorized(refusal);
        }
        JsonNode events = parse(request.body());
        List<EnvelopeDraft> drafts = new ArrayList<>(events.size());
        for (JsonNode event : events) {
            drafts.add(draft(event));
        }
        return WebhookResult.accepted(drafts);
    }

    private static EnvelopeDraft draft(JsonNode event) {
        String eventId = required(event, "eventId");
        String type = required(event, "subscriptionType");
        String objectId = required(event, "objectId");
        if (!objectId.matches("[0-9]{1,20}")) {
            throw WebhookRejectedException.badRequest("an event's objectId is a HubSpot id (digits)");
        }
        EnvelopeDraft.Builder draft = EnvelopeDraft.builder(EVENT, new GenericPayload(event))
                .externalId(eventId)
                .attribute("subscriptionType", type)
                .attribute("objectId", objectId);
        if (event.path("occurredAt").canConvertToLong()) {
            long at = event.get("occurredAt").asLong();
            if (at > 0 && at < 253_402_300_800_000L) {
                draft.occurredAt(Instant.ofEpochMilli(at));
            }
        }
        String objectType = type.startsWith("contact.") ? "contact" : type.startsWith("deal.") ? "deal" : null;
        if (objectType != null && !type.endsWith(".deletion")) {
            ObjectNode input = PluginJson.mapper().createObjectNode().put("objectType", objectType)
                    .put("objectId", objectId);
            draft.followUp(FollowUp.of(ObjectFetch.ACTION, "/" + objectType + "s/" + objectId, input));
        }
        return draft.build();
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = PluginJson.mapper().readTree(body);
            if (node == null || !node.isArray() || node.isEmpty()) {
                throw WebhookRejectedException.badRequest("a HubSpot webhook is a JSON array of events");
            }
            return node;
        } catch (IOException e) {
            throw WebhookRejectedException.badRequest("the body is not JSON");
        }
    }

    private static String required(JsonNode event, String field) {
        JsonNode v = event.get(field);
        if (v == null || !(v.isTextual() || v.isIntegralNumber()) || v.asText().isBlank()
                || v.asText().length() > 100) {
            throw WebhookRejectedException.badRequest("every HubSpot event has \"" + field + "\"");
        }
        return v.asText().strip();
    }
}
