package io.ponte.plugins.pipedrive;

import io.ponte.api.config.ConfigException;
import io.ponte.api.config.ConfigField;
import io.ponte.api.config.ConnectionConfig;
import io.ponte.api.config.FieldType;
import io.ponte.kit.BaseUrl;
import java.net.URI;
import java.time.Duration;

/**
 * One Pipedrive company connection's config, its fields declared once below (the hub checks them against the spec
 * before the connection opens). Immutable; {@link #toString()} masks the API token and the webhook password.
 *
 * @param apiToken        the API token sent as {@code x-api-token}; never null
 * @param companyDomain   the company's subdomain ({@code acme} for {@code acme.pipedrive.com}); never null
 * @param webhookUser     the HTTP Basic user Pipedrive's webhooks carry; never null
 * @param webhookPassword the HTTP Basic password Pipedrive's webhooks carry; never null
 * @param apiBaseUrl      the API root without a trailing slash ({@code https://acme.pipedrive.com}); never null
 * @param timeout         how long one API call may take
 */
public record PipedriveConfig(String apiToken, String companyDomain, String webhookUser, String webhookPassword,
                              URI apiBaseUrl, Duration timeout) {

    /** The API token (Settings → Personal preferences → API). */
    public static final ConfigField API_TOKEN = ConfigField.required("apiToken", FieldType.STRING,
                    "The Pipedrive API token (Personal preferences → API), sent as the x-api-token header.")
            .matching("[A-Za-z0-9]{1,200}", "must be the token's letters and digits")
            .asSecret();

    /** The company domain. */
    public static final ConfigField COMPANY_DOMAIN = ConfigField.required("companyDomain", FieldType.STRING,
                    "The company's Pipedrive subdomain: acme for https://acme.pipedrive.com.")
            .matching("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?",
                    "must be the subdomain alone (letters, digits and -), like acme");

    /** The webhook's HTTP Basic user. */
    public static final ConfigField WEBHOOK_USER = ConfigField.required("webhookUser", FieldType.STRING,
                    "The HTTP auth user given to Pipedrive when creating the webhook (http_auth_user); webhooks "
                            + "without it are refused.")
            .matching("[^:\\s]{1,200}", "must be 1 to 200 characters without ':' or spaces (HTTP Basic)");

    /** The webhook's HTTP Basic password. */
    public static final ConfigField WEBHOOK_PASSWORD = ConfigField.required("webhookPassword", FieldType.STRING,
                    "The HTTP auth password given to Pipedrive when creating the webhook (http_auth_password).")
            .matching("\\S{1,200}", "must be 1 to 200 characters without spaces")
            .asSecret();

    /** The API root override. */
    public static final ConfigField API_BASE_URL = ConfigField.optional("apiBaseUrl", FieldType.URL,
            "The API root; by default https://<companyDomain>.pipedrive.com. Change it only for a test fake.");

    /** The per-call timeout in seconds. */
    public static final ConfigField TIMEOUT_SECONDS = ConfigField.optional("timeoutSeconds", FieldType.INTEGER,
                    "How long one Pipedrive API call may wait for the answer, in seconds.")
            .withDefault(15)
            .between(1, 60);

    /**
     * Drops trailing slashes from the base URL.
     *
     * @throws ConfigException when the base URL has a query, a fragment or credentials
     */
    public PipedriveConfig {
        apiBaseUrl = BaseUrl.of(API_BASE_URL, apiBaseUrl);
    }

    /**
     * Reads a connection's config, checked by the hub against the factory's spec.
     *
     * @throws ConfigException when the base URL has a query, a fragment or credentials
     */
    public static PipedriveConfig from(ConnectionConfig config) {
        String domain = config.string(COMPANY_DOMAIN);
        URI base = config.url(API_BASE_URL);
        return new PipedriveConfig(config.string(API_TOKEN), domain, config.string(WEBHOOK_USER),
                config.string(WEBHOOK_PASSWORD), base != null ? base : URI.create("https://" + domain + ".pipedrive.com"),
                Duration.ofSeconds(config.integer(TIMEOUT_SECONDS)));
    }

    /** A path under the API root ({@code /api/v2/persons}), with its query if any. */
    URI uri(String pathAndQuery) {
        return URI.create(apiBaseUrl + pathAndQuery);
    }

    @Override
    public String toString() {
        return "PipedriveConfig[apiToken=***, companyDomain=" + companyDomain + ", webhookUser=" + webhookUser
                + ", webhookPassword=***, apiBaseUrl=" + apiBaseUrl + ", timeout=" + timeout + "]";
    }
}
