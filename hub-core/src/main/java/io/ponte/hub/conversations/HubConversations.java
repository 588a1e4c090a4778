package io.ponte.hub.conversations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.conversation.ConversationInfo;
import io.ponte.api.conversation.ConversationState;
import io.ponte.api.conversation.Conversations;
import io.ponte.api.conversation.HistoryEntry;
import io.ponte.api.message.MessageJson;
import io.ponte.hub.storage.ConversationMessageRow;
import io.ponte.hub.storage.ConversationRow;
import io.ponte.hub.storage.ConversationStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link Conversations} for one connection's context: the store, limited to the connection's tenant. */
public final class HubConversations implements Conversations {

    private final ConversationStore store;
    private final String tenant;
    private final Clock clock;

    public HubConversations(ConversationStore store, String tenant, Clock clock) {
        this.store = store;
        this.tenant = tenant;
        this.clock = clock;
    }

    @Override
    public Optional<ConversationInfo> get(String conversationKey) {
        return row(conversationKey).map(r -> new ConversationInfo(r.conversationKey(), r.connectionId(), r.address(),
                r.contactName(), ConversationState.valueOf(r.state()), r.messageCount()));
    }

    @Override
    public List<HistoryEntry> history(String conversationKey, int limit) {
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be between 1 and 500");
        }
        return row(conversationKey).map(r -> store.latest(r.id(), limit).stream().map(HubConversations::entry)
                .toList()).orElse(List.of());
    }

    @Override
    public boolean setState(String conversationKey, ConversationState state) {
        return row(conversationKey).map(r -> store.setState(r.id(), state.name(), clock.millis())).orElse(false);
    }

    private Optional<ConversationRow> row(String key) {
        if (key == null || key.indexOf(':') <= 0) {
            return Optional.empty();
        }
        return store.get(ConversationStore.idOf(key)).filter(r -> r.tenantId().equals(tenant));
    }

    private static HistoryEntry entry(ConversationMessageRow m) {
        return new HistoryEntry(m.id(), HistoryEntry.Direction.valueOf(m.direction()), json(m.content()),
                m.senderName(), m.status(), Instant.ofEpochMilli(m.createdAt()), m.eventId());
    }

    private static JsonNode json(String text) {
        try {
            return MessageJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            return MessageJson.mapper().getNodeFactory().textNode(text);
        }
    }
}
