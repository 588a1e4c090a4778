package io.ponte.api.conversation;

import io.ponte.api.message.ConversationKey;
import java.util.Objects;

/**
 * A conversation as the hub keeps it: one contact on one channel connection.
 *
 * @param key          which conversation (its channel connection and contact address); never null
 * @param contactName  the display name the channel last gave, or null
 * @param state        who handles it; never null
 * @param messageCount messages in both directions so far
 * @since 2.0.0 (the key is typed; its parts are {@code key.connectionId()} and {@code key.address()})
 */
public record ConversationInfo(ConversationKey key, String contactName, ConversationState state, int messageCount) {
    /** Requires the identity and state. */
    public ConversationInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state");
    }
}
