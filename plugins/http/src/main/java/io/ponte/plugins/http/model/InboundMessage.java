package io.ponte.plugins.http.model;

import io.ponte.api.message.ConversationKey;
import io.ponte.api.message.EnvelopeTypes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One message of an inbound webhook body, validated. JSON form:
 * <pre>{@code
 * {"id":"m1","from":"5511999990001","name":"Ana","text":"oi","conversation":"5511999990001",
 *  "occurredAt":"2026-01-01T10:00:00Z","attachments":[{"url":"https://...","type":"image"}],
 *  "attributes":{"source":"crm"}}
 * }</pre>
 * With {@code "type":"message.outbound"} it is a reply pushed into a conversation held by another connection:
 * then {@code conversation} is a full conversation key ({@code <connectionId>:<address>}) and {@code from} is not
 * needed.
 *
 * @param type         {@link EnvelopeTypes#MESSAGE_INBOUND} (the default) or {@link EnvelopeTypes#MESSAGE_OUTBOUND};
 *                     never null
 * @param id           the sender's message id, the dedupe key; never null
 * @param from         the contact's address; never null for inbound messages, null or ignored for outbound ones
 * @param name         the contact's display name, or null
 * @param address      the contact address an inbound message threads on (its {@code conversation}, else
 *                     {@code from}); null for outbound ones
 * @param conversation the conversation an outbound reply goes into; null for inbound ones
 * @param text         the text, or null for an attachment-only inbound message
 * @param occurredAt   when it happened at the sender, or null
 * @param attachments  the attachments, in order; never null
 * @param attributes   string extras copied onto every envelope; never null
 */
public record InboundMessage(String type, String id, String from, String name, String address,
                             ConversationKey conversation, String text, Instant occurredAt,
                             List<InboundAttachment> attachments, Map<String, String> attributes) {

    /** Requires the type and id; copies the collections (null means empty). */
    public InboundMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** Whether this is a reply pushed into another connection's conversation. */
    public boolean isOutbound() {
        return EnvelopeTypes.MESSAGE_OUTBOUND.equals(type);
    }
}
