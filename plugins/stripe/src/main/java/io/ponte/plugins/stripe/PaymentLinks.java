package io.ponte.plugins.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.message.ConversationKey;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.PluginJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code payment.link.create}: a Checkout Session ({@code POST /v1/checkout/sessions}, mode {@code payment}, one
 * line item with {@code price_data}) for {@code {amount, currency, description, orderId?, conversation?}}.
 * {@code orderId} and {@code conversation} go into the session's metadata and the PaymentIntent's
 * ({@code payment_intent_data[metadata]}, which Stripe copies onto the charge), so the payment's events come back
 * with them; {@code orderId} is also the session's {@code client_reference_id}. Output
 * {@code {"url","id","expiresAt"}}; the external ref is the session id. Thread-safe.
 */
final class PaymentLinks {

    private final StripeApi api;
    private final StripeConfig config;
    private final ConnectorContext context;

    PaymentLinks(StripeApi api, StripeConfig config, ConnectorContext context) {
        this.api = api;
        this.config = config;
        this.context = context;
    }

    ActionResult create(ActionRequest request) {
        JsonNode input = request.input();
        BigDecimal amount = ActionInput.amount(input, "amount");
        if (amount == null) {
            throw ActionFailure.failed("input.amount is required (major units: 19.90)");
        }
        String currency = ActionInput.currency(ActionInput.optionalText(input, "currency"), "currency");
        long minor = ActionInput.minor(amount, currency, "amount");
        String description = ActionInput.text(input, "description");
        String orderId = ActionInput.optionalText(input, "orderId");
        String conversation = conversation(ActionInput.optionalText(input, "conversation"));

        Map<String, String> metadata = new LinkedHashMap<>();
        if (orderId != null) {
            metadata.put(EventMapper.ORDER_ID, orderId);
        }
        if (conversation != null) {
            metadata.put(EventMapper.CONVERSATION, conversation);
        }
        FormBody form = new FormBody()
                .put("mode", "payment")
                .put("line_items[0][quantity]", 1)
                .put("line_items[0][price_data][currency]", currency)
                .put("line_items[0][price_data][unit_amount]", minor)
                .put("line_items[0][price_data][product_data][name]", description)
                .put("success_url", config.successUrl())
                .put("cancel_url", config.cancelUrl())
                .put("client_reference_id", orderId)
                .putAll("metadata", metadata)
                .putAll("payment_intent_data[metadata]", metadata);
        return api.create("/v1/checkout/sessions", form, request.idempotencyKey(), PaymentLinks::created);
    }

    /** The conversation, when it is one the hub has in this tenant: the payment will join it. */
    private String conversation(String written) {
        if (written == null) {
            return null;
        }
        ConversationKey key = ConversationKey.parse(written).orElseThrow(() -> ActionFailure.failed(
                "input.conversation must be written <connection id>:<contact address>"));
        if (context.conversations().get(key).isEmpty()) {
            throw ActionFailure.failed("input.conversation names no conversation of this tenant: " + written);
        }
        return key.toString();
    }

    private static ActionResult created(JsonNode session) {
        String id = session.path("id").asText(null);
        String url = session.path("url").asText(null);
        if (id == null || url == null) {
            return ActionResult.failed("Stripe created a Checkout Session without an id or url");
        }
        ObjectNode output = PluginJson.mapper().createObjectNode().put("url", url).put("id", id);
        JsonNode expires = session.get("expires_at");
        if (expires != null && expires.canConvertToLong()) {
            output.put("expiresAt", Instant.ofEpochSecond(expires.longValue()).toString());
        }
        return new ActionResult.Delivered(id, output);
    }
}
