package io.ponte.plugins.shopee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ponte.api.connector.Health;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.plugins.shopee.fake.FakeShopee;
import io.ponte.testkit.TestConnectorContext;
import org.junit.jupiter.api.Test;

/** Authorization pushes (1, 2, 12) tell the connection's health; other codes are kept as they came. */
class AuthorizationPushTest {

    private static Health after(String body) {
        try (FakeShopee fake = Shops.fake()) {
            TestConnectorContext context = Shops.context(fake);
            new ShopeeConnectorFactory().open(context).webhook().orElseThrow().receive(Shops.signed(body));
            return context.reportedHealth().get(context.reportedHealth().size() - 1);
        }
    }

    @Test
    void a_cancelled_authorization_reports_the_connection_down_saying_what_to_do() {
        Health h = after("{\"shop_id\":" + Shops.SHOP_ID + ",\"code\":2,\"data\":{},\"timestamp\":1765689440}");
        assertEquals(Health.Status.DOWN, h.status());
        assertTrue(h.detail().contains("authorize the App again"), h.detail());
    }

    @Test
    void an_expiring_authorization_degrades_the_connection_and_a_new_one_brings_it_up() {
        assertEquals(Health.Status.DEGRADED, after("{\"shop_id\":" + Shops.SHOP_ID
                + ",\"code\":12,\"data\":{},\"timestamp\":1765689440}").status());
        String authorized = FakeShopee.fixtureText("push-shop-authorization.docs-example.json")
                .replace("\"shop_id\": 123", "\"shop_id\": " + Shops.SHOP_ID);
        assertEquals(Health.Status.UP, after(authorized).status());
    }

    @Test
    void another_code_is_kept_as_a_generic_envelope_without_a_follow_up() {
        try (FakeShopee fake = Shops.fake()) {
            TestConnectorContext context = Shops.context(fake);
            EnvelopeDraft draft = new ShopeeConnectorFactory().open(context).webhook().orElseThrow()
                    .receive(Shops.signed("{\"shop_id\":" + Shops.SHOP_ID
                            + ",\"code\":8,\"data\":{\"item_id\":1000},\"timestamp\":1765689440}")).envelopes().get(0);
            assertEquals("shopee.push.8", draft.type());
            assertNull(draft.followUp());
            assertEquals(Shops.SHOP_ID + ":8:::1765689440", draft.externalId());
        }
    }
}
