package io.ponte.plugins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.connector.Emitter;
import io.ponte.api.error.RetriableException;
import io.ponte.api.message.Content;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.GenericPayload;
import io.ponte.api.message.Lead;
import io.ponte.api.message.Replies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the agent puts into a conversation, built by {@link Replies} and stored with
 * {@link Emitter#emitAndWait}: the one reply per inbound message ({@code reply:<inbound id>}), notes and the
 * qualified lead ({@code lead:<conversation key>}, once per conversation). The keys make retries, restarts and
 * duplicate webhooks safe: the hub stores each at most once.
 */
final class ConversationOutput {

    /** How long to wait for the hub to store what was emitted. */
    static final Duration EMIT_WAIT = Duration.ofSeconds(10);

    private final Emitter emitter;

    ConversationOutput(Emitter emitter) {
        this.emitter = emitter;
    }

    /**
     * Emits the reply (and notes to keep with it, in order) and waits until stored.
     *
     * @return the reply envelope's id, or {@code reply:<cause id>} when the hub already had it
     * @throws RetriableException when the hub could not store it in time
     */
    String reply(Inbound in, String text, List<EnvelopeDraft> notesAfter) {
        List<EnvelopeDraft> all = new ArrayList<>();
        all.add(Replies.reply(in.cause(), new Content.Text(text)));
        all.addAll(notesAfter);
        String id = emitter.emitAndWait(all, EMIT_WAIT).get(0);
        return id != null ? id : Replies.replyKey(in.cause());
    }

    /** A note ({@code conversation.note}) keyed {@code <kind>:<inbound id>}. */
    static EnvelopeDraft note(Inbound in, String kind, JsonNode data) {
        return Replies.note(in.cause(), kind, data);
    }

    /** The note of one tool call, keyed {@code tool:<inbound id>:<call id>}. */
    static EnvelopeDraft toolNote(Inbound in, String callId, JsonNode data) {
        return Replies.inConversation(in.cause(), EnvelopeTypes.CONVERSATION_NOTE, new GenericPayload(data),
                "tool:" + in.cause().id() + ":" + callId);
    }

    /** Emits notes now and waits until stored. */
    void notes(List<EnvelopeDraft> notes) {
        if (!notes.isEmpty()) {
            emitter.emitAndWait(notes, EMIT_WAIT);
        }
    }

    /** Emits a {@code lead.qualified}, at most once per conversation ({@code lead:<conversation key>}). */
    void lead(Inbound in, Lead lead) {
        emitter.emitAndWait(List.of(Replies.inConversation(in.cause(), EnvelopeTypes.LEAD_QUALIFIED, lead,
                "lead:" + in.conversation())), EMIT_WAIT);
    }
}
