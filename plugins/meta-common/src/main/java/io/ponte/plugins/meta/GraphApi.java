package io.ponte.plugins.meta;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.PluginApi;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.kit.PluginJson;
import io.ponte.kit.Provider;
import io.ponte.kit.ProviderCall;
import io.ponte.kit.ProviderResponse;
import io.ponte.kit.Verdict;
import java.net.URI;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * One connection's Graph API, as the Meta plugins call it. Every request carries the access token as
 * {@code Authorization: Bearer} (never in the URL, so no reason that names a URL can leak it) and goes through the
 * kit's {@link Provider}: timeout, size cap, transport failures as retries, {@code Retry-After}, the connection's
 * health and the {@code provider.calls} metrics. Error answers are read by {@link GraphErrors} with the product's
 * own codes first. Immutable; thread-safe; null is never a valid argument.
 */
public final class GraphApi {

    private final ConnectorContext context;
    private final URI baseUrl;
    private final String accessToken;
    private final String product;
    private final Duration timeout;
    private final GraphErrors.Codes codes;
    private final Provider.ErrorClassifier errors;
    private final Provider provider;

    /**
     * A connection's Graph API.
     *
     * @param context     the connection's context (HTTP client, clock, health, metrics)
     * @param baseUrl     the base URL with the version, without a trailing slash ({@link MetaConfig#graphBaseUrl})
     * @param accessToken the bearer token
     * @param product     the plugin id, for the {@code User-Agent}
     * @param timeout     each request's timeout, answer included
     * @param codes       the product's own error codes
     */
    public GraphApi(ConnectorContext context, URI baseUrl, String accessToken, String product, Duration timeout,
                    GraphErrors.Codes codes) {
        this.context = Objects.requireNonNull(context, "context");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
        this.product = Objects.requireNonNull(product, "product");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.codes = Objects.requireNonNull(codes, "codes");
        this.errors = GraphErrors.classifier(codes);
        String name = "the Graph API at " + baseUrl.getHost();
        this.provider = Provider.builder(context, name).timeout(timeout).errors(errors)
                .healthyWhenAnswered(name + " accepts the access token").build();
    }

    /** The same API with more codes read before this one's (the errors of one kind of call, say). */
    public GraphApi withCodes(GraphErrors.Codes first) {
        return new GraphApi(context, baseUrl, accessToken, product, timeout, first.orElse(codes));
    }

    /**
     * {@code POST <base>/<path>} with a JSON body, in an action.
     *
     * @param path      the path under the base URL, e.g. {@code 1234/messages}
     * @param body      the request JSON
     * @param onSuccess the outcome of a 2xx answer, from its JSON (null when the body is empty or not JSON)
     * @return the outcome; never null
     */
    public ActionResult post(String path, JsonNode body, Function<JsonNode, ActionResult> onSuccess) {
        HttpRequest request = api(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(PluginJson.bytes(body))).build();
        return provider.call(request, answer -> onSuccess.apply(answer.json()));
    }

    /**
     * {@code GET <base>/<path>}, as a call whose outcome counts (a media lookup): health and metrics as for an
     * action.
     *
     * @param path      the path and query under the base URL
     * @param onSuccess the outcome of a 2xx answer, from its JSON (null when the body is empty or not JSON)
     * @return the outcome; never null
     */
    public ActionResult get(String path, Function<JsonNode, ActionResult> onSuccess) {
        return provider.call(api(path).GET().build(), answer -> onSuccess.apply(answer.json()));
    }

    /**
     * A health probe: {@code GET <base>/<path>} without side effects (no health report, no metrics).
     *
     * @param path the path and query under the base URL of a cheap authenticated object
     * @param what the check, as admins read it ({@code "the account check"})
     * @param up   the health of a 2xx answer, from its JSON (null when the body is empty or not JSON)
     * @return {@code up}'s health; down with Meta's words when it refused our credentials, else
     *         {@code "<what> failed; <reason>"}
     */
    public Health check(String path, String what, Function<JsonNode, Health> up) {
        Health[] answered = new Health[1];
        ActionResult result = ProviderCall.outcome(provider.name(), timeout,
                () -> provider.exchange(api(path).GET().build()), answer -> {
                    if (answer.successful()) {
                        answered[0] = up.apply(answer.json());
                        return ActionResult.delivered(null);
                    }
                    Verdict verdict = errors.classify(answer);
                    answered[0] = verdict.health();
                    return verdict.result();
                });
        if (answered[0] != null) {
            return answered[0];
        }
        return Health.down(what + " failed; " + switch (result) {
            case ActionResult.Retry retry -> retry.reason();
            case ActionResult.Failed failed -> failed.reason();
            case ActionResult.Delivered delivered -> "no answer";
        });
    }

    /**
     * Starts a media file's download with the token ({@link Provider#download}): status and headers within the
     * timeout, the body streamed for the caller to close. The caller checks first that {@code uri} may see the
     * token.
     *
     * @throws io.ponte.api.media.MediaFetchException when no answer came
     */
    public HttpResponse<InputStream> download(URI uri) {
        return provider.download(authorized(uri).GET().build());
    }

    private HttpRequest.Builder authorized(URI uri) {
        return provider.request(uri)
                .header("Authorization", "Bearer " + accessToken)
                .header("User-Agent", "Ponte/" + PluginApi.VERSION + " " + product);
    }

    /** What reasons call this API: {@code the Graph API at <host>}. */
    public String name() {
        return provider.name();
    }

    private HttpRequest.Builder api(String path) {
        return authorized(URI.create(baseUrl + "/" + path)).header("Accept", "application/json");
    }

    @Override
    public String toString() {
        return "GraphApi[" + baseUrl + ", token=***]";
    }
}
