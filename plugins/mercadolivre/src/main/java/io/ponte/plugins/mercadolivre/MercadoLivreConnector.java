package io.ponte.plugins.mercadolivre;

import com.fasterxml.jackson.databind.JsonNode;
import io.ponte.api.action.ActionNames;
import io.ponte.api.action.ActionRequest;
import io.ponte.api.action.ActionResult;
import io.ponte.api.connector.Connector;
import io.ponte.api.connector.ConnectorContext;
import io.ponte.api.connector.Health;
import io.ponte.api.webhook.WebhookReceiver;
import io.ponte.kit.ActionFailure;
import io.ponte.kit.ActionTable;
import java.util.Objects;
import java.util.Optional;

/**
 * One seller connection: the notice receiver, the actions {@code notice.fetch} (the notices' follow-up),
 * {@code message.send}, {@code order.get} and {@code item.stock.set}, and a health check that reads the token's user
 * ({@code GET /users/me}). Its only mutable state is the access token ({@link OAuthTokens}); thread-safe.
 */
public final class MercadoLivreConnector implements Connector {

    private final MercadoLivreConfig config;
    private final String connectionId;
    private final MercadoLivreApi api;
    private final NoticeReceiver receiver;
    private final ActionTable actions;

    /**
     * Opens a seller connection.
     *
     * @param config  the connection's config
     * @param context the connection's context
     */
    public MercadoLivreConnector(MercadoLivreConfig config, ConnectorContext context) {
        this.config = Objects.requireNonNull(config, "config");
        this.connectionId = context.connectionId();
        this.api = new MercadoLivreApi(config, context);
        this.receiver = new NoticeReceiver(config, context.metrics());
        StockUpdate stock = new StockUpdate(api);
        this.actions = ActionTable.builder()
                .on(NoticeFetch.ACTION, new NoticeFetch(api, context)::fetch)
                .on(ActionNames.MESSAGE_SEND, new MessageSend(api, context)::send)
                .on(ActionNames.ORDER_GET, new OrderLookup(api)::get)
                .on(ActionNames.ITEM_STOCK_SET, stock::set)
                .on(ActionNames.ITEM_STOCK_ADJUST, new StockAdjust(api, stock, context.state())::adjust)
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

    /** UP when the token works and belongs to {@code sellerId}; DOWN with the reason otherwise. */
    @Override
    public Health health() {
        try {
            JsonNode me = api.get("/users/me");
            String id = Orders.text(me, "id");
            if (!config.sellerId().equals(id)) {
                return Health.down("the token belongs to Mercado Livre user " + id + ", not to sellerId "
                        + config.sellerId() + ": authorize the app with the seller's account");
            }
            String nickname = Orders.text(me, "nickname");
            return Health.up("Mercado Livre accepts the token of seller " + (nickname != null ? nickname : id));
        } catch (ActionFailure failure) {
            return switch (failure.result()) {
                case ActionResult.Retry r -> Health.down(r.reason());
                case ActionResult.Failed f -> Health.down(f.reason());
                case ActionResult.Delivered d -> Health.down("unexpected");
            };
        }
    }

    @Override
    public String toString() {
        return "MercadoLivreConnector[" + connectionId + ", seller " + config.sellerId() + "]";
    }
}
