package io.ponte.plugins.mercadolivre;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.PluginJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code item.stock.set} {@code {"itemId" | "sku", "quantity"}}: sets a listing's {@code available_quantity}
 * ({@code PUT /items/{id}}). A SKU is looked up among the seller's listings
 * ({@code GET /users/{seller}/items/search?seller_sku=}) and every listing with it is set. Output
 * {@code {"items":[...],"quantity"}}. Thread-safe.
 */
final class StockUpdate {

    private static final int MAX_QUANTITY = 99_999;

    private final MercadoLivreApi api;

    StockUpdate(MercadoLivreApi api) {
        this.api = api;
    }

    ActionResult set(ActionRequest request) {
        JsonNode input = request.input();
        JsonNode quantity = input.get("quantity");
        if (quantity == null || !quantity.canConvertToInt() || !quantity.isIntegralNumber()
                || quantity.asInt() < 0 || quantity.asInt() > MAX_QUANTITY) {
            throw ActionFailure.failed("item.stock.set needs \"quantity\": a whole number from 0 to " + MAX_QUANTITY);
        }
        List<String> items = items(input);
        ObjectNode body = PluginJson.mapper().createObjectNode().put("available_quantity", quantity.asInt());
        for (String item : items) {
            api.send("PUT", "/items/" + item, body);
        }
        ObjectNode output = PluginJson.mapper().createObjectNode().put("quantity", quantity.asInt());
        items.forEach(output.putArray("items")::add);
        return new ActionResult.Delivered(String.join(",", items), output);
    }

    List<String> items(JsonNode input) {
        String itemId = input.path("itemId").asText("").strip();
        if (!itemId.isEmpty()) {
            if (!itemId.matches("[A-Z]{3}[0-9]{1,20}")) {
                throw ActionFailure.failed("\"itemId\" must be a Mercado Livre item id such as MLB1234567890");
            }
            return List.of(itemId);
        }
        String sku = input.path("sku").asText("").strip();
        if (sku.isEmpty() || sku.length() > 100) {
            throw ActionFailure.failed("item.stock.set needs \"itemId\" or \"sku\" (the seller's SKU)");
        }
        JsonNode found = api.get("/users/" + api.config().sellerId() + "/items/search?seller_sku="
                + URLEncoder.encode(sku, StandardCharsets.UTF_8));
        List<String> items = new ArrayList<>();
        for (JsonNode r : found.path("results")) {
            if (r.isTextual() && r.asText().matches("[A-Z]{3}[0-9]{1,20}")) {
                items.add(r.asText());
            }
        }
        if (items.isEmpty()) {
            throw ActionFailure.failed("no listing of this seller has SKU " + sku);
        }
        return items;
    }
}
