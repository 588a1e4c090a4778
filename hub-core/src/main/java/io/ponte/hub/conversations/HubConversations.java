package io.ponte.hub.conversations;

import io.ponte.hub.json.HubJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.conversation.ConversationInfo;
import io.ponte.api.conversation.ConversationState;
import io.ponte.api.conversation.Conversations;
import io.ponte.api.conversation.HistoryEntry;
import io.ponte.api.conversation.MessageStatus;
import io.ponte.api.message.Content;
import io.ponte.api.message.ConversationKey;
import io.ponte.hub.storage.ConversationMessageRow;
import io.ponte.hub.storage.ConversationRow;
import io.ponte.hub.storage.ConversationStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
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
    public Optional<ConversationInfo> get(ConversationKey conversation) {
        return row(conversation).map(r -> new ConversationInfo(conversation, r.contactName(),
                ConversationState.valueOf(r.state().toUpperCase(Locale.ROOT)), r.messageCount()));
    }

    @Override
    public List<HistoryEntry> history(ConversationKey conversation, int limit) {
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be between 1 and 500");
        }
        return row(conversation).map(r -> store.latest(r.id(), limit).stream().map(HubConversations::entry)
                .toList()).orElse(List.of());
    }

    @Override
    public boolean setState(ConversationKey conversation, ConversationState state) {
        return row(conversation).map(r -> store.setState(r.id(), state.wire(), clock.millis())).orElse(false);
    }

    private Optional<ConversationRow> row(ConversationKey key) {
        if (key == null) {
            return Optional.empty();
        }
        return store.get(ConversationStore.idOf(key)).filter(r -> r.tenantId().equals(tenant));
    }

    private static HistoryEntry entry(ConversationMessageRow m) {
        HistoryEntry.Direction direction = HistoryEntry.Direction.valueOf(m.direction().toUpperCase(Locale.ROOT));
        JsonNode stored = json(m.content());
        Content content = direction == HistoryEntry.Direction.NOTE ? null : content(stored);
        return new HistoryEntry(m.id(), direction, content, direction == HistoryEntry.Direction.NOTE ? stored : null,
                m.senderName(), MessageStatus.of(m.status()), Instant.ofEpochMilli(m.createdAt()), m.eventId());
    }

    /** A stored message's content; one the model no longer reads (written by an older hub) reads as its text. */
    private static Content content(JsonNode stored) {
        try {
            Content content = HubJson.mapper().treeToValue(stored, Content.class);
            if (content != null) {
                return content;
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // fall through: keep the history readable
        }
        return new Content.Text(stored.isTextual() ? stored.textValue() : stored.toString());
    }

    private static JsonNode json(String text) {
        try {
            return HubJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            return HubJson.mapper().getNodeFactory().textNode(text);
        }
    }
}
