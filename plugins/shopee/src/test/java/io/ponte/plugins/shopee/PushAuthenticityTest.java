package io.ponte.plugins.shopee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.error.WebhookRejectedException;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.webhook.WebhookResult;
import io.ponte.plugins.shopee.fake.FakeShopee;
import io.ponte.testkit.TestConnectorContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Pushes are Shopee's only when their Authorization signs the callback URL and the raw body with the partner key. */
class PushAuthenticityTest {

    private static final JsonNode VECTORS = FakeShopee.fixture("push-signature-vectors.json");

    private static ShopeeConnector connector(String callbackUrl) {
        String config = Shops.config("http://127.0.0.1:9").replace("}", ",\"callbackUrl\":\"" + callbackUrl + "\"}");
        TestConnectorContext context = TestConnectorContext.of(new ShopeeConnectorFactory(), config);
        return (ShopeeConnector) new ShopeeConnectorFactory().open(context);
    }

    @Test
    void signs_pushes_exactly_as_the_reference_vectors_say() {
        for (JsonNode v : VECTORS.get("vectors")) {
            assertEquals(v.get("expected_authorization").asText(), ShopeeSigns.push(v.get("partner_key").asText(),
                    v.get("url").asText(), v.get("raw_body").asText().getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void accepts_each_reference_vector_pushed_to_its_registered_callback_url() {
        for (JsonNode v : VECTORS.get("vectors")) {
            String body = v.get("raw_body").asText();
            ShopeeConnector connector = connector(v.get("url").asText());
            WebhookResult result = connector.webhook().orElseThrow().receive(Shops.request(body,
                    v.get("expected_authorization").asText()));
            assertEquals(200, result.response().status());
            assertEquals(null, result.response().body(), "Shopee wants an empty body");
        }
    }

    @Test
    void accepts_the_observed_push_bytes_from_the_fixture_file() {
        String body = FakeShopee.fixtureText("push-order-status.OBSERVED.json");
        JsonNode v = VECTORS.get("vectors").get(0);
        assertEquals(v.get("raw_body").asText(), body, "the fixture is the vector's exact bytes");
        WebhookResult result = connector(v.get("url").asText()).webhook().orElseThrow()
                .receive(Shops.request(body, v.get("expected_authorization").asText().toUpperCase(Locale.ROOT)));
        assertEquals(1, result.envelopes().size(), "upper-case hex is the same signature");
    }

    @Test
    void rejects_a_push_with_a_wrong_a_missing_or_another_urls_signature_with_401() {
        JsonNode v = VECTORS.get("vectors").get(0);
        String body = v.get("raw_body").asText();
        String good = v.get("expected_authorization").asText();
        ShopeeConnector connector = connector(v.get("url").asText());
        var receiver = connector.webhook().orElseThrow();
        for (String authorization : new String[] {null, "", "0".repeat(64), good.substring(1) + "0"}) {
            WebhookRejectedException e = assertThrows(WebhookRejectedException.class,
                    () -> receiver.receive(Shops.request(body, authorization)));
            assertEquals(401, e.status());
        }
        WebhookRejectedException tampered = assertThrows(WebhookRejectedException.class,
                () -> receiver.receive(Shops.request(body.replace("READY_TO_SHIP", "CANCELLED"), good)));
        assertEquals(401, tampered.status());
        // the negative vector: the URL is part of the signed string, a trailing slash is another URL
        WebhookRejectedException slash = assertThrows(WebhookRejectedException.class,
                () -> connector(VECTORS.at("/negative/0/url").asText()).webhook().orElseThrow()
                        .receive(Shops.request(body, good)));
        assertEquals(401, slash.status());
    }

    @Test
    void without_a_callback_url_or_public_url_no_push_can_be_checked_and_each_is_refused() {
        TestConnectorContext context = TestConnectorContext.of(new ShopeeConnectorFactory(),
                Shops.config("http://127.0.0.1:9"));
        var receiver = new ShopeeConnectorFactory().open(context).webhook().orElseThrow();
        WebhookRejectedException e = assertThrows(WebhookRejectedException.class,
                () -> receiver.receive(Shops.signed("{\"code\":3}")));
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("callbackUrl"), e.getMessage());
    }

    @Test
    void the_hubs_public_url_with_the_connection_id_is_the_callback_url_by_default() {
        try (FakeShopee fake = Shops.fake()) {
            TestConnectorContext context = Shops.context(fake);
            var receiver = new ShopeeConnectorFactory().open(context).webhook().orElseThrow();
            String body = FakeShopee.orderStatusPush("m1", Shops.SHOP_ID, "251214B9XAB0ST", "READY_TO_SHIP", 1L);
            assertEquals(1, receiver.receive(Shops.signed(body)).envelopes().size());
        }
    }

    @Test
    void acknowledges_and_drops_a_push_for_another_shop_of_the_same_app() {
        try (FakeShopee fake = Shops.fake()) {
            var receiver = new ShopeeConnectorFactory().open(Shops.context(fake)).webhook().orElseThrow();
            String body = FakeShopee.orderStatusPush("m2", "727720655", "220810QSK8S7BX", "PROCESSED", 1660123127L);
            WebhookResult result = receiver.receive(Shops.signed(body));
            assertEquals(200, result.response().status());
            assertEquals(List.of(), result.envelopes());
        }
    }

    @Test
    void keys_a_push_by_msg_id_else_by_shop_code_order_status_and_update_time() {
        try (FakeShopee fake = Shops.fake()) {
            var receiver = new ShopeeConnectorFactory().open(Shops.context(fake)).webhook().orElseThrow();
            EnvelopeDraft withId = receiver.receive(Shops.signed(FakeShopee.orderStatusPush(
                    "64ca21a145e29bda3a6e31203c800e00", Shops.SHOP_ID, "251214B9XAB0ST", "READY_TO_SHIP",
                    1765689439L))).envelopes().get(0);
            assertEquals("64ca21a145e29bda3a6e31203c800e00", withId.externalId());
            EnvelopeDraft without = receiver.receive(Shops.signed(FakeShopee.orderStatusPush(null, Shops.SHOP_ID,
                    "251214B9XAB0ST", "READY_TO_SHIP", 1765689439L))).envelopes().get(0);
            assertEquals(Shops.SHOP_ID + ":3:251214B9XAB0ST:READY_TO_SHIP:1765689439", without.externalId());
            assertEquals("shopee.push.3", without.type());
        }
    }

    @Test
    void refuses_an_authentic_body_that_is_not_a_push_object_with_400() {
        try (FakeShopee fake = Shops.fake()) {
            var receiver = new ShopeeConnectorFactory().open(Shops.context(fake)).webhook().orElseThrow();
            for (String body : List.of("not json", "[1]", "{\"code\":\"three\"}", "{\"code\":3,\"data\":{}}")) {
                WebhookRejectedException e = assertThrows(WebhookRejectedException.class,
                        () -> receiver.receive(Shops.signed(body)));
                assertEquals(400, e.status(), body);
            }
            assertEquals(List.of(), receiver.receive(Shops.signed("{}")).envelopes(), "the console's Verify");
        }
    }
}
