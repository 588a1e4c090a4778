package io.ponte.plugins.shopee;

import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.kit.ActionTable;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One Shopee shop: the push receiver, the actions {@value Orders#FETCH} (an order push's follow-up),
 * {@code order.get} and {@code item.stock.set}, and a {@code v2.shop.get_shop_info} health check. No
 * {@code message.send}: Shopee's seller chat API is not open to every App (see the plugin README). Holds no
 * mutable state of its own (the rotated tokens live in the connection's secret store); thread-safe.
 */
public final class ShopeeConnector implements Connector {

    static final String SHOP_INFO_PATH = "/api/v2/shop/get_shop_info";

    private final ShopeeConfig config;
    private final String connectionId;
    private final ShopeeClient client;
    private final ShopeePushReceiver receiver;
    private final ActionTable actions;

    /**
     * Opens a shop connection.
     *
     * @param config  the connection's config
     * @param context the connection's context (its secret store keeps the rotated tokens)
     */
    public ShopeeConnector(ShopeeConfig config, ConnectorContext context) {
        this.config = Objects.requireNonNull(config, "config");
        this.connectionId = context.connectionId();
        this.client = new ShopeeClient(config, context);
        this.receiver = new ShopeePushReceiver(config, context);
        Orders orders = new Orders(client, context.emitter(), config.shopId());
        this.actions = ActionTable.builder()
                .on(Orders.FETCH, orders::fetch)
                .on(ActionNames.ORDER_GET, orders::get)
                .on(ActionNames.ITEM_STOCK_SET, new ItemStock(client)::set)
                .build();
    }

    @Override
    public Optional<WebhookReceiver> webhook() {
        return Optional.of(receiver);
    }

    @Override
    public ActionResult invoke(ActionRequest request) {
        return actions.invoke(request);
    }

    /** {@code get_shop_info}: UP with the shop's name, DOWN with the reason when the call does not work. */
    @Override
    public Health health() {
        ActionResult result = client.get(SHOP_INFO_PATH, Map.of(), answer -> ActionResult.delivered(
                answer.path("shop_name").asText("shop " + config.shopId())));
        return switch (result) {
            case ActionResult.Delivered delivered -> Health.up("Shopee shop " + delivered.externalRef());
            case ActionResult.Retry retry -> Health.down(retry.reason());
            case ActionResult.Failed failed -> Health.down(failed.reason());
        };
    }

    @Override
    public String toString() {
        return "ShopeeConnector[" + connectionId + ", shop " + config.shopId() + "]";
    }
}
