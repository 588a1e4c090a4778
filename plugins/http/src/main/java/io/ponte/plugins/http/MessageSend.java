package io.ponte.plugins.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.PluginApi;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.action.RetryAfter;
import io.ponte.api.connector.ConnectorMetrics;
import io.ponte.api.message.Envelope;
import io.ponte.api.message.MessageJson;
import io.ponte.kit.ProviderCall;
import io.ponte.kit.ProviderResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code message.send} action: POSTs the input JSON, with the hub's ids merged in, to the connection's URL,
 * signed per Standard Webhooks, and turns the answer into an outcome. Stateless and thread-safe.
 *
 * <p>Outcomes: 2xx delivered; 408, 429 and 5xx (and network errors, timeouts and answers over the size cap)
 * retried, honouring {@code Retry-After}; any other status failed. Reasons name the host only, never the path or
 * query (webhook URLs often carry a token) and never a header value.
 */
final class MessageSend {

    /** The action's name. */
    static final String ACTION = "message.send";

    private static final int BODY_SNIPPET = 200;

    private final HttpConfig config;
    private final WebhookSender sender;
    private final Clock clock;
    private final ConnectorMetrics metrics;
    private final StandardWebhooks signer;

    MessageSend(HttpConfig config, WebhookSender sender, Clock clock, ConnectorMetrics metrics) {
        this.config = config;
        this.sender = sender;
        this.clock = clock;
        this.metrics = metrics;
        this.signer = config.signingKey() == null ? null : new StandardWebhooks(config.signingKey());
    }

    ActionResult send(ActionRequest request) {
        if (config.url() == null) {
            return new ActionResult.Failed("connection has no url configured");
        }
        if (!request.input().isObject()) {
            return new ActionResult.Failed(ACTION + " input must be a JSON object, not "
                    + request.input().getNodeType().name().toLowerCase(Locale.ROOT));
        }
        byte[] body = body((ObjectNode) request.input(), request);
        Instant started = clock.instant();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("user-agent", "Ponte/" + PluginApi.VERSION);
        // The delivery id is stable across retries: the receiver's dedupe key.
        headers.put(StandardWebhooks.ID_HEADER, request.idempotencyKey());
        long timestamp = started.getEpochSecond();
        headers.put(StandardWebhooks.TIMESTAMP_HEADER, Long.toString(timestamp));
        if (signer != null) {
            headers.put(StandardWebhooks.SIGNATURE_HEADER, signer.sign(request.idempotencyKey(), timestamp, body));
        }
        headers.putAll(config.headers());
        // The next hub on the way (perhaps this one) counts this send as one more hop of the chain and stops a loop.
        headers.keySet().removeIf(name -> name.equalsIgnoreCase(Envelope.HOPS_HEADER));
        headers.put(Envelope.HOPS_HEADER, Integer.toString(request.cause() == null ? 1 : request.cause().hops() + 1));

        ActionResult result = post(new WebhookSender.Request(config.url(), headers, body, config.timeout()));
        metrics.record("send.duration", Duration.between(started, clock.instant()),
                "outcome", result.getClass().getSimpleName().toLowerCase(Locale.ROOT));
        return result;
    }

    /** The input's fields plus the hub's ids, which win over same-named input keys (they are not the caller's). */
    private static byte[] body(ObjectNode input, ActionRequest request) {
        ObjectNode body = input.deepCopy();
        body.put("deliveryId", request.idempotencyKey());
        Envelope cause = request.cause();
        if (cause != null) {
            putOrRemove(body, "eventId", cause.id());
            putOrRemove(body, "correlationId", cause.correlationId());
        }
        try {
            return MessageJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // A JsonNode tree always serializes; this would be a Jackson bug.
            throw new IllegalStateException("could not serialize the message.send body", e);
        }
    }

    private static void putOrRemove(ObjectNode body, String field, String value) {
        if (value == null) {
            body.remove(field);
        } else {
            body.put(field, value);
        }
    }

    private ActionResult post(WebhookSender.Request request) {
        return ProviderCall.outcome(config.host(), config.timeout(), () -> sender.post(request), this::outcome);
    }

    private ActionResult outcome(ProviderResponse response) {
        String host = config.host();
        int status = response.status();
        if (status >= 200 && status < 300) {
            JsonNode output = json(response.body());
            JsonNode id = output != null && output.isObject() ? output.get("id") : null;
            return new ActionResult.Delivered(id != null && id.isTextual() ? id.textValue() : null, output);
        }
        if (status == 408 || status == 429 || status >= 500) {
            Duration after = RetryAfter.parse(response.header("retry-after").orElse(null), clock.instant());
            return ActionResult.retryAfter(after, "HTTP " + status + " from " + host);
        }
        String snippet = snippet(response.body());
        return ActionResult.failed("HTTP " + status + " from " + host + (snippet.isEmpty() ? "" : ": " + snippet));
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

    private static String snippet(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        return text.length() <= BODY_SNIPPET ? text : text.substring(0, BODY_SNIPPET);
    }
}
