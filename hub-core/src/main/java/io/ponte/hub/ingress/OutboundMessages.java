package io.ponte.hub.ingress;

import io.ponte.api.action.ActionNames;
import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.message.ChatMessage;
import io.ponte.api.message.Content;
import io.ponte.api.message.ConversationKey;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.Party;
import io.ponte.hub.connections.ConnectionRef;
import io.ponte.hub.connections.LiveConnections;
import io.ponte.hub.connections.EnvelopeSink;
import io.ponte.hub.connections.LiveConnection;
import io.ponte.hub.errors.ConflictException;
import io.ponte.hub.errors.NotFoundException;
import io.ponte.hub.errors.ValidationException;
import io.ponte.hub.storage.ConversationRow;
import io.ponte.hub.storage.ConversationStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Messages people and integrators send through the admin API ({@code POST /api/v1/messages}, {@code POST
 * /api/v1/conversations/{id}/messages}): each becomes a {@code message.outbound} envelope of the channel connection,
 * stored durably and delivered through the outbox like an agent's reply (ordered within its conversation, retried,
 * in the history). An idempotency key makes a repeated request store nothing new.
 */
public final class OutboundMessages {

    private static final long STORE_TIMEOUT_MS = 15_000;

    private final LiveConnections connections;
    private final ConversationStore conversations;
    private final EnvelopeSink sink;
    private final Function<JsonNode, Content> contentReader;

    /**
     * @param contentReader how a request's {@code content} becomes {@link Content}: the admin API's strict JSON reader,
     *                      whose errors name the field (passed in so that this feature does not depend on the HTTP
     *                      package)
     */
    public OutboundMessages(LiveConnections connections, ConversationStore conversations, EnvelopeSink sink,
                            Function<JsonNode, Content> contentReader) {
        this.connections = connections;
        this.conversations = conversations;
        this.sink = sink;
        this.contentReader = contentReader;
    }

    /** What to send: text, or normalized content (which wins), optionally quoting a provider message id. */
    public record Body(String text, JsonNode content, String replyTo) {
    }

    /**
     * @param event      the stored envelope's id, or null when the idempotency key was used before
     * @param conversation the conversation it joins
     */
    public record Accepted(String event, String conversation, boolean duplicate) {
    }

    /** Sends into an existing conversation, to its contact. */
    public Accepted toConversation(String conversationId, Body body, String idempotencyKey) {
        ConversationRow c = conversations.get(conversationId)
                .orElseThrow(() -> new NotFoundException("conversation", conversationId));
        return send(c.connectionId(), c.address(), body, idempotencyKey);
    }

    /** Sends through a channel connection to an address (opening the conversation if new). */
    public Accepted toAddress(String connectionId, String to, Body body, String idempotencyKey,
                              java.util.function.Predicate<String> visibleTenant) {
        List<ValidationException.FieldError> errors = new ArrayList<>();
        if (connectionId == null || connectionId.isBlank()) {
            errors.add(new ValidationException.FieldError("connection", "is required: the channel connection to send through"));
        }
        if (to == null || to.isBlank()) {
            errors.add(new ValidationException.FieldError("to", "is required: the contact's address on that channel"));
        } else {
            EnvelopeFactory.check(errors, "to", to.strip(), EnvelopeFactory.MAX_ADDRESS);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        if (!connections.exists(connectionId) || !visibleTenant.test(connections.ref(connectionId).tenant())) {
            throw new NotFoundException("connection", connectionId);
        }
        return send(connectionId, to.strip(), body, idempotencyKey);
    }

    private Accepted send(String connectionId, String address, Body body, String idempotencyKey) {
        Content content = content(body);
        LiveConnection live = connections.live(connectionId).orElse(null);
        if (live != null && live.connector().descriptor().action(ActionNames.MESSAGE_SEND).isEmpty()) {
            throw new ConflictException("connector " + live.ref().connectorType() + " cannot send messages (it "
                    + "offers no message.send)");
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw new ValidationException("Idempotency-Key", "must be 1 to 200 characters");
        }
        ConnectionRef source = live != null ? live.ref() : connections.ref(connectionId);
        ConversationKey key = new ConversationKey(connectionId, address);
        EnvelopeDraft draft = EnvelopeDraft.builder(EnvelopeTypes.MESSAGE_OUTBOUND,
                        new ChatMessage(null, Party.of(address), content, blankToNull(body.replyTo())))
                .conversation(key)
                .externalId(idempotencyKey == null ? null : "api:" + idempotencyKey)
                .attribute("sentBy", "admin-api")
                .build();
        List<String> ids;
        try {
            ids = sink.accept(source, List.of(draft)).toCompletableFuture().get(STORE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while storing the message; retry");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof ValidationException refused) {
                throw refused;
            }
            throw new UnavailableException("storage is unavailable; retry with the same Idempotency-Key");
        } catch (Exception e) {
            throw new UnavailableException("storage is unavailable; retry with the same Idempotency-Key");
        }
        String id = ids.isEmpty() ? null : ids.get(0);
        return new Accepted(id, ConversationStore.idOf(key), id == null);
    }

    private Content content(Body body) {
        if (body.content() != null && !body.content().isNull()) {
            Content c = contentReader.apply(body.content());
            if (c instanceof Content.Text t) {
                checkLength("content.text", t.text());
            }
            return c;
        }
        if (body.text() == null || body.text().isBlank()) {
            throw new ValidationException("text", "is required (or content): nothing to send");
        }
        checkLength("text", body.text());
        return new Content.Text(body.text());
    }

    /** The same limit as for text arriving by webhook. */
    private static void checkLength(String field, String text) {
        if (text.codePointCount(0, text.length()) > Content.Text.MAX_LENGTH) {
            throw new ValidationException(field, "must be at most " + Content.Text.MAX_LENGTH + " characters long "
                    + "(the hub's limit for message text)");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
