package io.ponte.plugins.rdstationcrm;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.kit.Provider;
import io.ponte.kit.ProviderResponse;
import io.ponte.kit.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What RD Station CRM's error answers mean: 401 is a refused token (the connection is reported down, the action
 * fails); 429 (the account's request limit, with {@code Retry-After} when given), 408 and 5xx are worth another try;
 * 404 and any other 4xx fail with RD Station's own words. RD Station's v1 error bodies are not documented one way:
 * {@code {"errors": {...}}}, {@code {"error": "..."}} and {@code {"message": "..."}} are all read. Stateless and
 * thread-safe.
 */
final class RdStationCrmErrors implements Provider.ErrorClassifier {

    @Override
    public Verdict classify(ProviderResponse answer) {
        int status = answer.status();
        String said = describe(answer);
        if (status == 401) {
            return Verdict.credentialsRefused("RD Station CRM refused the API token (401" + said
                    + "): save a valid apiToken");
        }
        if (status == 429) {
            return Verdict.of(ActionResult.retry("RD Station CRM's request limit (429" + said + ")"));
        }
        if (status >= 500 || status == 408) {
            return Verdict.of(ActionResult.retry("RD Station CRM answered HTTP " + status + said));
        }
        if (status == 404) {
            return Verdict.of(ActionResult.failed("RD Station CRM has no such resource (404" + said + ")"));
        }
        return Verdict.of(ActionResult.failed("RD Station CRM refused the request (HTTP " + status + said + ")"));
    }

    /** {@code ": <what the body says>"}, at most 500 characters, or "" when the body says nothing readable. */
    static String describe(ProviderResponse answer) {
        JsonNode body = answer.json();
        if (body == null || !body.isObject()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (String field : List.of("error", "message", "errors")) {
            JsonNode v = body.get(field);
            if (v == null || v.isNull()) {
                continue;
            }
            if (v.isValueNode()) {
                parts.add(v.asText());
            } else if (v.isObject()) {
                for (Map.Entry<String, JsonNode> e : v.properties()) {
                    parts.add(e.getKey() + " " + (e.getValue().isValueNode() ? e.getValue().asText()
                            : e.getValue().toString()));
                }
            } else {
                parts.add(v.toString());
            }
        }
        String joined = String.join("; ", parts);
        return joined.isBlank() ? "" : ": " + (joined.length() > 500 ? joined.substring(0, 500) + "…" : joined);
    }
}
