package io.ponte.plugins.mercadopago;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.kit.PluginJson;
import io.ponte.kit.Provider;
import io.ponte.kit.ProviderResponse;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The Mercado Pago API of one connection: every call through the kit's {@link Provider} with the Bearer token, JSON
 * bodies, and {@code X-Idempotency-Key} on the calls that create something. Immutable; thread-safe.
 */
final class MercadoPagoClient {

    /** The SDK's own default timeout for a call. */
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** Payment, order and refund ids as they go into a path: nothing that could change the request. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final MercadoPagoConfig config;
    private final Provider provider;

    MercadoPagoClient(MercadoPagoConfig config, ConnectorContext context) {
        this.config = config;
        this.provider = Provider.builder(context, "Mercado Pago").timeout(TIMEOUT).errors(new MercadoPagoErrors())
                .healthyWhenAnswered("Mercado Pago accepts the access token").build();
    }

    /** Whether an id may go into a path. */
    static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * GETs a path.
     *
     * @param onSuccess the outcome from the answer's JSON (never null: an unreadable 2xx body is a retry)
     */
    ActionResult get(String path, Function<JsonNode, ActionResult> onSuccess) {
        return provider.call(base(path).GET().build(), answer -> json(answer, onSuccess));
    }

    /**
     * POSTs a JSON body with an idempotency key, so that a retry after a lost answer creates nothing twice.
     *
     * @param idempotencyKey the delivery's key ({@code ActionRequest.idempotencyKey()})
     */
    ActionResult post(String path, JsonNode body, String idempotencyKey, Function<JsonNode, ActionResult> onSuccess) {
        HttpRequest request = base(path).header("Content-Type", "application/json")
                .header("X-Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(PluginJson.bytes(body))).build();
        return provider.call(request, answer -> json(answer, onSuccess));
    }

    /** {@code GET /users/me}: the account the token belongs to, for the health check. */
    ActionResult me() {
        return get("/users/me", me -> new ActionResult.Delivered(null, me));
    }

    private HttpRequest.Builder base(String path) {
        return provider.request(config.uri(path)).header("Authorization", "Bearer " + config.accessToken())
                .header("Accept", "application/json");
    }

    private static ActionResult json(ProviderResponse answer, Function<JsonNode, ActionResult> onSuccess) {
        JsonNode json = answer.json();
        if (json == null || !json.isObject()) {
            return ActionResult.retry("Mercado Pago answered HTTP " + answer.status() + " without a JSON object");
        }
        return onSuccess.apply(json);
    }
}
