package io.ponte.plugins.mercadopago;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.message.ConversationKey;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.Party;
import io.ponte.api.message.Payment;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a fetched payment or order becomes: a {@code payment.*} envelope by its status, its {@link Payment} payload
 * ({@code payment_method_id} as method, {@code external_reference} as orderId), keyed {@code <id>:<status>} so the
 * same state fetched twice is stored once and a new state again, in the conversation its {@code metadata.conversation}
 * names (written there by {@code pix.create} or {@code payment.link.create}), continuing the notice's chain.
 * Stateless.
 */
final class PaymentEnvelopes {

    /** Mercado Pago's payment statuses and the envelope each becomes. */
    static final Map<String, String> PAYMENT_STATUSES = Map.ofEntries(
            Map.entry("approved", EnvelopeTypes.PAYMENT_SUCCEEDED),
            Map.entry("pending", EnvelopeTypes.PAYMENT_PENDING),
            Map.entry("in_process", EnvelopeTypes.PAYMENT_PENDING),
            Map.entry("authorized", EnvelopeTypes.PAYMENT_PENDING),
            Map.entry("rejected", EnvelopeTypes.PAYMENT_FAILED),
            Map.entry("cancelled", EnvelopeTypes.PAYMENT_FAILED),
            Map.entry("refunded", EnvelopeTypes.PAYMENT_REFUNDED),
            Map.entry("charged_back", EnvelopeTypes.PAYMENT_REFUNDED),
            Map.entry("in_mediation", EnvelopeTypes.PAYMENT_DISPUTED));

    /** The Orders API's statuses and the envelope each becomes. */
    static final Map<String, String> ORDER_STATUSES = Map.ofEntries(
            Map.entry("processed", EnvelopeTypes.PAYMENT_SUCCEEDED),
            Map.entry("created", EnvelopeTypes.PAYMENT_PENDING),
            Map.entry("processing", EnvelopeTypes.PAYMENT_PENDING),
            Map.entry("action_required", EnvelopeTypes.PAYMENT_PENDING),
            Map.entry("failed", EnvelopeTypes.PAYMENT_FAILED),
            Map.entry("canceled", EnvelopeTypes.PAYMENT_FAILED),
            Map.entry("expired", EnvelopeTypes.PAYMENT_FAILED),
            Map.entry("refunded", EnvelopeTypes.PAYMENT_REFUNDED),
            Map.entry("charged_back", EnvelopeTypes.PAYMENT_REFUNDED));

    /** The metadata key that carries the written {@link ConversationKey} of the chat a charge was made in. */
    static final String CONVERSATION = "conversation";

    private PaymentEnvelopes() {
    }

    /** The payload of a {@code /v1/payments/{id}} answer. */
    static Payment payment(JsonNode p) {
        JsonNode payer = p.path("payer");
        String name = join(NoticeReceiver.text(payer.get("first_name")), NoticeReceiver.text(payer.get("last_name")));
        String address = Optional.ofNullable(NoticeReceiver.text(payer.get("email")))
                .orElse(NoticeReceiver.text(payer.get("id")));
        return new Payment(NoticeReceiver.text(p.get("id")), status(p), amount(p.get("transaction_amount"), NoticeReceiver.text(p.get("currency_id"))),
                NoticeReceiver.text(p.get("currency_id")), NoticeReceiver.text(p.get("external_reference")),
                address == null ? null : new Party(address, name), NoticeReceiver.text(p.get("payment_method_id")));
    }

    /** The payload of a {@code /v1/orders/{id}} answer: the order as one payment, by its first transaction's method. */
    static Payment order(JsonNode o) {
        String email = NoticeReceiver.text(o.path("payer").get("email"));
        return new Payment(NoticeReceiver.text(o.get("id")), status(o), amount(o.get("total_amount"), null), null,
                NoticeReceiver.text(o.get("external_reference")), email == null ? null : Party.of(email),
                NoticeReceiver.text(o.path("transactions").path("payments").path(0).path("payment_method").get("id")));
    }

    /**
     * The envelope of a fetched state.
     *
     * @param type    the envelope type (from the status)
     * @param payment the payload
     * @param source  the fetched JSON (for metadata and details)
     * @param notice  the notice that asked for the fetch, or null (an admin's direct call)
     */
    static EnvelopeDraft draft(String type, Payment payment, JsonNode source, Envelope notice) {
        EnvelopeDraft.Builder b = EnvelopeDraft.builder(type, payment)
                .externalId(payment.paymentId() + ":" + payment.status())
                .attribute("statusDetail", NoticeReceiver.text(source.get("status_detail")))
                .attribute("paymentType", NoticeReceiver.text(source.get("payment_type_id")));
        conversation(source).ifPresent(key -> b.conversation(key)
                .attribute("conversationConnection", key.connectionId())
                .attribute("conversationAddress", key.address()));
        if (notice != null) {
            b.causationId(notice.id()).correlationId(notice.correlationId());
        }
        return b.build();
    }

    /** The conversation the charge's metadata names, when it names one well-formed. */
    static Optional<ConversationKey> conversation(JsonNode source) {
        String written = NoticeReceiver.text(source.path("metadata").get(CONVERSATION));
        return written == null ? Optional.empty() : ConversationKey.parse(written);
    }

    private static String status(JsonNode node) {
        String status = NoticeReceiver.text(node.get("status"));
        return status == null ? null : status.toLowerCase(Locale.ROOT);
    }

    /**
     * An amount in major units, with at least its currency's decimals: Mercado Pago writes {@code 189.9}, a
     * customer reads {@code 189.90} (and CLP keeps none).
     */
    private static BigDecimal amount(JsonNode node, String currency) {
        BigDecimal amount;
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            amount = node.decimalValue();
        } else {
            try {
                amount = new BigDecimal(node.asText().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        int digits = fractionDigits(currency);
        return amount.scale() < digits ? amount.setScale(digits) : amount;
    }

    private static int fractionDigits(String currency) {
        try {
            return currency == null ? 0 : Math.max(0, java.util.Currency.getInstance(currency.toUpperCase(Locale.ROOT))
                    .getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    private static String join(String first, String last) {
        if (first == null) {
            return last;
        }
        return last == null ? first : first + " " + last;
    }
}
