package io.ponte.plugins.whatsapp;

import io.ponte.api.config.ConnectionConfig;
import io.ponte.api.error.PermanentException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * One WhatsApp Cloud API connection's validated config. Immutable; {@link #toString()} masks the three secrets.
 *
 * @param phoneNumberId        the business phone number's id (digits), the path segment of every send
 * @param accessToken          the system-user or business access token, sent as {@code Authorization: Bearer}
 * @param appSecret            the Meta app's secret, the HMAC key of {@code X-Hub-Signature-256}
 * @param verifyToken          the token typed into the App Dashboard for the subscription handshake
 * @param apiBaseUrl           the Graph API base including the version, without a trailing slash
 * @param maxMessagesPerSecond the send rate to declare, 1 to 1000 (80 is Cloud API's default throughput)
 */
public record WhatsAppConfig(String phoneNumberId, String accessToken, String appSecret, String verifyToken,
                             URI apiBaseUrl, int maxMessagesPerSecond) {

    /** Config field: the business phone number id. */
    public static final String PHONE_NUMBER_ID = "phoneNumberId";
    /** Config field: the access token. */
    public static final String ACCESS_TOKEN = "accessToken";
    /** Config field: the app secret. */
    public static final String APP_SECRET = "appSecret";
    /** Config field: the webhook verify token. */
    public static final String VERIFY_TOKEN = "verifyToken";
    /** Config field: the Graph API base URL. */
    public static final String API_BASE_URL = "apiBaseUrl";
    /** Config field: the declared send rate. */
    public static final String MAX_MESSAGES_PER_SECOND = "maxMessagesPerSecond";
    /** The default of {@link #API_BASE_URL}. */
    public static final String DEFAULT_API_BASE_URL = "https://graph.facebook.com/v21.0";
    /** Cloud API's default throughput per business number, and the default of {@link #MAX_MESSAGES_PER_SECOND}. */
    public static final int DEFAULT_MESSAGES_PER_SECOND = 80;
    /** The largest {@link #MAX_MESSAGES_PER_SECOND} (Meta's highest throughput tier). */
    public static final int MAX_MESSAGES_PER_SECOND_LIMIT = 1000;

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,32}");

    /**
     * Validates.
     *
     * @throws PermanentException naming the bad field (never its value)
     */
    public WhatsAppConfig {
        if (phoneNumberId == null || !DIGITS.matcher(phoneNumberId).matches()) {
            throw new PermanentException(PHONE_NUMBER_ID + " must be the numeric Phone number ID from WhatsApp > "
                    + "API Setup (not the phone number itself)");
        }
        requireSecret(ACCESS_TOKEN, accessToken);
        requireSecret(APP_SECRET, appSecret);
        requireSecret(VERIFY_TOKEN, verifyToken);
        if (apiBaseUrl == null || !apiBaseUrl.isAbsolute() || apiBaseUrl.getHost() == null
                || !("http".equalsIgnoreCase(apiBaseUrl.getScheme()) || "https".equalsIgnoreCase(apiBaseUrl.getScheme()))
                || apiBaseUrl.getRawQuery() != null || apiBaseUrl.getRawFragment() != null) {
            throw new PermanentException(API_BASE_URL + " must be an absolute http(s) URL without query, e.g. "
                    + DEFAULT_API_BASE_URL);
        }
        String base = apiBaseUrl.toString();
        if (base.endsWith("/")) {
            apiBaseUrl = URI.create(base.replaceAll("/+$", ""));
        }
        if (maxMessagesPerSecond < 1 || maxMessagesPerSecond > MAX_MESSAGES_PER_SECOND_LIMIT) {
            throw new PermanentException(MAX_MESSAGES_PER_SECOND + " must be between 1 and "
                    + MAX_MESSAGES_PER_SECOND_LIMIT);
        }
    }

    /**
     * Reads a connection's config (already validated against the descriptor's spec by the hub).
     *
     * @param config the connection's config
     * @return the typed config
     * @throws PermanentException when a value is unusable in a way the spec cannot express
     */
    public static WhatsAppConfig from(ConnectionConfig config) {
        URI base;
        try {
            base = new URI(config.string(API_BASE_URL).orElse(DEFAULT_API_BASE_URL).strip());
        } catch (URISyntaxException e) {
            throw new PermanentException(API_BASE_URL + " must be an absolute http(s) URL");
        }
        long rate = config.integer(MAX_MESSAGES_PER_SECOND).orElse((long) DEFAULT_MESSAGES_PER_SECOND);
        if (rate < 1 || rate > MAX_MESSAGES_PER_SECOND_LIMIT) {
            throw new PermanentException(MAX_MESSAGES_PER_SECOND + " must be between 1 and "
                    + MAX_MESSAGES_PER_SECOND_LIMIT);
        }
        return new WhatsAppConfig(config.string(PHONE_NUMBER_ID).map(String::strip).orElse(null),
                config.string(ACCESS_TOKEN).orElse(null), config.string(APP_SECRET).orElse(null),
                config.string(VERIFY_TOKEN).orElse(null), base, (int) rate);
    }

    /** The send rate to declare: the number's throughput (80 by default; Meta raises eligible numbers to 1000). */
    public int declaredMessagesPerSecond() {
        return maxMessagesPerSecond;
    }

    /** {@code apiBaseUrl} + "/" + path segments (each already URL-safe). */
    URI endpoint(String path) {
        return URI.create(apiBaseUrl + "/" + path);
    }

    @Override
    public String toString() {
        return "WhatsAppConfig[phoneNumberId=" + phoneNumberId + ", accessToken=***, appSecret=***, verifyToken=***"
                + ", apiBaseUrl=" + apiBaseUrl + ", maxMessagesPerSecond=" + maxMessagesPerSecond + "]";
    }

    private static void requireSecret(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new PermanentException(field + " is required");
        }
        if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            throw new PermanentException(field + " must be a single line");
        }
    }
}
