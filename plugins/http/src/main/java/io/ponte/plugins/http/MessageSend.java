package io.ponte.plugins.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.PluginApi;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.message.Envelope;
import io.ponte.kit.PluginJson;
import io.ponte.kit.Provider;
import io.ponte.kit.ProviderResponse;
import io.ponte.kit.Verdict;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code message.send} action: POSTs the input JSON, with the hub's ids merged in, to the connection's URL,
 * signed per Standard Webhooks, through the kit's {@link Provider} (timeout, size cap, transport errors,
 * {@code Retry-After}, health, metrics). Stateless and thread-safe; returns outcomes, never throws on purpose.
 *
 * <p>Outcomes: 2xx delivered; what {@link Provider#byStatus} retries (408, 425, 429, 5xx, and network errors,
 * timeouts and answers over the size cap) retried; any other status failed, 401 and 403 reporting the connection
 * down. Reasons name the host only, never the path or query (webhook URLs often carry a token) and never a header
 * value.
 */
final class MessageSend {

    private static final int BODY_SNIPPET = 200;

    private final HttpConfig config;
    private final Clock clock;
    private final StandardWebhooks signer;
    private final Provider receiver;

    MessageSend(HttpConfig config, ConnectorContext context) {
        this.config = config;
        this.clock = context.clock();
        this.signer = config.signingKey() == null ? null : new StandardWebhooks(config.signingKey());
        String host = config.host();
        this.receiver = config.url() == null ? null : Provider.builder(context, host)
                .timeout(config.timeout())
                .errors(answer -> classify(host, answer))
                .build();
    }

    ActionResult send(ActionRequest request) {
        if (receiver == null) {
            return ActionResult.failed("connection has no url configured");
        }
        if (!(request.input() instanceof ObjectNode input)) {
            return ActionResult.failed(ActionNames.MESSAGE_SEND + " input must be a JSON object, not "
                    + request.input().getNodeType().name().toLowerCase(Locale.ROOT));
        }
        byte[] body = body(input, request);
        HttpRequest.Builder post = receiver.request(config.url()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        post.header("content-type", "application/json");
        post.header("user-agent", "Ponte/" + PluginApi.VERSION);
        // The delivery id is stable across retries: the receiver's dedupe key.
        post.header(StandardWebhooks.ID_HEADER, request.idempotencyKey());
        long timestamp = clock.instant().getEpochSecond();
        post.header(StandardWebhooks.TIMESTAMP_HEADER, Long.toString(timestamp));
        if (signer != null) {
            post.header(StandardWebhooks.SIGNATURE_HEADER, signer.sign(request.idempotencyKey(), timestamp, body));
        }
        for (Map.Entry<String, String> header : config.headers().entrySet()) {
            if (!header.getKey().equalsIgnoreCase(Envelope.HOPS_HEADER)) {
                post.header(header.getKey(), header.getValue());
            }
        }
        // The next hub on the way (perhaps this one) counts this send as one more hop of the chain and stops a loop.
        post.header(Envelope.HOPS_HEADER, Integer.toString(request.cause() == null ? 1 : request.cause().hops() + 1));
        return receiver.call(post.build(), MessageSend::delivered);
    }

    /**
     * The kit's line between retry and failure, in http's words: a receiver (n8n, a script) explains a refusal in
     * its body, so a failure quotes the start of it.
     */
    static Verdict classify(String host, ProviderResponse answer) {
        Verdict byStatus = Provider.byStatus(host, answer);
        String reason = "HTTP " + answer.status() + " from " + host;
        if (byStatus.result() instanceof ActionResult.Retry) {
            return new Verdict(ActionResult.retry(reason), byStatus.health());
        }
        String snippet = snippet(answer.body());
        return new Verdict(ActionResult.failed(snippet.isEmpty() ? reason : reason + ": " + snippet),
                byStatus.health());
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
        return PluginJson.bytes(body);
    }

    private static void putOrRemove(ObjectNode body, String field, String value) {
        if (value == null) {
            body.remove(field);
        } else {
            body.put(field, value);
        }
    }

    /** The receiver's id (a string {@code id} of a JSON object answer) as the external ref; a JSON answer as output. */
    private static ActionResult delivered(ProviderResponse answer) {
        JsonNode output = answer.json();
        JsonNode id = output != null && output.isObject() ? output.get("id") : null;
        return new ActionResult.Delivered(id != null && id.isTextual() ? id.textValue() : null, output);
    }

    private static String snippet(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        return text.length() <= BODY_SNIPPET ? text : text.substring(0, BODY_SNIPPET);
    }
}
