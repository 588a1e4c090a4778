package io.ponte.plugins.shopee;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Emitter;
import io.ponte.api.message.EnvelopeDraft;
import io.ponte.api.message.EnvelopeTypes;
import io.ponte.api.message.Order;
import io.ponte.api.message.Party;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.Emissions;
import io.ponte.kit.PluginJson;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The order actions, both reading {@code v2.order.get_order_detail} (with {@code buyer_user_id},
 * {@code buyer_username}, {@code item_list} and {@code total_amount}):
 * <ul>
 *   <li>{@value #FETCH} {@code {"orderSn"}}: the follow-up of an order push; emits {@code order.updated} with the
 *       order as it is now, {@code externalId} {@code <order_sn>:<order_status>:<update_time>}, so fetching one
 *       state twice stores it once;</li>
 *   <li>{@code order.get} {@code {"orderId"}}: answers the order as output, emits nothing.</li>
 * </ul>
 * The {@link Order}'s status is Shopee's {@code order_status} in lower case ({@code ready_to_ship}); an item's SKU is
 * its {@code model_sku}, else its {@code item_sku}, else {@code <item_id>} or {@code <item_id>/<model_id>}; its
 * quantity {@code model_quantity_purchased} and unit price {@code model_discounted_price}. Stateless; thread-safe.
 */
final class Orders {

    /** The follow-up action of an order push. */
    static final String FETCH = "order.fetch";
    static final String DETAIL_PATH = "/api/v2/order/get_order_detail";
    static final String OPTIONAL_FIELDS = "buyer_user_id,buyer_username,item_list,total_amount";

    private final ShopeeClient client;
    private final Emitter emitter;
    private final String shopId;

    Orders(ShopeeClient client, Emitter emitter, String shopId) {
        this.client = client;
        this.emitter = emitter;
        this.shopId = shopId;
    }

    ActionResult fetch(ActionRequest request) {
        String orderSn = orderSn(request.input(), "orderSn", FETCH);
        return client.get(DETAIL_PATH, params(orderSn), answer -> {
            JsonNode order = only(answer, orderSn);
            EnvelopeDraft draft = EnvelopeDraft.builder(EnvelopeTypes.ORDER_UPDATED, order(order))
                    .externalId(orderSn + ":" + order.path("order_status").asText() + ":"
                            + order.path("update_time").asLong())
                    .occurredAt(order.hasNonNull("update_time")
                            ? Instant.ofEpochSecond(order.get("update_time").asLong()) : null)
                    .causationId(request.cause() == null ? null : request.cause().id())
                    .attribute("shopId", shopId)
                    .attribute("orderStatus", order.path("order_status").asText(null))
                    .attribute("region", order.path("region").asText(null))
                    .build();
            Emissions.await(emitter, List.of(draft), Duration.ofSeconds(20));
            return new ActionResult.Delivered(draft.externalId(), PluginJson.mapper().valueToTree(draft.payload()));
        });
    }

    ActionResult get(ActionRequest request) {
        String orderSn = orderSn(request.input(), "orderId", ActionNames.ORDER_GET);
        return client.get(DETAIL_PATH, params(orderSn), answer -> new ActionResult.Delivered(orderSn,
                PluginJson.mapper().valueToTree(order(only(answer, orderSn)))));
    }

    /** Shopee's order as the hub's {@link Order}. */
    static Order order(JsonNode o) {
        List<Order.Item> items = new ArrayList<>();
        for (JsonNode i : o.path("item_list")) {
            items.add(new Order.Item(sku(i), text(i, "item_name"), i.path("model_quantity_purchased").asInt(0),
                    decimal(i.get("model_discounted_price"))));
        }
        Party buyer = null;
        if (o.hasNonNull("buyer_user_id")) {
            buyer = new Party(o.get("buyer_user_id").asText(), text(o, "buyer_username"));
        }
        return new Order(o.path("order_sn").asText(), o.path("order_status").asText("").toLowerCase(Locale.ROOT),
                decimal(o.get("total_amount")), text(o, "currency"), buyer, items);
    }

    /** The seller's SKU of a line: the model's, else the item's, else Shopee's ids. */
    static String sku(JsonNode item) {
        String model = text(item, "model_sku");
        if (model != null) {
            return model;
        }
        String sku = text(item, "item_sku");
        if (sku != null) {
            return sku;
        }
        long modelId = item.path("model_id").asLong(0);
        return item.path("item_id").asText() + (modelId == 0 ? "" : "/" + modelId);
    }

    private static Map<String, String> params(String orderSn) {
        return Map.of("order_sn_list", orderSn, "response_optional_fields", OPTIONAL_FIELDS);
    }

    private static JsonNode only(JsonNode answer, String orderSn) {
        for (JsonNode o : answer.path("response").path("order_list")) {
            if (orderSn.equals(o.path("order_sn").asText())) {
                return o;
            }
        }
        throw ActionFailure.failed("Shopee has no order " + orderSn + " in this shop");
    }

    private static String orderSn(JsonNode input, String field, String action) {
        String value = input.path(field).asText("");
        if (!value.matches("[A-Za-z0-9]{1,64}")) {
            throw ActionFailure.failed(action + ": " + field + " must be a Shopee order_sn (letters and digits)");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    private static BigDecimal decimal(JsonNode v) {
        if (v == null || !v.isNumber()) {
            return null;
        }
        return new BigDecimal(v.asText());
    }
}
