package io.ponte.plugins.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.PluginJson;
import java.math.BigDecimal;
import java.util.Set;

/**
 * {@code payment.refund}: {@code POST /v1/refunds} for {@code {paymentId, amount?, currency?, reason?}}. The
 * payment is a PaymentIntent ({@code pi_…}, what {@code payment.*} envelopes carry) or a Charge ({@code ch_…});
 * without {@code amount} Stripe refunds what is left. A partial amount is in major units of the payment's currency,
 * which {@code currency} names (as the {@code payment.*} envelope carries it) or, without it, a
 * {@code GET /v1/payment_intents/{id}} ({@code /v1/charges/{id}}) reads first. Output: the
 * refund ({@code id}, {@code status}, {@code amount}, {@code currency}, {@code paymentId}); the external ref is the
 * refund id. Thread-safe.
 */
final class Refunds {

    /** The reasons Stripe takes. */
    static final Set<String> REASONS = Set.of("duplicate", "fraudulent", "requested_by_customer");

    private final StripeApi api;

    Refunds(StripeApi api) {
        this.api = api;
    }

    ActionResult refund(ActionRequest request) {
        JsonNode input = request.input();
        String paymentId = ActionInput.text(input, "paymentId");
        FormBody form = new FormBody();
        if (paymentId.startsWith("pi_")) {
            form.put("payment_intent", paymentId);
        } else if (paymentId.startsWith("ch_") || paymentId.startsWith("py_")) {
            form.put("charge", paymentId);
        } else {
            throw ActionFailure.failed("input.paymentId must be a PaymentIntent (pi_…) or Charge (ch_…) id");
        }
        BigDecimal amount = ActionInput.amount(input, "amount");
        if (amount != null) {
            String currency = ActionInput.optionalText(input, "currency");
            currency = currency != null ? ActionInput.currency(currency, "currency") : currencyOf(paymentId);
            form.put("amount", ActionInput.minor(amount, currency, "amount"));
        }
        String reason = ActionInput.optionalText(input, "reason");
        if (reason != null && !REASONS.contains(reason)) {
            throw ActionFailure.failed("input.reason must be one of " + REASONS.stream().sorted().toList());
        }
        form.put("reason", reason);
        return api.create("/v1/refunds", form, request.idempotencyKey(), Refunds::created);
    }

    /** The payment's currency, read from Stripe: a partial amount in major units needs it to become minor units. */
    private String currencyOf(String paymentId) {
        if (!paymentId.matches("[A-Za-z0-9_]{4,255}")) {
            throw ActionFailure.failed("input.paymentId is not a Stripe id");
        }
        String path = (paymentId.startsWith("pi_") ? "/v1/payment_intents/" : "/v1/charges/") + paymentId;
        return switch (api.retrieve(path)) {
            case ActionResult.Delivered found when found.output().path("currency").isTextual() ->
                    found.output().get("currency").textValue();
            case ActionResult.Delivered found -> throw ActionFailure.failed("Stripe's " + paymentId + " has no currency");
            case ActionResult.Retry retry -> throw ActionFailure.retryAfter(retry.after(), retry.reason());
            case ActionResult.Failed failed -> throw ActionFailure.failed(failed.reason());
        };
    }

    private static ActionResult created(JsonNode refund) {
        String id = refund.path("id").asText(null);
        if (id == null) {
            return ActionResult.failed("Stripe created a refund without an id");
        }
        String currency = refund.path("currency").asText(null);
        ObjectNode output = PluginJson.mapper().createObjectNode().put("id", id)
                .put("status", refund.path("status").asText(null));
        JsonNode amount = refund.get("amount");
        if (amount != null && amount.canConvertToLong() && currency != null) {
            output.put("amount", Currencies.major(amount.longValue(), currency)).put("amountMinor", amount.longValue())
                    .put("currency", Currencies.code(currency));
        }
        String intent = refund.path("payment_intent").asText(null);
        output.put("paymentId", intent != null ? intent : refund.path("charge").asText(null));
        return new ActionResult.Delivered(id, output);
    }
}
