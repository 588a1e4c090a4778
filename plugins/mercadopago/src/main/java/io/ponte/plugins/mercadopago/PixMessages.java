package io.ponte.plugins.mercadopago;

import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.ConversationKey;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.Party;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The chat messages that hand a PIX charge to a customer: {@code message.outbound} envelopes in the conversation the
 * charge was made for (the hub sends them through that conversation's channel), first the instructions (amount,
 * what it pays, expiry in Brasília time, the {@code ticket_url} page that shows the QR code), then the
 * copy-and-paste code alone, so that a long press copies exactly the code. Keyed {@code pix:<payment id>:<part>}:
 * a retried delivery, which gets the same payment back, stores them once. The QR image is not sent as media:
 * channels send media by public URL, and Mercado Pago gives the image only as base64 (the ticket page shows it).
 * Stateless.
 */
final class PixMessages {

    private static final ZoneId BRASILIA = ZoneId.of("America/Sao_Paulo");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM 'às' HH:mm").withZone(BRASILIA);
    private static final Locale PT_BR = Locale.forLanguageTag("pt-BR");

    /** What the messages say. */
    record Charge(String paymentId, BigDecimal amount, String description, String code, String ticketUrl,
                  Instant expires) {
    }

    private PixMessages() {
    }

    /**
     * The two messages.
     *
     * @param conversation the chat
     * @param charge       the charge
     * @param cause        what the action was invoked for (an agent's inbound message), or null
     */
    static List<EnvelopeDraft> drafts(ConversationKey conversation, Charge charge, Envelope cause) {
        return List.of(draft(conversation, instructions(charge), "pix:" + charge.paymentId() + ":instructions", cause),
                draft(conversation, charge.code(), "pix:" + charge.paymentId() + ":code", cause));
    }

    /** The instructions, in Portuguese: PIX is Brazil's. */
    static String instructions(Charge charge) {
        StringBuilder text = new StringBuilder("Segue o PIX de R$ ").append(brl(charge.amount())).append(" (")
                .append(charge.description()).append(").\n")
                .append("Copie o código da próxima mensagem e cole em \"Pix Copia e Cola\" no app do seu banco.\n")
                .append("Válido até ").append(WHEN.format(charge.expires())).append(" (horário de Brasília).");
        if (charge.ticketUrl() != null) {
            text.append("\nQR Code: ").append(charge.ticketUrl());
        }
        return text.toString();
    }

    private static String brl(BigDecimal amount) {
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(PT_BR)).format(amount);
    }

    private static EnvelopeDraft draft(ConversationKey conversation, String text, String key, Envelope cause) {
        EnvelopeDraft.Builder b = EnvelopeDraft.builder(EnvelopeTypes.MESSAGE_OUTBOUND,
                        ChatMessage.outbound(Party.of(conversation.address()), new Content.Text(text)))
                .conversation(conversation)
                .externalId(key);
        if (cause != null) {
            b.causationId(cause.id()).correlationId(cause.correlationId());
        }
        return b.build();
    }
}
