package io.ponte.plugins.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.plugins.telegram.fake.FakeBotApi;
import io.ponte.testkit.TestConnectorContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Test support: fixtures, contexts and connectors pointed at a {@link FakeBotApi}. */
final class Bots {

    /** The secret token the test connections use. */
    static final String SECRET = "ponte-test_Secret-0123456789abcdef";
    /** The time of the tests' clock. */
    static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private Bots() {
    }

    /** A context whose bot talks to this fake with its token, and a public URL. */
    static TestConnectorContext context(FakeBotApi fake) {
        return context(fake.baseUrl(), fake.token(), URI.create("https://hub.example.com"));
    }

    /** A context with this API base URL, token and public URL (null for none). */
    static TestConnectorContext context(String baseUrl, String token, URI publicUrl) {
        return TestConnectorContext.of(new TelegramConnectorFactory(), """
                {"botToken":"%s","secretToken":"%s","apiBaseUrl":"%s","timeoutSeconds":2}"""
                .formatted(token, SECRET, baseUrl), NOW, publicUrl);
    }

    /** Opens a connector on this context. */
    static TelegramConnector open(TestConnectorContext context) {
        return (TelegramConnector) new TelegramConnectorFactory().open(context);
    }

    /** An action request with this JSON input. */
    static ActionRequest action(String name, String inputJson) {
        return new ActionRequest(name, json(inputJson), null, "dlv_01TEST", 1);
    }

    /** A webhook POST with this body and secret header (null for none). */
    static WebhookRequest webhook(String body, String secret) {
        return new WebhookRequest("POST",
                secret == null ? Map.of() : Map.of(FakeBotApi.SECRET_HEADER, List.of(secret)), Map.of(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    /** A fixture under {@code src/test/resources/telegram/}. */
    static String fixture(String name) {
        try (InputStream in = Bots.class.getResourceAsStream("/telegram/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON as the fake reads it (doubles as doubles, not the hub mapper's exact decimals). */
    static JsonNode json(String text) {
        try {
            return PLAIN.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
