package io.ponte.plugins.mercadolivre;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.KeyValueStore;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.PluginJson;

/**
 * {@code item.stock.adjust} {@code {"items":[{"sku" | "itemId","quantity"}], "direction":"decrease" | "increase"}}:
 * moves every listing of each SKU by the quantity, down by default — what a sale on another marketplace does to this
 * one's stock. {@code items} may also be the JSON text of that array, as a route renders an order's items with
 * {@code "{{{payload.items}}}"}, so one route keeps every line of an order in step.
 *
 * <p>Exactly once per delivery: the quantity each listing must reach is worked out on the first attempt and kept in
 * the connection's state under the delivery's idempotency key, so a retry (the answer of a {@code PUT} lost, say)
 * sets the same quantity again instead of lowering it twice. Output {@code {"items":[{"itemId","from","to"}]}}.
 * Thread-safe.
 */
final class StockAdjust {

    private static final int MAX_LINES = 100;

    private final MercadoLivreApi api;
    private final StockUpdate lookup;
    private final KeyValueStore state;

    StockAdjust(MercadoLivreApi api, StockUpdate lookup, KeyValueStore state) {
        this.api = api;
        this.lookup = lookup;
        this.state = state;
    }

    ActionResult adjust(ActionRequest request) {
        JsonNode lines = lines(request.input().get("items"));
        String direction = request.input().path("direction").asText("decrease");
        if (!direction.equals("decrease") && !direction.equals("increase")) {
            throw ActionFailure.failed("\"direction\" is decrease (the default) or increase");
        }
        int sign = direction.equals("decrease") ? -1 : 1;
        ArrayNode done = PluginJson.mapper().createArrayNode();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            JsonNode quantity = line.get("quantity");
            if (quantity == null || !quantity.canConvertToInt() || quantity.asInt() < 1) {
                throw ActionFailure.failed("items[" + i + "] needs \"quantity\": a whole number of at least 1");
            }
            for (String item : lookup.items(line)) {
                String key = "stock.adjust:" + request.idempotencyKey() + ":" + item;
                int from = api.get("/items/" + item).path("available_quantity").asInt(0);
                int to = state.get(key).map(Integer::parseInt).orElseGet(() -> {
                    int target = Math.max(0, from + sign * quantity.asInt());
                    state.put(key, Integer.toString(target));
                    return target;
                });
                api.send("PUT", "/items/" + item, PluginJson.mapper().createObjectNode()
                        .put("available_quantity", to));
                done.addObject().put("itemId", item).put("from", from).put("to", to);
            }
        }
        ObjectNode output = PluginJson.mapper().createObjectNode();
        output.set("items", done);
        return new ActionResult.Delivered(null, output);
    }

    private static JsonNode lines(JsonNode items) {
        JsonNode lines = items;
        if (items != null && items.isTextual()) {
            try {
                lines = PluginJson.mapper().readTree(items.textValue());
            } catch (JsonProcessingException e) {
                throw ActionFailure.failed("\"items\" is text that is not a JSON array of {\"sku\",\"quantity\"}");
            }
        }
        if (lines == null || !lines.isArray() || lines.isEmpty() || lines.size() > MAX_LINES) {
            throw ActionFailure.failed("item.stock.adjust needs \"items\": 1 to " + MAX_LINES + " lines of "
                    + "{\"sku\" or \"itemId\", \"quantity\"} (or their JSON text, such as \"{{{payload.items}}}\")");
        }
        return lines;
    }
}
