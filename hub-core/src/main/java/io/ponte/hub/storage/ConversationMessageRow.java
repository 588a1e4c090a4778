package io.ponte.hub.storage;

/** One row of {@code conversation_messages}: a message of a conversation, either direction. */
public record ConversationMessageRow(String id, String conversationId, String connectionId, String direction,
                                     String eventId, String deliveryId, String externalRef, String status,
                                     int statusRank, String error, String senderName, String content,
                                     long createdAt, long updatedAt) {

    public static final String INBOUND = "inbound";
    public static final String OUTBOUND = "outbound";
    public static final String NOTE = "note";
}
