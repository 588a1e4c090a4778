package io.ponte.plugins.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.PluginJson;
import io.ponte.kit.Provider;
import io.ponte.kit.ProviderResponse;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/**
 * One company's Pipedrive API, every call through the kit's {@link Provider} (timeout, answer cap, health, metrics)
 * with the token in {@code x-api-token}; error answers mean what {@link PipedriveErrors} says. The methods answer
 * the envelope's {@code data} and throw {@link ActionFailure} with the call's outcome otherwise, so an action ends
 * with Pipedrive's verdict. Reasons name the method and path, never the token. Thread-safe.
 */
final class PipedriveApi {

    private final PipedriveConfig config;
    private final Provider provider;

    PipedriveApi(PipedriveConfig config, ConnectorContext context) {
        this.config = config;
        this.provider = Provider.builder(context, "Pipedrive").timeout(config.timeout())
                .errors(new PipedriveErrors(context.clock()))
                .healthyWhenAnswered(PipedriveErrors.TOKEN_ACCEPTED).build();
    }

    /**
     * GETs a resource.
     *
     * @return the answer's {@code data} (a {@code NullNode} when Pipedrive gave none)
     * @throws ActionFailure with the outcome of a call that did not work
     */
    JsonNode get(String pathAndQuery) {
        return data("GET", pathAndQuery, null);
    }

    /**
     * Sends a JSON body with {@code POST} or {@code PATCH}.
     *
     * @return the answer's {@code data}
     * @throws ActionFailure with the outcome of a call that did not work
     */
    JsonNode send(String method, String path, JsonNode body) {
        return data(method, path, body);
    }

    /** The call's outcome, for a health check: delivered with {@code data} as output, or why not. */
    ActionResult call(String method, String pathAndQuery, JsonNode body) {
        ActionResult result = provider.call(request(method, pathAndQuery, body), PipedriveApi::answered);
        String what = method + " " + withoutQuery(pathAndQuery) + ": ";
        return switch (result) {
            case ActionResult.Delivered d -> d;
            case ActionResult.Retry r -> ActionResult.retryAfter(r.after(), what + r.reason());
            case ActionResult.Failed f -> ActionResult.failed(what + f.reason());
        };
    }

    /** A query parameter's value, encoded. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private JsonNode data(String method, String pathAndQuery, JsonNode body) {
        return switch (call(method, pathAndQuery, body)) {
            case ActionResult.Delivered d -> d.output();
            case ActionResult.Retry r -> throw r.after() == null ? ActionFailure.retry(r.reason())
                    : ActionFailure.retryAfter(r.after(), r.reason());
            case ActionResult.Failed f -> throw ActionFailure.failed(f.reason());
        };
    }

    /**
     * A 2xx answer: Pipedrive's {@code {"success":true,"data":...}}. One without that envelope (a proxy's page?)
     * leaves open whether the call took effect, and at-least-once says retry.
     */
    private static ActionResult answered(ProviderResponse answer) {
        JsonNode json = answer.json();
        if (json == null || !json.isObject() || !json.path("success").asBoolean(false)) {
            return ActionResult.retry("Pipedrive answered HTTP " + answer.status() + " without a success envelope"
                    + PipedriveErrors.describe(json));
        }
        return new ActionResult.Delivered(null, json.has("data") ? json.get("data")
                : PluginJson.mapper().nullNode());
    }

    private HttpRequest request(String method, String pathAndQuery, JsonNode body) {
        HttpRequest.Builder b = provider.request(config.uri(pathAndQuery))
                .header("x-api-token", config.apiToken())
                .header("Accept", "application/json");
        if (body == null) {
            return b.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return b.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(PluginJson.bytes(body))).build();
    }

    private static String withoutQuery(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    @Override
    public String toString() {
        return "PipedriveApi[" + config.apiBaseUrl() + "]";
    }
}
