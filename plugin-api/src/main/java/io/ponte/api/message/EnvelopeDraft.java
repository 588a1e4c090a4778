package io.ponte.api.message;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a plugin hands the hub: an envelope without the hub-assigned parts. The hub adds the id, the tenant, the
 * source connection and the conversation key ({@code <source>:<conversationAddress>}, or the explicit
 * {@code conversation} for replies into another channel's conversation).
 *
 * @param type                the envelope type, see {@link EnvelopeTypes}; required
 * @param externalId          the provider's id for dedupe; null if the provider has none
 * @param conversationAddress the contact's address on this connection's channel (phone, chat id, ...), or null
 * @param conversation        an explicit conversation; wins over {@code conversationAddress}. Used when a
 *                            plugin (an agent, say) answers into a conversation that lives on another connection
 * @param occurredAt          when it happened at the provider; null means "when received"
 * @param correlationId       the chain id, or null to inherit from the causing envelope (or to start a chain)
 * @param causationId         the id of the envelope that caused this one, or null
 * @param payload             the typed body; required
 * @param attributes          string extras; null means none
 * @param followUp            what the hub runs later on this connection once the envelope is stored (a fetch of the
 *                            resource a thin notice names), or null; see {@link FollowUp} {@since 2.1.0}
 */
public record EnvelopeDraft(
        String type,
        String externalId,
        String conversationAddress,
        ConversationKey conversation,
        Instant occurredAt,
        String correlationId,
        String causationId,
        Payload payload,
        Map<String, String> attributes,
        FollowUp followUp) {

    /** Checks the required parts and copies {@code attributes}. */
    public EnvelopeDraft {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** A draft without a follow-up (the form of 2.0). */
    public EnvelopeDraft(String type, String externalId, String conversationAddress, ConversationKey conversation,
                         Instant occurredAt, String correlationId, String causationId, Payload payload,
                         Map<String, String> attributes) {
        this(type, externalId, conversationAddress, conversation, occurredAt, correlationId, causationId, payload,
                attributes, null);
    }

    /** This draft with a follow-up. @since 2.1.0 */
    public EnvelopeDraft withFollowUp(FollowUp value) {
        return new EnvelopeDraft(type, externalId, conversationAddress, conversation, occurredAt, correlationId,
                causationId, payload, attributes, value);
    }

    /** Starts a draft of the given type and payload. */
    public static Builder builder(String type, Payload payload) {
        return new Builder(type, payload);
    }

    /** A fluent builder; every setter is optional. Not thread-safe. */
    public static final class Builder {
        private final String type;
        private final Payload payload;
        private String externalId;
        private String conversationAddress;
        private ConversationKey conversation;
        private Instant occurredAt;
        private String correlationId;
        private String causationId;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private FollowUp followUp;

        private Builder(String type, Payload payload) {
            this.type = type;
            this.payload = payload;
        }

        /** The provider's id, the dedupe key together with the source connection. */
        public Builder externalId(String value) {
            this.externalId = value;
            return this;
        }

        /** The contact's address on this connection's channel; the hub derives the conversation key from it. */
        public Builder conversationAddress(String value) {
            this.conversationAddress = value;
            return this;
        }

        /** A full conversation key, for answers into a conversation held by another connection. */
        public Builder conversation(ConversationKey value) {
            this.conversation = value;
            return this;
        }

        /** When it happened at the provider. */
        public Builder occurredAt(Instant value) {
            this.occurredAt = value;
            return this;
        }

        /** The chain id. */
        public Builder correlationId(String value) {
            this.correlationId = value;
            return this;
        }

        /** The id of the causing envelope. */
        public Builder causationId(String value) {
            this.causationId = value;
            return this;
        }

        /** Adds one attribute; null values are ignored. */
        public Builder attribute(String key, String value) {
            if (value != null) {
                attributes.put(key, value);
            }
            return this;
        }

        /** Builds the immutable draft. */
        /** What the hub runs later on this connection once the envelope is stored. @since 2.1.0 */
        public Builder followUp(FollowUp value) {
            this.followUp = value;
            return this;
        }

        public EnvelopeDraft build() {
            return new EnvelopeDraft(type, externalId, conversationAddress, conversation, occurredAt, correlationId,
                    causationId, payload, attributes, followUp);
        }
    }
}
