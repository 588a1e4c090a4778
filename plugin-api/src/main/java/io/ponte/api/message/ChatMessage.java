package io.ponte.api.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * A chat message in either direction.
 *
 * @param from    the sender; for inbound messages the contact, for outbound ones null (the channel's own identity)
 * @param to      the recipient; for outbound messages the contact (may be null when the conversation names it)
 * @param content what was said; never null
 * @param replyTo the provider id of the message this one answers or quotes, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatMessage(Party from, Party to, Content content, String replyTo) implements Payload {
    /** Requires content. */
    public ChatMessage {
        Objects.requireNonNull(content, "content");
    }

    /** An inbound message from a contact. */
    public static ChatMessage inbound(Party from, Content content) {
        return new ChatMessage(from, null, content, null);
    }

    /** An outbound message to a contact. */
    public static ChatMessage outbound(Party to, Content content) {
        return new ChatMessage(null, to, content, null);
    }
}
