package io.ponte.plugins.mercadolivre;

import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.PluginJson;

/**
 * {@code order.get} {@code {"orderId"}}: the seller's order as the hub's normalized {@code Order} JSON
 * ({@code orderId}, lower-case {@code status}, {@code total}, {@code currency}, {@code buyer}, {@code items}), what
 * an agent calls as a tool. An order of another seller is not found. Thread-safe.
 */
final class OrderLookup {

    private final MercadoLivreApi api;

    OrderLookup(MercadoLivreApi api) {
        this.api = api;
    }

    ActionResult get(ActionRequest request) {
        String orderId = request.input().path("orderId").asText("").strip().replaceFirst("^#", "");
        if (!orderId.matches("[0-9]{1,20}")) {
            throw ActionFailure.failed("order.get needs {\"orderId\"}: the Mercado Livre order number (digits)");
        }
        com.fasterxml.jackson.databind.JsonNode json = api.get("/orders/" + orderId);
        if (!api.config().sellerId().equals(Orders.sellerId(json))) {
            throw ActionFailure.failed("no order " + orderId + " of this seller");
        }
        Orders.Read read = Orders.read(json);
        return new ActionResult.Delivered(orderId, PluginJson.mapper().valueToTree(read.order()));
    }
}
