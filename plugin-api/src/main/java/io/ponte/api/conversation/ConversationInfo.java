package io.ponte.api.conversation;

import java.util.Objects;

/**
 * A conversation as the hub keeps it: one contact on one channel connection.
 *
 * @param key          {@code <channel connection id>:<contact address>}; never null
 * @param connectionId the channel connection; never null
 * @param address      the contact's address on that channel; never null
 * @param contactName  the display name the channel last gave, or null
 * @param state        who handles it; never null
 * @param messageCount messages in both directions so far
 * @since 1.1.0
 */
public record ConversationInfo(String key, String connectionId, String address, String contactName,
                               ConversationState state, int messageCount) {
    /** Requires the identity and state. */
    public ConversationInfo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
    }
}
