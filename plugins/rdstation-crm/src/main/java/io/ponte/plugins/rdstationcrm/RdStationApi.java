package io.ponte.plugins.rdstationcrm;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.PluginJson;
import io.ponte.kit.Provider;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

/**
 * One account's RD Station CRM API v1: every call through the kit's {@link Provider} (timeout, answer cap,
 * {@code Retry-After}, health, metrics) with the API token as the {@code token} query parameter, as RD Station's v1
 * wants it. The token is in the URL, which the kit never quotes in a reason. Thread-safe.
 */
final class RdStationApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final RdStationCrmConfig config;
    private final Provider provider;

    RdStationApi(RdStationCrmConfig config, ConnectorContext context) {
        this.config = config;
        this.provider = Provider.builder(context, "the RD Station CRM API").timeout(TIMEOUT)
                .errors(new RdStationCrmErrors())
                .healthyWhenAnswered("RD Station CRM accepts the API token").build();
    }

    /**
     * GETs a resource's JSON.
     *
     * @throws ActionFailure with the call's outcome when it was not a 2xx with a JSON body
     */
    JsonNode get(String path, Map<String, String> query) {
        return call("GET", path, query, null);
    }

    /**
     * Sends a JSON body and reads the JSON answer.
     *
     * @param method POST or PUT
     * @throws ActionFailure with the call's outcome when it was not a 2xx with a JSON body
     */
    JsonNode send(String method, String path, JsonNode body) {
        return call(method, path, Map.of(), body);
    }

    private JsonNode call(String method, String path, Map<String, String> query, JsonNode body) {
        HttpRequest.Builder b = provider.request(config.uri(path, query)).header("Accept", "application/json");
        HttpRequest request = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody()).build()
                : b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(PluginJson.bytes(body))).build();
        ActionResult result = provider.call(request, answer -> new ActionResult.Delivered(null, answer.json()));
        return switch (result) {
            case ActionResult.Delivered d when d.output() != null -> d.output();
            case ActionResult.Delivered d -> throw ActionFailure.retry("RD Station CRM answered " + method + " "
                    + path + " without JSON");
            case ActionResult.Retry r -> throw r.after() == null ? ActionFailure.retry(r.reason())
                    : ActionFailure.retryAfter(r.after(), r.reason());
            case ActionResult.Failed f -> throw ActionFailure.failed(f.reason());
        };
    }
}
