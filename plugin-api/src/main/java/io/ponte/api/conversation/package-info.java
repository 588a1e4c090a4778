/**
 * Conversations as agents see them: {@link io.ponte.api.conversation.Conversations} (from
 * {@link io.ponte.api.connector.ConnectorContext#conversations()}) reads a conversation, its history
 * ({@link io.ponte.api.conversation.HistoryEntry}) and changes its
 * {@link io.ponte.api.conversation.ConversationState}.
 *
 * @since 1.1.0
 */
package io.ponte.api.conversation;
