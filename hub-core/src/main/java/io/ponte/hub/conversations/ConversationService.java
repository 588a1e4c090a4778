package io.ponte.hub.conversations;

import io.ponte.hub.errors.NotFoundException;
import io.ponte.hub.errors.ValidationException;
import io.ponte.hub.storage.ConversationMessageRow;
import io.ponte.hub.storage.ConversationRow;
import io.ponte.hub.storage.ConversationStore;
import io.ponte.hub.storage.Page;
import java.time.Clock;
import java.util.List;

/**
 * Conversations as admins read and steer them: each contact's thread on each channel, its history, and its state
 * (the hand-off between agent and people). Sending into them is {@link OutboundMessages}.
 *
 * <p>Thread-safe (holds no state of its own). Failures are thrown as {@link ValidationException} or
 * {@link NotFoundException}.
 */
public final class ConversationService {

    /** The states a conversation can be in. */
    public static final List<String> STATES = ConversationStore.STATES;

    private final ConversationStore conversations;
    private final Clock clock;

    public ConversationService(ConversationStore conversations, Clock clock) {
        this.conversations = conversations;
        this.clock = clock;
    }

    /** Newest first (by creation); every filter optional ({@code tenant} null: every tenant's). */
    public Page<ConversationRow> list(String tenant, String connectionId, String address, String state,
                                      Long updatedSince, String cursor, int limit) {
        return conversations.list(tenant, connectionId, address, state, updatedSince, cursor, limit);
    }

    /** @throws NotFoundException when there is no such conversation */
    public ConversationRow get(String id) {
        return conversations.get(id).orElseThrow(() -> new NotFoundException("conversation", id));
    }

    /** A conversation's history, oldest first, from after {@code cursor}. */
    public Page<ConversationMessageRow> messages(String conversationId, String cursor, int limit) {
        return conversations.messages(conversationId, cursor, limit);
    }

    /** A conversation's {@code limit} latest messages, oldest first. */
    public List<ConversationMessageRow> recent(String conversationId, int limit) {
        return conversations.latest(conversationId, limit);
    }

    /**
     * Moves a conversation to another state ({@code human} hands it to people: agents stop answering).
     *
     * @return the conversation as it is now
     */
    public ConversationRow setState(String id, String state) {
        if (state == null || !STATES.contains(state)) {
            throw new ValidationException("state", "must be one of " + STATES);
        }
        conversations.setState(id, state, clock.millis());
        return get(id);
    }
}
