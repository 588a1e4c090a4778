package io.ponte.plugins.shopee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.plugins.shopee.fake.FakeShopee;
import io.ponte.kit.PluginJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** item.stock.set sets a listing's seller stock by item id or by the seller's SKU. */
class ItemStockTest {

    private static ActionResult set(Connector connector, String input) {
        try {
            return connector.invoke(new ActionRequest(ActionNames.ITEM_STOCK_SET, PluginJson.mapper().readTree(input),
                    null, "dlv_1", 1));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void sets_an_items_stock_by_item_id() {
        try (FakeShopee fake = Shops.fake()) {
            fake.putListing(new FakeShopee.Listing(1000L, "SKU-001", Map.of()));
            Connector connector = new ShopeeConnectorFactory().open(Shops.context(fake));
            assertInstanceOf(ActionResult.Delivered.class, set(connector, "{\"itemId\":1000,\"quantity\":12}"));
            JsonNode body = fake.stockUpdates().get(0);
            assertEquals(1000L, body.get("item_id").asLong());
            assertEquals(0L, body.at("/stock_list/0/model_id").asLong());
            assertEquals(12, body.at("/stock_list/0/seller_stock/0/stock").asInt());
        }
    }

    @Test
    void finds_the_variant_with_the_sellers_sku_and_sets_only_its_stock() {
        try (FakeShopee fake = Shops.fake()) {
            fake.putListing(new FakeShopee.Listing(2000L, "TENIS", Map.of(3456L, "TENIS-AZUL-38",
                    1234L, "TENIS-AZUL-39")));
            fake.putListing(new FakeShopee.Listing(3000L, "OTHER", Map.of()));
            Connector connector = new ShopeeConnectorFactory().open(Shops.context(fake));
            ActionResult result = set(connector, "{\"sku\":\"TENIS-AZUL-38\",\"quantity\":\"4\"}");
            assertInstanceOf(ActionResult.Delivered.class, result, result.toString());
            assertEquals("TENIS-AZUL-38", fake.calls(ItemStock.SEARCH_PATH).get(0).queryParams().get("item_sku"));
            JsonNode body = fake.stockUpdates().get(0);
            assertEquals(2000L, body.get("item_id").asLong());
            assertEquals(1, body.get("stock_list").size());
            assertEquals(3456L, body.at("/stock_list/0/model_id").asLong());
            assertEquals(4, body.at("/stock_list/0/seller_stock/0/stock").asInt());
            assertEquals(3456L, ((ActionResult.Delivered) result).output().at("/updated/0/modelId").asLong());
        }
    }

    @Test
    void an_unknown_sku_or_a_bad_quantity_fails_without_touching_stock() {
        try (FakeShopee fake = Shops.fake()) {
            Connector connector = new ShopeeConnectorFactory().open(Shops.context(fake));
            ActionResult unknown = set(connector, "{\"sku\":\"NOPE\",\"quantity\":1}");
            assertTrue(((ActionResult.Failed) unknown).reason().contains("no listing"), unknown.toString());
            for (String input : List.of("{\"sku\":\"X\"}", "{\"sku\":\"X\",\"quantity\":-1}",
                    "{\"sku\":\"X\",\"quantity\":1.5}", "{\"quantity\":1}", "{\"itemId\":\"abc\",\"quantity\":1}")) {
                assertInstanceOf(ActionResult.Failed.class, set(connector, input), input);
            }
            assertEquals(List.of(), fake.stockUpdates());
        }
    }

    @Test
    void a_model_shopee_refuses_fails_the_action_with_shopees_reason() {
        try (FakeShopee fake = Shops.fake()) {
            fake.putListing(new FakeShopee.Listing(1000L, "SKU-001", Map.of()));
            fake.enqueue(io.ponte.testkit.fake.Answer.json(200, """
                    {"request_id":"r1","error":"","message":"","response":{"success_list":[],
                     "failure_list":[{"model_id":0,"failed_reason":"stock is less than reserved stock"}]}}"""));
            Connector connector = new ShopeeConnectorFactory().open(Shops.context(fake));
            ActionResult result = set(connector, "{\"itemId\":1000,\"quantity\":0}");
            assertTrue(((ActionResult.Failed) result).reason().contains("less than reserved stock"));
        }
    }
}
