package com.example.ponte.chat;

import io.ponte.api.config.ConfigField;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.config.ConnectionConfig;
import io.ponte.api.config.FieldType;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One connection's config: the fields, declared once (the hub validates them, fills in defaults and encrypts the
 * secrets before {@code open}), and the typed values read back with the same constants. Immutable;
 * {@link #toString()} never shows a secret.
 *
 * @param baseUrl       the provider API's root, e.g. {@code https://api.example.com}
 * @param apiToken      the bearer token message.send authenticates with
 * @param webhookSecret the key of the HMAC that signs inbound webhooks
 * @param timeout       one provider call's timeout, answer included
 */
public record ExampleChatConfig(URI baseUrl, String apiToken, String webhookSecret, Duration timeout) {

    /** The provider API's root. Tests point it at a local fake. */
    public static final ConfigField BASE_URL = ConfigField.optional("baseUrl", FieldType.URL,
            "The Example Chat API's root URL.").withDefault("https://api.example.com");

    /** The API token (secret). */
    public static final ConfigField API_TOKEN = ConfigField.required("apiToken", FieldType.STRING,
            "The API token from the Example Chat console (Settings, API).").asSecret();

    /** The webhook signing secret (secret). */
    public static final ConfigField WEBHOOK_SECRET = ConfigField.required("webhookSecret", FieldType.STRING,
            "The webhook signing secret you set in the Example Chat console, at least 32 characters.").asSecret();

    /** The provider call timeout, in seconds. */
    public static final ConfigField TIMEOUT_SECONDS = ConfigField.optional("timeoutSeconds", FieldType.INTEGER,
            "Timeout of one call to Example Chat, whole answer included, in seconds.").between(1, 60).withDefault(10);

    /** The spec the factory declares. */
    public static final ConfigSpec SPEC = ConfigSpec.of(BASE_URL, API_TOKEN, WEBHOOK_SECRET, TIMEOUT_SECONDS);

    /** Requires every part. */
    public ExampleChatConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiToken, "apiToken");
        Objects.requireNonNull(webhookSecret, "webhookSecret");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** Reads a connection's config, which the hub validated against {@link #SPEC}. */
    public static ExampleChatConfig from(ConnectionConfig config) {
        return new ExampleChatConfig(config.url(BASE_URL), config.string(API_TOKEN), config.string(WEBHOOK_SECRET),
                Duration.ofSeconds(config.integer(TIMEOUT_SECONDS)));
    }

    @Override
    public String toString() {
        return "ExampleChatConfig[baseUrl=" + baseUrl + ", apiToken=***, webhookSecret=***, timeout=" + timeout + "]";
    }
}
