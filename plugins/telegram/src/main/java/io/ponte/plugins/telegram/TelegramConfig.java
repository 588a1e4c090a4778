package io.ponte.plugins.telegram;

import io.ponte.api.config.ConnectionConfig;
import io.ponte.api.error.PermanentException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One bot connection's validated config. Immutable; {@link #toString()} masks the bot token and the secret token.
 *
 * @param botToken    the token BotFather gave ({@code <bot id>:<secret part>}); never null
 * @param secretToken the value Telegram sends in {@code X-Telegram-Bot-Api-Secret-Token}; characters of
 *                    {@code A-Z a-z 0-9 _ -} as {@code setWebhook} requires, at least
 *                    {@value #MIN_SECRET_TOKEN_LENGTH} (the only thing that authenticates an update) and at most 256;
 *                    never null
 * @param apiBaseUrl  the Bot API server, without a trailing slash ({@code https://api.telegram.org}); never null
 * @param timeout     how long one Bot API call may take until Telegram answers, 1 to 60 seconds
 */
public record TelegramConfig(String botToken, String secretToken, URI apiBaseUrl, Duration timeout) {

    /** Config field: the bot token. */
    public static final String BOT_TOKEN = "botToken";
    /** Config field: the webhook secret token. */
    public static final String SECRET_TOKEN = "secretToken";
    /** Config field: the Bot API base URL. */
    public static final String API_BASE_URL = "apiBaseUrl";
    /** Config field: the per-call timeout in seconds. */
    public static final String TIMEOUT_SECONDS = "timeoutSeconds";
    /** The default of {@link #API_BASE_URL}. */
    public static final String DEFAULT_API_BASE_URL = "https://api.telegram.org";
    /** The default of {@link #TIMEOUT_SECONDS}. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 10;
    /** The largest {@link #TIMEOUT_SECONDS}. */
    public static final int MAX_TIMEOUT_SECONDS = 60;
    /** The shortest {@link #SECRET_TOKEN}: it alone authenticates updates, so it must not be guessable. */
    public static final int MIN_SECRET_TOKEN_LENGTH = 32;

    // The token goes into the URL path: anything outside this shape (a slash, a '?') would change the request.
    private static final Pattern BOT_TOKEN_SHAPE = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{1,200}");
    private static final Pattern SECRET_TOKEN_SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    /**
     * Validates.
     *
     * @throws PermanentException naming the bad field (never its value)
     */
    public TelegramConfig {
        if (botToken == null || !BOT_TOKEN_SHAPE.matcher(botToken).matches()) {
            throw new PermanentException(BOT_TOKEN + " must look like BotFather's token: <digits>:<letters, digits,"
                    + " _ or ->");
        }
        if (secretToken == null || !SECRET_TOKEN_SHAPE.matcher(secretToken).matches()) {
            throw new PermanentException(SECRET_TOKEN + " must be " + MIN_SECRET_TOKEN_LENGTH + " to 256 characters of"
                    + " A-Z, a-z, 0-9, _ and - (Telegram's rule for setWebhook's secret_token)");
        }
        if (secretToken.length() < MIN_SECRET_TOKEN_LENGTH) {
            throw new PermanentException(SECRET_TOKEN + " must be at least " + MIN_SECRET_TOKEN_LENGTH
                    + " characters; e.g. `openssl rand -hex 32`");
        }
        Objects.requireNonNull(apiBaseUrl, API_BASE_URL);
        if (!apiBaseUrl.isAbsolute() || apiBaseUrl.getHost() == null || apiBaseUrl.getRawQuery() != null
                || !("http".equalsIgnoreCase(apiBaseUrl.getScheme())
                || "https".equalsIgnoreCase(apiBaseUrl.getScheme()))) {
            throw new PermanentException(API_BASE_URL + " must be an absolute http(s) URL without a query");
        }
        String text = apiBaseUrl.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        apiBaseUrl = URI.create(text);
        if (timeout == null || timeout.compareTo(Duration.ofSeconds(1)) < 0
                || timeout.compareTo(Duration.ofSeconds(MAX_TIMEOUT_SECONDS)) > 0) {
            throw new PermanentException(TIMEOUT_SECONDS + " must be between 1 and " + MAX_TIMEOUT_SECONDS);
        }
    }

    /**
     * Reads a connection's config (already checked against the descriptor's spec by the hub).
     *
     * @param config the connection's config
     * @return the typed config
     * @throws PermanentException when a value is unusable
     */
    public static TelegramConfig from(ConnectionConfig config) {
        String base = config.string(API_BASE_URL).orElse(DEFAULT_API_BASE_URL);
        URI uri;
        try {
            uri = new URI(base);
        } catch (URISyntaxException e) {
            throw new PermanentException(API_BASE_URL + " must be an absolute http(s) URL without a query");
        }
        long seconds = config.integer(TIMEOUT_SECONDS).orElse((long) DEFAULT_TIMEOUT_SECONDS);
        if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
            throw new PermanentException(TIMEOUT_SECONDS + " must be between 1 and " + MAX_TIMEOUT_SECONDS);
        }
        return new TelegramConfig(config.string(BOT_TOKEN).orElse(null), config.string(SECRET_TOKEN).orElse(null),
                uri, Duration.ofSeconds(seconds));
    }

    /** The bot's numeric id: the part of the token before the colon, which Telegram treats as public. */
    public String botId() {
        return botToken.substring(0, botToken.indexOf(':'));
    }

    /** The Bot API host, for messages: never the full URL of a call, which carries the token. */
    public String host() {
        return apiBaseUrl.getHost();
    }

    @Override
    public String toString() {
        return "TelegramConfig[botToken=" + botId() + ":***, secretToken=***, apiBaseUrl=" + apiBaseUrl
                + ", timeout=" + timeout + "]";
    }
}
