package io.ponte.plugins.salesforce;

import io.ponte.api.config.ConfigError;
import io.ponte.api.config.ConfigException;
import io.ponte.api.config.ConfigField;
import io.ponte.api.config.ConnectionConfig;
import io.ponte.api.config.FieldType;
import io.ponte.kit.BaseUrl;
import java.net.URI;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One connection's config: its fields, declared once, and the typed values read from them. Immutable;
 * {@link #toString()} shows neither the client secret nor the private key.
 *
 * @param loginUrl     where the OAuth token endpoint lives ({@code https://login.salesforce.com}, a sandbox's
 *                     {@code https://test.salesforce.com} or the org's My Domain); never null
 * @param clientId     the connected app's consumer key; never null
 * @param clientSecret the consumer secret for the client-credentials flow, or null with a private key
 * @param privateKey   the key that signs JWT bearer assertions, or null with a client secret
 * @param username     the user the JWT bearer flow acts as ({@code sub}), or null for client credentials
 * @param apiVersion   the REST API version, {@code v61.0} style; never null
 * @param pollInterval how often changed contacts and opportunities are polled; never null
 */
public record SalesforceConfig(URI loginUrl, String clientId, String clientSecret, PrivateKey privateKey,
                               String username, String apiVersion, Duration pollInterval) {

    /** The OAuth server: login, test (sandboxes) or the org's My Domain (required for client credentials). */
    public static final ConfigField LOGIN_URL = ConfigField.optional("loginUrl", FieldType.URL,
                    "Where to get access tokens: https://login.salesforce.com, https://test.salesforce.com for a "
                            + "sandbox, or your org's My Domain URL (the client-credentials flow needs My Domain).")
            .withDefault("https://login.salesforce.com");

    /** The connected app's consumer key. */
    public static final ConfigField CLIENT_ID = ConfigField.required("clientId", FieldType.STRING,
            "The connected app's consumer key.");

    /** The consumer secret: the client-credentials flow. */
    public static final ConfigField CLIENT_SECRET = ConfigField.optional("clientSecret", FieldType.STRING,
            "The connected app's consumer secret, for the client-credentials flow (set this or privateKey).")
            .asSecret();

    /** The PKCS#8 RSA key whose certificate the connected app holds: the JWT bearer flow. */
    public static final ConfigField PRIVATE_KEY = ConfigField.optional("privateKey", FieldType.STRING,
            "For the JWT bearer flow (set this or clientSecret, and username): the RSA private key in PKCS#8 PEM "
                    + "(-----BEGIN PRIVATE KEY-----), on one line: newlines removed or written as \\n.")
            .asSecret();

    /** The user the JWT bearer flow acts as. */
    public static final ConfigField USERNAME = ConfigField.optional("username", FieldType.STRING,
            "The Salesforce username the JWT bearer flow acts as (pre-authorized for the connected app).");

    /** The REST API version. */
    public static final ConfigField API_VERSION = ConfigField.optional("apiVersion", FieldType.STRING,
                    "The REST API version, e.g. v61.0.")
            .matching("v[1-9][0-9]*\\.0", "must look like v61.0")
            .withDefault("v61.0");

    /** How often changes are polled. */
    public static final ConfigField POLL_INTERVAL_SECONDS = ConfigField.optional("pollIntervalSeconds",
                    FieldType.INTEGER, "How often changed contacts and opportunities are fetched, in seconds.")
            .between(1, 3600)
            .withDefault(60);

    /** Requires what every connection needs. */
    public SalesforceConfig {
        Objects.requireNonNull(loginUrl, "loginUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(pollInterval, "pollInterval");
    }

    /**
     * Reads a connection's config, which the hub validated against the fields above.
     *
     * @throws ConfigException naming each field of the cross-field rule: a client secret or a private key (not
     *                         both), a username with the key, a key that parses
     */
    public static SalesforceConfig from(ConnectionConfig config) {
        String secret = config.string(CLIENT_SECRET);
        String pem = config.string(PRIVATE_KEY);
        String username = config.string(USERNAME);
        List<ConfigError> errors = new ArrayList<>();
        if (secret == null && pem == null) {
            errors.add(new ConfigError(CLIENT_SECRET.name(), "set clientSecret (client-credentials flow) or "
                    + "privateKey with username (JWT bearer flow)"));
            errors.add(new ConfigError(PRIVATE_KEY.name(), "set privateKey with username (JWT bearer flow) or "
                    + "clientSecret (client-credentials flow)"));
        }
        if (secret != null && pem != null) {
            errors.add(new ConfigError(PRIVATE_KEY.name(), "set either privateKey or clientSecret, not both"));
        }
        PrivateKey key = null;
        if (pem != null) {
            if (username == null || username.isBlank()) {
                errors.add(new ConfigError(USERNAME.name(), "is required with privateKey (the JWT bearer flow)"));
            }
            try {
                key = JwtAssertion.readKey(pem);
            } catch (IllegalArgumentException e) {
                errors.add(new ConfigError(PRIVATE_KEY.name(), e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return new SalesforceConfig(BaseUrl.of(LOGIN_URL, config.url(LOGIN_URL)), config.string(CLIENT_ID), secret,
                key, username, config.string(API_VERSION),
                Duration.ofSeconds(config.integer(POLL_INTERVAL_SECONDS)));
    }

    /** Whether tokens come from the JWT bearer flow (else client credentials). */
    public boolean jwtBearer() {
        return privateKey != null;
    }

    @Override
    public String toString() {
        return "SalesforceConfig[loginUrl=" + loginUrl + ", clientId=" + clientId
                + ", flow=" + (jwtBearer() ? "jwt-bearer as " + username : "client-credentials")
                + ", credentials=***, apiVersion=" + apiVersion + ", pollInterval=" + pollInterval + "]";
    }
}
