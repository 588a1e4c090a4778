package io.ponte.plugins.mercadolivre;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.PluginJson;
import io.ponte.kit.Provider;
import io.ponte.kit.ProviderResponse;
import java.net.http.HttpRequest;
import java.util.function.Function;

/**
 * One seller's Mercado Livre API: every call through the kit's {@link Provider} (timeout, answer cap,
 * {@code Retry-After}, health, metrics) with the seller's bearer token from {@link OAuthTokens}. A 401 refreshes the
 * access token once and makes the call again; a second 401 fails and reports the connection down. Thread-safe.
 */
final class MercadoLivreApi {

    /** What reasons and the health report say when a freshly refreshed token is refused too. */
    static final String TOKEN_REFUSED = "Mercado Livre refused a freshly refreshed access token (401): the app may "
            + "have lost the seller's authorization; re-authorize the app and save a new refreshToken";

    private final MercadoLivreConfig config;
    private final ConnectorContext context;
    private final Provider provider;
    private final OAuthTokens tokens;

    MercadoLivreApi(MercadoLivreConfig config, ConnectorContext context) {
        this.config = config;
        this.context = context;
        this.provider = Provider.builder(context, "the Mercado Livre API").timeout(config.timeout())
                .errors(new MercadoLivreErrors())
                .healthyWhenAnswered("Mercado Livre accepts the seller's token").build();
        this.tokens = new OAuthTokens(config, context, provider);
    }

    MercadoLivreConfig config() {
        return config;
    }

    /**
     * Makes a call as an action's outcome.
     *
     * @param method        GET, POST or PUT
     * @param pathAndQuery  the path under the API root, with its query if any
     * @param body          the JSON body, or null for none
     * @param onSuccess     the outcome of a 2xx answer
     * @return the outcome; never null
     * @throws ActionFailure when no access token could be had (see {@link OAuthTokens#accessToken()})
     */
    ActionResult call(String method, String pathAndQuery, JsonNode body,
                      Function<ProviderResponse, ActionResult> onSuccess) {
        String token = tokens.accessToken();
        ActionResult result = provider.call(request(method, pathAndQuery, body, token), onSuccess);
        if (!stale(result)) {
            return result;
        }
        tokens.invalidate(token);
        result = provider.call(request(method, pathAndQuery, body, tokens.accessToken()), onSuccess);
        if (!stale(result)) {
            return result;
        }
        context.reportHealth(Health.down(TOKEN_REFUSED));
        return ActionResult.failed(TOKEN_REFUSED);
    }

    /**
     * GETs a resource's JSON.
     *
     * @throws ActionFailure with the call's outcome when it was not a 2xx with a JSON body
     */
    JsonNode get(String pathAndQuery) {
        return json(call("GET", pathAndQuery, null, answer -> new ActionResult.Delivered(null, answer.json())),
                pathAndQuery);
    }

    /**
     * Sends a JSON body and reads the JSON answer.
     *
     * @throws ActionFailure with the call's outcome when it was not a 2xx
     */
    JsonNode send(String method, String pathAndQuery, JsonNode body) {
        ActionResult result = call(method, pathAndQuery, body, answer -> new ActionResult.Delivered(null,
                answer.json() == null ? PluginJson.mapper().createObjectNode() : answer.json()));
        return json(result, pathAndQuery);
    }

    private static JsonNode json(ActionResult result, String what) {
        return switch (result) {
            case ActionResult.Delivered d when d.output() != null -> d.output();
            case ActionResult.Delivered d -> throw ActionFailure.retry("Mercado Livre answered " + path(what)
                    + " without JSON");
            case ActionResult.Retry r -> throw r.after() == null ? ActionFailure.retry(r.reason())
                    : ActionFailure.retryAfter(r.after(), r.reason());
            case ActionResult.Failed f -> throw ActionFailure.failed(f.reason());
        };
    }

    private static String path(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    private static boolean stale(ActionResult result) {
        return result instanceof ActionResult.Failed f && MercadoLivreErrors.STALE_TOKEN.equals(f.reason());
    }

    private HttpRequest request(String method, String pathAndQuery, JsonNode body, String token) {
        HttpRequest.Builder b = provider.request(config.uri(pathAndQuery))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body == null) {
            return b.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return b.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(PluginJson.bytes(body))).build();
    }
}
