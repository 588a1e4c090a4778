package io.ponte.plugins.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.GenericPayload;
import io.ponte.api.message.Party;
import io.ponte.api.message.Payment;
import io.ponte.plugins.stripe.model.StripeObject;
import java.time.Instant;
import java.util.Map;

/**
 * Turns one Stripe event into one envelope: the payment events into {@code payment.*} with a {@link Payment}, any
 * other type into {@value #STRIPE_EVENT} carrying the whole event. Every envelope has the event id as
 * {@code externalId} (Stripe redelivers an event for days; a success is keyed by its payment, see
 * {@link #externalId}), the event's {@code created} as {@code occurredAt}, and
 * attributes {@code stripeEvent} (the type), {@code amountMinor} (for payments) and {@code metadata.<key>} for each
 * metadata entry. Stateless.
 */
final class EventMapper {

    /** The envelope type of the events the plugin does not map; payload: the event as Stripe sent it. */
    static final String STRIPE_EVENT = "stripe.event";
    /** The metadata key of the order a payment pays. */
    static final String ORDER_ID = "orderId";
    /** The metadata key of the conversation a payment link was created for. */
    static final String CONVERSATION = "conversation";

    private EventMapper() {
    }

    /**
     * The envelope of an event, without its conversation (the receiver joins it).
     *
     * @param event the event, checked to have an id, a type and {@code data.object}
     */
    static EnvelopeDraft.Builder map(String id, String type, JsonNode event) {
        StripeObject object = new StripeObject(event.at("/data/object"));
        Mapped mapped = switch (type) {
            case "payment_intent.succeeded" -> paymentIntent(EnvelopeTypes.PAYMENT_SUCCEEDED, object);
            case "payment_intent.payment_failed" -> paymentIntent(EnvelopeTypes.PAYMENT_FAILED, object);
            case "checkout.session.completed" -> checkoutSession(completedType(object), object);
            case "checkout.session.async_payment_succeeded" ->
                    checkoutSession(EnvelopeTypes.PAYMENT_SUCCEEDED, object);
            case "checkout.session.async_payment_failed" -> checkoutSession(EnvelopeTypes.PAYMENT_FAILED, object);
            case "charge.refunded" -> chargeRefunded(object);
            case "refund.updated", "charge.refund.updated" -> refund(object);
            case "charge.dispute.created" -> dispute(object);
            default -> null;
        };
        EnvelopeDraft.Builder draft;
        if (mapped == null) {
            draft = EnvelopeDraft.builder(STRIPE_EVENT, new GenericPayload(event));
        } else {
            draft = EnvelopeDraft.builder(mapped.type(), mapped.payment());
            draft.attribute("amountMinor", mapped.minor() == null ? null : Long.toString(mapped.minor()));
            mapped.attributes().forEach(draft::attribute);
        }
        draft.externalId(externalId(id, mapped)).attribute("stripeEvent", type)
                .attribute("stripeObject", object.text("id"));
        JsonNode created = event.get("created");
        if (created != null && created.canConvertToLong() && created.longValue() > 0
                && created.longValue() < 253_402_300_800L) {
            draft.occurredAt(Instant.ofEpochSecond(created.longValue()));
        }
        object.metadata().forEach((k, v) -> draft.attribute("metadata." + k, v));
        return draft;
    }

    /**
     * The dedupe key: the event id, except for a success, which is keyed by its payment. One Checkout payment sends
     * both {@code checkout.session.completed} and {@code payment_intent.succeeded}; keyed alike, the hub stores the
     * first and acknowledges the second as a duplicate, so a route on {@code payment.succeeded} runs once. (A payment
     * succeeds once; failures and refunds may repeat, so they keep their event ids.)
     */
    private static String externalId(String eventId, Mapped mapped) {
        return mapped != null && EnvelopeTypes.PAYMENT_SUCCEEDED.equals(mapped.type())
                ? mapped.payment().paymentId() + ":succeeded" : eventId;
    }

    /** The conversation a payment's metadata names, written {@code <connection id>:<address>}, or null. */
    static String conversation(JsonNode event) {
        return new StripeObject(event.at("/data/object")).metadata().get(CONVERSATION);
    }

    private record Mapped(String type, Payment payment, Long minor, Map<String, String> attributes) {
    }

    /** Paid (or nothing to pay) → succeeded; an async method still to settle (boleto, bank debit) → pending. */
    private static String completedType(StripeObject session) {
        String status = session.text("payment_status");
        return "paid".equals(status) || "no_payment_required".equals(status)
                ? EnvelopeTypes.PAYMENT_SUCCEEDED : EnvelopeTypes.PAYMENT_PENDING;
    }

    private static Mapped paymentIntent(String type, StripeObject intent) {
        Long received = intent.integer("amount_received");
        Long minor = EnvelopeTypes.PAYMENT_SUCCEEDED.equals(type) && received != null && received > 0
                ? received : intent.integer("amount");
        StripeObject charge = firstCharge(intent);
        String method = charge == null ? null : charge.at("/payment_method_details/type");
        StripeObject error = intent.object("last_payment_error");
        Map<String, String> attributes = error == null ? Map.of() : attributes(
                "failureCode", error.text("code"), "declineCode", error.text("decline_code"),
                "failureMessage", error.text("message"));
        Party payer = payer(charge == null ? null : charge.at("/billing_details/email"), intent.text("receipt_email"),
                intent.id("customer"), charge == null ? null : charge.at("/billing_details/name"),
                intent.at("/shipping/name"));
        return payment(type, intent, intent.text("id"), intent.text("status"), minor, payer,
                method != null ? method : intent.firstText("payment_method_types"), attributes);
    }

    private static Mapped checkoutSession(String type, StripeObject session) {
        String paymentIntent = session.id("payment_intent");
        Party payer = payer(session.at("/customer_details/email"), session.text("customer_email"),
                session.id("customer"), session.at("/customer_details/name"), null);
        JsonNode methods = session.json().get("payment_method_types");
        String method = methods != null && methods.size() == 1 ? methods.get(0).asText() : null;
        Mapped mapped = payment(type, session, paymentIntent != null ? paymentIntent : session.text("id"),
                session.text("payment_status"), session.integer("amount_total"), payer, method,
                attributes("checkoutSession", session.text("id")));
        if (mapped.payment().orderId() == null && session.text("client_reference_id") != null) {
            Payment p = mapped.payment();
            return new Mapped(type, new Payment(p.paymentId(), p.status(), p.amount(), p.currency(),
                    session.text("client_reference_id"), p.payer(), p.method()), mapped.minor(), mapped.attributes());
        }
        return mapped;
    }

    private static Mapped chargeRefunded(StripeObject charge) {
        String status = charge.flag("refunded") ? "refunded" : "partially_refunded";
        return payment(EnvelopeTypes.PAYMENT_REFUNDED, charge, paymentOf(charge, charge.text("id")), status,
                charge.integer("amount_refunded"), payer(charge.at("/billing_details/email"),
                        charge.text("receipt_email"), charge.id("customer"), charge.at("/billing_details/name"), null),
                charge.at("/payment_method_details/type"), attributes("chargeId", charge.text("id")));
    }

    private static Mapped refund(StripeObject refund) {
        return payment(EnvelopeTypes.PAYMENT_REFUNDED, refund, paymentOf(refund, refund.id("charge")),
                refund.text("status"), refund.integer("amount"), null, null,
                attributes("refundId", refund.text("id"), "chargeId", refund.id("charge"),
                        "refundReason", refund.text("reason")));
    }

    private static Mapped dispute(StripeObject dispute) {
        return payment(EnvelopeTypes.PAYMENT_DISPUTED, dispute, paymentOf(dispute, dispute.id("charge")),
                dispute.text("status"), dispute.integer("amount"), null, null,
                attributes("disputeId", dispute.text("id"), "chargeId", dispute.id("charge"),
                        "disputeReason", dispute.text("reason")));
    }

    /** The PaymentIntent a charge, refund or dispute belongs to, so it links to its payment; else {@code fallback}. */
    private static String paymentOf(StripeObject object, String fallback) {
        String intent = object.id("payment_intent");
        return intent != null ? intent : fallback;
    }

    private static Mapped payment(String type, StripeObject object, String paymentId, String status, Long minor,
                                  Party payer, String method, Map<String, String> attributes) {
        String currency = object.text("currency");
        Map<String, String> metadata = object.metadata();
        String orderId = metadata.getOrDefault(ORDER_ID, metadata.get("order_id"));
        Payment payment = new Payment(paymentId != null ? paymentId : object.text("id"), status,
                minor == null || currency == null ? null : Currencies.major(minor, currency),
                Currencies.code(currency), orderId, payer, method);
        return new Mapped(type, payment, minor, attributes);
    }

    /** The payment's charge: the expanded {@code latest_charge} (newer API versions) or {@code charges.data[0]}. */
    private static StripeObject firstCharge(StripeObject intent) {
        StripeObject latest = intent.object("latest_charge");
        if (latest != null) {
            return latest;
        }
        JsonNode first = intent.json().at("/charges/data/0");
        return first.isObject() ? new StripeObject(first) : null;
    }

    /** Who paid: known by e-mail, else receipt e-mail, else Stripe customer id; null when by none of them. */
    private static Party payer(String email, String receiptEmail, String customer, String name, String otherName) {
        String address = email != null ? email : receiptEmail != null ? receiptEmail : customer;
        return address == null ? null : new Party(address, name != null ? name : otherName);
    }

    private static Map<String, String> attributes(String... pairs) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                map.put(pairs[i], pairs[i + 1]);
            }
        }
        return map;
    }
}
