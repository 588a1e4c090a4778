package io.ponte.plugins.telegram;

import io.ponte.kit.BaseUrl;
import io.ponte.api.config.ConfigException;
import io.ponte.api.config.ConfigField;
import io.ponte.api.config.ConnectionConfig;
import io.ponte.api.config.FieldType;
import java.net.URI;
import java.time.Duration;

/**
 * One bot connection's config, its fields declared once below (the hub checks them against the spec before the
 * connection opens). Immutable; {@link #toString()} masks the bot token and the secret token.
 *
 * @param botToken    the token BotFather gave ({@code <bot id>:<secret part>}); never null
 * @param secretToken the value Telegram sends in {@code X-Telegram-Bot-Api-Secret-Token}; never null. Saving a
 *                    connection also requires 32 characters ({@link TelegramConnectorFactory#validate}), opening one
 *                    does not, so a connection saved with a shorter token before that rule keeps running
 * @param apiBaseUrl  the Bot API server, without a trailing slash ({@code https://api.telegram.org}); never null
 * @param timeout     how long one Bot API call may take until Telegram answers
 */
public record TelegramConfig(String botToken, String secretToken, URI apiBaseUrl, Duration timeout) {

    /** The default of {@link #API_BASE_URL}. */
    public static final String DEFAULT_API_BASE_URL = "https://api.telegram.org";

    /** The bot token. It goes into every call's path, so its shape keeps a '/' or '?' from changing the request. */
    public static final ConfigField BOT_TOKEN = ConfigField.required("botToken", FieldType.STRING,
                    "The bot's token from @BotFather (/newbot or /token), like 123456789:AAE...")
            .matching("[0-9]{1,20}:[A-Za-z0-9_-]{1,200}",
                    "must look like BotFather's token: <digits>:<letters, digits, _ or ->")
            .asSecret();

    /** The webhook secret token, as {@code setWebhook} takes it. */
    public static final ConfigField SECRET_TOKEN = ConfigField.required("secretToken", FieldType.STRING,
                    "A random string of 32-256 characters (A-Z a-z 0-9 _ -, e.g. openssl rand -hex 32) that "
                            + "webhook.register gives Telegram; Telegram sends it back with every update, and "
                            + "updates without it are refused.")
            .matching("[A-Za-z0-9_-]{1,256}",
                    "must be 1 to 256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule for setWebhook's "
                            + "secret_token)")
            .asSecret();

    /** The Bot API server. */
    public static final ConfigField API_BASE_URL = ConfigField.optional("apiBaseUrl", FieldType.URL,
                    "The Bot API server; change it only for a self-hosted Bot API server or a test fake.")
            .withDefault(DEFAULT_API_BASE_URL);

    /** The per-call timeout in seconds. */
    public static final ConfigField TIMEOUT_SECONDS = ConfigField.optional("timeoutSeconds", FieldType.INTEGER,
                    "How long one Bot API call may wait for Telegram's answer, in seconds.")
            .withDefault(10)
            .between(1, 60);

    /**
     * Drops trailing slashes from the base URL.
     *
     * @throws ConfigException when the base URL has a query
     */
    public TelegramConfig {
        apiBaseUrl = BaseUrl.of(API_BASE_URL, apiBaseUrl);
    }

    /**
     * Reads a connection's config, checked and defaulted by the hub against the factory's spec.
     *
     * @param config the connection's config
     * @return the typed config
     * @throws ConfigException when the base URL has a query
     */
    public static TelegramConfig from(ConnectionConfig config) {
        return new TelegramConfig(config.string(BOT_TOKEN), config.string(SECRET_TOKEN), config.url(API_BASE_URL),
                Duration.ofSeconds(config.integer(TIMEOUT_SECONDS)));
    }

    /** The bot's numeric id: the part of the token before the colon, which Telegram treats as public. */
    public String botId() {
        return botToken.substring(0, botToken.indexOf(':'));
    }

    /** The Bot API host, for reasons: never the full URL of a call, which carries the token. */
    public String host() {
        return apiBaseUrl.getHost();
    }

    @Override
    public String toString() {
        return "TelegramConfig[botToken=" + botId() + ":***, secretToken=***, apiBaseUrl=" + apiBaseUrl
                + ", timeout=" + timeout + "]";
    }
}
