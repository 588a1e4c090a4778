package io.ponte.plugins.instagram;

import io.ponte.api.config.ConnectionConfig;
import io.ponte.api.error.PermanentException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * One connection's validated config. Immutable; {@link #toString()} shows the account id and API host only, never
 * a token or secret.
 *
 * @param igUserId    the Instagram professional account id (or the linked Facebook Page id on the Page-scoped
 *                    Messenger API): the {@code {igUserId}} of {@code POST /{igUserId}/messages}; digits only
 * @param accessToken the bearer token of the Send API and health check (Instagram user token or Page token)
 * @param appSecret   the key of {@code X-Hub-Signature-256}
 * @param verifyToken what Meta's subscription handshake must echo in {@code hub.verify_token}
 * @param apiBaseUrl  the Graph API base including the version, without a trailing slash
 * @param igAccountId the Instagram professional account id Meta puts in {@code entry[].id} of webhooks, when it
 *                    differs from {@code igUserId} (the Page-linked API); null means {@code igUserId}
 */
public record InstagramConfig(String igUserId, String accessToken, String appSecret, String verifyToken,
                              URI apiBaseUrl, String igAccountId) {

    /** Config field: the Instagram professional account id. */
    public static final String IG_USER_ID = "igUserId";
    /** Config field: the access token. */
    public static final String ACCESS_TOKEN = "accessToken";
    /** Config field: the app secret. */
    public static final String APP_SECRET = "appSecret";
    /** Config field: the webhook verify token. */
    public static final String VERIFY_TOKEN = "verifyToken";
    /** Config field: the Graph API base URL. */
    public static final String API_BASE_URL = "apiBaseUrl";
    /** Config field: the account id of webhooks, when it is not {@link #IG_USER_ID}. */
    public static final String IG_ACCOUNT_ID = "igAccountId";
    /** The default of {@link #API_BASE_URL}. */
    public static final String DEFAULT_API_BASE_URL = "https://graph.facebook.com/v21.0";

    private static final Pattern NUMERIC_ID = Pattern.compile("[0-9]{1,32}");

    /**
     * Validates.
     *
     * @throws PermanentException naming the bad field, never its value
     */
    public InstagramConfig {
        if (igUserId == null || !NUMERIC_ID.matcher(igUserId).matches()) {
            throw new PermanentException(IG_USER_ID + " must be the numeric id of the Instagram professional account "
                    + "(or of its Facebook Page), e.g. 17841400000000000");
        }
        if (igAccountId != null && !NUMERIC_ID.matcher(igAccountId).matches()) {
            throw new PermanentException(IG_ACCOUNT_ID + " must be the numeric id of the Instagram professional "
                    + "account, e.g. 17841400000000000");
        }
        requireToken(ACCESS_TOKEN, accessToken);
        requireToken(APP_SECRET, appSecret);
        requireToken(VERIFY_TOKEN, verifyToken);
        if (apiBaseUrl == null || !apiBaseUrl.isAbsolute() || apiBaseUrl.getHost() == null
                || !("http".equalsIgnoreCase(apiBaseUrl.getScheme())
                || "https".equalsIgnoreCase(apiBaseUrl.getScheme()))
                || apiBaseUrl.getRawQuery() != null || apiBaseUrl.getRawFragment() != null
                || apiBaseUrl.getRawUserInfo() != null) {
            throw new PermanentException(API_BASE_URL + " must be an absolute http(s) URL without query or "
                    + "credentials, e.g. " + DEFAULT_API_BASE_URL);
        }
        String text = apiBaseUrl.toString();
        if (text.endsWith("/")) {
            apiBaseUrl = URI.create(text.replaceAll("/+$", ""));
        }
    }

    /**
     * Reads a connection's config (already validated against the descriptor's spec by the hub).
     *
     * @throws PermanentException when a value is unusable in a way the spec cannot express
     */
    public static InstagramConfig from(ConnectionConfig config) {
        String base = config.string(API_BASE_URL).orElse(DEFAULT_API_BASE_URL);
        URI uri;
        try {
            uri = new URI(base);
        } catch (URISyntaxException e) {
            throw new PermanentException(API_BASE_URL + " must be an absolute http(s) URL without query, e.g. "
                    + DEFAULT_API_BASE_URL);
        }
        return new InstagramConfig(config.string(IG_USER_ID).map(String::strip).orElse(null),
                config.string(ACCESS_TOKEN).orElse(null), config.string(APP_SECRET).orElse(null),
                config.string(VERIFY_TOKEN).orElse(null), uri,
                config.string(IG_ACCOUNT_ID).map(String::strip).filter(id -> !id.isEmpty()).orElse(null));
    }

    /** The account whose webhook entries this connection keeps: {@code igAccountId}, else {@code igUserId}. */
    public String webhookAccountId() {
        return igAccountId != null ? igAccountId : igUserId;
    }

    /** The API host, for messages: never a path or token. */
    public String apiHost() {
        return apiBaseUrl.getHost();
    }

    @Override
    public String toString() {
        return "InstagramConfig[igUserId=" + igUserId + ", accessToken=***, appSecret=***, verifyToken=***, apiBaseUrl="
                + apiBaseUrl + (igAccountId == null ? "" : ", igAccountId=" + igAccountId) + "]";
    }

    private static void requireToken(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new PermanentException(field + " must not be empty");
        }
        // A header value with a line break would smuggle headers; a secret never legitimately has one.
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new PermanentException(field + " must be a single line without control characters");
        }
    }
}
