package io.ponte.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.hub.testing.TestDatabase;
import io.ponte.hub.testing.TestHub;
import io.ponte.plugins.shopee.fake.FakeShopee;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shopee plugin end to end, as installed from the distribution: Shopee's signed pushes are checked, stored once
 * and answered at once; the hub then fetches each order durably (through an outage too) and emits one
 * {@code order.updated} per state, which a route turns into a stock update on another Shopee shop by seller SKU.
 * Shopee is the plugin's local fake.
 */
class ShopeeIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PUBLIC_URL = "https://hub.example.com";
    private static final String PARTNER_ID = "2001887";
    private static final String PARTNER_KEY = "ponte-it-partner-key-5a6b7c8d9e0f";
    private static final String SHOP = "336094210";
    private static final String OTHER_SHOP = "727720655";
    private static final String ORDER = "251214B9XAB0ST";

    static List<TestDatabase> databases() {
        return TestDatabase.all();
    }

    private static FakeShopee shop(String shopId) {
        return new FakeShopee(PARTNER_ID, PARTNER_KEY, shopId, "59777174636562737266615546704c6d" + shopId,
                "4c7259534969484e71734d695a6e6d55" + shopId);
    }

    private static String connect(TestHub hub, FakeShopee fake, String shopId, String name) {
        return hub.createConnection("shopee", name, Map.of("partnerId", PARTNER_ID, "partnerKey", PARTNER_KEY,
                "shopId", shopId, "accessToken", fake.accessToken(), "refreshToken", fake.refreshToken(),
                "apiBaseUrl", fake.baseUrl()));
    }

    private static TestHub.Response push(TestHub hub, String connection, String body) {
        FakeShopee.SignedPush signed = FakeShopee.push(PARTNER_KEY, PUBLIC_URL + "/hooks/" + connection, body);
        return hub.hook(connection, signed.body(), "Authorization", signed.authorization());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a_paid_order_on_shopee_is_fetched_once_per_state_and_sets_the_same_skus_stock_on_another_shop(
            TestDatabase db) {
        try (FakeShopee sales = shop(SHOP); FakeShopee stock = shop(OTHER_SHOP);
             TestHub hub = TestHub.builder().database(db).pluginsDir(Distribution.plugins())
                     .env("PONTE_PUBLIC_URL", PUBLIC_URL).start()) {
            sales.putOrder(ORDER, "READY_TO_SHIP", 1765689439L, "TENIS-AZUL-38", 2);
            stock.putListing(new FakeShopee.Listing(2000L, "TENIS", Map.of(3456L, "TENIS-AZUL-38",
                    1234L, "TENIS-AZUL-39")));
            String con = connect(hub, sales, SHOP, "loja principal");
            String other = connect(hub, stock, OTHER_SHOP, "loja outlet");
            hub.createRoute("""
                    {"name":"a sale lowers the other shop's stock","match":{"source":"%s","type":"order.updated",
                       "condition":"payload.status == 'ready_to_ship'"},
                     "actions":[{"target":"%s","action":"item.stock.set",
                                 "input":{"sku":"{{payload.items.0.sku}}","quantity":"{{payload.items.0.quantity}}"}}]}
                    """.formatted(con, other));

            // (1) forged pushes: no Authorization, a wrong one, one signed for another URL; nothing stored
            String body = FakeShopee.orderStatusPush("64ca21a145e29bda3a6e31203c800e00", SHOP, ORDER,
                    "READY_TO_SHIP", 1765689439L);
            assertThat(hub.hook(con, body).status()).isEqualTo(401);
            assertThat(hub.hook(con, body, "Authorization", "0".repeat(64)).status()).isEqualTo(401);
            FakeShopee.SignedPush elsewhere = FakeShopee.push(PARTNER_KEY, PUBLIC_URL + "/hooks/" + other, body);
            assertThat(hub.hook(con, body, "Authorization", elsewhere.authorization()).status()).isEqualTo(401);
            assertThat(hub.events("connection=" + con)).isEmpty();
            assertThat(hub.deliveries("connection=" + con)).isEmpty();

            // (2) the push, Shopee's re-send of it and a second push of the same state
            TestHub.Response first = push(hub, con, body);
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body()).isEmpty();
            assertThat(push(hub, con, body).status()).isEqualTo(200);
            assertThat(push(hub, con, FakeShopee.orderStatusPush("64ca21a145e29bda3a6e31203c800e01", SHOP, ORDER,
                    "READY_TO_SHIP", 1765689439L)).status()).isEqualTo(200);
            // a push for another shop of the same App is acknowledged and dropped
            assertThat(push(hub, con, FakeShopee.orderStatusPush("ffca21a145e29bda3a6e31203c800e02", OTHER_SHOP,
                    "220810QSK8S7BX", "PROCESSED", 1660123127L)).status()).isEqualTo(200);

            TestHub.await("the order fetched and emitted", WAIT,
                    () -> hub.events("connection=" + con + "&type=order.updated").size() == 1);
            assertThat(hub.events("connection=" + con + "&type=shopee.push.3")).hasSize(2);
            JsonNode updated = hub.events("connection=" + con + "&type=order.updated").get(0).get("envelope");
            assertThat(updated.get("externalId").asText()).isEqualTo(ORDER + ":READY_TO_SHIP:1765689439");
            assertThat(updated.at("/payload/status").asText()).isEqualTo("ready_to_ship");
            assertThat(updated.at("/payload/items/0/sku").asText()).isEqualTo("TENIS-AZUL-38");
            assertThat(updated.at("/payload/items/0/quantity").asInt()).isEqualTo(2);
            assertThat(sales.calls("/api/v2/order/get_order_detail")).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.queryParams().get("order_sn_list")).isEqualTo(ORDER));

            // (4) the route set the SKU's stock on the other shop: only the matching variant
            TestHub.await("the other shop's stock set", WAIT, () -> stock.stockUpdates().size() == 1);
            JsonNode update = stock.stockUpdates().get(0);
            assertThat(update.get("item_id").asLong()).isEqualTo(2000L);
            assertThat(update.at("/stock_list/0/model_id").asLong()).isEqualTo(3456L);
            assertThat(update.at("/stock_list/0/seller_stock/0/stock").asInt()).isEqualTo(2);

            // the next state is fetched again and emitted as its own order.updated; the route does not match it
            sales.putOrder(ORDER, "SHIPPED", 1765700000L, "TENIS-AZUL-38", 2);
            assertThat(push(hub, con, FakeShopee.orderStatusPush("64ca21a145e29bda3a6e31203c800e03", SHOP, ORDER,
                    "SHIPPED", 1765700000L)).status()).isEqualTo(200);
            TestHub.await("the shipped state emitted", WAIT,
                    () -> hub.events("connection=" + con + "&type=order.updated").size() == 2);
            assertThat(hub.events("connection=" + con + "&type=order.updated"))
                    .extracting(e -> e.at("/envelope/externalId").asText())
                    .containsExactlyInAnyOrder(ORDER + ":READY_TO_SHIP:1765689439", ORDER + ":SHIPPED:1765700000");
            assertThat(stock.stockUpdates()).hasSize(1);
        }
    }

    @Test
    void an_order_fetch_while_shopee_is_down_is_retried_until_shopee_answers() {
        try (FakeShopee sales = shop(SHOP);
             TestHub hub = TestHub.builder().pluginsDir(Distribution.plugins()).env("PONTE_PUBLIC_URL", PUBLIC_URL)
                     .start()) {
            sales.putOrder(ORDER, "READY_TO_SHIP", 1765689439L, "TENIS-AZUL-38", 1);
            String con = connect(hub, sales, SHOP, "loja principal");
            for (int i = 0; i < 2; i++) {
                sales.enqueue(FakeShopee.error(503, "error_server", "Something wrong. Please try later.")
                        .withHeader("Retry-After", "1"));
            }
            assertThat(push(hub, con, FakeShopee.orderStatusPush("64ca21a145e29bda3a6e31203c800e00", SHOP, ORDER,
                    "READY_TO_SHIP", 1765689439L)).status()).isEqualTo(200);

            TestHub.await("the fetch delivered after the outage", WAIT,
                    () -> hub.deliveries("connection=" + con + "&status=delivered").size() == 1);
            JsonNode fetch = hub.deliveries("connection=" + con + "&status=delivered").get(0);
            assertThat(fetch.get("action").asText()).isEqualTo("order.fetch");
            assertThat(fetch.get("attempts").asInt()).isEqualTo(3);
            assertThat(hub.events("connection=" + con + "&type=order.updated")).hasSize(1);
            assertThat(sales.calls("/api/v2/order/get_order_detail")).hasSize(3);
        }
    }
}
