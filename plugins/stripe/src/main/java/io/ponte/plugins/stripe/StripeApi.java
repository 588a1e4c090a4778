package io.ponte.plugins.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.kit.Provider;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.function.Function;

/**
 * One account's Stripe API, called through the kit's {@link Provider} (timeout, answer cap, transport failures,
 * {@code Retry-After}, health, {@code provider.calls} metrics): form-encoded {@code POST}s with
 * {@code Authorization: Bearer <apiKey>}, {@code Stripe-Version} pinned to {@link #API_VERSION} and an
 * {@code Idempotency-Key}. Error answers mean what {@link StripeErrors} says. Reasons never quote the key.
 * Thread-safe.
 */
final class StripeApi {

    /**
     * The API version every request is pinned to, so a change of the account's default version never changes what
     * the plugin sends and reads. Webhook events are rendered in the endpoint's version, which the receiver reads
     * tolerantly.
     */
    static final String API_VERSION = "2024-06-20";

    private final StripeConfig config;
    private final Provider provider;

    StripeApi(StripeConfig config, ConnectorContext context) {
        this.config = config;
        this.provider = Provider.builder(context, "the Stripe API")
                .timeout(config.timeout())
                .errors(new StripeErrors())
                .healthyWhenAnswered(StripeErrors.KEY_ACCEPTED + " (" + config.mode() + " mode)")
                .build();
    }

    /**
     * Creates an object.
     *
     * @param path           the path, e.g. {@code /v1/refunds}
     * @param form           the parameters
     * @param idempotencyKey the delivery id: Stripe answers a repeat of it with the first answer, creating nothing
     * @param onCreated      the outcome of the created object
     * @return the outcome; never null
     */
    ActionResult create(String path, FormBody form, String idempotencyKey, Function<JsonNode, ActionResult> onCreated) {
        HttpRequest request = provider.request(URI.create(config.apiBaseUrl() + path))
                .header("Authorization", "Bearer " + config.apiKey())
                .header("Stripe-Version", API_VERSION)
                .header("Idempotency-Key", idempotencyKey)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form.encoded()))
                .build();
        return provider.call(request, answer -> {
            JsonNode object = answer.json();
            // a 2xx that is not a Stripe object (a proxy's page?) leaves open whether it was created: the same
            // idempotency key makes the retry safe
            return object == null || !object.isObject() ? ActionResult.retry("the Stripe API answered "
                    + answer.status() + " without a JSON object") : onCreated.apply(object);
        });
    }

    /**
     * Reads an object.
     *
     * @param path the object's path, e.g. {@code /v1/payment_intents/pi_123}
     * @return delivered with the object as output, or what Stripe's error means
     */
    ActionResult retrieve(String path) {
        HttpRequest request = provider.request(URI.create(config.apiBaseUrl() + path))
                .header("Authorization", "Bearer " + config.apiKey())
                .header("Stripe-Version", API_VERSION)
                .header("Accept", "application/json")
                .GET()
                .build();
        return provider.call(request, answer -> {
            JsonNode object = answer.json();
            return object == null || !object.isObject() ? ActionResult.retry("the Stripe API answered "
                    + answer.status() + " without a JSON object") : new ActionResult.Delivered(null, object);
        });
    }

    /**
     * Reads the account ({@code GET /v1/balance}, the lightest call any key may make): the health check.
     *
     * @return the outcome; delivered when Stripe accepts the key
     */
    ActionResult ping() {
        HttpRequest request = provider.request(URI.create(config.apiBaseUrl() + "/v1/balance"))
                .header("Authorization", "Bearer " + config.apiKey())
                .header("Stripe-Version", API_VERSION)
                .GET()
                .build();
        return provider.call(request, answer -> ActionResult.delivered(null));
    }

    @Override
    public String toString() {
        return "StripeApi[" + config.apiBaseUrl() + "]";
    }
}
