package io.ponte.kit;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.GenericPayload;
import io.ponte.api.message.Party;
import io.ponte.api.message.Payload;
import java.util.Objects;

/**
 * The envelopes an agent puts into the conversation of an inbound message, keyed so that the hub stores each at most
 * once per inbound message (it dedupes on the agent connection + {@code externalId}): retries, restarts and
 * duplicate webhooks can never produce a second reply.
 *
 * <ul>
 *   <li>{@link #reply}: {@code message.outbound}, externalId {@code reply:<inbound id>}; the hub sends it through
 *       the conversation's channel;</li>
 *   <li>{@link #note}: {@code conversation.note}, externalId {@code <kind>:<inbound id>}; joins the history as a
 *       note (tool calls, hand-offs, usage);</li>
 *   <li>{@link #inConversation}: any other envelope type with the same chain and conversation (a
 *       {@code lead.qualified}, say), keyed as the caller chooses.</li>
 * </ul>
 * Each continues the inbound message's chain (causation = its id, same correlation id). Emit them with
 * {@link Emissions#await}.
 *
 */
public final class Replies {

    private Replies() {
    }

    /** The externalId of the one reply to {@code inbound}. */
    public static String replyKey(Envelope inbound) {
        return "reply:" + inbound.id();
    }

    /**
     * The reply to an inbound message.
     *
     * @param inbound the message being answered (an agent's {@code ActionRequest.cause()}); must be in a
     *                conversation
     * @param content what to say
     */
    public static EnvelopeDraft reply(Envelope inbound, Content content) {
        requireConversation(inbound);
        return inConversation(inbound, EnvelopeTypes.MESSAGE_OUTBOUND,
                ChatMessage.outbound(Party.of(inbound.conversation().address()), content), replyKey(inbound));
    }

    /**
     * A note on the inbound message's conversation.
     *
     * @param kind what it records ({@code handoff}, {@code tool}, {@code usage} ...); with the inbound id its key,
     *             so make it unique per note of one message ({@code tool:<call id>})
     * @param data the note's data
     */
    public static EnvelopeDraft note(Envelope inbound, String kind, JsonNode data) {
        return inConversation(inbound, EnvelopeTypes.CONVERSATION_NOTE, new GenericPayload(data),
                kind + ":" + inbound.id());
    }

    /** An envelope of any type in the inbound message's conversation and chain, with the caller's dedupe key. */
    public static EnvelopeDraft inConversation(Envelope inbound, String type, Payload payload, String externalId) {
        requireConversation(inbound);
        return EnvelopeDraft.builder(type, payload)
                .conversation(inbound.conversation())
                .causationId(inbound.id())
                .correlationId(inbound.correlationId())
                .externalId(externalId)
                .build();
    }

    private static void requireConversation(Envelope inbound) {
        Objects.requireNonNull(inbound, "inbound");
        if (inbound.conversation() == null) {
            throw new IllegalArgumentException("envelope " + inbound.id() + " belongs to no conversation");
        }
    }
}
