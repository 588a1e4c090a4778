package io.ponte.plugins.instagram;

import io.ponte.api.config.ConfigField;
import io.ponte.api.config.ConnectionConfig;
import io.ponte.api.config.FieldType;
import io.ponte.plugins.meta.MetaConfig;
import java.net.URI;

/**
 * One connection's config. Each field is declared once below, with its default, pattern and secret flag: the hub
 * checks them all before {@link #from} reads the typed values. Immutable; {@link #toString()} shows the account id
 * and API base only, never a token or secret.
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

    private static final String NUMERIC_ID = "must be the numeric id of the Instagram professional account";

    /** The Instagram professional account id (or its Page's). */
    public static final ConfigField IG_USER_ID = ConfigField.required("igUserId", FieldType.STRING,
                    "The Instagram professional account id (App Dashboard > Instagram > API setup, or GET /me on the "
                            + "Graph API); with a Page access token on graph.facebook.com, the linked Facebook Page "
                            + "id. Messages are sent with POST /{igUserId}/messages.")
            .matching(MetaConfig.GRAPH_ID, NUMERIC_ID + " (or of its Facebook Page), e.g. 17841400000000000");
    /** The access token. */
    public static final ConfigField ACCESS_TOKEN = MetaConfig.secret("accessToken",
            "A long-lived Instagram user access token with instagram_business_manage_messages (or a Page access "
                    + "token with instagram_manage_messages for the Page-linked API).");
    /** The app secret. */
    public static final ConfigField APP_SECRET = MetaConfig.secret("appSecret",
            "The app secret that signs webhooks (X-Hub-Signature-256): Instagram app secret under Instagram > API "
                    + "setup, or App settings > Basic.");
    /** The webhook verify token. */
    public static final ConfigField VERIFY_TOKEN = MetaConfig.secret("verifyToken",
            "Any string you also type as the Verify token when you set the callback URL in the App Dashboard "
                    + "(Webhooks).");
    /** The Graph API base URL. */
    public static final ConfigField API_BASE_URL = MetaConfig.apiBaseUrl("apiBaseUrl",
            "The Graph API base URL with version: https://graph.facebook.com/v21.0 (Page-linked) or "
                    + "https://graph.instagram.com/v21.0 (Instagram Login).");
    /** The account id of webhooks, when it is not {@link #IG_USER_ID}; empty means unset. */
    public static final ConfigField IG_ACCOUNT_ID = ConfigField.optional("igAccountId", FieldType.STRING,
                    "Only on the Page-linked API, where igUserId is the Page id: the Instagram professional "
                            + "account id, which Meta puts in every webhook's entry id. Webhook entries of any other "
                            + "account are acknowledged and dropped. Default: igUserId.")
            .matching("(" + MetaConfig.GRAPH_ID + ")?", NUMERIC_ID + ", e.g. 17841400000000000");

    /** Checks what no field can declare: the base URL takes no query or credentials, and loses a trailing slash. */
    public InstagramConfig {
        apiBaseUrl = MetaConfig.graphBaseUrl(API_BASE_URL, apiBaseUrl);
    }

    /**
     * Reads a connection's config, which the hub validated against the fields above.
     *
     * @throws io.ponte.api.config.ConfigException when the base URL carries a query or credentials
     */
    public static InstagramConfig from(ConnectionConfig config) {
        String accountId = config.string(IG_ACCOUNT_ID);
        return new InstagramConfig(config.string(IG_USER_ID), config.string(ACCESS_TOKEN),
                config.string(APP_SECRET), config.string(VERIFY_TOKEN), config.url(API_BASE_URL),
                accountId == null || accountId.isEmpty() ? null : accountId);
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
}
