package io.ponte.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.conversation.ConversationInfo;
import io.ponte.api.conversation.ConversationState;
import io.ponte.api.conversation.Conversations;
import io.ponte.api.conversation.HistoryEntry;
import io.ponte.api.conversation.MessageStatus;
import io.ponte.api.message.ConversationKey;
import io.ponte.api.message.Content;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * In-memory {@link Conversations} for agent tests: put a conversation, add history, read back the state an agent
 * set. Thread-safe.
 *
 * @since 1.1.0
 */
public final class TestConversations implements Conversations {

    private final Map<ConversationKey, ConversationInfo> conversations = new ConcurrentHashMap<>();
    private final Map<ConversationKey, List<HistoryEntry>> history = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** Adds or replaces a conversation. */
    public TestConversations put(ConversationInfo info) {
        conversations.put(info.key(), info);
        return this;
    }

    /** Adds a conversation of this key in state {@code open} if absent, and returns it. */
    public ConversationInfo open(ConversationKey key, String contactName) {
        return conversations.computeIfAbsent(key, k -> new ConversationInfo(k, contactName, ConversationState.OPEN,
                0));
    }

    /** Appends a text message to a conversation's history (opening it if needed). */
    public HistoryEntry addText(ConversationKey key, HistoryEntry.Direction direction, String text, Instant at) {
        return add(key, direction, new Content.Text(text), null, at);
    }

    /** Appends a note with its data to a conversation's history (opening it if needed). */
    public HistoryEntry addNote(ConversationKey key, JsonNode data, Instant at) {
        return add(key, HistoryEntry.Direction.NOTE, null, data, at);
    }

    /** Appends a message of any content to a conversation's history (opening it if needed). */
    public HistoryEntry add(ConversationKey key, HistoryEntry.Direction direction, Content content, JsonNode note,
                            Instant at) {
        ConversationInfo info = open(key, null);
        long n = ids.incrementAndGet();
        boolean inbound = direction == HistoryEntry.Direction.INBOUND;
        HistoryEntry e = new HistoryEntry("msg_TEST" + n, direction, content, note,
                inbound ? info.contactName() : null,
                inbound || direction == HistoryEntry.Direction.NOTE ? MessageStatus.RECEIVED : MessageStatus.SENT, at,
                "evt_TEST" + n);
        history.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(e);
        conversations.computeIfPresent(key, (k, c) -> new ConversationInfo(c.key(), c.contactName(), c.state(),
                c.messageCount() + 1));
        return e;
    }

    @Override
    public Optional<ConversationInfo> get(ConversationKey conversationKey) {
        return Optional.ofNullable(conversations.get(conversationKey));
    }

    @Override
    public List<HistoryEntry> history(ConversationKey conversationKey, int limit) {
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be between 1 and 500");
        }
        List<HistoryEntry> all = history.getOrDefault(conversationKey, List.of());
        return new ArrayList<>(all.subList(Math.max(0, all.size() - limit), all.size()));
    }

    @Override
    public boolean setState(ConversationKey conversationKey, ConversationState state) {
        return conversations.computeIfPresent(conversationKey, (k, c) -> new ConversationInfo(c.key(),
                c.contactName(), state, c.messageCount())) != null;
    }
}
