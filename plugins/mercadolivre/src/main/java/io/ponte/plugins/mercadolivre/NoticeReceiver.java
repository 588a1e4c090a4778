package io.ponte.plugins.mercadolivre;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.connector.ConnectorMetrics;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.FollowUp;
import io.ponte.api.message.GenericPayload;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.kit.PluginJson;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Takes Mercado Livre's notices ({@code {"_id","resource","user_id","topic","application_id","attempts","sent",...}})
 * and answers at once, as Mercado Livre wants within 500 ms. Notices carry no signature, so a notice counts only
 * when it names this connection's app ({@code application_id} = {@code clientId}) and seller ({@code user_id} =
 * {@code sellerId}); one for another app or seller, or of a topic the connector does not follow, is answered 200
 * (Mercado Livre would otherwise resend it for an hour) and dropped, counted as
 * {@code mercadolivre.notices.dropped{reason}}. Nothing in the body is trusted beyond that: a kept notice is stored
 * as a {@value #NOTICE} envelope with a {@link FollowUp} of {@value NoticeFetch#ACTION}, which fetches the resource
 * with the seller's token. A body that is not a notice is refused with 400. Stateless; thread-safe.
 */
final class NoticeReceiver implements WebhookReceiver {

    /** The type of a stored notice. */
    static final String NOTICE = "mercadolivre.notice";

    private final MercadoLivreConfig config;
    private final ConnectorMetrics metrics;

    NoticeReceiver(MercadoLivreConfig config, ConnectorMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public WebhookResult receive(WebhookRequest request) {
        JsonNode notice = parse(request.body());
        String topicName = required(notice, "topic");
        String resource = required(notice, "resource");
        String appId = required(notice, "application_id");
        String userId = required(notice, "user_id");
        if (!appId.equals(config.clientId())) {
            return dropped("other_app");
        }
        if (!userId.equals(config.sellerId())) {
            return dropped("other_seller");
        }
        Optional<Topic> topic = Topic.of(topicName);
        if (topic.isEmpty()) {
            return dropped("unknown_topic");
        }
        String id = topic.get().id(resource).orElseThrow(() -> WebhookRejectedException.badRequest(
                "the resource is not a " + topicName + " resource"));
        ObjectNode input = PluginJson.mapper().createObjectNode().put("topic", topicName).put("id", id);
        String path = topic.get().path(id);
        EnvelopeDraft draft = EnvelopeDraft.builder(NOTICE, new GenericPayload(notice))
                .externalId(externalId(notice, topicName, resource))
                .attribute("topic", topicName)
                .attribute("resource", resource)
                .followUp(FollowUp.of(NoticeFetch.ACTION, fetchKey(path), input))
                .build();
        metrics.increment("mercadolivre.notices.accepted", "topic", topicName);
        return WebhookResult.accepted(List.of(draft));
    }

    /** The follow-up's resource: the path without its query, so one resource is fetched one at a time. */
    private static String fetchKey(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    private WebhookResult dropped(String reason) {
        metrics.increment("mercadolivre.notices.dropped", "reason", reason);
        return WebhookResult.accepted(List.of());
    }

    /** The delivery's id ({@code _id}, {@code id} for messages), else what identifies the notice itself. */
    private static String externalId(JsonNode notice, String topic, String resource) {
        for (String field : List.of("_id", "id")) {
            JsonNode v = notice.get(field);
            if (v != null && v.isValueNode() && !v.asText().isBlank() && v.asText().length() <= 100) {
                return v.asText();
            }
        }
        return topic + ":" + resource + ":" + notice.path("sent").asText("");
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = PluginJson.mapper().readTree(body);
            if (node == null || !node.isObject()) {
                throw WebhookRejectedException.badRequest("a Mercado Livre notice is a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw WebhookRejectedException.badRequest("the body is not JSON");
        }
    }

    private static String required(JsonNode notice, String field) {
        JsonNode v = notice.get(field);
        if (v == null || !(v.isTextual() || v.isIntegralNumber()) || v.asText().isBlank()) {
            throw WebhookRejectedException.badRequest("a Mercado Livre notice has \"" + field + "\"");
        }
        return v.asText().strip();
    }
}
