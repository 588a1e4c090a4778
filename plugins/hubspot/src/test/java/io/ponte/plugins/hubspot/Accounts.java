package io.ponte.plugins.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.plugins.hubspot.fake.FakeHubSpot;
import io.ponte.testkit.TestConnectorContext;
import io.ponte.kit.PluginJson;
import java.net.URI;
import java.time.Instant;

/** A HubSpot connection against the fake, for the plugin's tests. */
final class Accounts {

    static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    static final URI PUBLIC_URL = URI.create("https://hub.example.com");
    static final String WEBHOOK_URL = "https://hub.example.com/hooks/" + TestConnectorContext.CONNECTION_ID;

    private Accounts() {
    }

    static TestConnectorContext context(FakeHubSpot hubspot) {
        return context(hubspot, FakeHubSpot.TOKEN);
    }

    static TestConnectorContext context(FakeHubSpot hubspot, String token) {
        return TestConnectorContext.of(new HubSpotConnectorFactory(), """
                {"accessToken":"%s","clientSecret":"%s","apiBaseUrl":"%s"}"""
                .formatted(token, FakeHubSpot.CLIENT_SECRET, hubspot.baseUrl()), NOW, PUBLIC_URL);
    }

    static Connector open(TestConnectorContext context) {
        return new HubSpotConnectorFactory().open(context);
    }

    static ActionResult invoke(Connector connector, String action, String input, String deliveryId) {
        return connector.invoke(new ActionRequest(action, json(input), null, deliveryId, 1));
    }

    static JsonNode json(String text) {
        try {
            return PluginJson.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
