package io.ponte.plugins.rdstationcrm;

import io.ponte.api.config.ConfigException;
import io.ponte.api.config.ConfigField;
import io.ponte.api.config.ConnectionConfig;
import io.ponte.api.config.FieldType;
import io.ponte.kit.BaseUrl;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One RD Station CRM account's config, its fields declared once below (the hub checks them against the spec before
 * the connection opens). Immutable; {@link #toString()} masks the API token and the webhook token.
 *
 * @param apiToken     the account user's API token (RD Station CRM, Perfil → Token da API); never null
 * @param apiBaseUrl   the API v1 root without a trailing slash; never null
 * @param webhookToken the secret that RD Station's webhook URL carries as {@code ?token=}, or null when the
 *                     connection takes no webhooks
 */
public record RdStationCrmConfig(String apiToken, URI apiBaseUrl, String webhookToken) {

    /** The default of {@link #API_BASE_URL}. */
    public static final String DEFAULT_API_BASE_URL = "https://crm.rdstation.com/api/v1";

    /** The API token. */
    public static final ConfigField API_TOKEN = ConfigField.required("apiToken", FieldType.STRING,
                    "The API token of an RD Station CRM user (Perfil → Token da API); every call sends it as the "
                            + "token query parameter.")
            .matching("[A-Za-z0-9_-]{8,200}", "must be RD Station CRM's API token: letters, digits, _ and -")
            .asSecret();

    /** The API root. */
    public static final ConfigField API_BASE_URL = ConfigField.optional("apiBaseUrl", FieldType.URL,
                    "The RD Station CRM API v1 root; change it only for a test fake.")
            .withDefault(DEFAULT_API_BASE_URL);

    /** The webhook URL's secret. */
    public static final ConfigField WEBHOOK_TOKEN = ConfigField.optional("webhookToken", FieldType.STRING,
                    "A secret of your choosing for deal webhooks: register /hooks/<connection id>?token=<this> as "
                            + "the webhook URL in RD Station. RD Station signs nothing, so a webhook counts only with "
                            + "this token; without it the connection refuses every webhook.")
            .matching("[A-Za-z0-9_-]{24,200}", "must be at least 24 letters, digits, _ or -")
            .asSecret();

    /**
     * Drops trailing slashes from the base URL.
     *
     * @throws ConfigException when the base URL has a query
     */
    public RdStationCrmConfig {
        apiBaseUrl = BaseUrl.of(API_BASE_URL, apiBaseUrl);
    }

    /**
     * Reads a connection's config, checked and defaulted by the hub against the factory's spec.
     *
     * @throws ConfigException when the base URL has a query
     */
    public static RdStationCrmConfig from(ConnectionConfig config) {
        return new RdStationCrmConfig(config.string(API_TOKEN), config.url(API_BASE_URL),
                config.string(WEBHOOK_TOKEN));
    }

    /** The URI of an API path with its query parameters, the token last. */
    URI uri(String path, Map<String, String> query) {
        Map<String, String> all = new LinkedHashMap<>(query);
        all.put("token", apiToken);
        return URI.create(apiBaseUrl + path + "?" + all.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
    }

    @Override
    public String toString() {
        return "RdStationCrmConfig[apiToken=***, apiBaseUrl=" + apiBaseUrl + ", webhookToken="
                + (webhookToken == null ? "none" : "***") + "]";
    }
}
