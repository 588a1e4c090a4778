package io.ponte.plugins.mercadolivre;

import io.ponte.kit.BaseUrl;
import io.ponte.api.config.ConfigException;
import io.ponte.api.config.ConfigField;
import io.ponte.api.config.ConnectionConfig;
import io.ponte.api.config.FieldType;
import java.net.URI;
import java.time.Duration;

/**
 * One seller connection's config, its fields declared once below (the hub checks them against the spec before the
 * connection opens). Immutable; {@link #toString()} masks the client secret and the refresh token.
 *
 * @param clientId     the app's id in Mercado Livre's DevCenter (notices carry it as {@code application_id}); never
 *                     null
 * @param clientSecret the app's secret key; never null
 * @param refreshToken the refresh token the seller's authorization gave; used until a rotated one is stored in the
 *                     connection's secrets, and again when an admin saves a different one; never null
 * @param sellerId     the seller's user id (notices carry it as {@code user_id}); never null
 * @param apiBaseUrl   the API root without a trailing slash ({@code https://api.mercadolibre.com}); never null
 * @param timeout      how long one API call may take
 */
public record MercadoLivreConfig(String clientId, String clientSecret, String refreshToken, String sellerId,
                                 URI apiBaseUrl, Duration timeout) {

    /** The default of {@link #API_BASE_URL}. */
    public static final String DEFAULT_API_BASE_URL = "https://api.mercadolibre.com";

    /** The app id. */
    public static final ConfigField CLIENT_ID = ConfigField.required("clientId", FieldType.STRING,
                    "The app's id (App ID / client_id) from Mercado Livre's DevCenter; notices name it as "
                            + "application_id.")
            .matching("[0-9]{1,20}", "must be the app's numeric id");

    /** The app secret. */
    public static final ConfigField CLIENT_SECRET = ConfigField.required("clientSecret", FieldType.STRING,
                    "The app's secret key (client_secret) from the DevCenter.")
            .matching("[A-Za-z0-9_-]{1,200}", "must be the DevCenter's secret key: letters, digits, _ and -")
            .asSecret();

    /** The seller's first refresh token. */
    public static final ConfigField REFRESH_TOKEN = ConfigField.required("refreshToken", FieldType.STRING,
                    "The refresh token from the seller's authorization (TG-...). Mercado Livre rotates it on every "
                            + "refresh; the hub keeps the newest encrypted and uses it from then on. Save a new one "
                            + "after re-authorizing the app.")
            .matching("[A-Za-z0-9_-]{1,500}", "must be a refresh token: letters, digits, _ and -")
            .asSecret();

    /** The seller's user id. */
    public static final ConfigField SELLER_ID = ConfigField.required("sellerId", FieldType.STRING,
                    "The seller's user id (user_id in the token answer and in notices).")
            .matching("[0-9]{1,20}", "must be the seller's numeric user id");

    /** The API root. */
    public static final ConfigField API_BASE_URL = ConfigField.optional("apiBaseUrl", FieldType.URL,
                    "The Mercado Livre API root; change it only for a test fake.")
            .withDefault(DEFAULT_API_BASE_URL);

    /** The per-call timeout in seconds. */
    public static final ConfigField TIMEOUT_SECONDS = ConfigField.optional("timeoutSeconds", FieldType.INTEGER,
                    "How long one Mercado Livre API call may wait for the answer, in seconds.")
            .withDefault(15)
            .between(1, 60);

    /**
     * Drops trailing slashes from the base URL.
     *
     * @throws ConfigException when the base URL has a query
     */
    public MercadoLivreConfig {
        apiBaseUrl = BaseUrl.of(API_BASE_URL, apiBaseUrl);
    }

    /**
     * Reads a connection's config, checked and defaulted by the hub against the factory's spec.
     *
     * @throws ConfigException when the base URL has a query
     */
    public static MercadoLivreConfig from(ConnectionConfig config) {
        return new MercadoLivreConfig(config.string(CLIENT_ID), config.string(CLIENT_SECRET),
                config.string(REFRESH_TOKEN), config.string(SELLER_ID), config.url(API_BASE_URL),
                Duration.ofSeconds(config.integer(TIMEOUT_SECONDS)));
    }

    /** The URI of an API path ({@code /orders/1}, with its query if any). */
    public URI uri(String pathAndQuery) {
        return URI.create(apiBaseUrl + pathAndQuery);
    }

    @Override
    public String toString() {
        return "MercadoLivreConfig[clientId=" + clientId + ", clientSecret=***, refreshToken=***, sellerId="
                + sellerId + ", apiBaseUrl=" + apiBaseUrl + ", timeout=" + timeout + "]";
    }
}
