package io.ponte.plugins.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.connector.Emitter;
import io.ponte.api.error.RetriableException;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.GenericPayload;
import io.ponte.api.message.Lead;
import io.ponte.api.message.Party;
import io.ponte.api.message.Payload;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the agent puts into a conversation through the hub's emitter: the reply, notes and qualified leads, each
 * caused by the inbound message and keyed for the hub's dedupe. The reply's external id is always
 * {@code reply:<inbound event id>}, so retries, restarts and duplicate webhooks never send a second reply.
 */
final class ConversationOutput {

    /** How long to wait for the hub to store what was emitted. */
    static final Duration EMIT_WAIT = Duration.ofSeconds(10);

    private final Emitter emitter;

    ConversationOutput(Emitter emitter) {
        this.emitter = emitter;
    }

    static String replyId(Inbound in) {
        return "reply:" + in.cause().id();
    }

    /**
     * Emits the reply (and notes to keep with it, in order) and waits until stored.
     *
     * @return the reply envelope's id, or {@code reply:<cause id>} when the hub already had it
     * @throws RetriableException when the hub could not store it in time
     */
    String reply(Inbound in, String text, List<EnvelopeDraft> notesAfter) {
        EnvelopeDraft reply = draft(in, EnvelopeTypes.MESSAGE_OUTBOUND,
                ChatMessage.outbound(Party.of(in.address()), new Content.Text(text)), replyId(in));
        List<EnvelopeDraft> all = new java.util.ArrayList<>();
        all.add(reply);
        all.addAll(notesAfter);
        List<String> ids = emit(all);
        String id = ids.isEmpty() ? null : ids.get(0);
        return id != null ? id : replyId(in);
    }

    /** A note draft ({@code conversation.note}) with its dedupe key. */
    static EnvelopeDraft note(Inbound in, String externalId, JsonNode data) {
        return draft(in, EnvelopeTypes.CONVERSATION_NOTE, new GenericPayload(data), externalId);
    }

    /** Emits notes now and waits until stored. */
    void notes(List<EnvelopeDraft> notes) {
        if (!notes.isEmpty()) {
            emit(notes);
        }
    }

    /** Emits a {@code lead.qualified}, at most once per conversation ({@code lead:<conversation key>}). */
    void lead(Inbound in, Lead lead) {
        emit(List.of(draft(in, EnvelopeTypes.LEAD_QUALIFIED, lead, "lead:" + in.conversation())));
    }

    private static EnvelopeDraft draft(Inbound in, String type, Payload payload, String externalId) {
        return EnvelopeDraft.builder(type, payload).conversation(in.conversation()).causationId(in.cause().id())
                .correlationId(in.cause().correlationId()).externalId(externalId).build();
    }

    private List<String> emit(List<EnvelopeDraft> drafts) {
        try {
            List<String> ids = emitter.emit(drafts).toCompletableFuture()
                    .get(EMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return ids == null ? List.of() : ids;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("interrupted while the hub stored the agent's output");
        } catch (TimeoutException e) {
            throw new RetriableException("the hub did not store the agent's output within " + EMIT_WAIT.toSeconds()
                    + " s");
        } catch (ExecutionException e) {
            throw new RetriableException("the hub could not store the agent's output: "
                    + (e.getCause() == null ? "unknown" : e.getCause().getClass().getSimpleName()), e.getCause());
        }
    }
}
