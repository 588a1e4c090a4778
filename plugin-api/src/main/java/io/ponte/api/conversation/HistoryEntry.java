package io.ponte.api.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.message.Content;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry of a conversation's history: a message (with its {@link Content}) or a note (with its data).
 *
 * @param id         the hub's id of the entry (time-ordered); never null
 * @param direction  who it is from; never null
 * @param content    what a message says; never null for {@link Direction#INBOUND} and {@link Direction#OUTBOUND},
 *                   null for a note
 * @param note       a note's data (a tool call, a hand-off, usage); never null for {@link Direction#NOTE}, null for
 *                   a message
 * @param senderName the contact's display name for inbound messages, or null
 * @param status     where the message stands ({@link MessageStatus#RECEIVED} for notes); never null
 * @param at         when the hub saw it; never null
 * @param eventId    the envelope it came from (for outbound messages: the one that caused it); never null
 * @since 2.0.0 (typed content and status)
 */
public record HistoryEntry(String id, Direction direction, Content content, JsonNode note, String senderName,
                           MessageStatus status, Instant at, String eventId) {

    /** Who an entry is from. Written in lower case. */
    public enum Direction {
        /** The contact wrote. */ INBOUND,
        /** We wrote (an agent, a route, a person through the hub, or our account elsewhere). */ OUTBOUND,
        /** Not a message: a record kept on the conversation. */ NOTE;

        /** The written form: the name in lower case. */
        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Requires every part but the sender name, and content for messages, data for notes. */
    public HistoryEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(eventId, "eventId");
        if (direction == Direction.NOTE) {
            Objects.requireNonNull(note, "note");
        } else {
            Objects.requireNonNull(content, "content");
        }
    }

    /** The text of a text message, or null for any other content and for notes. */
    public String text() {
        return content instanceof Content.Text t ? t.text() : null;
    }
}
