package io.ponte.hub.storage;

/** One row of {@code conversations}. */
public record ConversationRow(String id, String tenantId, String conversationKey, String connectionId,
                              String address, String contactName, String state, int messageCount,
                              long lastMessageAt, long createdAt, long updatedAt) {
}
