package io.ponte.kit.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.conversation.HistoryEntry;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.ConversationKey;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.kit.Emissions;
import io.ponte.kit.PluginJson;
import io.ponte.kit.Replies;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One inbound chat message an agent answers, in its conversation, and what the agent keeps to go with its answer:
 * notes ({@link #note}) and output ({@link #output}). Made by {@link AgentProtocol} for one {@code agent.reply};
 * not thread-safe (one thread runs one turn).
 */
public final class Turn {

    private final ConnectorContext context;
    private final Envelope inbound;
    private final ChatMessage message;
    private final String contactName;
    private final List<EnvelopeDraft> notes = new ArrayList<>();
    private final ObjectNode output = PluginJson.mapper().createObjectNode();

    Turn(ConnectorContext context, Envelope inbound, String knownContactName) {
        this.context = context;
        this.inbound = inbound;
        this.message = (ChatMessage) inbound.payload();
        String own = message.from() == null ? null : blankToNull(message.from().name());
        this.contactName = own != null ? own : blankToNull(knownContactName);
    }

    /** Whether {@code cause} is what an agent answers: a {@code message.inbound} chat message in a conversation. */
    static boolean answerable(Envelope cause) {
        return cause != null && EnvelopeTypes.MESSAGE_INBOUND.equals(cause.type())
                && cause.payload() instanceof ChatMessage && cause.conversation() != null;
    }

    /** The {@code message.inbound} envelope being answered (the action's cause); never null. */
    public Envelope inbound() {
        return inbound;
    }

    /** Its chat message; never null. */
    public ChatMessage message() {
        return message;
    }

    /** The conversation; never null. */
    public ConversationKey conversation() {
        return inbound.conversation();
    }

    /** The contact's address: the sender's, else the conversation's; never null. */
    public String address() {
        return message.from() != null && message.from().address() != null ? message.from().address()
                : conversation().address();
    }

    /** The contact's display name: the message's, else the one the hub knows for the conversation; or null. */
    public String contactName() {
        return contactName;
    }

    /** What the contact sent; never null. */
    public Content content() {
        return message.content();
    }

    /** The text of a text message, or null for any other content. */
    public String text() {
        return message.content() instanceof Content.Text t ? t.text() : null;
    }

    /** The tenant the message belongs to. */
    public String tenant() {
        return inbound.tenant() != null ? inbound.tenant() : context.tenant();
    }

    /**
     * The conversation's history before this message, oldest first. The hub stores a message before an agent runs,
     * so it is normally there: the history is cut at it, and what is newer (a message that arrived meanwhile, this
     * agent's earlier reply to it) is not part of this turn, so a retry sees what the first attempt saw.
     *
     * @param limit how many of the newest entries to read (1 to 500), this message's own among them
     * @return the entries before this message; all of them when the hub has not stored it
     */
    public List<HistoryEntry> historyBefore(int limit) {
        List<HistoryEntry> history = context.conversations().history(conversation(), limit);
        for (int i = history.size() - 1; i >= 0; i--) {
            HistoryEntry e = history.get(i);
            if (e.direction() == HistoryEntry.Direction.INBOUND && Objects.equals(inbound.id(), e.eventId())) {
                return List.copyOf(history.subList(0, i));
            }
        }
        return List.copyOf(history);
    }

    /**
     * Keeps a note ({@code conversation.note}, keyed {@code <kind>:<inbound id>}) to be stored with the answer,
     * after the reply.
     *
     * @param kind what it records ({@code usage}, {@code intent} ...); unique among this turn's notes
     * @param data the note's data
     * @return this turn
     */
    public Turn note(String kind, JsonNode data) {
        notes.add(Replies.note(inbound, kind, data));
        return this;
    }

    /**
     * Stores envelopes now, before the answer, and waits until they are durable (a tool call's note, a qualified
     * lead). Build them with {@link Replies} and keys that make a retry's copies duplicates.
     *
     * @throws io.ponte.kit.ActionFailure a retry when the hub did not store them in time
     */
    public void emit(List<EnvelopeDraft> drafts) {
        if (!drafts.isEmpty()) {
            Emissions.await(context.emitter(), drafts, AgentProtocol.EMIT_WAIT);
        }
    }

    /** The action's output, which the answer completes ({@code reply}, {@code handoff}, {@code skipped}). */
    public ObjectNode output() {
        return output;
    }

    /** The notes kept for the answer, in order. */
    List<EnvelopeDraft> notes() {
        return List.copyOf(notes);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
