package io.ponte.plugins.mercadolivre;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.message.Order;
import io.ponte.api.message.Party;
import io.ponte.kit.ActionFailure;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Mercado Livre's order JSON ({@code GET /orders/{id}}) read into the hub's {@link Order}: status in lower case,
 * {@code total_amount} and {@code unit_price} as exact decimals, the buyer's user id as the buyer's address and
 * nickname (or first and last name) as name, each line's {@code seller_sku} (else the item id) as its SKU. Stateless.
 */
final class Orders {

    private Orders() {
    }

    /**
     * One order as read.
     *
     * @param order       the normalized order
     * @param packId      the cart's {@code pack_id}, or null for an order on its own
     * @param buyerId     the buyer's user id, or null
     * @param buyerPhone  the buyer's phone as digits ({@code area_code} + {@code number}), or null when the order
     *                    carries none
     * @param lastUpdated {@code date_last_updated} (else {@code date_closed}, else {@code date_created}) as written,
     *                    or null
     */
    record Read(Order order, String packId, String buyerId, String buyerPhone, String lastUpdated) {

        /** Where the order's post-sale conversation lives: its pack, else the order itself. */
        String packKey() {
            return packId != null ? packId : order.orderId();
        }

        /** When it last changed, if Mercado Livre said so in a form the hub can store. */
        Instant lastUpdatedAt() {
            return instant(lastUpdated);
        }
    }

    /**
     * Reads an order.
     *
     * @throws ActionFailure failed when the JSON has no id or status
     */
    static Read read(JsonNode json) {
        String id = text(json, "id");
        String status = text(json, "status");
        if (id == null || status == null) {
            throw ActionFailure.failed("Mercado Livre's order has no id or status");
        }
        JsonNode buyer = json.path("buyer");
        String buyerId = text(buyer, "id");
        Party party = buyerId == null ? null : new Party(buyerId, buyerName(buyer));
        List<Order.Item> items = new ArrayList<>();
        for (JsonNode line : json.path("order_items")) {
            JsonNode item = line.path("item");
            String sku = text(item, "seller_sku");
            items.add(new Order.Item(sku != null ? sku : text(item, "id"), text(item, "title"),
                    line.path("quantity").asInt(0), decimal(line.get("unit_price"))));
        }
        Order order = new Order(id, status.toLowerCase(Locale.ROOT), decimal(json.get("total_amount")),
                text(json, "currency_id"), party, items);
        String lastUpdated = first(text(json, "date_last_updated"), text(json, "date_closed"),
                text(json, "date_created"));
        return new Read(order, text(json, "pack_id"), buyerId, phone(buyer), lastUpdated);
    }

    /** The seller's id the order names, or null. */
    static String sellerId(JsonNode json) {
        return text(json.path("seller"), "id");
    }

    private static String buyerName(JsonNode buyer) {
        String nickname = text(buyer, "nickname");
        if (nickname != null) {
            return nickname;
        }
        String name = String.join(" ", java.util.stream.Stream.of(text(buyer, "first_name"),
                text(buyer, "last_name")).filter(java.util.Objects::nonNull).toList());
        return name.isBlank() ? null : name;
    }

    private static String phone(JsonNode buyer) {
        JsonNode phone = buyer.path("phone");
        String digits = (phone.path("area_code").asText("") + phone.path("number").asText(""))
                .replaceAll("[^0-9]", "");
        return digits.length() >= 6 ? digits : null;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** A Mercado Livre date-time ({@code 2026-01-05T10:32:15.000-03:00}), or null when absent or unreadable. */
    static Instant instant(String text) {
        try {
            return text == null ? null : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A field's value as text, or null when absent, null, not a value or blank. */
    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isValueNode() && !v.isNull() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static BigDecimal decimal(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        try {
            return new BigDecimal(v.asText());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
