package io.ponte.plugins.mercadopago;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.message.ConversationKey;
import io.ponte.kit.PluginJson;
import java.math.BigDecimal;

/**
 * {@code payment.link.create} (a Checkout Pro preference, {@code POST /checkout/preferences}: one item of the
 * amount, the order as {@code external_reference}, the chat's conversation in {@code metadata}) and
 * {@code payment.refund} ({@code POST /v1/payments/{id}/refunds}, whole or partial). Both send the delivery id as
 * {@code X-Idempotency-Key}. Stateless and thread-safe.
 */
final class Charges {

    private final MercadoPagoClient client;

    Charges(MercadoPagoClient client) {
        this.client = client;
    }

    /** The metadata of a charge: the conversation it was made in and the order, where given. */
    static ObjectNode metadata(ConversationKey conversation, String orderId) {
        ObjectNode metadata = PluginJson.mapper().createObjectNode();
        if (conversation != null) {
            metadata.put(PaymentEnvelopes.CONVERSATION, conversation.toString());
        }
        if (orderId != null) {
            metadata.put("order_id", orderId);
        }
        return metadata;
    }

    ActionResult link(ActionRequest request) {
        JsonNode in = request.input();
        BigDecimal amount = Inputs.amount(in, "amount");
        String description = Inputs.text(in, "description");
        long quantity = Inputs.integer(in, "quantity", 1, 1, 10_000);
        String payerEmail = Inputs.optionalText(in, "payerEmail");
        String orderId = Inputs.optionalText(in, "orderId");
        ConversationKey conversation = Inputs.conversation(in, "conversation");

        ObjectNode body = PluginJson.mapper().createObjectNode();
        body.putArray("items").addObject().put("title", description).put("quantity", quantity)
                .put("unit_price", amount);
        if (payerEmail != null) {
            body.putObject("payer").put("email", payerEmail);
        }
        if (orderId != null) {
            body.put("external_reference", orderId);
        }
        body.set("metadata", metadata(conversation, orderId));
        return client.post("/checkout/preferences", body, request.idempotencyKey(), preference -> {
            String id = NoticeReceiver.text(preference.get("id"));
            String url = NoticeReceiver.text(preference.get("init_point"));
            if (id == null || url == null) {
                return ActionResult.failed("Mercado Pago created no checkout link (the answer has no id or "
                        + "init_point)");
            }
            ObjectNode output = PluginJson.mapper().createObjectNode().put("id", id).put("url", url)
                    .put("sandboxUrl", NoticeReceiver.text(preference.get("sandbox_init_point")));
            return new ActionResult.Delivered(id, output);
        });
    }

    ActionResult refund(ActionRequest request) {
        JsonNode in = request.input();
        String paymentId = Inputs.text(in, "paymentId");
        if (!MercadoPagoClient.validId(paymentId)) {
            return ActionResult.failed("paymentId must be 1 to 64 letters, digits, '_' or '-'");
        }
        BigDecimal amount = Inputs.optionalAmount(in, "amount");
        ObjectNode body = PluginJson.mapper().createObjectNode();
        if (amount != null) {
            body.put("amount", amount);
        }
        return client.post(PaymentFetch.paymentPath(paymentId) + "/refunds", body, request.idempotencyKey(),
                refund -> {
                    String id = NoticeReceiver.text(refund.get("id"));
                    ObjectNode output = PluginJson.mapper().createObjectNode().put("refundId", id)
                            .put("paymentId", paymentId).put("status", NoticeReceiver.text(refund.get("status")));
                    output.set("amount", refund.get("amount"));
                    return new ActionResult.Delivered(id, output);
                });
    }
}
