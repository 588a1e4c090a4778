package io.ponte.plugins.shopee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.PluginJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code item.stock.set} action: sets a listing's seller stock with {@code v2.product.update_stock}
 * ({@code {"item_id", "stock_list":[{"model_id", "seller_stock":[{"stock"}]}]}}), one call per item.
 * <ul>
 *   <li>{@code {"itemId", "modelId"?, "quantity"}}: that item (model 0, Shopee's "no variants", when absent);</li>
 *   <li>{@code {"sku", "quantity"}}: every listing of the shop with that seller SKU, found as Shopee's guide says:
 *       {@code v2.product.search_item} by {@code item_sku}, then {@code v2.product.get_model_list} of each item found:
 *       its models whose {@code model_sku} is the SKU, or model 0 when the item has no variants.</li>
 * </ul>
 * Output: {@code {"updated":[{"itemId","modelId","stock"}]}}. A SKU no listing has, or a model Shopee lists in
 * {@code failure_list}, fails with Shopee's reason. Stateless; thread-safe.
 */
final class ItemStock {

    static final String UPDATE_PATH = "/api/v2/product/update_stock";
    static final String SEARCH_PATH = "/api/v2/product/search_item";
    static final String MODELS_PATH = "/api/v2/product/get_model_list";
    /** At most this many listings share one SKU before the action refuses to guess. */
    static final int MAX_ITEMS = 20;

    private final ShopeeClient client;

    ItemStock(ShopeeClient client) {
        this.client = client;
    }

    ActionResult set(ActionRequest request) {
        JsonNode input = request.input();
        JsonNode quantity = input.get("quantity");
        if (quantity == null || !(quantity.isIntegralNumber() || quantity.isTextual())
                || !quantity.asText().matches("[0-9]{1,9}")) {
            throw invalid("quantity must be a whole number of 0 or more");
        }
        int stock = Integer.parseInt(quantity.asText());
        Map<Long, List<Long>> targets = new LinkedHashMap<>();
        if (input.hasNonNull("itemId")) {
            targets.put(id(input.get("itemId"), "itemId"),
                    List.of(input.hasNonNull("modelId") ? id(input.get("modelId"), "modelId") : 0L));
        } else if (input.hasNonNull("sku") && !input.get("sku").asText().isBlank()) {
            targets.putAll(bySku(input.get("sku").asText()));
        } else {
            throw invalid("give itemId (and modelId for a variant) or sku");
        }
        ArrayNode updated = PluginJson.mapper().createArrayNode();
        for (Map.Entry<Long, List<Long>> target : targets.entrySet()) {
            ActionResult result = update(target.getKey(), target.getValue(), stock, updated);
            if (!(result instanceof ActionResult.Delivered)) {
                return result;
            }
        }
        ObjectNode output = PluginJson.mapper().createObjectNode();
        output.set("updated", updated);
        return new ActionResult.Delivered(String.join(",", targets.keySet().stream().map(String::valueOf).toList()),
                output);
    }

    private ActionResult update(long itemId, List<Long> models, int stock, ArrayNode updated) {
        ObjectNode body = PluginJson.mapper().createObjectNode().put("item_id", itemId);
        ArrayNode list = body.putArray("stock_list");
        for (long model : models) {
            list.addObject().put("model_id", model).putArray("seller_stock").addObject().put("stock", stock);
        }
        return client.post(UPDATE_PATH, body, answer -> {
            JsonNode response = answer.path("response");
            List<String> failures = new ArrayList<>();
            for (JsonNode f : response.path("failure_list")) {
                failures.add("model " + f.path("model_id").asLong() + ": " + f.path("failed_reason").asText());
            }
            if (!failures.isEmpty()) {
                return ActionResult.failed("update_stock: Shopee refused item " + itemId + " " + failures);
            }
            for (JsonNode s : response.path("success_list")) {
                updated.addObject().put("itemId", itemId).put("modelId", s.path("model_id").asLong())
                        .put("stock", s.path("stock").asInt(stock));
            }
            return ActionResult.delivered(String.valueOf(itemId));
        });
    }

    /** Every item and model of the shop with this seller SKU. */
    private Map<Long, List<Long>> bySku(String sku) {
        List<Long> items = new ArrayList<>();
        orThrow(client.get(SEARCH_PATH, Map.of("item_sku", sku, "page_size", "100", "offset", "0"), answer -> {
            answer.path("response").path("item_id_list").forEach(id -> items.add(id.asLong()));
            return ActionResult.delivered(null);
        }));
        if (items.size() > MAX_ITEMS) {
            throw invalid(items.size() + " listings match SKU " + sku + "; give itemId instead");
        }
        Map<Long, List<Long>> targets = new LinkedHashMap<>();
        for (long item : items) {
            List<Long> models = new ArrayList<>();
            boolean[] variants = {false};
            orThrow(client.get(MODELS_PATH, Map.of("item_id", Long.toString(item)), answer -> {
                for (JsonNode m : answer.path("response").path("model")) {
                    variants[0] = true;
                    if (sku.equals(m.path("model_sku").asText())) {
                        models.add(m.path("model_id").asLong());
                    }
                }
                return ActionResult.delivered(null);
            }));
            if (!variants[0]) {
                models.add(0L);
            }
            if (!models.isEmpty()) {
                targets.put(item, models);
            }
        }
        if (targets.isEmpty()) {
            throw ActionFailure.failed(ActionNames.ITEM_STOCK_SET + ": no listing of this shop has SKU " + sku);
        }
        return targets;
    }

    private static void orThrow(ActionResult result) {
        switch (result) {
            case ActionResult.Delivered d -> { }
            case ActionResult.Retry r -> throw ActionFailure.retryAfter(r.after(), r.reason());
            case ActionResult.Failed f -> throw ActionFailure.failed(f.reason());
        }
    }

    private static long id(JsonNode value, String field) {
        String text = value.asText();
        if (!text.matches("[0-9]{1,19}")) {
            throw invalid(field + " must be a Shopee id (digits)");
        }
        return Long.parseLong(text);
    }

    private static ActionFailure invalid(String reason) {
        return ActionFailure.failed(ActionNames.ITEM_STOCK_SET + ": " + reason);
    }
}
