package io.ponte.plugins.shopee;

import io.ponte.api.webhook.WebhookRequest;
import io.ponte.plugins.shopee.fake.FakeShopee;
import io.ponte.testkit.TestConnectorContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One test shop: its credentials, a fake Shopee for it, and contexts and pushes for its connection. */
final class Shops {

    static final String PARTNER_ID = "2001887";
    static final String PARTNER_KEY = "test_partner_key_do_not_use_0123456789abcdef";
    static final String SHOP_ID = "336094210";
    static final String ACCESS_TOKEN = "59777174636562737266615546704c6d";
    static final String REFRESH_TOKEN = "4c7259534969484e71734d695a6e6d55";
    static final String CALLBACK = "https://hub.example.com/hooks/" + TestConnectorContext.CONNECTION_ID;
    static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private Shops() {
    }

    static FakeShopee fake() {
        return new FakeShopee(PARTNER_ID, PARTNER_KEY, SHOP_ID, ACCESS_TOKEN, REFRESH_TOKEN);
    }

    static String config(String apiBaseUrl) {
        return """
                {"partnerId":"%s","partnerKey":"%s","shopId":"%s","accessToken":"%s","refreshToken":"%s",
                 "apiBaseUrl":"%s"}""".formatted(PARTNER_ID, PARTNER_KEY, SHOP_ID, ACCESS_TOKEN, REFRESH_TOKEN,
                apiBaseUrl);
    }

    /** A context whose hub has the public URL https://hub.example.com, so pushes are signed for {@link #CALLBACK}. */
    static TestConnectorContext context(FakeShopee fake) {
        return TestConnectorContext.of(new ShopeeConnectorFactory(), config(fake.baseUrl()), NOW,
                URI.create("https://hub.example.com"));
    }

    static WebhookRequest request(String body, String authorization) {
        Map<String, List<String>> headers = authorization == null ? Map.of()
                : Map.of("Authorization", List.of(authorization));
        return new WebhookRequest("POST", headers, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    static WebhookRequest signed(String body) {
        return request(body, FakeShopee.push(PARTNER_KEY, CALLBACK, body).authorization());
    }
}
