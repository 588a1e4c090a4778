package io.ponte.plugins.instagram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.action.RetryAfter;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.ConnectorMetrics;
import io.ponte.api.connector.Health;
import io.ponte.api.message.MessageJson;
import io.ponte.kit.ProviderCall;
import io.ponte.kit.ProviderResponse;
import io.ponte.plugins.meta.GraphError;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * Sends one Send API body and turns Meta's answer into an outcome. Thread-safe.
 *
 * <ul>
 *   <li>2xx: {@code Delivered(message_id)} with Meta's answer as output.</li>
 *   <li>code 10 with subcode 2018278 or 2534022 (outside the messaging window), 551 (user unavailable), 100 with
 *       subcode 2018001 or 2534014 (no matching user): failed, with that explanation.</li>
 *   <li>rate limits (4, 17, 32, 613, HTTP 429): retry after {@code Retry-After} or the
 *       {@code X-Business-Use-Case-Usage} estimate, else on the backoff schedule.</li>
 *   <li>190, 102, 104, 10, 200-299 and other OAuth errors: failed, and the connection reported down
 *       ({@link ConnectorContext#reportHealth}); every 2xx reports it up (the hub ignores repeats).</li>
 *   <li>1, 2, 5xx, network errors, timeouts and answers over the size cap: retry. Anything else: failed with
 *       Meta's message.</li>
 * </ul>
 * Reasons name Meta's code, message and trace id; never the token.
 */
final class SendOutcome {

    private static final Set<Integer> OUTSIDE_WINDOW = Set.of(2018278, 2534022);
    private static final Set<Integer> NO_SUCH_USER = Set.of(2018001, 2534014);

    private final InstagramClient client;
    private final ConnectorContext context;
    private final Clock clock;
    private final ConnectorMetrics metrics;
    private final String host;

    SendOutcome(InstagramClient client, ConnectorContext context, String host) {
        this.client = client;
        this.context = context;
        this.clock = context.clock();
        this.metrics = context.metrics();
        this.host = host;
    }

    ActionResult send(ObjectNode body) {
        Instant started = clock.instant();
        ActionResult result = call(body);
        metrics.record("send.duration", Duration.between(started, clock.instant()),
                "outcome", result.getClass().getSimpleName().toLowerCase(Locale.ROOT));
        return result;
    }

    private ActionResult call(ObjectNode body) {
        return ProviderCall.outcome("the Send API at " + host, () -> client.sendMessage(body), this::outcome);
    }

    private ActionResult outcome(ProviderResponse response) {
        if (response.successful()) {
            context.reportHealth(Health.up("the Send API accepts the access token"));
            return delivered(response);
        }
        return failure(response);
    }

    private static ActionResult delivered(ProviderResponse response) {
        JsonNode output = null;
        try {
            output = response.body().length == 0 ? null : MessageJson.mapper().readTree(response.body());
        } catch (IOException e) {
            // A 2xx with an unreadable body still means Meta took the message.
        }
        JsonNode id = output == null ? null : output.get("message_id");
        return new ActionResult.Delivered(id != null && id.isTextual() ? id.textValue() : null,
                output != null && output.isObject() ? output : null);
    }

    private ActionResult failure(ProviderResponse response) {
        GraphError error = GraphError.parse(response.status(), response.body());
        int code = error.code();
        if (code == 10 && OUTSIDE_WINDOW.contains(error.subcode())) {
            return ActionResult.failed("outside Instagram's messaging window: the contact has not written in the "
                    + "last 24 hours (HUMAN_AGENT tag: 7 days, where approved); " + error.describe());
        }
        if (code == 551) {
            return ActionResult.failed("the Instagram user is unavailable (blocked messages, deactivated or "
                    + "restricted account); " + error.describe());
        }
        if (code == 100 && NO_SUCH_USER.contains(error.subcode())) {
            return ActionResult.failed("no Instagram user matches this recipient id (use the IGSID from the "
                    + "contact's webhook); " + error.describe());
        }
        // 104 (no token at all) is an OAuth failure GraphError does not classify as one.
        GraphError.Kind kind = code == 104 ? GraphError.Kind.AUTH : error.kind();
        return switch (kind) {
            case RATE_LIMITED -> ActionResult.retryAfter(requestedWait(response),
                    "rate limited by Meta; " + error.describe());
            case AUTH -> {
                String reason = "Meta rejected the access token or its permissions; " + error.describe();
                context.reportHealth(Health.down(reason));
                yield ActionResult.failed(reason);
            }
            case TRANSIENT -> ActionResult.retryAfter(requestedWait(response), error.describe());
            case PERMANENT -> ActionResult.failed(error.describe());
        };
    }

    /**
     * How long Meta asks us to wait: the {@code Retry-After} header when present, otherwise the largest
     * {@code estimated_time_to_regain_access} (minutes) of the {@code X-Business-Use-Case-Usage} header Graph sends
     * with throttling errors; null when it names none (then the connection's backoff applies).
     */
    private Duration requestedWait(ProviderResponse response) {
        Duration header = response.header("retry-after").map(v -> RetryAfter.parse(v, clock.instant())).orElse(null);
        if (header != null) {
            return header;
        }
        return response.header("x-business-use-case-usage").map(SendOutcome::usageEstimate).orElse(null);
    }

    /**
     * {@code {"<id>":[{"type":"instagram","call_count":100,...,"estimated_time_to_regain_access":5}]}}: the
     * largest estimate, at most {@link RetryAfter#MAX}, or null.
     */
    private static Duration usageEstimate(String value) {
        JsonNode root;
        try {
            root = MessageJson.mapper().readTree(value);
        } catch (IOException e) {
            return null;
        }
        if (root == null || !root.isObject()) {
            return null;
        }
        long minutes = 0;
        for (JsonNode usages : root) {
            for (JsonNode usage : usages) {
                minutes = Math.max(minutes, usage.path("estimated_time_to_regain_access").asLong(0));
            }
        }
        return minutes <= 0 ? null : Duration.ofMinutes(Math.min(minutes, RetryAfter.MAX.toMinutes()));
    }
}
