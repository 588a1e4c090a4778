package io.ponte.plugins.stripe;

import io.ponte.kit.BaseUrl;
import io.ponte.api.config.ConfigException;
import io.ponte.api.config.ConfigField;
import io.ponte.api.config.ConnectionConfig;
import io.ponte.api.config.FieldType;
import java.net.URI;
import java.time.Duration;

/**
 * One Stripe account connection's config, its fields declared once below (the hub checks them against the spec
 * before the connection opens). Immutable; {@link #toString()} masks the API key and the webhook secret.
 *
 * @param apiKey        the secret or restricted API key ({@code sk_live_…}, {@code sk_test_…}, {@code rk_…}); never
 *                      null
 * @param webhookSecret the webhook endpoint's signing secret ({@code whsec_…}); never null
 * @param apiBaseUrl    the API server, without a trailing slash ({@code https://api.stripe.com}); never null
 * @param successUrl    where Checkout sends the payer after paying; never null
 * @param cancelUrl     where Checkout sends the payer who gives up; never null
 * @param timeout       how long one API call may take until Stripe answers
 */
public record StripeConfig(String apiKey, String webhookSecret, URI apiBaseUrl, URI successUrl, URI cancelUrl,
                           Duration timeout) {

    /** The default of {@link #API_BASE_URL}. */
    public static final String DEFAULT_API_BASE_URL = "https://api.stripe.com";
    /** The default of {@link #SUCCESS_URL}: Stripe's own page would do, but Checkout requires a URL of ours. */
    public static final String DEFAULT_SUCCESS_URL = "https://checkout.stripe.com/success";
    /** The default of {@link #CANCEL_URL}. */
    public static final String DEFAULT_CANCEL_URL = "https://checkout.stripe.com/cancel";

    /** The API key; it goes into the {@code Authorization} header only. */
    public static final ConfigField API_KEY = ConfigField.required("apiKey", FieldType.STRING,
                    "A secret key (sk_live_… / sk_test_…) or a restricted key (rk_…) with write access to Checkout "
                            + "Sessions and Refunds, from Dashboard → Developers → API keys.")
            .matching("(sk|rk)_[A-Za-z0-9_]{8,250}", "must be a Stripe secret or restricted key: sk_… or rk_…")
            .asSecret();

    /** The webhook signing secret. */
    public static final ConfigField WEBHOOK_SECRET = ConfigField.required("webhookSecret", FieldType.STRING,
                    "The signing secret of the webhook endpoint that points at this connection (whsec_…, shown once "
                            + "when the endpoint is created, or by `stripe listen`).")
            .matching("whsec_[A-Za-z0-9+/=_-]{1,250}", "must be a Stripe webhook signing secret: whsec_…")
            .asSecret();

    /** The API server. */
    public static final ConfigField API_BASE_URL = ConfigField.optional("apiBaseUrl", FieldType.URL,
                    "The Stripe API server; change it only for stripe-mock or a test fake.")
            .withDefault(DEFAULT_API_BASE_URL);

    /** Checkout's success URL. */
    public static final ConfigField SUCCESS_URL = ConfigField.optional("successUrl", FieldType.URL,
                    "Where Checkout sends the payer after paying (your thank-you page). Stripe replaces "
                            + "{CHECKOUT_SESSION_ID} in it with the session id.")
            .withDefault(DEFAULT_SUCCESS_URL);

    /** Checkout's cancel URL. */
    public static final ConfigField CANCEL_URL = ConfigField.optional("cancelUrl", FieldType.URL,
                    "Where Checkout sends the payer who leaves without paying.")
            .withDefault(DEFAULT_CANCEL_URL);

    /** The per-call timeout in seconds. */
    public static final ConfigField TIMEOUT_SECONDS = ConfigField.optional("timeoutSeconds", FieldType.INTEGER,
                    "How long one Stripe API call may wait for Stripe's answer, in seconds (Stripe's own libraries "
                            + "wait up to 80).")
            .withDefault(30)
            .between(1, 80);

    /**
     * Drops trailing slashes from the base URL.
     *
     * @throws ConfigException when the base URL has a query
     */
    public StripeConfig {
        apiBaseUrl = BaseUrl.of(API_BASE_URL, apiBaseUrl);
    }

    /**
     * Reads a connection's config, checked and defaulted by the hub against the factory's spec.
     *
     * @throws ConfigException when the base URL has a query
     */
    public static StripeConfig from(ConnectionConfig config) {
        return new StripeConfig(config.string(API_KEY), config.string(WEBHOOK_SECRET), config.url(API_BASE_URL),
                config.url(SUCCESS_URL), config.url(CANCEL_URL), Duration.ofSeconds(config.integer(TIMEOUT_SECONDS)));
    }

    /** Whether the key is a test-mode key: safe to name in health reports ({@code test} or {@code live}). */
    public String mode() {
        return apiKey.contains("_test_") ? "test" : "live";
    }

    @Override
    public String toString() {
        return "StripeConfig[apiKey=***, webhookSecret=***, apiBaseUrl=" + apiBaseUrl + ", successUrl=" + successUrl
                + ", cancelUrl=" + cancelUrl + ", timeout=" + timeout + "]";
    }
}
