package io.ponte.hub.conversations;

import io.ponte.api.action.ActionNames;
import io.ponte.hub.json.HubJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.ConversationKey;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.StatusUpdate;
import io.ponte.hub.connections.ConnectionRef;
import io.ponte.hub.storage.ConversationMessageRow;
import io.ponte.hub.storage.ConversationStore;
import io.ponte.hub.storage.ConversationStore.SentMessage;
import io.ponte.hub.storage.ConversationWrites;
import io.ponte.hub.storage.DeliveryRow;
import io.ponte.hub.storage.StorableText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an envelope and its deliveries add to conversations: an inbound chat message (or an echo of one we sent
 * elsewhere) joins its conversation, a {@code conversation.note} joins it as a note; every {@code message.send} delivery with a {@code to} joins the conversation
 * of its target connection and that address; a status report moves the reported message's status. Pure except for
 * {@link #link}, which reads which delivery a status report is about.
 */
public final class ConversationLog {

    private static final int MAX_NAME = 300;

    private final ConversationStore store;
    private final java.util.function.Predicate<String> keepsHistory;

    /** @param keepsHistory whether a connection (by id) keeps the history of its chat messages */
    public ConversationLog(ConversationStore store, java.util.function.Predicate<String> keepsHistory) {
        this.store = store;
        this.keepsHistory = keepsHistory;
    }

    /**
     * Links envelopes to the outbound message they refer to, by the provider's id: a status report then carries
     * the delivery's id (attribute {@code deliveryId}) and continues its chain (causation = the event that made the
     * delivery, same correlation); a contact's reply to one of our messages (its {@code replyTo}) continues the
     * chain and names the conversation that message was relayed from (attributes {@code replyToDelivery},
     * {@code replyToConversation}, {@code replyToConnection}, {@code replyToAddress}), so a route can carry an
     * answer back across channels. One query per request, for all its references.
     */
    public List<EnvelopeDraft> link(ConnectionRef source, List<EnvelopeDraft> drafts) {
        if (!keepsHistory.test(source.id())) {
            return drafts; // its sends left no history rows to find: no query
        }
        Set<String> refs = new LinkedHashSet<>();
        for (EnvelopeDraft d : drafts) {
            String ref = reference(d);
            if (ref != null) {
                refs.add(ref);
            }
        }
        if (refs.isEmpty()) {
            return drafts;
        }
        Map<String, List<SentMessage>> sent = store.sentByRefs(source.id(), refs);
        if (sent.isEmpty()) {
            return drafts;
        }
        List<EnvelopeDraft> out = new ArrayList<>(drafts.size());
        for (EnvelopeDraft d : drafts) {
            String ref = reference(d);
            SentMessage m = ref == null ? null : pick(sent.get(ref), source, d);
            out.add(m == null ? d : linked(d, m));
        }
        return out;
    }

    /** The sent message in the draft's own conversation; without one, only an unambiguous match. */
    private static SentMessage pick(List<SentMessage> candidates, ConnectionRef source, EnvelopeDraft d) {
        if (candidates == null) {
            return null;
        }
        ConversationKey key = d.conversation() != null ? d.conversation()
                : d.conversationAddress() != null && !d.conversationAddress().isBlank()
                ? new ConversationKey(source.id(), d.conversationAddress()) : null;
        if (key == null) {
            return candidates.size() == 1 ? candidates.get(0) : null;
        }
        String conversation = ConversationStore.idOf(key);
        return candidates.stream().filter(c -> conversation.equals(c.conversationId())).findFirst().orElse(null);
    }

    /** The provider id a draft refers to: the reported message of a status, the quoted one of a reply. */
    private static String reference(EnvelopeDraft d) {
        if (d.causationId() != null) {
            return null;
        }
        if (d.payload() instanceof StatusUpdate s) {
            return s.messageId();
        }
        return d.payload() instanceof ChatMessage c && EnvelopeTypes.MESSAGE_INBOUND.equals(d.type()) ? c.replyTo() : null;
    }

    private static EnvelopeDraft linked(EnvelopeDraft d, SentMessage m) {
        Map<String, String> attributes = new java.util.LinkedHashMap<>(d.attributes());
        String correlation = d.correlationId() != null ? d.correlationId() : m.correlationId();
        if (d.payload() instanceof StatusUpdate) {
            put(attributes, "deliveryId", m.deliveryId());
            return new EnvelopeDraft(d.type(), d.externalId(), d.conversationAddress(), d.conversation(),
                    d.occurredAt(), correlation, m.eventId(), d.payload(), attributes, d.followUp());
        }
        put(attributes, "replyToDelivery", m.deliveryId());
        ConversationKey.parse(m.eventConversation()).ifPresent(from -> {
            put(attributes, "replyToConversation", from.toString());
            put(attributes, "replyToConnection", from.connectionId());
            put(attributes, "replyToAddress", from.address());
        });
        return new EnvelopeDraft(d.type(), d.externalId(), d.conversationAddress(), d.conversation(),
                d.occurredAt(), correlation, d.causationId(), d.payload(), attributes, d.followUp());
    }

    private static void put(Map<String, String> attributes, String key, String value) {
        if (value != null) {
            attributes.put(key, value);
        }
    }

    /**
     * The conversation writes of one envelope about to be stored with these deliveries: none for a connection whose
     * history is off (its messages, its sends' status reports, the sends to it).
     */
    public ConversationWrites writes(Envelope e, List<DeliveryRow> deliveries, long now) {
        List<ConversationWrites.Touch> touches = new ArrayList<>(1);
        List<ConversationMessageRow> messages = new ArrayList<>(1);
        List<ConversationWrites.StatusChange> statuses = new ArrayList<>(0);
        ConversationKey key = e.conversation();
        boolean inbound = EnvelopeTypes.MESSAGE_INBOUND.equals(e.type());
        boolean echo = EnvelopeTypes.MESSAGE_ECHO.equals(e.type());
        if (key != null && (inbound || echo) && e.payload() instanceof ChatMessage chat
                && keepsHistory.test(key.connectionId())) {
            String conversation = ConversationStore.idOf(key);
            String name = inbound && chat.from() != null ? StorableText.of(chat.from().name(), MAX_NAME) : null;
            touches.add(new ConversationWrites.Touch(conversation, e.tenant(), key.toString(),
                    key.connectionId(), key.address(), name, now));
            messages.add(new ConversationMessageRow(ConversationStore.messageIdOf(e.id()), conversation,
                    key.connectionId(), inbound ? ConversationMessageRow.INBOUND : ConversationMessageRow.OUTBOUND,
                    e.id(), null, e.externalId(), inbound ? "received" : "sent",
                    ConversationStore.rank(inbound ? "received" : "sent"), null, name, json(chat.content()), now, now));
        }
        if (key != null && EnvelopeTypes.CONVERSATION_NOTE.equals(e.type())
                && e.payload() instanceof io.ponte.api.message.GenericPayload note
                && keepsHistory.test(key.connectionId())) {
            String conversation = ConversationStore.idOf(key);
            touches.add(new ConversationWrites.Touch(conversation, e.tenant(), key.toString(),
                    key.connectionId(), key.address(), null, now));
            messages.add(new ConversationMessageRow(ConversationStore.messageIdOf(e.id()), conversation,
                    key.connectionId(), ConversationMessageRow.NOTE, e.id(), null, null, "received",
                    ConversationStore.rank("received"), null, null, note.data().toString(), now, now));
        }
        if (e.payload() instanceof StatusUpdate s && keepsHistory.test(e.source())) {
            String status = s.status().wire();
            String error = s.status() == StatusUpdate.Status.FAILED ? error(s) : null;
            statuses.add(new ConversationWrites.StatusChange(e.source(),
                    key == null ? null : ConversationStore.idOf(key), s.messageId(), status,
                    ConversationStore.rank(status), error, now));
        }
        for (DeliveryRow d : deliveries) {
            if (!ActionNames.MESSAGE_SEND.equals(d.action()) || !keepsHistory.test(d.targetConnection())) {
                continue;
            }
            JsonNode input = parse(d.input());
            JsonNode to = input == null ? null : input.get("to");
            if (to == null || !to.isTextual() || to.textValue().isBlank()) {
                continue;
            }
            ConversationKey target = new ConversationKey(d.targetConnection(), to.textValue());
            String conversation = ConversationStore.idOf(target);
            touches.add(new ConversationWrites.Touch(conversation, e.tenant(), target.toString(), d.targetConnection(),
                    to.textValue(), null, now));
            messages.add(new ConversationMessageRow(ConversationStore.messageIdOf(d.id()), conversation,
                    d.targetConnection(), ConversationMessageRow.OUTBOUND, e.id(), d.id(), null, "pending",
                    ConversationStore.rank("pending"), null, null, outboundContent(input), now, now));
        }
        return touches.isEmpty() && statuses.isEmpty() ? ConversationWrites.NONE
                : new ConversationWrites(touches, messages, statuses);
    }

    /** The normalized content of a send: its {@code content}, else its {@code text}, else the input as it is. */
    private static String outboundContent(JsonNode input) {
        JsonNode content = input.get("content");
        if (content != null && content.isObject() && content.has("kind")) {
            return content.toString();
        }
        ObjectNode out = HubJson.mapper().createObjectNode();
        JsonNode text = input.get("text");
        if (text != null && text.isTextual()) {
            out.put("kind", "text").put("text", text.textValue());
        } else {
            out.put("kind", "unsupported").put("type", ActionNames.MESSAGE_SEND).set("raw", input);
        }
        return out.toString();
    }

    private static String error(StatusUpdate s) {
        if (s.errorCode() == null && s.errorMessage() == null) {
            return null;
        }
        String text = (s.errorCode() == null ? "" : s.errorCode() + ": ") + (s.errorMessage() == null ? "" : s.errorMessage());
        return StorableText.of(text, 2000);
    }

    private static JsonNode parse(String json) {
        try {
            return HubJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String json(Object value) {
        try {
            return HubJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("content cannot be serialized: " + e.getOriginalMessage());
        }
    }
}
