package io.ponte.plugins.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.kit.PluginJson;
import io.ponte.plugins.stripe.fake.FakeStripe;
import io.ponte.testkit.TestConnectorContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Test support: contexts and connectors pointed at a {@link FakeStripe}, action requests, webhook requests. */
final class Accounts {

    /** The tests' clock. */
    static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private Accounts() {
    }

    /** A context whose account talks to this fake, with a short timeout. */
    static TestConnectorContext context(FakeStripe fake) {
        return context(fake.baseUrl(), fake.apiKey(), 2);
    }

    /** A context with this base URL, key and timeout. */
    static TestConnectorContext context(String baseUrl, String apiKey, int timeoutSeconds) {
        return TestConnectorContext.of(new StripeConnectorFactory(), """
                {"apiKey":"%s","webhookSecret":"%s","apiBaseUrl":"%s","timeoutSeconds":%d}"""
                .formatted(apiKey, FakeStripe.WEBHOOK_SECRET, baseUrl, timeoutSeconds), NOW, null);
    }

    /** Opens a connector on this context. */
    static StripeConnector open(TestConnectorContext context) {
        return (StripeConnector) new StripeConnectorFactory().open(context);
    }

    /** An action request with this JSON input and delivery id. */
    static ActionRequest action(String name, String inputJson, String deliveryId, int attempt) {
        return new ActionRequest(name, json(inputJson), null, deliveryId, attempt);
    }

    /** A webhook POST with this body and {@code Stripe-Signature} (null for none). */
    static WebhookRequest webhook(String body, String signature) {
        return new WebhookRequest("POST", signature == null ? Map.of()
                : Map.of("Stripe-Signature", List.of(signature)), Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    /** What the connector's receiver makes of a request. */
    static WebhookResult receive(StripeConnector connector, WebhookRequest request) {
        return connector.webhook().orElseThrow().receive(request);
    }

    /** JSON as the hub hands it to plugins (exact decimals). */
    static JsonNode json(String text) {
        try {
            return PluginJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
