package io.ponte.plugins.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.PluginJson;
import io.ponte.kit.Provider;
import io.ponte.kit.ProviderResponse;
import io.ponte.kit.Verdict;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HubSpot's CRM API as the actions call it: JSON in and out with the bearer token, through the kit's
 * {@link Provider}. A call that does not work throws an {@link ActionFailure} carrying the outcome (429 and 5xx
 * retried, 401/403 failed and the connection reported down, see {@link HubSpotErrors}); only {@link #create}
 * answers a 409 {@code CONFLICT} instead of failing. Thread-safe.
 */
final class HubSpotApi {

    /** What a create came to. */
    sealed interface Creation permits Created, Conflict {
    }

    /** The object was created: HubSpot's answer ({@code {"id","properties",...}}). */
    record Created(JsonNode object) implements Creation {
    }

    /**
     * A 409: the object exists, maybe with its id ({@code "Contact already exists. Existing ID: 512"}).
     *
     * @param existingId the id HubSpot named, or null
     */
    record Conflict(String existingId) implements Creation {
    }

    private static final Pattern EXISTING_ID = Pattern.compile("Existing ID: ?([0-9]{1,20})");
    private static final String CONFLICT = "conflict";

    private final HubSpotConfig config;
    private final Provider provider;
    private final Provider creating;

    HubSpotApi(HubSpotConfig config, ConnectorContext context) {
        this.config = config;
        HubSpotErrors errors = new HubSpotErrors();
        this.provider = Provider.builder(context, "HubSpot").timeout(Duration.ofSeconds(20)).errors(errors)
                .healthyWhenAnswered("HubSpot accepts the access token").build();
        // a create's 409 is an answer the action handles (re-search and update), so it comes back as "delivered"
        this.creating = Provider.builder(context, "HubSpot").timeout(Duration.ofSeconds(20))
                .errors(answer -> answer.status() == 409 ? Verdict.of(new ActionResult.Delivered(null, conflict(answer)))
                        : errors.classify(answer))
                .healthyWhenAnswered("HubSpot accepts the access token").build();
    }

    /** GETs a path (with its query) and returns the JSON answer. */
    JsonNode get(String pathAndQuery) {
        return call(provider, request(pathAndQuery).GET().build());
    }

    /** POSTs JSON and returns the JSON answer. */
    JsonNode post(String path, JsonNode body) {
        return call(provider, json(path, "POST", body));
    }

    /** PATCHes JSON and returns the JSON answer. */
    JsonNode patch(String path, JsonNode body) {
        return call(provider, json(path, "PATCH", body));
    }

    /** POSTs a new object: its JSON, or the {@link Conflict} HubSpot answered 409 with. */
    Creation create(String path, JsonNode body) {
        JsonNode answer = call(creating, json(path, "POST", body));
        if (answer.path(CONFLICT).isBoolean()) {
            return new Conflict(answer.path("existingId").asText(null));
        }
        return new Created(answer);
    }

    /** A health probe: the first contact page; the answer whatever its status. */
    ProviderResponse probe() throws IOException, InterruptedException {
        return provider.exchange(request("/crm/v3/objects/contacts?limit=1").GET().build());
    }

    /** The classifier's words on a probe's answer. */
    static String reason(ProviderResponse answer) {
        return HubSpotErrors.reason(answer);
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return provider.request(URI.create(config.apiBaseUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + config.accessToken())
                .header("Accept", "application/json");
    }

    private HttpRequest json(String path, String method, JsonNode body) {
        return request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private static JsonNode call(Provider provider, HttpRequest request) {
        ActionResult result = provider.call(request, answer -> new ActionResult.Delivered(null, answer.json()));
        return switch (result) {
            case ActionResult.Delivered d -> d.output() == null ? PluginJson.mapper().createObjectNode() : d.output();
            case ActionResult.Retry r -> throw r.after() == null ? ActionFailure.retry(r.reason())
                    : ActionFailure.retryAfter(r.after(), r.reason());
            case ActionResult.Failed f -> throw ActionFailure.failed(f.reason());
        };
    }

    private static JsonNode conflict(ProviderResponse answer) {
        var out = PluginJson.mapper().createObjectNode().put(CONFLICT, true);
        JsonNode body = answer.json();
        Matcher m = EXISTING_ID.matcher(body == null ? "" : body.path("message").asText(""));
        Optional.of(m).filter(Matcher::find).ifPresent(x -> out.put("existingId", x.group(1)));
        return out;
    }
}
