package io.ponte.plugins.whatsapp;

import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.kit.SendInput;
import io.ponte.plugins.meta.GraphApi;
import io.ponte.plugins.whatsapp.model.Json;
import io.ponte.plugins.whatsapp.model.OutboundMessage;

/**
 * The {@code message.send} and {@code message.read} actions: build the {@code /{phoneNumberId}/messages} body and
 * post it; {@link GraphApi} turns the answer into an outcome. WhatsApp's Cloud API accepts no idempotency key, so
 * a retry after a lost answer may send twice; the dispatcher only retries on timeouts, network errors, 5xx and rate
 * limits. An input WhatsApp would refuse fails without a call ({@link io.ponte.kit.ActionFailure} from the
 * parsing). Thread-safe.
 */
final class MessageSend {

    private final GraphApi graph;
    private final String messages;

    MessageSend(GraphApi graph, WhatsAppConfig config) {
        this.graph = graph;
        this.messages = config.phoneNumberId() + "/messages";
    }

    ActionResult send(ActionRequest request) {
        return graph.post(messages, OutboundMessage.send(SendInput.parse(request.input())), output ->
                new ActionResult.Delivered(output == null ? null : Json.text(output.path("messages").path(0), "id"),
                        output));
    }

    /** Marks the contact's message read: {@code messageId} from the input, else the causing inbound message's id. */
    ActionResult read(ActionRequest request) {
        String messageId = request.input().isObject() ? Json.text(request.input(), "messageId") : null;
        Envelope cause = request.cause();
        if (messageId == null && cause != null && EnvelopeTypes.MESSAGE_INBOUND.equals(cause.type())) {
            messageId = cause.externalId();
        }
        if (messageId == null || messageId.isBlank()) {
            return ActionResult.failed("\"messageId\" is required: the wamid of the contact's message");
        }
        String read = messageId;
        return graph.post(messages, OutboundMessage.read(read), output -> new ActionResult.Delivered(read, output));
    }
}
