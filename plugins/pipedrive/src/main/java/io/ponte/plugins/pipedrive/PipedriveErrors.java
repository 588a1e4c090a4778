package io.ponte.plugins.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.kit.Provider;
import io.ponte.kit.ProviderResponse;
import io.ponte.kit.RetryAfter;
import io.ponte.kit.Verdict;
import java.time.Clock;
import java.time.Duration;

/**
 * What Pipedrive's error answers ({@code {"success":false,"error":"...","error_info":"..."}}) mean: 401 refuses the
 * API token (failed, connection reported down); 429 is retried after {@code Retry-After} or, without it, after
 * {@code x-ratelimit-reset} seconds; 5xx, 408 and 425 are retried; any other 4xx fails with Pipedrive's
 * {@code error}. Reasons never quote the token. Stateless and thread-safe.
 */
final class PipedriveErrors implements Provider.ErrorClassifier {

    /** What reasons and health reports say when Pipedrive refuses the token. */
    static final String TOKEN_REFUSED = "Pipedrive refused the API token (401 unauthorized access): check apiToken "
            + "and companyDomain";
    /** What health reports say when a call with the token works. */
    static final String TOKEN_ACCEPTED = "Pipedrive accepts the API token";

    private final Clock clock;

    PipedriveErrors(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Verdict classify(ProviderResponse answer) {
        int status = answer.status();
        String reason = "Pipedrive answered HTTP " + status + describe(answer.json());
        if (status == 401) {
            return Verdict.credentialsRefused(TOKEN_REFUSED);
        }
        if (status == 429) {
            return Verdict.of(ActionResult.retryAfter(wait(answer), "Pipedrive rate limit" + describe(answer.json())));
        }
        if (status == 408 || status == 425 || status >= 500) {
            return Verdict.of(ActionResult.retry(reason));
        }
        return Verdict.of(ActionResult.failed(reason));
    }

    /** {@code Retry-After} when given, else {@code x-ratelimit-reset} (seconds until the window resets), else null. */
    private Duration wait(ProviderResponse answer) {
        Duration after = answer.header("Retry-After").map(v -> RetryAfter.parse(v, clock.instant())).orElse(null);
        if (after != null) {
            return after;
        }
        return answer.header("x-ratelimit-reset").filter(v -> v.strip().matches("[0-9]{1,6}"))
                .map(v -> Duration.ofSeconds(Long.parseLong(v.strip()))).orElse(null);
    }

    /** {@code ": <error> (<error_info>)"} from an error body, or nothing when there is none. */
    static String describe(JsonNode body) {
        if (body == null || !body.path("error").isTextual()) {
            return "";
        }
        String info = body.path("error_info").isTextual() ? " (" + body.get("error_info").asText() + ")" : "";
        return ": " + clip(body.get("error").asText()) + clip(info);
    }

    private static String clip(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
