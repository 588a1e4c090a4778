package io.ponte.api.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One thing that moves through the hub: an inbound message, a status update, an order change, a reply an agent
 * wants sent. Immutable; the hub assigns {@code id}, {@code tenant} and {@code source} when it accepts an
 * {@link EnvelopeDraft} from a plugin.
 *
 * <p>JSON form for a text chat message:
 * <pre>{@code
 * {"id":"evt_01J...","tenant":"default","type":"message.inbound","source":"con_01J...","externalId":"m1",
 *  "conversation":"con_01J...:5511999990001","occurredAt":"2026-01-01T10:00:00Z",
 *  "payload":{"kind":"chat","from":{"address":"5511999990001","name":"Ana"},"content":{"kind":"text","text":"oi"}},
 *  "attributes":{}}
 * }</pre>
 *
 * @param id            hub-assigned, time-ordered id ({@code evt_} + ULID); never null once accepted
 * @param tenant        the owning tenant's id ({@code default} until tenants exist)
 * @param type          what happened, see {@link EnvelopeTypes}; never null
 * @param source        the id of the connection the envelope came from; never null
 * @param externalId    the provider's own id; together with {@code source} the dedupe key. Null when the provider has
 *                      none (then the envelope is never deduplicated)
 * @param conversation  the conversation it belongs to (written {@code <channel connection id>:<contact address>}),
 *                      or null
 * @param occurredAt    when the provider says it happened (falls back to receipt time); never null
 * @param correlationId the id shared by every envelope of one chain across hops; defaults to the first envelope's id
 * @param causationId   the id of the envelope that directly caused this one, or null for an original event
 * @param payload       the typed body; never null
 * @param attributes    string extras for routing and provider details; never null, may be empty
 * @param hops          how many hub hops came before this envelope in its chain: 0 for an original event, the cause's
 *                      hops + 1 for an envelope a connector emits because of another, and what the {@value #HOPS_HEADER}
 *                      header of a webhook says (the hub's own HTTP sends set it). The hub stops routing an envelope
 *                      at its hop limit, so two systems that feed each other cannot loop forever. Never negative.
 *                      {@since 1.2.0}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Envelope(
        String id,
        String tenant,
        String type,
        String source,
        String externalId,
        ConversationKey conversation,
        Instant occurredAt,
        String correlationId,
        String causationId,
        Payload payload,
        Map<String, String> attributes,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int hops) {

    /**
     * The HTTP header that carries {@link #hops()} across the hub's own HTTP hops: a connector that POSTs an envelope
     * to a URL (which may be another hub's, or this hub's, webhook) sends {@code hops + 1}.
     *
     * @since 1.2.0
     */
    public static final String HOPS_HEADER = "Ponte-Hops";

    /** Validates the invariants above and copies {@code attributes} defensively. */
    public Envelope {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        if (hops < 0) {
            throw new IllegalArgumentException("hops must not be negative");
        }
    }

    /** An envelope that starts a chain ({@code hops} 0). */
    public Envelope(String id, String tenant, String type, String source, String externalId,
                    ConversationKey conversation,
                    Instant occurredAt, String correlationId, String causationId, Payload payload,
                    Map<String, String> attributes) {
        this(id, tenant, type, source, externalId, conversation, occurredAt, correlationId, causationId, payload,
                attributes, 0);
    }
}
