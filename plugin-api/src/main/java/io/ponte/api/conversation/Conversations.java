package io.ponte.api.conversation;

import io.ponte.api.message.ConversationKey;
import java.util.List;
import java.util.Optional;

/**
 * The hub's conversations, for connectors that take part in them (agents): read one, read its history, change who
 * handles it. Limited to the connection's own tenant; every call is a database round trip. Thread-safe.
 *
 * @since 1.1.0
 */
public interface Conversations {

    /**
     * @param conversation the conversation, as on {@link io.ponte.api.message.Envelope#conversation()}
     * @return the conversation, if the hub has it (and it belongs to this tenant)
     */
    Optional<ConversationInfo> get(ConversationKey conversation);

    /**
     * The newest entries of a conversation's history, oldest first.
     *
     * @param conversation the conversation
     * @param limit        at most this many (1 to 500)
     * @return the entries; empty for an unknown conversation
     */
    List<HistoryEntry> history(ConversationKey conversation, int limit);

    /**
     * Changes who handles a conversation (an agent handing it to a human, say).
     *
     * @return false when there is no such conversation
     */
    boolean setState(ConversationKey conversation, ConversationState state);
}
