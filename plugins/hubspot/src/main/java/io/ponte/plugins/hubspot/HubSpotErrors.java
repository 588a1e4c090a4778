package io.ponte.plugins.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.kit.Provider;
import io.ponte.kit.ProviderResponse;
import io.ponte.kit.Verdict;
import java.time.Duration;
import java.util.Optional;

/**
 * What HubSpot's error answers ({@code {"status":"error","message","correlationId","category",...}}) mean: 429 is
 * retried after {@code Retry-After}, else, when {@code X-HubSpot-RateLimit-Remaining} is 0, after
 * {@code X-HubSpot-RateLimit-Interval-Milliseconds} (the burst window), else when a daily or secondly remaining is 0
 * after a day or a second; 401 and 403 refuse the token (the connection is reported down); 5xx is retried; any
 * other 4xx fails with HubSpot's category, message and correlation id. The token never appears in a reason.
 * Stateless and thread-safe.
 */
final class HubSpotErrors implements Provider.ErrorClassifier {

    /** What reasons and health reports say when HubSpot refuses the token. */
    static final String TOKEN_REFUSED = "HubSpot refused the access token: check accessToken and the private app's "
            + "scopes (crm.objects.contacts / deals read and write)";

    @Override
    public Verdict classify(ProviderResponse answer) {
        int status = answer.status();
        String reason = reason(answer);
        if (status == 401 || status == 403) {
            return Verdict.credentialsRefused(TOKEN_REFUSED + " (" + reason + ")");
        }
        if (status == 429) {
            return Verdict.of(ActionResult.retryAfter(rateLimitWait(answer), "HubSpot rate limit: " + reason));
        }
        if (status >= 500 || status == 408) {
            return Verdict.of(ActionResult.retry(reason));
        }
        return Verdict.of(ActionResult.failed(reason));
    }

    /** The wait a 429 names, or null to take {@code Retry-After} (the kit fills it in) or the connection's backoff. */
    static Duration rateLimitWait(ProviderResponse answer) {
        if (answer.header("Retry-After").isPresent()) {
            return null;
        }
        if (zero(answer, "X-HubSpot-RateLimit-Remaining")) {
            return number(answer, "X-HubSpot-RateLimit-Interval-Milliseconds").map(Duration::ofMillis)
                    .orElse(Duration.ofSeconds(10));
        }
        if (zero(answer, "X-HubSpot-RateLimit-Secondly-Remaining")) {
            return Duration.ofSeconds(1);
        }
        if (zero(answer, "X-HubSpot-RateLimit-Daily-Remaining")) {
            return Duration.ofDays(1);
        }
        return null;
    }

    private static boolean zero(ProviderResponse answer, String header) {
        return number(answer, header).filter(n -> n == 0).isPresent();
    }

    private static Optional<Long> number(ProviderResponse answer, String header) {
        return answer.header(header).map(String::strip).filter(v -> v.matches("[0-9]{1,12}")).map(Long::valueOf);
    }

    /** {@code HubSpot answered HTTP 400 VALIDATION_ERROR: <message> (correlationId ...)}. */
    static String reason(ProviderResponse answer) {
        StringBuilder out = new StringBuilder("HubSpot answered HTTP ").append(answer.status());
        JsonNode body = answer.json();
        if (body != null && body.isObject()) {
            text(body, "category").or(() -> text(body, "errorType")).ifPresent(c -> out.append(' ').append(c));
            text(body, "message").ifPresent(m -> out.append(": ").append(m));
            text(body, "correlationId").ifPresent(c -> out.append(" (correlationId ").append(c).append(')'));
        }
        return out.length() > 1000 ? out.substring(0, 1000) : out.toString();
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? Optional.of(v.asText().strip()) : Optional.empty();
    }
}
