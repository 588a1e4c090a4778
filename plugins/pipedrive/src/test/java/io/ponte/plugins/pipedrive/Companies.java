package io.ponte.plugins.pipedrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.plugins.pipedrive.fake.FakePipedrive;
import io.ponte.plugins.pipedrive.fake.PipedriveWebhooks;
import io.ponte.testkit.TestConnectorContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Test support: contexts and connectors pointed at a {@link FakePipedrive}. */
final class Companies {

    /** The webhook credentials of the test connections (the reference vectors' accepted pair). */
    static final String USER = "pipedrive-hook";
    static final String PASSWORD = "s3cr3t-Passw0rd";
    static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private Companies() {
    }

    static TestConnectorContext context(FakePipedrive fake) {
        return context(fake.baseUrl(), FakePipedrive.TOKEN);
    }

    static TestConnectorContext context(String baseUrl, String token) {
        return TestConnectorContext.of(new PipedriveConnectorFactory(), """
                {"apiToken":"%s","companyDomain":"acme","webhookUser":"%s","webhookPassword":"%s",
                 "apiBaseUrl":"%s","timeoutSeconds":2}""".formatted(token, USER, PASSWORD, baseUrl), NOW, null);
    }

    static PipedriveConnector open(TestConnectorContext context) {
        return (PipedriveConnector) new PipedriveConnectorFactory().open(context);
    }

    static ActionRequest action(String name, String inputJson) {
        return action(name, inputJson, "dlv_01TEST", 1);
    }

    static ActionRequest action(String name, String inputJson, String deliveryId, int attempt) {
        return new ActionRequest(name, json(inputJson), null, deliveryId, attempt);
    }

    /** A webhook POST with this body and Authorization header (null for none). */
    static WebhookRequest webhook(byte[] body, String authorization) {
        return new WebhookRequest("POST", authorization == null ? Map.of()
                : Map.of("Authorization", List.of(authorization)), Map.of(), body);
    }

    /** A webhook POST with the right credentials. */
    static WebhookRequest signed(byte[] body) {
        return webhook(body, PipedriveWebhooks.basic(USER, PASSWORD));
    }

    static JsonNode json(String text) {
        try {
            return PLAIN.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
