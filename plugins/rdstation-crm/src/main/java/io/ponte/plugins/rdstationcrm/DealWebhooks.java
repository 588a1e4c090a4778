package io.ponte.plugins.rdstationcrm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.connector.KeyValueStore;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.GenericPayload;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.kit.PluginJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * RD Station CRM's deal webhooks ({@code {"event_name": "crm_deal_created" | "crm_deal_updated" |
 * "crm_deal_deleted", "document": {deal}}}) → {@code deal.updated}. RD Station documents no signature, so a webhook
 * counts only when its URL carries the connection's {@code webhookToken} as {@code ?token=} (compared in constant
 * time): without one configured, or with a wrong or missing one, the answer is 401 and nothing is stored. Deletions
 * are answered 200 and emit nothing. The envelope's {@code externalId} is {@code <deal id>:<updated_at>}, so a
 * repeated webhook stores once and a new state of the deal stores again; the last stage seen per deal is kept in the
 * connection's state to set {@code previousStage} when it moves. Thread-safe.
 */
final class DealWebhooks implements WebhookReceiver {

    private static final Set<String> EMITTED = Set.of("crm_deal_created", "crm_deal_updated");

    private final byte[] token;
    private final KeyValueStore state;

    DealWebhooks(RdStationCrmConfig config, KeyValueStore state) {
        this.token = config.webhookToken() == null ? null : config.webhookToken().getBytes(StandardCharsets.UTF_8);
        this.state = state;
    }

    @Override
    public WebhookResult receive(WebhookRequest request) {
        if (token == null) {
            throw WebhookRejectedException.unauthorized("this connection takes no webhooks: set webhookToken");
        }
        byte[] given = request.queryParam("token").orElse("").getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(token, given)) {
            throw WebhookRejectedException.unauthorized("the webhook URL's token is missing or wrong");
        }
        JsonNode body = parse(request.body());
        String event = body.path("event_name").asText("");
        JsonNode deal = body.path("document");
        String dealId = Inputs.id(deal);
        if (event.isEmpty() || dealId == null) {
            throw WebhookRejectedException.badRequest("an RD Station CRM webhook has event_name and document.id");
        }
        if (!EMITTED.contains(event)) {
            return WebhookResult.accepted(List.of());
        }
        String stage = text(deal.path("deal_stage"), "name");
        ObjectNode payload = PluginJson.mapper().createObjectNode().put("dealId", dealId)
                .put("title", text(deal, "name")).put("stage", stage).put("stageId", text(deal.path("deal_stage"),
                        "id")).put("status", text(deal, "status")).put("currency", "BRL")
                .put("contactId", firstContact(deal));
        JsonNode amount = deal.get("amount_total");
        if (amount != null && amount.isNumber()) {
            payload.put("amount", amount.decimalValue());
        } else {
            payload.putNull("amount");
        }
        EnvelopeDraft.Builder draft = EnvelopeDraft.builder(EnvelopeTypes.DEAL_UPDATED, new GenericPayload(payload))
                .externalId(dealId + ":" + version(deal, request.body()))
                .attribute("event", event);
        String key = "stage:" + dealId;
        String previous = state.get(key).orElse(null);
        if (stage != null && !stage.equals(previous)) {
            if (previous != null) {
                draft.attribute("previousStage", previous);
            }
            state.put(key, stage);
        }
        return WebhookResult.accepted(List.of(draft.build()));
    }

    private static String firstContact(JsonNode deal) {
        for (JsonNode c : deal.path("contacts")) {
            String id = Inputs.id(c);
            if (id != null) {
                return id;
            }
        }
        return null;
    }

    /** The deal's {@code updated_at}, else a digest of the body, so each state is one envelope. */
    private static String version(JsonNode deal, byte[] body) {
        String updated = text(deal, "updated_at");
        if (updated != null && updated.length() <= 40) {
            return updated;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isValueNode() && !v.isNull() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = PluginJson.mapper().readTree(body);
            if (node == null || !node.isObject()) {
                throw WebhookRejectedException.badRequest("an RD Station CRM webhook is a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw WebhookRejectedException.badRequest("the body is not JSON");
        }
    }
}
