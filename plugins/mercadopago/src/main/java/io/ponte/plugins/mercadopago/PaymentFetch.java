package io.ponte.plugins.mercadopago;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Emitter;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.Payment;
import io.ponte.kit.Emissions;
import io.ponte.kit.PluginJson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The follow-ups of thin notices: {@value #PAYMENT_FETCH} reads {@code GET /v1/payments/{id}} and
 * {@value #ORDER_FETCH} reads {@code GET /v1/orders/{id}}, then each emits the state as a {@code payment.*} envelope
 * ({@link PaymentEnvelopes}) and answers once the hub stored it. A failed call is the action's outcome: 404 (an id
 * Mercado Pago does not know) fails, so the delivery goes dead and shows in the deliveries; 429 and 5xx retry on the
 * connection's schedule. Stateless and thread-safe.
 */
final class PaymentFetch {

    /** Fetches a payment a notice named. Input {@code {"paymentId"}}. */
    static final String PAYMENT_FETCH = "payment.fetch";
    /** Fetches an order a notice named. Input {@code {"orderId"}}. */
    static final String ORDER_FETCH = "order.fetch";

    private static final Duration EMIT_TIMEOUT = Duration.ofSeconds(10);

    private final MercadoPagoClient client;
    private final Emitter emitter;

    PaymentFetch(MercadoPagoClient client, Emitter emitter) {
        this.client = client;
        this.emitter = emitter;
    }

    static String paymentPath(String id) {
        return "/v1/payments/" + id;
    }

    static String orderPath(String id) {
        return "/v1/orders/" + id;
    }

    ActionResult payment(ActionRequest request) {
        return fetch(request, "paymentId", PaymentFetch::paymentPath, PaymentEnvelopes::payment,
                PaymentEnvelopes.PAYMENT_STATUSES);
    }

    ActionResult order(ActionRequest request) {
        return fetch(request, "orderId", PaymentFetch::orderPath, PaymentEnvelopes::order,
                PaymentEnvelopes.ORDER_STATUSES);
    }

    private ActionResult fetch(ActionRequest request, String field, Function<String, String> path,
                               Function<JsonNode, Payment> read, Map<String, String> types) {
        String id = NoticeReceiver.text(request.input().get(field));
        if (!MercadoPagoClient.validId(id)) {
            return ActionResult.failed(field + " must be 1 to 64 letters, digits, '_' or '-'");
        }
        return client.get(path.apply(id), json -> {
            if (NoticeReceiver.text(json.get("id")) == null) {
                return ActionResult.failed("Mercado Pago answered for " + id + " without an id");
            }
            Payment payment = read.apply(json);
            String type = payment.status() == null ? null : types.get(payment.status());
            if (type == null) {
                return ActionResult.failed("Mercado Pago reported status '" + payment.status() + "' for " + id
                        + ", which this connector does not map to a payment.* envelope");
            }
            EnvelopeDraft draft = PaymentEnvelopes.draft(type, payment, json, request.cause());
            Emissions.await(emitter, List.of(draft), EMIT_TIMEOUT);
            return new ActionResult.Delivered(draft.externalId(), PluginJson.mapper().createObjectNode()
                    .put("type", type).set("payment", PluginJson.mapper().valueToTree(payment)));
        });
    }
}
