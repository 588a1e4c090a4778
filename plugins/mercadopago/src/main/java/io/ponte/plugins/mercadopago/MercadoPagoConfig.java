package io.ponte.plugins.mercadopago;

import io.ponte.kit.BaseUrl;
import io.ponte.api.config.ConfigException;
import io.ponte.api.config.ConfigField;
import io.ponte.api.config.ConnectionConfig;
import io.ponte.api.config.FieldType;
import java.net.URI;
import java.util.Objects;

/**
 * One Mercado Pago account's config, its fields declared once below (the hub checks them against the spec before
 * the connection opens). Immutable; {@link #toString()} masks both secrets.
 *
 * @param accessToken   the account's access token, sent as {@code Authorization: Bearer}; never null
 * @param webhookSecret the application's webhook "secret signature", the HMAC key of {@code x-signature}; never null
 * @param apiBaseUrl    the API root without a trailing slash ({@code https://api.mercadopago.com}); never null
 */
public record MercadoPagoConfig(String accessToken, String webhookSecret, URI apiBaseUrl) {

    /** The default of {@link #API_BASE_URL}. */
    public static final String DEFAULT_API_BASE_URL = "https://api.mercadopago.com";

    /** The access token; its shape keeps it one header value. */
    public static final ConfigField ACCESS_TOKEN = ConfigField.required("accessToken", FieldType.STRING,
                    "The account's access token (Your integrations > Credentials): APP_USR-... in production, "
                            + "TEST-... in the sandbox.")
            .matching("[A-Za-z0-9_.-]{8,500}", "must be a Mercado Pago access token: letters, digits, '_', '-' "
                    + "and '.' only")
            .asSecret();

    /** The webhook signing secret. */
    public static final ConfigField WEBHOOK_SECRET = ConfigField.required("webhookSecret", FieldType.STRING,
                    "The application's webhook secret signature (Your integrations > Webhooks): notices whose "
                            + "x-signature it does not verify are refused with 401.")
            .asSecret();

    /** The API root. */
    public static final ConfigField API_BASE_URL = ConfigField.optional("apiBaseUrl", FieldType.URL,
                    "The Mercado Pago API root; change it only for a test fake.")
            .withDefault(DEFAULT_API_BASE_URL);

    /**
     * Drops trailing slashes from the base URL.
     *
     * @throws ConfigException when the base URL has a query, which would swallow each call's path
     */
    public MercadoPagoConfig {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(webhookSecret, "webhookSecret");
        apiBaseUrl = BaseUrl.of(API_BASE_URL, apiBaseUrl);
    }

    /**
     * Reads a connection's config, checked and defaulted by the hub against the factory's spec.
     *
     * @throws ConfigException when the base URL has a query
     */
    public static MercadoPagoConfig from(ConnectionConfig config) {
        return new MercadoPagoConfig(config.string(ACCESS_TOKEN), config.string(WEBHOOK_SECRET),
                config.url(API_BASE_URL));
    }

    /** The URI of an API path ({@code /v1/payments}). */
    public URI uri(String path) {
        return URI.create(apiBaseUrl + path);
    }

    @Override
    public String toString() {
        return "MercadoPagoConfig[accessToken=***, webhookSecret=***, apiBaseUrl=" + apiBaseUrl + "]";
    }
}
