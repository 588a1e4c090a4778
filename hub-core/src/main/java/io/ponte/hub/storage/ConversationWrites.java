package io.ponte.hub.storage;

import java.util.List;

/**
 * What one stored event changes in conversations, applied in the inbox's transaction only if the event is new.
 *
 * @param touches  conversations to create if absent and to count a message on
 * @param messages history rows to add
 * @param statuses status reports on messages we sent
 */
public record ConversationWrites(List<Touch> touches, List<ConversationMessageRow> messages,
                                 List<StatusChange> statuses) {

    public static final ConversationWrites NONE = new ConversationWrites(List.of(), List.of(), List.of());

    public ConversationWrites {
        touches = List.copyOf(touches);
        messages = List.copyOf(messages);
        statuses = List.copyOf(statuses);
    }

    public boolean isEmpty() {
        return touches.isEmpty() && messages.isEmpty() && statuses.isEmpty();
    }

    /** A message in conversation {@code id}; {@code contactName} (or null) updates the contact's display name. */
    public record Touch(String id, String tenantId, String key, String connectionId, String address,
                        String contactName, long at) {
    }

    /**
     * A provider's report on the message it knows as {@code externalRef} on {@code connectionId} (in conversation
     * {@code conversationId}, when the report names one). Applied only when it moves the status forward
     * ({@code rank} above the stored one).
     */
    public record StatusChange(String connectionId, String conversationId, String externalRef, String status, int rank,
                               String error, long at) {
    }
}
