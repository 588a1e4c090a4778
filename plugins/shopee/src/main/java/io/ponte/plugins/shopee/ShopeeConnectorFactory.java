package io.ponte.plugins.shopee;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionSpec;
import io.ponte.api.config.ConfigSpec;
import io.ponte.api.connector.Category;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.ConnectorDescriptor;
import io.ponte.api.connector.ConnectorFactory;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.kit.PluginJson;
import java.util.List;
import org.pf4j.Extension;

/**
 * The {@code shopee} connector type: one Shopee shop through the Open Platform API v2. Stateless; opens one
 * {@link ShopeeConnector} per connection.
 */
@Extension
public final class ShopeeConnectorFactory implements ConnectorFactory {

    /** The permanent connector type id. */
    public static final String TYPE = "shopee";

    private static final ConfigSpec CONFIG = ConfigSpec.of(ShopeeConfig.PARTNER_ID, ShopeeConfig.PARTNER_KEY,
            ShopeeConfig.SHOP_ID, ShopeeConfig.ACCESS_TOKEN, ShopeeConfig.REFRESH_TOKEN, ShopeeConfig.API_BASE_URL,
            ShopeeConfig.CALLBACK_URL);

    private static final JsonNode FETCH_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["orderSn"],
             "properties":{"orderSn":{"type":"string","description":"The order_sn an order push named."}}}
            """);

    private static final JsonNode ORDER_GET_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["orderId"],
             "properties":{"orderId":{"type":"string","description":"The order's order_sn."}}}
            """);

    private static final JsonNode STOCK_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["quantity"],
             "properties":{
               "itemId":{"type":["string","integer"],"description":"Shopee's item_id; or give sku."},
               "modelId":{"type":["string","integer"],"description":"The variant's model_id with itemId (0 or absent: no variants)."},
               "sku":{"type":"string","description":"The seller SKU (model_sku or item_sku): every listing with it is set."},
               "quantity":{"type":["integer","string"],"description":"The new seller stock, 0 or more."}}}
            """);

    /** order.updated, and each push as shopee.push.<code> for the push codes of Shopee's guide. */
    private static final List<String> EMITS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of(EnvelopeTypes.ORDER_UPDATED),
            java.util.stream.IntStream.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15)
                    .mapToObj(code -> ShopeePushReceiver.TYPE_PREFIX + code)).toList();

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(TYPE, Category.MARKETPLACE,
            "Shopee shop",
            "Receives a Shopee shop's signed pushes, fetches the orders they name durably and emits order.updated; "
                    + "looks orders up and sets listings' stock by item id or seller SKU.",
            CONFIG,
            EMITS,
            List.of(new ActionSpec(Orders.FETCH, "Fetches the order an order push named (get_order_detail) and "
                            + "emits order.updated; the follow-up of codes 3 and 4.", FETCH_SCHEMA),
                    new ActionSpec(ActionNames.ORDER_GET, "Looks an order up by order_sn (get_order_detail).",
                            ORDER_GET_SCHEMA),
                    new ActionSpec(ActionNames.ITEM_STOCK_SET, "Sets a listing's seller stock (update_stock) by "
                            + "item id or seller SKU.", STOCK_SCHEMA)));

    /** For PF4J. */
    public ShopeeConnectorFactory() {
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** @throws io.ponte.api.config.ConfigException when the base URL has a query */
    @Override
    public Connector open(ConnectorContext context) {
        return new ShopeeConnector(ShopeeConfig.from(context.config()), context);
    }
}
