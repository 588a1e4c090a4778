package io.ponte.plugins.shopee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.Order;
import io.ponte.plugins.shopee.fake.FakeShopee;
import io.ponte.testkit.TestConnectorContext;
import io.ponte.testkit.TestFollowUps;
import io.ponte.kit.PluginJson;
import io.ponte.testkit.fake.Recorded;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An order push is stored with a follow-up; the follow-up fetches the order and emits order.updated. */
class OrderFetchTest {

    private static final String ORDER = "251214B9XAB0ST";

    @Test
    void an_order_status_push_fetches_the_order_with_a_signed_call_and_emits_order_updated() {
        try (FakeShopee fake = Shops.fake()) {
            fake.putOrder(ORDER, "READY_TO_SHIP", 1765689439L, "SKU-001", 2);
            TestConnectorContext context = Shops.context(fake);
            Connector connector = new ShopeeConnectorFactory().open(context);
            List<EnvelopeDraft> drafts = connector.webhook().orElseThrow().receive(Shops.signed(
                    FakeShopee.fixtureText("push-order-status.OBSERVED.json").replace("336094210", Shops.SHOP_ID)))
                    .envelopes();
            assertEquals(1, drafts.size());
            assertEquals(Orders.FETCH, drafts.get(0).followUp().action());
            assertEquals("order/" + ORDER, drafts.get(0).followUp().resource());

            List<TestFollowUps.Run> runs = TestFollowUps.run(connector, context, drafts);
            assertInstanceOf(ActionResult.Delivered.class, runs.get(0).result(), runs.get(0).result().toString());
            Recorded call = fake.calls(Orders.DETAIL_PATH).get(0);
            Map<String, String> q = call.queryParams();
            assertEquals(ORDER, q.get("order_sn_list"));
            assertEquals("buyer_user_id,buyer_username,item_list,total_amount", q.get("response_optional_fields"));
            assertEquals(Shops.ACCESS_TOKEN, q.get("access_token"));
            assertEquals(Shops.SHOP_ID, q.get("shop_id"));

            EnvelopeDraft updated = context.emitted().get(0);
            assertEquals(EnvelopeTypes.ORDER_UPDATED, updated.type());
            assertEquals(ORDER + ":READY_TO_SHIP:1765689439", updated.externalId());
            Order order = (Order) updated.payload();
            assertEquals("ready_to_ship", order.status());
            assertEquals(new BigDecimal("129.9"), order.total());
            assertEquals("BRL", order.currency());
            assertEquals("123456789", order.buyer().address());
            assertEquals(List.of(new Order.Item("SKU-001", "Example item", 2, new BigDecimal("129.9"))),
                    order.items());
        }
    }

    @Test
    void fetching_one_order_state_twice_gives_the_same_external_id_so_the_hub_stores_it_once() {
        try (FakeShopee fake = Shops.fake()) {
            fake.putOrder(ORDER, "READY_TO_SHIP", 1765689439L, "SKU-001", 1);
            TestConnectorContext context = Shops.context(fake);
            Connector connector = new ShopeeConnectorFactory().open(context);
            for (String msg : List.of("a1", "a2")) {
                TestFollowUps.run(connector, context, connector.webhook().orElseThrow().receive(Shops.signed(
                        FakeShopee.orderStatusPush(msg, Shops.SHOP_ID, ORDER, "READY_TO_SHIP", 1765689439L)))
                        .envelopes());
            }
            fake.putOrder(ORDER, "SHIPPED", 1765700000L, "SKU-001", 1);
            TestFollowUps.run(connector, context, connector.webhook().orElseThrow().receive(Shops.signed(
                    FakeShopee.orderStatusPush("a3", Shops.SHOP_ID, ORDER, "SHIPPED", 1765700000L))).envelopes());
            // the test emitter, like the hub, keeps one envelope per external id
            assertEquals(3, fake.calls(Orders.DETAIL_PATH).size());
            assertEquals(List.of(ORDER + ":READY_TO_SHIP:1765689439", ORDER + ":SHIPPED:1765700000"),
                    context.emitted().stream().map(EnvelopeDraft::externalId).toList());
        }
    }

    @Test
    void prefers_the_model_sku_and_falls_back_to_shopees_ids_for_a_line_without_skus() {
        JsonNode line = PluginJson.mapper().createObjectNode().put("item_id", 100000001L).put("item_sku", "PARENT")
                .put("model_id", 7L).put("model_sku", "BLUE-38");
        assertEquals("BLUE-38", Orders.sku(line));
        JsonNode bare = PluginJson.mapper().createObjectNode().put("item_id", 100000001L).put("item_sku", "")
                .put("model_id", 7L).put("model_sku", "");
        assertEquals("100000001/7", Orders.sku(bare));
    }

    @Test
    void order_get_answers_the_order_without_emitting_and_an_unknown_order_fails() {
        try (FakeShopee fake = Shops.fake()) {
            fake.putOrder(ORDER, "COMPLETED", 1765689439L, "SKU-001", 1);
            TestConnectorContext context = Shops.context(fake);
            Connector connector = new ShopeeConnectorFactory().open(context);
            ActionResult found = connector.invoke(new ActionRequest(ActionNames.ORDER_GET,
                    PluginJson.mapper().createObjectNode().put("orderId", ORDER), null, "dlv_1", 1));
            JsonNode output = ((ActionResult.Delivered) found).output();
            assertEquals("completed", output.get("status").asText());
            assertEquals(List.of(), context.emitted());
            ActionResult missing = connector.invoke(new ActionRequest(ActionNames.ORDER_GET,
                    PluginJson.mapper().createObjectNode().put("orderId", "NOSUCHORDER1"), null, "dlv_2", 1));
            assertInstanceOf(ActionResult.Failed.class, missing);
            assertTrue(((ActionResult.Failed) missing).reason().contains("error_not_found"));
            ActionResult bad = connector.invoke(new ActionRequest(ActionNames.ORDER_GET,
                    PluginJson.mapper().createObjectNode().put("orderId", "../x"), null, "dlv_3", 1));
            assertInstanceOf(ActionResult.Failed.class, bad);
            assertNotNull(fake);
        }
    }
}
