package io.ponte.api.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a conversation's history.
 *
 * @param id         the hub's id of the entry (time-ordered); never null
 * @param direction  {@code inbound} (the contact wrote), {@code outbound} (we wrote) or {@code note} (a record the
 *                   hub or an agent kept: a tool call, a hand-off); never null
 * @param content    for messages the normalized {@link io.ponte.api.message.Content} JSON (with {@code kind}), for
 *                   notes the note's data; never null
 * @param senderName the contact's display name for inbound messages, or null
 * @param status     {@code received}, {@code pending}, {@code sent}, {@code delivered}, {@code read},
 *                   {@code failed} ...; never null
 * @param at         when the hub saw it; never null
 * @param eventId    the envelope it came from (for outbound messages: the one that caused it); never null
 * @since 1.1.0
 */
public record HistoryEntry(String id, Direction direction, JsonNode content, String senderName, String status,
                           Instant at, String eventId) {

    /** Who an entry is from. */
    public enum Direction {
        /** The contact wrote. */ inbound,
        /** We wrote (an agent, a route, a person through the hub, or our account elsewhere). */ outbound,
        /** Not a message: a record kept on the conversation. */ note
    }

    /** Requires every part but the sender name. */
    public HistoryEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(eventId, "eventId");
    }

    /** The text of a text message, or null. */
    public String text() {
        return direction != Direction.note && "text".equals(content.path("kind").asText(null))
                ? content.path("text").asText(null) : null;
    }
}
