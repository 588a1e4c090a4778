package io.ponte.plugins.mercadolivre;

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
 * The {@code mercadolivre} connector type: one Mercado Livre (Mercado Libre) seller through the app's notices and
 * the seller's OAuth token. Stateless; opens one {@link MercadoLivreConnector} per connection.
 */
@Extension
public final class MercadoLivreConnectorFactory implements ConnectorFactory {

    /** The permanent connector type id. */
    public static final String TYPE = "mercadolivre";

    private static final ConfigSpec CONFIG = ConfigSpec.of(MercadoLivreConfig.CLIENT_ID,
            MercadoLivreConfig.CLIENT_SECRET, MercadoLivreConfig.REFRESH_TOKEN, MercadoLivreConfig.SELLER_ID,
            MercadoLivreConfig.API_BASE_URL, MercadoLivreConfig.TIMEOUT_SECONDS);

    private static final JsonNode FETCH_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["topic","id"],
             "properties":{
               "topic":{"enum":["orders_v2","questions","messages","items","payments","shipments"]},
               "id":{"type":"string","description":"The resource's id, as the notice named it."}}}
            """);

    private static final JsonNode SEND_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["to"],
             "properties":{
               "to":{"type":"string","description":"The conversation: q:<question id> answers the question (at most 2000 characters), pack:<pack id or order id> writes to the buyer after the sale (at most 350)."},
               "text":{"type":"string","maxLength":2000},
               "content":{"type":"object","description":"Normalized Content JSON; text only."},
               "conversation":{"type":"string","description":"Informational; ignored."}}}
            """);

    private static final JsonNode ORDER_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["orderId"],
             "properties":{"orderId":{"type":"string","description":"The Mercado Livre order number (digits)."}}}
            """);

    private static final JsonNode STOCK_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["quantity"],
             "properties":{
               "itemId":{"type":"string","description":"The listing's id, like MLB1234567890."},
               "sku":{"type":"string","description":"The seller's SKU; every listing with it is set."},
               "quantity":{"type":"integer","minimum":0,"maximum":99999}}}
            """);

    private static final JsonNode ADJUST_SCHEMA = PluginJson.schema("""
            {"type":"object","required":["items"],
             "properties":{
               "items":{"description":"The order's lines, or their JSON text (a route's \\"{{{payload.items}}}\\").",
                 "oneOf":[{"type":"string"},{"type":"array","minItems":1,"maxItems":100,"items":{"type":"object",
                   "required":["quantity"],"properties":{"sku":{"type":"string"},"itemId":{"type":"string"},
                   "quantity":{"type":"integer","minimum":1}}}}]},
               "direction":{"enum":["decrease","increase"],"default":"decrease"}}}
            """);

    private static final ConnectorDescriptor DESCRIPTOR = new ConnectorDescriptor(TYPE, Category.MARKETPLACE,
            "Mercado Livre seller",
            "Receives a Mercado Livre seller's notices (orders, questions, post-sale messages, listings, payments, "
                    + "shipments), fetches each resource with the seller's token and emits orders, buyers' "
                    + "messages and listing changes; answers questions, writes to buyers, looks orders up and sets "
                    + "stock.",
            CONFIG,
            List.of(NoticeReceiver.NOTICE, EnvelopeTypes.ORDER_UPDATED, EnvelopeTypes.MESSAGE_INBOUND,
                    EnvelopeTypes.MESSAGE_STATUS, EnvelopeTypes.ITEM_UPDATED),
            List.of(new ActionSpec(NoticeFetch.ACTION,
                            "Fetches the resource a notice named and emits what it is now (run by the hub after a "
                                    + "notice is stored).", FETCH_SCHEMA),
                    new ActionSpec(ActionNames.MESSAGE_SEND,
                            "Answers a buyer's question or writes in a sale's post-sale conversation.", SEND_SCHEMA),
                    new ActionSpec(ActionNames.ORDER_GET, "Looks one of the seller's orders up (normalized).",
                            ORDER_SCHEMA),
                    new ActionSpec(ActionNames.ITEM_STOCK_SET,
                            "Sets a listing's available quantity, by item id or seller SKU.", STOCK_SCHEMA),
                    new ActionSpec(ActionNames.ITEM_STOCK_ADJUST, "Lowers (or raises) the available quantity of "
                            + "every listing of each SKU by an order's quantities, once per delivery.",
                            ADJUST_SCHEMA)));

    /** For PF4J. */
    public MercadoLivreConnectorFactory() {
    }

    @Override
    public ConnectorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** @throws io.ponte.api.config.ConfigException when the base URL has a query */
    @Override
    public Connector open(ConnectorContext context) {
        return new MercadoLivreConnector(MercadoLivreConfig.from(context.config()), context);
    }
}
