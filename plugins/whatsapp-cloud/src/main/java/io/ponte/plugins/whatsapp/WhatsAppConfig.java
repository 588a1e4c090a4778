package io.ponte.plugins.whatsapp;

import io.ponte.api.config.ConfigField;
import io.ponte.api.config.ConnectionConfig;
import io.ponte.api.config.FieldType;
import io.ponte.plugins.meta.MetaConfig;
import java.net.URI;

/**
 * One WhatsApp Cloud API connection's config. Each field is declared once below, with its default, range, pattern
 * and secret flag: the hub checks them all before {@link #from} reads the typed values. Immutable;
 * {@link #toString()} masks the three secrets.
 *
 * @param phoneNumberId        the business phone number's id (digits), the path segment of every send
 * @param accessToken          the system-user or business access token, sent as {@code Authorization: Bearer}
 * @param appSecret            the Meta app's secret, the HMAC key of {@code X-Hub-Signature-256}
 * @param verifyToken          the token typed into the App Dashboard for the subscription handshake
 * @param apiBaseUrl           the Graph API base including the version, without a trailing slash
 * @param maxMessagesPerSecond the send rate to declare (80 is Cloud API's default throughput)
 */
public record WhatsAppConfig(String phoneNumberId, String accessToken, String appSecret, String verifyToken,
                             URI apiBaseUrl, int maxMessagesPerSecond) {

    /** The business phone number id. */
    public static final ConfigField PHONE_NUMBER_ID = ConfigField.required("phoneNumberId", FieldType.STRING,
                    "The business number's Phone number ID (digits), shown in the App Dashboard under WhatsApp > "
                            + "API Setup; not the phone number itself.")
            .matching(MetaConfig.GRAPH_ID, "must be the numeric Phone number ID from WhatsApp > API Setup (not the "
                    + "phone number itself)");
    /** The access token. */
    public static final ConfigField ACCESS_TOKEN = MetaConfig.secret("accessToken",
            "A System User access token with whatsapp_business_messaging (Business Settings > System users > "
                    + "Generate token); the API Setup page's temporary token expires in 24 hours.");
    /** The app secret. */
    public static final ConfigField APP_SECRET = MetaConfig.secret("appSecret",
            "The Meta app's App secret (App Dashboard > App settings > Basic), the key of the X-Hub-Signature-256 "
                    + "webhook signature.");
    /** The webhook verify token. */
    public static final ConfigField VERIFY_TOKEN = MetaConfig.secret("verifyToken",
            "Any string you choose and type as the Verify token when you set this connection's webhook URL in the "
                    + "App Dashboard (WhatsApp > Configuration).");
    /** The Graph API base URL. */
    public static final ConfigField API_BASE_URL = MetaConfig.apiBaseUrl("apiBaseUrl",
            "The Graph API base URL with its version; change it to move to a newer version.");
    /** The declared send rate: Cloud API's default throughput per number is 80, Meta's highest tier 1000. */
    public static final ConfigField MAX_MESSAGES_PER_SECOND = ConfigField.optional("maxMessagesPerSecond",
                    FieldType.INTEGER, "The number's throughput, messages a second the hub keeps to (1 to 1000): "
                            + "Cloud API's default is 80; set 1000 once Meta has upgraded the number.")
            .between(1, 1000).withDefault(80);

    /** Checks what no field can declare: the base URL takes no query or credentials, and loses a trailing slash. */
    public WhatsAppConfig {
        apiBaseUrl = MetaConfig.graphBaseUrl(API_BASE_URL, apiBaseUrl);
    }

    /**
     * Reads a connection's config, which the hub validated against the fields above.
     *
     * @param config the connection's config
     * @return the typed config
     * @throws io.ponte.api.config.ConfigException when the base URL carries a query or credentials
     */
    public static WhatsAppConfig from(ConnectionConfig config) {
        return new WhatsAppConfig(config.string(PHONE_NUMBER_ID), config.string(ACCESS_TOKEN),
                config.string(APP_SECRET), config.string(VERIFY_TOKEN), config.url(API_BASE_URL),
                Math.toIntExact(config.integer(MAX_MESSAGES_PER_SECOND)));
    }

    @Override
    public String toString() {
        return "WhatsAppConfig[phoneNumberId=" + phoneNumberId + ", accessToken=***, appSecret=***, verifyToken=***"
                + ", apiBaseUrl=" + apiBaseUrl + ", maxMessagesPerSecond=" + maxMessagesPerSecond + "]";
    }
}
