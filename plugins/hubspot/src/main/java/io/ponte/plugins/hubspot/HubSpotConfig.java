package io.ponte.plugins.hubspot;

import io.ponte.api.config.ConfigException;
import io.ponte.api.config.ConfigField;
import io.ponte.api.config.ConnectionConfig;
import io.ponte.api.config.FieldType;
import io.ponte.kit.BaseUrl;
import java.net.URI;

/**
 * One HubSpot account's config, its fields declared once below. Immutable; {@link #toString()} masks both secrets.
 *
 * @param accessToken  the private app's access token, sent as {@code Authorization: Bearer}; never null
 * @param clientSecret the app's client secret, the key of the webhooks' v3 signatures; never null
 * @param apiBaseUrl   HubSpot's API root without a trailing slash ({@code https://api.hubapi.com}); never null
 */
public record HubSpotConfig(String accessToken, String clientSecret, URI apiBaseUrl) {

    /** The default of {@link #API_BASE_URL}. */
    public static final String DEFAULT_API_BASE_URL = "https://api.hubapi.com";

    /** The private app token. Printable ASCII on one line, as a header value must be. */
    public static final ConfigField ACCESS_TOKEN = ConfigField.required("accessToken", FieldType.STRING,
                    "The private app's access token (Settings > Integrations > Private apps), with the scopes "
                            + "crm.objects.contacts.read/write and crm.objects.deals.read/write.")
            .matching("[!-~]{8,512}", "must be the token as HubSpot shows it: 8 to 512 printable characters, no spaces")
            .asSecret();

    /** The app's client secret, for webhook signatures. */
    public static final ConfigField CLIENT_SECRET = ConfigField.required("clientSecret", FieldType.STRING,
                    "The app's client secret (the app's Auth tab): HubSpot signs every webhook with it "
                            + "(X-HubSpot-Signature-v3), and webhooks without a valid signature are refused.")
            .matching("[!-~]{8,512}", "must be the secret as HubSpot shows it: 8 to 512 printable characters")
            .asSecret();

    /** The API root. */
    public static final ConfigField API_BASE_URL = ConfigField.optional("apiBaseUrl", FieldType.URL,
                    "HubSpot's API root; change it only for a test fake.")
            .withDefault(DEFAULT_API_BASE_URL);

    /**
     * Drops trailing slashes from the base URL.
     *
     * @throws ConfigException when the base URL has a query, fragment or credentials
     */
    public HubSpotConfig {
        apiBaseUrl = BaseUrl.of(API_BASE_URL, apiBaseUrl);
    }

    /**
     * Reads a connection's config, checked and defaulted by the hub against the factory's spec.
     *
     * @throws ConfigException when the base URL has a query, fragment or credentials
     */
    public static HubSpotConfig from(ConnectionConfig config) {
        return new HubSpotConfig(config.string(ACCESS_TOKEN), config.string(CLIENT_SECRET), config.url(API_BASE_URL));
    }

    @Override
    public String toString() {
        return "HubSpotConfig[accessToken=***, clientSecret=***, apiBaseUrl=" + apiBaseUrl + "]";
    }
}
