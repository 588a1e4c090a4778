package io.ponte.plugins.mercadopago;

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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The inbound door: verifies {@code x-signature} ({@link NoticeSignature}), then stores the thin notice as a
 * {@value #NOTICE} envelope and acknowledges at once. A {@code payment} notice carries a follow-up
 * {@value PaymentFetch#PAYMENT_FETCH} of {@code /v1/payments/<data.id>}, an {@code order} notice one
 * {@value PaymentFetch#ORDER_FETCH} of {@code /v1/orders/<data.id>}; other topics are stored without one. The
 * notice's {@code externalId} is Mercado Pago's notification {@code id}, or {@code <type>:<data.id>:<x-request-id>}
 * without one, so a repeated notice stores nothing and fetches nothing again. Stateless and thread-safe; never
 * calls Mercado Pago.
 */
final class NoticeReceiver implements WebhookReceiver {

    /** The type of a stored notice. */
    static final String NOTICE = "mercadopago.notice";

    private final NoticeSignature signature;
    private final ConnectorMetrics metrics;

    NoticeReceiver(MercadoPagoConfig config, ConnectorMetrics metrics) {
        this.signature = new NoticeSignature(config.webhookSecret());
        this.metrics = metrics;
    }

    @Override
    public WebhookResult receive(WebhookRequest request) {
        try {
            String queryId = request.queryParam("data.id").filter(s -> !s.isEmpty()).orElse(null);
            String requestId = request.header(NoticeSignature.REQUEST_ID).filter(s -> !s.isEmpty()).orElse(null);
            signature.verify(request.header(NoticeSignature.HEADER).orElse(null), queryId, requestId);
            EnvelopeDraft notice = notice(body(request.body()), request, queryId, requestId);
            metrics.increment("webhook.accepted");
            return WebhookResult.accepted(List.of(notice));
        } catch (WebhookRejectedException e) {
            metrics.increment("webhook.rejected", "status", Integer.toString(e.status()));
            throw e;
        }
    }

    private static EnvelopeDraft notice(ObjectNode body, WebhookRequest request, String queryId, String requestId) {
        String topic = text(body.get("type"));
        if (topic == null) {
            topic = request.queryParam("type").orElse(null);
        }
        if (topic == null || topic.isBlank()) {
            throw WebhookRejectedException.badRequest("the notice names no type");
        }
        // the query's data.id is the signed one; the body's only stands in when the query has none
        String dataId = queryId != null ? queryId : text(body.path("data").get("id"));
        if (dataId != null && !MercadoPagoClient.validId(dataId)) {
            throw WebhookRejectedException.badRequest("data.id must be 1 to 64 letters, digits, '_' or '-'");
        }
        String noticeId = text(body.get("id"));
        String externalId = noticeId != null ? noticeId : topic + ":" + dataId + ":" + requestId;
        EnvelopeDraft.Builder draft = EnvelopeDraft.builder(NOTICE, new GenericPayload(body))
                .externalId(externalId)
                .occurredAt(instant(text(body.get("date_created"))))
                .attribute("topic", topic)
                .attribute("action", text(body.get("action")))
                .attribute("dataId", dataId);
        FollowUp followUp = followUp(topic, dataId);
        if (followUp != null) {
            draft.followUp(followUp);
        }
        return draft.build();
    }

    /** The fetch a notice asks for, or null for a topic this connector does not fetch. */
    static FollowUp followUp(String topic, String dataId) {
        if (dataId == null) {
            return null;
        }
        return switch (topic) {
            case "payment" -> FollowUp.of(PaymentFetch.PAYMENT_FETCH, PaymentFetch.paymentPath(dataId),
                    PluginJson.mapper().createObjectNode().put("paymentId", dataId));
            case "order" -> FollowUp.of(PaymentFetch.ORDER_FETCH, PaymentFetch.orderPath(dataId),
                    PluginJson.mapper().createObjectNode().put("orderId", dataId));
            default -> null;
        };
    }

    private static ObjectNode body(byte[] raw) {
        JsonNode body;
        try {
            body = PluginJson.mapper().readTree(raw);
        } catch (IOException e) {
            throw WebhookRejectedException.badRequest("the body is not JSON");
        }
        if (body == null || !body.isObject()) {
            throw WebhookRejectedException.badRequest("the body must be one notification object");
        }
        return (ObjectNode) body;
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            Instant at = OffsetDateTime.parse(value).toInstant();
            return at.isBefore(Instant.parse("0001-01-01T00:00:00Z")) || at.isAfter(Instant.parse(
                    "9999-12-31T23:59:59Z")) ? null : at;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String value = node.asText();
        return value.isBlank() ? null : value;
    }
}
