package io.ponte.plugins.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.config.ConfigError;
import io.ponte.api.config.ConfigException;
import io.ponte.api.config.ConfigField;
import io.ponte.api.config.ConnectionConfig;
import io.ponte.api.config.FieldType;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;

/**
 * One connection's config: its fields, declared once, and the typed values read from them. Immutable;
 * {@link #toString()} shows neither the secret, the header values nor the URL's path and query (webhook URLs often
 * carry a token).
 *
 * @param url        where {@code message.send} posts, or null for an inbound-only connection
 * @param signingKey the HMAC key for both directions, or null when no secret is configured (then inbound requests
 *                   need no signature and outbound ones carry none)
 * @param headers    extra request headers for {@code message.send}, in configured order; never null
 * @param timeout    the per-request timeout of {@code message.send}; never null
 */
public record HttpConfig(URI url, SecretKeySpec signingKey, Map<String, String> headers, Duration timeout) {

    /** Where {@code message.send} posts; unset for an inbound-only connection. */
    public static final ConfigField URL = ConfigField.optional("url", FieldType.URL,
            "Where message.send POSTs (an n8n webhook, your app's endpoint); leave empty for an inbound-only "
                    + "connection.");

    /**
     * The shared signing secret: {@code whsec_} and base64 key bytes (the Standard Webhooks serialization), or any
     * other non-empty string. Its length is checked on save only ({@link HttpConnectorFactory#validate}).
     */
    public static final ConfigField SECRET = ConfigField.optional("secret", FieldType.STRING,
                    "Signing secret for both directions, at least 32 characters: whsec_<base64> (Standard "
                            + "Webhooks) or any other string (e.g. openssl rand -hex 32), used as its UTF-8 bytes. "
                            + "Without it inbound requests need no signature.")
            .matching("(?s)(?!" + StandardWebhooks.SECRET_PREFIX + ").+|" + StandardWebhooks.SECRET_PREFIX
                            + "(?=.)(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?",
                    "must be " + StandardWebhooks.SECRET_PREFIX + " followed by base64 key bytes (Standard Webhooks), "
                            + "or any other non-empty string")
            .asSecret();

    /** Extra request headers for {@code message.send}: a JSON object of names to string values. */
    public static final ConfigField HEADERS = ConfigField.optional("headers", FieldType.JSON,
            "Extra request headers for message.send, as a JSON object of strings, e.g. "
                    + "{\"Authorization\":\"Bearer ...\"}.").asSecret();

    /** The per-request timeout of {@code message.send}, in seconds. */
    public static final ConfigField TIMEOUT_SECONDS = ConfigField.optional("timeoutSeconds", FieldType.INTEGER,
                    "Timeout of one message.send request, whole answer included, in seconds.")
            // The hub bounds each call anyway, and a longer wait only holds a delivery slot.
            .between(1, 300)
            .withDefault(10);

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    // Set by message.send itself (a configured copy would break the signature or the JSON contract), or
    // refused by java.net.http (restricted headers).
    private static final Set<String> RESERVED = Set.of("content-type", "user-agent", StandardWebhooks.ID_HEADER,
            StandardWebhooks.TIMESTAMP_HEADER, StandardWebhooks.SIGNATURE_HEADER,
            "connection", "content-length", "expect", "host", "upgrade");

    /** Requires a timeout; copies the headers (null means none). */
    public HttpConfig {
        Objects.requireNonNull(timeout, "timeout");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers == null ? Map.of() : headers));
    }

    /**
     * Reads a connection's config, which the hub validated against the fields above.
     *
     * @param config the connection's config
     * @return the typed config
     * @throws ConfigException naming every unusable header (never its value): a JSON field's shape is more than
     *                         the spec can declare
     */
    public static HttpConfig from(ConnectionConfig config) {
        String secret = config.string(SECRET);
        return new HttpConfig(config.url(URL), secret == null ? null : StandardWebhooks.signingKey(secret),
                headers(config.json(HEADERS)), Duration.ofSeconds(config.integer(TIMEOUT_SECONDS)));
    }

    /** The host {@code message.send} posts to, for messages: never the path or query, which may hold a token. */
    public String host() {
        return url == null ? null : url.getHost();
    }

    @Override
    public String toString() {
        return "HttpConfig[url=" + (url == null ? "none" : url.getScheme() + "://" + url.getHost()
                + (url.getPort() < 0 ? "" : ":" + url.getPort()) + "/...")
                + ", secret=" + (signingKey == null ? "none" : "***")
                + ", headers=" + headers.keySet() + " (values masked), timeout=" + timeout + "]";
    }

    private static Map<String, String> headers(JsonNode node) {
        if (node == null) {
            return Map.of();
        }
        String field = HEADERS.name();
        if (!node.isObject()) {
            throw new ConfigException(field, "must be a JSON object of header names to string values, e.g. "
                    + "{\"Authorization\":\"Bearer ...\"}");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        List<ConfigError> errors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> header : node.properties()) {
            String name = header.getKey();
            JsonNode value = header.getValue();
            if (!TOKEN.matcher(name).matches()) {
                errors.add(new ConfigError(field, "has a key that is not a valid HTTP header name"));
            } else if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                errors.add(new ConfigError(field + "." + name, "cannot be configured: message.send sets it"));
            } else if (!value.isTextual()) {
                errors.add(new ConfigError(field + "." + name, "must be a string"));
            } else if (value.textValue().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                errors.add(new ConfigError(field + "." + name, "must be a single-line string"));
            } else {
                headers.put(name, value.textValue());
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return headers;
    }
}
