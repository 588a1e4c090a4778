package io.ponte.api.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A marketplace or shop order.
 *
 * @param orderId  the provider's order id; never null
 * @param status   the provider's status, normalized to lower case (e.g. {@code paid}, {@code shipped})
 * @param total    the order total, or null
 * @param currency ISO 4217 code, or null
 * @param buyer    the buyer, or null
 * @param items    the line items; never null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Order(String orderId, String status, BigDecimal total, String currency, Party buyer,
                    List<Item> items) implements Payload {

    /**
     * One line item.
     *
     * @param sku       the seller's SKU or the provider's item id
     * @param title     the title
     * @param quantity  how many
     * @param unitPrice the price of one, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String sku, String title, int quantity, BigDecimal unitPrice) {
    }

    /** Requires an id; null items means none. */
    public Order {
        Objects.requireNonNull(orderId, "orderId");
        items = items == null ? List.of() : List.copyOf(items);
    }
}
