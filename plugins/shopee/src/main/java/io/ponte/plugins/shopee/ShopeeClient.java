package io.ponte.plugins.shopee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.kit.PluginJson;
import io.ponte.kit.Provider;
import io.ponte.kit.ProviderResponse;
import io.ponte.kit.Verdict;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One shop's Shopee Open Platform API v2, called through the kit's {@link Provider} (timeout, answer cap, transport
 * failures, health, {@code provider.calls} metrics). Every Shop API call carries {@code partner_id},
 * {@code timestamp}, {@code access_token}, {@code shop_id} and its {@code sign} in the query (GET parameters there
 * too, a POST's as a JSON body). Before a call whose access token expires within {@link ShopeeTokens#EARLY}, and
 * once after Shopee calls the token expired, it refreshes the pair ({@code POST /api/v2/auth/access_token/get},
 * public sign) and keeps the rotated one ({@link ShopeeTokens}); refreshes are serialized, so a refresh token is
 * never spent twice. Error answers, with HTTP 200 or not, mean what {@link ShopeeErrors} says. Reasons start with
 * the API ({@code get_order_detail: ...}) and never quote a URL (it carries the token and sign). Thread-safe.
 */
final class ShopeeClient {

    static final String REFRESH_PATH = "/api/v2/auth/access_token/get";

    private final ShopeeConfig config;
    private final ConnectorContext context;
    private final Provider provider;
    private final ShopeeTokens tokens;
    private final Object refreshing = new Object();

    ShopeeClient(ShopeeConfig config, ConnectorContext context) {
        this.config = config;
        this.context = context;
        this.provider = Provider.builder(context, "Shopee")
                .timeout(Duration.ofSeconds(15))
                .errors(new ShopeeErrors())
                .healthyWhenAnswered("Shopee accepts the shop's access token")
                .build();
        this.tokens = new ShopeeTokens(config, context.secrets(), context.clock());
    }

    /** A GET of the Shop API; {@code params} go into the query. */
    ActionResult get(String path, Map<String, String> params, Function<JsonNode, ActionResult> onSuccess) {
        return shopCall(path, params, null, onSuccess);
    }

    /** A POST of the Shop API with a JSON body. */
    ActionResult post(String path, JsonNode body, Function<JsonNode, ActionResult> onSuccess) {
        return shopCall(path, Map.of(), body, onSuccess);
    }

    private ActionResult shopCall(String path, Map<String, String> params, JsonNode body,
                                  Function<JsonNode, ActionResult> onSuccess) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (tokens.expiresSoon()) {
            ActionResult refreshed = refresh(tokens.current().accessToken());
            if (!(refreshed instanceof ActionResult.Delivered)) {
                return refreshed;
            }
        }
        String token = tokens.current().accessToken();
        ActionResult result = once(path, params, body, token, onSuccess);
        if (ShopeeErrors.expiredToken(result)) {
            ActionResult refreshed = refresh(token);
            if (!(refreshed instanceof ActionResult.Delivered)) {
                return refreshed;
            }
            result = once(path, params, body, tokens.current().accessToken(), onSuccess);
            if (ShopeeErrors.expiredToken(result)) {
                ActionResult.Failed failed = (ActionResult.Failed) result;
                context.reportHealth(ShopeeErrors.reauthorize(failed.reason() + ", even after a refresh"));
            }
        }
        return labelled(name, result);
    }

    private ActionResult once(String path, Map<String, String> params, JsonNode body, String token,
                              Function<JsonNode, ActionResult> onSuccess) {
        long timestamp = context.clock().instant().getEpochSecond();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("partner_id", config.partnerId());
        query.put("timestamp", Long.toString(timestamp));
        query.put("access_token", token);
        query.put("shop_id", config.shopId());
        query.put("sign", ShopeeSigns.shop(config.partnerKey(), config.partnerId(), path, timestamp, token,
                config.shopId()));
        query.putAll(params);
        HttpRequest.Builder request = provider.request(uri(path, query)).header("Accept", "application/json");
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(PluginJson.bytes(body)));
        }
        return provider.call(request.build(), answer -> answered(answer, onSuccess));
    }

    /**
     * Refreshes the access token, unless another call already replaced {@code stale}.
     *
     * @return delivered when a fresh token is in place; the refresh's failure otherwise (the connection reported
     *         down when Shopee refused the refresh token)
     */
    ActionResult refresh(String stale) {
        synchronized (refreshing) {
            ShopeeTokens.Pair pair = tokens.current();
            if (!pair.accessToken().equals(stale)) {
                return ActionResult.delivered(null);
            }
            long timestamp = context.clock().instant().getEpochSecond();
            Map<String, String> query = new LinkedHashMap<>();
            query.put("partner_id", config.partnerId());
            query.put("timestamp", Long.toString(timestamp));
            query.put("sign", ShopeeSigns.publicCall(config.partnerKey(), config.partnerId(), REFRESH_PATH,
                    timestamp));
            ObjectNode body = PluginJson.mapper().createObjectNode()
                    .put("refresh_token", pair.refreshToken())
                    .put("partner_id", Long.parseLong(config.partnerId()))
                    .put("shop_id", Long.parseLong(config.shopId()));
            HttpRequest request = provider.request(uri(REFRESH_PATH, query))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(PluginJson.bytes(body))).build();
            ActionResult result = provider.call(request, answer -> answered(answer, this::rotated));
            if (result instanceof ActionResult.Failed failed && !failed.reason().contains("authorize the App")
                    && !failed.reason().contains("partnerKey")) {
                context.reportHealth(ShopeeErrors.reauthorize("refreshing the access token failed: "
                        + failed.reason()));
            }
            return labelled("access_token/get", result);
        }
    }

    private ActionResult rotated(JsonNode answer) {
        String access = answer.path("access_token").asText("");
        String refresh = answer.path("refresh_token").asText("");
        if (access.isEmpty() || refresh.isEmpty()) {
            return ActionResult.retry("Shopee's refresh answer holds no access_token and refresh_token");
        }
        tokens.rotate(access, refresh, answer.path("expire_in").asLong(4 * 3600));
        return ActionResult.delivered(null);
    }

    /** A 2xx answer: Shopee's error, if it names one, else what {@code onSuccess} makes of the body. */
    private ActionResult answered(ProviderResponse answer, Function<JsonNode, ActionResult> onSuccess) {
        JsonNode body = answer.json();
        if (body == null || !body.isObject()) {
            // not Shopee's answer (a proxy's page?): whether it acted is unknown, and a retry is safe here
            return ActionResult.retry("Shopee answered HTTP " + answer.status() + " without its JSON envelope");
        }
        String error = body.path("error").asText("");
        if (!error.isEmpty()) {
            Verdict verdict = ShopeeErrors.verdict(answer.status(), error, body.path("message").asText(""));
            if (verdict.health() != null) {
                context.reportHealth(verdict.health());
            }
            return verdict.result();
        }
        return onSuccess.apply(body);
    }

    private static ActionResult labelled(String api, ActionResult result) {
        return switch (result) {
            case ActionResult.Delivered delivered -> delivered;
            case ActionResult.Retry retry -> ActionResult.retryAfter(retry.after(), api + ": " + retry.reason());
            case ActionResult.Failed failed -> ActionResult.failed(api + ": " + failed.reason());
        };
    }

    private URI uri(String path, Map<String, String> query) {
        StringBuilder url = new StringBuilder(config.apiBaseUrl().toString()).append(path);
        char separator = '?';
        for (Map.Entry<String, String> e : query.entrySet()) {
            url.append(separator).append(e.getKey()).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return URI.create(url.toString());
    }

    @Override
    public String toString() {
        return "ShopeeClient[" + config.apiBaseUrl() + ", shop " + config.shopId() + "]";
    }
}
