package io.ponte.plugins.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.PluginJson;
import io.ponte.kit.Provider;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The org's REST API ({@code {instance_url}/services/data/{apiVersion}/...}) as the actions and the poller call
 * it: every call through the kit's {@link Provider} with a bearer token from the {@link SalesforceSession}; an
 * expired session is refreshed once and the call repeated, a second refusal reports the connection down. A call
 * that did not work throws {@link ActionFailure} with its outcome. Thread-safe.
 */
final class SalesforceApi {

    private final SalesforceConfig config;
    private final Provider provider;
    private final SalesforceSession session;

    SalesforceApi(SalesforceConfig config, ConnectorContext context) {
        this.config = config;
        this.provider = Provider.builder(context, "Salesforce").timeout(Duration.ofSeconds(30))
                .errors(new SalesforceErrors()).healthyWhenAnswered("Salesforce answers").build();
        this.session = new SalesforceSession(config, context, provider);
    }

    /** Runs a SOQL query; the {@code records} of its first page (our queries ask for at most 200). */
    JsonNode query(String soql) {
        return send("GET", "/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8).replace("+", "%20"),
                null).path("records");
    }

    /**
     * Sends one REST call.
     *
     * @param method the HTTP method
     * @param path   the path after {@code /services/data/{apiVersion}}, with its query
     * @param body   the JSON body, or null for none
     * @return the answer's JSON, or an empty object for a 204
     * @throws ActionFailure with the outcome when the call did not work
     */
    JsonNode send(String method, String path, JsonNode body) {
        SalesforceSession.Token token = session.token();
        ActionResult result = once(token, method, path, body);
        if (result instanceof ActionResult.Retry retry && SalesforceErrors.SESSION_EXPIRED.equals(retry.reason())) {
            result = once(session.refresh(token), method, path, body);
            if (result instanceof ActionResult.Retry again
                    && SalesforceErrors.SESSION_EXPIRED.equals(again.reason())) {
                String reason = "Salesforce refused a freshly issued access token (INVALID_SESSION_ID): check the "
                        + "connected app's session policies and that its user is active and may use the API";
                session.refused(reason);
                throw ActionFailure.failed(reason);
            }
        }
        if (result instanceof ActionResult.Delivered delivered) {
            return delivered.output();
        }
        throw switch (result) {
            case ActionResult.Retry r -> r.after() == null ? ActionFailure.retry(r.reason())
                    : ActionFailure.retryAfter(r.after(), r.reason());
            case ActionResult.Failed f -> ActionFailure.failed(f.reason());
            case ActionResult.Delivered d -> new IllegalStateException("unreachable");
        };
    }

    private ActionResult once(SalesforceSession.Token token, String method, String path, JsonNode body) {
        HttpRequest request = provider.request(URI.create(token.instanceUrl() + "/services/data/"
                        + config.apiVersion() + path))
                .header("Authorization", "Bearer " + token.accessToken())
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(PluginJson.bytes(body)))
                .build();
        return provider.call(request, answer -> {
            JsonNode json = answer.json();
            return new ActionResult.Delivered(null, json == null ? PluginJson.mapper().createObjectNode() : json);
        });
    }
}
