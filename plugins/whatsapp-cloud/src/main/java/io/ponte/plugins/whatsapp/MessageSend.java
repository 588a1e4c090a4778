package io.ponte.plugins.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.action.SendInput;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.ConnectorMetrics;
import io.ponte.api.connector.Health;
import io.ponte.api.error.PermanentException;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.MessageJson;
import io.ponte.kit.ProviderCall;
import io.ponte.kit.ProviderResponse;
import io.ponte.plugins.meta.GraphError;
import io.ponte.plugins.whatsapp.model.Json;
import io.ponte.plugins.whatsapp.model.OutboundMessage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The {@code message.send} and {@code message.read} actions: build the {@code /messages} request, post it and turn
 * the answer into an outcome. WhatsApp's Cloud API accepts no idempotency key, so a retry after a lost answer may
 * send twice; the dispatcher only retries on timeouts, network errors, 5xx and rate limits. Every answer that
 * accepts or refuses the access token is reported to the hub as the connection's health. Thread-safe.
 */
final class MessageSend {

    /** The send action. */
    static final String SEND = "message.send";
    /** The mark-as-read action. */
    static final String READ = "message.read";

    private final WhatsAppClient client;
    private final ConnectorContext context;
    private final Clock clock;
    private final ConnectorMetrics metrics;

    MessageSend(WhatsAppClient client, ConnectorContext context) {
        this.client = client;
        this.context = context;
        this.clock = context.clock();
        this.metrics = context.metrics();
    }

    ActionResult send(ActionRequest request) {
        ObjectNode body;
        try {
            body = OutboundMessage.send(SendInput.parse(request.input()));
        } catch (PermanentException | OutboundMessage.InvalidInputException e) {
            return ActionResult.failed(e.getMessage());
        }
        return post(SEND, body, true);
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
        ActionResult result = post(READ, OutboundMessage.read(messageId), false);
        return result instanceof ActionResult.Delivered d ? new ActionResult.Delivered(messageId, d.output()) : result;
    }

    private ActionResult post(String action, ObjectNode body, boolean expectId) {
        Instant started = clock.instant();
        ActionResult result = call(body, expectId);
        metrics.record("send.duration", Duration.between(started, clock.instant()), "action", action,
                "outcome", result.getClass().getSimpleName().toLowerCase(Locale.ROOT));
        return result;
    }

    private ActionResult call(ObjectNode body, boolean expectId) {
        return ProviderCall.outcome("the Graph API", () -> client.postMessage(body),
                response -> outcome(response, expectId));
    }

    private ActionResult outcome(ProviderResponse response, boolean expectId) {
        if (response.successful()) {
            context.reportHealth(Health.up("messages accepted by the Graph API"));
            JsonNode output = json(response.body());
            String id = expectId && output != null ? Json.text(output.path("messages").path(0), "id") : null;
            return new ActionResult.Delivered(id, output);
        }
        GraphError error = GraphError.parse(response.status(), response.body());
        GraphOutcome.Verdict verdict = GraphOutcome.of(error, response.header("retry-after").orElse(null),
                clock.instant());
        if (verdict.authRejected()) {
            context.reportHealth(Health.down("access token rejected by the Graph API (code " + error.code()
                    + "): renew accessToken"));
        }
        return verdict.result();
    }

    private static JsonNode json(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = MessageJson.mapper().readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException e) {
            return null;
        }
    }
}
