package io.ponte.kit;

import io.ponte.api.config.ConfigError;
import java.util.Optional;

/**
 * The rule for a secret an admin picks that alone authenticates a connection's inbound webhooks (Telegram's
 * {@code secretToken}, the {@code http} connector's signing {@code secret}): long enough that it cannot be guessed.
 *
 * <p>A check for {@code ConnectorFactory.validate}, so the hub applies it when an admin saves a connection and
 * never at open: a connection saved before the rule, with a shorter secret, keeps running until it is saved again.
 */
public final class WebhookSecret {

    /** The shortest secret accepted on save. */
    public static final int MIN_LENGTH = 32;

    private WebhookSecret() {
    }

    /**
     * What is wrong with {@code value} as the secret in {@code field}, in words an admin can act on (never the value).
     *
     * @param field the config field
     * @param value the secret, or null when the field is not set
     * @return the problem, or empty when the secret is long enough or not set
     */
    public static Optional<ConfigError> check(String field, String value) {
        if (value == null || value.length() >= MIN_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(new ConfigError(field, "must be at least " + MIN_LENGTH
                + " characters; e.g. `openssl rand -hex 32`"));
    }
}
