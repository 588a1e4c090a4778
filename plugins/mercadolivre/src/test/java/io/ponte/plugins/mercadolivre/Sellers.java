package io.ponte.plugins.mercadolivre;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.plugins.mercadolivre.fake.FakeMercadoLivre;
import io.ponte.testkit.TestConnectorContext;
import io.ponte.testkit.TestFollowUps;
import io.ponte.kit.PluginJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Test helpers: a seller connection against a {@link FakeMercadoLivre}, notices in, actions called. */
final class Sellers {

    private Sellers() {
    }

    static String config(FakeMercadoLivre ml) {
        return config(ml.baseUrl(), FakeMercadoLivre.FIRST_REFRESH_TOKEN);
    }

    static String config(String baseUrl, String refreshToken) {
        return """
                {"clientId":"%s","clientSecret":"%s","refreshToken":"%s","sellerId":"%s","apiBaseUrl":"%s"}"""
                .formatted(FakeMercadoLivre.CLIENT_ID, FakeMercadoLivre.CLIENT_SECRET, refreshToken,
                        FakeMercadoLivre.SELLER_ID, baseUrl);
    }

    static TestConnectorContext context(FakeMercadoLivre ml) {
        return TestConnectorContext.of(new MercadoLivreConnectorFactory(), config(ml));
    }

    static Connector open(TestConnectorContext context) {
        return new MercadoLivreConnectorFactory().open(context);
    }

    static WebhookResult post(Connector connector, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return connector.webhook().orElseThrow().receive(new WebhookRequest("POST",
                Map.of("Content-Type", List.of("application/json")), Map.of(), bytes));
    }

    /** Posts a notice and runs its follow-up as the hub would; the fetch's outcome. */
    static ActionResult notice(Connector connector, TestConnectorContext context, String body) {
        List<TestFollowUps.Run> runs = TestFollowUps.run(connector, context, post(connector, body).envelopes());
        if (runs.size() != 1) {
            throw new AssertionError("expected one follow-up, got " + runs.size());
        }
        return runs.get(0).result();
    }

    static ActionResult invoke(Connector connector, String action, String input) {
        return connector.invoke(new ActionRequest(action, json(input), null, "dlv_TEST", 1));
    }

    static JsonNode json(String text) {
        try {
            return PluginJson.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
