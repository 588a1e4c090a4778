package io.ponte.plugins.mercadopago;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.message.ConversationKey;
import io.ponte.kit.Emissions;
import io.ponte.kit.PluginJson;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * {@code pix.create}: {@code POST /v1/payments} with {@code payment_method_id=pix}, the expiry, the order as
 * {@code external_reference}, the chat's conversation in {@code metadata} (so the payment's later states land in
 * that conversation) and the delivery id as {@code X-Idempotency-Key} (a retried delivery gets the same payment).
 * Answers the copy-and-paste code, the QR image (base64 PNG), the {@code ticket_url} and the expiry; with a
 * {@code conversation}, also puts the code into the chat ({@link PixMessages}). Stateless and thread-safe.
 */
final class PixCreate {

    /** Mercado Pago's bounds for a PIX expiry: 30 minutes to 30 days. */
    static final long MIN_MINUTES = 30;
    static final long MAX_MINUTES = 30L * 24 * 60;
    /** The expiry when the input names none. */
    static final long DEFAULT_MINUTES = 30;

    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.UTC);
    private static final Duration EMIT_TIMEOUT = Duration.ofSeconds(10);

    private final MercadoPagoClient client;
    private final ConnectorContext context;

    PixCreate(MercadoPagoClient client, ConnectorContext context) {
        this.client = client;
        this.context = context;
    }

    ActionResult create(ActionRequest request) {
        JsonNode in = request.input();
        BigDecimal amount = Inputs.amount(in, "amount");
        String description = Inputs.text(in, "description");
        String payerEmail = Inputs.text(in, "payerEmail");
        long minutes = Inputs.integer(in, "expiresInMinutes", DEFAULT_MINUTES, MIN_MINUTES, MAX_MINUTES);
        String orderId = Inputs.optionalText(in, "orderId");
        ConversationKey conversation = Inputs.conversation(in, "conversation");
        Instant expires = context.clock().instant().plus(Duration.ofMinutes(minutes)).truncatedTo(ChronoUnit.SECONDS);

        ObjectNode body = PluginJson.mapper().createObjectNode();
        body.put("transaction_amount", amount).put("description", description).put("payment_method_id", "pix")
                .put("date_of_expiration", EXPIRY.format(expires));
        body.putObject("payer").put("email", payerEmail);
        if (orderId != null) {
            body.put("external_reference", orderId);
        }
        body.set("metadata", Charges.metadata(conversation, orderId));
        return client.post("/v1/payments", body, request.idempotencyKey(), payment -> {
            String id = NoticeReceiver.text(payment.get("id"));
            JsonNode data = payment.path("point_of_interaction").path("transaction_data");
            String code = NoticeReceiver.text(data.get("qr_code"));
            if (id == null || code == null) {
                return ActionResult.failed("Mercado Pago created no PIX code (the answer has no "
                        + (id == null ? "id" : "point_of_interaction.transaction_data.qr_code") + ")");
            }
            String ticketUrl = NoticeReceiver.text(data.get("ticket_url"));
            String expiresAt = NoticeReceiver.text(payment.get("date_of_expiration"));
            ObjectNode output = PluginJson.mapper().createObjectNode();
            output.put("paymentId", id).put("status", NoticeReceiver.text(payment.get("status")))
                    .put("qrCode", code).put("qrCodeBase64", NoticeReceiver.text(data.get("qr_code_base64")))
                    .put("ticketUrl", ticketUrl).put("expiresAt", expiresAt != null ? expiresAt
                            : EXPIRY.format(expires));
            if (conversation != null) {
                send(conversation, request, new PixMessages.Charge(id, amount, description, code, ticketUrl,
                        expires));
                output.put("conversation", conversation.toString());
            }
            return new ActionResult.Delivered(id, output);
        });
    }

    /**
     * Stores the chat messages before answering. Should that fail, the action is retried: Mercado Pago answers the
     * same payment to the same idempotency key, and the messages' keys store them once.
     */
    private void send(ConversationKey conversation, ActionRequest request, PixMessages.Charge charge) {
        Emissions.await(context.emitter(), PixMessages.drafts(conversation, charge, request.cause()), EMIT_TIMEOUT);
    }
}
