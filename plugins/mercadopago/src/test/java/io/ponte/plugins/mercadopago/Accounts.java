package io.ponte.plugins.mercadopago;

import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.message.Envelope;
import io.ponte.api.webhook.WebhookRequest;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.plugins.mercadopago.fake.FakeMercadoPago;
import io.ponte.plugins.mercadopago.fake.Notices;
import io.ponte.testkit.TestConnectorContext;
import io.ponte.kit.PluginJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An account connection against a {@link FakeMercadoPago}, for the plugin's tests. */
final class Accounts {

    static final String TOKEN = "TEST-6245132082630004-010110-0123456789abcdef0123456789abcdef-471763966";
    static final String SECRET = "your_secret_key_here";

    final FakeMercadoPago api;
    final TestConnectorContext context;
    final MercadoPagoConnector connector;

    Accounts(FakeMercadoPago api) {
        this.api = api;
        this.context = TestConnectorContext.of(new MercadoPagoConnectorFactory(), """
                {"accessToken":"%s","webhookSecret":"%s","apiBaseUrl":"%s"}""".formatted(TOKEN, SECRET, api.baseUrl()));
        this.connector = (MercadoPagoConnector) new MercadoPagoConnectorFactory().open(context);
    }

    ActionResult invoke(String action, String input, String deliveryId) {
        return invoke(action, input, deliveryId, null);
    }

    ActionResult invoke(String action, String input, String deliveryId, Envelope cause) {
        return connector.invoke(new ActionRequest(action, json(input), cause, deliveryId, 1));
    }

    WebhookResult receive(Notices.Notice notice) {
        return connector.webhook().orElseThrow().receive(request(notice));
    }

    static WebhookRequest request(Notices.Notice notice) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        notice.headers().forEach((k, v) -> headers.put(k, List.of(v)));
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : notice.query().split("&")) {
            int eq = pair.indexOf('=');
            query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    List.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)));
        }
        return new WebhookRequest("POST", headers, query, notice.body().getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode json(String text) {
        try {
            return PluginJson.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
