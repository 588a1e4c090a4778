package io.ponte.plugins.shopee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.Health;
import io.ponte.plugins.shopee.fake.FakeShopee;
import io.ponte.testkit.TestConnectorContext;
import io.ponte.kit.PluginJson;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Access tokens last four hours: the connection refreshes them and keeps the rotated pair in its secret store. */
class TokenRefreshTest {

    private static ActionResult getOrder(Connector connector) {
        return connector.invoke(new ActionRequest(ActionNames.ORDER_GET,
                PluginJson.mapper().createObjectNode().put("orderId", "251214B9XAB0ST"), null, "dlv_1", 1));
    }

    @Test
    void an_expired_access_token_is_refreshed_once_and_the_call_made_again_with_the_new_one() {
        try (FakeShopee fake = Shops.fake()) {
            fake.putOrder("251214B9XAB0ST", "READY_TO_SHIP", 1L, "SKU-001", 1);
            TestConnectorContext context = Shops.context(fake);
            Connector connector = new ShopeeConnectorFactory().open(context);
            fake.expireAccessToken();

            assertInstanceOf(ActionResult.Delivered.class, getOrder(connector));
            assertEquals(1, fake.rotations());
            assertEquals(Shops.REFRESH_TOKEN, fake.calls(FakeShopee.REFRESH_PATH).get(0).bodyJson()
                    .get("refresh_token").asText());
            String stored = context.secretsSnapshot().get(ShopeeTokens.KEY);
            assertTrue(stored.contains(fake.accessToken()) && stored.contains(fake.refreshToken()));
            assertEquals(fake.accessToken(), fake.calls(Orders.DETAIL_PATH).get(1).queryParams().get("access_token"));
            assertFalse(context.stateSnapshot().values().stream().anyMatch(v -> v.contains(fake.accessToken())),
                    "tokens never go to the plain state store");
        }
    }

    @Test
    void a_reopened_connection_uses_the_rotated_tokens_not_the_spent_ones_of_its_config() {
        try (FakeShopee fake = Shops.fake()) {
            fake.putOrder("251214B9XAB0ST", "READY_TO_SHIP", 1L, "SKU-001", 1);
            TestConnectorContext context = Shops.context(fake);
            fake.expireAccessToken();
            getOrder(new ShopeeConnectorFactory().open(context));
            // a restart: a new connector over the same secret store
            assertInstanceOf(ActionResult.Delivered.class, getOrder(new ShopeeConnectorFactory().open(context)));
            assertEquals(1, fake.rotations(), "the config's refresh token is spent; the stored one was used");
        }
    }

    @Test
    void refreshes_before_the_access_token_expires() {
        try (FakeShopee fake = Shops.fake()) {
            fake.putOrder("251214B9XAB0ST", "READY_TO_SHIP", 1L, "SKU-001", 1);
            TestConnectorContext context = Shops.context(fake);
            Connector connector = new ShopeeConnectorFactory().open(context);
            fake.expireAccessToken();
            getOrder(connector);
            context.advance(Duration.ofHours(3).plusMinutes(55));
            assertInstanceOf(ActionResult.Delivered.class, getOrder(connector));
            assertEquals(2, fake.rotations());
            assertEquals(3, fake.calls(Orders.DETAIL_PATH).size(), "no call with the token about to expire");
        }
    }

    @Test
    void a_refused_refresh_token_fails_and_reports_the_connection_down_saying_to_authorize_again() {
        try (FakeShopee fake = Shops.fake()) {
            TestConnectorContext context = Shops.context(fake);
            Connector connector = new ShopeeConnectorFactory().open(context);
            fake.expireAccessToken();
            fake.enqueue(FakeShopee.error(403, "invalid_acceess_token", "Invalid access_token."));
            fake.enqueue(FakeShopee.error(403, "error_auth", "Invalid refresh_token."));
            ActionResult result = getOrder(connector);
            assertInstanceOf(ActionResult.Failed.class, result);
            Health last = context.reportedHealth().get(context.reportedHealth().size() - 1);
            assertEquals(Health.Status.DOWN, last.status());
            assertTrue(last.detail().contains("authorize the App again"), last.detail());
            assertFalse(last.detail().contains(Shops.REFRESH_TOKEN) || result.toString()
                    .contains(Shops.REFRESH_TOKEN) || result.toString().contains(Shops.ACCESS_TOKEN));
        }
    }

    @Test
    void a_new_refresh_token_saved_by_an_admin_starts_a_new_line_of_tokens() {
        try (FakeShopee fake = Shops.fake()) {
            TestConnectorContext context = Shops.context(fake);
            ShopeeTokens old = new ShopeeTokens(ShopeeConfig.from(context.config()), context.secrets(),
                    context.clock());
            old.rotate("rotated-access", "rotated-refresh", 14400);
            assertEquals("rotated-access", old.current().accessToken());
            ShopeeConfig reauthorized = new ShopeeConfig(Shops.PARTNER_ID, Shops.PARTNER_KEY, Shops.SHOP_ID,
                    "new-access", "new-refresh", java.net.URI.create(fake.baseUrl()), null);
            assertEquals("new-access", new ShopeeTokens(reauthorized, context.secrets(), context.clock()).current()
                    .accessToken());
        }
    }
}
