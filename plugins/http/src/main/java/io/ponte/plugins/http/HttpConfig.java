package io.ponte.plugins.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.config.ConnectionConfig;
import io.ponte.api.error.PermanentException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;

/**
 * One connection's validated config. Immutable; {@link #toString()} shows neither the secret, the header values
 * nor the URL's path and query (webhook URLs often carry a token).
 *
 * @param url        where {@code message.send} posts, or null for an inbound-only connection
 * @param signingKey the HMAC key for both directions, or null when no secret is configured (then inbound requests
 *                   need no signature and outbound ones carry none)
 * @param headers    extra request headers for {@code message.send}, in configured order; never null
 * @param timeout    the per-request timeout of {@code message.send}, 1 to 300 seconds
 */
public record HttpConfig(URI url, SecretKeySpec signingKey, Map<String, String> headers, Duration timeout) {

    /** Config field: where {@code message.send} posts. */
    public static final String URL = "url";
    /** Config field: the shared signing secret. */
    public static final String SECRET = "secret";
    /** Config field: extra request headers. */
    public static final String HEADERS = "headers";
    /** Config field: per-request timeout in seconds. */
    public static final String TIMEOUT_SECONDS = "timeoutSeconds";
    /** The default of {@link #TIMEOUT_SECONDS}. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 10;
    /** The largest {@link #TIMEOUT_SECONDS}: the hub bounds each call anyway, and a longer wait only holds a slot. */
    public static final int MAX_TIMEOUT_SECONDS = 300;
    /** The shortest {@link #SECRET}: it alone authenticates inbound requests, so it must not be guessable. */
    public static final int MIN_SECRET_LENGTH = 32;

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    // Set by message.send itself (a configured copy would break the signature or the JSON contract), or
    // refused by java.net.http (restricted headers).
    private static final Set<String> RESERVED = Set.of("content-type", "user-agent", StandardWebhooks.ID_HEADER,
            StandardWebhooks.TIMESTAMP_HEADER, StandardWebhooks.SIGNATURE_HEADER,
            "connection", "content-length", "expect", "host", "upgrade");

    /**
     * Validates and copies.
     *
     * @throws PermanentException naming the bad field (never its value)
     */
    public HttpConfig {
        if (url != null && (!url.isAbsolute() || url.getHost() == null
                || !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme())))) {
            throw new PermanentException(URL + " must be an absolute http(s) URL");
        }
        if (timeout == null || timeout.compareTo(Duration.ofSeconds(1)) < 0
                || timeout.compareTo(Duration.ofSeconds(MAX_TIMEOUT_SECONDS)) > 0) {
            throw new PermanentException(TIMEOUT_SECONDS + " must be between 1 and " + MAX_TIMEOUT_SECONDS);
        }
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : (headers == null ? Map.<String, String>of() : headers).entrySet()) {
            String name = header.getKey();
            if (name == null || !TOKEN.matcher(name).matches()) {
                throw new PermanentException(HEADERS + " has a key that is not a valid HTTP header name");
            }
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new PermanentException(HEADERS + "." + name + " cannot be configured: message.send sets it");
            }
            String value = header.getValue();
            if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                throw new PermanentException(HEADERS + "." + name + " must be a single-line string");
            }
            copy.put(name, value);
        }
        headers = Collections.unmodifiableMap(copy);
    }

    /**
     * Reads a connection's config (already validated against the descriptor's spec by the hub).
     *
     * @param config the connection's config
     * @return the typed config
     * @throws PermanentException when a value is unusable in a way the spec cannot express (a non-object
     *                            {@code headers}, a {@code whsec_} secret that is not base64 ...)
     */
    public static HttpConfig from(ConnectionConfig config) {
        URI url = config.string(URL).map(HttpConfig::parseUrl).orElse(null);
        SecretKeySpec key = config.string(SECRET).map(HttpConfig::parseSecret).orElse(null);
        Map<String, String> headers = config.json(HEADERS).map(HttpConfig::parseHeaders).orElse(Map.of());
        long seconds = config.integer(TIMEOUT_SECONDS).orElse((long) DEFAULT_TIMEOUT_SECONDS);
        if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
            throw new PermanentException(TIMEOUT_SECONDS + " must be between 1 and " + MAX_TIMEOUT_SECONDS);
        }
        return new HttpConfig(url, key, headers, Duration.ofSeconds(seconds));
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

    private static URI parseUrl(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new PermanentException(URL + " must be an absolute http(s) URL");
        }
    }

    private static SecretKeySpec parseSecret(String value) {
        if (!value.isEmpty() && value.length() < MIN_SECRET_LENGTH) {
            throw new PermanentException(SECRET + " must be at least " + MIN_SECRET_LENGTH
                    + " characters; e.g. `openssl rand -hex 32`");
        }
        try {
            return StandardWebhooks.signingKey(value);
        } catch (IllegalArgumentException e) {
            throw new PermanentException(SECRET + ": " + e.getMessage());
        }
    }

    private static Map<String, String> parseHeaders(JsonNode node) {
        if (!node.isObject()) {
            throw new PermanentException(HEADERS + " must be a JSON object of header names to string values, e.g. "
                    + "{\"Authorization\":\"Bearer ...\"}");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!field.getValue().isTextual()) {
                throw new PermanentException(HEADERS + "." + field.getKey() + " must be a string");
            }
            headers.put(field.getKey(), field.getValue().textValue());
        }
        return headers;
    }
}
