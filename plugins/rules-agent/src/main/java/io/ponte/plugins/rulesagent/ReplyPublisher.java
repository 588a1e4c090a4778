package io.ponte.plugins.rulesagent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.connector.Emitter;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.GenericPayload;
import io.ponte.api.message.Party;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Builds the agent's envelopes for one inbound message and hands them to the hub. Every draft's {@code externalId}
 * is derived from the inbound message's id ({@code reply:<id>}, {@code handoff:<id>}, {@code intent:<id>}), so a
 * retry, a restart or a duplicate webhook can never produce a second reply or note: the hub drops the repeat.
 */
final class ReplyPublisher {

    /** How long to wait for the hub to store what the agent emitted. */
    static final Duration EMIT_WAIT = Duration.ofSeconds(10);

    private final Emitter emitter;

    ReplyPublisher(Emitter emitter) {
        this.emitter = emitter;
    }

    /** The {@code externalId} of the one reply to an inbound message. */
    static String replyExternalId(Inbound in) {
        return "reply:" + in.id();
    }

    /** A text reply into the message's conversation; the hub sends it through the conversation's channel. */
    EnvelopeDraft reply(Inbound in, String text) {
        return EnvelopeDraft.builder(EnvelopeTypes.MESSAGE_OUTBOUND,
                        ChatMessage.outbound(Party.of(in.cause().conversationAddress()), new Content.Text(text)))
                .conversation(in.key())
                .causationId(in.id())
                .correlationId(in.cause().correlationId())
                .externalId(replyExternalId(in))
                .build();
    }

    /**
     * A {@code conversation.note} on the message's conversation.
     *
     * @param kind what the note records ({@code handoff}, {@code intent}); also the prefix of its externalId
     * @param data the note's data
     */
    EnvelopeDraft note(Inbound in, String kind, ObjectNode data) {
        return EnvelopeDraft.builder(EnvelopeTypes.CONVERSATION_NOTE, new GenericPayload(data))
                .conversation(in.key())
                .causationId(in.id())
                .correlationId(in.cause().correlationId())
                .externalId(kind + ":" + in.id())
                .build();
    }

    /**
     * Emits the drafts and waits until the hub stored them.
     *
     * @return the assigned envelope ids, in order (null for a duplicate the hub already had)
     * @throws NotStored when the hub did not confirm within {@link #EMIT_WAIT} or failed to store them
     */
    List<String> emit(List<EnvelopeDraft> drafts) {
        try {
            List<String> ids = emitter.emit(drafts).toCompletableFuture()
                    .get(EMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (ids == null || ids.size() != drafts.size()) {
                throw new NotStored("the hub answered the emit with " + (ids == null ? "nothing" : ids.size()
                        + " ids for " + drafts.size() + " envelopes"));
            }
            return ids;
        } catch (TimeoutException e) {
            throw new NotStored("the hub did not confirm the reply within " + EMIT_WAIT.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new NotStored("the hub could not store the reply: " + (cause.getMessage() == null
                    ? cause.getClass().getSimpleName() : cause.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotStored("interrupted while the hub stored the reply");
        }
    }

    /** What the hub did not store: the action answers Retry (the same externalIds make the retry safe). */
    static final class NotStored extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotStored(String message) {
            super(message, null, false, false);
        }
    }
}
