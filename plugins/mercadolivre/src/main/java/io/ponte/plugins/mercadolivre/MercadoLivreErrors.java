package io.ponte.plugins.mercadolivre;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.kit.Provider;
import io.ponte.kit.ProviderResponse;
import io.ponte.kit.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * What Mercado Livre's error answers ({@code {"message","error","status","cause":[]}}) mean: 401 says the access
 * token is no longer good ({@link #STALE_TOKEN}: {@link MercadoLivreApi} refreshes once and tries again); 429 and
 * 5xx are worth another try (after the answer's {@code Retry-After}, when it has one); 404 and any other 4xx fail
 * with Mercado Livre's own words. Stateless and thread-safe.
 */
final class MercadoLivreErrors implements Provider.ErrorClassifier {

    /** The reason of a 401 before the one refresh-and-retry; never an outcome an action returns. */
    static final String STALE_TOKEN = "Mercado Livre refused the access token (401)";

    @Override
    public Verdict classify(ProviderResponse answer) {
        int status = answer.status();
        if (status == 401) {
            return Verdict.of(ActionResult.failed(STALE_TOKEN));
        }
        String said = describe(answer);
        if (status == 429) {
            return Verdict.of(ActionResult.retry("Mercado Livre's rate limit (429" + said + ")"));
        }
        if (status >= 500 || status == 408) {
            return Verdict.of(ActionResult.retry("Mercado Livre answered HTTP " + status + said));
        }
        if (status == 404) {
            return Verdict.of(ActionResult.failed("Mercado Livre has no such resource (404" + said + ")"));
        }
        return Verdict.of(ActionResult.failed("Mercado Livre refused the request (HTTP " + status + said + ")"));
    }

    /** {@code ": <error>: <message> [<causes>]"} from an error body, or "" when it has none of them. */
    static String describe(ProviderResponse answer) {
        JsonNode body = answer.json();
        if (body == null || !body.isObject()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        text(body, "error").ifPresent(parts::add);
        text(body, "message").ifPresent(parts::add);
        JsonNode cause = body.get("cause");
        if (cause != null && cause.isArray() && !cause.isEmpty()) {
            List<String> causes = new ArrayList<>();
            cause.forEach(c -> causes.add(c.isObject() && c.hasNonNull("message") ? c.get("message").asText()
                    : c.isObject() && c.hasNonNull("code") ? c.get("code").asText() : c.asText()));
            parts.add("cause " + causes);
        }
        String joined = String.join(": ", parts);
        return joined.isEmpty() ? "" : ": " + (joined.length() > 500 ? joined.substring(0, 500) + "…" : joined);
    }

    private static java.util.Optional<String> text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v != null && v.isValueNode() && !v.asText().isBlank() ? java.util.Optional.of(v.asText())
                : java.util.Optional.empty();
    }
}
