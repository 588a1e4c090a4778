package io.ponte.plugins.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.kit.Provider;
import io.ponte.kit.ProviderResponse;
import io.ponte.kit.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Salesforce's REST error answers ({@code [{"message", "errorCode", "fields"}]}) as verdicts: an expired session is
 * a retry {@link SalesforceApi} answers with one token refresh, other 401s refuse our credentials, limits, locks
 * and outages are worth another try, any other error fails with Salesforce's own messages. Stateless.
 */
final class SalesforceErrors implements Provider.ErrorClassifier {

    /** The reason of the verdict on an expired or revoked access token; {@link SalesforceApi} refreshes on it. */
    static final String SESSION_EXPIRED = "Salesforce: the access token expired (INVALID_SESSION_ID)";

    private static final Set<String> TRANSIENT = Set.of("REQUEST_LIMIT_EXCEEDED", "UNABLE_TO_LOCK_ROW",
            "SERVER_UNAVAILABLE", "API_CURRENTLY_DISABLED");

    @Override
    public Verdict classify(ProviderResponse answer) {
        int status = answer.status();
        List<String> codes = new ArrayList<>();
        String reason = "Salesforce answered HTTP " + status + describe(answer.json(), codes);
        if (status == 401) {
            return codes.contains("INVALID_SESSION_ID") || codes.isEmpty()
                    ? Verdict.of(ActionResult.retry(SESSION_EXPIRED))
                    : Verdict.credentialsRefused(reason + "; check the connected app and its user");
        }
        if (codes.stream().anyMatch(TRANSIENT::contains) || status == 408 || status == 429 || status >= 500) {
            return Verdict.of(ActionResult.retry(reason));
        }
        if (codes.contains("API_DISABLED_FOR_ORG") || codes.contains("INSUFFICIENT_ACCESS")) {
            return Verdict.credentialsRefused(reason + "; give the connected app's user API access and the "
                    + "permissions on Contact, Opportunity and Note");
        }
        return Verdict.of(ActionResult.failed(reason));
    }

    /** ": CODE: message (fields); ..." from an error array, collecting the codes; empty when there is none. */
    static String describe(JsonNode body, List<String> codes) {
        if (body == null || !body.isArray() || body.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(":");
        for (JsonNode error : body) {
            String code = error.path("errorCode").asText("");
            codes.add(code);
            out.append(' ').append(code).append(": ").append(error.path("message").asText(""));
            JsonNode fields = error.path("fields");
            if (fields.isArray() && !fields.isEmpty()) {
                out.append(" (").append(fields.toString()).append(')');
            }
            out.append(';');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }
}
